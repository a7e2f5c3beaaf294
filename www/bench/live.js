// The bench on live pages (bench/?mode=live): each page is loaded as a document in a frame of
// this tab (same origin, sandboxed without scripts), and both tools read that document as a
// reader view would:
//   Pith         extract(snapshot(doc), { url, formats: ["html"] })  (outerHTML, then its own parse)
//   Readability  new Readability(doc.cloneNode(true)).parse()        (a copy: it mutates the tree)
// Pages one at a time, and on each: `warmup` untimed runs of both, then `runs` timed runs
// interleaved A/B with the order alternating; the medians are kept. Before any of that, the
// cold start: import pith.js → first article of the page nearest 287 KB (init() compiles the
// wasm while the snapshot is taken), and Readability's script load + first parse of the same
// page. After the timings, a memory pass: every page on a fresh instance (a second copy of the
// glue, for this measurement only), and the size its wasm memory grew to.
// No time is asserted; the numbers are for reading, as ratios.

/** Pages from this size up are "large" etc. (bytes of HTML). */
const SIZE_BUCKETS = [
  [0, "< 50 KB"],
  [50e3, "50-150 KB"],
  [150e3, "150-500 KB"],
  [500e3, "500 KB-1.5 MB"],
  [1.5e6, "≥ 1.5 MB"],
];
const COLD_TARGET_BYTES = 287e3;

/**
 * @param {{ name: string, source: string, src: string, url: string, bytes: number }[]} pages
 * @param {{ runs: number, warmup: number, readability: string }} cfg
 * @param {{ setState: (s: string, m: string) => void, loadScript: (src: string) => Promise<unknown>, tick: () => Promise<unknown> }} env
 */
