// The bench page (www/bench/) works: on two fixtures with one run each it finishes, both Pith
// and Readability.js produce a title and text, and the table has its columns. A functional
// test only: no time is asserted (scripts/bench-browser.mjs measures, on a quiet machine).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { benchUrl, choosePages, runBenchPage, startBenchServer } from '../../scripts/bench-browser.mjs';
import { launch, REPO, WWW } from './helpers.mjs';

const PAGES = ['fixtures/news--military-times', 'fixtures/blog--comments'];

/** @type {Awaited<ReturnType<typeof startBenchServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;

before(async () => {
  assert.ok(fs.existsSync(`${WWW}/pkg/pith_bg.wasm`), 'www/pkg is missing: run scripts/test-browser.sh (it builds it)');
  assert.ok(
    fs.existsSync(path.join(REPO, 'node_modules/@mozilla/readability/Readability.js')),
    'node_modules/@mozilla/readability is missing: run npm ci (scripts/setup.sh does)',
  );
  const pages = choosePages({ sources: ['fixtures'] }).filter((p) => PAGES.includes(p.name));
  assert.equal(pages.length, PAGES.length, `fixtures missing: ${PAGES.join(', ')}`);
  server = await startBenchServer({ pages });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the bench page measures Pith and Readability.js on two fixtures', async () => {
  const { results, page, errors } = await runBenchPage(browser.context, benchUrl(server.url, { runs: 1, warmup: 0 }), { timeoutMs: 60000 });
  try {
    assert.deepEqual(results.pages.map((/** @type {any} */ p) => p.name).sort(), [...PAGES].sort());
    for (const p of results.pages) {
      assert.equal(p.pith.error, null, `${p.name}: Pith failed`);
      assert.equal(p.readability.error, null, `${p.name}: Readability.js failed`);
      assert.ok(p.pith.title, `${p.name}: Pith gave no title`);
      assert.ok(p.readability.title, `${p.name}: Readability.js gave no title`);
      assert.ok(p.pith.textChars > 100, `${p.name}: Pith's text is empty`);
      assert.ok(p.readability.textChars > 100, `${p.name}: Readability's text is empty`);
      assert.ok(p.bytes > 0 && p.pith.medianMs > 0 && p.readability.medianMs > 0 && p.readability.noParseMedianMs > 0);
      assert.ok(p.ratio > 0 && p.ratioNoParse > 0);
      assert.equal(p.pith.samples.length, 1);
    }
    const military = results.pages.find((/** @type {any} */ p) => p.name === 'fixtures/news--military-times');
    assert.equal(military.pith.title, 'U.S and Iraq talking over legal immunity for troops');

    assert.ok(results.summary.all.geomeanRatio > 0 && results.summary.all.geomeanRatioNoParse > 0);
    assert.equal(results.summary.bySource.fixtures.pages, 2);
    assert.ok(results.cold.pithTotalMs > 0 && results.cold.pithImportInitMs > 0);
    assert.ok(results.memory.pithWasmBytesEnd > 0, 'the page saw no Pith wasm memory');
    assert.equal(results.env.crossOriginIsolated, true);

    const head = await page.locator('#results thead th').allTextContents();
    assert.deepEqual(head, [
      'page',
      'source',
      'bytes',
      'pith ms',
      'readability ms (with parse)',
      'readability ms (without parse)',
      'ratio pith/readability',
      'ratio pith/readability (without parse)',
    ]);
    const rows = page.locator('#results tbody tr');
    assert.equal(await rows.count(), 2);
    for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent ?? '')))) {
      assert.equal(cells.length, head.length);
      for (const n of cells.slice(2)) assert.match(n, /^\d+(\.\d+)?$/, `not a number in ${cells[0]}: ${n}`);
    }
    assert.match((await page.getByTestId('status').textContent()) ?? '', /^done: 2 pages/);
    assert.match((await page.getByTestId('cold').textContent()) ?? '', /Pith cold start/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the live-page bench (mode=live) reads both fixtures as documents, with cold start, ratios and memory', async () => {
  const { results, page, errors } = await runBenchPage(browser.context, benchUrl(server.url, { runs: 1, warmup: 0, mode: 'live' }), { timeoutMs: 60000 });
  try {
    assert.equal(results.mode, 'live');
    assert.deepEqual(results.rows.map((/** @type {any} */ p) => p.name).sort(), [...PAGES].sort());
    for (const p of results.rows) {
      assert.equal(p.pith.error, null, `${p.name}: Pith failed`);
      assert.equal(p.readability.error, null, `${p.name}: Readability.js failed`);
      assert.ok(p.pith.htmlChars > 100 && p.readability.htmlChars > 100, `${p.name}: an article from both`);
      assert.ok(p.ratio > 0);
      // A fresh instance per page: its memory is at least the module's own, and grew for the page.
      assert.ok(p.memory.peakBytes >= p.memory.baseBytes && p.memory.baseBytes > 0);
      assert.equal(typeof p.memory.withinTarget, 'boolean');
    }
    // The cold start reads the page nearest 287 KB: here the larger of the two.
    assert.equal(results.cold.page, 'fixtures/blog--comments');
    assert.ok(results.cold.pithTitle, 'the cold start found the article');
    assert.ok(results.cold.pithMs > 0 && results.cold.readabilityMs > 0);
    assert.equal(results.summary.all.pages, 2);
    assert.ok(results.summary.all.medianRatio > 0 && results.summary.all.worstRatio >= results.summary.all.medianRatio);
    assert.match((await page.getByTestId('status').textContent()) ?? '', /^done: 2 live pages/);
    // The pages' own scripts are refused (the frame is sandboxed) and their styles and images
    // are not there to load: those are the pages' errors, not the bench's.
    assert.deepEqual(errors.filter((e) => !/Blocked script execution in .*sandboxed|Failed to load resource|Refused to apply style/.test(e)), []);
  } finally {
    await page.close();
  }
});
