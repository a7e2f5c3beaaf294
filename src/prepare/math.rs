//! Formulas as their TeX source. MathML becomes TeX when the page is parsed (`dom::mathml`);
//! here the other ways pages carry a formula are brought to the same form, a
//! `<code class="language-math">` (in a `<pre>` when the formula stands on its own), and the
//! renderings that only draw it (KaTeX's and MathJax's boxes of glyphs) go:
//!
//! - MathJax 2 keeps the source in `<script type="math/tex">` (`; mode=display`) beside its
//!   rendering;
//! - MathJax 3 draws into `<mjx-container>`, with the formula's MathML inside
//!   (`<mjx-assistive-mml>`), already TeX by now;
//! - KaTeX writes MathML (with the TeX as an annotation) beside an `aria-hidden` drawing, and
//!   `.katex-display` around a formula on its own;
//! - editors and renderers put the source in an attribute: `data-math`, `data-latex`,
//!   `data-tex`, `data-formula`.
//!
//! Equation images (Wikipedia's, a blog's rendered SVG) stay images: a reader sees them drawn;
//! the Markdown writes their TeX `alt` as the formula (`render::markdown`).

use crate::dom::{local_name, math_code, Dom, NodeId, MATH_CLASS, SHOWN_ATTR};

/// Attributes that hold a formula's TeX whole.
const SOURCE_ATTRS: &[&str] = &["data-math", "data-latex", "data-tex", "data-formula"];

/// Class words of elements that draw a formula (and hold its source somewhere inside or beside).
const RENDERING_CLASSES: &[&str] = &["katex", "mathjax", "math-display", "math-block", "math-inline"];

/// Class words of a formula set on its own line.
const DISPLAY_CLASSES: &[&str] = &["katex-display", "mathjax_display", "math-display", "math-block", "display"];

pub fn normalize(dom: &mut Dom, body: NodeId) {
    scripts(dom, body);
    let order: Vec<NodeId> = dom.descendants(body).filter(|&d| dom.is_element(d)).collect();
    for id in order {
        if !dom.is_attached(id) {
            continue;
        }
        if let Some(tex) = source_attr(dom, id) {
            let display = is_display(dom, id);
            replace_with_math(dom, id, tex, None, display);
            continue;
        }
        if dom.tag(id).is_some_and(|t| &**t == "mjx-container") || is_rendering(dom, id) {
            let display = is_display(dom, id)
                || dom.parent(id).is_some_and(|p| is_display(dom, p))
                || dom.attr(id, "display").is_some_and(|d| d == "true" || d == "block");
            collapse_rendering(dom, id, display);
            continue;
        }
    }
}

/// MathJax 2: each `<script type="math/tex">` becomes its formula, and the drawing MathJax
/// put just before it (a `MathJax` span, its preview) goes.
fn scripts(dom: &mut Dom, body: NodeId) {
    let found: Vec<(NodeId, bool)> = dom
        .find_all(body, &local_name!("script"))
        .filter_map(|s| {
            let t = dom.attr(s, "type")?.to_ascii_lowercase();
            t.starts_with("math/tex").then_some((s, t.contains("mode=display")))
        })
        .collect();
    for (script, display) in found {
        let tex = dom.text_content(script).trim().to_string();
        while let Some(prev) = dom.prev_sibling(script) {
            let drawn = dom.is_element(prev) && is_rendering(dom, prev);
            let blank = dom.text(prev).is_some_and(|t| t.trim().is_empty());
            if !(drawn || blank) {
                break;
            }
            dom.detach(prev);
        }
        if tex.is_empty() {
            dom.detach(script);
        } else {
            replace_with_math(dom, script, tex, None, display);
        }
    }
}

