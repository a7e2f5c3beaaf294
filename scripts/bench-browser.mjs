#!/usr/bin/env node
// Pith against Readability.js in headless Chromium: serves the bench page (www/bench/) with the
// pages to measure, drives it, prints the table and writes every number to a JSON file.
//
//   node scripts/bench-browser.mjs [--mode live|string] [--runs 10] [--warmup 5] [--out /tmp/pith-bench/bench-results.json]
//        [--sources fixtures,wcxb-dev,l3s-gn1,readability-test-pages] [--wcxb 40] [--l3s 20]
//        [--rtp all] [--filter REGEX] [--limit N] [--datasets ../shared/datasets] [--memory] [--serve]
//
// --mode live (the default): every page is loaded as a document in a frame of the one tab,
// and both tools read the live document, page by page, interleaved: Pith as outerHTML +
// extract (formats html), Readability.js as cloneNode + parse (www/bench/live.js). Reports the
// median and worst per-page time ratio (warm), by page size, the cold start (import pith.js →
// first article of the page nearest 287 KB), the download sizes (brotli) and each page's wasm
// memory on a fresh instance against the target (10× the HTML + 2 MiB).
// --mode string: both tools get the page as a string (Pith extract, Readability DOMParser + parse).
//
// Pages: the fixtures (tests/fixtures/*/source.html) and, when the datasets directory exists,
// the first --wcxb pages of wcxb-dev, the first --l3s of l3s-gn1 and --rtp of
// readability-test-pages (names sorted; gzipped pages are served decompressed). Dataset files
// are only read and served, never copied. Each page is given to Pith with its own URL (from
// expect.json, meta.jsonl, or Readability's test URL).
//
// Server: scripts/serve.mjs's startServer for www/, with three mounts in front of it:
//   /node_modules/@mozilla/readability/Readability.js   the npm package, as installed
//   /bench-pages/manifest.json                          the pages chosen, with their URLs
//   /bench-pages/<source>/<name>.html                   one page (gunzipped)
// and COOP/COEP headers so the page is cross-origin isolated (fine-grained timers and
// performance.measureUserAgentSpecificMemory, taken with --memory: it waits for a GC, 10-20 s,
// and leaves out WebAssembly memory; Pith's own heap is reported from its wasm memory anyway).
// --serve only serves, for a browser of your own.
//
// Chromium is launched exactly as the browser tests do (tests/browser/helpers.mjs). The
// machine may be shared: run it more than once and compare; nothing here asserts a time.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { startServer } from './serve.mjs';

const gunzip = promisify(zlib.gunzip);

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(REPO, 'www');
const FIXTURES = path.join(REPO, 'tests/fixtures');
const READABILITY_DIR = path.join(REPO, 'node_modules/@mozilla/readability');
export const DEFAULT_DATASETS = path.resolve(REPO, '../shared/datasets');
const ALL_SOURCES = ['fixtures', 'wcxb-dev', 'l3s-gn1', 'readability-test-pages'];
/** The URL Readability's own tests give its test pages. */
const RTP_URL = 'http://fakehost/test/page.html';

/**
 * One page to serve: where its file is, whether it is gzipped, and the URL it is given.
 * @typedef {{ name: string, source: string, file: string, gz: boolean, url: string }} BenchPage
 */

/**
 * The pages to measure.
 * @param {{ datasets?: string, sources?: string[], wcxb?: number, l3s?: number, rtp?: number, filter?: string }} [options]
 * @returns {BenchPage[]}
 */
export function choosePages({ datasets = DEFAULT_DATASETS, sources = ALL_SOURCES, wcxb = 40, l3s = 20, rtp = Infinity, filter = '' } = {}) {
  /** @type {BenchPage[]} */
  const pages = [];
  if (sources.includes('fixtures')) {
    for (const dir of fs.readdirSync(FIXTURES).sort()) {
      const file = path.join(FIXTURES, dir, 'source.html');
      if (!fs.existsSync(file)) continue;
      let url = `https://fixtures.invalid/${dir}/`;
      try {
        url = JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, 'expect.json'), 'utf8')).url || url;
      } catch {
        // no expect.json, or no url in it: the made-up one will do
      }
      pages.push({ name: `fixtures/${dir}`, source: 'fixtures', file, gz: false, url });
    }
  }
  const gzSet = (/** @type {string} */ source, /** @type {number} */ count) => {
    const dir = path.join(datasets, source);
    if (!sources.includes(source) || count <= 0 || !fs.existsSync(path.join(dir, 'html'))) return;
    const urls = metaUrls(path.join(dir, 'meta.jsonl'));
    const files = fs.readdirSync(path.join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort().slice(0, count);
    for (const f of files) {
      const id = f.slice(0, -'.html.gz'.length);
      pages.push({ name: `${source}/${id}`, source, file: path.join(dir, 'html', f), gz: true, url: urls.get(id) || `https://${source}.invalid/${id}` });
    }
  };
  gzSet('wcxb-dev', wcxb);
  gzSet('l3s-gn1', l3s);
  const rtpDir = path.join(datasets, 'readability-test-pages');
  if (sources.includes('readability-test-pages') && rtp > 0 && fs.existsSync(rtpDir)) {
    const names = fs.readdirSync(rtpDir).filter((n) => fs.existsSync(path.join(rtpDir, n, 'source.html'))).sort().slice(0, rtp);
    for (const n of names) {
      pages.push({ name: `readability-test-pages/${n}`, source: 'readability-test-pages', file: path.join(rtpDir, n, 'source.html'), gz: false, url: RTP_URL });
    }
  }
  if (filter) {
    const re = new RegExp(filter);
    return pages.filter((p) => re.test(p.name));
  }
  return pages;
}

