// Pith's JavaScript API: the module front ends import (the demo page, the bookmarklet, the
// extension). It wraps the wasm-bindgen glue in ./pkg/pith.js and adds what the glue lacks:
//
// - The .wasm is compiled once (streaming when the server says application/wasm) and every
//   instance is made from that one compiled module.
// - A crash never poisons the next call. wasm32-unknown-unknown cannot unwind (whatever
//   Cargo.toml's `panic` says; it says "unwind" for the native build), so a Rust panic
//   aborts: it traps (`WebAssembly.RuntimeError: unreachable`) and leaves the instance's shadow
//   stack pointer and heap in whatever state they were in. When a call traps, this module
//   throws the instance away together with the glue's module-level state (it imports a
//   fresh copy of the glue under a cache-busting query string) and instantiates the
//   already-compiled module again, so the next call starts clean.
// - Every URL is resolved against import.meta.url, so the module works when imported from
//   another origin (the bookmarklet loads it into arbitrary pages from the demo server).
//
//   import { init, extract } from "./pith.js";
//   await init();
//   const article = extract(html, { url, formats: ["html", "text", "markdown"] });
//   const file = markdownDocument(article);  // title, byline, date, source, body
//
// The calls are synchronous once init() has resolved; so is the recovery after a crash (a
// spare copy of the glue is imported ahead of need). If two crashes come so quickly that the
// spare is not ready yet, the next call throws "still restarting" and `await init()` waits.

import { snapshot } from "./snapshot.js";
/** @typedef {import("./pkg/pith.js").Article} Article */
/** @typedef {import("./pkg/pith.js").Options} Options */
/** @typedef {import("./pkg/pith.js").Stats} Stats */

/**
 * Where to load the core from; defaults to ./pkg/ next to this file.
 * @typedef {object} InitOptions
 * @property {string | URL} [pkgUrl] Directory holding pith.js and pith_bg.wasm (a URL; a
 *   relative one is resolved against this module's URL).
 * @property {WebAssembly.Module | BufferSource | Response | Promise<Response>} [module]
 *   The .wasm itself, already fetched or compiled, instead of fetching it from pkgUrl.
 */

/**
 * The generated glue, as imported.
 * @typedef {object} Glue
 * @property {(input: { module: WebAssembly.Module }) => { memory: WebAssembly.Memory }} initSync
 * @property {(html: string, options?: Options) => Article} extract
 * @property {(options?: Options) => Article} extractDocument
 * @property {(html: string) => boolean} isProbablyReaderable
 * @property {(article: Partial<Article>, options?: { frontMatter?: boolean }) => string} markdownDocument
 * @property {() => string} version
 */

/** A live instance: one copy of the glue, instantiated. */
/** @typedef {{ glue: Glue, memory: WebAssembly.Memory }} Live */

/** An instance whose memory grew past this is recycled after the call, to give memory back. */
const RECYCLE_BYTES = 256 * 1024 * 1024;

/** @type {URL} */
let pkgUrl = new URL("./pkg/", import.meta.url);
/** @type {Promise<WebAssembly.Module> | null} */
let compiling = null;
/** @type {WebAssembly.Module | null} */
let compiled = null;
/** @type {Live | null} */
let live = null;
/** A copy of the glue imported ahead of need, not yet instantiated. @type {Glue | null} */
let spare = null;
/** @type {Promise<Glue> | null} */
let spareLoading = null;
/** @type {Promise<void> | null} */
let initializing = null;
/** How many copies of the glue were imported (the cache-busting counter). */
let imports = 0;
/** How many instances were thrown away after a crash (for tests and diagnostics). */
let crashes = 0;

/**
 * Loads and compiles the core. Safe to call many times and concurrently; after a crash it
 * resolves once a fresh instance is ready.
 * @param {InitOptions} [options]
 * @returns {Promise<void>}
 */
