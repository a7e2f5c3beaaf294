// The one place that knows the WebExtension API has two names: Firefox calls it `browser`
// (promise-based), Chrome `chrome` (promise-based too in Manifest V3 for every call used
// here). Every other module of the extension imports `ext` from here.
//
// Functions injected into a page with scripting.executeScript are serialized and cannot
// import anything; the two that need the API (tab.js: the reader's storage) repeat the
// `browser ?? chrome` lookup inside themselves, with a comment pointing here.

/** @type {typeof chrome} */
export const ext = globalThis.browser ?? globalThis.chrome;

/**
 * The active tab of the current window (the one the toolbar button or shortcut acted on).
 * @returns {Promise<chrome.tabs.Tab | undefined>}
 */
export async function activeTab() {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * Runs `func(...args)` in the top frame of a tab (in the extension's isolated world) and
 * returns what it returned. Throws what the browser throws when the page is off limits
 * (chrome://, the extension stores, file:// without access), and the page-side exception
 * when `func` threw (Firefox reports it as `error`, Chrome as a rejected promise).
 * @template T
 * @param {number} tabId
 * @param {(...args: any[]) => T} func
 * @param {unknown[]} [args]
 * @returns {Promise<Awaited<T>>}
 */
export async function runInTab(tabId, func, args = []) {
  const results = await ext.scripting.executeScript({ target: { tabId }, func, args });
  const first = results?.[0];
  if (!first) throw new Error("the page did not answer (it may have navigated away)");
  if ("error" in first && first.error) throw first.error instanceof Error ? first.error : new Error(String(first.error));
  return first.result;
}

/**
 * Loads extension files into the top frame of a tab (classic scripts, isolated world).
 * @param {number} tabId
 * @param {string[]} files paths relative to the extension root
 */
export async function loadInTab(tabId, files) {
  await ext.scripting.executeScript({ target: { tabId }, files });
}

/** @returns {chrome.runtime.Manifest} */
export function manifest() {
  return ext.runtime.getManifest();
}
