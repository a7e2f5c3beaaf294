// How an Article is put into words for the popup and into files for copy and download.
// Pure functions, no extension API.

/**
 * The calendar date an ISO 8601 date states, in the reader's language: "14 March 2021".
 * The page's own date is shown, never shifted by the reader's time zone.
 * @param {string | null | undefined} iso
 * @param {string | string[]} [locale]
 * @returns {string}
 */
export function humanDate(iso, locale) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!m) return "";
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** The date part of an ISO 8601 date ("2021-03-14"), or "". */
export function isoDay(iso) {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso ?? "")?.[0] ?? "";
}

/**
 * "755 words · 4 min read"
 * @param {{ wordCount?: number, readingMinutes?: number }} article
 * @param {string | string[]} [locale]
 */
export function lengthLine(article, locale) {
  const words = article.wordCount ?? 0;
  const minutes = Math.max(1, article.readingMinutes ?? Math.round(words / 230));
  const n = new Intl.NumberFormat(locale).format(words);
  // Past five hours a number is no reading time (the reader view says the same).
  const time = minutes > 300 ? "a very long read" : minutes >= 60 ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""} read` : `${minutes} min read`;
  return `${n} ${words === 1 ? "word" : "words"} · ${time}`;
}

/**
 * The first lines of the article: the start of its text from its first prose on (not the
 * title, a caption, a heading or a table row before it), cut at a word. The page's own
 * description (`excerpt`) often says something else than the article's opening, so it
 * stands in only when the article has no text.
 * @param {{ title?: string | null, excerpt?: string | null, text?: string | null }} article
 * @param {number} [max]
 */
export function summary(article, max = 300) {
  const squash = (s) => (s ?? "").replace(/\s+/g, " ").trim();
  const title = squash(article.title);
  const blocks = (article.text ?? "").split(/\n+/).filter((b) => !b.includes("\t")).map(squash);
  const first = blocks.findIndex((b) => b.length >= 80 && b !== title);
  const prose = first < 0 ? blocks.filter((b) => b && b !== title) : blocks.slice(first);
  const text = joinBlocks(prose) || squash(article.excerpt);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "") + "…";
}

/**
 * Blocks of text as one run of sentences: a block that does not end a sentence (a heading, a
 * list item, a caption) gets a full stop, so it does not run into the next ("…your goals
 * The wearable…").
 * @param {string[]} blocks
 */
function joinBlocks(blocks) {
  return blocks
    .filter(Boolean)
    .map((b, i, all) => {
      if (i === all.length - 1 || /[.!?…:;。！？．」』)”"'’]$/u.test(b)) return b;
      return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(b) ? `${b}。` : `${b}.`;
    })
    .join(" ")
    .replace(/。 /g, "。");
}

/**
 * The article as an HTML fragment: title, provenance, the (sanitized) body.
 * @param {import("./pith.js").Article} article
 */
export function htmlDocument(article) {
  const parts = [];
  if (article.title) parts.push(`<h1>${escapeHtml(article.title)}</h1>`);
  const meta = [];
  if (article.byline) meta.push(`By ${escapeHtml(article.byline)}`);
  const day = isoDay(article.published);
  if (day) meta.push(`<time datetime="${escapeHtml(article.published ?? day)}">${day}</time>`);
  if (article.url) meta.push(`<a href="${escapeHtml(article.url)}">${escapeHtml(article.url)}</a>`);
  if (meta.length) parts.push(`<p>${meta.join(" · ")}</p>`);
  parts.push((article.contentHtml ?? "").trim());
  return parts.filter(Boolean).join("\n") + "\n";
}

/**
 * A file name for the download, from the title: "what-a-1978-road-bike.md". Letters of any
 * script are kept; characters file systems refuse are not.
 * @param {{ title?: string | null }} article
 * @param {string} [ext]
 */
export function fileName(article, ext = "md") {
  const slug = (article.title ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return `${slug || "article"}.${ext}`;
}

/** @param {string} s */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
