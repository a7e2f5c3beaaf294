// The bench page: Pith against Mozilla's Readability.js in the same tab, on the same pages.
//
// For every page (fetched once, decoded as UTF-8, gunzipped in the page if it arrives gzipped):
//   Pith         extract(html, { url, formats: ["html", "text"] })       (parses the string itself)
//   Readability  new DOMParser().parseFromString(html, "text/html"), then
//                new Readability(doc).parse()                           (a fresh document each run:
//                                                                        Readability mutates it)
// Readability is timed with and without the DOMParser parse; Pith's time always includes its own
// parse, so "with parse" is the like-for-like ratio and "without parse" is the generous one.
// After one untimed pass of both tools over all the pages, each page gets `warmup` untimed runs
// of both, then `runs` timed runs interleaved A/B with the order alternating, and the medians
// are kept. Before any of that the page measures Pith's cold
// start: importing pith.js, init() (fetch and compile the wasm) and the first extract().
//
// Results: the table, `window.benchResults` (everything, samples included) and
// `document.documentElement.dataset.benchState` = loading | running | done | error, which is
// what scripts/bench-browser.mjs and tests/browser/bench.test.mjs wait for. No timing is
// asserted here: the numbers are for reading, as ratios.

const DEFAULT_READABILITY = "../node_modules/@mozilla/readability/Readability.js";
const SLOW_RATIO = 2;

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @typedef {object} Config
 * @property {string} manifest URL of a JSON manifest, or ""
 * @property {string[]} pages page URLs
 * @property {number} runs
 * @property {number} warmup
 * @property {string} filter regular expression over page names, or ""
 * @property {number} limit at most this many pages (0: all)
 * @property {string} readability URL of Readability.js
 * @property {boolean} memory also take performance.measureUserAgentSpecificMemory (slow)
 * @property {string} mode "string" (the default: both tools get the page as a string) or
 *   "live" (both read the page as a loaded document: see live.js)
 */

/**
 * A page to measure.
 * @typedef {object} Page
 * @property {string} name
 * @property {string} source where it comes from (fixtures, wcxb-dev, ...)
 * @property {string} src where it was fetched from
 * @property {string} url the page's own URL, given to Pith for links
 * @property {string} html
 * @property {number} bytes size of the HTML as fetched (after gunzip)
 */

function setState(/** @type {string} */ state, /** @type {string} */ message) {
  document.documentElement.dataset.benchState = state;
  const status = $("status");
  status.dataset.state = state;
  status.textContent = message;
  console.log(`[bench] ${state}: ${message}`);
}

/** @returns {Config} */
function configFromParams(/** @type {URLSearchParams} */ params) {
  return {
    manifest: params.get("manifest") ?? "",
    pages: params.getAll("page"),
    runs: positive(params.get("runs"), 10, 1),
    warmup: positive(params.get("warmup"), 5, 0),
    filter: params.get("filter") ?? "",
    limit: positive(params.get("limit"), 0, 0),
    readability: params.get("readability") ?? DEFAULT_READABILITY,
    memory: params.get("memory") === "1",
    mode: params.get("mode") === "live" ? "live" : "string",
  };
}

/** @returns {Config} */
function configFromForm() {
  const field = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value.trim();
  return {
    manifest: field("pages") ? "" : field("manifest"),
    pages: field("pages").split(/\s+/).filter(Boolean),
    runs: positive(field("runs"), 10, 1),
    warmup: positive(field("warmup"), 5, 0),
    filter: field("filter"),
    limit: 0,
    readability: new URLSearchParams(location.search).get("readability") ?? DEFAULT_READABILITY,
    memory: new URLSearchParams(location.search).get("memory") === "1",
    mode: new URLSearchParams(location.search).get("mode") === "live" ? "live" : "string",
  };
}

function positive(/** @type {string | null} */ s, /** @type {number} */ fallback, /** @type {number} */ min) {
  const n = Number(s);
  return s !== null && s !== "" && Number.isInteger(n) && n >= min ? n : fallback;
}

