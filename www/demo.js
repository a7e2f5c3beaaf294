// The demo page: paste or open a page, clean it with Pith, show the article beside the page.
// No framework and no network: everything runs here, on the HTML the user gave.
//
// URL parameters (for tests and the curious):
//   ?maxInputBytes=N   refuse pages larger than N bytes (default: the core's 32 MiB)

import { init, extract, markdownDocument, version } from "./pith.js";
import { bookmarkletUrl } from "./bookmarklet/bookmarklet.js";
import "./reader/reader.js"; // globalThis.PithReader: its picture rules serve the demo too

/** @type {{ tidy(body: Node): void, opensWithPicture(body: Node): boolean, hasImage(body: Node, url: string): boolean }} */
// @ts-ignore: defined by reader.js
const pictures = globalThis.PithReader.pictures;
/** "4 min read", "1 h 20 min read", "a very long read", as the reader says it. @type {(minutes: number) => string} */
// @ts-ignore: defined by reader.js
const readingTime = globalThis.PithReader.readingTime;
/** Formulas written as the core's text has them, as the reader shows them. @type {(root: Element) => void} */
// @ts-ignore: defined by reader.js
const formulas = globalThis.PithReader.formulas;

/** @typedef {import("./pith.js").Article} Article */
/**
 * What the core returns when asked for `annotate: true` (see src/article.rs); older cores
 * ignore the option and leave the field out.
 * @typedef {Article & { annotatedHtml?: string | null }} AnnotatedArticle
 */

const DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024;
/** Pages larger than this stay out of the textarea (typing into 30 MB of text is no fun). */
const SHOW_IN_TEXTAREA_CHARS = 2_000_000;
const FORMATS = /** @type {const} */ (["html", "text", "markdown"]);
const PASTED_URL =
  "Pith cleans the HTML of a page; it cannot fetch pages from the web (this page makes no requests). " +
  "Open the page in your browser and save it (Ctrl+S or ⌘S, “Webpage, HTML only”), then open the file here; " +
  "or view its source (Ctrl+U or ⌥⌘U), copy all of it and paste it here. The address is kept in the Page URL field, for the links. " +
  "To read pages in place, use the bookmarklet below.";
/** File signatures of formats that are not web pages, with their names. */
const BINARY_MAGIC = [
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x47, 0x49, 0x46, 0x38], "a GIF image"],
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive (or a Word, Excel or EPUB file)"],
  [[0x52, 0x49, 0x46, 0x46], "a RIFF file (WebP image, WAV audio or AVI video)"],
  [[0x7f, 0x45, 0x4c, 0x46], "a program"],
  [[0x4d, 0x5a], "a Windows program"],
];

const params = new URLSearchParams(location.search);
const maxInputBytes = positiveInt(params.get("maxInputBytes")) ?? DEFAULT_MAX_INPUT_BYTES;

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  input: /** @type {HTMLTextAreaElement} */ ($("input")),
  url: /** @type {HTMLInputElement} */ ($("url")),
  file: /** @type {HTMLInputElement} */ ($("file")),
  fileNote: $("file-note"),
  clean: /** @type {HTMLButtonElement} */ ($("clean")),
  openFile: $("open-file"),
  example: $("example"),
  status: $("status"),
  error: $("error"),
  empty: $("empty"),
  results: $("results"),
  stats: $("stats"),
  reader: $("reader"),
  siteName: $("site-name"),
  title: $("title"),
  byline: $("byline"),
  published: $("published"),
  reading: $("reading"),
  leadImage: $("lead-image"),
  leadImg: /** @type {HTMLImageElement} */ ($("lead-img")),
  article: $("article"),
  outHtml: $("out-html"),
  outMarkdown: $("out-markdown"),
  frontMatter: /** @type {HTMLInputElement} */ ($("front-matter")),
  frontMatterLabel: $("front-matter-label"),
  outText: $("out-text"),
  outJson: $("out-json"),
  copy: /** @type {HTMLButtonElement} */ ($("copy")),
  download: /** @type {HTMLButtonElement} */ ($("download")),
  originalFrame: /** @type {HTMLIFrameElement} */ ($("original-frame")),
  removedFrame: /** @type {HTMLIFrameElement} */ ($("removed-frame")),
  removedCount: $("removed-count"),
  removedSource: $("removed-source"),
  version: $("version"),
};

/**
 * The page the user gave and what Pith made of it.
 * @typedef {object} Result
 * @property {AnnotatedArticle} article
 * @property {string} html      the page as given
 * @property {string | null} base  URL that relative links resolve against (given, or canonical)
 * @property {Document} doc     the page parsed by the browser (for the frames and the stats)
 * @property {boolean} removedViewBuilt
 */
