// The browser extension in headless Chromium: the test build (dist/extension-test/, made by
// scripts/build-extension.mjs from the same sources as the shipped one) loaded unpacked,
// and the shipped build beside it. Headless Chromium has no toolbar to click, so the popup
// is opened as a tab with ?tabId=N (honoured by the test build only) and the keyboard
// shortcut's handler is called in the service worker. The fixture pages are served from
// 127.0.0.1 (the test build's host permission); external requests are refused.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, afterEach, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  CHROMIUM,
  FIXTURES,
  REPO,
  assertInOrder,
  assertNoneOf,
  collapse,
  fixture,
  fixtureNames,
  screenshot,
  serve,
  watchErrors,
  cliMarkdown,
  markdownHeader,
} from './helpers.mjs';

const DIST = path.join(REPO, 'dist');
const TEST_BUILD = path.join(DIST, 'extension-test');
const SHIPPED = path.join(DIST, 'extension');
const FIREFOX = path.join(DIST, 'extension-firefox');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const VERSION = readJson(path.join(SHIPPED, 'manifest.json')).version;

const OFF_LIMITS = /Pith can't read this page: browser pages and the extension store are off limits to extensions\./;
const NOT_AN_ARTICLE = /This page doesn't look like an article/;

/** Pages with an article (the listing page is the one without). */
const ARTICLES = fixtureNames().filter((n) => fixture(n).expect.readerable !== false);

let server;
let context;
let profile;
let worker;
let extensionId;
let shippedId;
/** Console errors of extension pages and the service worker. */
const extensionErrors = [];

before(async () => {
  for (const dir of [TEST_BUILD, SHIPPED, FIREFOX]) {
    assert.ok(fs.existsSync(path.join(dir, 'manifest.json')), `${dir} is missing: run node scripts/build-extension.mjs`);
  }
  server = await serve(FIXTURES);
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-extension-'));
  const both = `${TEST_BUILD},${SHIPPED}`;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Playwright passes --disable-extensions unless told not to.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new',
      `--disable-extensions-except=${both}`,
      `--load-extension=${both}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  context.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) {
      extensionErrors.push(`${m.location().url}: ${m.text()}`);
    }
  });
  context.on('weberror', (e) => {
    const url = e.page()?.url() ?? '';
    if (url.startsWith('chrome-extension://')) extensionErrors.push(`${url}: ${e.error().message}`);
  });
  // The fixture pages name images and scripts on hosts this closed network cannot reach.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());

  const workers = new Map();
  const seen = (w) => workers.set(w.url(), w);
  context.serviceWorkers().forEach(seen);
  context.on('serviceworker', seen);
  const deadline = Date.now() + 15_000;
  while (workers.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const w of workers.values()) {
    const isTest = await w.evaluate(() => chrome.runtime.getManifest().name.includes('test build'));
    if (isTest) worker = w;
    else shippedId = new URL(w.url()).host;
  }
  assert.ok(worker, 'the test build\'s service worker did not start');
  assert.ok(shippedId, 'the shipped build\'s service worker did not start');
  extensionId = new URL(worker.url()).host;
  worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`service worker: ${m.text()}`);
  });
  // (Chromium refuses to grant to a chrome-extension:// origin by name: "opaque origin".)
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** Tabs a test opened, closed after it whether it passed or not. */
const opened = new Set();
afterEach(async () => {
  for (const page of opened) await page.close().catch(() => {});
  opened.clear();
});

after(async () => {
  await context?.close().catch(() => {});
  await server?.stop();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// helpers

/** Opens `url` in a new tab; returns the page and its tab id (asked of the extension). */
async function openTab(url) {
  const page = await context.newPage();
  opened.add(page);
  await page.goto(url).catch(() => {}); // chrome:// and blocked pages still make a tab
  const tabId = await worker.evaluate(async (href) => {
    // Tab ids only grow: the newest tab with this URL is this one. The test build sees the
    // URLs of 127.0.0.1 and localhost pages only; the others are the newest without one.
    const tabs = (await chrome.tabs.query({})).sort((a, b) => b.id - a.id);
    return (tabs.find((t) => t.url === href) ?? tabs.find((t) => !t.url))?.id;
  }, page.url());
  assert.ok(Number.isInteger(tabId), `no tab id for ${url}`);
  return { page, tabId };
}

/** Opens the popup as a tab, acting on `tabId`; waits until it shows an outcome. */
async function openPopup(tabId, { id = extensionId, colorScheme = 'light' } = {}) {
  const popup = await context.newPage();
  opened.add(popup);
  await popup.emulateMedia({ colorScheme });
  await popup.setViewportSize({ width: 380, height: 560 });
  const errors = watchErrors(popup);
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout: 15_000 });
  return { popup, errors, state: await popup.evaluate(() => document.body.dataset.state) };
}

const text = (page, id) => page.getByTestId(id).innerText();

/** A screenshot of the popup as the browser would size it (its body), or of a tab. */
async function shoot(page, name) {
  const popup = page.url().startsWith('chrome-extension://');
  const box = popup ? await page.locator('body').boundingBox() : null;
  return screenshot(page, name, { animations: 'disabled', ...(box ? { clip: box } : {}) });
}

/**
 * What the library itself extracts from a fixture's HTML (with the fixture's URL): the
 * extension's own pith.js, imported in one of its pages.
 * @param {import('playwright-core').Page} extensionPage
 * @param {{ html: string, expect: { url?: string } }} f
 */
function libraryArticle(extensionPage, f) {
  return extensionPage.evaluate(
    async ({ html, url }) => {
      const pith = await import('./pith.js');
      await pith.init();
      return pith.extract(html, url ? { url, formats: ['text'] } : { formats: ['text'] });
    },
    { html: f.html, url: f.expect.url ?? '' },
  );
}

/** The reader overlay's <article> text in a tab, or null when no overlay is open. */
function readerText(page) {
  return page.evaluate(() => {
    const host = document.getElementById('pith-reader');
    return host?.isConnected ? host.shadowRoot?.querySelector('article')?.innerText ?? '' : null;
  });
}

async function waitForReader(page) {
  await page.waitForFunction(() => document.getElementById('pith-reader')?.shadowRoot?.querySelector('article'), null, {
    timeout: 10_000,
  });
  // The reader stays invisible until its remembered settings are read (at most 400 ms).
  await page.waitForFunction(() => !document.getElementById('pith-reader').shadowRoot.querySelector('.pr-pending'));
}

/** Calls the keyboard shortcut's handler in the service worker, as the command would. */
function pressShortcut(tabId) {
  return worker.evaluate(async (id) => pith.readerForTab(await chrome.tabs.get(id)), tabId);
}

/** The files of a zip (a minimal reader of what scripts/build-extension.mjs writes). */
function unzip(file) {
  const buf = fs.readFileSync(file);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file}: no end of central directory`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, `${file}: bad central directory entry`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? zlib.inflateRawSync(raw) : raw);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/** Every file under `dir`, relative, sorted. */
function tree(dir, base = dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? tree(path.join(dir, d.name), base) : [path.relative(base, path.join(dir, d.name))]))
    .sort();
}

