// The bookmarklet and the reader view in headless Chromium. www/ is served on one origin
// (127.0.0.1, a random port), the article pages on a second one (localhost, another port), the
// way a real page loads Pith from the demo's server. The bookmarklet URL comes from the demo
// page's link and runs in the article page as a click would (`location.href = "javascript:…"`;
// for the CSP pages also as a browser-initiated navigation, which is what a click in the
// bookmarks bar is, through the DevTools protocol's Page.navigate).
//
// Screenshots land in tests/browser/screenshots/bookmarklet-*.png.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertInOrder,
  assertNoneOf,
  collapse,
  fixture,
  fixtureNames,
  FIXTURES,
  launch,
  LEAD_SVG,
  PNG,
  REPO,
  screenshot,
  serve,
  WWW,
} from './helpers.mjs';

const PAGES = path.join(REPO, 'tests/browser/pages');
const READER_JS = path.join(WWW, 'reader/reader.js');
const SETTINGS_KEY = 'pith.reader.settings';

/** @type {Awaited<ReturnType<typeof serve>>} */
let www;
/** @type {Awaited<ReturnType<typeof serveSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** The demo's origin (no trailing slash) and the bookmarklet's javascript: URL. */
let wwwOrigin = '';
let href = '';
/** Milliseconds to hold back loader.js (to see the "Loading Pith…" note and double clicks). */
let loaderDelay = 0;

/**
 * The second origin: the fixture pages, and the CSP test page under three policies.
 * @param {string} pithOrigin
 */
/**
 * Pages that tamper with the built-ins the bookmarklet's code runs on (it runs in the page's own
 * world, after the page's scripts): each script below runs first, in the page's <head>.
 */
const FAKE = 'Nothing to read here, says the page';
const TAMPER = {
  'outerHTML-lies': `Object.defineProperty(Element.prototype, 'outerHTML', { get() { return '<html><body><p>${FAKE}.</p></body></html>'; } });`,
  'innerHTML-lies': `Object.defineProperty(Element.prototype, 'innerHTML', { get() { return ''; }, set() {} });`,
  'documentElement-null': `Object.defineProperty(Document.prototype, 'documentElement', { get() { return null; } });
    Object.defineProperty(document, 'documentElement', { get() { return null; } });`,
  'JSON-replaced': `JSON.parse = () => ({ title: '${FAKE}' }); JSON.stringify = () => '{}';`,
  'JSON-throws': `JSON.parse = () => { throw new Error('JSON is off limits'); }; JSON.stringify = JSON.parse;`,
  'Array-prototype': `for (const k of ['map', 'filter', 'forEach', 'join', 'slice', 'includes', 'some', 'every', 'find', 'indexOf', 'concat', 'reduce'])
    Array.prototype[k] = function () { return k === 'join' ? '' : []; };`,
  'Array-iterator': `Array.prototype[Symbol.iterator] = function* () {};`,
  'customElements-throws': `Object.defineProperty(window, 'customElements', { get() { throw new Error('no custom elements'); } });`,
  'customElements-pith-names': `customElements.define('pith-note', class extends HTMLElement { connectedCallback() { this.replaceChildren(); this.textContent = '${FAKE}'; } });
    customElements.define('pith-reader', class extends HTMLElement { connectedCallback() { this.textContent = '${FAKE}'; } });`,
  'Object-frozen': `Object.freeze(Object); Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(Function.prototype); Object.freeze(String.prototype);`,
};

async function serveSite(pithOrigin) {
  const policies = {
    // The brief's strict page: no inline script, scripts from this origin only.
    strict: "script-src 'self'; object-src 'none'",
    // Inline scripts (and so javascript: URLs) allowed, other origins not.
    inline: "script-src 'self' 'unsafe-inline'; object-src 'none'",
    // Pith's scripts allowed, but not compiling WebAssembly ('wasm-unsafe-eval').
    nowasm: `script-src 'self' 'unsafe-inline' ${pithOrigin}; object-src 'none'`,
    // Trusted Types enforced: HTML strings need a policy; with `trusted-types 'none'` no
    // policy may be made at all.
    tt: "require-trusted-types-for 'script'",
    ttnone: "require-trusted-types-for 'script'; trusted-types 'none'",
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    let m = /^\/fixture\/([\w-]+)\/$/.exec(url.pathname);
    if (m && fs.existsSync(path.join(FIXTURES, m[1], 'source.html'))) {
      return send(200, 'text/html; charset=utf-8', fs.readFileSync(path.join(FIXTURES, m[1], 'source.html')));
    }
    m = /^\/tamper\/([\w-]+)\/$/.exec(url.pathname);
    if (m && m[1] in TAMPER) {
      const page = fs.readFileSync(path.join(PAGES, 'csp-article.html'), 'utf8');
      return send(200, 'text/html; charset=utf-8', page.replace('<head>', `<head><script>${TAMPER[m[1]]}</script>`));
    }
    m = /^\/csp\/(\w+)\/(csp-page\.js)?$/.exec(url.pathname);
    if (m && m[1] in policies) {
      if (m[2]) return send(200, 'text/javascript; charset=utf-8', fs.readFileSync(path.join(PAGES, 'csp-page.js')));
      return send(200, 'text/html; charset=utf-8', fs.readFileSync(path.join(PAGES, 'csp-article.html')), {
        'Content-Security-Policy': policies[/** @type {keyof typeof policies} */ (m[1])],
      });
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://localhost:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

before(async () => {
  assert.ok(fs.existsSync(`${WWW}/pkg/pith_bg.wasm`), 'www/pkg is missing: run scripts/test-browser.sh (it builds it)');
  www = await serve();
  wwwOrigin = www.url.replace(/\/$/, '');
  site = await serveSite(wwwOrigin);
  browser = await launch({ acceptDownloads: true });
  const { context } = browser;
  // The pages refer to images and scripts on hosts this closed network cannot reach (the
  // hostile fixture's lead image even retries forever in its onerror): only the two local
  // origins get through, and images are stood in for.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(wwwOrigin + '/bookmarklet/loader.js') && loaderDelay > 0) {
      await new Promise((r) => setTimeout(r, loaderDelay));
    }
    if (url.startsWith(wwwOrigin + '/') || url.startsWith(site.origin + '/')) return route.continue();
    // Images from elsewhere: a grey picture (so the screenshots show where images go), or
    // none for the ones meant to fail.
    if (url.startsWith('https://img.example/missing')) return route.fulfill({ status: 404, body: '' });
    // Lead images as a photo-sized picture: the reader drops a lead image smaller than an icon.
    if (/\/lead[^/]*$/.test(new URL(url).pathname)) return route.fulfill({ contentType: 'image/svg+xml', body: LEAD_SVG });
    if (route.request().resourceType() === 'image') return route.fulfill({ contentType: 'image/png', body: PNG });
    return route.abort('blockedbyclient');
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });

  // The bookmarklet, as the demo page offers it.
  const demo = await context.newPage();
  await demo.goto(www.url);
  href = /** @type {string} */ (await demo.getByTestId('bookmarklet').getAttribute('href'));
  await demo.close();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await www?.stop();
});

// ---- helpers --------------------------------------------------------------------------------

/**
 * A fresh tab on one of the article pages.
 * @param {string} pagePath e.g. "/fixture/magazine--longform/"
 */