/// A drawing of a formula: its source, where it holds one (a formula already made TeX), takes
/// its place; else the drawing stays as it is (its text is all there is).
fn collapse_rendering(dom: &mut Dom, id: NodeId, display: bool) {
    let math = dom.descendants(id).find(|&d| is_math_code(dom, d));
    let Some(math) = math else { return };
    let tex = dom.text_content(math);
    let shown = dom.attr(math, SHOWN_ATTR).map(str::to_string);
    replace_with_math(dom, id, tex, shown, display);
}

/// `shown`: the formula as the page shows it, when the TeX is Pith's (see `dom::SHOWN_ATTR`).
fn replace_with_math(dom: &mut Dom, id: NodeId, tex: String, shown: Option<String>, display: bool) {
    let tex = tex.trim().to_string();
    if tex.is_empty() {
        return;
    }
    let code = math_code(dom, tex);
    if let Some(shown) = shown {
        dom.set_attr(code, SHOWN_ATTR, shown);
    }
    if display {
        let pre = dom.create_element(local_name!("pre"), Vec::new());
        dom.append(pre, code);
        dom.replace(id, pre);
    } else {
        dom.replace(id, code);
    }
}

fn is_math_code(dom: &Dom, id: NodeId) -> bool {
    dom.is(id, &local_name!("code"))
        && dom.attr(id, "class").is_some_and(|c| c.split_whitespace().any(|w| w == MATH_CLASS))
}

fn source_attr(dom: &Dom, id: NodeId) -> Option<String> {
    SOURCE_ATTRS.iter().find_map(|a| dom.attr(id, a)).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

fn class_words(dom: &Dom, id: NodeId) -> String {
    dom.attr(id, "class").unwrap_or("").to_ascii_lowercase()
}

fn is_rendering(dom: &Dom, id: NodeId) -> bool {
    let c = class_words(dom, id);
    c.split_whitespace().any(|w| RENDERING_CLASSES.iter().any(|r| w == *r || w.starts_with(&format!("{r}_"))))
}

fn is_display(dom: &Dom, id: NodeId) -> bool {
    let c = class_words(dom, id);
    c.split_whitespace().any(|w| DISPLAY_CLASSES.contains(&w))
        || (dom.is(id, &local_name!("div")) && c.split_whitespace().any(|w| w.contains("math")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn normalized(html: &str) -> (Dom, NodeId) {
        let mut dom = parse(html);
        let body = dom.body().unwrap();
        normalize(&mut dom, body);
        (dom, body)
    }

    fn formulas(dom: &Dom, body: NodeId) -> Vec<(String, bool)> {
        dom.descendants(body)
            .filter(|&d| is_math_code(dom, d))
            .map(|d| (dom.text_content(d), dom.parent(d).is_some_and(|p| dom.is(p, &local_name!("pre")))))
            .collect()
    }

    #[test]
    fn mathjax_scripts_become_formulas_and_their_drawings_go() {
        let (dom, body) = normalized(
            r#"<p>Let <span class="MathJax" id="MathJax-Element-1-Frame">E u</span><script type="math/tex">E_u</script> be
               <span class="MathJax_Preview">x</span><script type="math/tex; mode=display">\frac{a}{b}</script></p>"#,
        );
        assert_eq!(formulas(&dom, body), vec![("E_u".to_string(), false), ("\\frac{a}{b}".to_string(), true)]);
        assert!(!dom.inner_text(body).contains("E u"));
    }

    #[test]
    fn source_attributes_and_drawings() {
        let (dom, body) = normalized(
            r#"<p>See <span class="math-inline" data-math="x^2"><span class="katex"><span aria-hidden="true">x2</span></span></span>.</p>
               <div class="katex-display"><span class="katex"><math><semantics><mi>y</mi><annotation encoding="application/x-tex">y=1</annotation></semantics></math><span class="katex-html">y=1</span></span></div>"#,
        );
        assert_eq!(formulas(&dom, body), vec![("x^2".to_string(), false), ("y=1".to_string(), true)]);
        assert_eq!(dom.inner_text(body).matches("y=1").count(), 1);
    }
}
