// What the extension does inside a tab: take the snapshot, open the reader view (the shared
// www/reader/reader.js, injected), show a message in it, and explain in plain words why a
// page is off limits. Used by the popup and by the background (the keyboard shortcut).

import { ext, loadInTab, runInTab } from "./api.js";
import { TEST_BUILD } from "./build-flags.js";

/** In a test build, `true` under this key of storage.local asks for the shipped (closed)
 * overlay: the hostile-page tests judge the overlay as it ships. */
export const TEST_CLOSED_KEY = "pith.test.closedOverlay";

/** The overlay's shadow root is closed to the page's scripts (the content script runs in its
 * own world, so they cannot reach it another way); the test builds keep it open so that the
 * headless tests can read the overlay, unless a test asks otherwise (TEST_CLOSED_KEY).
 * @returns {Promise<boolean>} */
async function closedOverlay() {
  if (!TEST_BUILD) return true;
  const items = await ext.storage.local.get(TEST_CLOSED_KEY);
  return items[TEST_CLOSED_KEY] === true;
}

/** Where the shared reader view lives inside the extension (copied there by the build). */
export const READER_FILE = "reader/reader.js";

export const OFF_LIMITS =
  "Pith can't read this page: browser pages and the extension store are off limits to extensions.";
export const FILE_ACCESS =
  "Pith can't read files on this computer unless you allow it: turn on “Allow access to file URLs” " +
  "in Pith's details on the extensions page, then reload this page.";
export const NOT_HTML = "Pith reads web pages, and this is not one (a PDF, an image or another file).";
export const NO_ACCESS =
  "Pith has no access to this tab. Click the Pith button (or press the shortcut) while the page is in front.";
export const GONE = "The page went away (the tab was closed or moved to another page). Try again.";

/** Schemes of pages the browser never lets an extension script. */
const BROWSER_SCHEMES = new Set([
  "about:", "chrome:", "chrome-untrusted:", "chrome-search:", "chrome-extension:", "devtools:",
  "edge:", "brave:", "opera:", "vivaldi:", "view-source:", "moz-extension:", "resource:", "jar:",
  "extension:", "data:", "blob:", "javascript:",
]);

/** The extension stores: scripting them is refused even with every permission. */
const STORES = [
  { host: "chromewebstore.google.com" },
  { host: "chrome.google.com", path: "/webstore" },
  { host: "microsoftedge.microsoft.com", path: "/addons" },
  { host: "addons.mozilla.org" },
];

/**
 * Why Pith cannot read the page at `url`, before trying; null when it may try. Without a
 * URL (the browser hides it when the extension has no access) it tries and explains the
 * error afterwards.
 * @param {string | undefined} url
 * @returns {string | null}
 */
export function offLimitsReason(url) {
  if (!url) return null;
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (BROWSER_SCHEMES.has(u.protocol)) return OFF_LIMITS;
  if (STORES.some((s) => u.hostname === s.host && (!s.path || u.pathname.startsWith(s.path)))) return OFF_LIMITS;
  return null;
}

/**
 * A message a reader can act on, for an error thrown by scripting.executeScript.
 * @param {unknown} err
 * @param {string | undefined} url the tab's URL, when known
 * @returns {string}
 */
