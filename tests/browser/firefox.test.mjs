// The Firefox build of the extension in Debian's Firefox ESR (/usr/bin/firefox-esr, headless),
// driven over WebDriver BiDi, the protocol Firefox speaks itself (no geckodriver, no
// playwright Firefox build): the shipped dist/extension-firefox/ is installed as a temporary
// add-on (webExtension.install), then the test build dist/extension-firefox-test/ (the same
// files, with TEST_BUILD = true, host permissions for 127.0.0.1 and popup.html
// web-accessible) in its place. The popup is opened as a tab acting on a fixture page served
// on 127.0.0.1: BiDi refuses to navigate to moz-extension: URLs, so the fixture page opens it.
// External requests go to a dead proxy. FIREFOX overrides the binary.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIREFOX, launchFirefox } from './firefox.mjs';
import { FIXTURES, REPO, collapse, fixture, serve } from './helpers.mjs';
const SHIPPED = path.join(REPO, 'dist/extension-firefox');
const TEST_BUILD = path.join(REPO, 'dist/extension-firefox-test');
const ADDON_ID = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
/** The add-on's moz-extension: host, fixed through a pref (otherwise random per profile). */
const UUID = '0c5e2a7b-3f14-4d9a-9b6e-7e1d2c4f8a10';
const POPUP = `moz-extension://${UUID}/popup.html`;

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {() => Promise<void>} */
let closeFirefox;
/** @type {import('./firefox.mjs').Bidi} */
let bidi;
/** What Firefox says it is (from session.new). */
let capabilities = /** @type {{ browserName: string, browserVersion: string }} */ ({});
/** Error-level console entries of the add-on's pages. */
const addonErrors = [];

/** Browsing contexts that show the popup (for the console errors below). */
const popupContexts = new Set();

before(async () => {
  assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} not found: scripts/setup.sh installs Debian's firefox-esr`);
  for (const dir of [SHIPPED, TEST_BUILD]) {
    assert.ok(fs.existsSync(path.join(dir, 'manifest.json')), `${dir} is missing: run node scripts/build-extension.mjs`);
  }
  server = await serve(FIXTURES);
  ({ bidi, capabilities, close: closeFirefox } = await launchFirefox({
    prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }) },
  }));
  await bidi.send('session.subscribe', { events: ['log.entryAdded'] });
  bidi.listeners.push((e) => {
    if (e.method !== 'log.entryAdded' || e.params.level !== 'error') return;
    const where = JSON.stringify(e.params.stackTrace ?? '') + (e.params.source?.context ?? '');
    if (where.includes('moz-extension://') || popupContexts.has(e.params.source?.context)) addonErrors.push(e.params.text);
  });
});

after(async () => {
  await closeFirefox?.();
  await server?.stop();
});

/** Every file under `dir`, relative, sorted. */
function tree(dir, base = dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? tree(path.join(dir, d.name), base) : [path.relative(base, path.join(dir, d.name))]))
    .sort();
}

/**
 * Opens a fixture page in a new tab, then the popup acting on it: the page opens popup.html
 * (web-accessible in the test build), which finds the page's tab id and reloads itself with
 * ?tabId=N. Returns both contexts once the popup shows an outcome.
 */