async function openPage(pagePath, { viewport } = /** @type {{ viewport?: { width: number, height: number } }} */ ({})) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  // Only errors of Pith's own code count: the fixtures' scripts fail on their own, with
  // their third-party libraries blocked.
  const errors = [];
  page.on('pageerror', (e) => {
    const stack = e.stack ?? '';
    if (stack.includes(wwwOrigin) || stack.includes('javascript:') || /pith/i.test(e.message)) errors.push(e.message);
  });
  // Not waiting for "load": the hostile fixture's lead image retries forever in its onerror.
  await page.goto(site.origin + pagePath, { waitUntil: 'domcontentloaded' });
  return { page, errors };
}

/** Runs the bookmarklet as a click on a javascript: link would. @param {import('playwright-core').Page} page */
async function runBookmarklet(page) {
  await page.evaluate((h) => {
    location.href = h;
  }, href);
}

/** @param {import('playwright-core').Page} page */
async function waitForReader(page) {
  await page.waitForFunction(
    () => {
      const root = document.getElementById('pith-reader')?.shadowRoot;
      return root?.querySelector('article') && !root.querySelector('.pr-pending') && !document.getElementById('pith-note');
    },
    null,
    { timeout: 20_000 },
  );
}

/** @param {import('playwright-core').Page} page */
async function waitForClosed(page) {
  await page.waitForFunction(() => !document.getElementById('pith-reader'));
}

/** Opens the reader on a page and waits for it. @param {import('playwright-core').Page} page */
async function openReader(page) {
  await runBookmarklet(page);
  await waitForReader(page);
}

/** What the overlay shows. @param {import('playwright-core').Page} page */
async function readerInfo(page) {
  return page.evaluate(() => {
    const host = document.getElementById('pith-reader');
    const root = host?.shadowRoot;
    const article = root?.querySelector('article');
    const dialog = root?.querySelector('[role=dialog]');
    const labelId = dialog?.getAttribute('aria-labelledby');
    return {
      open: !!host,
      title: root?.getElementById('pr-title')?.textContent ?? null,
      label: labelId ? root?.getElementById(labelId)?.textContent ?? null : null,
      body: /** @type {HTMLElement | null | undefined} */ (root?.querySelector('.pr-body'))?.innerText ?? null,
      text: /** @type {HTMLElement | undefined} */ (article)?.innerText ?? '',
      lang: article?.getAttribute('lang') ?? null,
      dir: article?.getAttribute('dir') ?? null,
      message: !!article?.classList.contains('pr-message'),
      time: root?.querySelector('.pr-meta time')?.textContent ?? null,
      datetime: root?.querySelector('.pr-meta time')?.getAttribute('datetime') ?? null,
      byline: root?.querySelector('.pr-meta .pr-byline')?.textContent ?? null,
      site: root?.querySelector('.pr-head .pr-site')?.textContent ?? null,
      lead: !!root?.querySelector('.pr-lead img'),
    };
  });
}

/**
 * Computed style of something in the overlay.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function styleOf(page, selector) {
  return page.evaluate((sel) => {
    const n = document.getElementById('pith-reader')?.shadowRoot?.querySelector(sel);
    if (!n) return null;
    const s = getComputedStyle(n);
    return {
      color: s.color,
      background: s.backgroundColor,
      fontSize: parseFloat(s.fontSize),
      fontFamily: s.fontFamily,
      lineHeight: parseFloat(s.lineHeight),
      width: n.getBoundingClientRect().width,
      display: s.display,
    };
  }, selector);
}

/** A button of the overlay (playwright's CSS pierces open shadow roots). */
const button = (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ action, value = '') =>
  page.locator(`#pith-reader button[data-action="${action}"]${value ? `[data-value="${value}"]` : ''}`);

/**
 * Runs the bookmarklet the way a click in the bookmarks bar does: a browser-initiated
 * navigation to the javascript: URL, which the page's CSP does not check (a script's
 * `location.href = "javascript:…"` is checked).
 * @param {import('playwright-core').Page} page
 */
async function clickBookmark(page) {
  const cdp = await page.context().newCDPSession(page);
  // Chromium runs the code and reports the navigation itself as aborted.
  await cdp.send('Page.navigate', { url: href }).catch(() => {});
  await cdp.detach();
}

/** A screenshot, with the overlay's fade-in finished. */
const shot = (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name) =>
  screenshot(page, `bookmarklet-${name}`, { animations: 'disabled' });

// ---- the demo page --------------------------------------------------------------------------

describe('the demo page', () => {
  test('offers the bookmarklet, built for its own origin', async () => {
    assert.match(href, /^javascript:/);
    const code = decodeURIComponent(href.slice('javascript:'.length));
    assert.ok(code.includes(JSON.stringify(wwwOrigin)), 'the bookmarklet loads Pith from the demo origin');
    assert.ok(code.includes('/bookmarklet/loader.js'));
    assert.doesNotThrow(() => new Function(code), 'the javascript: code parses');
    assert.ok(href.length < 2500, `the javascript: URL stays small (${href.length} characters)`);

    const page = await browser.context.newPage();
    await page.goto(www.url);
    const link = page.getByTestId('bookmarklet');
    assert.equal((await link.textContent())?.trim(), '¶ Pith');
    assert.match(await page.getByTestId('bookmarklet-section').innerText(), /Drag .*Pith.* to your bookmarks bar/);
    // Clicking it on the demo itself only explains what to do.
    await link.click();
    assert.match(await page.getByTestId('bookmarklet-note').innerText(), /Drag the link to your bookmarks bar/);
    assert.equal(page.url(), www.url, 'the link does not navigate');
    await page.getByTestId('bookmarklet-section').scrollIntoViewIfNeeded();
    await shot(page, 'demo-section');
    await page.close();
  });
});

describe('what the bookmarklet loads', () => {
  test('one copy of the glue and one download of the wasm, however often it runs', async () => {
    const { page } = await openPage('/fixture/news--military-times/');
    /** @type {string[]} */
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await openReader(page);
    await button(page, 'close').click();
    await waitForClosed(page);
    await openReader(page);
    const glue = requests.filter((u) => u.startsWith(wwwOrigin) && new URL(u).pathname === '/pkg/pith.js');
    const wasm = requests.filter((u) => u.startsWith(wwwOrigin) && new URL(u).pathname === '/pkg/pith_bg.wasm');
    assert.equal(glue.length, 1, `the glue is imported once: ${glue.join(', ')}`);
    assert.equal(wasm.length, 1, 'the wasm is fetched once');
    // Nothing else asks for a copy under another URL (a query string makes a second module).
    assert.deepEqual(requests.filter((u) => /\/pkg\/pith\.js\?/.test(u)), []);
    const status = await page.evaluate((origin) => import(origin + '/pith.js').then((m) => m.status()), wwwOrigin);
    assert.deepEqual({ imports: status.imports, instances: status.instances }, { imports: 1, instances: 1 });
    await page.close();
  });
});

// ---- reading the fixtures ---------------------------------------------------------------------

