// Pith reader view: a clean overlay for one Article, shared by the bookmarklet and the
// browser extension.
//
// ONE self-contained file with no import/export statements, so it runs both as a classic
// script (chrome.scripting.executeScript({ files: ["reader/reader.js"] })) and through
// import(). Loading it twice is harmless: the first copy stays. It defines
//
//   globalThis.PithReader = {
//     show(article, options)   open the overlay for an Article (from pith.js); an article that
//                              is empty or shorter than options.minWords (default 50) shows
//                              the "no article" message instead. Resolves once the
//                              remembered settings are applied.
//     message(text, options)   the same overlay with a plain message (options.title: heading;
//                              options.action: { label, run } adds a button under it that
//                              calls run(), e.g. the bookmarklet's "Read it anyway")
//     close()                  closes it and restores the page exactly; true if it was open
//     isOpen()
//     pictures                 { tidy(body), opensWithPicture(body), hasImage(body, url) }:
//                              the rules for pictures, for the demo page's own layout
//     readingTime(min, words)  "4 min read (812 words)", "a very long read", as shown
//     formulas(root)           formulas (code.language-math) written as the core's text has them
//   }
//
// article: as pith.js's extract() returns it, plus `markdownDocument` (the string
// markdownDocument(article) returns), which "Copy Markdown" and "Download .md" give.
//
// options: { storage, onClose, sourceUrl, title, minWords, perSite, closed }
//   storage    { get(key) -> value | Promise<value>, set(key, value) }; default: the page's
//              localStorage. One key is used, "pith.reader.settings", whose value is a JSON
//              string such as {"theme":"sepia","size":20,"width":34,"font":"serif",
//              "leading":1.6,"align":"start"} (theme auto|light|sepia|dark, size in px, width
//              in em, font serif|sans, leading a line height, align start|justify; an object
//              is accepted too when reading).
//   perSite    true when the storage is the page's own (the bookmarklet): the settings panel
//              says, once, that the settings hold for this site only.
//   onClose    called after the overlay closed (by the button, Esc, or close()).
//   sourceUrl  the page's URL, when the article has none: resolves relative links, and is
//              shown as the source.
//   closed     attach the overlay's shadow root closed: page scripts get null from
//              host.shadowRoot. Worth it only where this file runs in an isolated world (the
//              extension's content script); in the page's own world a script could wrap
//              attachShadow before the reader calls it, so the bookmarklet leaves it open.
//              Set when the overlay is first opened.
//
// The overlay is a shadow root on <div id="pith-reader">, a child of <html> (not of <body>,
// so the body's transforms and the print stylesheet cannot touch it), shown in the top layer
// when the browser has the Popover API. All CSS is in this file, applied as constructed
// stylesheets (which a page's Content-Security-Policy does not block, unlike <style>), with
// a <style> element as the fallback. No network requests of its own; system fonts only.
// While open, one constructed stylesheet on the document locks the page's scrolling and, for
// print, hides everything but the overlay; closing removes it, so the page's own styles,
// attributes and scroll position are exactly as before.

