// www/pith.js, the JS API, loaded the way the bookmarklet will load it: imported into a page
// of another origin, with the core from a third. Uses the test-only build with the
// `test-panic` feature (scripts/test-browser.sh builds it outside www/) to check that a
// panic, which traps the wasm instance and may leave it broken, never poisons the next call.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixture, launch, serve, TEST_PANIC_PKG, watchErrors } from './helpers.mjs';

let api; // www/: pith.js, the wrapper
let core; // the test-panic pkg: glue + wasm
let host; // an unrelated page, like any page a bookmarklet runs on
let hostDir;
let browser;
const html = fixture('news--military-times').html;

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Lanterns | Harbour Notes</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Lanterns</h1>
${'<p>The harbour lanterns were lit at dusk by a man with a long pole, who walked the quay from end to end, in all weathers, for forty years.</p>\n'.repeat(5)}
</article><footer>Harbour Notes, all rights reserved</footer></body></html>`;

before(async () => {
  assert.ok(
    fs.existsSync(path.join(TEST_PANIC_PKG, 'pith_bg.wasm')),
    `the test-panic build is missing at ${TEST_PANIC_PKG}: run scripts/test-browser.sh (it builds it)`,
  );
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-host-'));
  fs.writeFileSync(path.join(hostDir, 'index.html'), HOST_PAGE);
  api = await serve();
  core = await serve(TEST_PANIC_PKG);
  host = await serve(hostDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of [api, core, host]) await s?.stop();
  if (hostDir) fs.rmSync(hostDir, { recursive: true, force: true });
});

/** A fresh host page with the API imported into `window.pith` and initialized (unless told not to). */
async function hostPage({ initialize = true } = {}) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(host.url);
  await page.evaluate(
    async ({ apiUrl, coreUrl, initialize }) => {
      window.pith = await import(apiUrl + 'pith.js');
      if (initialize) await window.pith.init({ pkgUrl: coreUrl });
    },
    { apiUrl: api.url, coreUrl: core.url, initialize },
  );
  return { page, errors };
}

/**
 * Runs `fn(pith, html)` in the page; an exception comes back as { error: { name, message, cause } }.
 * @param {import('playwright-core').Page} page
 */
function run(page, body, arg) {
  return page.evaluate(
    async ({ body, arg, html }) => {
      const f = new Function('pith', 'html', 'arg', `return (async () => { ${body} })()`);
      try {
        return { value: await f(window.pith, html, arg) };
      } catch (e) {
        return { error: { name: e.name, message: e.message, cause: e.cause ? `${e.cause.constructor.name}: ${e.cause.message}` : null } };
      }
    },
    { body, arg, html },
  );
}

describe('the JS API, cross-origin, with crash recovery', () => {
  test('loads from other origins (the bookmarklet case) and extracts', async () => {
    const { page, errors } = await hostPage();
    const r = await run(page, `const a = pith.extract(html); return { title: a.title, version: pith.version(), status: pith.status() };`);
    assert.equal(r.value.title, 'U.S and Iraq talking over legal immunity for troops');
    assert.match(r.value.version, /^\d+\.\d+\.\d+$/);
    assert.equal(r.value.status.pkgUrl, core.url);
    assert.equal(r.value.status.ready, true);
    assert.equal(r.value.status.imports, 1, 'one copy of the glue');
    assert.equal(r.value.status.instances, 1);
    // extractDocument snapshots the host page itself.
    const d = await run(page, `const a = pith.extractDocument(); return { title: a.title, text: a.text, url: a.url };`);
    assert.equal(d.value.title, 'Lanterns');
    assert.match(d.value.text, /^The harbour lanterns were lit at dusk/);
    assert.doesNotMatch(d.value.text, /all rights reserved|About/);
    assert.equal(r.value.status.crashes, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a panic becomes a clear Error, and the next call starts fresh', async () => {
    const { page } = await hostPage();
    const before = await run(page, `return pith.extract(html);`);
    for (let i = 1; i <= 5; i++) {
      const crash = await run(page, `return pith.__callForTest('__panicForTest', 'boom ' + arg, 64);`, i);
      assert.equal(crash.error?.name, 'Error');
      assert.equal(crash.error.message, 'Pith crashed on this page: RuntimeError: unreachable; the next call starts fresh');
      assert.equal(crash.error.cause, 'RuntimeError: unreachable');
      // At once, synchronously, without awaiting anything: the same answer as before.
      const next = await run(page, `return pith.extract(html);`);
      assert.deepEqual({ ...next.value, stats: null }, { ...before.value, stats: null }, `call after crash ${i}`);
      const status = await run(page, `await pith.init(); return pith.status();`);
      assert.equal(status.value.crashes, i);
    }
    await page.close();
  });

  test('past the memory cap: "this page is too large", and the next call starts fresh', async () => {
    const { page } = await hostPage();
    // The module declares the cap pith.js names (the linker's --max-memory): memory section, maximum.
    const declared = await run(
      page,
      `const bytes = new Uint8Array(await (await fetch(arg + 'pith_bg.wasm')).arrayBuffer());
       return maxMemoryPages(bytes);
       ${maxMemoryPages.toString()}`,
      core.url,
    );
    assert.equal(declared.value * 65536, await run(page, 'return pith.MAX_MEMORY_BYTES;').then((r) => r.value));
    assert.equal(declared.value * 65536, 1024 ** 3);

    const fits = await run(page, `return pith.__callForTest('__allocateForTest', 256);`);
    assert.equal(fits.value, 256 * 256, '256 MiB fit (filled with ones, one read every 4 KiB)');
    const big = await run(page, `return pith.__callForTest('__allocateForTest', 1100);`);
    assert.equal(big.error?.name, 'Error');
    assert.match(big.error.message, /^this page is too large for Pith: extracting it needs more than the 1 GiB of memory Pith may use \(it held \d+ MiB and asked for 1\.1 GiB more\); give a smaller page$/);
    assert.equal(big.error.cause, 'RuntimeError: unreachable');
    const next = await run(page, `return { title: pith.extract(html).title, status: pith.status() };`);
    assert.equal(next.value.title, 'U.S and Iraq talking over legal immunity for troops');
    assert.equal(next.value.status.crashes, 1);
    // A panic is still a crash, not a large page: the note is the instance's own.
    const crash = await run(page, `return pith.__callForTest('__panicForTest', 'boom', 64);`);
    assert.match(crash.error.message, /^Pith crashed on this page/);
    await page.close();
  });

  test('a panic that wrecks the shadow stack poisons the raw glue, not the API', async () => {
    const { page } = await hostPage();
    // Control: the generated glue on its own. After this trap the stack pointer is left
    // below the stack, so every later call traps too.
    const raw = await run(
      page,
      `const glue = await import(arg + 'pith.js?raw');
       glue.initSync({ module: await WebAssembly.compileStreaming(fetch(arg + 'pith_bg.wasm')) });
       const ok = glue.extract(html).title;
       let first, second;
       try { glue.__panicForTest('deep', 1012); } catch (e) { first = e.constructor.name + ': ' + e.message; }
       try { glue.extract(html); second = 'ok'; } catch (e) { second = e.constructor.name + ': ' + e.message; }
       return { ok, first, second };`,
      core.url,
    );
    assert.equal(raw.value.ok, 'U.S and Iraq talking over legal immunity for troops');
    assert.equal(raw.value.first, 'RuntimeError: memory access out of bounds');
    assert.equal(raw.value.second, 'RuntimeError: memory access out of bounds', 'the raw instance stays broken');

    // The API: the same trap, then business as usual.
    const crash = await run(page, `return pith.__callForTest('__panicForTest', 'deep', 1012);`);
    assert.equal(crash.error.message, 'Pith crashed on this page: RuntimeError: memory access out of bounds; the next call starts fresh');
    const next = await run(page, `return pith.extract(html).title;`);
    assert.equal(next.value, 'U.S and Iraq talking over legal immunity for troops');
    await page.close();
  });

  test('crashes in a row: each recovers at once, with the one copy of the glue', async () => {
    const { page } = await hostPage();
    const glueLoads = [];
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.href.startsWith(core.url) && u.pathname.endsWith('/pith.js')) glueLoads.push(u.href);
    });
    const r = await run(
      page,
      `const out = [];
       for (let i = 0; i < 3; i++) {
         try { pith.__callForTest('__panicForTest', 'again', 16); out.push('no crash?'); }
         catch (e) { out.push(e.message); }
       }
       out.push(pith.extract(html).title);
       return { out, status: pith.status() };`,
    );
    for (const m of r.value.out.slice(0, 3)) assert.match(m, /^Pith crashed on this page/);
    assert.equal(r.value.out[3], 'U.S and Iraq talking over legal immunity for troops', 'no await needed');
    assert.equal(r.value.status.crashes, 3);
    assert.equal(r.value.status.instances, 4, 'a fresh instance after each crash');
    assert.equal(r.value.status.imports, 1);
    assert.deepEqual(glueLoads, [], 'recovery loads no second copy of the glue');
    await page.close();
  });

  test("the core's own errors keep the instance", async () => {
    const { page } = await hostPage();
    const r = await run(
      page,
      `const before = pith.status();
       const messages = [];
       for (const input of ['', '\\u0000\\u0000binary']) {
         try { pith.extract(input); } catch (e) { messages.push(e.constructor.name + ': ' + e.message); }
       }
       try { pith.extract(42); } catch (e) { messages.push(e.constructor.name + ': ' + e.message); }
       try { pith.extract(html, { favor: 'everything' }); } catch (e) { messages.push(e.constructor.name + ': ' + e.message.split(':')[0]); }
       return { messages, before, after: pith.status(), title: pith.extract(html).title };`,
    );
    assert.deepEqual(r.value.messages, [
      'Error: the document is empty: give the HTML of a page',
      'Error: the input is not an HTML page but binary data (it contains NUL bytes)',
      'TypeError: extract(html): html must be a string, not number',
      'Error: invalid options',
    ]);
    assert.equal(r.value.after.crashes, 0);
    assert.equal(r.value.after.instances, r.value.before.instances, 'no new instance');
    assert.equal(r.value.title, 'U.S and Iraq talking over legal immunity for troops');
    await page.close();
  });

  test('calls before init() say so; a missing core is a clear error, and init() can retry', async () => {
    const { page } = await hostPage({ initialize: false });
    const early = await run(page, `return pith.extract(html);`);
    assert.equal(early.error.message, 'Pith is not initialized: call and await init() first');
    const missing = await run(page, `return pith.init({ pkgUrl: arg });`, `${core.url}nowhere/`);
    assert.match(missing.error.message, /^cannot load the Pith core from .*nowhere\/pith_bg\.wasm: HTTP 404$/);
    const retried = await run(page, `await pith.init({ pkgUrl: arg }); return pith.extract(html).title;`, core.url);
    assert.equal(retried.value, 'U.S and Iraq talking over legal immunity for troops');
    await page.close();
  });
});

/**
 * The maximum (in 64 KiB pages) of the memory a wasm binary defines, read from its memory
 * section (id 5); null when it declares none. Runs in the page (its source is sent there).
 * @param {Uint8Array} bytes
 */
function maxMemoryPages(bytes) {
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 5) {
      leb(); // count: one memory
      const flags = leb();
      leb(); // minimum
      return flags & 1 ? leb() : null;
    }
    at = end;
  }
  return null;
}