/** @type {Result | null} */
let result = null;
/** A file too large to show in the textarea, kept aside. @type {{ name: string, text: string } | null} */
let aside = null;
let busy = false;
/** The selected tab of the result pane: reader, html, markdown, text or json. */
let currentView = "reader";
/** The selected view of the page pane: original or removed. */
let currentPageView = "original";

const ready = init().then(
  () => {
    ui.version.textContent = `core ${version()}`;
  },
  (err) => {
    showError("The Pith core could not be loaded", messageOf(err));
    throw err;
  },
);
ready.catch(() => {}); // reported above; clean() reports it again when asked

// ---- cleaning ---------------------------------------------------------------------------

async function clean() {
  if (busy) return;
  const html = aside ? aside.text : ui.input.value;
  // A web address pasted where the page goes: say what Pith needs instead.
  const address = aside ? null : /^\s*(https?:\/\/\S+)\s*$/i.exec(html);
  if (address) {
    if (!ui.url.value.trim()) ui.url.value = address[1];
    result = null;
    ui.results.hidden = true;
    ui.empty.hidden = false;
    showError("That is a web address, not a page", PASTED_URL);
    return;
  }
  const url = ui.url.value.trim();
  setBusy(true);
  hideError();
  try {
    await ready;
    await nextPaint(); // let "Cleaning…" show before the (synchronous) extraction
    /** @type {Record<string, unknown>} */
    const options = { formats: [...FORMATS], maxInputBytes, annotate: true };
    if (url) options.url = url;
    const article = /** @type {AnnotatedArticle} */ (extract(html, options));
    render(article, html, url || null);
  } catch (err) {
    result = null;
    ui.results.hidden = true;
    ui.empty.hidden = false;
    showError("Pith could not clean this page", messageOf(err));
  } finally {
    setBusy(false);
  }
}

/** @param {boolean} on */
function setBusy(on) {
  busy = on;
  ui.clean.disabled = on;
  ui.clean.textContent = on ? "Cleaning…" : "Clean";
  ui.status.textContent = on ? "Cleaning…" : ui.status.textContent.replace("Cleaning…", "");
  ui.status.classList.toggle("busy", on);
  ui.results.classList.toggle("busy", on);
  ui.results.setAttribute("aria-busy", String(on));
}

/** Resolves after the browser had a chance to paint (or soon, in a background tab). */
function nextPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(timer), resolve(undefined)), 0));
  });
}

// ---- rendering --------------------------------------------------------------------------

/**
 * @param {AnnotatedArticle} article
 * @param {string} html
 * @param {string | null} givenUrl
 */
function render(article, html, givenUrl) {
  const base = httpUrl(givenUrl) ?? httpUrl(article.url);
  const doc = parseHostile(html);
  result = { article, html, base, doc, removedViewBuilt: false };

  renderReader(article, base);
  ui.outHtml.textContent = article.contentHtml ?? "";
  ui.outMarkdown.textContent = markdownFile(article);
  ui.outText.textContent = article.text ?? "";
  ui.outJson.textContent = articleJson(article);
  renderStats(article, doc);

  ui.originalFrame.srcdoc = framePage(doc, base);
  if (currentPageView === "removed") buildRemovedView();
  else ui.removedFrame.removeAttribute("srcdoc");

  ui.empty.hidden = true;
  ui.results.hidden = false;
  ui.status.textContent = article.title ? `Cleaned “${truncate(article.title, 60)}”` : "Cleaned";
  // Bring the result into view unless its top is already near the top of the window.
  const top = ui.results.getBoundingClientRect().top;
  if (top > 120 || top < 0) {
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    ui.results.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
  }
}

/**
 * @param {AnnotatedArticle} a
 * @param {string | null} base
 */
function renderReader(a, base) {
  ui.reader.lang = a.lang ?? "";
  if (a.dir) ui.reader.dir = a.dir;
  else ui.reader.removeAttribute("dir");
  setText(ui.siteName, a.siteName);
  ui.title.textContent = a.title ?? "Untitled";
  setText(ui.byline, a.byline);
  if (a.published) {
    ui.published.hidden = false;
    ui.published.setAttribute("datetime", a.published);
    ui.published.textContent = formatDate(a.published);
  } else {
    ui.published.hidden = true;
    ui.published.removeAttribute("datetime");
    ui.published.textContent = "";
  }
  setText(ui.reading, a.readingMinutes ? readingTime(a.readingMinutes) : null);

  const content = safeFragment(a.contentHtml ?? "", base);
  pictures.tidy(content);
  const image = a.image ? safeUrl(a.image, base, true) : null;
  const imageInBody = image !== null && (pictures.hasImage(content, image) || pictures.opensWithPicture(content));
  if (image && !imageInBody) {
    ui.leadImg.referrerPolicy = "no-referrer";
    // A lead image smaller than an icon is the site's logo or favicon: not shown.
    ui.leadImg.onload = () => {
      if (ui.leadImg.naturalWidth > 0 && ui.leadImg.naturalWidth < 200) ui.leadImage.hidden = true;
    };
    ui.leadImg.src = image;
    ui.leadImage.hidden = false;
  } else {
    ui.leadImg.removeAttribute("src");
    ui.leadImage.hidden = true;
  }
  ui.article.replaceChildren(content);
}

