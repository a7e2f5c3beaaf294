// Hostile pages in Firefox ESR (issue 14): the second engine's parser and renderer, where
// WebDriver BiDi lets the harness go (firefox.mjs).
//
// - The parser differential: the same cases as differential.test.mjs (Pith's sanitized HTML
//   for the attack corpus, the hostile pages, the fixtures, the fuzz corpus and generated
//   soup), parsed by Gecko's DOMParser, must give html5ever's tree.
// - The demo on every page of tests/browser/hostile.mjs: pasted, cleaned, its HTML tab, reader
//   tab, "What Pith removed" and original views shown. A page fails when a trap fires (the
//   demo's `__trap`, or a request for http://trap.invalid/js/… from any frame), when a request
//   leaves for anything but the demo's own server, an image the page shows, or (from the
//   sandboxed preview frames only) a static reference the page makes; when the reader view or
//   the core's HTML holds anything active; or when the article's sentence is missing.
//
// The demo is served without its Content-Security-Policy <meta> (a copy of www/): with it, a
// sanitizer slip would go unseen, as in the Chromium suite. The bookmarklet and the
// extension are driven in Chromium only (hostile.test.mjs): BiDi cannot run a javascript:
// bookmark from the toolbar, and the Firefox add-on's reader is the same reader.js.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compareInPage, differentialCases } from './differential.mjs';
import { FIREFOX, launchFirefox } from './firefox.mjs';
import { collapse, SCREENSHOTS, serve, WWW } from './helpers.mjs';
import { activeContentInPage, hostilePages, IMAGE_HOST, TRAP_HOST } from './hostile.mjs';

const PAGES = hostilePages().filter((p) => !process.env.HOSTILE_ONLY || new RegExp(process.env.HOSTILE_ONLY).test(p.name));

/** @type {import('./firefox.mjs').Bidi} */
let bidi;
/** @type {() => Promise<void>} */
let closeFirefox;
/** @type {Awaited<ReturnType<typeof serve>>} */
let www;
let wwwCopy = '';
let demo = '';
/** Every request Firefox was about to send: its URL and the browsing context it is for. */
const requests = /** @type {{ url: string, context: string }[]} */ ([]);

before(async () => {
  assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} not found: scripts/setup.sh installs Debian's firefox-esr`);
  assert.ok(fs.existsSync(path.join(WWW, 'pkg/pith_bg.wasm')), 'www/pkg is missing: run scripts/test-browser.sh (it builds it)');
  wwwCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-www-'));
  fs.cpSync(WWW, wwwCopy, { recursive: true });
  const index = path.join(wwwCopy, 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  const open = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  assert.notEqual(open, html, 'the demo has a CSP <meta> to take out');
  fs.writeFileSync(index, open);
  www = await serve(wwwCopy);
  ({ bidi, close: closeFirefox } = await launchFirefox());
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  bidi.listeners.push((e) => {
    if (e.method === 'network.beforeRequestSent') requests.push({ url: e.params.request.url, context: e.params.context });
  });
  ({ context: demo } = await bidi.send('browsingContext.create', { type: 'tab' }));
  await bidi.send('browsingContext.navigate', { context: demo, url: www.url, wait: 'complete' });
  await bidi.evaluate(demo, `(window.__trapped = [], window.__trap = (name, own) => window.__trapped.push(String(name)), true)`);
});

after(async () => {
  await closeFirefox?.();
  await www?.stop();
  if (wwwCopy) fs.rmSync(wwwCopy, { recursive: true, force: true });
});

/** The demo context and the frames inside it. */
async function demoContexts() {
  const { contexts } = await bidi.send('browsingContext.getTree', { root: demo });
  const all = new Set();
  const walk = (c) => {
    all.add(c.context);
    for (const child of c.children ?? []) walk(child);
  };
  contexts.forEach(walk);
  return all;
}

/** What is wrong with one request of the demo showing page `p`, or null. */
function judgeRequest(r, p) {
  if (r.url.startsWith(www.url) || /^(data|blob|about):/.test(r.url)) return null;
  const u = new URL(r.url);
  if (u.hostname === IMAGE_HOST) return p.images.includes(r.url) ? null : `an image the page does not show: ${r.url}`;
  if (u.hostname === TRAP_HOST) {
    // The sandboxed "original page" frames show the page as it was, stylesheets and all.
    if (u.pathname.startsWith('/ref/') && r.context !== demo) return null;
    return `trap request (${r.context === demo ? 'the demo' : 'a frame'}): ${r.url}`;
  }
  return `a request to an unknown host: ${r.url}`;
}