/** id -> url from a dataset's meta.jsonl (missing file: empty). */
function metaUrls(/** @type {string} */ file) {
  const urls = new Map();
  if (!fs.existsSync(file)) return urls;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = JSON.parse(line);
      if (m.id && m.url) urls.set(String(m.id), m.url);
    } catch {
      // a broken line: that page gets a made-up URL
    }
  }
  return urls;
}

/**
 * Starts the bench server on 127.0.0.1 (port 0: a free one).
 * @param {{ pages?: BenchPage[], port?: number }} [options]
 * @returns {Promise<{ url: string, pages: BenchPage[], stop: () => Promise<void> }>}
 */
export async function startBenchServer({ pages = choosePages(), port = 0 } = {}) {
  const server = await startServer({ root: WWW, port, host: '127.0.0.1' });
  /** @type {Map<string, { file: string, gz?: boolean, type: string } | { body: Buffer, type: string }>} */
  const routes = new Map();
  routes.set('/node_modules/@mozilla/readability/Readability.js', { file: path.join(READABILITY_DIR, 'Readability.js'), type: 'text/javascript; charset=utf-8' });
  const manifest = {
    pages: pages.map((p) => {
      const src = `/bench-pages/${p.source}/${encodeURIComponent(path.posix.basename(p.name))}.html`;
      routes.set(src, { file: p.file, gz: p.gz, type: 'text/html; charset=utf-8' });
      return { name: p.name, source: p.source, src, url: p.url };
    }),
  };
  routes.set('/bench-pages/manifest.json', { body: Buffer.from(JSON.stringify(manifest, null, 1)), type: 'application/json; charset=utf-8' });

  // Our routes first, then the www/ server's own handler for everything else.
  const [www] = /** @type {Function[]} */ (server.listeners('request'));
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    // Cross-origin isolation: fine-grained performance.now() and measureUserAgentSpecificMemory.
    // (startServer's writeHead merges these; it already sends CORP: cross-origin.)
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    let pathname = '';
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      // malformed: let the www handler answer it
    }
    const route = routes.get(pathname);
    if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) return www(req, res);
    serveRoute(route)
      .then((body) => {
        res.writeHead(200, {
          'Content-Type': route.type,
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          'Access-Control-Allow-Origin': '*',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch((err) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`bench server: ${err.message}\n`);
      });
  });

  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${actual}/`,
    pages,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** @param {{ file: string, gz?: boolean } | { body: Buffer }} route */
async function serveRoute(route) {
  if ('body' in route) return route.body;
  const bytes = await fsp.readFile(route.file);
  return route.gz ? gunzip(bytes) : bytes;
}

/**
 * The bench page's URL for these settings.
 * @param {string} base the server's URL
 * @param {{ runs?: number, warmup?: number, filter?: string, limit?: number, memory?: boolean }} settings
 */
export function benchUrl(base, { runs = 10, warmup = 5, filter = '', limit = 0, memory = false, mode = 'string' } = {}) {
  const u = new URL('bench/', base);
  if (mode === 'live') u.searchParams.set('mode', 'live');
  u.searchParams.set('manifest', '/bench-pages/manifest.json');
  u.searchParams.set('runs', String(runs));
  u.searchParams.set('warmup', String(warmup));
  if (filter) u.searchParams.set('filter', filter);
  if (limit) u.searchParams.set('limit', String(limit));
  if (memory) u.searchParams.set('memory', '1');
  return u.href;
}

/**
 * Opens the bench page in `context` and waits for it to finish; returns window.benchResults, the
 * page (still open: the caller closes it) and the errors it logged.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {{ timeoutMs?: number, onProgress?: (line: string) => void }} [options]
 */
export async function runBenchPage(context, url, { timeoutMs = 60 * 60 * 1000, onProgress } = {}) {
  const page = await context.newPage();
  const errors = /** @type {string[]} */ ([]);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.text().startsWith('[bench] ')) onProgress?.(m.text().slice(8));
    else if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.benchState ?? ''), null, {
      timeout: timeoutMs,
      polling: 250,
    });
    const { results, error } = await page.evaluate(() => ({
      results: /** @type {any} */ (window).benchResults ?? null,
      error: /** @type {any} */ (window).benchError ?? null,
    }));
    if (error || !results) throw new Error(`bench page failed: ${error ?? 'no results'}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
    return { results, page, errors };
  } catch (err) {
    await page.close().catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The command line.

function parseArgs(/** @type {string[]} */ argv) {
  const o = {
    runs: 10,
    warmup: 5,
    out: '/tmp/pith-bench/bench-results.json',
    sources: ALL_SOURCES,
    wcxb: 40,
    l3s: 20,
    rtp: Infinity,
    filter: '',
    limit: 0,
    datasets: DEFAULT_DATASETS,
    serve: false,
    quiet: false,
    memory: false,
    mode: 'live',
  };
  const count = (/** @type {string} */ v, /** @type {string} */ name) => {
    if (v === 'all') return Infinity;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`bad ${name}: ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`missing value for ${name}`);
      return argv[++i];
    };
    switch (name) {
      case '--runs': o.runs = Math.max(1, count(value(), name)); break;
      case '--warmup': o.warmup = count(value(), name); break;
      case '--out': o.out = value(); break;
      case '--sources': o.sources = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--wcxb': o.wcxb = count(value(), name); break;
      case '--l3s': o.l3s = count(value(), name); break;
      case '--rtp': o.rtp = count(value(), name); break;
      case '--filter': o.filter = value(); break;
      case '--limit': o.limit = count(value(), name); break;
      case '--datasets': o.datasets = path.resolve(value()); break;
      case '--serve': o.serve = true; break;
      case '--quiet': o.quiet = true; break;
      case '--memory': o.memory = true; break;
      case '--mode': o.mode = value(); if (!['live', 'string'].includes(o.mode)) throw new Error(`--mode is live or string, not ${o.mode}`); break;
      case '-h':
      case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1).filter((l, i, a) => a.slice(0, i + 1).every((x) => x.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  for (const s of o.sources) if (!ALL_SOURCES.includes(s)) throw new Error(`unknown source ${s} (one of ${ALL_SOURCES.join(', ')})`);
  return o;
}

const num = (/** @type {number | null} */ x, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits));

/** Text table with right-aligned numbers. */
function table(/** @type {string[]} */ head, /** @type {string[][]} */ rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function report(/** @type {any} */ r) {
  const out = [];
  out.push(
    table(
      ['page', 'bytes', 'pith ms', 'rd ms', 'rd ms (no parse)', 'pith/rd', 'pith/rd (no parse)'],
      r.pages.map((/** @type {any} */ p) => [
        p.name + (p.pith.error ? ' [pith: error]' : '') + (p.readability.error ? ' [rd: null]' : ''),
        String(p.bytes),
        num(p.pith.medianMs),
        num(p.readability.medianMs),
        num(p.readability.noParseMedianMs),
        num(p.ratio),
        num(p.ratioNoParse),
      ]),
    ),
  );
  out.push('');
  const s = r.summary;
  const groups = [['all', s.all], ...Object.entries(s.bySource)];
  out.push(
    table(
      ['source', 'pages', 'geomean pith/rd', 'geomean (no parse)', 'pith faster', 'median pith ms', 'median rd ms', 'median rd ms (no parse)', 'sum pith ms', 'sum rd ms'],
      groups.map(([name, g]) => [
        name,
        String(g.pages),
        num(g.geomeanRatio, 3),
        num(g.geomeanRatioNoParse, 3),
        `${g.pithFaster}/${g.pages}`,
        num(g.pithMedianMs),
        num(g.readabilityMedianMs),
        num(g.readabilityNoParseMedianMs),
        num(g.pithTotalMs, 1),
        num(g.readabilityTotalMs, 1),
      ]),
    ),
  );
  out.push('');
  const c = r.cold;
  out.push(
    `Pith cold start on ${c.page}: ${num(c.pithTotalMs)} ms (import pith.js + init() ${num(c.pithImportInitMs)} ms, first extract ${num(c.pithFirstExtractMs)} ms); ` +
      `Readability.js: script load ${num(c.readabilityLoadMs)} ms + first parse ${num(c.readabilityFirstMs)} ms.`,
  );
  const m = r.memory;
  out.push(
    `Pith's WebAssembly memory (high-water mark of its heap): ${mib(m.pithWasmBytesAfterColdStart)} after the cold start, ${mib(m.pithWasmBytesEnd)} at the end. ` +
      (m.pageBytes
        ? `Page memory: ${mib(m.pageBytes.beforeTools?.bytes)} before the tools, ${mib(m.pageBytes.end?.bytes)} at the end (${m.pageNote}).`
        : `Page memory ${m.pageNote}.`),
  );
  if (s.slowerThan2x.length) {
    out.push(`Pith more than 2x slower than Readability.js on ${s.slowerThan2x.length} page(s):`);
    for (const x of s.slowerThan2x) out.push(`  ${x.name} (${x.bytes} bytes): pith ${num(x.pithMs)} ms, readability ${num(x.readabilityMs)} ms, ratio ${num(x.ratio)}`);
  } else {
    out.push('No page where Pith is more than 2x slower than Readability.js.');
  }
  if (s.pithErrors.length) out.push(`Pith errors: ${s.pithErrors.map((/** @type {any} */ e) => `${e.name} (${e.error})`).join('; ')}`);
  if (s.readabilityErrors.length) out.push(`Readability.js found no article: ${s.readabilityErrors.map((/** @type {any} */ e) => e.name).join(', ')}`);
  out.push(
    `${r.config.pages} pages, ${r.config.runs} timed + ${r.config.warmup} warm-up runs each, ${(r.durationMs / 1000).toFixed(1)} s; ` +
      `timer resolution ${r.env.timerResolutionMs} ms; cross-origin isolated: ${r.env.crossOriginIsolated}; ${r.env.userAgent}`,
  );
  out.push(
    `Geometric mean of pith/readability: ${num(s.all.geomeanRatio, 3)} with Readability's DOMParser parse, ${num(s.all.geomeanRatioNoParse, 3)} without (below 1: Pith is faster).`,
  );
  return out.join('\n');
}

/** Brotli (quality 11) and raw bytes of what each tool downloads. */
export function downloadSizes() {
  const brotli = (/** @type {Buffer} */ buf, /** @type {boolean} */ text) =>
    zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      },
    }).length;
  /** @type {Record<string, { raw: number, brotli: number }>} */
  const out = {};
  for (const [name, file] of [
    ['pith_bg.wasm', path.join(WWW, 'pkg/pith_bg.wasm')],
    ['pkg/pith.js (glue)', path.join(WWW, 'pkg/pith.js')],
    ['pith.js + snapshot.js (wrapper)', null],
    ['Readability.js', path.join(READABILITY_DIR, 'Readability.js')],
  ]) {
    const buf = file ? fs.readFileSync(file) : Buffer.concat([fs.readFileSync(path.join(WWW, 'pith.js')), fs.readFileSync(path.join(WWW, 'snapshot.js'))]);
    out[name] = { raw: buf.length, brotli: brotli(buf, !name.endsWith('.wasm')) };
  }
  return out;
}