// ---------------------------------------------------------------------------------------

describe('messages and formats (the modules, in Node)', () => {
  test('pages off limits, and errors from executeScript, in words a reader can act on', async () => {
    const tab = await import(path.join(TEST_BUILD, 'tab.js'));
    for (const url of [
      'chrome://settings/',
      'edge://extensions/',
      'about:blank',
      'view-source:https://example.com/',
      'chrome-extension://abcdef/popup.html',
      'moz-extension://1234/popup.html',
      'https://chromewebstore.google.com/detail/x/abc',
      'https://chrome.google.com/webstore/category/extensions',
      'https://addons.mozilla.org/en-US/firefox/',
      'https://microsoftedge.microsoft.com/addons/detail/x',
    ]) {
      assert.match(tab.offLimitsReason(url) ?? '', OFF_LIMITS, url);
    }
    for (const url of ['https://example.com/story', 'http://127.0.0.1:8080/', 'file:///tmp/a.html', 'https://google.com/webstorex', undefined]) {
      assert.equal(tab.offLimitsReason(url), null, String(url));
    }
    const cases = [
      ['Cannot access a chrome:// URL', undefined, OFF_LIMITS],
      ['The extensions gallery cannot be scripted.', undefined, OFF_LIMITS],
      ['Cannot access a chrome-extension:// URL of different extension', undefined, OFF_LIMITS],
      ['Cannot access contents of url "file:///home/a/story.html". Extension manifest must request permission to access this host.', 'file:///home/a/story.html', /Allow access to file URLs/],
      ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'https://example.com/', /has no access to this tab/],
      ['Missing host permission for the tab', 'https://example.com/', /has no access to this tab/],
      ['Missing host permission for the tab', 'about:addons', OFF_LIMITS],
      ['No tab with id: 12.', 'https://example.com/', /The page went away/],
      ['Frame with ID 0 was removed.', 'https://example.com/', /The page went away/],
      ['Something else', 'https://example.com/', /^Pith can't read this page: Something else$/],
    ];
    for (const [msg, url, want] of cases) assert.match(tab.explainError(new Error(msg), url), want, msg);
    assert.ok(tab.isHtml('text/html') && tab.isHtml('application/xhtml+xml') && !tab.isHtml('application/pdf'));
  });

  test('the shipped builds attach the overlay\'s shadow root closed; a test build only when asked', async () => {
    // tab.js in each build, with a stand-in extension API that records what would be injected:
    // the reader's show/message call in the tab gets `closed` as its fifth argument.
    const calls = [];
    const copies = [];
    const stored = {};
    const fake = {
      scripting: { executeScript: async (o) => (calls.push(o), [{ result: true }]) },
      storage: { local: { get: async (key) => ({ [key]: stored[key] }) } },
    };
    const closedArgs = async (dir) => {
      // A fresh copy, so that api.js binds the stand-in (it reads the global once, on import).
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-ext-'));
      copies.push(copy);
      fs.cpSync(dir, copy, { recursive: true, filter: (f) => !f.includes(`${path.sep}pkg`) });
      const tab = await import(path.join(copy, 'tab.js'));
      calls.length = 0;
      await tab.openReader(7, { url: 'https://example.com/story', title: 'A story' });
      await tab.showMessage(7, 'A title', 'A message');
      return calls.filter((c) => c.func).map((c) => c.args[4]);
    };
    const saved = globalThis.chrome;
    globalThis.chrome = /** @type {any} */ (fake);
    try {
      assert.deepEqual(await closedArgs(SHIPPED), [true, true], 'the shipped Chrome build');
      assert.deepEqual(await closedArgs(FIREFOX), [true, true], 'the shipped Firefox build');
      assert.deepEqual(await closedArgs(TEST_BUILD), [false, false], 'the test build, by default (its tests read the overlay)');
      stored['pith.test.closedOverlay'] = true;
      assert.deepEqual(await closedArgs(TEST_BUILD), [true, true], 'the test build, when the hostile suite asks');
    } finally {
      globalThis.chrome = saved;
      for (const c of copies) fs.rmSync(c, { recursive: true, force: true });
    }
  });

  test('dates, lengths, summaries, file names, and the Markdown and HTML documents', async () => {
    const p = await import(path.join(TEST_BUILD, 'present.js'));
    assert.equal(p.humanDate('2021-03-14T09:12:40Z', 'en-US'), 'March 14, 2021');
    // The page's calendar date, whatever the offset and the reader's time zone.
    assert.equal(p.humanDate('2021-03-14T23:30:00-08:00', 'en-US'), 'March 14, 2021');
    assert.equal(p.humanDate('2021-03-14', 'en-GB'), '14 March 2021');
    assert.equal(p.humanDate('yesterday', 'en-US'), '');
    assert.equal(p.humanDate(null), '');
    assert.equal(p.lengthLine({ wordCount: 1234, readingMinutes: 6 }, 'en-US'), '1,234 words · 6 min read');
    assert.equal(p.lengthLine({ wordCount: 40, readingMinutes: 0 }, 'en-US'), '40 words · 1 min read');
    assert.equal(p.lengthLine({ wordCount: 20000, readingMinutes: 87 }, 'en-US'), '20,000 words · 1 h 27 min read');
    assert.equal(p.lengthLine({ wordCount: 3817000, readingMinutes: 16595 }, 'en-US'), '3,817,000 words · a very long read');
    const long = 'word '.repeat(200);
    // The first lines of the text, from its first prose on; the page's description only
    // when there is no text.
    const description = 'A real summary of the article, long enough to be one and not a caption or a slogan.';
    assert.equal(p.summary({ excerpt: description }), description);
    const opening = 'The opening paragraph of the article, which says something else than the description does.';
    assert.equal(p.summary({ title: 'T', excerpt: description, text: `T\n\nA caption\n\n${opening}\n\nThe end.` }), `${opening} The end.`);
    const s = p.summary({ title: 'T', excerpt: 'A caption', text: `T\n\nA caption\n\nRow\tvalue\n\n${long}` });
    assert.ok(s.startsWith('word word') && s.endsWith('…') && s.length <= 301, s);
    assert.equal(p.fileName({ title: 'What a 1978 Road Bike: Taught Me?' }), 'what-a-1978-road-bike-taught-me.md');
    assert.equal(p.fileName({ title: '東京の夏' }), '東京の夏.md');
    assert.equal(p.fileName({ title: '/// ...' }), 'article.md');
    const a = {
      title: 'A <b> & "c"', byline: 'Ann', published: '2021-03-14T09:00:00Z', url: 'https://e.com/a',
      markdown: 'Body.', contentHtml: '<p>Body.</p>',
    };
    // Blocks that end no sentence (a heading, a list item) are not run into the next one.
    assert.equal(
      p.summary({ title: 'T', text: `${'An opening paragraph that is long enough to count as the prose of the article.'}\n\nWhy it matters\n\nThe wearable tracks your goals\n\nIt works.` }),
      'An opening paragraph that is long enough to count as the prose of the article. Why it matters. The wearable tracks your goals. It works.',
    );
    assert.equal(p.summary({ title: 'T', text: '東京の夏は暑いです。とても暑い日が続きますので、外に出るときは帽子をかぶって水を飲みましょう。そして日陰で休んでください。ゆっくり歩きましょう。\n\n見出し\n\n本文' }).includes('見出し。本文'), true);
    assert.equal(
      p.htmlDocument(a),
      '<h1>A &lt;b&gt; &amp; &quot;c&quot;</h1>\n<p>By Ann · <time datetime="2021-03-14T09:00:00Z">2021-03-14</time> · ' +
        '<a href="https://e.com/a">https://e.com/a</a></p>\n<p>Body.</p>\n',
    );
  });
});

