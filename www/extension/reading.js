// From a snapshot to what the extension shows: an article, or a sentence saying why there
// is none. Runs wherever the wasm can: the popup, Firefox's background page, Chrome's
// offscreen document (see background.js for why not Chrome's service worker).

import { extract, init, isProbablyReaderable, markdownDocument } from "./pith.js";

/** Every rendering the popup and the reader offer. */
export const FORMATS = ["html", "text", "markdown"];

/** Fewer words than this is not an article, whatever the core found (the reader view's
 * own threshold, so that the popup never offers an article the reader would refuse). */
export const MIN_WORDS = 50;

export const NOT_AN_ARTICLE =
  "This page doesn't look like an article: it seems to be a list, a front page or an app. " +
  "Pith reads stories, posts and documentation pages.";
export const TOO_LITTLE = "Pith found too little text on this page to make an article of it.";

/**
 * @typedef {{ kind: "article", article: import("./pith.js").Article & { markdownDocument: string }, readerable: boolean }
 *   | { kind: "nothing", text: string, canForce: boolean }
 *   | { kind: "error", text: string }} Outcome
 */

/** Starts loading the core ahead of need; failures surface in read(). */
export function warmUp() {
  init().catch(() => {});
}

/**
 * Reads the article out of a page's HTML.
 * @param {string} html
 * @param {string} url
 * @param {{ force?: boolean }} [options] force: extract even when the quick check says the
 *   page is not an article (the popup's "Read it anyway")
 * @returns {Promise<Outcome>}
 */
export async function read(html, url, { force = false } = {}) {
  await init();
  const readerable = isProbablyReaderable(html);
  if (!readerable && !force) return { kind: "nothing", text: NOT_AN_ARTICLE, canForce: true };
  let article;
  try {
    article = extract(html, { url: usableUrl(url), formats: FORMATS });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/no readable text|document is empty/.test(msg)) return { kind: "nothing", text: TOO_LITTLE, canForce: false };
    return { kind: "error", text: `Pith could not read this page: ${msg}.` };
  }
  if ((article.wordCount ?? 0) < MIN_WORDS) return { kind: "nothing", text: TOO_LITTLE, canForce: false };
  // The file the popup and the reader copy and download, written by the core.
  article.markdownDocument = markdownDocument(article);
  return { kind: "article", article, readerable };
}

/** The core resolves links against http(s) and file URLs only; others are left out. */
function usableUrl(url) {
  return /^(https?|file):/i.test(url ?? "") ? url : undefined;
}
