// How long one extract() takes in the browser on the military-times fixture: the first call
// of a fresh page (import, fetch and compile the wasm, instantiate, extract) and warm calls.
// Writes tests/browser/out/timings.json; fails only on absurd numbers (this machine is shared
// and slow, so the gate is loose: it catches a 10x regression, not a 10% one).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fixture, launch, REPO, serve } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

test('extract() timings on news--military-times', async (t) => {
  const { html } = fixture('news--military-times');
  const page = await browser.context.newPage();
  // A page of the demo's origin that does not load Pith by itself.
  await page.goto(`${server.url}examples/night-train.svg`);
  const r = await page.evaluate(async (html) => {
    const t0 = performance.now();
    const pith = await import('/pith.js');
    await pith.init();
    const t1 = performance.now();
    const first = pith.extract(html);
    const t2 = performance.now();
    const warm = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      pith.extract(html);
      warm.push(performance.now() - s);
    }
    // Keep going until the optimizing compiler has caught up, then measure again.
    for (let i = 0; i < 200; i++) pith.extract(html);
    const steady = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      pith.extract(html);
      steady.push(performance.now() - s);
    }
    return { initMs: t1 - t0, firstExtractMs: t2 - t1, coreExtractMs: first.stats.extractMs, warm, steady, title: first.title };
  }, html);
  await page.close();

  assert.equal(r.title, 'U.S and Iraq talking over legal immunity for troops');
  const result = {
    fixture: 'news--military-times',
    bytes: Buffer.byteLength(html),
    browser: browser.context.browser()?.version() ?? 'chromium',
    initMs: round(r.initMs),
    firstExtractMs: round(r.firstExtractMs),
    firstTotalMs: round(r.initMs + r.firstExtractMs),
    warmMedianMs: round(median(r.warm)),
    warmMinMs: round(Math.min(...r.warm)),
    steadyMedianMs: round(median(r.steady)),
    steadyMinMs: round(Math.min(...r.steady)),
  };
  const out = path.join(REPO, 'tests/browser/out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'timings.json'), JSON.stringify(result, null, 2) + '\n');
  t.diagnostic(
    `init ${result.initMs} ms + first extract ${result.firstExtractMs} ms = ${result.firstTotalMs} ms; ` +
      `warm median ${result.warmMedianMs} ms (20 runs); after 200 more: median ${result.steadyMedianMs} ms`,
  );
  assert.ok(result.firstTotalMs < 5000, `first call took ${result.firstTotalMs} ms`);
  assert.ok(result.warmMedianMs < 200, `warm median ${result.warmMedianMs} ms`);
});

/** @param {number} ms */
function round(ms) {
  return Math.round(ms * 100) / 100;
}
