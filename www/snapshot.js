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
//   a formula's TeX or text, so an <svg> is written empty and a <math> as its TeX annotation
//   or its text.
//
// - Code whose lines are elements made blocks by the page's CSS (Prism's React renderer,
//   Shiki, CodeMirror: `<pre><div class="token-line">…</div><div …>`) holds no line breaks
//   of its own: without that CSS its lines run together. A <pre> whose inner elements display
//   as blocks is written with a line break after each such line (the core does the same for
//   the common class names of pasted HTML, src/prepare/code_lines.rs).
//
// Each such element's serialization is found in the page's (in document order) and
// replaced; nothing in the page is changed.

const FORMULA_SKIP = new Set(["style", "script", "template", "title", "noscript", "textarea", "xmp", "iframe"]);

/**
 * @param {Document} [doc]
 * @returns {string} the page as an HTML document
 */
export function snapshot(doc = document) {
  // The document's own getter: <form name="documentElement"> clobbers the member.
  const root = Object.getOwnPropertyDescriptor(Document.prototype, "documentElement").get.call(doc);
  let html = root.outerHTML;
  const codes = new Set([...root.querySelectorAll("pre")].filter((pre) => blockLines(pre).length > 0));
  const parts = [...root.querySelectorAll("noscript, svg, math, pre")].filter((el) => {
    if (el.localName === "pre" && !codes.has(el)) return false;
    const up = el.parentElement;
    return !up || (!up.closest("svg, math") && ![...codes].some((pre) => pre !== el && pre.contains(el)));
  });
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
  if (name === "pre") return codeWithLineBreaks(el);
  if (name === "svg") return "<svg></svg>";
  if (name === "math") return formulaMarkup(el);
  const inner = el.innerHTML;
  let balanced;
  try {
    const template = Document.prototype.createElement.call(doc, "template");
    template.innerHTML = inner;
    balanced = template.innerHTML;
  } catch {
    return null; // Trusted Types refused the HTML: keep the raw text
  }
  if (balanced === inner) return null;
  const openTag = whole.slice(0, whole.length - inner.length - "</noscript>".length);
  return `${openTag}${balanced}</noscript>`;
}

/** MathML elements the core reads (src/dom/mathml.rs), with the attributes it reads. */
const MATHML = new Map(
  Object.entries({
    mi: ["mathvariant"], mn: [], mo: [], ms: [], mtext: [], mspace: [], mrow: [], mstyle: [], mpadded: [], mphantom: [],
    mfrac: [], msqrt: [], mroot: [], msub: [], msup: [], msubsup: [], munder: [], mover: [], munderover: [],
    mtable: [], mtr: [], mtd: [], menclose: ["notation"], mfenced: ["open", "close"], mmultiscripts: [], mprescripts: [],
    none: [], semantics: [], annotation: ["encoding"],
  }),
);

/**
 * A <math> rewritten from scratch, never the page's own markup: only the MathML elements and
 * attributes the core reads, every text escaped, anything else reduced to its content. So the
 * live page gives the core the same formula as pasted HTML does (its TeX annotation, or the
 * presentation markup it writes TeX from).
 * @param {Element} el
 */
function formulaMarkup(el) {
  const quote = (/** @type {string} */ v) => escapeText(v).replace(/"/g, "&quot;");
  const walk = (/** @type {Node} */ n) => {
    let out = "";
    for (const c of n.childNodes) {
      if (c.nodeType === 3) out += escapeText(c.nodeValue || "");
      else if (c.nodeType === 1) {
        const e = /** @type {Element} */ (c);
        if (FORMULA_SKIP.has(e.localName)) continue;
        const attrs = MATHML.get(e.localName);
        if (!attrs) out += walk(e);
        else {
          const kept = attrs.filter((a) => e.hasAttribute(a)).map((a) => ` ${a}="${quote(e.getAttribute(a) || "")}"`).join("");
          out += `<${e.localName}${kept}>${walk(e)}</${e.localName}>`;
        }
      }
    }
    return out;
  };
  const display = (el.getAttribute("display") || "").toLowerCase() === "block" ? ' display="block"' : "";
  return `<math${display}>${walk(el)}</math>`;
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

const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|table-row|flow-root)\b/;

/**
 * The elements of a <pre> that the page shows as lines of their own (display: block, flex…)
 * and that no line break follows already: empty when there are fewer than two lines.
 * @param {Element} pre
 * @returns {Element[]}
 */
function blockLines(pre) {
  const view = pre.ownerDocument.defaultView;
  if (!view) return [];
  /** @type {Element[]} */
  const lines = [];
  const walk = (/** @type {Element} */ parent, /** @type {number} */ depth) => {
    for (const c of parent.children) {
      let display = "";
      try {
        display = view.getComputedStyle(c).display;
      } catch {
        return;
      }
      if (BLOCK_DISPLAY.test(display)) lines.push(c);
      else if (depth < 3 && display !== "none") walk(c, depth + 1);
    }
  };
  walk(pre, 1);
  if (lines.length < 2) return [];
  return lines.filter((line, i) => i < lines.length - 1 && !(line.textContent || "").endsWith("\n") && !newlineFollows(line));
}

/** @param {Element} line */
function newlineFollows(line) {
  for (let n = line.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      if ((n.nodeValue || "").includes("\n")) return true;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * The <pre>'s HTML with a line break after each of its block lines (and its SVG and MathML
 * made safe, as above).
 * @param {Element} pre
 */
function codeWithLineBreaks(pre) {
  const lines = new Set(blockLines(pre));
  const all = [...pre.querySelectorAll("*")];
  const copy = /** @type {Element} */ (pre.cloneNode(true));
  const copies = [...copy.querySelectorAll("*")];
  all.forEach((el, i) => {
    if (lines.has(el)) copies[i].after("\n");
  });
  for (const svg of copy.querySelectorAll("svg")) svg.replaceChildren();
  for (const math of copy.querySelectorAll("math")) math.replaceChildren(formulaText(math));
  for (const n of copy.querySelectorAll("noscript")) n.remove();
  return copy.outerHTML;
}
