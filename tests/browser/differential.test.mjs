// The parser differential (issue 14): Pith's sanitized HTML, parsed by html5ever and by
// Chromium's own parser, must give the same tree. The Rust sanitizer's checks (re-parsed by
// html5ever, fuzz/invariants.rs) only hold if the browser, which is the parser that matters,
// reads the markup the same way; a difference is what mutation XSS is made of.
//
// The cases come from `cargo test --test sanitize differential_cases` (run from here): the
// article Pith extracts from every attack-corpus vector in each placement, every fixture, every
// page of the browser's hostile corpus (tests/browser/hostile.mjs), every input of the fuzz
// corpus when a fuzz run left one (scripts/fuzz.sh, fuzz/corpus/extract/), and 3,000 pages of
// random soup, each with the tree html5ever builds (`<!doctype html><body>` + the HTML, parsed
// as a document with scripting off: what the reader view and the demo do with it). Here each
// is parsed the same way with DOMParser and walked the same way (namespaced tag, attributes
// sorted, adjacent text merged).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launch, REPO } from './helpers.mjs';
import { hostilePages } from './hostile.mjs';

const GENERATED = Number(process.env.PITH_DIFFERENTIAL_GENERATED || 3000);
const FUZZ_CORPUS = path.join(REPO, 'fuzz/corpus/extract');

/** @type {{ name: string, html: string, tree: unknown[] }[]} */
let cases = [];
let tmp = '';
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-differential-'));
  const hostile = path.join(tmp, 'hostile');
  fs.mkdirSync(hostile);
  for (const p of hostilePages()) fs.writeFileSync(path.join(hostile, `${p.name}.html`), p.html);
  const dirs = [hostile, ...(fs.existsSync(FUZZ_CORPUS) ? [FUZZ_CORPUS] : [])];
  const out = path.join(tmp, 'cases.jsonl');
  const cargo = spawnSync(
    'cargo',
    ['test', '--release', '--quiet', '--test', 'sanitize', 'differential_cases', '--', '--ignored', '--exact', '--nocapture'],
    {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, PITH_DIFFERENTIAL_OUT: out, PITH_DIFFERENTIAL_PAGES: dirs.join(':'), PITH_DIFFERENTIAL_GENERATED: String(GENERATED) },
    },
  );
  assert.equal(cargo.status, 0, `cargo test --test sanitize differential_cases failed:\n${cargo.stdout}\n${cargo.stderr}`);
  console.log(cargo.stdout.split('\n').find((l) => l.startsWith('differential:')) ?? '');
  cases = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto('about:blank');
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Runs in the page: each case's HTML parsed by DOMParser the way the reader does, walked into
 * the event list html5ever's side wrote; the cases whose trees differ, with where.
 * @param {{ name: string, html: string, tree: unknown[] }[]} batch
 */
function compareInPage(batch) {
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const byName = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  const events = (root) => {
    const out = [];
    const walk = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType === Node.ELEMENT_NODE) {
          const key = c.namespaceURI === XHTML ? c.localName : `{${c.namespaceURI}}${c.localName}`;
          const attrs = [...c.attributes].map((a) => [a.localName, a.value]).sort(byName);
          out.push(['open', key, attrs]);
          walk(c); // a <template>'s content is not among its children, on either side
          out.push(['close', key]);
        } else if (c.nodeType === Node.TEXT_NODE) {
          const last = out[out.length - 1];
          if (last && last[0] === 'text') last[1] += c.data;
          else if (c.data) out.push(['text', c.data]);
        } else {
          out.push(['other']);
        }
      }
    };
    walk(root);
    return out;
  };
  const differ = [];
  for (const { name, html, tree } of batch) {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    const mine = events(doc.body);
    const a = JSON.stringify(mine);
    const b = JSON.stringify(tree);
    if (a === b) continue;
    let i = 0;
    while (i < mine.length && i < tree.length && JSON.stringify(mine[i]) === JSON.stringify(tree[i])) i++;
    differ.push({
      name,
      at: i,
      chromium: JSON.stringify(mine.slice(Math.max(0, i - 1), i + 2)),
      html5ever: JSON.stringify(tree.slice(Math.max(0, i - 1), i + 2)),
    });
  }
  return differ;
}

/** Every case through the browser, in batches; the differing ones. */
async function differences(list) {
  const out = [];
  for (let i = 0; i < list.length; i += 500) out.push(...(await page.evaluate(compareInPage, list.slice(i, i + 500))));
  return out;
}

describe('the parser differential: html5ever and Chromium read Pith\'s HTML alike', () => {
  test('the cases cover the attack corpus, the hostile pages, the fixtures and generated soup', () => {
    const count = (re) => cases.filter((c) => re.test(c.name)).length;
    const by = { corpus: count(/^corpus\//), hostile: count(/\/hostile\//), fixtures: count(/tests\/fixtures\//), fuzz: count(/fuzz\/corpus\//), soup: count(/^soup\//) };
    console.log(`differential: ${cases.length} cases`, by);
    assert.ok(by.corpus >= 300, `attack corpus cases: ${by.corpus}`);
    assert.ok(by.hostile >= 200, `hostile pages: ${by.hostile}`);
    assert.ok(by.fixtures >= 20, `fixtures: ${by.fixtures}`);
    assert.ok(by.soup >= GENERATED * 0.9, `generated soup pages with an article: ${by.soup} of ${GENERATED}`);
    // Soup that exercises the parser: the sanitizer's output keeps some of its structure.
    assert.ok(cases.filter((c) => /^soup\//.test(c.name) && /<(table|ul|blockquote|figure|details)\b/.test(c.html)).length > 50);
  });

  test('every case parses to the same tree in Chromium as in html5ever', async () => {
    const differ = await differences(cases);
    assert.deepEqual(differ.slice(0, 5), [], `${differ.length} of ${cases.length} cases differ`);
  });

  test('the comparison can fail: a tree that is not what the HTML says is caught', async () => {
    const sample = cases.find((c) => c.tree.length > 4);
    const tampered = [
      // The text changed, an attribute added, an element renamed: each must show.
      { ...sample, name: 'text', tree: sample.tree.map((e) => (e[0] === 'text' ? ['text', e[1] + 'x'] : e)) },
      { ...sample, name: 'attr', tree: sample.tree.map((e, i) => (i === sample.tree.findIndex((x) => x[0] === 'open') ? ['open', e[1], [...e[2], ['zz', '']]] : e)) },
      // The classic: html5ever and a browser disagree if either mishandled foreign content.
      { name: 'svg', html: '<svg><p>x</p></svg>', tree: [['open', '{http://www.w3.org/2000/svg}svg', []], ['open', '{http://www.w3.org/2000/svg}p', []], ['text', 'x'], ['close', '{http://www.w3.org/2000/svg}p'], ['close', '{http://www.w3.org/2000/svg}svg']] },
    ];
    const differ = await differences(tampered);
    assert.deepEqual(differ.map((d) => d.name), ['text', 'attr', 'svg']);
  });
});