describe('the reader view on the fixture pages', () => {
  for (const name of fixtureNames()) {
    const fx = fixture(name);
    // A page the quick check refuses is read only on request; a short story (it has text the
    // fixture expects) is then shown in full, a listing keeps its message (the next test).
    const refused = fx.expect.readerable === false;
    if (refused && !fx.expect.include_in_order) continue;
    test(name, async () => {
      const { page, errors } = await openPage(`/fixture/${name}/`);
      await openReader(page);
      if (refused) {
        const first = await readerInfo(page);
        assert.equal(first.message, true, `${name}: the quick check refuses it, so a message first`);
        await button(page, 'message-action').click();
        await page.waitForFunction(() => !!document.getElementById('pith-reader')?.shadowRoot?.querySelector('article:not(.pr-message)'), null, { timeout: 20_000 });
      }
      const info = await readerInfo(page);
      assert.equal(info.message, false, `${name}: shows the article, not a message`);
      if (fx.expect.title) assert.equal(collapse(info.title ?? ''), collapse(fx.expect.title), `${name}: title`);
      assert.equal(info.label, info.title, `${name}: the dialog is labelled by the title`);
      assertInOrder(info.body ?? '', fx.expect.include_in_order ?? [], name);
      assertNoneOf(info.text, fx.expect.exclude ?? [], name);
      if (fx.expect.lang) assert.equal(info.lang?.split('-')[0], fx.expect.lang.split('-')[0], `${name}: lang`);
      // The metadata line, as the fixture expects it (the rules of tests/fixtures.rs: byline
      // and site name contain the expected text, ignoring case; the date starts with it).
      const has = (got, want) => (got ?? '').toLowerCase().includes(want.toLowerCase());
      if (fx.expect.byline) assert.ok(has(info.byline, fx.expect.byline), `${name}: byline ${JSON.stringify(info.byline)}, expected ${JSON.stringify(fx.expect.byline)}`);
      if (fx.expect.site_name) assert.ok(has(info.site, fx.expect.site_name), `${name}: site ${JSON.stringify(info.site)}, expected ${JSON.stringify(fx.expect.site_name)}`);
      if (fx.expect.published) {
        assert.ok((info.datetime ?? '').startsWith(fx.expect.published), `${name}: date ${info.datetime}, expected ${fx.expect.published}`);
        // Shown in words, with the year (in Latin digits or the article language's own).
        const year = Number(fx.expect.published.slice(0, 4));
        const years = [String(year), new Intl.NumberFormat(fx.expect.lang || 'en', { useGrouping: false }).format(year)];
        assert.ok(years.some((y) => (info.time ?? '').includes(y)), `${name}: the date shown: ${info.time}`);
      }
      if (name.startsWith('rtl--')) assert.equal(info.dir, 'rtl');
      // Nothing active made it into the overlay.
      const active = await page.evaluate(() => {
        const root = document.getElementById('pith-reader')?.shadowRoot;
        const bad = [];
        for (const n of root?.querySelectorAll('*') ?? []) {
          for (const a of n.attributes) {
            if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) bad.push(`${n.localName} ${a.name}`);
          }
          if (/^(script|iframe|object|embed|form)$/.test(n.localName)) bad.push(n.localName);
        }
        return bad;
      });
      assert.deepEqual(active, [], `${name}: active content in the overlay`);
      assert.deepEqual(errors, [], `${name}: page errors`);
      if (['rtl--arabic-news', 'docs--code-reference', 'report--data-table', 'cjk--japanese-blog', 'photo--lazy-images'].includes(name)) {
        await shot(page, `fixture-${name}`);
        // And the part that shows what the fixture is about: a table, code, a figure.
        const detail = await page.evaluate(() => {
          const root = document.getElementById('pith-reader')?.shadowRoot;
          const n = root?.querySelector('.pr-table, pre, .pr-body figure, .pr-body img');
          n?.scrollIntoView({ block: 'center' });
          return !!n;
        });
        if (detail) await shot(page, `fixture-${name}-detail`);
      }
      await page.close();
    });
  }

  test('a page with no article gets a message, not junk', async () => {
    const { page } = await openPage('/fixture/listing--category-page/');
    await openReader(page);
    const info = await readerInfo(page);
    assert.equal(info.message, true);
    assert.equal(info.title, 'No article here');
    assert.match(info.text, /found no article on this page/);
    assert.equal(info.body, null);
    // The article actions are hidden; closing still works.
    assert.equal(await button(page, 'copy-markdown').isVisible(), false);
    // It offers to read the page anyway (the reader asked by clicking).
    assert.equal(await button(page, 'message-action').textContent(), 'Read it anyway');
    await shot(page, 'no-article');
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    // Asked again and told to read it anyway: whatever the core finds, in the same overlay.
    await openReader(page);
    await button(page, 'message-action').click();
    await page.waitForFunction(() => !document.getElementById('pith-reader')?.shadowRoot?.querySelector('button[data-action="message-action"]'));
    const after = await readerInfo(page);
    assert.equal(after.open, true);
    assert.ok(after.message ? after.title === 'No article here' : (after.body ?? '').length > 0, `read anyway: ${JSON.stringify(after.title)}`);
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    await page.close();
  });
});

// ---- look and settings ------------------------------------------------------------------------