describe('the built extension', () => {
  test('the shipped Chrome manifest: activeTab + scripting, no host permissions, wasm CSP', () => {
    const m = readJson(path.join(SHIPPED, 'manifest.json'));
    assert.equal(m.manifest_version, 3);
    assert.equal(m.host_permissions, undefined, 'the shipped build must not ask for host permissions');
    assert.equal(m.optional_host_permissions, undefined);
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'offscreen', 'scripting', 'storage']);
    assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.equal(m.commands['open-reader'].suggested_key.default, 'Alt+Shift+L');
    assert.ok(m.commands['open-reader'].description);
    assert.equal(m.browser_specific_settings, undefined);
    assert.match(fs.readFileSync(path.join(SHIPPED, 'build-flags.js'), 'utf8'), /TEST_BUILD = false;/);
    for (const size of [16, 32, 48, 128]) {
      const png = fs.readFileSync(path.join(SHIPPED, `icons/icon-${size}.png`));
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.equal(png.readUInt32BE(16), size, `icon-${size}.png width`);
      assert.equal(png.readUInt32BE(20), size, `icon-${size}.png height`);
    }
    for (const f of ['pith.js', 'pkg/pith.js', 'pkg/pith_bg.wasm', 'reader/reader.js', 'popup.html', 'offscreen.html']) {
      assert.ok(fs.existsSync(path.join(SHIPPED, f)), `${f} is in the build`);
    }
  });

  test('the Firefox manifest: gecko settings, background scripts, nothing Chrome-only', () => {
    const m = readJson(path.join(FIREFOX, 'manifest.json'));
    assert.equal(m.manifest_version, 3);
    const gecko = m.browser_specific_settings?.gecko;
    assert.ok(gecko?.id, 'Firefox needs an add-on id for MV3');
    assert.ok(Number.parseFloat(gecko.strict_min_version) >= 112, 'background "type": "module" needs Firefox 112');
    assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
    assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
    assert.equal(m.host_permissions, undefined);
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'scripting', 'storage']);
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.ok(m.action.default_popup && m.commands['open-reader']);
    assert.ok(!fs.existsSync(path.join(FIREFOX, 'offscreen.html')), 'the offscreen document is Chrome only');
    // The same sources otherwise.
    const chromeFiles = tree(SHIPPED).filter((f) => !f.startsWith('offscreen.') && f !== 'manifest.json');
    assert.deepEqual(tree(FIREFOX).filter((f) => f !== 'manifest.json'), chromeFiles);
    // Everything the background imports exists (a missing module would only show in Firefox).
    for (const file of tree(FIREFOX).filter((f) => f.endsWith('.js'))) {
      const src = fs.readFileSync(path.join(FIREFOX, file), 'utf8');
      for (const [, spec] of src.matchAll(/^import [^'"]*["'](\.[^"']+)["']/gm)) {
        assert.ok(fs.existsSync(path.join(FIREFOX, path.dirname(file), spec)), `${file} imports ${spec}, which is missing`);
      }
    }
  });

  test('the store zips hold exactly the unpacked builds', () => {
    for (const [zip, dir] of [
      [`pith-extension-${VERSION}.zip`, SHIPPED],
      [`pith-extension-${VERSION}-firefox.zip`, FIREFOX],
    ]) {
      const files = unzip(path.join(DIST, zip));
      assert.deepEqual([...files.keys()].sort(), tree(dir).map((f) => f.split(path.sep).join('/')), zip);
      for (const [name, data] of files) assert.ok(data.equals(fs.readFileSync(path.join(dir, name))), `${zip}: ${name} differs`);
    }
  });

  test('Chrome loads both builds without manifest warnings or errors', async () => {
    // In a browser of its own: reloading an extension restarts its service worker.
    const report = await manifestReport([SHIPPED, TEST_BUILD]);
    assert.equal(report.length, 2, JSON.stringify(report));
    for (const e of report) {
      assert.equal(e.state, 'ENABLED', e.name);
      assert.deepEqual(e.warnings, [], e.name);
      assert.deepEqual(e.errors, [], e.name);
    }
  });
});

