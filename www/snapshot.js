// The live page as HTML for the Pith core: `document.documentElement.outerHTML` (what
// extractDocument() serializes too), with the parts that do not survive being parsed again
// made safe first. No dependencies, so any front end can import it (the extension too).
//
// The core parses the snapshot the way a browser does with scripting off. The page itself
// was parsed with scripting on and may since have been changed by scripts, and the HTML
// serializer does not promise that parsing its output gives back the same tree:
//
// - A <noscript>'s content is raw text here, written back as it is. Text that is not
//   balanced markup, e.g. `<noscript><p title="</noscript><img src=x onerror=…>"></p>`
//   (the noscript ended inside the attribute), opens a <noscript> that never closes and
//   swallows the rest of the article. Its content is parsed as a fragment (in a <template>:
//   inert, nothing loads or runs) and written back balanced, so the images that pages put
//   there for readers without scripts are still found.
// - SVG and MathML (the mutation-XSS shapes: `<math><mtext><mglyph><style>…`) can reparse
//   into elements that stay open and swallow what follows. The core keeps no SVG and only
//   a formula's text, so an <svg> is written empty and a <math> as its text.
//
// Each such element's serialization is found in the page's (in document order) and
// replaced; nothing in the page is changed.

const FORMULA_SKIP = new Set(["style", "script", "template", "title", "noscript", "textarea", "xmp", "iframe"]);

/**
 * @param {Document} [doc]
 * @returns {string} the page as an HTML document
 */
export function snapshot(doc = document) {
  const root = doc.documentElement;
  let html = root.outerHTML;
  const parts = [...root.querySelectorAll("noscript, svg, math")].filter(
    (el) => !el.parentElement || !el.parentElement.closest("svg, math"),
  );
  if (parts.length > 0) {
    let out = "";
    let at = 0;
    for (const el of parts) {
      const whole = el.outerHTML;
      const i = html.indexOf(whole, at);
      if (i < 0) continue;
      const safe = replacement(el, whole, doc);
      if (safe === null) continue;
      out += html.slice(at, i) + safe;
      at = i + whole.length;
    }
    html = out + html.slice(at);
  }
  return `<!DOCTYPE html>\n${html}`;
}

/**
 * @param {Element} el
 * @param {string} whole its outerHTML
 * @param {Document} doc
 * @returns {string | null} null: keep it as it is
 */
function replacement(el, whole, doc) {
  const name = el.localName;
  if (name === "svg") return "<svg></svg>";
  if (name === "math") return `<math>${escapeText(formulaText(el))}</math>`;
  const inner = el.innerHTML;
  let balanced;
  try {
    const template = doc.createElement("template");
    template.innerHTML = inner;
    balanced = template.innerHTML;
  } catch {
    return null; // Trusted Types refused the HTML: keep the raw text
  }
  if (balanced === inner) return null;
  const openTag = whole.slice(0, whole.length - inner.length - "</noscript>".length);
  return `${openTag}${balanced}</noscript>`;
}

/** @param {Element} el */
function formulaText(el) {
  let text = "";
  const walk = (/** @type {Node} */ n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) text += c.nodeValue;
      else if (c.nodeType === 1 && !FORMULA_SKIP.has(/** @type {Element} */ (c).localName)) walk(c);
    }
  };
  walk(el);
  return text;
}

/** @param {string} s */
function escapeText(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
}
