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
import { after, before, describe, test } from 'node:test';
import { compareInPage, differentialCases, GENERATED } from './differential.mjs';
import { launch } from './helpers.mjs';

/** @type {{ name: string, html: string, tree: unknown[] }[]} */
let cases = [];
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  cases = differentialCases();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto('about:blank');
});

after(async () => {
  await browser?.close();
});

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