/**
 * What chrome://extensions says about unpacked extensions: loaded from `dirs` in a fresh
 * browser, in developer mode, and reloaded (Chrome collects manifest warnings then only).
 * @param {string[]} dirs
 */
async function manifestReport(dirs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-extension-manifest-'));
  const list = dirs.join(',');
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', `--disable-extensions-except=${list}`, `--load-extension=${list}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await ctx.newPage();
    await page.goto('chrome://extensions');
    return await page.evaluate(async () => {
      const api = chrome.developerPrivate;
      await api.updateProfileConfiguration({ inDeveloperMode: true });
      const unpacked = async () =>
        (await api.getExtensionsInfo({ includeDisabled: true, includeTerminated: true })).filter((e) => e.location === 'UNPACKED');
      for (const e of await unpacked()) await api.reload(e.id, { failQuietly: true, populateErrorForUnpacked: true });
      await new Promise((r) => setTimeout(r, 1000));
      return (await unpacked()).map((e) => ({
        name: e.name,
        state: e.state,
        warnings: e.installWarnings,
        errors: e.manifestErrors.map((x) => x.message),
      }));
    });
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the popup', () => {
  for (const name of ARTICLES) {
    test(`${name}: title, summary, and the reader view with the body and no boilerplate`, async () => {
      const f = fixture(name);
      const { page, tabId } = await openTab(`${server.url}${name}/source.html`);
      const { popup, errors, state } = await openPopup(tabId);
      assert.equal(state, 'article', await popup.locator('main').innerText());
      if (f.expect.title) assert.equal(collapse(await text(popup, 'title')), collapse(f.expect.title));
      if (f.expect.byline) assert.match(await text(popup, 'meta'), new RegExp(escapeRe(f.expect.byline)));
      assert.match(await text(popup, 'length'), /^[\d,]+ words · \d+ min read$/);
      // The first lines are the beginning of the article's text, as the library extracts it
      // from the fixture: its first paragraph of prose (after the title, captions, headings),
      // verbatim, running on (table rows left out) and cut at a word.
      const summary = collapse(await text(popup, 'summary'));
      const lib = await libraryArticle(popup, f);
      const lines = lib.text.split(/\n+/).filter((b) => !b.includes('\t')).map(collapse).filter(Boolean);
      const first = lines.findIndex((b) => b.length >= 80 && b !== collapse(lib.title ?? ''));
      assert.ok(first >= 0, `${name}: the library's text has a paragraph of prose`);
      // Blocks that end no sentence (headings, list items) get a full stop (present.js).
      const opening = lines
        .slice(first)
        .map((b, i, all) => (i < all.length - 1 && !/[.!?…:;。！？．」』)”"'’]$/u.test(b) ? b + (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(b) ? '。' : '.') : b))
        .join(' ')
        .replace(/。 /g, '。');
      const shown = summary.replace(/…$/, '');
      assert.ok(shown.length >= Math.min(150, opening.length), `${name}: first lines too short: ${summary}`);
      assert.ok(opening.startsWith(shown), `${name}: first lines ${JSON.stringify(summary.slice(0, 80))}, the article starts ${JSON.stringify(opening.slice(0, 80))}`);
      assert.equal(summary.endsWith('…'), shown.length < opening.length, `${name}: … only when cut`);
      // Before the first paragraph only the title and short lines (captions, headings, a dateline).
      const before = lines.slice(0, first).filter((b) => b.length >= 80 && b !== collapse(lib.title ?? ''));
      assert.deepEqual(before, [], `${name}: prose before the first lines`);

      await popup.getByTestId('open-reader').click();
      await waitForReader(page);
      const body = await readerText(page);
      assertInOrder(body, f.expect.include_in_order ?? [], name);
      assertNoneOf(body, f.expect.exclude ?? [], name);
      assert.equal(await popup.getByTestId('status').innerText(), 'Reader view opened');
      assert.deepEqual(errors, []);
      await popup.close();
      await page.close();
    });
  }

  test('byline and date in words: "Maren Olsson · March 14, 2021"', async () => {
    const { page, tabId } = await openTab(`${server.url}blog--comments/source.html`);
    const { popup } = await openPopup(tabId);
    assert.equal(collapse(await text(popup, 'meta')), 'Maren Olsson · March 14, 2021');
    assert.equal(await popup.locator('[data-testid=meta] time').getAttribute('datetime'), '2021-03-14T09:12:40Z');
    assert.equal(await text(popup, 'site'), 'Spoke & Chain');
    await shoot(popup, 'extension-popup-light');
    await popup.close();
    const dark = await openPopup(tabId, { colorScheme: 'dark' });
    await shoot(dark.popup, 'extension-popup-dark');
    await dark.popup.close();
    await page.close();
  });

  test('right-to-left: the Arabic article\'s title and summary read right to left, the popup\'s words do not', async () => {
    const { page, tabId } = await openTab(`${server.url}rtl--arabic-news/source.html`);
    const { popup } = await openPopup(tabId);
    for (const id of ['title', 'summary']) {
      assert.equal(await popup.getByTestId(id).evaluate((e) => getComputedStyle(e).direction), 'rtl', id);
    }
    // The popup's own words stay left to right.
    assert.equal(await popup.getByTestId('length').evaluate((e) => getComputedStyle(e).direction), 'ltr');
    assert.match(await text(popup, 'length'), /^[\d,]+ words · \d+ min read$/);
    await shoot(popup, 'extension-popup-rtl');
    await popup.close();
    await page.close();
  });

  test('Copy Markdown and Copy HTML put the article on the clipboard', async () => {
    const f = fixture('blog--comments');
    const { page, tabId } = await openTab(`${server.url}blog--comments/source.html`);
    const { popup, errors } = await openPopup(tabId);
    await popup.bringToFront();

    await popup.getByTestId('copy-markdown').click();
    await popup.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'Markdown copied');
    const md = await popup.evaluate(() => navigator.clipboard.readText());
    assert.ok(md.startsWith(`# ${f.expect.title}\n\n_Maren Olsson · 2021-03-14_\n\nSource: <`), md.slice(0, 200));
    for (const line of f.expect.markdown_includes ?? []) assert.ok(md.includes(line), `markdown lacks ${line}`);
    assertInOrder(md.replace(/[*_#]/g, ''), f.expect.include_in_order.slice(0, 3), 'markdown');
    assertNoneOf(md, f.expect.exclude, 'markdown');

    await popup.getByTestId('copy-html').click();
    await popup.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'HTML copied');
    const clip = await popup.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const get = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
      return { types: item.types, html: await get('text/html'), plain: await get('text/plain') };
    });
    assert.ok(clip.types.includes('text/html') && clip.types.includes('text/plain'), clip.types.join());
    assert.ok(clip.plain.startsWith(`<h1>${f.expect.title}</h1>`), clip.plain.slice(0, 120));
    assert.match(clip.plain, /<h2[^>]*>Week one: the bottom bracket that would not move<\/h2>/);
    assert.ok(!/<script|onerror=|Leave a Reply/i.test(clip.plain));
    assert.ok(clip.html.includes('Week three: cleaning is most of the work'));
    assert.deepEqual(errors, []);
    await popup.close();
    await page.close();
  });

  test('Download .md saves the Markdown under a name made from the title', async () => {
    const { page, tabId } = await openTab(`${server.url}blog--comments/source.html`);
    const { popup, errors } = await openPopup(tabId);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('download').click()]);
    assert.equal(download.suggestedFilename(), 'what-a-1978-road-bike-taught-me-about-patience.md');
    const saved = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(saved.startsWith('# What a 1978 Road Bike Taught Me About Patience\n'));
    assert.ok(saved.includes('## Week one: the bottom bracket that would not move'));
    // The same file as `pith extract --format markdown` writes for the page (one writer).
    const cli = cliMarkdown(fixture('blog--comments').html, `${server.url}blog--comments/source.html`);
    if (cli !== null) {
      assert.equal(markdownHeader(saved), markdownHeader(cli));
      assert.equal(saved, cli);
    }
    assert.match(await text(popup, 'status'), /Saved what-a-1978/);
    assert.deepEqual(errors, []);
    await popup.close();
    await page.close();
  });

  test('a listing page: "doesn\'t look like an article", and "Read it anyway" still answers', async () => {
    const { page, tabId } = await openTab(`${server.url}listing--category-page/source.html`);
    const { popup, errors, state } = await openPopup(tabId);
    assert.equal(state, 'message');
    assert.match(await text(popup, 'message-text'), NOT_AN_ARTICLE);
    await shoot(popup, 'extension-popup-not-an-article');
    await popup.getByTestId('force').click();
    await popup.waitForFunction(() => document.body.dataset.state !== 'loading');
    const after = await popup.evaluate(() => document.body.dataset.state);
    if (after === 'article') assert.ok((await text(popup, 'title')).length > 0);
    else assert.match(await text(popup, 'message-text'), /too little text/);
    assert.deepEqual(errors, []);
    await popup.close();
    await page.close();
  });

  test('browser pages: chrome://version and an extension page get "can\'t read this page"', async () => {
    for (const url of ['chrome://version/', `chrome-extension://${shippedId}/popup.html`]) {
      const { page, tabId } = await openTab(url);
      const { popup, errors, state } = await openPopup(tabId);
      assert.equal(state, 'message', url);
      assert.match(await text(popup, 'message-text'), OFF_LIMITS, url);
      assert.deepEqual(errors, [], url);
      if (url.startsWith('chrome:')) await shoot(popup, 'extension-popup-off-limits');
      await popup.close();
      await page.close();
    }
  });

  test('a file:// page, where file access is allowed (the test build has it), is read', async () => {
    const { tabId } = await openTab(`file://${path.join(FIXTURES, 'blog--comments/source.html')}`);
    const { popup, state } = await openPopup(tabId);
    assert.equal(state, 'article');
    assert.equal(await text(popup, 'title'), 'What a 1978 Road Bike Taught Me About Patience');
  });

  test('the shipped build ignores ?tabId (it reads the tab it was opened for, here itself)', async () => {
    const { page, tabId } = await openTab(`${server.url}blog--comments/source.html`);
    const { popup, state } = await openPopup(tabId, { id: shippedId });
    assert.equal(state, 'message');
    assert.match(await text(popup, 'message-text'), OFF_LIMITS);
    await popup.close();
    await page.close();
  });
});