/** Reads the manifest and the page list, applies filter and limit, fetches every page. */
async function loadPages(/** @type {Config} */ cfg) {
  /** @type {{ src: string, url?: string, name?: string, source?: string }[]} */
  const entries = [];
  if (cfg.manifest) {
    const manifestUrl = new URL(cfg.manifest, location.href);
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error(`manifest ${manifestUrl.href}: HTTP ${response.status}`);
    const data = await response.json();
    const list = Array.isArray(data) ? data : data.pages;
    if (!Array.isArray(list)) throw new Error(`manifest ${manifestUrl.href}: expected a list or { "pages": [...] }`);
    for (const e of list) {
      const entry = typeof e === "string" ? { src: e } : { ...e };
      entry.src = new URL(entry.src, manifestUrl).href;
      entries.push(entry);
    }
  }
  for (const p of cfg.pages) entries.push({ src: new URL(p, location.href).href });

  let selected = entries.map((e) => ({
    src: e.src,
    url: e.url || e.src,
    name: e.name || decodeURIComponent(new URL(e.src).pathname.split("/").filter(Boolean).slice(-2).join("/")),
    source: e.source || "pages",
  }));
  if (cfg.filter) {
    const re = new RegExp(cfg.filter);
    selected = selected.filter((e) => re.test(e.name));
  }
  if (cfg.limit) selected = selected.slice(0, cfg.limit);
  if (!selected.length) throw new Error("no pages to measure (give ?manifest=URL or page=URL)");

  /** @type {Page[]} */
  const pages = [];
  for (const [i, e] of selected.entries()) {
    if (i % 20 === 0) setState("loading", `fetching pages ${i + 1}-${Math.min(i + 20, selected.length)} of ${selected.length}`);
    const response = await fetch(e.src);
    if (!response.ok) throw new Error(`${e.src}: HTTP ${response.status}`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
    // Pages are decoded once, outside the timings, as UTF-8 (the datasets are re-encoded to
    // UTF-8; their <meta charset> may be stale). Both tools get the same string.
    pages.push({ ...e, bytes: bytes.length, html: new TextDecoder("utf-8").decode(bytes) });
  }
  return pages;
}

async function gunzip(/** @type {Uint8Array} */ bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function loadScript(/** @type {string} */ src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load Readability.js from ${script.src} (npm ci installs @mozilla/readability; scripts/bench-browser.mjs serves it)`));
    document.head.append(script);
  });
}

/** @typedef {{ ms: number, parseMs: number, extractMs: number, title: string | null, textChars: number, words: number, error: string | null }} PithRun */
/** @typedef {{ ms: number, noParseMs: number, title: string | null, textChars: number, error: string | null }} ReadabilityRun */

/** @returns {PithRun} */
function runPith(/** @type {any} */ pith, /** @type {Page} */ page) {
  const t0 = performance.now();
  let article = null;
  let error = null;
  try {
    article = pith.extract(page.html, { url: page.url, formats: ["html", "text"] });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ms = performance.now() - t0;
  return {
    ms,
    parseMs: article?.stats.parseMs ?? NaN,
    extractMs: article?.stats.extractMs ?? NaN,
    title: article?.title ?? null,
    textChars: article?.text?.length ?? 0,
    words: article?.wordCount ?? 0,
    error,
  };
}

/** @returns {ReadabilityRun} */
function runReadability(/** @type {Page} */ page) {
  const Readability = /** @type {any} */ (globalThis).Readability;
  const t0 = performance.now();
  const doc = new DOMParser().parseFromString(page.html, "text/html");
  const t1 = performance.now();
  let result = null;
  let error = null;
  try {
    result = new Readability(doc).parse();
    if (!result) error = "no article (parse() returned null)";
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const t2 = performance.now();
  return { ms: t2 - t0, noParseMs: t2 - t1, title: result?.title ?? null, textChars: result?.textContent?.length ?? 0, error };
}

/** Estimates performance.now()'s granularity (100 µs unless the page is cross-origin isolated). */
function timerResolution() {
  let best = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best;
}

/**
 * Memory of the whole page from performance.measureUserAgentSpecificMemory (Chromium wants the
 * page cross-origin isolated; the bench server sends COOP and COEP). It resolves at the next
 * garbage collection, 10-20 s here, and Chromium leaves WebAssembly memory out of it, so it is
 * only taken when asked for (memory=1). Null when it does not answer within `timeoutMs`.
 */
async function measureMemory(timeoutMs = 30000) {
  const t0 = performance.now();
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const result = /** @type {any} */ (await Promise.race([/** @type {any} */ (performance).measureUserAgentSpecificMemory(), timeout]));
  if (!result) return null;
  return { bytes: result.bytes, tookMs: round(performance.now() - t0) };
}

/**
 * Pith's heap lives in its instances' WebAssembly memory, which grows and never shrinks, so its
 * size after the run is the high-water mark of Pith's heap (pith.js swaps in a fresh instance
 * when one passes 256 MiB; the largest is kept). To see those memories the page watches
 * instances being made (the glue's initSync uses `new WebAssembly.Instance`); it changes nothing.
 * Weak references, so a discarded instance's memory can still be collected.
 * @type {WeakRef<WebAssembly.Memory>[]}
 */
const wasmMemories = [];
let wasmPeak = 0;
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    const memory = /** @type {any} */ (instance.exports).memory;
    if (memory instanceof WebAssembly.Memory) wasmMemories.push(new WeakRef(memory));
    return instance;
  },
});
/** The largest Pith memory seen so far (checked after every page). */
function wasmBytes() {
  for (const ref of wasmMemories) wasmPeak = Math.max(wasmPeak, ref.deref()?.buffer.byteLength ?? 0);
  return wasmPeak;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs the whole bench with `cfg`; fills the table and window.benchResults. */
async function bench(/** @type {Config} */ cfg) {
  const startedAt = new Date().toISOString();
  const tStart = performance.now();
  $("summary").replaceChildren();
  $("results").querySelector("tbody")?.replaceChildren();
  setState("loading", "fetching pages");
  const pages = await loadPages(cfg);
  if (cfg.mode === "live") {
    const { benchLive } = await import("./live.js");
    const live = await benchLive(pages, cfg, { setState, loadScript, tick });
    const results = {
      mode: "live",
      env: { userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated, timerResolutionMs: round(timerResolution(), 4) },
      config: { runs: cfg.runs, warmup: cfg.warmup, filter: cfg.filter, limit: cfg.limit, manifest: cfg.manifest, pages: pages.length },
      startedAt,
      durationMs: round(performance.now() - tStart),
      ...live,
    };
    /** @type {any} */ (window).benchResults = results;
    setState("done", `done: ${pages.length} live pages in ${(results.durationMs / 1000).toFixed(1)} s; median pith/readability ${fmt(live.summary.all.medianRatio)}, worst ${fmt(live.summary.all.worstRatio)}`);
    return results;
  }

  const memoryApi = typeof (/** @type {any} */ (performance).measureUserAgentSpecificMemory) === "function";
  /** @type {any} */
  const memory = {
    pithWasmBytesAfterColdStart: null,
    pithWasmBytesEnd: null,
    pageBytes: null,
    pageNote: !memoryApi
      ? "skipped: performance.measureUserAgentSpecificMemory is unavailable in this browser"
      : !self.crossOriginIsolated
        ? "skipped: performance.measureUserAgentSpecificMemory needs a cross-origin isolated page (COOP + COEP headers)"
        : !cfg.memory
          ? "skipped: performance.measureUserAgentSpecificMemory waits for a GC (10-20 s) and leaves out WebAssembly memory; memory=1 takes it"
          : "whole-page bytes (JS heaps and DOM, not WebAssembly memory) from performance.measureUserAgentSpecificMemory, not per tool",
  };
  const pageMemory = memoryApi && self.crossOriginIsolated && cfg.memory;
  if (pageMemory) {
    setState("loading", "measuring memory before any tool runs");
    memory.pageBytes = { beforeTools: await measureMemory() };
  }

  // Cold start: the first thing either tool does in this tab.
  setState("running", "cold start: import pith.js, init(), first extract()");
  const c0 = performance.now();
  const pith = await import("../pith.js");
  await pith.init();
  const c1 = performance.now();
  const firstPith = runPith(pith, pages[0]);
  const r0 = performance.now();
  await loadScript(new URL(cfg.readability, location.href).href);
  const r1 = performance.now();
  const firstReadability = runReadability(pages[0]);
  const cold = {
    page: pages[0].name,
    pithImportInitMs: round(c1 - c0),
    pithFirstExtractMs: round(firstPith.ms),
    pithTotalMs: round(c1 - c0 + firstPith.ms),
    readabilityLoadMs: round(r1 - r0),
    readabilityFirstMs: round(firstReadability.ms),
    readabilityTotalMs: round(r1 - r0 + firstReadability.ms),
  };
  memory.pithWasmBytesAfterColdStart = wasmBytes();

  // One untimed pass of both tools over every page first, so the JIT and the wasm tier-up have
  // settled before the first page is timed (without it the first pages in the list pay for it).
  if (cfg.warmup > 0) {
    for (const [i, page] of pages.entries()) {
      if (i % 20 === 0) {
        setState("running", `warm-up pass: page ${i + 1} of ${pages.length}`);
        await tick();
      }
      runPith(pith, page);
      runReadability(page);
    }
  }

  /** @type {any[]} */
  const rows = [];
  for (const [i, page] of pages.entries()) {
    setState("running", `page ${i + 1} of ${pages.length}: ${page.name} (${page.bytes} bytes)`);
    await tick();
    for (let w = 0; w < cfg.warmup; w++) {
      if (w % 2 === 0) {
        runPith(pith, page);
        runReadability(page);
      } else {
        runReadability(page);
        runPith(pith, page);
      }
    }
    /** @type {PithRun[]} */
    const p = [];
    /** @type {ReadabilityRun[]} */
    const r = [];
    for (let k = 0; k < cfg.runs; k++) {
      if (k % 2 === 0) {
        p.push(runPith(pith, page));
        r.push(runReadability(page));
      } else {
        r.push(runReadability(page));
        p.push(runPith(pith, page));
      }
    }
    wasmBytes();
    const row = summarizePage(page, p, r);
    rows.push(row);
    appendRow(row);
  }

  memory.pithWasmBytesEnd = wasmBytes();
  if (pageMemory) memory.pageBytes.end = await measureMemory();
  const results = {
    tool: { pith: pith.version(), readability: cfg.readability },
    env: {
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      crossOriginIsolated: self.crossOriginIsolated,
      timerResolutionMs: round(timerResolution(), 4),
    },
    config: { runs: cfg.runs, warmup: cfg.warmup, filter: cfg.filter, limit: cfg.limit, manifest: cfg.manifest, pages: pages.length },
    startedAt,
    durationMs: round(performance.now() - tStart),
    cold,
    memory,
    summary: summarize(rows),
    pages: rows,
  };
  /** @type {any} */ (window).benchResults = results;
  showSummary(results);
  setState("done", `done: ${rows.length} pages in ${(results.durationMs / 1000).toFixed(1)} s; geometric mean of pith/readability ${fmt(results.summary.all.geomeanRatio)} (${fmt(results.summary.all.geomeanRatioNoParse)} without Readability's DOMParser time)`);
  return results;
}

function summarizePage(/** @type {Page} */ page, /** @type {PithRun[]} */ p, /** @type {ReadabilityRun[]} */ r) {
  const pithMs = p.map((x) => x.ms);
  const rdMs = r.map((x) => x.ms);
  const rdNoParseMs = r.map((x) => x.noParseMs);
  const last = p[p.length - 1];
  const lastR = r[r.length - 1];
  const pithMedian = median(pithMs);
  const rdMedian = median(rdMs);
  const rdNoParseMedian = median(rdNoParseMs);
  return {
    name: page.name,
    source: page.source,
    src: page.src,
    url: page.url,
    bytes: page.bytes,
    pith: {
      medianMs: round(pithMedian),
      ...spread(pithMs),
      coreParseMedianMs: round(median(p.map((x) => x.parseMs))),
      coreExtractMedianMs: round(median(p.map((x) => x.extractMs))),
      samples: pithMs.map(round),
      title: last.title,
      textChars: last.textChars,
      words: last.words,
      error: last.error,
    },
    readability: {
      medianMs: round(rdMedian),
      ...spread(rdMs),
      noParseMedianMs: round(rdNoParseMedian),
      domParserMedianMs: round(median(r.map((x) => x.ms - x.noParseMs))),
      samples: rdMs.map(round),
      noParseSamples: rdNoParseMs.map(round),
      title: lastR.title,
      textChars: lastR.textChars,
      error: lastR.error,
    },
    ratio: ratio(pithMedian, rdMedian),
    ratioNoParse: ratio(pithMedian, rdNoParseMedian),
  };
}

/** Geometric means and medians over all pages and per source. */
function summarize(/** @type {any[]} */ rows) {
  const group = (/** @type {any[]} */ rs) => {
    const both = rs.filter((x) => !x.pith.error && !x.readability.error);
    return {
      pages: rs.length,
      geomeanRatio: round(geomean(rs.map((x) => x.ratio))),
      geomeanRatioNoParse: round(geomean(rs.map((x) => x.ratioNoParse))),
      medianRatio: round(median(rs.map((x) => x.ratio))),
      pithFaster: rs.filter((x) => x.ratio < 1).length,
      pithMedianMs: round(median(rs.map((x) => x.pith.medianMs))),
      readabilityMedianMs: round(median(rs.map((x) => x.readability.medianMs))),
      readabilityNoParseMedianMs: round(median(rs.map((x) => x.readability.noParseMedianMs))),
      pithTotalMs: round(sum(rs.map((x) => x.pith.medianMs))),
      readabilityTotalMs: round(sum(rs.map((x) => x.readability.medianMs))),
      readabilityNoParseTotalMs: round(sum(rs.map((x) => x.readability.noParseMedianMs))),
      bothProducedArticle: both.length,
      geomeanRatioBothProducedArticle: round(geomean(both.map((x) => x.ratio))),
    };
  };
  /** @type {Record<string, any>} */
  const bySource = {};
  for (const source of [...new Set(rows.map((x) => x.source))]) bySource[source] = group(rows.filter((x) => x.source === source));
  return {
    all: group(rows),
    bySource,
    slowerThan2x: rows
      .filter((x) => x.ratio > SLOW_RATIO)
      .sort((a, b) => b.ratio - a.ratio)
      .map((x) => ({ name: x.name, bytes: x.bytes, pithMs: x.pith.medianMs, readabilityMs: x.readability.medianMs, ratio: x.ratio })),
    pithErrors: rows.filter((x) => x.pith.error).map((x) => ({ name: x.name, error: x.pith.error })),
    readabilityErrors: rows.filter((x) => x.readability.error).map((x) => ({ name: x.name, error: x.readability.error })),
  };
}

function appendRow(/** @type {any} */ row) {
  const tr = document.createElement("tr");
  tr.dataset.page = row.name;
  if (row.ratio > SLOW_RATIO) tr.className = "slow";
  const link = document.createElement("a");
  link.href = row.src;
  link.textContent = row.name;
  const cells = [
    link,
    row.source,
    String(row.bytes),
    fmt(row.pith.medianMs),
    fmt(row.readability.medianMs),
    fmt(row.readability.noParseMedianMs),
    fmt(row.ratio),
    fmt(row.ratioNoParse),
  ];
  for (const [i, content] of cells.entries()) {
    const td = document.createElement("td");
    td.append(content);
    if (i >= 2) td.className = "num";
    if (i === 3 && row.pith.error) td.title = `Pith: ${row.pith.error}`;
    if (i === 4 && row.readability.error) td.title = `Readability: ${row.readability.error}`;
    if ((i === 3 && row.pith.error) || (i === 4 && row.readability.error)) td.classList.add("err");
    tr.append(td);
  }
  $("results").querySelector("tbody")?.append(tr);
}

function showSummary(/** @type {any} */ results) {
  const { summary, cold, memory } = results;
  const table = document.createElement("table");
  table.dataset.testid = "summary-table";
  const head = ["pages", "source", "geomean pith/readability", "geomean (without parse)", "pith faster on", "median pith ms", "median readability ms", "median readability ms (without parse)"];
  const thead = table.createTHead().insertRow();
  for (const h of head) thead.append(Object.assign(document.createElement("th"), { textContent: h }));
  const body = table.createTBody();
  const line = (/** @type {string} */ name, /** @type {any} */ g) => {
    const tr = body.insertRow();
    const values = [g.pages, name, fmt(g.geomeanRatio), fmt(g.geomeanRatioNoParse), `${g.pithFaster}/${g.pages}`, fmt(g.pithMedianMs), fmt(g.readabilityMedianMs), fmt(g.readabilityNoParseMedianMs)];
    for (const [i, v] of values.entries()) Object.assign(tr.insertCell(), { textContent: String(v), className: i === 1 ? "" : "num" });
  };
  line("all", summary.all);
  for (const [source, g] of Object.entries(summary.bySource)) line(source, g);

  const coldP = document.createElement("p");
  coldP.dataset.testid = "cold";
  coldP.textContent =
    `Pith cold start (import pith.js + init() + first extract() on ${cold.page}): ${fmt(cold.pithTotalMs)} ms ` +
    `(${fmt(cold.pithImportInitMs)} + ${fmt(cold.pithFirstExtractMs)}). ` +
    `Readability.js: script load ${fmt(cold.readabilityLoadMs)} ms + first parse ${fmt(cold.readabilityFirstMs)} ms.`;
  const memP = document.createElement("p");
  memP.dataset.testid = "memory";
  memP.textContent =
    `Pith's WebAssembly memory (its heap's high-water mark): ${mib(memory.pithWasmBytesAfterColdStart)} after the cold start, ` +
    `${mib(memory.pithWasmBytesEnd)} at the end. Page memory: ` +
    (memory.pageBytes ? `${mib(memory.pageBytes.beforeTools?.bytes)} before the tools, ${mib(memory.pageBytes.end?.bytes)} at the end (${memory.pageNote}).` : `${memory.pageNote}.`);
  const envP = document.createElement("p");
  envP.textContent = `${results.config.runs} timed runs and ${results.config.warmup} warm-up runs per page; timer resolution ${results.env.timerResolutionMs} ms; ${results.env.userAgent}.`;
  $("summary").replaceChildren(table, coldP, memP, envP);
}

function median(/** @type {number[]} */ xs) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Spread of the samples: min, max and the quartiles (nearest rank). */
function spread(/** @type {number[]} */ xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (/** @type {number} */ f) => s[Math.min(s.length - 1, Math.max(0, Math.round(f * (s.length - 1))))];
  return { minMs: round(s[0]), p25Ms: round(q(0.25)), p75Ms: round(q(0.75)), maxMs: round(s[s.length - 1]) };
}

/** Ratio of two times; a zero denominator (below the timer's resolution) counts as one tick. */
function ratio(/** @type {number} */ a, /** @type {number} */ b) {
  const tickMs = 0.005;
  return round(Math.max(a, tickMs) / Math.max(b, tickMs), 4);
}

function geomean(/** @type {number[]} */ xs) {
  const ok = xs.filter((x) => x > 0 && Number.isFinite(x));
  return ok.length ? Math.exp(ok.reduce((acc, x) => acc + Math.log(x), 0) / ok.length) : NaN;
}

const sum = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0);
const round = (/** @type {number} */ x, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const fmt = (/** @type {number | null} */ x) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const mib = (/** @type {number | null | undefined} */ b) => (b === undefined || b === null ? "n/a" : `${(b / 1048576).toFixed(1)} MiB`);

function start(/** @type {Config} */ cfg) {
  /** @type {HTMLButtonElement} */ ($("run")).disabled = true;
  bench(cfg)
    .catch((err) => {
      /** @type {any} */ (window).benchError = err instanceof Error ? err.message : String(err);
      setState("error", `error: ${/** @type {any} */ (window).benchError}`);
    })
    .finally(() => {
      /** @type {HTMLButtonElement} */ ($("run")).disabled = false;
    });
}

const params = new URLSearchParams(location.search);
const initial = configFromParams(params);
/** @type {HTMLInputElement} */ ($("runs")).value = String(initial.runs);
/** @type {HTMLInputElement} */ ($("warmup")).value = String(initial.warmup);
/** @type {HTMLInputElement} */ ($("filter")).value = initial.filter;
if (initial.manifest) /** @type {HTMLInputElement} */ ($("manifest")).value = initial.manifest;
/** @type {HTMLTextAreaElement} */ ($("pages")).value = initial.pages.join("\n");
$("setup").addEventListener("submit", (event) => {
  event.preventDefault();
  start(configFromForm());
});
if ((initial.manifest || initial.pages.length) && params.get("autorun") !== "0") start(initial);
else setState("idle", "Idle: give page URLs or a manifest and press Run.");