/**
 * The article body as nodes of this document. The core already sanitized it (allow-listed
 * tags and attributes); this is a second line of defence that costs nothing: parse it in an
 * inert document (DOMParser runs no scripts and loads nothing), drop anything active, make
 * URLs absolute, then adopt the nodes.
 * @param {string} html
 * @param {string | null} base
 * @returns {DocumentFragment}
 */
function safeFragment(html, base) {
  const inert = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html");
  inert.body
    .querySelectorAll("script, style, link, meta, base, iframe, frame, frameset, object, embed, applet, form, input, button, select, textarea, template, noscript")
    .forEach((el) => el.remove());
  for (const el of inert.body.querySelectorAll("*")) {
    for (const { name, value } of [...el.attributes]) {
      const n = name.toLowerCase();
      if (n.startsWith("on") || n === "style" || n === "srcdoc" || n === "formaction" || n === "id") {
        el.removeAttribute(name);
      } else if (n === "href" || n === "src" || n === "poster" || n === "cite") {
        const safe = safeUrl(value, base, n !== "href" && n !== "cite");
        if (safe === null) el.removeAttribute(name);
        else el.setAttribute(name, safe);
      } else if (n === "srcset") {
        const set = value
          .split(",")
          .map((c) => c.trim().split(/\s+/))
          .map(([u, d]) => [safeUrl(u ?? "", base, true), d])
          .filter(([u]) => u)
          .map(([u, d]) => (d ? `${u} ${d}` : u))
          .join(", ");
        if (set) el.setAttribute(name, set);
        else el.removeAttribute(name);
      }
    }
    if (el instanceof HTMLAnchorElement && el.hasAttribute("href") && !el.getAttribute("href")?.startsWith("#")) {
      el.target = "_blank";
      el.rel = "noopener noreferrer";
    } else if (el instanceof HTMLImageElement) {
      el.loading = "lazy";
      el.decoding = "async";
      el.referrerPolicy = "no-referrer";
    }
  }
  formulas(inert.body);
  const fragment = document.createDocumentFragment();
  for (const node of [...inert.body.childNodes]) fragment.append(document.adoptNode(node));
  return fragment;
}


/**
 * An absolute, harmless URL, or null. Relative URLs need a base (otherwise they would point
 * at this demo server). `media` allows data:image URLs.
 * @param {string} value
 * @param {string | null} base
 * @param {boolean} media
 */
function safeUrl(value, base, media) {
  const v = value.trim();
  if (!v) return null;
  if (v.startsWith("#")) return media ? null : v;
  let url;
  try {
    url = base ? new URL(v, base) : new URL(v);
  } catch {
    return null;
  }
  if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  if (!media && (url.protocol === "mailto:" || url.protocol === "tel:")) return url.href;
  if (media && url.protocol === "data:" && /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i.test(v)) return v;
  return null;
}

/**
 * Time, words, reading minutes and the share of the page's text that Pith removed. That
 * share is counted in characters of visible text (whitespace collapsed): the page's from the
 * browser's own parse of the original (scripts, styles, templates and noscript left out),
 * the article's from `article.text`. Characters are what a reader sees; the node counts in
 * `stats` would weigh a deeply nested menu as more than a long paragraph.
 * @param {AnnotatedArticle} a
 * @param {Document} doc
 */
function renderStats(a, doc) {
  const pageChars = visibleTextLength(doc);
  const articleChars = collapse(a.text ?? "").length;
  const removed = pageChars > 0 ? Math.max(0, Math.min(1, 1 - articleChars / pageChars)) : 0;
  const s = a.stats;
  /** @type {Array<[string, string, string, string]>} */
  const items = [
    ["time", formatMs(s.extractMs), "to clean", `parsing ${formatMs(s.parseMs)} of it; ${formatBytes(s.inputBytes)} in`],
    ["words", a.wordCount.toLocaleString(), a.wordCount === 1 ? "word" : "words", ""],
    ["minutes", readingTime(a.readingMinutes).replace(/ read$/, ""), "read", "at about 230 words (500 Chinese or Japanese characters) a minute"],
    [
      "removed",
      `${Math.round(removed * 100)}%`,
      "of the page removed",
      `${articleChars.toLocaleString()} of ${pageChars.toLocaleString()} characters of text kept; ${s.nodesKept.toLocaleString()} of ${s.nodesIn.toLocaleString()} nodes`,
    ],
  ];
  ui.stats.replaceChildren(
    ...items.map(([key, value, label, title]) => {
      const span = el("span", { class: "stat", "data-stat": key, title });
      span.append(el("b", {}, value), ` ${label}`);
      return span;
    }),
  );
}

