// The background: the keyboard shortcut (commands "open-reader") opens the reader view in
// the active tab without the popup: snapshot in the tab, extraction here, reader injected.
// Pressed again while the reader is open, it closes it.
//
// Where the wasm runs. Chrome's background is a service worker, and service workers may not
// use dynamic import() ("import() is disallowed on ServiceWorkerGlobalScope"), which
// www/pith.js needs: it imports a fresh copy of the wasm-bindgen glue to recover from a
// crash. So in Chrome the extraction runs in an offscreen document (offscreen.html: an
// extension page with no window, where pith.js works as in the popup) that the worker
// opens on first use and that closes itself after a minute without work. Firefox's MV3
// background is an event page with a DOM, where pith.js runs directly.
//
// The alternative, the worker instantiating the wasm-bindgen glue itself (a static import
// works), was measured against it (Chromium 156, the military-times fixture, five fresh
// profiles): cold, 95-450 ms for the worker, 130-280 ms for the offscreen document
// (create + compile + extract); warm, 15-40 ms for the offscreen document. The same cold
// cost, and the offscreen document keeps pith.js whole (crash recovery included) and the
// one code path the popup uses. tests/browser/extension.test.mjs ("timing") prints the
// shortcut's timings on every run.

import { activeTab, ext, manifest } from "./api.js";
import { TEST_BUILD } from "./build-flags.js";
import { read } from "./reading.js";
import { closeReader, explainError, isHtml, NOT_HTML, offLimitsReason, openReader, showMessage, snapshot } from "./tab.js";

const COMMAND = "open-reader";
const OFFSCREEN_URL = "offscreen.html";
/** A service worker has no document; Firefox's background page does. */
const IN_WORKER = typeof document === "undefined";

/**
 * What the last run took, in milliseconds (for the tests' timing report).
 * @type {Record<string, number | string>}
 */
let lastRun = {};

ext.commands.onCommand.addListener((command, tab) => {
  if (command === COMMAND) void readerForTab(tab);
});

/**
 * Opens the reader view in the tab (or closes it when it is open there). Pages with nothing
 * to read get the reader's message; pages the extension may not touch get a "!" on the
 * toolbar button, whose tooltip says why.
 * @param {chrome.tabs.Tab | undefined} tab the tab the shortcut was pressed in (Firefox
 *   before 126 does not pass it)
 * @returns {Promise<"reader" | "closed" | "message" | "refused">}
 */
export async function readerForTab(tab) {
  const t0 = performance.now();
  tab ??= await activeTab();
  if (tab?.id === undefined) return "refused";
  const tabId = tab.id;
  const url = tab.url;
  const offLimits = offLimitsReason(url);
  if (offLimits) return refuse(tabId, offLimits);
  try {
    if (await closeReader(tabId)) return "closed";
    const snap = await snapshot(tabId);
    const t1 = performance.now();
    if (!isHtml(snap.contentType)) {
      await showMessage(tabId, "Not a web page", NOT_HTML, snap.url);
      return "message";
    }
    const outcome = await readPage(snap.html, snap.url);
    const t2 = performance.now();
    let result;
    if (outcome.kind === "article") {
      await openReader(tabId, outcome.article);
      result = "reader";
    } else {
      const title = outcome.kind === "nothing" ? "No article here" : "Pith could not read this page";
      await showMessage(tabId, title, outcome.text, snap.url);
      result = "message";
    }
    const t3 = performance.now();
    lastRun = { engine: IN_WORKER ? "offscreen" : "background page", snapshotMs: t1 - t0, readMs: t2 - t1, injectMs: t3 - t2, totalMs: t3 - t0 };
    await clearRefusal(tabId);
    return /** @type {"reader" | "message"} */ (result);
  } catch (err) {
    return refuse(tabId, explainError(err, url));
  }
}

/**
 * @param {string} html
 * @param {string} url
 * @returns {Promise<import("./reading.js").Outcome>}
 */
async function readPage(html, url) {
  if (!IN_WORKER) return read(html, url);
  for (let attempt = 1; ; attempt++) {
    await openOffscreen();
    try {
      const reply = await ext.runtime.sendMessage({ to: "pith-offscreen", html, url });
      if (reply) return reply;
      throw new Error("the offscreen document did not answer");
    } catch (err) {
      // It closed itself (idle) between the check and the message: open it again, once.
      if (attempt > 1 || !/Receiving end does not exist|did not answer/.test(String(err?.message))) throw err;
    }
  }
}

/** @type {Promise<void> | null} */
let opening = null;

/** Opens the offscreen document unless it is open (or opening) already. */
async function openOffscreen() {
  const open = await ext.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"] });
  if (open.length > 0) return;
  opening ??= ext.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      // No reason fits running WebAssembly; parsing the page's HTML is what it does.
      reasons: ["DOM_PARSER"],
      justification: "Parses the page's HTML with Pith's WebAssembly core to extract the article.",
    })
    .finally(() => {
      opening = null;
    });
  await opening;
}

/** @param {number} tabId @param {string} why */
async function refuse(tabId, why) {
  try {
    await ext.action.setBadgeBackgroundColor({ tabId, color: "#8a1c12" });
    await ext.action.setBadgeText({ tabId, text: "!" });
    await ext.action.setTitle({ tabId, title: why });
  } catch {
    // The tab is gone: nobody to tell.
  }
  return /** @type {const} */ ("refused");
}

/** @param {number} tabId */
async function clearRefusal(tabId) {
  try {
    await ext.action.setBadgeText({ tabId, text: "" });
    await ext.action.setTitle({ tabId, title: manifest().action?.default_title ?? "Pith" });
  } catch {
    // as above
  }
}

if (TEST_BUILD) {
  // Headless tests cannot press browser shortcuts: they call the handler from here.
  globalThis.pith = { readerForTab, lastRun: () => lastRun, COMMAND };
}