/** Runs in the demo: pastes `html`, cleans it, shows every view; what it found. */
const DEMO_RUN = `async (html) => {
  const q = (id) => document.querySelector('[data-testid=' + id + ']');
  const input = q('input');
  input.value = html;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const url = q('url');
  url.value = '';
  url.dispatchEvent(new Event('input', { bubbles: true }));
  q('clean').click();
  const done = () => {
    const clean = q('clean'), error = q('error'), results = document.getElementById('results');
    return clean && !clean.disabled && ((error && !error.hidden) || (results && !results.hidden));
  };
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!done()) return { error: 'no outcome after 10 s' };
  if (!q('error').hidden) return { error: q('error').innerText };
  q('tab-html').click();
  const coreHtml = document.getElementById('out-html').textContent ?? '';
  q('tab-reader').click();
  q('view-removed').click();
  q('view-original').click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150))));
  const active = (${activeContentInPage});
  const parsed = new DOMParser().parseFromString('<!doctype html><body>' + coreHtml, 'text/html');
  return {
    reader: active(document.getElementById('article')),
    core: active(parsed.body),
    text: document.getElementById('article').innerText,
    trapped: window.__trapped.splice(0),
  };
}`;

/** One page through the demo in Firefox: its problems. */
async function demoRun(p) {
  const from = requests.length;
  const found = JSON.parse(await bidi.evaluate(demo, `(${DEMO_RUN})(${JSON.stringify(p.html)}).then(JSON.stringify)`));
  const problems = [];
  if (found.error) return [`the demo showed an error: ${found.error}`];
  for (const x of found.reader) problems.push(`reader view: ${x}`);
  for (const x of found.core) problems.push(`core HTML: ${x}`);
  for (const t of found.trapped) problems.push(`trap fired in the demo: ${t}`);
  if (!collapse(found.text).includes(p.sentence)) problems.push('the article was not extracted: its sentence is missing from the reader view');
  const mine = await demoContexts();
  for (const r of requests.slice(from)) {
    if (!mine.has(r.context)) continue;
    const bad = judgeRequest(r, p);
    if (bad) problems.push(bad);
  }
  return problems;
}

describe('hostile pages in Firefox ESR', () => {
  test('the parser differential: Gecko reads Pith\'s HTML as html5ever does', async () => {
    const cases = differentialCases();
    assert.ok(cases.length > 3000, `${cases.length} cases`);
    const differ = [];
    for (let i = 0; i < cases.length; i += 200) {
      const batch = JSON.stringify(cases.slice(i, i + 200));
      differ.push(...JSON.parse(await bidi.evaluate(demo, `JSON.stringify((${compareInPage})(${batch}))`)));
    }
    console.log(`differential in Firefox: ${cases.length} cases, ${differ.length} differ`);
    assert.deepEqual(differ.slice(0, 5), [], `${differ.length} of ${cases.length} cases differ`);
    // The comparison can fail here too: foreign content read wrongly on purpose.
    const wrong = [{ name: 'svg', html: '<svg><p>x</p></svg>', tree: [['open', '{http://www.w3.org/2000/svg}svg', []], ['open', '{http://www.w3.org/2000/svg}p', []], ['text', 'x'], ['close', '{http://www.w3.org/2000/svg}p'], ['close', '{http://www.w3.org/2000/svg}svg']] }];
    assert.equal(JSON.parse(await bidi.evaluate(demo, `JSON.stringify((${compareInPage})(${JSON.stringify(wrong)}))`)).length, 1);
  });

  test(`the demo: no vector runs or loads anything, every article is extracted (${PAGES.length} pages)`, async () => {
    const failing = [];
    for (const p of PAGES) {
      const problems = await demoRun(p);
      if (problems.length) failing.push(`${p.name}: ${problems.join('; ')}`);
    }
    console.log(`Firefox demo: ${PAGES.length} pages, ${failing.length} failing`);
    // What a person sees after the last page: the reader view of a hostile article.
    await bidi.evaluate(demo, `(document.querySelector('[data-testid=tab-reader]').click(), document.getElementById('article').scrollIntoView(), true)`);
    const { data } = await bidi.send('browsingContext.captureScreenshot', { context: demo });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'firefox-hostile-demo.png'), Buffer.from(data, 'base64'));
    assert.deepEqual(failing, []);
  });

  test('the harness catches what it is meant to: a handler that runs, a trap request, active content', async () => {
    // A page whose vector the harness plants in the reader view after Pith ran.
    const p = PAGES[0];
    const from = requests.length;
    const planted = await bidi.evaluate(
      demo,
      `(() => {
         const img = document.createElement('img');
         img.setAttribute('onerror', "__trap('planted');(new Image).src='http://${TRAP_HOST}/js/planted'");
         img.src = '/missing.png';
         document.getElementById('article').append(img);
         return new Promise((r) => setTimeout(() => r(JSON.stringify({ trapped: window.__trapped.splice(0), active: (${activeContentInPage})(document.getElementById('article')) })), 500));
       })()`,
    );
    const { trapped, active } = JSON.parse(planted);
    assert.deepEqual(trapped, ['planted']);
    assert.ok(active.some((x) => /onerror/.test(x)), active.join('; '));
    const mine = await demoContexts();
    const bad = requests.slice(from).filter((r) => mine.has(r.context)).map((r) => judgeRequest(r, p)).filter(Boolean);
    assert.ok(bad.some((x) => /trap request \(the demo\): http:\/\/trap\.invalid\/js\/planted/.test(x)), bad.join('; '));
  });
});