/** @param {Document} doc */
function visibleTextLength(doc) {
  const body = doc.body;
  if (!body) return 0;
  const clone = /** @type {HTMLElement} */ (body.cloneNode(true));
  clone.querySelectorAll("script, style, template, noscript").forEach((n) => n.remove());
  return collapse(clone.textContent ?? "").length;
}

/**
 * The JSON tab, and what its Copy and Download give: the Article as the API returns it.
 * `annotatedHtml` (the whole page again, with marks) is the demo's own request for the
 * "What Pith removed" view, so it is left out here, not abbreviated: what is shown is
 * exactly what is copied and saved.
 * @param {AnnotatedArticle} a
 */
function articleJson(a) {
  const { annotatedHtml: _annotated, ...article } = a;
  return JSON.stringify(article, null, 2);
}

// ---- the page frames --------------------------------------------------------------------

/**
 * A pasted page as an inert document the demo can walk. A page can clobber the DOM it is
 * parsed into: <img name="querySelectorAll"> replaces that member of its document, and
 * <form><input name="attributes"> that member of its form, for every script that touches them
 * (the pages the demo shows are hostile by assumption). So the elements that lend names to
 * their document lose the name, and forms become plain blocks (their controls stay inside),
 * all done through the prototypes' own methods; the rest of the demo may then use ordinary
 * member calls.
 * @param {string} html
 * @returns {Document}
 */
function parseHostile(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const D = Document.prototype;
  const E = Element.prototype;
  const tagOf = Object.getOwnPropertyDescriptor(E, "localName").get;
  const kidsOf = Object.getOwnPropertyDescriptor(Node.prototype, "childNodes").get;
  for (const el of D.querySelectorAll.call(doc, "form, img[name], embed[name], object[name], iframe[name], frame[name]")) {
    E.removeAttribute.call(el, "name");
    if (tagOf.call(el) !== "form") continue;
    const div = D.createElement.call(doc, "div");
    for (const name of E.getAttributeNames.call(el)) E.setAttribute.call(div, name, E.getAttribute.call(el, name));
    E.append.call(div, ...kidsOf.call(el));
    E.replaceWith.call(el, div);
  }
  return doc;
}

/**
 * The page as the sandboxed frame shows it: scripts are dead anyway (sandbox=""), but a
 * <meta http-equiv=refresh> could still navigate the frame away, and relative URLs need
 * the page's own address.
 * @param {Document} source
 * @param {string | null} base
 * @param {string} [extraCss]
 */