describe('themes, text size and line width', () => {
  test('change the rendered style and are remembered', async () => {
    const { page } = await openPage('/fixture/magazine--longform/');
    await page.evaluate((k) => localStorage.removeItem(k), SETTINGS_KEY);
    await openReader(page);

    const light = await styleOf(page, '.pr-root');
    const article0 = await styleOf(page, 'article');
    assert.ok(light && article0);
    assert.equal(light.background, 'rgb(253, 253, 252)');
    assert.ok(Math.abs(article0.lineHeight / article0.fontSize - 1.6) < 0.01, 'line height 1.6');
    // The measure: characters per line of a long paragraph (its width over the mean width of
    // its characters set on one line).
    const perLine = await page.evaluate(() => {
      const root = document.getElementById('pith-reader')?.shadowRoot;
      const p = /** @type {HTMLElement} */ (root?.querySelector('.pr-body p'));
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = p.textContent;
      p.after(probe);
      const mean = probe.getBoundingClientRect().width / (p.textContent ?? '').length;
      probe.remove();
      return p.getBoundingClientRect().width / mean;
    });
    assert.ok(perLine > 62 && perLine < 78, `a comfortable measure (${perLine.toFixed(0)} characters a line)`);
    await shot(page, 'light');

    const titleTop = () => page.evaluate(() => document.getElementById('pith-reader')?.shadowRoot?.querySelector('#pr-title')?.getBoundingClientRect().top);
    const before = await titleTop();
    await button(page, 'settings').click();
    assert.equal(await page.locator('#pith-reader #pr-panel').isVisible(), true);
    await shot(page, 'settings');
    // A card over the article, inside the window, one setting a row, each row on one line; the
    // article does not move.
    const layout = await page.evaluate(() => {
      const root = document.getElementById('pith-reader')?.shadowRoot;
      const panel = root?.querySelector('#pr-panel');
      const box = (n) => n.getBoundingClientRect();
      const rows = [...(panel?.querySelectorAll(':scope > .pr-group') ?? [])].map((g) => {
        const buttons = [...g.querySelectorAll('button')].map(box);
        return { top: box(g).top, lines: new Set(buttons.map((b) => Math.round(b.top))).size };
      });
      const p = panel ? box(panel) : null;
      return { rows, panel: p && { left: p.left, right: p.right, bottom: p.bottom }, width: innerWidth, height: innerHeight };
    });
    assert.equal(layout.rows.length, 6, 'six settings');
    assert.ok(layout.rows.every((r) => r.lines === 1), `each setting on one line: ${JSON.stringify(layout.rows)}`);
    assert.equal(new Set(layout.rows.map((r) => Math.round(r.top))).size, 6, 'one setting a row');
    assert.ok(layout.panel && layout.panel.left >= 0 && layout.panel.right <= layout.width && layout.panel.bottom <= layout.height, `the card is inside the window: ${JSON.stringify(layout)}`);
    assert.equal(await titleTop(), before, 'opening the settings does not push the article down');
    // A click on the article puts the card away; the settings button brings it back.
    await page.locator('#pith-reader #pr-title').click();
    assert.equal(await page.locator('#pith-reader #pr-panel').isVisible(), false, 'a click outside closes the card');
    await button(page, 'settings').click();
    assert.equal(await page.locator('#pith-reader #pr-panel').isVisible(), true);

    await button(page, 'theme', 'sepia').click();
    const sepia = await styleOf(page, '.pr-root');
    assert.equal(sepia?.background, 'rgb(246, 239, 225)');
    assert.notEqual(sepia?.color, light.color);
    assert.equal(await button(page, 'theme', 'sepia').getAttribute('aria-pressed'), 'true');

    await button(page, 'larger').click();
    await button(page, 'larger').click();
    const bigger = await styleOf(page, 'article');
    assert.ok(bigger && bigger.fontSize > article0.fontSize, `larger text: ${article0.fontSize} → ${bigger?.fontSize}`);

    await button(page, 'wider').click();
    const wider = await styleOf(page, 'article');
    assert.ok(wider && wider.width > article0.width, 'wider lines');
    await button(page, 'narrower').click();
    await button(page, 'narrower').click();
    const narrower = await styleOf(page, 'article');
    assert.ok(narrower && wider && narrower.width < wider.width, 'narrower lines');

    await button(page, 'font', 'sans').click();
    assert.match((await styleOf(page, 'article'))?.fontFamily ?? '', /system-ui/);
    await button(page, 'font', 'serif').click();
    assert.match((await styleOf(page, 'article'))?.fontFamily ?? '', /Charter/);

    // Esc first closes the settings panel, then the reader.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#pith-reader #pr-panel').isVisible(), false);
    await shot(page, 'sepia');

    await button(page, 'settings').click();
    await button(page, 'theme', 'dark').click();
    await page.keyboard.press('Escape');
    const dark = await styleOf(page, '.pr-root');
    assert.equal(dark?.background, 'rgb(24, 24, 26)');
    await shot(page, 'dark');
    const afterDark = await styleOf(page, 'article');

    await page.keyboard.press('Escape');
    await waitForClosed(page);
    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), SETTINGS_KEY)) ?? '{}');
    assert.equal(stored.theme, 'dark');
    assert.equal(stored.size, bigger?.fontSize);

    // Reopened: the same theme, size and width.
    await openReader(page);
    assert.equal((await styleOf(page, '.pr-root'))?.background, 'rgb(24, 24, 26)');
    const again = await styleOf(page, 'article');
    assert.equal(again?.fontSize, afterDark?.fontSize);
    assert.equal(again?.width, afterDark?.width);
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    await page.evaluate((k) => localStorage.removeItem(k), SETTINGS_KEY);
    await page.close();
  });

  test('fit a narrow window', async () => {
    const { page } = await openPage('/fixture/docs--code-reference/', { viewport: { width: 375, height: 740 } });
    await openReader(page);
    const fit = await page.evaluate(() => {
      const root = document.getElementById('pith-reader')?.shadowRoot;
      const dialog = /** @type {HTMLElement} */ (root?.querySelector('[role=dialog]'));
      const bar = /** @type {HTMLElement} */ (root?.querySelector('.pr-bar'));
      const pre = root?.querySelector('pre');
      return {
        page: dialog.scrollWidth <= dialog.clientWidth,
        bar: bar.scrollWidth <= bar.clientWidth,
        pre: pre ? getComputedStyle(pre).overflowX : 'auto',
      };
    });
    assert.deepEqual(fit, { page: true, bar: true, pre: 'auto' }, 'nothing sticks out sideways; code scrolls in its box');
    await shot(page, 'narrow');
    await button(page, 'settings').click();
    const card = await page.evaluate(() => {
      const p = document.getElementById('pith-reader')?.shadowRoot?.querySelector('#pr-panel');
      const b = p?.getBoundingClientRect();
      return b && { left: b.left >= 0, right: b.right <= innerWidth, sideways: p.scrollWidth <= p.clientWidth };
    });
    assert.deepEqual(card, { left: true, right: true, sideways: true }, 'the settings card fits a narrow window');
    await shot(page, 'narrow-settings');
    await page.close();
  });
});

// ---- opening, closing, restoring ---------------------------------------------------------------