export async function benchLive(pages, cfg, { setState, loadScript, tick }) {
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-same-origin");
  frame.style.cssText = "width:1024px;height:600px;position:absolute;left:-10000px;top:0";
  document.body.append(frame);
  /** @param {string} src @returns {Promise<Document>} */
  const open = (src) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${src}: did not load in 60 s`)), 60000);
      frame.onload = () => {
        clearTimeout(timer);
        resolve(/** @type {Document} */ (frame.contentDocument));
      };
      frame.src = src;
    });

  // Cold start, on the page nearest 287 KB.
  const coldPage = pages.reduce((a, b) => (Math.abs(b.bytes - COLD_TARGET_BYTES) < Math.abs(a.bytes - COLD_TARGET_BYTES) ? b : a));
  setState("running", `cold start on ${coldPage.name}`);
  let doc = await open(coldPage.src);
  const c0 = performance.now();
  const [pith, { snapshot }] = await Promise.all([import("../pith.js"), import("../snapshot.js")]);
  const ready = pith.init();
  const snap = snapshot(doc);
  const c1 = performance.now();
  await ready;
  const c2 = performance.now();
  const first = pith.extract(snap, { url: coldPage.url, formats: ["html"] });
  const c3 = performance.now();
  const second = timeOnce(() => pith.extract(snapshot(doc), { url: coldPage.url, formats: ["html"] }));
  const r0 = performance.now();
  await loadScript(new URL(cfg.readability, location.href).href);
  const Readability = /** @type {any} */ (globalThis).Readability;
  const r1 = performance.now();
  new Readability(doc.cloneNode(true)).parse();
  const r2 = performance.now();
  const cold = {
    page: coldPage.name,
    bytes: coldPage.bytes,
    pithMs: round(c3 - c0),
    pithImportAndSnapshotMs: round(c1 - c0),
    pithWaitForInitMs: round(c2 - c1),
    pithFirstExtractMs: round(c3 - c2),
    pithSecondCallMs: round(second),
    pithTitle: first.title,
    readabilityMs: round(r2 - r0),
    readabilityLoadMs: round(r1 - r0),
    readabilityFirstMs: round(r2 - r1),
  };

  const runPith = (/** @type {Document} */ d, /** @type {any} */ p) => {
    const t0 = performance.now();
    let error = null;
    let chars = 0;
    try {
      chars = pith.extract(snapshot(d), { url: p.url, formats: ["html"] }).contentHtml?.length ?? 0;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    return { ms: performance.now() - t0, error, chars };
  };
  const runReadability = (/** @type {Document} */ d) => {
    const t0 = performance.now();
    let error = null;
    let chars = 0;
    try {
      const r = new Readability(d.cloneNode(true)).parse();
      if (!r) error = "no article";
      chars = r?.content?.length ?? 0;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    return { ms: performance.now() - t0, error, chars };
  };

  /** @type {any[]} */
  const rows = [];
  for (const [i, page] of pages.entries()) {
    setState("running", `page ${i + 1} of ${pages.length}: ${page.name} (${page.bytes} bytes)`);
    await tick();
    doc = await open(page.src);
    for (let w = 0; w < cfg.warmup; w++) {
      if (w % 2 === 0) {
        runPith(doc, page);
        runReadability(doc);
      } else {
        runReadability(doc);
        runPith(doc, page);
      }
    }
    const p = [];
    const r = [];
    for (let k = 0; k < cfg.runs; k++) {
      if (k % 2 === 0) {
        p.push(runPith(doc, page));
        r.push(runReadability(doc));
      } else {
        r.push(runReadability(doc));
        p.push(runPith(doc, page));
      }
    }
    const pm = median(p.map((x) => x.ms));
    const rm = median(r.map((x) => x.ms));
    rows.push({
      name: page.name,
      source: page.source,
      bytes: page.bytes,
      pith: { medianMs: round(pm), error: p[p.length - 1].error, htmlChars: p[p.length - 1].chars },
      readability: { medianMs: round(rm), error: r[r.length - 1].error, htmlChars: r[r.length - 1].chars },
      ratio: round(Math.max(pm, 0.005) / Math.max(rm, 0.005), 4),
    });
  }

  // Memory: each page on a fresh instance; the memory never shrinks, so its size after the
  // call is the high-water mark of that one extraction.
  setState("running", "memory pass");
  const pkg = new URL("../pkg/", import.meta.url);
  const glue = await import(new URL("pith.js?memory", pkg).href);
  const module = await WebAssembly.compileStreaming(fetch(new URL("pith_bg.wasm", pkg)));
  for (const [i, page] of pages.entries()) {
    if (i % 20 === 0) await tick();
    doc = await open(page.src);
    const html = snapshot(doc);
    glue.__pithReset();
    const { memory } = glue.initSync({ module });
    const base = memory.buffer.byteLength;
    try {
      glue.extract(html, { url: page.url, formats: ["html"] });
    } catch {
      // an error is no memory figure's concern
    }
    const row = rows[i];
    row.memory = {
      baseBytes: base,
      peakBytes: memory.buffer.byteLength,
      grewBytes: memory.buffer.byteLength - base,
      perHtmlByte: round((memory.buffer.byteLength - base) / page.bytes, 2),
      withinTarget: memory.buffer.byteLength <= 10 * page.bytes + 2 * 1048576,
    };
  }
  frame.remove();
  return { cold, rows, summary: summarizeLive(rows) };
}

/** Median and worst ratio, over all pages and by size; memory against its target. */
export function summarizeLive(/** @type {any[]} */ rows) {
  const ok = rows.filter((x) => !x.pith.error && !x.readability.error);
  const group = (/** @type {any[]} */ rs) => {
    const worst = rs.reduce((a, b) => (b.ratio > (a?.ratio ?? -1) ? b : a), null);
    return {
      pages: rs.length,
      medianRatio: round(median(rs.map((x) => x.ratio)), 3),
      worstRatio: worst ? worst.ratio : null,
      worstPage: worst ? worst.name : null,
      pithMedianMs: round(median(rs.map((x) => x.pith.medianMs))),
      readabilityMedianMs: round(median(rs.map((x) => x.readability.medianMs))),
      memoryWithinTarget: rs.filter((x) => x.memory?.withinTarget).length,
      worstMemoryPerHtmlByte: Math.max(0, ...rs.map((x) => x.memory?.perHtmlByte ?? 0)),
    };
  };
  /** @type {Record<string, any>} */
  const bySize = {};
  for (const [i, [from, label]] of SIZE_BUCKETS.entries()) {
    const to = i + 1 < SIZE_BUCKETS.length ? /** @type {number} */ (SIZE_BUCKETS[i + 1][0]) : Infinity;
    const rs = rows.filter((x) => x.bytes >= /** @type {number} */ (from) && x.bytes < to);
    if (rs.length) bySize[/** @type {string} */ (label)] = group(rs);
  }
  return {
    all: group(rows),
    bothProducedArticle: group(ok),
    bySize,
    pithErrors: rows.filter((x) => x.pith.error).map((x) => ({ name: x.name, error: x.pith.error })),
    readabilityErrors: rows.filter((x) => x.readability.error).map((x) => x.name),
  };
}

function timeOnce(/** @type {() => unknown} */ f) {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function median(/** @type {number[]} */ xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const round = (/** @type {number} */ x, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