function reportLive(/** @type {any} */ r) {
  const out = [];
  out.push(
    table(
      ['page', 'bytes', 'pith ms', 'rd ms', 'pith/rd', 'wasm MiB', 'mem/html'],
      r.rows.map((/** @type {any} */ p) => [
        p.name + (p.pith.error ? ' [pith: error]' : '') + (p.readability.error ? ' [rd: null]' : ''),
        String(p.bytes),
        num(p.pith.medianMs),
        num(p.readability.medianMs),
        num(p.ratio),
        num(p.memory ? p.memory.peakBytes / 1048576 : null, 1),
        num(p.memory?.perHtmlByte ?? null, 1) + (p.memory && !p.memory.withinTarget ? ' !' : ''),
      ]),
    ),
  );
  out.push('');
  const s = r.summary;
  const groups = [['all', s.all], ['both found an article', s.bothProducedArticle], ...Object.entries(s.bySize)];
  out.push(
    table(
      ['pages', 'n', 'median pith/rd', 'worst pith/rd', 'worst page', 'median pith ms', 'median rd ms', 'memory within 10x+2MiB'],
      groups.map(([name, g]) => [name, String(g.pages), num(g.medianRatio, 3), num(g.worstRatio), g.worstPage ?? '', num(g.pithMedianMs), num(g.readabilityMedianMs), `${g.memoryWithinTarget}/${g.pages}`]),
    ),
  );
  out.push('');
  const c = r.cold;
  out.push(
    `Cold start on ${c.page} (${c.bytes} bytes): Pith ${num(c.pithMs)} ms from import to the first article ` +
      `(import + snapshot ${num(c.pithImportAndSnapshotMs)}, then waiting for init() ${num(c.pithWaitForInitMs)}, first extract ${num(c.pithFirstExtractMs)}; ` +
      `the second call takes ${num(c.pithSecondCallMs)}); Readability.js ${num(c.readabilityMs)} ms (script ${num(c.readabilityLoadMs)} + first parse ${num(c.readabilityFirstMs)}).`,
  );
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
  out.push('Downloads (brotli 11): ' + Object.entries(r.sizes).map(([k, v]) => `${k} ${kib(v.brotli)}`).join(', ') + '.');
  if (s.pithErrors.length) out.push(`Pith errors: ${s.pithErrors.map((/** @type {any} */ e) => `${e.name} (${e.error})`).join('; ')}`);
  if (s.readabilityErrors.length) out.push(`Readability.js found no article on ${s.readabilityErrors.length} page(s).`);
  out.push(`${r.config.pages} live pages, ${r.config.runs} timed + ${r.config.warmup} warm-up runs each, ${(r.durationMs / 1000).toFixed(1)} s; ${r.env.userAgent}`);
  return out.join('\n');
}