export function explainError(err, url) {
  const msg = err instanceof Error ? err.message : String(err);
  const reason = offLimitsReason(url);
  if (reason) return reason;
  if (url?.startsWith("file:") || /file:\/\//.test(msg)) return FILE_ACCESS;
  // Chrome: "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted.",
  // "Cannot access a chrome-extension:// URL of different extension".
  if (/cannot be scripted|extensions gallery|Cannot access a [a-z-]+:\/\/ URL/i.test(msg)) return OFF_LIMITS;
  // No access granted (Firefox says the same for its own pages, known by URL above).
  if (/Missing host permission|Cannot access contents of|must request permission/i.test(msg)) return NO_ACCESS;
  if (/No tab with id|Frame with ID \d+ was removed|tab was closed|Invalid tab ID|No frame with id/i.test(msg)) return GONE;
  return `Pith can't read this page: ${msg}`;
}

/**
 * @typedef {object} Snapshot
 * @property {string} html the document as it is now (doctype and <html> outer HTML)
 * @property {string} url
 * @property {string} contentType `document.contentType`: text/html for web pages
 * @property {string} title `document.title`, for messages
 */

/**
 * Runs in the page: the snapshot the core reads. Self-contained (it is serialized).
 *
 * outerHTML does not always give back markup that parses into the same tree, and the core
 * parses it again (with scripting off). Three shapes break the round trip, all found on
 * hostile pages and some on ordinary ones:
 * - <noscript> in a tab with scripting on holds its source as one raw text node, written
 *   back unescaped; parsed with scripting off, a "</noscript>" inside an attribute in it
 *   swallows the rest of the page. Its text is parsed here instead.
 * - <style>, <script> and the like inside SVG or MathML (in either namespace: the parser
 *   may have put an HTML <style> there): their text is written raw, but parsed again as
 *   foreign content, as markup (the mutation-XSS shape: a "<!--" in it comments out the
 *   rest of the page). Dropped: they carry nothing to read.
 * - a <script> or <style> a script filled with text containing its own end tag. Dropped.
 * The fixes are made on an inert copy (a document without a browsing context: nothing
 * loads, nothing runs), and only when the page needs them; the page itself is untouched.
 * @returns {Snapshot}
 */
function takeSnapshot() {
  const d = document;
  const HTML = "http://www.w3.org/1999/xhtml";
  const RAW = "script, style, xmp, iframe, noembed, noframes, plaintext, noscript";
  /** @param {Element} el */
  const fix = (el) => {
    if (el.namespaceURI !== HTML || el.parentElement?.closest("math, svg")) return "drop";
    if (el.localName === "noscript") {
      return el.childNodes.length === 1 && el.firstChild.nodeType === Node.TEXT_NODE && /</.test(el.textContent) ? "parse" : null;
    }
    return el.textContent.toLowerCase().includes("</" + el.localName) ? "drop" : null;
  };
  const doctype = d.doctype ? new XMLSerializer().serializeToString(d.doctype) + "\n" : "";
  let root = d.documentElement;
  const fixes = root ? Array.from(root.querySelectorAll(RAW), fix) : [];
  if (fixes.some(Boolean)) {
    const inert = d.implementation.createHTMLDocument("");
    root = inert.importNode(root, true);
    // The copy has the same elements in the same order.
    const copies = Array.from(root.querySelectorAll(RAW));
    fixes.forEach((what, i) => {
      const el = copies[i];
      if (what === "drop") el.remove();
      else if (what === "parse") {
        const parsed = inert.createElement("template");
        parsed.innerHTML = el.textContent;
        el.replaceChildren(parsed.content);
      }
    });
  }
  return {
    html: doctype + (root ? root.outerHTML : ""),
    url: location.href,
    contentType: d.contentType || "text/html",
    title: d.title || "",
  };
}

/**
 * Takes the snapshot of a tab's top frame.
 * @param {number} tabId
 * @returns {Promise<Snapshot>}
 */
export function snapshot(tabId) {
  return runInTab(tabId, takeSnapshot);
}

/** True for the content types Pith reads. */
export function isHtml(contentType) {
  return /^(text\/html|application\/xhtml\+xml)\b/i.test(contentType || "text/html");
}

/**
 * Runs in the page: closes the reader if it is open and says whether it was. Lets the
 * shortcut toggle the reader view. Self-contained.
 */
function closeReaderIfOpen() {
  const reader = globalThis.PithReader;
  if (reader && reader.isOpen()) {
    reader.close();
    return true;
  }
  return false;
}

/**
 * Closes the reader view in the tab if it is open there.
 * @param {number} tabId
 * @returns {Promise<boolean>} whether it was open
 */
export function closeReader(tabId) {
  return runInTab(tabId, closeReaderIfOpen);
}

/**
 * Runs in the page, after reader.js: opens the reader view on `article`, or shows `text`.
 * Self-contained (it is serialized). The reader's settings (theme, size, width, font) are
 * kept in the extension's storage.local, which an injected script may use directly: no
 * messages to the background, and the settings follow the reader from site to site
 * (the bookmarklet keeps them in each site's localStorage). The reader namespaces its key
 * itself ("pith.reader.settings"). The `browser ?? chrome` lookup repeats api.js's, which
 * cannot be imported into the page.
 * @param {"show" | "message"} what
 * @param {unknown} payload the Article, or the message text
 * @param {string} sourceUrl
 * @param {string | null} title the message's heading (args must be JSON: null, not undefined)
 * @param {boolean} closed attach the overlay's shadow root closed
 */
async function showInPage(what, payload, sourceUrl, title, closed) {
  const api = globalThis.browser ?? globalThis.chrome;
  const storage = {
    get: (key) => api.storage.local.get(key).then((items) => items[key]),
    set: (key, value) => api.storage.local.set({ [key]: value }),
  };
  const reader = globalThis.PithReader;
  if (!reader) throw new Error("the reader view did not load");
  const options = title ? { storage, sourceUrl, title, closed } : { storage, sourceUrl, closed };
  await (what === "show" ? reader.show(payload, options) : reader.message(payload, options));
  return reader.isOpen();
}

/**
 * Opens the reader view in the tab.
 * @param {number} tabId
 * @param {import("./pith.js").Article} article
 */
export async function openReader(tabId, article) {
  await loadInTab(tabId, [READER_FILE]);
  return runInTab(tabId, showInPage, ["show", article, article.url ?? "", null, await closedOverlay()]);
}

/**
 * Shows a message in the reader's overlay in the tab (the shortcut's way of saying there
 * is nothing to read).
 * @param {number} tabId
 * @param {string} title
 * @param {string} text
 * @param {string} [sourceUrl]
 */
export async function showMessage(tabId, title, text, sourceUrl = "") {
  await loadInTab(tabId, [READER_FILE]);
  return runInTab(tabId, showInPage, ["message", text, sourceUrl, title, await closedOverlay()]);
}