function framePage(source, base, extraCss) {
  const doc = /** @type {Document} */ (source.cloneNode(true));
  doc.querySelectorAll("script, meta[http-equiv]").forEach((n) => {
    if (n.localName === "script" || /refresh|content-security-policy|set-cookie/i.test(n.getAttribute("http-equiv") ?? "")) n.remove();
  });
  // All dead in the sandbox and under this page's CSP anyway; left out so the console does
  // not fill with "blocked" warnings (and nothing is fetched that could not be used).
  doc
    .querySelectorAll("iframe, frame, object, embed, applet, link[rel~=preload i], link[rel~=modulepreload i], link[rel~=prefetch i], link[rel~=preconnect i], link[rel~=dns-prefetch i]")
    .forEach((n) => n.remove());
  for (const e of doc.querySelectorAll("*")) {
    for (const { name, value } of [...e.attributes]) {
      // Tabs and newlines inside "java\tscript:" are ignored by URL parsing, so strip them first.
      if (/^on/i.test(name) || /(java|vb)script:/i.test(value.replace(/[\s\0]/g, ""))) e.removeAttribute(name);
    }
  }
  const head = doc.head ?? doc.documentElement.insertBefore(doc.createElement("head"), doc.body);
  if (base && !doc.querySelector("base[href]")) {
    const b = doc.createElement("base");
    b.href = base;
    head.prepend(b);
  }
  if (extraCss) {
    const style = doc.createElement("style");
    style.textContent = extraCss;
    head.append(style);
  }
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

const ANNOTATION_CSS = `
[data-pith-removed] {
  outline: 2px solid rgba(220, 38, 38, 0.95) !important;
  outline-offset: -2px !important;
  box-shadow: inset 0 0 0 100vmax rgba(220, 38, 38, 0.16) !important;
}
[data-pith-removed]::before {
  content: "removed" !important;
  display: inline-block !important;
  margin: 0 6px 0 0 !important; padding: 1px 5px !important;
  font: 600 10px/1.4 system-ui, sans-serif !important; letter-spacing: 0.02em !important;
  text-transform: uppercase !important; text-decoration: none !important;
  color: #fff !important; background: rgb(220, 38, 38) !important; border-radius: 3px !important;
  vertical-align: middle !important; float: none !important; position: static !important;
}
[data-pith-kept] {
  outline: 2px solid rgba(22, 163, 74, 0.95) !important;
  outline-offset: -2px !important;
  box-shadow: inset 0 0 0 100vmax rgba(22, 163, 74, 0.07) !important;
}
`;

function buildRemovedView() {
  if (!result || result.removedViewBuilt) return;
  const { article, html, base } = result;
  let doc;
  if (typeof article.annotatedHtml === "string") {
    doc = parseHostile(article.annotatedHtml);
    ui.removedSource.textContent = "";
  } else {
    doc = parseHostile(html);
    annotateByText(doc, article);
    ui.removedSource.textContent = "approximate: matched by text here, as this core does not annotate";
  }
  ui.removedCount.textContent = String(doc.querySelectorAll("[data-pith-removed]").length);
  ui.removedFrame.srcdoc = framePage(doc, base, ANNOTATION_CSS);
  result.removedViewBuilt = true;
}

/**
 * Stand-in for the core's `annotate` option (same attributes, same contract): marks the
 * outermost elements whose text all made it into the article `data-pith-kept`, and those
 * whose text all did not `data-pith-removed`, by comparing text with `article.text`.
 * @param {Document} doc
 * @param {Article} article
 */
function annotateByText(doc, article) {
  const kept = collapse(article.text ?? "");
  const lines = new Set((article.text ?? "").split(/\n+/).map(collapse).filter(Boolean));
  const contentHtml = article.contentHtml ?? "";
  const SKIP = new Set(["script", "style", "noscript", "template", "head"]);
  /** @type {Map<Element, string>} */
  const textCache = new Map();
  /** @param {Element} e */
  const textOf = (e) => {
    let t = textCache.get(e);
    if (t === undefined) {
      t = collapse(e.textContent ?? "");
      textCache.set(e, t);
    }
    return t;
  };
  /**
   * Kept when its text is in the article. Short texts ("Travel", "Home") would match by
   * chance, so they are judged by their first ancestor with enough text to be telling (a
   * menu item by its menu), or failing that by a whole line of the article.
   * @param {Element} e
   */
  const textKept = (e) => {
    let node = /** @type {Element | null} */ (e);
    for (let i = 0; node && i < 4; i++, node = node.parentElement) {
      const t = textOf(node);
      if (t.length >= 25) return kept.includes(t);
    }
    return lines.has(textOf(e));
  };
  // 0 nothing visible, 1 kept, 2 removed, 3 mixed
  /** @type {Map<Element, number>} */
  const state = new Map();
  /** @param {Element} e @returns {number} */
  const visit = (e) => {
    if (SKIP.has(e.localName)) return 0;
    let s = 0;
    const hasText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ""));
    if (hasText) s = textKept(e) ? 1 : 2;
    else if (e.localName === "img") {
      const src = e.getAttribute("src");
      if (src) s = contentHtml.includes(src.replace(/&/g, "&amp;")) || contentHtml.includes(src) ? 1 : 2;
    }
    for (const child of e.children) {
      const c = visit(child);
      if (c) s = s === 0 ? c : s === c ? s : 3;
    }
    state.set(e, s);
    return s;
  };
  if (!doc.body) return;
  visit(doc.body);
  /** @param {Element} e */
  const mark = (e) => {
    const s = state.get(e) ?? 0;
    if (s === 1) e.setAttribute("data-pith-kept", "");
    else if (s === 2) e.setAttribute("data-pith-removed", "");
    else if (s === 3) for (const child of e.children) mark(child);
  };
  mark(doc.body);
}

// ---- tabs -------------------------------------------------------------------------------

/**
 * ARIA tabs: click or arrow keys select; the selected tab's panel shows.
 * @param {HTMLElement} tablist
 * @param {(tab: HTMLElement) => void} onSelect
 */
function setupTabs(tablist, onSelect) {
  const tabs = /** @type {HTMLElement[]} */ ([...tablist.querySelectorAll('[role="tab"]')]);
  /** @param {HTMLElement} tab */
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !on;
    }
    onSelect(tab);
  };
  for (const tab of tabs) tab.addEventListener("click", () => select(tab));
  tablist.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    tab.focus();
    select(tab);
  });
}