export function init(options = {}) {
  if (options.pkgUrl !== undefined) {
    const wanted = new URL(String(options.pkgUrl), import.meta.url);
    if (!wanted.pathname.endsWith("/")) wanted.pathname += "/";
    if (compiling && wanted.href !== pkgUrl.href) {
      return Promise.reject(new Error(`Pith is already loaded from ${pkgUrl.href}`));
    }
    pkgUrl = wanted;
  }
  if (!compiling) {
    compiling = compile(options.module).then((m) => (compiled = m));
    // A failed download may be retried by calling init() again.
    compiling.catch(() => {
      compiling = null;
    });
  }
  if (live && spare) return Promise.resolve();
  if (!initializing) {
    initializing = (async () => {
      await compiling;
      while (!live) {
        prepareSpare();
        await spareLoading; // the spare glue: instantiated here, or by a call that came first
        if (!live && spare) useSpare();
      }
      // Resolve once the next crash can be recovered from synchronously. A spare that fails
      // to load does not fail init(): the live instance works, and the next init() retries.
      prepareSpare();
      await spareLoading?.catch(() => {});
    })().finally(() => {
      initializing = null;
    });
  }
  return initializing;
}

/**
 * Extracts the article from a page's HTML.
 * @param {string} html The page's HTML.
 * @param {Options} [options] `url` (to resolve relative links), `formats`, `maxInputBytes`, `favor`.
 * @returns {Article}
 * @throws {Error} with the same message as the CLI when the input is refused (empty, binary,
 *   too large, bad URL, no readable text), or when the core crashed.
 */
export function extract(html, options) {
  if (typeof html !== "string") {
    throw new TypeError(`extract(html): html must be a string, not ${describe(html)}`);
  }
  return call((glue) => glue.extract(html, options));
}

/**
 * Extracts the article of the document this code runs in (`window.document` as it is now),
 * using its URL for relative links unless `options.url` says otherwise.
 * @param {Options} [options]
 * @returns {Article}
 */
export function extractDocument(options) {
  // The page is serialized here rather than by the core's own extractDocument(): snapshot()
  // repairs what does not survive a second parse (noscript text, SVG/MathML shapes).
  const url = (options && options.url) || (/^https?:/.test(location.href) ? location.href : undefined);
  const html = snapshot(document);
  return call((glue) => glue.extract(html, { ...options, url }));
}

/**
 * The Markdown document a person downloads or copies: the title, byline and date, the source
 * URL, then the body; with `frontMatter`, the metadata as YAML front matter instead. The one
 * writer of it (in the core, as the CLI's `--format markdown`), so every surface saves the
 * same file.
 * @param {Partial<Article>} article as extract() returns it (with its Markdown)
 * @param {{ frontMatter?: boolean }} [options]
 * @returns {string} "" when the article has no Markdown
 */
export function markdownDocument(article, options) {
  if (!article || typeof article !== "object") {
    throw new TypeError(`markdownDocument(article): article must be an object, not ${describe(article)}`);
  }
  return call((glue) => glue.markdownDocument(article, options));
}

/**
 * A quick check whether the page holds an article worth extracting.
 * @param {string} html
 * @returns {boolean}
 */
export function isProbablyReaderable(html) {
  if (typeof html !== "string") {
    throw new TypeError(`isProbablyReaderable(html): html must be a string, not ${describe(html)}`);
  }
  return call((glue) => glue.isProbablyReaderable(html));
}

/**
 * The version of the Pith core.
 * @returns {string}
 */
export function version() {
  return call((glue) => glue.version());
}

/**
 * For tests and diagnostics: how many instances were discarded after a crash, and whether a
 * spare glue is ready.
 * @returns {{ crashes: number, imports: number, ready: boolean, spareReady: boolean, pkgUrl: string }}
 */
export function status() {
  return { crashes, imports, ready: live !== null, spareReady: spare !== null, pkgUrl: pkgUrl.href };
}

/**
 * For tests only, not part of the API: calls an export of the glue by name with the same
 * crash handling as the API (the test-panic build exports `__panicForTest(message)`).
 * @param {string} name
 * @param {...unknown} args
 * @returns {unknown}
 */
export function __callForTest(name, ...args) {
  return call((glue) => {
    const f = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (glue))[name];
    if (typeof f !== "function") throw new Error(`this build of the Pith core has no export ${name}`);
    return f(...args);
  });
}