describe('opening and closing', () => {
  test('Esc closes and the page is exactly as before: markup, scroll, focus, overflow, listeners', async () => {
    const { page, errors } = await openPage('/fixture/magazine--longform/');
    const before = await page.evaluate(() => {
      window.scrollTo(0, 900);
      const link = /** @type {HTMLElement} */ ([...document.querySelectorAll('main a[href], article a[href], a[href]')].find((a) => a.getBoundingClientRect().height > 0));
      link.focus({ preventScroll: true });
      // @ts-ignore
      window.__focusedBefore = link;
      // @ts-ignore
      window.__keysSeen = 0;
      window.addEventListener('keydown', () => {
        // @ts-ignore
        window.__keysSeen += 1;
      });
      return {
        html: document.documentElement.outerHTML,
        x: window.scrollX,
        y: window.scrollY,
        overflow: [getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow],
        sheets: document.adoptedStyleSheets.length,
        focused: document.activeElement?.outerHTML,
      };
    });
    assert.ok(before.y > 0, 'the page was scrolled');

    await openReader(page);
    const open = await page.evaluate(() => {
      const host = /** @type {HTMLElement} */ (document.getElementById('pith-reader'));
      return {
        parent: host.parentElement?.localName,
        focusInside: document.activeElement === host,
        focusOn: host.shadowRoot?.activeElement?.getAttribute('role'),
        overflow: getComputedStyle(document.documentElement).overflow,
        z: getComputedStyle(host).zIndex,
        position: getComputedStyle(host).position,
      };
    });
    assert.deepEqual(open, { parent: 'html', focusInside: true, focusOn: 'dialog', overflow: 'hidden', z: '2147483647', position: 'fixed' });

    // The page does not scroll under the overlay; the overlay does.
    await page.mouse.move(600, 500);
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(300);
    const scrolled = await page.evaluate(() => ({
      page: window.scrollY,
      overlay: document.getElementById('pith-reader')?.shadowRoot?.querySelector('[role=dialog]')?.scrollTop ?? 0,
    }));
    assert.equal(scrolled.page, before.y, 'the page stayed put');
    assert.ok(scrolled.overlay > 0, 'the reader scrolled');

    // Keys do not reach the page's own listeners while the reader is open.
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__keysSeen), 0);

    await page.keyboard.press('Escape');
    await waitForClosed(page);
    const afterClose = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      x: window.scrollX,
      y: window.scrollY,
      overflow: [getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow],
      sheets: document.adoptedStyleSheets.length,
      focusRestored: document.activeElement === /** @type {any} */ (window).__focusedBefore,
      focused: document.activeElement?.outerHTML,
    }));
    assert.equal(afterClose.html, before.html, 'the markup is unchanged');
    assert.equal(afterClose.y, before.y, 'scroll position');
    assert.equal(afterClose.x, before.x);
    assert.deepEqual(afterClose.overflow, before.overflow, 'overflow of html and body');
    assert.equal(afterClose.sheets, before.sheets, 'no stylesheet left behind');
    assert.equal(afterClose.focusRestored, true, `focus back on ${before.focused?.slice(0, 80)}`);
    // The reader's listeners are gone: keys reach the page again, Esc does nothing odd.
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__keysSeen), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the Close button closes, and the page is as before: markup, scroll, overflow', async () => {
    const { page, errors } = await openPage('/fixture/news--split-by-promos/');
    const state = () =>
      page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        x: window.scrollX,
        y: window.scrollY,
        overflow: [getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow],
        sheets: document.adoptedStyleSheets.length,
      }));
    await page.evaluate(() => window.scrollTo(0, 600));
    const before = await state();
    assert.equal(before.y, 600, 'the page was scrolled to 600px');

    await openReader(page);
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden', 'the page is locked under the reader');
    const close = button(page, 'close');
    assert.equal(await close.getAttribute('aria-label'), 'Close the reader view (Esc)');
    await close.click();
    await waitForClosed(page);

    const after = await state();
    assert.equal(await page.evaluate(() => document.getElementById('pith-reader') === null && document.getElementById('pith-note') === null), true, 'the overlay is gone');
    assert.equal(after.html, before.html, 'the markup is unchanged');
    assert.equal(after.y, 600, 'scroll position restored');
    assert.equal(after.x, before.x);
    assert.deepEqual(after.overflow, before.overflow, 'overflow of html and body');
    assert.equal(after.sheets, before.sheets, 'no stylesheet left behind');
    // It opens again after a Close.
    await openReader(page);
    assert.equal((await readerInfo(page)).open, true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a second run of the bookmarklet closes the reader (toggle)', async () => {
    const { page } = await openPage('/fixture/news--amp-style/');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    await openReader(page);
    await runBookmarklet(page);
    await waitForClosed(page);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html);
    // And a third opens it again.
    await openReader(page);
    assert.equal((await readerInfo(page)).open, true);
    await page.close();
  });

  test('two quick runs load Pith once, with a "Loading Pith…" note meanwhile', async () => {
    loaderDelay = 700;
    try {
      const { page } = await openPage('/fixture/blog--comments/');
      const wasm = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.wasm')) wasm.push(r.url());
      });
      await page.evaluate(() => {
        // @ts-ignore
        window.__inserted = [];
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) /** @type {any} */ (window).__inserted.push(n.id || n.localName);
        }).observe(document.documentElement, { childList: true });
      });
      await runBookmarklet(page);
      await page.waitForFunction(() => document.getElementById('pith-note'));
      assert.equal(await page.evaluate(() => document.getElementById('pith-note')?.shadowRoot?.textContent), 'Loading Pith…');
      await shot(page, 'loading');
      await runBookmarklet(page); // while loading: ignored
      await waitForReader(page);
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => ({
        inserted: /** @type {any} */ (window).__inserted,
        loading: /** @type {any} */ (window).__pithLoading,
        open: !!document.getElementById('pith-reader'),
      }));
      assert.deepEqual(state, { inserted: ['pith-note', 'pith-reader'], loading: 0, open: true });
      assert.equal(wasm.length, 1, 'the wasm was fetched once');
      await page.close();
    } finally {
      loaderDelay = 0;
    }
  });
});

// ---- accessibility ---------------------------------------------------------------------------

describe('accessibility', () => {
  test('a labelled modal dialog, usable with the keyboard alone; Tab stays inside', async () => {
    const { page } = await openPage('/fixture/magazine--longform/');
    await openReader(page);
    const title = 'The Sound of a Glacier Dying';
    assert.equal(await page.getByRole('dialog', { name: title }).count(), 1);
    assert.equal(await page.locator('#pith-reader [role=dialog]').getAttribute('aria-modal'), 'true');
    const unnamed = await page.evaluate(() => {
      const root = document.getElementById('pith-reader')?.shadowRoot;
      return [...(root?.querySelectorAll('button, a[href], [tabindex="0"]') ?? [])]
        .filter((n) => !(n.getAttribute('aria-label') || n.textContent?.trim()))
        .map((n) => n.outerHTML.slice(0, 80));
    });
    assert.deepEqual(unnamed, [], 'every control has a name');

    // Tab through more stops than the overlay has: focus never leaves it, and wraps around.
    const seen = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const host = document.getElementById('pith-reader');
        const a = host?.shadowRoot?.activeElement;
        return document.activeElement === host && a ? a.getAttribute('aria-label') || a.textContent?.slice(0, 30) : 'OUTSIDE';
      });
      assert.notEqual(where, 'OUTSIDE', `Tab #${i + 1} left the overlay`);
      seen.add(where);
    }
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pith-reader');

    // Keyboard only: open the settings, pick sepia, close the panel and the reader.
    await button(page, 'settings').focus();
    await page.keyboard.press('Enter');
    assert.equal(await button(page, 'settings').getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Tab'); // from the pressed theme (auto) to light
    await page.keyboard.press('Tab'); // to sepia
    await page.keyboard.press('Enter');
    assert.equal((await styleOf(page, '.pr-root'))?.background, 'rgb(246, 239, 225)');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.getElementById('pith-reader')?.shadowRoot?.activeElement?.getAttribute('data-action')), 'settings');
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    await page.evaluate((k) => localStorage.removeItem(k), SETTINGS_KEY);
    await page.close();
  });
});

// ---- actions ---------------------------------------------------------------------------------

describe('actions', () => {
  test('copy as Markdown and as HTML', async () => {
    const fx = fixture('magazine--longform');
    const { page } = await openPage('/fixture/magazine--longform/');
    await openReader(page);
    await button(page, 'copy-markdown').click();
    await page.locator('#pith-reader .pr-status', { hasText: 'Markdown copied' }).waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(md.startsWith(`# ${fx.expect.title}\n`), md.slice(0, 100));
    for (const s of fx.expect.markdown_includes ?? []) assert.ok(md.includes(s), `Markdown has ${s}`);
    assert.ok(md.includes(`Source: <${fx.expect.url}>`), 'the canonical URL as the source');

    await button(page, 'copy-html').click();
    await page.locator('#pith-reader .pr-status', { hasText: 'HTML copied' }).waitFor();
    const rich = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return {
        types: item.types,
        html: await (await item.getType('text/html')).text(),
        text: await (await item.getType('text/plain')).text(),
      };
    });
    assert.ok(rich.types.includes('text/html') && rich.types.includes('text/plain'), rich.types.join());
    assert.match(rich.html, /<h1>The Sound of a Glacier Dying<\/h1>/);
    assert.match(rich.html, /<h2[ >]/);
    assert.doesNotMatch(rich.html, /pr-|tabindex|<button/);
    assert.ok(rich.text.startsWith(fx.expect.title));
    await page.close();
  });

  test('download as a .md file', async () => {
    const { page } = await openPage('/fixture/magazine--longform/');
    await openReader(page);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'download').click()]);
    assert.equal(download.suggestedFilename(), 'the-sound-of-a-glacier-dying.md');
    const file = await download.path();
    const text = fs.readFileSync(/** @type {string} */ (file), 'utf8');
    assert.ok(text.startsWith('# The Sound of a Glacier Dying\n'));
    assert.ok(text.includes('## Counting the cracks'));
    await page.close();
  });

  test('print shows the article alone', async () => {
    const { page } = await openPage('/fixture/magazine--longform/');
    await openReader(page);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const host = /** @type {HTMLElement} */ (document.getElementById('pith-reader'));
      const root = /** @type {ShadowRoot} */ (host.shadowRoot);
      const shown = (/** @type {Element | null} */ n) => !!n && getComputedStyle(n).display !== 'none' && n.getClientRects().length > 0;
      return {
        body: getComputedStyle(document.body).display,
        host: shown(host),
        article: shown(root.querySelector('article')),
        title: shown(root.getElementById('pr-title')),
        toolbar: shown(root.querySelector('.pr-bar')),
        background: getComputedStyle(/** @type {Element} */ (root.querySelector('.pr-root'))).backgroundColor,
        pageOverflow: getComputedStyle(document.documentElement).overflow,
      };
    });
    assert.deepEqual(printed, {
      body: 'none',
      host: true,
      article: true,
      title: true,
      toolbar: false,
      background: 'rgb(255, 255, 255)',
      pageOverflow: 'visible',
    });
    // The width of an A4 page at 96 dpi, less the margins.
    await page.setViewportSize({ width: 680, height: 1000 });
    await shot(page, 'print');
    // A real print to PDF runs through the same rules and is not empty.
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });
});