describe('a page with a strict Content-Security-Policy', () => {
  const CSP = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; font-src 'none'";

  /** Serves the fixture at a path of its own, with the CSP header. */
  async function cspPage() {
    const f = fixture('news--military-times');
    const url = `${server.url}csp/story.html`;
    await context.route(url, (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP }, body: f.html }),
    );
    const tab = await openTab(url);
    // The policy holds: the page itself cannot run inline code.
    const blocked = await tab.page.evaluate(() => {
      const s = document.createElement('style');
      s.textContent = 'html { --probe: 1 }';
      document.head.append(s);
      return getComputedStyle(document.documentElement).getPropertyValue('--probe') === '';
    });
    assert.ok(blocked, 'the CSP header is in force');
    return { f, ...tab };
  }

  test('the popup reads it and the reader view opens, styled', async () => {
    const { f, page, tabId } = await cspPage();
    const { popup, state } = await openPopup(tabId);
    assert.equal(state, 'article');
    assert.equal(collapse(await text(popup, 'title')), collapse(f.expect.title));
    await popup.getByTestId('open-reader').click();
    await waitForReader(page);
    assertInOrder(await readerText(page), f.expect.include_in_order, 'csp');
    // The reader's own styles applied (constructed stylesheets are not subject to the CSP).
    const position = await page.evaluate(() => getComputedStyle(document.getElementById('pith-reader')).position);
    assert.equal(position, 'fixed');
    await shoot(page, 'extension-reader-csp');
    await popup.close();
    await page.close();
  });

  test('the keyboard shortcut works there too', async () => {
    const { f, page, tabId } = await cspPage();
    assert.equal(await pressShortcut(tabId), 'reader');
    await waitForReader(page);
    assertInOrder(await readerText(page), f.expect.include_in_order, 'csp shortcut');
    await page.close();
  });
});