setupTabs(/** @type {HTMLElement} */ (document.querySelector(".result-pane [role=tablist]")), (tab) => {
  currentView = tab.dataset.view ?? "reader";
  ui.frontMatterLabel.hidden = currentView !== "markdown";
});
ui.frontMatter.addEventListener("change", () => {
  if (result) ui.outMarkdown.textContent = markdownFile(result.article);
});

/**
 * The Markdown file the tab shows, copies and downloads: the core's document (title, byline,
 * date, source, body), the same the bookmarklet, the extension and `pith extract --format
 * markdown` write.
 * @param {Article} a
 */
function markdownFile(a) {
  return markdownDocument(a, { frontMatter: ui.frontMatter.checked });
}
setupTabs(/** @type {HTMLElement} */ (document.querySelector(".page-pane [role=tablist]")), (tab) => {
  currentPageView = tab.id === "view-removed" ? "removed" : "original";
  if (currentPageView === "removed") buildRemovedView();
});

// ---- copy and download ------------------------------------------------------------------

/**
 * What the current tab holds, as text (and HTML for the reader view), with a file name.
 * @returns {{ text: string, html?: string, file: string, type: string } | null}
 */
function currentExport() {
  if (!result) return null;
  const a = result.article;
  const slug = slugify(a.title ?? "") || "article";
  switch (currentView) {
    case "html":
      return { text: a.contentHtml ?? "", file: `${slug}.content.html`, type: "text/html" };
    case "markdown":
      return { text: markdownFile(a), file: `${slug}.md`, type: "text/markdown" };
    case "text":
      return { text: a.text ?? "", file: `${slug}.txt`, type: "text/plain" };
    case "json":
      return { text: articleJson(a), file: `${slug}.json`, type: "application/json" };
    default: {
      const heading = [a.title, [a.byline, a.published && formatDate(a.published)].filter(Boolean).join(" · ")]
        .filter(Boolean)
        .join("\n");
      const text = `${heading ? heading + "\n\n" : ""}${a.text ?? ""}`;
      return { text, html: standaloneHtml(a), file: `${slug}.html`, type: "text/html" };
    }
  }
}

/**
 * The reader view as a file of its own: the core's sanitized HTML with a title and a little CSS.
 * @param {Article} a
 */
