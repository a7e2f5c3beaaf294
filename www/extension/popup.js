// The toolbar popup: reads the active tab's article (snapshot in the tab, wasm here) and
// offers the reader view, copy as Markdown or HTML, and a .md download. Pages with nothing
// to read, and pages extensions may not touch, get a sentence saying so.

import { activeTab, ext } from "./api.js";
import { TEST_BUILD } from "./build-flags.js";
import { htmlDocument, fileName, humanDate, lengthLine, summary } from "./present.js";
import { read, warmUp } from "./reading.js";
import { explainError, isHtml, NOT_HTML, offLimitsReason, openReader, snapshot } from "./tab.js";

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${id}"]`));

/** @type {{ tabId: number, url: string | undefined, html: string, snapUrl: string } | null} */
let page = null;
/** @type {import("./pith.js").Article | null} */
let article = null;

main().catch((err) => showMessage("Something went wrong", String(err?.message ?? err)));

async function main() {
  warmUp(); // compile the wasm while the tab takes its snapshot
  wireButtons();
  showShortcut();
  const tab = await targetTab();
  if (tab?.id === undefined) return showMessage("No page", "Pith found no tab to read.");
  const url = tab.url || tab.pendingUrl;
  setSite(url);

  const offLimits = offLimitsReason(url);
  if (offLimits) return showMessage("Not a page Pith can read", offLimits);

  let snap;
  try {
    snap = await snapshot(tab.id);
  } catch (err) {
    return showMessage("Not a page Pith can read", explainError(err, url));
  }
  if (!isHtml(snap.contentType)) return showMessage("Not a web page", NOT_HTML);
  setSite(snap.url);
  page = { tabId: tab.id, url, html: snap.html, snapUrl: snap.url };
  await readPage(false);
}

/** Reads the snapshot (again, with force, for "Read it anyway") and shows the outcome. */
async function readPage(force) {
  if (!page) return;
  show("loading");
  let outcome;
  try {
    outcome = await read(page.html, page.snapUrl, { force });
  } catch (err) {
    // The core failed to load (or crashed): say so rather than spin forever.
    return showMessage("Pith could not read this page", String(err?.message ?? err));
  }
  if (outcome.kind === "article") return showArticle(outcome.article);
  if (outcome.kind === "nothing") return showMessage("No article here", outcome.text, outcome.canForce);
  return showMessage("Pith could not read this page", outcome.text);
}

/**
 * The tab to read: the active one; in the test build only, the one named by `?tabId=N`
 * (headless tests cannot open the popup from the toolbar).
 */
async function targetTab() {
  const wanted = TEST_BUILD ? new URLSearchParams(location.search).get("tabId") : null;
  if (wanted !== null) return ext.tabs.get(Number(wanted));
  return activeTab();
}

/** @param {"loading" | "article" | "message"} state */
function show(state) {
  document.body.dataset.state = state;
  $("loading").hidden = state !== "loading";
  $("article").hidden = state !== "article";
  $("message").hidden = state !== "message";
}

/** @param {import("./pith.js").Article} a */
function showArticle(a) {
  article = a;
  // The article's own words take its language and direction; the popup's (dates, counts,
  // buttons) keep the browser's.
  const dir = a.dir === "rtl" || a.dir === "ltr" ? a.dir : "auto";
  for (const id of ["title", "summary"]) {
    const el = $(id);
    el.dir = dir;
    if (a.lang) el.lang = a.lang;
    else el.removeAttribute("lang");
  }

  $("title").textContent = a.title || "Untitled";
  const meta = $("meta");
  meta.replaceChildren();
  if (a.byline) {
    const byline = document.createElement("bdi");
    byline.className = "byline";
    byline.textContent = a.byline;
    if (a.lang) byline.lang = a.lang;
    meta.append(byline);
  }
  const when = humanDate(a.published, navigator.language);
  if (when) {
    const time = document.createElement("time");
    time.dateTime = a.published ?? "";
    time.textContent = when;
    if (meta.childElementCount > 0) meta.append(" · ");
    meta.append(time);
  }
  meta.hidden = meta.childElementCount === 0;
  $("length").textContent = lengthLine(a, navigator.language);
  $("summary").textContent = summary(a);
  if (a.siteName) $("site").textContent = a.siteName;
  show("article");
}

/**
 * @param {string} title
 * @param {string} text
 * @param {boolean} [canForce] offer "Read it anyway"
 */
function showMessage(title, text, canForce = false) {
  $("message-title").textContent = title;
  $("message-text").textContent = text;
  $("force").hidden = !canForce;
  show("message");
}

function wireButtons() {
  $("open-reader").addEventListener("click", onOpenReader);
  $("copy-markdown").addEventListener("click", () => copy("Markdown", need().markdownDocument, null));
  $("copy-html").addEventListener("click", () => {
    const html = htmlDocument(need());
    return copy("HTML", html, html);
  });
  $("download").addEventListener("click", onDownload);
  $("force").addEventListener("click", () => readPage(true));
}

function need() {
  if (!article) throw new Error("no article yet");
  return article;
}

async function onOpenReader() {
  if (!page || !article) return;
  const button = /** @type {HTMLButtonElement} */ ($("open-reader"));
  button.disabled = true;
  try {
    await openReader(page.tabId, article);
    // The reader is open in the tab: the popup has done its job. (Not in the test build,
    // where the popup is an ordinary tab the test still wants to look at.)
    if (!TEST_BUILD) window.close();
    else status("Reader view opened");
  } catch (err) {
    status(explainError(err, page.url), true);
  } finally {
    button.disabled = false;
  }
}

/**
 * Copies `text` as plain text; with `html`, also as rich text, so that pasting into an
 * editor that takes formatting gives the formatted article and pasting into a plain one
 * gives the markup.
 * @param {string} what
 * @param {string} text
 * @param {string | null} html
 */
async function copy(what, text, html) {
  try {
    if (html !== null && typeof ClipboardItem === "function") {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    status(`${what} copied`);
  } catch (err) {
    status(`Could not copy: ${err?.message ?? err}`, true);
  }
}

/** Saves the Markdown through an <a download> on a Blob URL: no "downloads" permission. */
function onDownload() {
  const a = need();
  const blob = new Blob([a.markdownDocument], { type: "text/markdown;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName(a, "md");
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the blob by the time the download starts; the popup may close first.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  status(`Saved ${link.download}`);
}

let statusTimer = 0;
/** @param {string} text @param {boolean} [isError] */
function status(text, isError = false) {
  const el = $("status");
  el.textContent = text;
  el.classList.toggle("error", isError);
  clearTimeout(statusTimer);
  if (!isError) statusTimer = setTimeout(() => (el.textContent = ""), 4000);
}

/** @param {string | undefined} url */
function setSite(url) {
  try {
    const u = new URL(url ?? "");
    $("site").textContent = /^https?:$/.test(u.protocol) ? u.hostname.replace(/^www\./, "") : "";
  } catch {
    $("site").textContent = "";
  }
}

/** Shows the keyboard shortcut on the reader button when one is set. */
async function showShortcut() {
  try {
    const commands = await ext.commands.getAll();
    const key = commands.find((c) => c.name === "open-reader")?.shortcut;
    const kbd = $("shortcut");
    kbd.textContent = key ?? "";
    kbd.hidden = !key;
  } catch {
    // commands.getAll is missing on some mobile browsers: no hint then.
  }
}