describe('the keyboard shortcut (the command handler in the service worker)', () => {
  test('Chrome assigned the suggested key, and the popup shows it', async () => {
    // Chromium keeps some Alt+Shift keys for itself (R, P, T, N, ... on Linux) and then
    // silently assigns none: this catches a suggested key that does not take.
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    assert.equal(commands.find((c) => c.name === 'open-reader')?.shortcut, 'Alt+Shift+L', JSON.stringify(commands));
    const { tabId } = await openTab(`${server.url}blog--comments/source.html`);
    const { popup } = await openPopup(tabId);
    assert.equal(await text(popup, 'shortcut'), 'Alt+Shift+L');
  });

  test('opens the reader view, and closes it when pressed again', async () => {
    const f = fixture('magazine--longform');
    const { page, tabId } = await openTab(`${server.url}magazine--longform/source.html`);
    const errors = watchErrors(page);
    assert.equal(await pressShortcut(tabId), 'reader');
    await waitForReader(page);
    const body = await readerText(page);
    assertInOrder(body, f.expect.include_in_order, 'shortcut');
    assertNoneOf(body, f.expect.exclude, 'shortcut');
    await shoot(page, 'extension-reader-shortcut');
    assert.equal(await pressShortcut(tabId), 'closed');
    assert.equal(await readerText(page), null);
    assert.equal(await pressShortcut(tabId), 'reader');
    await waitForReader(page);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await page.close();
  });

  test('timing: the offscreen document, cold and warm', async (t) => {
    const { page, tabId } = await openTab(`${server.url}news--military-times/source.html`);
    const runs = [];
    for (let i = 0; i < 4; i++) {
      if (i === 0) await worker.evaluate(() => chrome.offscreen.closeDocument().catch(() => {}));
      assert.equal(await pressShortcut(tabId), 'reader');
      runs.push(await worker.evaluate(() => pith.lastRun()));
      assert.equal(await pressShortcut(tabId), 'closed');
    }
    assert.equal(runs[0].engine, 'offscreen');
    const ms = (r) => `${r.totalMs.toFixed(0)} ms (snapshot ${r.snapshotMs.toFixed(0)}, read ${r.readMs.toFixed(0)}, inject ${r.injectMs.toFixed(0)})`;
    t.diagnostic(`shortcut, cold offscreen document: ${ms(runs[0])}`);
    for (const r of runs.slice(1)) t.diagnostic(`shortcut, warm: ${ms(r)}`);
    fs.mkdirSync(path.join(REPO, 'tests/browser/out'), { recursive: true });
    fs.writeFileSync(path.join(REPO, 'tests/browser/out/extension-shortcut.json'), JSON.stringify(runs, null, 2) + '\n');
    assert.ok(runs[0].totalMs < 5000 && runs.at(-1).totalMs < 2000, JSON.stringify(runs));
    await page.close();
  });

  test('a listing page: the reader says there is no article', async () => {
    const { page, tabId } = await openTab(`${server.url}listing--category-page/source.html`);
    assert.equal(await pressShortcut(tabId), 'message');
    await page.waitForFunction(() => document.getElementById('pith-reader')?.shadowRoot);
    const shown = await page.evaluate(() => document.getElementById('pith-reader').shadowRoot.textContent);
    assert.match(shown, NOT_AN_ARTICLE);
    await shoot(page, 'extension-reader-message');
    await page.close();
  });

  test('a browser page: no injection, a "!" on the button and the reason in its tooltip', async () => {
    const { page, tabId } = await openTab('chrome://version/');
    assert.equal(await pressShortcut(tabId), 'refused');
    const badge = await worker.evaluate(async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }), tabId);
    assert.equal(badge.text, '!');
    assert.match(badge.title, OFF_LIMITS);
    await page.close();
  });
});