// ---- pages with a strict Content-Security-Policy -------------------------------------------

describe('pages that tamper with built-ins', () => {
  // The bookmarklet runs in the page's world, after its scripts: a page can break anything
  // there, and fool itself. It must not leave the person with nothing: either the reader shows
  // the article (the page's own sentence, not what the tampered API made up) or a message says
  // why not. Never a blank or silent failure, a hang, or a made-up article.
  // Playwright's page.evaluate runs in the page's world, where the tampering would fool the
  // test too: the bookmarklet is run as the bookmarks bar runs it (no page script involved)
  // and the outcome is read from an isolated world of the tab's own, through DevTools.
  for (const name of Object.keys(TAMPER)) {
    test(name, async () => {
      const { page } = await openPage(`/tamper/${name}/`);
      await page.bringToFront();
      const cdp = await page.context().newCDPSession(page);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'pith-test' });
      await clickBookmark(page);
      const probe = `(() => {
        const root = document.getElementById('pith-reader')?.shadowRoot;
        const article = root?.querySelector('article');
        if (article && !root.querySelector('.pr-pending')) {
          return { kind: article.classList.contains('pr-message') ? 'message' : 'reader', text: article.innerText };
        }
        const note = document.getElementById('pith-note')?.shadowRoot?.textContent ?? '';
        if (note && !/^Loading Pith/.test(note)) return { kind: 'note', text: note };
        return null;
      })()`;
      let outcome = { kind: 'nothing', text: '' };
      for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setTimeout(r, 250))) {
        const { result } = await cdp.send('Runtime.evaluate', { expression: probe, contextId: executionContextId, returnByValue: true });
        if (result.value) {
          outcome = result.value;
          break;
        }
      }
      await cdp.detach();
      console.log(`${name}: ${outcome.kind}: ${outcome.text.replace(/\s+/g, ' ').slice(0, 200)}`);
      assert.notEqual(outcome.kind, 'nothing', 'neither the reader nor a message after 20 s');
      assert.ok(!outcome.text.includes(FAKE), `made-up content shown: ${outcome.text.slice(0, 200)}`);
      if (outcome.kind === 'reader') {
        assert.match(outcome.text, /For the first time in eleven years, the lamps along the old pier were lit/);
      } else {
        const named = { outerHTML: /outerHTML/, innerHTML: /innerHTML/, documentElement: /documentElement/, JSON: /JSON/, 'Array-prototype': /Array methods/, 'Array-iterator': /Array iteration/ };
        const key = Object.keys(named).find((k) => name.startsWith(k) || name.startsWith(k + '-'));
        if (key) assert.match(outcome.text, named[key], `the note names what the page replaced: ${outcome.text}`);
        assert.match(outcome.text, /Pith/, 'the message names Pith');
        assert.doesNotMatch(outcome.text, /no article|could not load|server running/i, `the message says what went wrong: ${outcome.text}`);
      }
      await page.close();
    });
  }
});