(function () {
  "use strict";

  if (globalThis.PithReader && typeof globalThis.PithReader.show === "function") return;

  // A page can clobber its own document: <img name="createElement"> or <form
  // name="documentElement"> replaces that member of `document` for every script of the page,
  // this one included (and so does a page's sanitized user content). The reader reaches the
  // document through the DOM's own methods and getters, taken from the prototypes as this file
  // loads, never through the document's members.
  const pageDoc = (() => {
    const D = Document.prototype;
    const get = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
    const root = get(D, "documentElement");
    const body = get(D, "body");
    const head = get(D, "head");
    const active = get(D, "activeElement");
    const baseURI = get(Node.prototype, "baseURI");
    const sheets = Object.getOwnPropertyDescriptor(D, "adoptedStyleSheets");
    const { createElement, createElementNS, createDocumentFragment, createTreeWalker, adoptNode, execCommand } = D;
    return {
      root: () => root.call(document),
      body: () => body.call(document),
      head: () => head.call(document),
      active: () => active.call(document),
      baseURI: () => baseURI.call(document),
      /** @returns {CSSStyleSheet[] | null} null without constructed stylesheets */
      sheets: () => (sheets ? sheets.get.call(document) : null),
      setSheets: (list) => sheets.set.call(document, list),
      create: (tag) => createElement.call(document, tag),
      createNS: (ns, tag) => createElementNS.call(document, ns, tag),
      fragment: () => createDocumentFragment.call(document),
      walker: (root, what) => createTreeWalker.call(document, root, what),
      adopt: (node) => adoptNode.call(document, node),
      exec: (command) => execCommand.call(document, command),
    };
  })();

  const HOST_ID = "pith-reader";
  const SETTINGS_KEY = "pith.reader.settings";
  const MIN_WORDS = 50;
  const SIZES = [14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32];
  // Line widths in em of the text size: 34em is about 70 characters of a serif face.
  const WIDTHS = [26, 30, 34, 38, 44];
  const WIDTH_NAMES = { 26: "Narrowest", 30: "Narrow", 34: "Medium", 38: "Wide", 44: "Widest" };
  // "auto" follows the system's light or dark setting, also after another theme was tried.
  const THEMES = ["auto", "light", "sepia", "dark"];
  const FONTS = ["serif", "sans"];
  const LEADINGS = [1.4, 1.6, 1.8, 2];
  const LEADING_NAMES = { 1.4: "Tight", 1.6: "Normal", 1.8: "Loose", 2: "Loosest" };
  const ALIGNS = ["start", "justify"];
  const DEFAULTS = { theme: "auto", size: 19, width: 34, font: "serif", leading: 1.6, align: "start" };
  /** A table of contents is offered from this many section headings on. */
  const TOC_MIN_HEADINGS = 3;
  /** Reading times past this many minutes are "a very long read", not a number of hours. */
  const VERY_LONG_MINUTES = 5 * 60;
  const PER_SITE_NOTE =
    "These settings are remembered for this site only: a bookmarklet cannot share them between sites (the Pith extension can).";
  const NO_ARTICLE =
    "Pith found no article on this page. It works best on a single story, post or documentation page, not on a home page, a list of links or an app.";
  const SVG_NS = "http://www.w3.org/2000/svg";
  /** A lead image narrower than this (natural pixels) is a logo or an icon. */
  const MIN_LEAD_WIDTH = 200;
  /** Size marks at the end of an image's file name: -1024x683, _800w, @2x, -scaled, -large. */
  const SIZE_MARK = /(?:[-_@.](?:\d{2,5}x\d{2,5}|\d{2,5}w|\d(?:\.\d)?x|w\d{2,5}|h\d{2,5}|scaled|large|medium|small|thumb|thumbnail|full|original|hero|lead|crop(?:ped)?))$/;
  const GENERIC_NAMES = /^(?:image|img|photo|picture|pic|default|index|main|file|untitled|\d+)$/;

  // Inline SVG icons (24×24, stroked): path data only, drawn with DOM calls.
  const ICONS = {
    settings: ["M4 19 9 5l5 14", "M6 14h6", "M15.5 19l3.25-8.5L22 19", "M16.6 16.5h4.3"],
    markdown: ["M3 6h18v12H3z", "M6 15V9l2.5 3L11 9v6", "M15.5 9v6", "M13.5 13l2 2 2-2"],
    html: ["M8 8l-4 4 4 4", "M16 8l4 4-4 4", "M13.5 5l-3 14"],
    download: ["M12 4v11", "M7 10l5 5 5-5", "M5 20h14"],
    print: ["M7 9V4h10v5", "M7 17H4v-7h16v7h-3", "M7 14h10v6H7z"],
    close: ["M6 6l12 12", "M18 6L6 18"],
  };

  const CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 !important;
  width: auto !important;
  height: auto !important;
  max-width: none !important;
  max-height: none !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  display: block !important;
  z-index: 2147483647 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  overflow: hidden !important;
  background: transparent !important;
  color-scheme: light;
  pointer-events: auto !important;
}
:host::backdrop { background: transparent; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.pr-root {
  --bg: #fdfdfc; --fg: #1d1d1f; --muted: #5f5f66; --rule: #e3e2de; --link: #0b57b0;
  --bar: rgba(253, 253, 252, 0.94); --button: #f1f0ed; --button-hover: #e6e4df; --accent: #0b57b0;
  --code-bg: #f3f2ef; --mark: #fff1a8; --focus: #0b57b0;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", "Noto Serif", "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  --size: 19px; --measure: 34em; --face: var(--serif);
  position: absolute; inset: 0;
  background: var(--bg); color: var(--fg);
  font: 16px/1.5 var(--sans);
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
  animation: pr-in 140ms ease-out;
}
.pr-root[data-font="sans"] { --face: var(--sans); }
.pr-root[data-align="justify"] .pr-body p, .pr-root[data-align="justify"] .pr-body li { text-align: justify; }
.pr-root[data-theme="sepia"] {
  color-scheme: light;
  --bg: #f6efe1; --fg: #3b2f23; --muted: #6e5e4c; --rule: #e3d7c0; --link: #8a4b14;
  --bar: rgba(246, 239, 225, 0.94); --button: #ece2cd; --button-hover: #e2d5bb; --accent: #8a4b14;
  --code-bg: #efe5d1; --mark: #f3d98a; --focus: #8a4b14;
}
.pr-root[data-theme="dark"] {
  color-scheme: dark;
  --bg: #18181a; --fg: #e6e4df; --muted: #a3a19b; --rule: #34343a; --link: #8ab8ff;
  --bar: rgba(24, 24, 26, 0.94); --button: #2a2a2e; --button-hover: #35353a; --accent: #8ab8ff;
  --code-bg: #232327; --mark: #5c4b0f; --focus: #8ab8ff;
}
.pr-root.pr-pending { opacity: 0; animation: none; }
@keyframes pr-in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .pr-root { animation: none; } }

.pr-dialog {
  position: absolute; inset: 0;
  overflow: auto; overscroll-behavior: contain;
  outline: none;
  scrollbar-gutter: stable;
  scroll-padding-top: 72px; /* in-page links land below the sticky toolbar */
}

/* ---- toolbar ---- */
.pr-bar {
  position: sticky; top: 0; z-index: 2;
  display: flex; align-items: center; gap: 6px;
  padding: 8px 12px;
  background: var(--bar);
  border-bottom: 1px solid var(--rule);
  -webkit-backdrop-filter: blur(8px); backdrop-filter: blur(8px);
}
.pr-brand {
  display: flex; align-items: center; gap: 6px;
  margin-inline-end: auto; min-width: 0;
  font: 600 15px/1 var(--sans); color: var(--muted); letter-spacing: 0.01em;
  white-space: nowrap;
}
.pr-brand b { font: 700 20px/1 var(--serif); color: var(--fg); }
.pr-status { font: 13px/1.2 var(--sans); color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pr-actions { display: flex; align-items: center; gap: 4px; flex-wrap: nowrap; }
.pr-sep { width: 1px; height: 22px; background: var(--rule); margin: 0 4px; }
button {
  all: unset; box-sizing: border-box;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-height: 36px; min-width: 36px; padding: 6px 10px;
  border-radius: 8px;
  font: 500 14px/1 var(--sans); color: var(--fg);
  background: transparent;
  cursor: pointer; user-select: none; -webkit-user-select: none;
  white-space: nowrap;
}
button:hover { background: var(--button-hover); }
button:focus-visible, a:focus-visible, .pr-dialog :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button[aria-pressed="true"], button[aria-expanded="true"] { background: var(--button); box-shadow: inset 0 0 0 1.5px var(--accent); }
button:disabled { opacity: 0.45; cursor: default; background: transparent; }
button svg { width: 20px; height: 20px; flex: none; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
.pr-close { background: var(--button); }

/* ---- settings panel ----
 * A card under the settings button, one setting a row (label, then its controls), as Firefox
 * Reader View lays it out: six settings do not fit one row of a laptop screen, and a full-width
 * band that wraps to two rows at 1360 px read as an accident. Fixed, so opening it does not push
 * the article down; it scrolls itself when the window is short. */
.pr-panel {
  position: fixed; top: 53px; right: 16px; z-index: 3;
  display: flex; flex-direction: column; gap: 10px;
  width: max-content; max-width: calc(100% - 32px);
  max-height: calc(100% - 70px); overflow: auto; overscroll-behavior: contain;
  box-sizing: border-box;
  padding: 14px 16px;
  background: var(--bg);
  border: 1px solid var(--rule); border-radius: 12px;
  box-shadow: 0 10px 32px rgba(0, 0, 0, 0.18), 0 2px 6px rgba(0, 0, 0, 0.08);
  font: 14px/1.2 var(--sans);
}
.pr-group { display: flex; align-items: center; gap: 6px; }
.pr-group-label { color: var(--muted); width: 6.5em; flex: none; }
.pr-value { min-width: 5.5em; text-align: center; color: var(--muted); font-variant-numeric: tabular-nums; }
.pr-swatch { width: 14px; height: 14px; border-radius: 50%; border: 1px solid rgba(0,0,0,0.25); }
.pr-swatch[data-for="light"] { background: #fdfdfc; }
.pr-swatch[data-for="sepia"] { background: #f6efe1; }
.pr-swatch[data-for="dark"] { background: #18181a; border-color: rgba(255,255,255,0.35); }
.pr-face-serif { font-family: var(--serif); font-size: 16px; }
.pr-swatch[data-for="auto"] { background: linear-gradient(135deg, #fdfdfc 50%, #18181a 50%); }
.pr-note { max-width: 30em; margin: 0; color: var(--muted); font-size: 13px; line-height: 1.4; }
.pr-face-sans { font-family: var(--sans); font-size: 15px; }

/* ---- the article ---- */
.pr-page { padding: 40px 22px 72px; }
article {
  display: block;
  max-width: var(--measure); margin: 0 auto;
  font-family: var(--face); font-size: var(--size); line-height: var(--leading, 1.6);
  color: var(--fg);
  overflow-wrap: break-word;
  hyphens: auto; -webkit-hyphens: auto;
  font-kerning: normal;
}
.pr-head { margin-bottom: 1.6em; }
.pr-site { margin: 0 0 0.6em; font: 600 0.72em/1.3 var(--sans); letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
#pr-title { margin: 0; font-size: 1.9em; line-height: 1.18; font-weight: 700; letter-spacing: -0.01em; hyphens: manual; text-wrap: balance; }
.pr-meta { margin: 0.9em 0 0; font: 0.78em/1.5 var(--sans); color: var(--muted); }
.pr-dot { margin: 0 0.5em; }
.pr-lead { margin: 0 0 1.6em; }
/* An image that did not load: its alt text in a line, not an empty box of its size. */
article img.pr-broken {
  display: inline; aspect-ratio: auto !important; width: auto !important; height: auto !important;
  font: italic 0.8em/1.4 var(--sans); color: var(--muted);
}
.pr-lead img { width: auto; max-width: 100%; }
.pr-body > :first-child { margin-top: 0; }

article p, article ul, article ol, article dl, article blockquote, article figure, article pre, article table, article details, .pr-table { margin: 0 0 1.15em; }
article h1, article h2, article h3, article h4, article h5, article h6 {
  margin: 1.8em 0 0.55em; line-height: 1.25; font-weight: 700; hyphens: manual; text-wrap: balance;
}
.pr-body h1 { font-size: 1.5em; }
.pr-body h2 { font-size: 1.35em; }
.pr-body h3 { font-size: 1.15em; }
.pr-body h4, .pr-body h5, .pr-body h6 { font-size: 1em; }
.pr-body h5, .pr-body h6 { font-style: italic; font-weight: 600; }
article a { color: var(--link); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
article a:hover { text-decoration-thickness: 2px; }
article img { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 3px; }
article p img, article li img, article td img { display: inline-block; vertical-align: middle; }
article figure { margin-inline: 0; }
article figcaption, article caption { margin-top: 0.5em; font: 0.78em/1.45 var(--sans); color: var(--muted); text-align: start; }
article blockquote { margin-inline: 0; padding: 0.1em 0 0.1em 1.1em; border-inline-start: 3px solid var(--rule); color: var(--fg); font-style: italic; }
article blockquote > :last-child { margin-bottom: 0; }
article ul, article ol { padding-inline-start: 1.6em; }
article li + li { margin-top: 0.3em; }
article li > ul, article li > ol { margin: 0.3em 0 0; }
article hr { border: 0; border-top: 1px solid var(--rule); margin: 2em auto; width: 40%; }
article code, article kbd, article samp { font-family: var(--mono); font-size: 0.86em; }
article :not(pre) > code, article kbd { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
article kbd { box-shadow: inset 0 -1px 0 var(--rule); }
article pre {
  padding: 0.9em 1em; overflow-x: auto;
  background: var(--code-bg); border-radius: 6px; border: 1px solid var(--rule);
  font-family: var(--mono); font-size: 0.8em; line-height: 1.5;
  white-space: pre; hyphens: none; tab-size: 4;
}
article pre code { font-size: 1em; background: none; padding: 0; }
.pr-table { overflow-x: auto; max-width: 100%; }
article table { border-collapse: collapse; font: 0.82em/1.45 var(--sans); hyphens: none; }
.pr-table > table { margin: 0; }
article th, article td { padding: 0.45em 0.7em; border-bottom: 1px solid var(--rule); text-align: start; vertical-align: top; }
article thead th { border-bottom: 2px solid var(--muted); }
article mark { background: var(--mark); color: inherit; }
article sup, article sub { line-height: 0; }
article details { border: 1px solid var(--rule); border-radius: 6px; padding: 0.5em 0.9em; }
article summary { cursor: pointer; font-weight: 600; }
article dt { font-weight: 700; }
article dd { margin-inline-start: 1.4em; }
article abbr[title] { text-decoration: underline dotted; }
/* ---- table of contents: beside the article on wide screens, above it (folded) otherwise ---- */
.pr-toc { max-width: var(--measure); margin: 0 auto 1.6em; font: 14px/1.4 var(--sans); }
.pr-toc details { border: 1px solid var(--rule); border-radius: 8px; padding: 8px 12px; }
.pr-toc summary { cursor: pointer; font-weight: 600; color: var(--muted); }
.pr-toc ol { list-style: none; margin: 8px 0 0; padding: 0; }
.pr-toc li { margin: 0; }
.pr-toc a { display: block; padding: 4px 8px; border-radius: 6px; color: var(--fg); text-decoration: none; border-inline-start: 2px solid transparent; }
.pr-toc a:hover { background: var(--button-hover); }
.pr-toc a[aria-current="true"] { color: var(--accent); border-inline-start-color: var(--accent); font-weight: 600; }
.pr-toc [data-level="3"] a { padding-inline-start: 20px; }
.pr-toc [data-level="4"] a { padding-inline-start: 32px; font-size: 13px; }
@media (min-width: 1240px) {
  .pr-toc { position: fixed; top: 76px; left: 16px; width: 230px; max-height: calc(100vh - 96px); overflow: auto; margin: 0; }
  .pr-toc details { border: 0; padding: 0; }
}
.pr-foot { margin-top: 3em; padding-top: 1em; border-top: 1px solid var(--rule); font: 0.75em/1.5 var(--sans); color: var(--muted); }
.pr-foot a { color: var(--muted); overflow-wrap: anywhere; }
.pr-message { text-align: center; padding-top: 10vh; }
.pr-message #pr-title { font-size: 1.5em; }
.pr-message p { font: 1em/1.6 var(--sans); color: var(--fg); max-width: 34em; margin: 1em auto 0; }
.pr-message .pr-message-action {
  font: 600 0.9em/1 var(--sans); color: var(--fg); background: var(--button);
  border: 1px solid var(--rule); border-radius: 8px; padding: 0.7em 1.3em; margin-top: 0.5em; cursor: pointer;
}
.pr-message .pr-message-action:hover { background: var(--button-hover); }
.pr-message .pr-message-action:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }

/* ---- narrow windows: icons only ---- */
@media (max-width: 760px) {
  .pr-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  button { padding: 6px 8px; }
  .pr-status { display: none; }
  .pr-page { padding: 24px 18px 56px; }
  #pr-title { font-size: 1.6em; }
  .pr-panel { left: 8px; right: 8px; width: auto; max-width: none; }
  .pr-group { flex-wrap: wrap; }
  .pr-group-label { width: 100%; }
}
@media (max-width: 400px) {
  .pr-brand span { display: none; }
  .pr-sep { display: none; }
  .pr-actions { gap: 0; }
}

/* ---- print: the article alone, black ink on white, whatever the theme ---- */
@media print {
  :host {
    position: absolute !important; inset: auto !important;
    top: 0 !important; left: 0 !important; right: 0 !important;
    height: auto !important; overflow: visible !important;
  }
  /* [data-theme] too: the theme rules above are more specific than .pr-root alone. */
  .pr-root, .pr-root[data-theme] {
    position: static; animation: none; opacity: 1; color-scheme: light;
    --bg: #fff; --fg: #000; --muted: #333; --rule: #bbb; --link: #000; --code-bg: #f4f4f4; --mark: #ffef9e;
    background: #fff; color: #000;
  }
  /* Links keep their text and say where they go, as Firefox Reader View prints them. */
  article a[href^="http"]:not(:has(img))::after {
    content: " (" attr(href) ")";
    font: 0.8em/1.4 var(--sans); color: #333; overflow-wrap: anywhere;
  }
  .pr-foot a::after, .pr-toc { display: none !important; }
  .pr-dialog { position: static; overflow: visible; height: auto; }
  .pr-bar, .pr-panel, .pr-status { display: none !important; }
  .pr-page { padding: 0; }
  article { max-width: none; font-size: 11.5pt; }
  article a { text-decoration: none; }
  article pre { white-space: pre-wrap; overflow: visible; }
  .pr-table { overflow: visible; }
  article img, article figure, article pre, article blockquote, article tr { break-inside: avoid; }
  article img { max-height: 11cm; object-fit: contain; object-position: left top; }
  article h1, article h2, article h3, article h4 { break-after: avoid; }
}
`;

  /**
   * Applied to the page's document while the overlay is open: the page's scrolling is locked
   * (on the root only: `overflow: hidden` on <body> would make it a scroll container and move
   * the page's sticky elements), without a layout change (the scrollbar's room is kept, and
   * scroll anchoring is off, so nothing reflows and the page does not move under the reader);
   * in print, only the overlay shows.
   */
  function pageCss() {
    const root = pageDoc.root();
    const hadScrollbar = window.innerWidth - root.clientWidth > 0;
    return `
@media screen {
  html { overflow: hidden !important; overscroll-behavior: none !important;${hadScrollbar ? " scrollbar-gutter: stable !important;" : ""} }
  html, body { overflow-anchor: none !important; }
}
@page { margin: 18mm 16mm; }
@media print {
  html > :not(#${HOST_ID}) { display: none !important; }
  html { background: #fff !important; overflow: visible !important; height: auto !important; }
}
`;
  }

  /** The open overlay, or null. */
  let state = null;

  // ------------------------------------------------------------------------------------
  // API

  function show(article, options) {
    const opts = options || {};
    if (!isArticle(article, opts.minWords)) return message(NO_ARTICLE, { ...opts, title: "No article here" });
    const s = open(opts);
    renderArticle(s, article, opts);
    return s.ready;
  }

  function message(text, options) {
    const opts = options || {};
    const s = open(opts);
    renderMessage(s, String(text == null ? "" : text), opts.title ? String(opts.title) : "Pith", opts.action);
    return s.ready;
  }

  function close() {
    const s = state;
    if (!s) return false;
    state = null;
    for (const [target, type, fn, capture] of s.listeners) target.removeEventListener(type, fn, capture);
    for (const t of s.timers) clearTimeout(t);
    if (s.observer) s.observer.disconnect();
    try {
      if (s.host.matches(":popover-open")) s.host.hidePopover();
    } catch (_) {
      /* no Popover API */
    }
    s.host.remove();
    removePageSheet(s);
    // The page did not move (its scrolling was only locked), but a page script may have
    // scrolled it meanwhile: put it back where the reader found it.
    if (window.scrollX !== s.scrollX || window.scrollY !== s.scrollY) {
      window.scrollTo({ left: s.scrollX, top: s.scrollY, behavior: "instant" });
    }
    const f = s.focus;
    if (f && f.isConnected && typeof f.focus === "function" && f !== pageDoc.body()) {
      try {
        f.focus({ preventScroll: true });
      } catch (_) {
        /* not focusable any more */
      }
    }
    if (typeof s.onClose === "function") {
      try {
        s.onClose();
      } catch (err) {
        console.error("Pith reader: onClose failed", err);
      }
    }
    return true;
  }

  function isOpen() {
    if (state && !state.host.isConnected) close();
    return state !== null;
  }

  // ------------------------------------------------------------------------------------
  // The overlay

  function open(opts) {
    if (state && !state.host.isConnected) close();
    if (state) {
      if ("onClose" in opts) state.onClose = opts.onClose;
      state.opts = opts;
      return state;
    }
    const s = {
      opts,
      onClose: opts.onClose,
      storage: opts.storage || pageStorage(),
      focus: deepActiveElement(),
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      listeners: [],
      timers: [],
      settings: { ...DEFAULTS },
      article: null,
      ready: null,
    };

    const host = pageDoc.create("div");
    host.id = HOST_ID;
    const root = host.attachShadow({ mode: opts.closed === true ? "closed" : "open" });
    s.host = host;
    s.root = root;
    adoptStyles(root, CSS);

    // The controls speak English, left to right, whatever the page's language and direction
    // (the article sets its own).
    const shell = el("div", { class: "pr-root", lang: "en", dir: "ltr" });
    const dialog = el("div", {
      class: "pr-dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "pr-title",
      tabindex: "-1",
    });
    shell.append(dialog);
    root.append(shell);
    s.shell = shell;
    s.dialog = dialog;

    buildToolbar(s);
    buildPanel(s);
    s.page = el("div", { class: "pr-page" });
    dialog.append(s.bar, s.panel, s.page);

    pageDoc.root().append(host);
    try {
      // The top layer: above the page's own modal dialogs and z-index games.
      host.popover = "manual";
      host.showPopover();
    } catch (_) {
      host.removeAttribute("popover");
    }
    addPageSheet(s);
    state = s;

    on(s, window, "keydown", (e) => onKey(s, e), true);
    on(s, window, "keyup", stopInside, true);
    on(s, window, "keypress", stopInside, true);
    on(s, document, "focusin", (e) => {
      if (state === s && e.target !== host) focusDialog(s);
    }, true);
    on(s, dialog, "click", (e) => onDialogClick(s, e), false);
    // A page script that removes the overlay (a single-page app re-rendering <html>) must not
    // leave the page locked and its keys swallowed: clean up as if closed.
    try {
      s.observer = new MutationObserver(() => {
        if (state === s && !host.isConnected) close();
      });
      s.observer.observe(pageDoc.root(), { childList: true });
    } catch (_) {
      s.observer = null;
    }

    // While the theme is "auto", a change of the system's setting shows at once.
    try {
      const dark = window.matchMedia("(prefers-color-scheme: dark)");
      on(s, dark, "change", () => {
        if (state === s && s.settings.theme === "auto") applySettings(s);
      }, false);
    } catch (_) {
      /* no matchMedia */
    }
    s.ready = loadSettings(s);
    focusDialog(s);
    return s;
  }

  function buildToolbar(s) {
    const bar = el("div", { class: "pr-bar" });
    const brand = el("div", { class: "pr-brand" });
    brand.append(el("b", { "aria-hidden": "true" }, "¶"), el("span", {}, "Pith"));
    s.status = el("span", { class: "pr-status", role: "status", "aria-live": "polite" });
    brand.append(s.status);

    const actions = el("div", { class: "pr-actions", role: "toolbar", "aria-label": "Reader" });
    s.settingsButton = iconButton("settings", "Text and theme", "Text and theme settings", { "aria-expanded": "false", "aria-controls": "pr-panel", "data-action": "settings" });
    s.copyMd = iconButton("markdown", "Copy Markdown", "Copy as Markdown", { "data-action": "copy-markdown" });
    s.copyHtml = iconButton("html", "Copy HTML", "Copy as HTML", { "data-action": "copy-html" });
    s.download = iconButton("download", "Download .md", "Download as a Markdown file", { "data-action": "download" });
    s.print = iconButton("print", "Print", "Print the article", { "data-action": "print" });
    const closeButton = iconButton("close", "Close", "Close the reader view (Esc)", { "data-action": "close", class: "pr-close" });
    s.articleActions = [s.copyMd, s.copyHtml, s.download, s.print];
    s.sep = el("span", { class: "pr-sep", "aria-hidden": "true" });
    actions.append(s.settingsButton, s.sep, ...s.articleActions, closeButton);
    bar.append(brand, actions);
    s.bar = bar;
  }

  function buildPanel(s) {
    const panel = el("div", { class: "pr-panel", id: "pr-panel", role: "group", "aria-label": "Text and theme settings", hidden: "" });

    const theme = group("Theme");
    s.themeButtons = THEMES.map((t) => {
      const b = el("button", { type: "button", "data-action": "theme", "data-value": t, "aria-pressed": "false", "aria-label": `${cap(t)} theme` });
      b.append(el("span", { class: "pr-swatch", "data-for": t, "aria-hidden": "true" }), el("span", {}, cap(t)));
      if (t === "auto") {
        b.setAttribute("aria-label", "Automatic theme: light or dark as the system is set");
        b.title = "Light or dark, following the system";
      }
      return b;
    });
    theme.append(...s.themeButtons);

    let size, width, leading;
    [size, s.smaller, s.sizeValue, s.larger] = stepper("Text size", ["smaller", "Smaller text", "A−"], ["larger", "Larger text", "A+"]);
    s.larger.style.fontSize = "18px";
    [width, s.narrower, s.widthValue, s.wider] = stepper("Line width", ["narrower", "Narrower lines", "→←"], ["wider", "Wider lines", "←→"]);

    const font = group("Font");
    s.fontButtons = FONTS.map((f) =>
      el("button", { type: "button", class: `pr-face-${f}`, "data-action": "font", "data-value": f, "aria-pressed": "false", "aria-label": f === "serif" ? "Serif font" : "Sans-serif font" }, f === "serif" ? "Serif" : "Sans"),
    );
    font.append(...s.fontButtons);

    [leading, s.tighter, s.leadingValue, s.looser] = stepper("Line height", ["tighter", "Less space between lines", "☰−"], ["looser", "More space between lines", "☰+"]);

    const align = group("Alignment");
    s.alignButtons = ALIGNS.map((a) =>
      el("button", { type: "button", "data-action": "align", "data-value": a, "aria-pressed": "false", "aria-label": a === "start" ? "Ragged lines" : "Justified lines" }, a === "start" ? "Ragged" : "Justified"),
    );
    align.append(...s.alignButtons);

    s.note = el("p", { class: "pr-note", role: "note", hidden: "" }, PER_SITE_NOTE);
    panel.append(theme, size, width, leading, align, font, s.note);
    s.panel = panel;

    function group(label) {
      const g = el("div", { class: "pr-group", role: "group", "aria-label": label });
      g.append(el("span", { class: "pr-group-label", "aria-hidden": "true" }, label));
      return g;
    }

    /** A group of "less", the current value, "more": [group, less, value, more]. Each button is
     * [data-action, aria-label, text]. */
    function stepper(label, less, more) {
      const g = group(label);
      const button = ([action, name, text]) => el("button", { type: "button", "data-action": action, "aria-label": name }, text);
      const parts = [button(less), el("span", { class: "pr-value", "aria-live": "polite" }), button(more)];
      g.append(...parts);
      return [g, ...parts];
    }
  }

  function iconButton(icon, label, longLabel, attrs) {
    const b = el("button", { type: "button", "aria-label": longLabel, title: longLabel, ...attrs });
    b.append(svgIcon(icon), el("span", { class: "pr-label", "aria-hidden": "true" }, label));
    return b;
  }

  function svgIcon(name) {
    const svg = pageDoc.createNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    for (const d of ICONS[name]) {
      const p = pageDoc.createNS(SVG_NS, "path");
      p.setAttribute("d", d);
      svg.append(p);
    }
    return svg;
  }

  // ------------------------------------------------------------------------------------
  // Content

  function renderArticle(s, a, opts) {
    s.article = a;
    s.mode = "article";
    const base = a.url || opts.sourceUrl || pageDoc.baseURI();
    s.base = base;
    const art = el("article", { class: "pr-article" });
    art.lang = a.lang ? String(a.lang) : pageDoc.root().lang || "";
    art.dir = a.dir === "rtl" || a.dir === "ltr" ? a.dir : pageDirection();

    const head = el("header", { class: "pr-head" });
    if (a.siteName) head.append(el("p", { class: "pr-site" }, String(a.siteName)));
    head.append(el("h1", { id: "pr-title" }, a.title ? String(a.title) : "Untitled"));
    const items = [];
    if (a.byline) items.push(el("span", { class: "pr-byline" }, String(a.byline)));
    if (a.published) items.push(el("time", { datetime: String(a.published) }, formatDate(String(a.published), a.lang)));
    if (a.readingMinutes) items.push(el("span", { class: "pr-minutes", lang: "en", dir: "ltr" }, readingTime(a.readingMinutes, a.wordCount)));
    if (items.length) {
      // Separators between the items, not inside them: an item in the other direction (the
      // English "min read" in an Arabic article) would carry its dot to the wrong side.
      const meta = el("p", { class: "pr-meta" });
      items.forEach((item, i) => {
        if (i > 0) meta.append(el("span", { class: "pr-dot", "aria-hidden": "true" }, "·"));
        meta.append(item);
      });
      head.append(meta);
    }
    art.append(head);

    const body = el("div", { class: "pr-body" });
    body.append(safeFragment(a, base));
    // `error` does not bubble, but it can be caught on the way down.
    body.addEventListener(
      "error",
      (e) => {
        const t = e.target;
        if (t instanceof Element && t.localName === "img") t.classList.add("pr-broken");
      },
      true,
    );
    tidyPictures(body);
    const image = a.image ? safeUrl(String(a.image), base, true) : null;
    if (image && !hasImage(body, image) && !opensWithPicture(body)) {
      const fig = el("figure", { class: "pr-lead" });
      const img = el("img", { src: image, alt: "", decoding: "async" });
      // A lead image that does not load is decoration lost, not a hole at the top; one
      // smaller than an icon is the site's logo or favicon, not the story's picture.
      img.addEventListener("error", () => fig.remove(), { once: true });
      img.addEventListener("load", () => {
        if (img.naturalWidth > 0 && img.naturalWidth < MIN_LEAD_WIDTH) fig.remove();
      }, { once: true });
      fig.append(img);
      art.append(fig);
    }
    art.append(body);

    const source = a.url || opts.sourceUrl;
    const sourceHref = source ? safeUrl(String(source), null, false) : null;
    if (sourceHref) {
      const foot = el("footer", { class: "pr-foot", lang: "en", dir: "ltr" });
      foot.append("Source: ", el("a", { href: sourceHref, target: "_blank", rel: "noopener noreferrer" }, displayUrl(sourceHref)));
      art.append(foot);
    }

    const toc = contents(s, body);
    s.page.replaceChildren(...(toc ? [toc, art] : [art]));
    for (const b of s.articleActions) b.hidden = false;
    s.copyMd.disabled = s.download.disabled = !markdownOf(a);
    s.sep.hidden = false;
    s.dialog.scrollTop = 0;
  }

  /**
   * The table of contents of a long article (TOC_MIN_HEADINGS section headings or more):
   * a foldable list of links to the headings, the one being read marked as the reader
   * scrolls. Null for shorter articles.
   */
  function contents(s, body) {
    const headings = [...body.querySelectorAll("h2, h3, h4")].filter((h) => h.textContent.trim());
    if (headings.length < TOC_MIN_HEADINGS) return null;
    const nav = el("nav", { class: "pr-toc", "aria-label": "Contents", lang: "en", dir: "ltr" });
    const details = el("details", {});
    // Open beside the article on a wide screen; folded above it otherwise.
    if (window.matchMedia && window.matchMedia("(min-width: 1240px)").matches) details.open = true;
    details.append(el("summary", {}, "Contents"));
    const list = el("ol", {});
    const links = headings.map((h, i) => {
      if (!h.id) h.id = `pith-h-${i + 1}`;
      const li = el("li", { "data-level": h.localName.slice(1) });
      const link = el("a", { href: `#${h.id}` }, h.textContent.replace(/\s+/g, " ").trim());
      // The article's language for the heading's text; the list's frame stays English.
      if (body.closest("article") && body.closest("article").lang) link.lang = body.closest("article").lang;
      li.append(link);
      list.append(li);
      return link;
    });
    details.append(list);
    nav.append(details);
    let pending = false;
    const mark = () => {
      pending = false;
      if (state !== s) return;
      // A heading a link scrolled to sits below the toolbar (scroll-padding-top): it counts.
      const top = s.bar.getBoundingClientRect().bottom + 48;
      let current = 0;
      headings.forEach((h, i) => {
        if (h.getBoundingClientRect().top <= top) current = i;
      });
      links.forEach((l, i) => {
        if (i === current) l.setAttribute("aria-current", "true");
        else l.removeAttribute("aria-current");
      });
    };
    on(s, s.dialog, "scroll", () => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(mark);
      }
    }, false);
    requestAnimationFrame(mark);
    return nav;
  }

  function renderMessage(s, text, title, action) {
    s.article = null;
    s.mode = "message";
    s.messageAction = null;
    const art = el("article", { class: "pr-article pr-message" });
    art.append(el("h1", { id: "pr-title" }, title));
    for (const para of text.split(/\n\s*\n/)) if (para.trim()) art.append(el("p", {}, para.trim()));
    if (action && typeof action.run === "function") {
      s.messageAction = action.run;
      const label = String(action.label || "Continue");
      const line = el("p", {});
      line.append(el("button", { type: "button", class: "pr-message-action", "data-action": "message-action" }, label));
      art.append(line);
    }
    s.page.replaceChildren(art);
    for (const b of s.articleActions) b.hidden = true;
    s.sep.hidden = false;
    s.dialog.scrollTop = 0;
  }

  /** The page's own direction, for an article that does not say. */
  function pageDirection() {
    try {
      return getComputedStyle(pageDoc.body() || pageDoc.root()).direction === "rtl" ? "rtl" : "ltr";
    } catch (_) {
      return "ltr";
    }
  }

  /** Enough of an article to be worth a reader view? */
  function isArticle(a, minWords) {
    if (!a || typeof a !== "object") return false;
    const min = typeof minWords === "number" ? minWords : MIN_WORDS;
    const html = typeof a.contentHtml === "string" ? a.contentHtml.trim() : "";
    const text = typeof a.text === "string" ? a.text.trim() : "";
    if (!html && !text) return false;
    const words = typeof a.wordCount === "number" ? a.wordCount : text.split(/\s+/).filter(Boolean).length;
    return words >= min;
  }

  /**
   * The article body as nodes of this document. The core already sanitized it; this is a
   * second line of defence: parse it in an inert document (DOMParser runs no scripts and
   * loads nothing), drop anything active, make URLs absolute, then adopt the nodes.
   */
  function safeFragment(a, base) {
    const fragment = pageDoc.fragment();
    let inert = null;
    if (typeof a.contentHtml === "string" && a.contentHtml.trim()) inert = parseInert(`<!doctype html><body>${a.contentHtml}`);
    if (!inert) {
      for (const para of String(a.text || "").split(/\n\s*\n/)) if (para.trim()) fragment.append(el("p", {}, para.trim()));
      return fragment;
    }
    const body = inert.body;
    body
      .querySelectorAll("script, style, link, meta, base, iframe, frame, frameset, object, embed, applet, form, input, button, select, textarea, template, noscript, svg, math, portal, dialog")
      .forEach((n) => n.remove());
    for (const node of body.querySelectorAll("*")) {
      for (const { name, value } of [...node.attributes]) {
        const n = name.toLowerCase();
        if (n.startsWith("on") || n === "style" || n === "srcdoc" || n === "formaction" || n === "action" || n === "target" || n === "ping" || n === "popover" || n === "tabindex" || n === "autofocus" || n.includes(":")) {
          node.removeAttribute(name);
        } else if (n === "id") {
          if (!value.startsWith("pith-")) node.removeAttribute(name);
        } else if (n === "class") {
          const kept = value.split(/\s+/).filter((c) => c && !c.startsWith("pr-"));
          if (kept.length) node.setAttribute(name, kept.join(" "));
          else node.removeAttribute(name);
        } else if (n === "href" || n === "src" || n === "poster" || n === "cite" || n === "background" || n === "data" || n === "xlink:href") {
          const isHref = n === "href" || n === "cite";
          const safe = safeUrl(value, base, !isHref);
          if (safe === null) node.removeAttribute(name);
          else node.setAttribute(name, safe);
        } else if (n === "srcset") {
          const set = value
            .split(",")
            .map((c) => c.trim().split(/\s+/))
            .map(([u, d]) => [safeUrl(u || "", base, true), d])
            .filter(([u]) => u && !u.startsWith("data:"))
            .map(([u, d]) => (d ? `${u} ${d}` : u))
            .join(", ");
          if (set) node.setAttribute(name, set);
          else node.removeAttribute(name);
        }
      }
      const tag = node.localName;
      if (tag === "a" && node.hasAttribute("href") && !node.getAttribute("href").startsWith("#")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer");
      } else if (tag === "img") {
        node.setAttribute("loading", "lazy");
        node.setAttribute("decoding", "async");
      }
    }
    // Wide tables scroll on their own instead of widening the page.
    for (const table of body.querySelectorAll("table")) {
      if (table.parentElement && table.parentElement.closest("table")) continue;
      const wrap = inert.createElement("div");
      wrap.className = "pr-table";
      wrap.setAttribute("role", "region");
      wrap.setAttribute("tabindex", "0");
      const caption = table.querySelector("caption");
      wrap.setAttribute("aria-label", caption && caption.textContent.trim() ? caption.textContent.trim().slice(0, 80) : "Table");
      table.replaceWith(wrap);
      wrap.append(table);
    }
    for (const pre of body.querySelectorAll("pre")) pre.setAttribute("tabindex", "0");
    formulas(body);
    for (const node of [...body.childNodes]) fragment.append(pageDoc.adopt(node));
    return fragment;
  }

  /**
   * Formulas (`<code class="language-math">`, TeX) read as the core's text and Markdown give
   * them: the page's own TeX between dollars, and a formula whose TeX the core wrote from
   * MathML as the page showed it (`data-shown`), its TeX kept as a tooltip.
   */
  function formulas(root) {
    for (const code of root.querySelectorAll("code.language-math")) {
      const tex = code.textContent.trim();
      const shown = code.getAttribute("data-shown");
      const display = code.parentElement && code.parentElement.localName === "pre";
      if (shown) {
        code.textContent = shown;
        code.title = tex;
      } else {
        code.textContent = display ? `$$\n${tex}\n$$` : `$${tex}$`;
      }
    }
  }

  /**
   * An inert document parsed from `html`, or null. Pages that enforce Trusted Types refuse a
   * plain string: then it goes through a policy of our own, made only when needed (a page
   * whose CSP does not allow that policy's name refuses it too: the caller falls back to the
   * article's plain text).
   */
  let policy;
  function parseInert(html) {
    try {
      return new DOMParser().parseFromString(html, "text/html");
    } catch (_) {
      /* Trusted Types: try again with a policy */
    }
    if (policy === undefined) {
      policy = null;
      try {
        if (globalThis.trustedTypes) policy = globalThis.trustedTypes.createPolicy("pith-reader", { createHTML: (x) => x });
      } catch (_) {
        policy = null;
      }
    }
    if (!policy) return null;
    try {
      return new DOMParser().parseFromString(policy.createHTML(html), "text/html");
    } catch (_) {
      return null;
    }
  }

  /**
   * An absolute, harmless URL, or null: http(s) (and mailto/tel links, in-page #fragments),
   * raster data: images for media.
   */
  function safeUrl(value, base, media) {
    const v = String(value).trim();
    if (!v) return null;
    if (v.startsWith("#")) return media ? null : v;
    let url;
    try {
      url = base ? new URL(v, base) : new URL(v);
    } catch (_) {
      return null;
    }
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    if (!media && (url.protocol === "mailto:" || url.protocol === "tel:")) return url.href;
    if (media && url.protocol === "data:" && /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(v)) return v;
    return null;
  }

  // ------------------------------------------------------------------------------------
  // Pictures: each shown once, never larger than it is

  function hasImage(body, url) {
    const key = imageKey(url);
    const name = pictureName(url);
    for (const img of body.querySelectorAll("img")) {
      const urls = imageUrls(img);
      if (urls.some((u) => imageKey(u) === key || (name && pictureName(u) === name))) return true;
    }
    return false;
  }

  function imageUrls(img) {
    const urls = [img.getAttribute("src") || ""];
    for (const c of (img.getAttribute("srcset") || "").split(",")) urls.push(c.trim().split(/\s+/)[0] || "");
    return urls.filter(Boolean);
  }

  function imageKey(u) {
    return u.split("#")[0].split("?")[0].replace(/^https?:/, "");
  }

  /**
   * A picture's name across the sizes and CDN paths a site serves it at: the file name,
   * lowercased, without extension and without the size marks CMSs append
   * ("lead-photo-1024x683.jpg", "lead-photo@2x.jpg", "lead-photo-scaled.jpg" are one picture).
   * Null for names too short or too generic to tell pictures apart ("1.jpg", "image.png").
   */
  function pictureName(u) {
    let path;
    try {
      path = new URL(u, "http://x/").pathname;
    } catch (_) {
      return null;
    }
    let name = decodeURIComponentSafe(path.split("/").filter(Boolean).pop() || "").toLowerCase();
    name = name.replace(/\.(jpe?g|png|gif|webp|avif|jxl|bmp|tiff?)$/, "");
    let before;
    do {
      before = name;
      name = name.replace(SIZE_MARK, "");
    } while (name !== before);
    return name.length >= 6 && !GENERIC_NAMES.test(name) ? name : null;
  }

  /** Does the body open with a picture, before any text? (Then a lead image would repeat it.) */
  function opensWithPicture(body) {
    const walker = pageDoc.walker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (n.nodeValue.trim()) return false;
      } else if (n.localName === "img") {
        return true;
      }
    }
    return false;
  }

  /**
   * The body's pictures as a reader should see them: the same picture twice in a row (no text
   * between them but a caption: a page's lead photo repeated at another size) is shown once,
   * and none is ever scaled up past its natural size (pages set width attributes larger than
   * the file, for high-density screens the file does not serve).
   */
  function tidyPictures(body) {
    let last = null; // [key, name] of the last picture since text was seen
    const walker = pageDoc.walker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const repeats = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (n.nodeValue.trim() && !(n.parentElement && n.parentElement.closest("figcaption, picture"))) last = null;
        continue;
      }
      if (n.localName !== "img") continue;
      const urls = imageUrls(n);
      const keys = urls.map(imageKey);
      const names = urls.map(pictureName).filter(Boolean);
      if (last && (keys.some((k) => last.keys.includes(k)) || names.some((x) => last.names.includes(x)))) {
        repeats.push(n);
        continue;
      }
      last = { keys, names };
      watchSize(n);
    }
    for (const img of repeats) {
      // The repeat's figure goes with it, caption and all, when the picture was all it held.
      const fig = img.closest("figure, picture");
      const holder = fig && body.contains(fig) && fig.querySelectorAll("img").length === 1 ? fig : img;
      const link = holder.parentElement && holder.parentElement.localName === "a" && holder.parentElement.textContent.trim() === "" ? holder.parentElement : holder;
      link.remove();
    }
  }

  function watchSize(img) {
    const cap = () => {
      if (img.naturalWidth > 0) img.style.maxWidth = `min(100%, ${img.naturalWidth}px)`;
    };
    if (img.complete) cap();
    else img.addEventListener("load", cap, { once: true });
  }

  /**
   * "4 min read", "1 h 20 min read", "a very long read" (past VERY_LONG_MINUTES: a number of
   * hours is no reading time), with the word count when known ("12,345 words").
   */
  function readingTime(minutes, words) {
    const n = (v) => new Intl.NumberFormat("en").format(v);
    let time;
    if (minutes > VERY_LONG_MINUTES) time = "a very long read";
    else if (minutes >= 60) time = `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""} read`;
    else time = `${minutes} min read`;
    return typeof words === "number" && words > 0 ? `${time} (${n(words)} ${words === 1 ? "word" : "words"})` : time;
  }

  function displayUrl(href) {
    try {
      const u = new URL(href);
      const s = u.host + (u.pathname === "/" ? "" : u.pathname) + u.search;
      return s.length > 90 ? s.slice(0, 87) + "…" : s;
    } catch (_) {
      return href;
    }
  }

  /**
   * The date as written on the page (no time zone conversion: a story published at 06:00 in
   * its city says 06:00), in the article's language when the browser knows it.
   */
  function formatDate(iso, lang) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
    if (!m) return iso;
    const [, y, mo, d, h, mi] = m;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h || 0), Number(mi || 0)));
    if (Number.isNaN(date.getTime())) return iso;
    const withTime = h !== undefined && !(h === "00" && mi === "00");
    const style = { dateStyle: "long", timeZone: "UTC", ...(withTime ? { timeStyle: "short" } : {}) };
    for (const locale of [lang || undefined, undefined]) {
      try {
        return new Intl.DateTimeFormat(locale, style).format(date);
      } catch (_) {
        /* unknown or malformed language tag: try the browser's */
      }
    }
    return iso;
  }

  // ------------------------------------------------------------------------------------
  // Actions

  function onDialogClick(s, e) {
    const path = e.composedPath();
    // The settings card floats over the article: a click anywhere else puts it away, as a
    // popup menu would (the click still does what it was for).
    if (!s.panel.hidden && !path.includes(s.panel) && !path.includes(s.settingsButton)) togglePanel(s, false);
    const button = path.find((n) => n instanceof Element && n.localName === "button" && n.dataset.action);
    if (button) {
      const action = button.dataset.action;
      const value = button.dataset.value;
      switch (action) {
        case "close":
          close();
          return;
        case "settings":
          togglePanel(s);
          return;
        case "theme":
          return update(s, { theme: value });
        case "font":
          return update(s, { font: value });
        case "align":
          return update(s, { align: value });
        case "tighter":
          return update(s, { leading: step(LEADINGS, s.settings.leading, -1) });
        case "looser":
          return update(s, { leading: step(LEADINGS, s.settings.leading, +1) });
        case "smaller":
          return update(s, { size: step(SIZES, s.settings.size, -1) });
        case "larger":
          return update(s, { size: step(SIZES, s.settings.size, +1) });
        case "narrower":
          return update(s, { width: step(WIDTHS, s.settings.width, -1) });
        case "wider":
          return update(s, { width: step(WIDTHS, s.settings.width, +1) });
        case "copy-markdown":
          copy(s, { text: markdownDoc(s.article) }, "Markdown copied");
          return;
        case "copy-html":
          copy(s, { text: htmlDoc(s.article, s.page), html: htmlDoc(s.article, s.page), plain: plainDoc(s.article) }, "HTML copied");
          return;
        case "download":
          download(s);
          return;
        case "print":
          print(s);
          return;
        case "message-action": {
          const run = s.messageAction;
          s.messageAction = null;
          if (run) {
            button.disabled = true;
            Promise.resolve()
              .then(run)
              .catch((err) => console.error("Pith reader: the message's action failed", err));
          }
          return;
        }
      }
    }
    // In-page links (#pith-…) scroll inside the overlay; the page's URL stays as it is.
    const link = path.find((n) => n instanceof Element && n.localName === "a");
    if (link) {
      const href = link.getAttribute("href") || "";
      if (href.startsWith("#")) {
        e.preventDefault();
        const target = href.length > 1 ? s.root.getElementById(decodeURIComponentSafe(href.slice(1))) : null;
        if (target) target.scrollIntoView({ block: "start" });
      }
    }
  }

  function togglePanel(s, force) {
    const openIt = force === undefined ? s.panel.hidden : force;
    s.panel.hidden = !openIt;
    s.settingsButton.setAttribute("aria-expanded", String(openIt));
    if (openIt) {
      s.panel.style.top = `${s.bar.getBoundingClientRect().bottom + 6}px`;
      if (s.opts.perSite && !s.settings.told) {
        // Said once: the next time the panel opens, the note is gone.
        s.note.hidden = false;
        update(s, { told: true });
      }
      const pressed = s.panel.querySelector('[aria-pressed="true"]');
      (pressed || s.panel.querySelector("button")).focus();
    }
  }

  function step(list, current, dir) {
    let i = list.indexOf(current);
    if (i < 0) i = list.findIndex((v) => v >= current);
    if (i < 0) i = list.length - 1;
    return list[Math.max(0, Math.min(list.length - 1, i + dir))];
  }

  async function copy(s, { text, html, plain }, done) {
    if (!s.article) return;
    let ok = false;
    try {
      if (html && typeof ClipboardItem === "function" && navigator.clipboard && navigator.clipboard.write) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([html], { type: "text/html" }),
            "text/plain": new Blob([plain || text], { type: "text/plain" }),
          }),
        ]);
        ok = true;
      } else if (navigator.clipboard && navigator.clipboard.writeText) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch (_) {
      ok = false;
    }
    // No async clipboard (a plain-http page, a frame without the permission): the copy
    // event, which takes both types in every browser.
    if (!ok) ok = copyWithEvent(html ? { html, plain: plain || text } : { plain: text });
    say(s, ok ? done : "Copying failed: your browser refused access to the clipboard");
  }

  function copyWithEvent({ html, plain }) {
    let done = false;
    const onCopy = (e) => {
      e.stopImmediatePropagation();
      e.preventDefault();
      if (html) e.clipboardData.setData("text/html", html);
      e.clipboardData.setData("text/plain", plain);
      done = true;
    };
    window.addEventListener("copy", onCopy, true);
    try {
      pageDoc.exec("copy");
    } catch (_) {
      done = false;
    } finally {
      window.removeEventListener("copy", onCopy, true);
    }
    return done;
  }

  function download(s) {
    const a = s.article;
    const md = markdownDoc(a);
    if (!a || !md) return;
    const blob = new Blob([md], { type: "text/markdown;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: `${slugify(a.title || "") || "article"}.md`, hidden: "" });
    s.root.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(s, "Download started");
  }

  function print(s) {
    togglePanel(s, false);
    // The document sheet hides the page and the shadow sheet the toolbar (@media print).
    try {
      window.print();
    } catch (_) {
      say(s, "This page does not allow printing");
    }
  }

  function say(s, text) {
    s.status.textContent = text;
    s.timers.push(
      setTimeout(() => {
        if (s.status.textContent === text) s.status.textContent = "";
      }, 3000),
    );
  }

  function markdownOf(a) {
    return a && typeof a.markdown === "string" && a.markdown.trim() ? a.markdown : "";
  }

  /**
   * The Markdown file to copy or download: the core's document (title, byline, date, source,
   * body: `markdownDocument()` in pith.js, which the caller puts on the article), else the
   * bare body.
   */
  function markdownDoc(a) {
    if (a && typeof a.markdownDocument === "string" && a.markdownDocument.trim()) return a.markdownDocument;
    const body = markdownOf(a).trim();
    return body ? body + "\n" : "";
  }

  /** The article as an HTML fragment: heading, meta, the sanitized body as shown. */
  function htmlDoc(a, page) {
    const article = page.querySelector("article");
    if (!article) return "";
    const copy = article.cloneNode(true);
    for (const n of copy.querySelectorAll(".pr-dot")) n.replaceWith(" · ");
    copy.removeAttribute("class");
    for (const n of copy.querySelectorAll("[class^='pr-'], [class*=' pr-']")) {
      for (const c of [...n.classList]) if (c.startsWith("pr-")) n.classList.remove(c);
      if (!n.classList.length) n.removeAttribute("class");
    }
    for (const n of copy.querySelectorAll("[style]")) n.removeAttribute("style");
    for (const n of copy.querySelectorAll("[tabindex], [role], [aria-label], [loading], [decoding], #pr-title")) {
      n.removeAttribute("tabindex");
      n.removeAttribute("role");
      n.removeAttribute("aria-label");
      n.removeAttribute("loading");
      n.removeAttribute("decoding");
      if (n.id === "pr-title") n.removeAttribute("id");
    }
    return copy.outerHTML;
  }

  function plainDoc(a) {
    const meta = [a.byline, a.published && formatDate(String(a.published), a.lang)].filter(Boolean).join(" · ");
    return [a.title, meta, a.text].filter(Boolean).join("\n\n");
  }

  // ------------------------------------------------------------------------------------
  // Settings

  function loadSettings(s) {
    let got;
    try {
      got = s.storage.get(SETTINGS_KEY);
    } catch (_) {
      got = null;
    }
    if (got && typeof got.then === "function") {
      // Stay invisible (not for long) until the remembered theme is known: no flash of white.
      s.shell.classList.add("pr-pending");
      applySettings(s);
      const timeout = new Promise((resolve) => s.timers.push(setTimeout(resolve, 400, null)));
      return Promise.race([Promise.resolve(got).catch(() => null), timeout]).then((v) => {
        if (state === s) applySettings(s, parseSettings(v));
        s.shell.classList.remove("pr-pending");
      });
    }
    applySettings(s, parseSettings(got));
    return Promise.resolve();
  }

  function parseSettings(v) {
    let o = v;
    if (typeof v === "string") {
      try {
        o = JSON.parse(v);
      } catch (_) {
        o = null;
      }
    }
    if (!o || typeof o !== "object") return {};
    const out = {};
    if (THEMES.includes(o.theme)) out.theme = o.theme;
    if (FONTS.includes(o.font)) out.font = o.font;
    if (typeof o.size === "number" && SIZES.includes(o.size)) out.size = o.size;
    if (typeof o.width === "number" && WIDTHS.includes(o.width)) out.width = o.width;
    if (typeof o.leading === "number" && LEADINGS.includes(o.leading)) out.leading = o.leading;
    if (ALIGNS.includes(o.align)) out.align = o.align;
    if (o.told === true) out.told = true;
    return out;
  }

  function applySettings(s, patch) {
    if (patch) Object.assign(s.settings, patch);
    const { theme, size, width, font, leading, align } = s.settings;
    const shown = theme === "auto" ? (prefersDark() ? "dark" : "light") : theme;
    s.shell.dataset.theme = shown;
    s.shell.dataset.font = font;
    s.shell.dataset.align = align;
    s.shell.style.setProperty("--size", `${size}px`);
    s.shell.style.setProperty("--measure", `${width}em`);
    s.shell.style.setProperty("--leading", String(leading));
    for (const b of s.themeButtons) b.setAttribute("aria-pressed", String(b.dataset.value === theme));
    for (const b of s.fontButtons) b.setAttribute("aria-pressed", String(b.dataset.value === font));
    for (const b of s.alignButtons) b.setAttribute("aria-pressed", String(b.dataset.value === align));
    s.sizeValue.textContent = `${size} px`;
    s.widthValue.textContent = WIDTH_NAMES[width] || `${width}em`;
    s.leadingValue.textContent = LEADING_NAMES[leading] || String(leading);
    s.smaller.disabled = size === SIZES[0];
    s.larger.disabled = size === SIZES[SIZES.length - 1];
    s.narrower.disabled = width === WIDTHS[0];
    s.wider.disabled = width === WIDTHS[WIDTHS.length - 1];
    s.tighter.disabled = leading === LEADINGS[0];
    s.looser.disabled = leading === LEADINGS[LEADINGS.length - 1];
    s.host.style.setProperty("color-scheme", shown === "dark" ? "dark" : "light", "important");
  }

  function update(s, patch) {
    const focused = s.root.activeElement;
    applySettings(s, patch);
    // A button that just became disabled drops focus: keep it in the panel.
    if (focused && focused.disabled) {
      const pairs = new Map([[s.smaller, s.larger], [s.larger, s.smaller], [s.narrower, s.wider], [s.wider, s.narrower], [s.tighter, s.looser], [s.looser, s.tighter]]);
      const other = pairs.get(focused) || s.settingsButton;
      other.focus();
    }
    try {
      const r = s.storage.set(SETTINGS_KEY, JSON.stringify(s.settings));
      if (r && typeof r.catch === "function") r.catch(() => {});
    } catch (_) {
      /* storage refused: the setting holds for this time only */
    }
  }

  function pageStorage() {
    return {
      get(key) {
        try {
          return window.localStorage.getItem(key);
        } catch (_) {
          return null;
        }
      },
      set(key, value) {
        try {
          window.localStorage.setItem(key, value);
        } catch (_) {
          /* storage disabled or full */
        }
      },
    };
  }

  function prefersDark() {
    try {
      return window.matchMedia("(prefers-color-scheme: dark)").matches;
    } catch (_) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------
  // Keyboard and focus

  function onKey(s, e) {
    if (state !== s) return;
    if (!s.host.isConnected) {
      close();
      return;
    }
    // The page's own shortcuts stay quiet while the reader is open (default actions such as
    // scrolling and activating buttons still happen).
    e.stopImmediatePropagation();
    if (e.key === "Escape" || e.key === "Esc") {
      e.preventDefault();
      if (!s.panel.hidden) {
        togglePanel(s, false);
        s.settingsButton.focus();
      } else {
        close();
      }
      return;
    }
    if (e.key === "Tab") trapTab(s, e);
  }

  function stopInside(e) {
    if (state) e.stopImmediatePropagation();
  }

  function trapTab(s, e) {
    const items = focusables(s);
    if (!items.length) {
      e.preventDefault();
      focusDialog(s);
      return;
    }
    const current = pageDoc.active() === s.host ? s.root.activeElement : null;
    const first = items[0];
    const last = items[items.length - 1];
    if (!current || !items.includes(current)) {
      if (current === s.dialog || !current) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
      return; // focus is on something inside the overlay that is not in our list: let it be
    }
    if (e.shiftKey && current === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && current === last) {
      e.preventDefault();
      first.focus();
    }
  }

  function focusables(s) {
    const sel = "button:not([disabled]), a[href], [tabindex]:not([tabindex='-1']), summary, audio[controls], video[controls]";
    return [...s.dialog.querySelectorAll(sel)].filter((n) => n !== s.dialog && n.getClientRects().length > 0 && !n.closest("[hidden]"));
  }

  function focusDialog(s) {
    try {
      s.dialog.focus({ preventScroll: true });
    } catch (_) {
      /* detached */
    }
  }

  function deepActiveElement() {
    let a = pageDoc.active();
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  // ------------------------------------------------------------------------------------
  // Styles

  function adoptStyles(root, css) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch (_) {
      /* no constructable stylesheets (or not from this world): a <style> element */
    }
    const style = pageDoc.create("style");
    style.textContent = css;
    root.append(style);
  }

  function addPageSheet(s) {
    const css = pageCss();
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      pageDoc.setSheets([...(pageDoc.sheets() ?? []), sheet]);
      s.pageSheet = sheet;
      return;
    } catch (_) {
      /* fall back to a <style> element, removed on close */
    }
    const style = pageDoc.create("style");
    style.textContent = css;
    (pageDoc.head() || pageDoc.root()).append(style);
    s.pageStyle = style;
  }

  function removePageSheet(s) {
    if (s.pageSheet) {
      try {
        pageDoc.setSheets((pageDoc.sheets() ?? []).filter((x) => x !== s.pageSheet));
      } catch (_) {
        /* nothing to undo */
      }
    }
    if (s.pageStyle) s.pageStyle.remove();
  }

  // ------------------------------------------------------------------------------------
  // Helpers

  function on(s, target, type, fn, capture) {
    target.addEventListener(type, fn, capture);
    s.listeners.push([target, type, fn, capture]);
  }

  function el(tag, attrs, text) {
    const n = pageDoc.create(tag);
    for (const k in attrs) {
      if (k === "class") n.className = attrs[k];
      else n.setAttribute(k, attrs[k]);
    }
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function slugify(s) {
    return String(s)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "");
  }

  function decodeURIComponentSafe(s) {
    try {
      return decodeURIComponent(s);
    } catch (_) {
      return s;
    }
  }

  // The demo page shows articles in its own layout, with the same rules for pictures.
  const pictures = Object.freeze({ tidy: tidyPictures, opensWithPicture, hasImage });
  const api = Object.freeze({ show, message, close, isOpen, pictures, readingTime, formulas });
  try {
    Object.defineProperty(globalThis, "PithReader", { value: api, configurable: true, enumerable: false, writable: false });
  } catch (_) {
    globalThis.PithReader = api;
  }
})();