describe('the reader view in the extension', () => {
  test('settings made on one site hold on another (extension storage, not the site\'s)', async () => {
    const a = await openTab(`${server.url}blog--comments/source.html`);
    assert.equal(await pressShortcut(a.tabId), 'reader');
    await waitForReader(a.page);
    // Pick the sepia theme in the reader's own panel.
    const root = a.page.locator('#pith-reader');
    await root.getByRole('button', { name: /text and theme/i }).click();
    await root.getByRole('button', { name: /sepia/i }).click();
    await a.page.waitForFunction(() => document.getElementById('pith-reader').shadowRoot.querySelector('[data-theme=sepia]'));
    const stored = await worker.evaluate(() => chrome.storage.local.get(null));
    assert.match(JSON.stringify(stored), /sepia/);
    assert.equal(await a.page.evaluate(() => localStorage.length), 0, 'nothing left in the site\'s own storage');

    // Another origin (localhost instead of 127.0.0.1), through the popup this time.
    const b = await openTab(`${server.url.replace('127.0.0.1', 'localhost')}magazine--longform/source.html`);
    const { popup } = await openPopup(b.tabId);
    await popup.getByTestId('open-reader').click();
    await waitForReader(b.page);
    assert.ok(await b.page.evaluate(() => document.getElementById('pith-reader').shadowRoot.querySelector('[data-theme=sepia]')));
    await shoot(b.page, 'extension-reader-sepia');
    await popup.close();
    await a.page.close();
    await b.page.close();
  });
});

describe('no errors', () => {
  test('the service worker and the extension pages logged no errors', async () => {
    assert.deepEqual(extensionErrors, []);
  });
});

/** @param {string} s */
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