const mib = (/** @type {number | null | undefined} */ b) => (b === undefined || b === null ? 'n/a' : `${(b / 1048576).toFixed(1)} MiB`);

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench-browser: ${/** @type {Error} */ (err).message} (see --help)`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(WWW, 'pkg/pith_bg.wasm'))) {
    console.error('bench-browser: www/pkg/pith_bg.wasm is missing: run bash scripts/build-wasm.sh first');
    process.exit(1);
  }
  if (!fs.existsSync(path.join(READABILITY_DIR, 'Readability.js'))) {
    console.error('bench-browser: node_modules/@mozilla/readability is missing: run npm ci (scripts/setup.sh does)');
    process.exit(1);
  }
  const pages = choosePages({ datasets: o.datasets, sources: o.sources, wcxb: o.wcxb, l3s: o.l3s, rtp: o.rtp, filter: o.filter });
  if (!pages.length) {
    console.error('bench-browser: no pages chosen');
    process.exit(1);
  }
  const counts = Object.entries(Object.groupBy ? Object.groupBy(pages, (p) => p.source) : groupBy(pages)).map(([k, v]) => `${v.length} ${k}`);
  if (!fs.existsSync(o.datasets)) console.log(`bench-browser: ${o.datasets} not found: fixtures only`);
  const server = await startBenchServer({ pages });
  const url = benchUrl(server.url, { runs: o.runs, warmup: o.warmup, limit: o.limit, memory: o.memory, mode: o.mode });
  if (o.serve) {
    console.log(`Serving the bench (${counts.join(', ')}) at ${url}  (Ctrl-C stops)`);
    process.on('SIGINT', () => server.stop().then(() => process.exit(0)));
    return;
  }
  console.log(`bench-browser: ${counts.join(', ')}; ${o.runs} runs + ${o.warmup} warm-up each; ${url}`);

  const { launch } = await import('../tests/browser/helpers.mjs');
  const browser = await launch();
  let results;
  try {
    let lastShown = 0;
    ({ results } = await runBenchPage(browser.context, url, {
      onProgress: (line) => {
        // A line every 10 s at most, so a long run shows it is alive without flooding.
        if (o.quiet || (Date.now() - lastShown < 10000 && !/^(done|error)/.test(line))) return;
        lastShown = Date.now();
        console.log(`  ${line}`);
      },
    }));
    results.browser = browser.context.browser()?.version() ?? null;
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log('');
  if (results.mode === 'live') {
    results.sizes = downloadSizes();
    console.log(reportLive(results));
  } else {
    console.log(report(results));
  }
  let out = path.resolve(o.out);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) out = path.join(out, 'bench-results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 1) + '\n');
  console.log(`Wrote ${out}`);
}

/** Object.groupBy for node < 21. */
function groupBy(/** @type {BenchPage[]} */ pages) {
  /** @type {Record<string, BenchPage[]>} */
  const g = {};
  for (const p of pages) (g[p.source] ??= []).push(p);
  return g;
}

function isMainModule() {
  if (!process.argv[1]) return false;
  const real = (/** @type {string} */ p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(process.argv[1]) === real(fileURLToPath(import.meta.url));
}
if (isMainModule()) {
  main().catch((err) => {
    console.error(`bench-browser: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
}
