// The bookmarklet's second stage, imported by the javascript: link from the origin that
// served the demo page (see bookmarklet.js): loads the Pith core and the reader view from
// next to this file, reads the page it runs in, and opens the reader over it. A second run
// closes the reader again.
//
// The imports are relative to import.meta.url, so the whole of www/ can be served from any
// origin; the server must send CORS headers (scripts/serve.mjs does), because the page
// importing this module is on another origin.

//
// It runs in the page's own world, after the page's scripts, which may have replaced the
// built-ins everything here stands on (JSON, Array methods, outerHTML, documentElement).
// Those are checked first, before the rest of Pith is even imported (reader.js would trip on
// a broken Array at once): a page that broke them gets a plain note, through the
// bookmarklet's own few lines of DOM, rather than a reader that half works or an article
// made of what a fake outerHTML returned.

const NO_ARTICLE =
  "Pith found no article on this page. It works best on a single story, post or documentation page, not on a home page, a list of links or an app.";
const BLOCKED =
  "This site’s security policy (Content-Security-Policy) does not let bookmarklets run code from elsewhere, so Pith cannot read it here.\n\nUse the Pith browser extension on sites like this one.";

const TAMPERED =
  "This page has replaced parts of the browser that Pith relies on (%s), so Pith cannot read it safely here.\n\nUse the Pith browser extension, which runs apart from the page’s scripts.";

/** @type {{ init: Function, extract: Function, isProbablyReaderable: Function, markdownDocument: Function }} */
let api;
/** @type {(doc?: Document) => string} */
let snapshot;

/**
 * The built-ins Pith uses that do not behave as the standard says on this page (empty when
 * all do): tried on small known inputs rather than recognised, so a page's harmless wrapper
 * passes and any replacement that changes an answer is caught.
 * @returns {string[]}
 */
export function brokenBuiltins() {
  /** @type {[string, () => boolean][]} */
  const checks = [
    ["JSON", () => JSON.stringify(JSON.parse('{"a":[1,"x",null]}')) === '{"a":[1,"x",null]}'],
    ["Array methods", () => {
      const a = [3, 1, 2];
      const r = a.map((x) => x + 1).filter((x) => x > 2).concat([9]).slice(0, 3);
      let sum = 0;
      r.forEach((x) => { sum += x; });
      return r.join("-") === "4-3-9" && sum === 16 && r.indexOf(3) === 1 && r.includes(9) && r.some((x) => x === 4) &&
        r.every((x) => x > 2) && r.find((x) => x > 3) === 4 && r.reduce((s, x) => s + x, 0) === 16 && r.push(1) === 4;
    }],
    ["Array iteration", () => [...[1, 2], ...new Set([3])].length === 3 && Array.from({ length: 2 }, (_, i) => i)[1] === 1],
    ["Object", () => Object.keys({ a: 1, b: 2 }).length === 2 && Object.assign({}, { a: 1 }).a === 1 &&
      Object.entries({ a: 1 })[0][1] === 1],
    // The prototype's getter, which everything here uses: `document.documentElement` itself
    // may be a clobbering <form name="documentElement">, which Pith reads past.
    ["document.documentElement", () => {
      const root = Object.getOwnPropertyDescriptor(Document.prototype, "documentElement")?.get?.call(document);
      return root instanceof HTMLHtmlElement;
    }],
    ["outerHTML and innerHTML", () => {
      const p = Document.prototype.createElement.call(document, "p");
      p.textContent = "a<b";
      return p.outerHTML === "<p>a&lt;b</p>" && p.innerHTML === "a&lt;b";
    }],
  ];
  const broken = [];
  for (let i = 0; i < checks.length; i++) {
    let ok = false;
    try {
      ok = checks[i][1]() === true;
    } catch (_) {
      ok = false;
    }
    if (!ok) broken[broken.length] = checks[i][0];
  }
  return broken;
}

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
  const broken = brokenBuiltins();
  if (broken.length > 0) {
    // The bookmarklet shows an error's message as its note when it carries `pithNote`.
    // Joined by hand: the page may have broken Array.prototype.join itself.
    let names = "";
    for (let i = 0; i < broken.length; i++) names += (i ? ", " : "") + broken[i];
    throw Object.assign(new Error(TAMPERED.replace("%s", names)), { pithNote: true });
  }
  if (!api) {
    const [core, , snap] = await Promise.all([
      import("../pith.js"),
      import("../reader/reader.js"), // a classic-style script: defines globalThis.PithReader
      import("../snapshot.js"),
    ]);
    api = core;
    snapshot = snap.snapshot;
  }
  const { init, isProbablyReaderable } = api;
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
    article = api.extract(html, { url, formats: ["html", "text", "markdown"] });
    // The file "Copy Markdown" and "Download .md" give, written by the core.
    article.markdownDocument = api.markdownDocument(article);
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