function standaloneHtml(a) {
  const esc = escapeHtml;
  const meta = [a.byline && esc(a.byline), a.published && `<time datetime="${esc(a.published)}">${esc(formatDate(a.published))}</time>`]
    .filter(Boolean)
    .join(" · ");
  return `<!DOCTYPE html>
<html${a.lang ? ` lang="${esc(a.lang)}"` : ""}${a.dir ? ` dir="${esc(a.dir)}"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(a.title ?? "Article")}</title>
${a.url ? `<link rel="canonical" href="${esc(a.url)}">\n` : ""}<style>body{max-width:40em;margin:2em auto;padding:0 1em;font:18px/1.6 Georgia,serif;color:#222}img{max-width:100%;height:auto}@media(prefers-color-scheme:dark){body{background:#161615;color:#e8e6e1}a{color:#8cc}}</style>
</head>
<body>
<article>
${a.siteName ? `<p><small>${esc(a.siteName)}</small></p>\n` : ""}<h1>${esc(a.title ?? "Untitled")}</h1>
${meta ? `<p>${meta}</p>\n` : ""}${a.contentHtml ?? ""}
</article>
</body>
</html>
`;
}

async function copyCurrent() {
  const out = currentExport();
  if (!out) return;
  let ok = false;
  try {
    if (out.html && typeof ClipboardItem === "function" && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/plain": new Blob([out.text], { type: "text/plain" }),
          "text/html": new Blob([out.html], { type: "text/html" }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(out.text);
    }
    ok = true;
  } catch {
    ok = copyWithSelection(out.text);
  }
  if (ok) flash(ui.copy, "Copied");
  else showError("Could not copy", "this browser did not allow access to the clipboard: select the text and copy it by hand");
}

/**
 * The old way, for browsers or contexts without the async clipboard API.
 * @param {string} text
 */
function copyWithSelection(text) {
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.cssText = "position:fixed;top:0;left:0;opacity:0;pointer-events:none";
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

function downloadCurrent() {
  const out = currentExport();
  if (!out) return;
  const body = out.html && currentView === "reader" ? out.html : out.text;
  const blob = new Blob([body], { type: `${out.type};charset=utf-8` });
  const href = URL.createObjectURL(blob);
  const a = el("a", { href, download: out.file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  flash(ui.download, "Saved");
}

/**
 * @param {HTMLButtonElement} button
 * @param {string} label
 */
function flash(button, label) {
  const original = button.dataset.label ?? button.textContent ?? "";
  button.dataset.label = original;
  button.textContent = label;
  button.classList.add("done");
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(
    setTimeout(() => {
      button.textContent = original;
      button.classList.remove("done");
    }, 1500),
  );
}

// ---- input: paste, files, drag and drop, the example ------------------------------------

/**
 * Reads a dropped or opened file as text: gzip is unpacked, the encoding comes from a BOM
 * or a <meta charset> (UTF-8 otherwise). A binary file (a PDF, an image) is refused here,
 * before it lands in the text box as a screenful of gibberish.
 * @param {File} file
 * @returns {Promise<string>}
 */
async function readPage(file) {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gzip && file.size > maxInputBytes) {
    throw new Error(
      `the file is ${formatBytes(file.size)} but the limit is ${formatBytes(maxInputBytes)}: give a smaller page`,
    );
  }
  let bytes;
  if (gzip) {
    if (typeof DecompressionStream !== "function") {
      throw new Error("this browser cannot unpack gzip files: unpack the file first");
    }
    try {
      bytes = await readAtMost(file.stream().pipeThrough(new DecompressionStream("gzip")), maxInputBytes);
    } catch (err) {
      if (err instanceof RangeError) throw err;
      throw new Error(`the file looks like gzip but does not unpack (${messageOf(err)})`);
    }
  } else {
    bytes = new Uint8Array(await file.arrayBuffer());
  }
  const text = decodeBytes(bytes);
  return { text, binary: binaryKind(bytes, text) };
}

/**
 * What a file is when it is not text, or null: a known signature, NUL bytes in its first
 * 8 KiB (which no HTML page in an 8-bit encoding has; UTF-16 pages start with a byte order
 * mark), or more than 2% of undecodable characters. Such a file is kept out of the text box
 * (a screenful of gibberish helps nobody); the core still says what is wrong with it.
 * @param {Uint8Array} bytes
 * @param {string} text the bytes decoded
 * @returns {string | null}
 */
function binaryKind(bytes, text) {
  for (const [magic, name] of BINARY_MAGIC) {
    if (/** @type {number[]} */ (magic).every((b, i) => bytes[i] === b)) return /** @type {string} */ (name);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  if (bytes.subarray(0, 8192).includes(0)) return "binary data";
  const head = text.slice(0, 8192);
  const bad = head.length ? (head.match(/\uFFFD/g) ?? []).length / head.length : 0;
  return bad > 0.02 ? "binary data" : null;
}

/**
 * @param {ReadableStream<Uint8Array>} stream
 * @param {number} limit
 */
async function readAtMost(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`unpacked, the file is more than ${formatBytes(limit)}, the limit: give a smaller page`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** @param {Uint8Array} bytes */
function decodeBytes(bytes) {
  let label = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
    if (m) label = m[1];
  }
  let decoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  // A page that claims UTF-16 in a <meta> is not UTF-16 (the meta itself was ASCII).
  if (decoder.encoding.startsWith("utf-16") && !(bytes[0] === 0xff || bytes[0] === 0xfe)) decoder = new TextDecoder("utf-8");
  return decoder.decode(bytes);
}

/** @param {File} file */
async function openFile(file) {
  hideError();
  let page;
  try {
    page = await readPage(file);
  } catch (err) {
    showError(`Could not open “${file.name}”`, messageOf(err));
    return;
  }
  setSource(page.text, file.name, page.binary);
  await clean();
}

/**
 * Puts a page into the input: in the textarea, or aside when it is too big to show or not
 * text at all.
 * @param {string} text
 * @param {string} [name]
 * @param {string | null} [binary] what the file is, when it is not text
 */
function setSource(text, name, binary = null) {
  if (binary) {
    aside = { name: name ?? "the file", text };
    ui.input.value = "";
    ui.input.placeholder = "<!doctype html>\n<html>…";
    ui.fileNote.textContent = `Opened ${aside.name}: it looks like ${binary}, not a web page, so it is not shown.`;
    ui.fileNote.hidden = false;
  } else if (text.length > SHOW_IN_TEXTAREA_CHARS) {
    aside = { name: name ?? "the page", text };
    ui.input.value = "";
    ui.input.placeholder = `${aside.name} is open: ${formatBytes(text.length)} is too much to show here. Type or paste here to replace it.`;
    ui.fileNote.textContent = `Opened ${aside.name} (${formatBytes(text.length)}), not shown.`;
    ui.fileNote.hidden = false;
  } else {
    aside = null;
    ui.input.value = text;
    ui.input.placeholder = "<!doctype html>\n<html>…";
    ui.fileNote.textContent = name ? `Opened ${name} (${formatBytes(text.length)}).` : "";
    ui.fileNote.hidden = !name;
  }
}

ui.input.addEventListener("input", () => {
  if (aside) setSource(ui.input.value);
  ui.fileNote.hidden = true;
});
ui.input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    clean();
  }
});
ui.url.addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    e.preventDefault();
    clean();
  }
});
ui.clean.addEventListener("click", () => clean());
ui.openFile.addEventListener("click", () => ui.file.click());
ui.file.addEventListener("change", () => {
  const file = ui.file.files?.[0];
  ui.file.value = ""; // the same file again is a new choice
  if (file) openFile(file);
});
ui.example.addEventListener("click", async () => {
  hideError();
  const url = new URL("examples/sample.html", location.href);
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    setSource(await response.text());
  } catch (err) {
    showError("Could not load the example", messageOf(err));
    return;
  }
  ui.url.value = url.href;
  await clean();
});
ui.copy.addEventListener("click", () => copyCurrent());
ui.download.addEventListener("click", () => downloadCurrent());

// ---- the bookmarklet --------------------------------------------------------------------

// The "Pith" link loads Pith from where this page came from (the directory of www/, so a
// demo served under a path works too); it is meant to be dragged to the bookmarks bar.
const bookmarklet = /** @type {HTMLAnchorElement} */ ($("bookmarklet"));
const bookmarkletNote = $("bookmarklet-note");
let draggingBookmarklet = false;
if (location.protocol === "http:" || location.protocol === "https:") {
  bookmarklet.href = bookmarkletUrl(new URL(".", import.meta.url).href);
} else {
  bookmarklet.removeAttribute("href");
  bookmarkletNote.textContent = "(Serve this page over http to get the bookmarklet: it loads Pith from this page's server.)";
}
bookmarklet.addEventListener("click", (e) => {
  // This page's own Content-Security-Policy would refuse it anyway.
  e.preventDefault();
  bookmarkletNote.textContent = "Drag the link to your bookmarks bar (or right-click it to bookmark it): it reads the page you are on, not this one.";
});
bookmarklet.addEventListener("dragstart", () => {
  draggingBookmarklet = true;
});
bookmarklet.addEventListener("dragend", () => {
  draggingBookmarklet = false;
});

/** @param {DragEvent} e */
const carriesPage = (e) => {
  if (draggingBookmarklet) return false; // the bookmarklet on its way to the bookmarks bar
  const types = e.dataTransfer?.types ?? [];
  return types.includes("Files") || types.includes("text/html") || types.includes("text/plain");
};
let dragDepth = 0;
window.addEventListener("dragenter", (e) => {
  if (!carriesPage(e)) return;
  e.preventDefault();
  dragDepth += 1;
  document.body.classList.add("dragging");
});
window.addEventListener("dragover", (e) => {
  if (carriesPage(e)) e.preventDefault();
});
window.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) document.body.classList.remove("dragging");
});
window.addEventListener("drop", (e) => {
  dragDepth = 0;
  document.body.classList.remove("dragging");
  const dt = e.dataTransfer;
  if (!dt) return;
  e.preventDefault();
  const file = dt.files[0];
  if (file) {
    openFile(file);
    return;
  }
  const html = dt.getData("text/html") || dt.getData("text/plain");
  if (html) {
    setSource(html);
    clean();
  }
});

// ---- errors -----------------------------------------------------------------------------

/**
 * @param {string} title
 * @param {string} message
 */
function showError(title, message) {
  ui.error.replaceChildren(el("strong", {}, title), el("p", {}, message));
  ui.error.hidden = false;
  ui.status.textContent = "";
}

function hideError() {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

/** @param {unknown} err */
function messageOf(err) {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

// Whatever slips through: say so on the page rather than fail silently.
window.addEventListener("error", (e) => showError("Something went wrong", e.message || "an unexpected error"));
window.addEventListener("unhandledrejection", (e) => showError("Something went wrong", messageOf(e.reason)));

// ---- small helpers ----------------------------------------------------------------------

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {string | null | undefined} text
 */
function setText(node, text) {
  node.textContent = text ?? "";
  node.hidden = !text;
}

/** @param {string} s */
function collapse(s) {
  return s.replace(/\s+/g, " ").trim();
}

/** @param {string} s @param {number} n */
function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** @param {string | null | undefined} u */
function httpUrl(u) {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** @param {string | null} s */
function positiveInt(s) {
  const n = s === null ? NaN : Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The date as written on the page (no time zone conversion: a story published at 06:00 in
 * its city says 06:00), in the reader's language.
 * @param {string} iso
 */
function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)));
  if (Number.isNaN(date.getTime())) return iso;
  const withTime = h !== undefined && !(h === "00" && mi === "00");
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: "long",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone: "UTC",
    }).format(date);
  } catch {
    return iso;
  }
}

/** @param {number} ms */
function formatMs(ms) {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** @param {number} n */
function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** @param {string} s */
function slugify(s) {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
