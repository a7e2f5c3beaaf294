// Pith's JavaScript API: the module front ends import (the demo page, the bookmarklet, the
// extension). It wraps the wasm-bindgen glue in ./pkg/pith.js and adds what the glue lacks:
//
// - The .wasm is compiled once (streaming when the server says application/wasm), while the
//   glue is imported, and every instance is made from that one compiled module.
// - A crash never poisons the next call. wasm32-unknown-unknown cannot unwind (whatever
//   Cargo.toml's `panic` says; it says "unwind" for the native build), so a Rust panic
//   aborts: it traps (`WebAssembly.RuntimeError: unreachable`) and leaves the instance's shadow
//   stack pointer and heap in whatever state they were in. When a call traps, this module
//   throws the instance away and instantiates the already-compiled module again, at once and
//   synchronously, so the next call starts clean. The glue is imported once: its only state
//   is the instance it talks to, and `__pithReset()` (which scripts/build-wasm.sh appends to
//   the generated glue) makes it forget that instance, so `initSync` accepts a fresh one.
//   (Until 0.1 a second copy of the glue was imported ahead of need for this, which doubled
//   the cold start.)
// - Every URL is resolved against import.meta.url, so the module works when imported from
//   another origin (the bookmarklet loads it into arbitrary pages from the demo server).
//
//   import { init, extract } from "./pith.js";
//   await init();
//   const article = extract(html, { url, formats: ["html", "text", "markdown"] });
//   const file = markdownDocument(article);  // title, byline, date, source, body
//
// The calls are synchronous once init() has resolved; so is the recovery after a crash.

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
 * @property {() => void} [__pithReset] appended by scripts/build-wasm.sh: forget the instance
 * @property {() => number} [__pithOutOfMemory] the size of the allocation that failed, or 0
 */

/** The live instance. */
/** @typedef {{ memory: WebAssembly.Memory }} Live */

/**
 * The most memory an instance may hold: the linker caps it (.cargo/config.toml; src/wasm.rs,
 * MAX_MEMORY_BYTES, says why), and tests/browser/recovery.test.mjs checks that the module
 * declares this maximum. Past it an allocation fails, the instance traps, and the call
 * throws "this page is too large".
 */
export const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/** An instance whose memory grew past this is recycled after the call, to give memory back. */
const RECYCLE_BYTES = 256 * 1024 * 1024;

/** @type {URL} */
let pkgUrl = new URL("./pkg/", import.meta.url);
/** @type {Promise<void> | null} */
let loading = null;
/** @type {WebAssembly.Module | null} */
let compiled = null;
/** The glue, imported once. @type {Glue | null} */
let glue = null;
/** @type {Live | null} */
let live = null;
/** How many instances were made (the first one included). */
let instances = 0;
/** How many instances were thrown away after a crash (for tests and diagnostics). */
let crashes = 0;

/**
 * Loads and compiles the core. Safe to call many times and concurrently.
 * @param {InitOptions} [options]
 * @returns {Promise<void>}
 */
export function init(options = {}) {
  if (options.pkgUrl !== undefined) {
    const wanted = new URL(String(options.pkgUrl), import.meta.url);
    if (!wanted.pathname.endsWith("/")) wanted.pathname += "/";
    if (loading && wanted.href !== pkgUrl.href) {
      return Promise.reject(new Error(`Pith is already loaded from ${pkgUrl.href}`));
    }
    pkgUrl = wanted;
  }
  if (!loading) {
    // The glue is imported while the .wasm downloads and compiles (off the main thread).
    // A download or compile failure is the error init() reports, before the glue's own.
    const importing = importGlue();
    importing.catch(() => {});
    loading = compile(options.module).then(async (module) => {
      const imported = await importing;
      if (typeof imported.__pithReset !== "function") {
        throw new Error(`the Pith core at ${pkgUrl.href} was not built by scripts/build-wasm.sh (its glue has no __pithReset)`);
      }
      compiled = module;
      glue = imported;
      if (!live) live = instantiate();
    });
    // A failed download may be retried by calling init() again.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
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
 * For tests and diagnostics: how many instances were made and how many were discarded after a
 * crash, and how many copies of the glue were imported (one, or none before init()).
 * @returns {{ crashes: number, instances: number, imports: number, ready: boolean, pkgUrl: string }}
 */
export function status() {
  return { crashes, instances, imports: glue ? 1 : 0, ready: live !== null, pkgUrl: pkgUrl.href };
}

/**
 * For tests only, not part of the API: calls an export of the glue by name with the same
 * crash handling as the API (the test-panic build exports `__panicForTest(message)`).
 * @param {string} name
 * @param {...unknown} args
 * @returns {unknown}
 */
export function __callForTest(name, ...args) {
  return call((g) => {
    const f = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (g))[name];
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
  if (!glue || !compiled) throw new Error("Pith is not initialized: call and await init() first");
  const current = live ?? (live = instantiate());
  try {
    return f(glue);
  } catch (err) {
    if (!isCrash(err)) throw err;
    crashes += 1;
    // Asked before the instance goes: an allocation past the memory cap traps like a panic.
    const failedRequest = outOfMemory(/** @type {Glue} */ (glue));
    const held = current.memory.buffer.byteLength;
    discard(current);
    if (failedRequest > 0) {
      throw new Error(
        `this page is too large for Pith: extracting it needs more than the ${mib(MAX_MEMORY_BYTES)} of memory ` +
          `Pith may use (it held ${mib(held)} and asked for ${mib(failedRequest)} more); give a smaller page`,
        { cause: err },
      );
    }
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`Pith crashed on this page: ${reason}; the next call starts fresh`, { cause: err });
  } finally {
    // Wasm memory never shrinks: after a huge page, start a fresh instance.
    if (live === current && current.memory.buffer.byteLength > RECYCLE_BYTES) discard(current);
  }
}

/**
 * The size of the allocation that failed in the trapped instance, or 0 (also when the core
 * predates the export, or the question itself fails).
 * @param {Glue} g
 */
function outOfMemory(g) {
  try {
    return Number(g.__pithOutOfMemory?.() ?? 0);
  } catch {
    return 0;
  }
}

/** @param {number} bytes */
function mib(bytes) {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MiB`;
}

/**
 * Drops the instance and makes the next one now (synchronous: the module is compiled), so
 * the old one's memory can be collected.
 * @param {Live} instance
 */
function discard(instance) {
  if (live !== instance) return;
  live = null;
  /** @type {Glue} */ (glue).__pithReset?.();
  live = instantiate();
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
 * A new instance of the compiled module, which the glue talks to from now on.
 * @returns {Live}
 */
function instantiate() {
  const exports = /** @type {Glue} */ (glue).initSync({ module: /** @type {WebAssembly.Module} */ (compiled) });
  instances += 1;
  return { memory: exports.memory };
}

/**
 * The glue, from its plain URL: anyone else importing ./pkg/pith.js (a modulepreload, a
 * front end of its own) shares the browser's one module map entry for it.
 * @returns {Promise<Glue>}
 */
function importGlue() {
  return /** @type {Promise<Glue>} */ (import(new URL("pith.js", pkgUrl).href));
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
