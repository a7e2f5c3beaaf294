// The bookmarklet's second stage, imported by the javascript: link from the origin that
// served the demo page (see bookmarklet.js): loads the Pith core and the reader view from
// next to this file, reads the page it runs in, and opens the reader over it. A second run
// closes the reader again.
//
// The imports are relative to import.meta.url, so the whole of www/ can be served from any
// origin; the server must send CORS headers (scripts/serve.mjs does), because the page
// importing this module is on another origin.

import { init, extract, isProbablyReaderable, markdownDocument } from "../pith.js";
import "../reader/reader.js"; // a classic-style script: defines globalThis.PithReader
import { snapshot } from "../snapshot.js";

const NO_ARTICLE =
  "Pith found no article on this page. It works best on a single story, post or documentation page, not on a home page, a list of links or an app.";
const BLOCKED =
  "This site’s security policy (Content-Security-Policy) does not let bookmarklets run code from elsewhere, so Pith cannot read it here.\n\nUse the Pith browser extension on sites like this one.";

/** @returns {{ show: Function, message: Function, close: Function, isOpen: Function }} */
function reader() {
  // @ts-ignore: defined by reader.js
  return globalThis.PithReader;
}

/**
 * Opens the reader view for this page, or closes it when it is open.
 * @returns {Promise<"opened" | "closed" | "message">}
 */
export async function toggle() {
  const view = reader();
  if (view.isOpen()) {
    view.close();
    return "closed";
  }
  // The wasm is fetched (connect-src) and compiled ('wasm-unsafe-eval'): a page's CSP can
  // refuse either, even when it let this module load.
  let blocked = false;
  const onViolation = () => {
    blocked = true;
  };
  // Through the prototype: the page may have clobbered `document.addEventListener`.
  EventTarget.prototype.addEventListener.call(document, "securitypolicyviolation", onViolation);
  // The wasm downloads and compiles off the main thread while the page is serialized here.
  const starting = init();
  starting.catch(() => {});
  // One serialization of the live page serves both calls (extractDocument would make its
  // own, without the repairs snapshot() makes).
  const html = snapshot();
  try {
    await starting;
  } catch (err) {
    // The violation event is queued as a task: give it the chance to arrive.
    await new Promise((r) => setTimeout(r, 50));
    const csp = blocked || /Content.Security.Policy|unsafe-eval/i.test(String(err && err.message));
    await view.message(csp ? BLOCKED : `Pith could not start: ${messageOf(err)}`, {
      title: csp ? "This site blocks bookmarklets" : "Pith could not start",
      sourceUrl: location.href,
    });
    return "message";
  } finally {
    EventTarget.prototype.removeEventListener.call(document, "securitypolicyviolation", onViolation);
  }

  const url = /^https?:/.test(location.href) ? location.href : undefined;
  // The quick check (Readability's rule) refuses short stories too, such as a paywalled lead
  // of two paragraphs: clicking the bookmarklet is the reader's own request, so the message
  // offers to read the page anyway, as the extension's popup does.
  let readerable;
  try {
    readerable = isProbablyReaderable(html);
  } catch (err) {
    return noArticle(view, err);
  }
  if (!readerable) {
    await view.message(NO_ARTICLE, {
      title: "No article here",
      sourceUrl: location.href,
      action: { label: "Read it anyway", run: () => read(view, html, url) },
    });
    return "message";
  }
  return read(view, html, url);
}

/**
 * Extracts the article and shows it (or says why not).
 * @returns {Promise<"opened" | "closed" | "message">}
 */
async function read(view, html, url) {
  let article;
  try {
    article = extract(html, { url, formats: ["html", "text", "markdown"] });
    // The file "Copy Markdown" and "Download .md" give, written by the core.
    article.markdownDocument = markdownDocument(article);
  } catch (err) {
    return noArticle(view, err);
  }
  // The settings live in this site's localStorage: the reader says so, once.
  await view.show(article, { sourceUrl: location.href, perSite: true });
  return view.isOpen() ? "opened" : "closed";
}

/** The "no article" message, with what the core said. */
async function noArticle(view, err) {
  await view.message(`${NO_ARTICLE}\n\n(${messageOf(err)})`, { title: "No article here", sourceUrl: location.href });
  return "message";
}

/** @param {unknown} err */
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}