async function openPopupOn(name) {
  const pageUrl = `${server.url}${name}/source.html`;
  const { context: page } = await bidi.send('browsingContext.create', { type: 'tab' });
  await bidi.send('browsingContext.navigate', { context: page, url: pageUrl, wait: 'interactive' });
  const known = new Set((await bidi.contexts()).map((c) => c.context));
  await bidi.evaluate(page, `window.open(${JSON.stringify(POPUP)}), true`, { userActivation: true });
  let popup = null;
  const deadline = Date.now() + 15_000;
  while (!popup && Date.now() < deadline) {
    popup = (await bidi.contexts()).find((c) => !known.has(c.context) && c.url.startsWith(POPUP))?.context ?? null;
    if (!popup) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(popup, 'the popup page did not open');
  popupContexts.add(popup);
  await bidi.waitFor(popup, `typeof browser === 'object' && !!browser.tabs`, 'the extension API in the popup');
  const tabId = await bidi.evaluate(
    popup,
    `browser.tabs.query({}).then((tabs) => {
       const tab = tabs.find((t) => t.url === ${JSON.stringify(pageUrl)});
       if (tab) location.replace('popup.html?tabId=' + tab.id);
       return tab ? tab.id : null;
     })`,
  );
  if (!Number.isInteger(tabId)) {
    const permissions = await bidi.evaluate(popup, 'browser.permissions.getAll().then(JSON.stringify)');
    assert.fail(`no tab with ${pageUrl} (tab URLs need the host permission; the add-on has ${permissions})`);
  }
  await bidi.waitFor(popup, `location.search === '?tabId=${tabId}' && document.readyState === 'complete' && document.body.dataset.state !== 'loading' && document.body.dataset.state`, 'the popup to read the page');
  return { page, popup, pageUrl };
}

/** What the popup shows. */
async function popupView(popup) {
  return JSON.parse(
    await bidi.evaluate(
      popup,
      `JSON.stringify({
         state: document.body.dataset.state,
         title: document.querySelector('[data-testid=title]').innerText,
         meta: document.querySelector('[data-testid=meta]').innerText,
         length: document.querySelector('[data-testid=length]').innerText,
         summary: document.querySelector('[data-testid=summary]').innerText,
         message: document.querySelector('[data-testid=message-text]')?.innerText ?? '',
       })`,
    ),
  );
}

describe('the Firefox build in Firefox ESR', () => {
  test('the test build is the shipped Firefox build plus the test switches', () => {
    const shipped = tree(SHIPPED);
    assert.deepEqual(tree(TEST_BUILD), shipped);
    for (const f of shipped) {
      if (f === 'manifest.json' || f === 'build-flags.js') continue;
      assert.ok(fs.readFileSync(path.join(TEST_BUILD, f)).equals(fs.readFileSync(path.join(SHIPPED, f))), `${f} differs`);
    }
    const a = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'manifest.json'), 'utf8'));
    const b = JSON.parse(fs.readFileSync(path.join(TEST_BUILD, 'manifest.json'), 'utf8'));
    const { name, host_permissions: hosts, web_accessible_resources: war, ...rest } = b;
    assert.equal(name, `${a.name} (test build)`);
    assert.ok(hosts.includes('http://127.0.0.1/*'));
    assert.deepEqual(war, [{ resources: ['popup.html'], matches: ['http://127.0.0.1/*'] }]);
    assert.deepEqual({ ...rest, name: a.name }, a, 'otherwise the same manifest');
  });

  test('Firefox installs the test build as a temporary add-on', async () => {
    assert.equal(capabilities.browserName, 'firefox');
    assert.ok(Number.parseInt(capabilities.browserVersion, 10) >= 128, `Firefox ${capabilities.browserVersion}`);
    // A fresh install (an update over another build would not get the new host permissions).
    const { extension } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: TEST_BUILD } });
    assert.equal(extension, ADDON_ID);
  });

  for (const name of ['blog--comments', 'rtl--arabic-news', 'news--military-times']) {
    test(`the popup reads ${name} on 127.0.0.1: title, byline, length, first lines; the reader view opens`, async () => {
      const f = fixture(name);
      const { page, popup } = await openPopupOn(name);
      const view = await popupView(popup);
      assert.equal(view.state, 'article', view.message);
      assert.equal(collapse(view.title), collapse(f.expect.title));
      if (f.expect.byline) assert.ok(view.meta.includes(f.expect.byline), `meta: ${view.meta}`);
      assert.match(view.length, /^[\d,]+ words · \d+ min read$/);
      assert.ok(collapse(view.summary).length > 80, `summary: ${view.summary}`);

      // "Open reader view": the overlay opens in the page's tab, with the article.
      await bidi.evaluate(popup, `document.querySelector('[data-testid=open-reader]').click(), true`, { userActivation: true });
      const overlayTitle = await bidi.waitFor(
        page,
        `(() => { const r = document.getElementById('pith-reader')?.shadowRoot; return r?.querySelector('article') ? r.getElementById('pr-title')?.textContent ?? '' : null; })()`,
        'the reader view in the page',
      );
      assert.equal(collapse(overlayTitle), collapse(f.expect.title));
      const body = await bidi.evaluate(page, `document.getElementById('pith-reader').shadowRoot.querySelector('article').innerText`);
      assert.ok(collapse(body).includes(collapse(f.expect.include_in_order.at(-1))), 'the overlay has the article body');
      await bidi.send('browsingContext.close', { context: popup });
      await bidi.send('browsingContext.close', { context: page });
    });
  }

  test('a listing page: the popup says it does not look like an article', async () => {
    const { page, popup } = await openPopupOn('listing--category-page');
    const view = await popupView(popup);
    assert.equal(view.state, 'message');
    assert.match(view.message, /This page doesn't look like an article/);
    await bidi.send('browsingContext.close', { context: popup });
    await bidi.send('browsingContext.close', { context: page });
  });

  test('Firefox installs the shipped build as a temporary add-on', async () => {
    await bidi.send('webExtension.uninstall', { extension: ADDON_ID });
    const { extension } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: SHIPPED } });
    assert.equal(extension, ADDON_ID);
  });

  test('the add-on logged no errors', () => {
    assert.deepEqual(addonErrors, []);
  });
});