/**
 * Runs one call into the core on the live instance; replaces the instance if the call trapped.
 * @template T
 * @param {(glue: Glue) => T} f
 * @returns {T}
 */
function call(f) {
  const current = ready();
  try {
    return f(current.glue);
  } catch (err) {
    if (!isCrash(err)) throw err;
    crashes += 1;
    discard(current);
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`Pith crashed on this page: ${reason}; the next call starts fresh`, { cause: err });
  } finally {
    // Wasm memory never shrinks: after a huge page, swap in a fresh instance (only when the
    // spare is ready, so this never makes the next call wait).
    if (live === current && spare && current.memory.buffer.byteLength > RECYCLE_BYTES) discard(current);
  }
}

/** The live instance, making one from the spare glue if the last one was discarded. */
function ready() {
  if (live) return live;
  if (compiled && spare) return useSpare();
  if (compiled) {
    throw new Error("Pith is still restarting after a crash: await init() and call again");
  }
  throw new Error("Pith is not initialized: call and await init() first");
}

/** @param {Live} instance */
function discard(instance) {
  if (live === instance) live = null;
  // Make the next instance now if a spare is ready, so the memory of this one can go.
  if (!live && compiled && spare) useSpare();
}

/** Instantiates the spare glue as the live instance and starts importing the next spare. */
function useSpare() {
  const glue = /** @type {Glue} */ (spare);
  spare = null;
  live = instantiate(glue, /** @type {WebAssembly.Module} */ (compiled));
  prepareSpare();
  return live;
}

/**
 * Traps (panics, out-of-bounds, unreachable) and stack overflows leave the instance broken;
 * the core's own errors are plain `Error`s and leave it intact.
 * @param {unknown} err
 */
function isCrash(err) {
  if (err instanceof WebAssembly.RuntimeError) return true;
  // V8 and JavaScriptCore: RangeError "Maximum call stack size exceeded"; Firefox:
  // InternalError "too much recursion". Either may strike inside the wasm.
  if (err instanceof RangeError) return true;
  return err instanceof Error && err.name === "InternalError";
}

/**
 * @param {Glue} glue
 * @param {WebAssembly.Module} module
 * @returns {Live}
 */
function instantiate(glue, module) {
  const exports = glue.initSync({ module });
  return { glue, memory: exports.memory };
}

/** Imports the spare copy of the glue in the background (the next crash swaps it in). */
function prepareSpare() {
  if (spare || spareLoading) return;
  spareLoading = importGlue().then(
    (glue) => {
      spare = glue;
      spareLoading = null;
      return glue;
    },
    (err) => {
      spareLoading = null;
      throw err;
    },
  );
  // Nobody may be waiting for it: keep a failure from surfacing as an unhandled rejection
  // (the next prepareSpare() retries).
  spareLoading.catch(() => {});
}

/**
 * A fresh copy of the glue: a new module record, so its module-level state (the `wasm`
 * exports, cached memory views) starts empty. The first copy uses the plain URL so that
 * anyone else importing ./pkg/pith.js shares the browser's module map entry.
 * @returns {Promise<Glue>}
 */
async function importGlue() {
  const url = new URL("pith.js", pkgUrl);
  if (imports > 0) url.searchParams.set("instance", String(imports));
  imports += 1;
  return /** @type {Promise<Glue>} */ (import(url.href));
}

/**
 * @param {InitOptions["module"]} [source]
 * @returns {Promise<WebAssembly.Module>}
 */
async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source !== undefined && !(source instanceof Response) && !(source instanceof Promise)) {
    return WebAssembly.compile(/** @type {BufferSource} */ (source));
  }
  const url = new URL("pith_bg.wasm", pkgUrl);
  const response = await (source ?? fetch(url));
  if (!response.ok) {
    throw new Error(`cannot load the Pith core from ${response.url || url.href}: HTTP ${response.status}`);
  }
  if (typeof WebAssembly.compileStreaming === "function") {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch (err) {
      // Served without `Content-Type: application/wasm` (file://, some static hosts): fall
      // back to compiling from bytes. Any other failure is real.
      if (!(err instanceof TypeError)) throw err;
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** @param {unknown} v */
function describe(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}
