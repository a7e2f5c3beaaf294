// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, the
// static server from scripts/serve.mjs, the fixtures, and a few assertions.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(REPO, 'www');
export const FIXTURES = path.join(REPO, 'tests/fixtures');
export const SCREENSHOTS = path.join(REPO, 'tests/browser/screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** A 4×3 grey PNG: what the tests serve for a page's ordinary images. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAAAAACRn/EaAAAADklEQVR4nGOYCQQMcAIANdkHLfwU6FoAAAAASUVORK5CYII=',
  'base64',
);

/** A 1200×675 picture, the stand-in for lead photos (the reader drops lead images smaller than an icon). */
export const LEAD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#9ab"/></svg>';

/** The test-only wasm build with `__panicForTest` (scripts/test-browser.sh builds it). */
export const TEST_PANIC_PKG =
  process.env.PITH_TEST_PANIC_PKG ||
  path.join(process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target'), 'wasm-test-panic/pkg');

// Without these Chromium hangs on the closed network, or wanders off to fetch updates.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/**
 * A fresh Chromium profile (playwright refuses --user-data-dir in launch(), so a persistent
 * context on a temporary directory it is). `extensions`: unpacked extension directories to
 * load (the only ones enabled).
 * @param {import('playwright-core').BrowserContextOptions & { extensions?: string[] }} [options]
 */
export async function launch(options = {}) {
  const { extensions = [], ...rest } = options;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-chromium-'));
  const withExtensions = extensions.length
    ? {
        // Playwright passes --disable-extensions unless told not to; extensions need the new headless mode.
        ignoreDefaultArgs: ['--disable-extensions'],
        args: [...CHROMIUM_ARGS, '--headless=new', `--disable-extensions-except=${extensions.join(',')}`, `--load-extension=${extensions.join(',')}`],
      }
    : {};
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    ...withExtensions,
    ...rest,
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Serves `root` on 127.0.0.1 at a free port; returns its base URL and a stop function. */
export async function serve(root = WWW) {
  const server = await startServer({ root, port: 0, host: '127.0.0.1' });
  const { port } = server.address();
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Console errors that are expected and harmless: the pages under test refer to images and
 * styles on hosts this closed network cannot reach, and Chromium reports every inline event
 * handler of a page parsed with DOMParser as a CSP violation (nothing runs: the handler is
 * refused, which is the CSP doing its job).
 */
const BENIGN = [/Failed to load resource: net::ERR_/, /^console: Executing inline event handler violates/];

/**
 * Collects console errors and uncaught exceptions of a page (less the benign ones above), so
 * a test can assert there were none.
 * @param {import('playwright-core').Page} page
 */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const line = `console: ${m.text()}`;
    if (m.type() === 'error' && !BENIGN.some((re) => re.test(line))) errors.push(line);
  });
  return errors;
}

/** @param {string} name */
export function fixture(name) {
  const dir = path.join(FIXTURES, name);
  return {
    name,
    html: fs.readFileSync(path.join(dir, 'source.html'), 'utf8'),
    expect: JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')),
  };
}

export function fixtureNames() {
  return fs
    .readdirSync(FIXTURES)
    .filter((n) => fs.existsSync(path.join(FIXTURES, n, 'source.html')) && fs.existsSync(path.join(FIXTURES, n, 'expect.json')))
    .sort();
}

/** Whitespace collapsed, the way the tests compare text. */
export const collapse = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * Opens the demo, pastes `html` (and the URL), presses Clean, waits for the result or the
 * error. Returns which one showed.
 * @param {import('playwright-core').Page} page
 */
export async function cleanPage(page, html, { url = '' } = {}) {
  await page.getByTestId('input').fill(html);
  await page.getByTestId('url').fill(url);
  await page.getByTestId('clean').click();
  return waitForOutcome(page);
}

/** Waits until the page shows a result or an error, and the Clean button is usable again. */
export async function waitForOutcome(page) {
  await page.waitForFunction(() => {
    const clean = document.querySelector('[data-testid=clean]');
    const error = document.querySelector('[data-testid=error]');
    const results = document.getElementById('results');
    return clean && !clean.disabled && ((error && !error.hidden) || (results && !results.hidden));
  });
  const errorShown = await page.getByTestId('error').isVisible();
  return errorShown ? 'error' : 'result';
}

/** Every `include_in_order` passage appears in `text`, in order. */
export function assertInOrder(text, passages, label = '') {
  const hay = collapse(text);
  let at = 0;
  for (const p of passages) {
    const i = hay.indexOf(collapse(p), at);
    assert.ok(i >= 0, `${label}: missing or out of order: ${JSON.stringify(p.slice(0, 80))}`);
    at = i + collapse(p).length;
  }
}

/** No line of `exclude` appears in `text` (case-sensitive, whitespace collapsed). */
export function assertNoneOf(text, excluded, label = '') {
  const hay = collapse(text);
  const leaked = excluded.filter((x) => hay.includes(collapse(x)));
  assert.deepEqual(leaked, [], `${label}: boilerplate shown`);
}

/** @param {import('playwright-core').Page} page @param {string} name */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** The native `pith` binary, if one was built (release first: `make test` builds it before these). */
export function pithBinary() {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
  for (const profile of ['release', 'fast', 'debug']) {
    const bin = path.join(target, profile, 'pith');
    if (fs.existsSync(bin)) return bin;
  }
  return null;
}

/**
 * What `pith extract --format markdown` writes for a page, or null (with a warning) when no
 * native binary was built.
 * @param {string} html @param {string} url @param {string[]} [extra]
 */
export function cliMarkdown(html, url, extra = []) {
  const bin = pithBinary();
  if (!bin) {
    console.warn('### no native pith binary (cargo build --release): the CLI comparison is skipped');
    return null;
  }
  return execFileSync(bin, ['extract', '-', '--url', url, '--format', 'markdown', ...extra], { input: html, encoding: 'utf8' });
}

/** The header of a Markdown document: everything before its body (the blocks up to the "Source:" line). */
export function markdownHeader(doc) {
  const at = doc.indexOf('\nSource: <');
  if (at < 0) return doc.split('\n\n').slice(0, 2).join('\n\n');
  return doc.slice(0, doc.indexOf('\n', at + 1));
}