describe('pages with a Content-Security-Policy', () => {
  /** @param {import('playwright-core').Page} page */
  async function pageStillWorks(page) {
    await page.locator('#counter').click();
    assert.equal(await page.locator('#counter').textContent(), 'Clicked 1 time');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  }

  /** @param {import('playwright-core').Page} page */
  const noteText = (page) => page.evaluate(() => document.getElementById('pith-note')?.shadowRoot?.textContent ?? null);

  test("script-src 'self': a script's javascript: navigation is refused and nothing happens", async () => {
    const { page, errors } = await openPage('/csp/strict/');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const violations = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await runBookmarklet(page);
    await page.waitForTimeout(1000);
    assert.ok(violations.some((v) => /Running the JavaScript URL violates/.test(v)), violations.join('\n'));
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html, 'the page is untouched');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pithLoading), undefined);
    await pageStillWorks(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("script-src 'self', from the bookmarks bar: the code runs, the loader is refused, the note says why", async () => {
    const { page, errors } = await openPage('/csp/strict/');
    await clickBookmark(page);
    await page.waitForFunction(() => /blocks bookmarklets/.test(document.getElementById('pith-note')?.shadowRoot?.textContent ?? ''));
    assert.match(/** @type {string} */ (await noteText(page)), /This site blocks bookmarklets, so Pith cannot open here\. Use the Pith browser extension instead\./);
    assert.equal(await page.evaluate(() => document.getElementById('pith-note')?.getAttribute('role')), 'alert');
    assert.equal(await page.evaluate(() => !!document.getElementById('pith-reader')), false, 'no half-built overlay');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pithLoading), 0);
    await shot(page, 'csp-note');
    await pageStillWorks(page);
    // A click dismisses the note.
    await page.locator('#pith-note').click();
    assert.equal(await noteText(page), null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("script-src 'self' 'unsafe-inline': the same note from a link click", async () => {
    const { page, errors } = await openPage('/csp/inline/');
    await runBookmarklet(page);
    await page.waitForFunction(() => /blocks bookmarklets/.test(document.getElementById('pith-note')?.shadowRoot?.textContent ?? ''));
    assert.equal(await page.evaluate(() => !!document.getElementById('pith-reader')), false);
    await pageStillWorks(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Trusted Types enforced (no script-src): a javascript: link is refused, the bookmarks bar works', async () => {
    const { page, errors } = await openPage('/csp/tt/');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    // A script's navigation to a javascript: URL needs a default policy under Trusted Types.
    await runBookmarklet(page);
    await page.waitForTimeout(800);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html, 'refused: nothing happened');
    await clickBookmark(page);
    await waitForReader(page);
    const info = await readerInfo(page);
    assert.equal(info.message, false);
    assert.equal(info.title, 'Harbour lights return to the old pier');
    assert.match(info.body ?? '', /Cast iron is patient/);
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html);
    await pageStillWorks(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("Pith's scripts allowed but no 'wasm-unsafe-eval': the reader explains", async () => {
    const { page, errors } = await openPage('/csp/nowasm/');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    await openReader(page);
    const info = await readerInfo(page);
    assert.equal(info.message, true);
    assert.equal(info.title, 'This site blocks bookmarklets');
    assert.match(info.text, /Use the Pith browser extension/);
    await shot(page, 'csp-wasm');
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), html);
    await pageStillWorks(page);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

// ---- Chromium's Local Network Access -----------------------------------------------------------

describe('a public page loading Pith from 127.0.0.1 (Chromium Local Network Access)', () => {
  // Chromium asks the person before a public site may reach a server on their own machine
  // (the "loopback" address space). Here the article server is declared public with
  // --ip-address-space-overrides; headless Chromium answers the prompt with no.
  test('refused: a plain note and the page unharmed; allowed: the reader', async () => {
    const port = new URL(site.origin).port;
    const own = await launch({
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-features=Translate,MediaRouter,OptimizationHints',
        `--ip-address-space-overrides=127.0.0.1:${port}=public`,
      ],
    });
    try {
      const pageUrl = `http://127.0.0.1:${port}/fixture/magazine--longform/`;
      await own.context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('http://127.0.0.1:')) return route.continue();
        if (route.request().resourceType() === 'image') return route.fulfill({ contentType: 'image/png', body: PNG });
        return route.abort('blockedbyclient');
      });
      const refused = await own.context.newPage();
      await refused.goto(pageUrl, { waitUntil: 'domcontentloaded' });
      const body = () => refused.evaluate(() => document.head.outerHTML + document.body.outerHTML);
      const before = await body();
      await refused.evaluate((h) => {
        location.href = h;
      }, href);
      await refused.waitForFunction(() => /could not load/.test(document.getElementById('pith-note')?.shadowRoot?.textContent ?? ''));
      const note = await refused.evaluate(() => document.getElementById('pith-note')?.shadowRoot?.textContent);
      assert.match(/** @type {string} */ (note), /Is its server running\? If the browser asked to let this site reach this device/);
      // (Compared before the screenshot: playwright's screenshot leaves style="" on inputs.)
      assert.equal(await body(), before, 'the page is as it was');
      await screenshot(refused, 'bookmarklet-lna-refused', { animations: 'disabled' });
      await refused.locator('#pith-note').click();
      assert.equal(await refused.evaluate(() => document.getElementById('pith-note')), null, 'a click dismisses the note');
      await refused.close();

      const allowed = await own.context.newPage();
      const cdp = await own.context.newCDPSession(allowed);
      // The permission's name in Chromium 14x (local and loopback networks are asked apart).
      const granted = await cdp
        .send('Browser.setPermission', { permission: { name: 'loopback-network' }, setting: 'granted', origin: `http://127.0.0.1:${port}` })
        .then(() => true, () => false);
      if (!granted) return; // an older or newer Chromium without that permission: nothing more to see
      await allowed.goto(pageUrl, { waitUntil: 'domcontentloaded' });
      await allowed.evaluate((h) => {
        location.href = h;
      }, href);
      await waitForReader(allowed);
      assert.equal((await readerInfo(allowed)).title, 'The Sound of a Glacier Dying');
    } finally {
      await own.close();
    }
  });
});

// ---- the snapshot of the live page -----------------------------------------------------------

describe('snapshot.js', () => {
  test('writes back noscript, SVG and MathML so that they parse again as they were meant', async () => {
    const { page } = await openPage('/fixture/listing--category-page/');
    const out = await page.evaluate(async (u) => {
      const main = document.createElement('div');
      main.id = 'snapshot-probe';
      main.innerHTML = `<p>before</p>
        <noscript><img src="https://img.example/real.jpg" alt="lazy"></noscript>
        <p>x <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup><mtext><style>hidden{}</style></mtext></math> y</p>
        <svg viewBox="0 0 1 1"><foreignObject><p>in svg</p></foreignObject></svg>
        <p>after</p>`;
      document.body.append(main);
      // The hostile shape: noscript content that is not balanced markup.
      const broken = document.createElement('div');
      broken.innerHTML = '<noscript></noscript>';
      /** @type {Element} */ (broken.firstChild).textContent = '<p title="';
      main.append(broken);
      const { snapshot } = await import(u);
      const html = snapshot();
      main.remove();
      const at = html.indexOf('<div id="snapshot-probe">');
      return html.slice(at, html.indexOf('</div>', html.indexOf('<noscript></noscript>', at)) + 6);
    }, `${wwwOrigin}/snapshot.js`);
    assert.match(out, /<noscript><img src="https:\/\/img.example\/real.jpg" alt="lazy"><\/noscript>/);
    // Rebuilt from the MathML the core reads; the <style> smuggled into <mtext> is gone.
    assert.match(out, /x <math><mi>E<\/mi><mo>=<\/mo><mi>m<\/mi><msup><mi>c<\/mi><mn>2<\/mn><\/msup><mtext><\/mtext><\/math> y/);
    assert.doesNotMatch(out, /<style/);
    assert.match(out, /<svg><\/svg>/);
    assert.match(out, /<p>after<\/p>/);
    assert.match(out, /<div><noscript><\/noscript><\/div>/, 'the unbalanced noscript content is dropped');
    await page.close();
  });
});

// ---- the reader's contract (the browser extension uses it directly) ------------------------

describe('reader.js contract', () => {
  test('one self-contained file without import/export, idempotent as a classic script and a module', async () => {
    const source = fs.readFileSync(READER_JS, 'utf8');
    assert.doesNotMatch(source, /^\s*(import|export)\s[^(]/m, 'no import/export statements');
    assert.doesNotMatch(source, /\bfetch\(|XMLHttpRequest|@import|url\(\s*['"]?https?:/, 'no network of its own');

    const { page, errors } = await openPage('/fixture/magazine--longform/');
    const url = `${wwwOrigin}/reader/reader.js`;
    await page.addScriptTag({ url });
    const first = await page.evaluateHandle(() => /** @type {any} */ (globalThis).PithReader);
    await page.addScriptTag({ url });
    await page.evaluate((u) => import(u), url);
    const same = await page.evaluate((f) => f === /** @type {any} */ (globalThis).PithReader, first);
    assert.equal(same, true, 'loading it again keeps the first copy');
    assert.deepEqual(await page.evaluate(() => Object.keys(/** @type {any} */ (globalThis).PithReader).sort()), ['close', 'formulas', 'isOpen', 'message', 'pictures', 'readingTime', 'show']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('show / message / close / isOpen with the storage and onClose options', async () => {
    const { page, errors } = await openPage('/fixture/listing--category-page/');
    await page.addScriptTag({ url: `${wwwOrigin}/reader/reader.js` });
    const result = await page.evaluate(async (key) => {
      const R = /** @type {any} */ (globalThis).PithReader;
      const log = [];
      const storage = {
        get: async (/** @type {string} */ k) => {
          log.push(`get ${k}`);
          return { theme: 'sepia', size: 24, width: 30, font: 'sans' }; // an object is accepted too
        },
        set: (/** @type {string} */ k, /** @type {string} */ v) => log.push(`set ${k} ${v}`),
      };
      let closed = 0;
      const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
      const article = {
        title: 'A <b>safe</b> title',
        byline: 'Ana Autora',
        published: '2024-03-05',
        siteName: 'Example Site',
        lang: 'pt-BR',
        dir: 'ltr',
        image: 'https://img.example/lead.jpg',
        url: 'https://example.com/a/story',
        contentHtml: `<p id="pith-p1">${words}</p>
          <p><img src="x.png" onerror="window.__pwned=1"><a href="javascript:window.__pwned=2">bad link</a>
          <a href="#pith-p1">back to top</a> <a href="/rel">relative</a></p>
          <p><img src="https://img.example/missing.png" alt="a picture that is gone" width="800" height="600"></p>
          <script>window.__pwned=3</script><iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>
          <svg onload="window.__pwned=5"></svg><div style="position:fixed;inset:0" class="pr-bar x">styled</div>`,
        text: words,
        markdown: `${words}\n`,
        wordCount: 80,
        readingMinutes: 1,
      };
      const ready = R.show(article, { storage, onClose: () => closed++ });
      const pendingAtOnce = !!document.getElementById('pith-reader')?.shadowRoot?.querySelector('.pr-pending');
      await ready;
      const root = /** @type {ShadowRoot} */ (document.getElementById('pith-reader')?.shadowRoot);
      const shell = /** @type {HTMLElement} */ (root.querySelector('.pr-root'));
      const links = [...root.querySelectorAll('.pr-body a')].map((a) => a.getAttribute('href'));
      await new Promise((r) => setTimeout(r, 300));
      const out = {
        open: R.isOpen(),
        pendingAtOnce,
        pendingAfter: shell.classList.contains('pr-pending'),
        theme: shell.dataset.theme,
        font: shell.dataset.font,
        size: getComputedStyle(/** @type {Element} */ (root.querySelector('article'))).fontSize,
        title: root.getElementById('pr-title')?.textContent,
        time: root.querySelector('time')?.textContent,
        lang: root.querySelector('article')?.getAttribute('lang'),
        lead: root.querySelector('.pr-lead img')?.getAttribute('src'),
        links,
        pwned: /** @type {any} */ (window).__pwned ?? null,
        styled: root.querySelector('.pr-body div')?.getAttribute('style') ?? null,
        classes: root.querySelector('.pr-body div')?.getAttribute('class') ?? null,
        img: root.querySelector('.pr-body img')?.getAttribute('src'),
        broken: [...root.querySelectorAll('.pr-body img')].map((i) => i.classList.contains('pr-broken')),
        onAttrs: [...root.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))).length,
      };
      // Changing a setting goes through storage.set, under the one key.
      /** @type {HTMLElement} */ (root.querySelector('[data-action=theme][data-value=dark]')).click();
      const message = R.message('Something plain\n\nin two paragraphs', { title: 'A message' });
      await message;
      const msg = {
        title: root.getElementById('pr-title')?.textContent,
        paragraphs: [...root.querySelectorAll('article p')].map((p) => p.textContent),
        stillOpen: R.isOpen(),
        hosts: document.querySelectorAll('#pith-reader').length,
      };
      const first = R.close();
      const second = R.close();
      return { out, msg, log, closed, first, second, openAfter: R.isOpen(), key };
    }, SETTINGS_KEY);
    assert.equal(result.out.open, true);
    assert.equal(result.out.pendingAtOnce, true, 'hidden until the async storage answered');
    assert.equal(result.out.pendingAfter, false);
    assert.equal(result.out.theme, 'sepia');
    assert.equal(result.out.font, 'sans');
    assert.equal(result.out.size, '24px');
    assert.equal(result.out.title, 'A <b>safe</b> title', 'the title is text, not markup');
    assert.match(result.out.time ?? '', /2024/);
    assert.match(result.out.time ?? '', /março/, 'the date in the article language');
    assert.equal(result.out.lang, 'pt-BR');
    assert.equal(result.out.lead, 'https://img.example/lead.jpg');
    assert.deepEqual(result.out.links, [null, '#pith-p1', 'https://example.com/rel']);
    assert.equal(result.out.pwned, null);
    assert.equal(result.out.styled, null);
    assert.equal(result.out.classes, 'x');
    assert.equal(result.out.img, 'https://example.com/a/x.png');
    assert.equal(result.out.onAttrs, 0);
    assert.deepEqual(result.out.broken, [false, true], 'an image that did not load is marked, to show as its alt text');
    assert.deepEqual(result.msg, { title: 'A message', paragraphs: ['Something plain', 'in two paragraphs'], stillOpen: true, hosts: 1 });
    assert.deepEqual(result.log, [
      `get ${SETTINGS_KEY}`,
      `set ${SETTINGS_KEY} {"theme":"dark","size":24,"width":30,"font":"sans","leading":1.6,"align":"start"}`,
    ]);
    assert.equal(result.closed, 1, 'onClose called once');
    assert.equal(result.first, true);
    assert.equal(result.second, false);
    assert.equal(result.openAfter, false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('pages enforcing Trusted Types: the body through a policy, or as plain text when none is allowed', async () => {
    for (const [policy, expectHtml] of /** @type {const} */ ([['tt', true], ['ttnone', false]])) {
      const { page, errors } = await openPage(`/csp/${policy}/`);
      // As the bookmarklet's loader loads it (a script element's src would need a TrustedScriptURL).
      const out = await page.evaluate(async (url) => {
        await import(url);
        const R = /** @type {any} */ (globalThis).PithReader;
        const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
        await R.show({
          title: 'Typed',
          contentHtml: `<h2>Part one</h2><p>${words}</p>`,
          text: `Part one\n\n${words}`,
          wordCount: 62,
        });
        const root = /** @type {ShadowRoot} */ (document.getElementById('pith-reader')?.shadowRoot);
        const result = { h2: !!root.querySelector('.pr-body h2'), paragraphs: root.querySelectorAll('.pr-body p').length };
        R.close();
        return result;
      }, `${wwwOrigin}/reader/reader.js`);
      assert.deepEqual(out, expectHtml ? { h2: true, paragraphs: 1 } : { h2: false, paragraphs: 2 }, policy);
      assert.deepEqual(errors, [], policy);
      await page.close();
    }
  });

  test('a page script that removes the overlay leaves nothing locked behind', async () => {
    const { page } = await openPage('/fixture/magazine--longform/');
    const before = await page.evaluate(() => getComputedStyle(document.documentElement).overflow);
    await openReader(page);
    const after = await page.evaluate(async () => {
      document.getElementById('pith-reader')?.remove();
      await new Promise((r) => setTimeout(r, 50));
      return {
        open: /** @type {any} */ (globalThis).PithReader.isOpen(),
        overflow: getComputedStyle(document.documentElement).overflow,
        sheets: document.adoptedStyleSheets.length,
      };
    });
    assert.deepEqual(after, { open: false, overflow: before, sheets: 0 });
    await page.close();
  });

  test('an article that is nearly empty shows the "no article" message', async () => {
    const { page } = await openPage('/fixture/listing--category-page/');
    await page.addScriptTag({ url: `${wwwOrigin}/reader/reader.js` });
    const title = await page.evaluate(async () => {
      const R = /** @type {any} */ (globalThis).PithReader;
      await R.show({ title: 'Short', contentHtml: '<p>Only a few words here.</p>', text: 'Only a few words here.', wordCount: 5 });
      const t = document.getElementById('pith-reader')?.shadowRoot?.getElementById('pr-title')?.textContent;
      R.close();
      return t;
    });
    assert.equal(title, 'No article here');
    await page.close();
  });
});
