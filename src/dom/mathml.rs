//! Formulas in TeX. A page's MathML is never output as markup (foreign content is where
//! parser differentials live); the arena keeps each formula as its TeX source instead, which
//! a reader can read, a Markdown editor renders (`$…$`), and search finds. The source is the
//! formula's own TeX annotation when it has one (KaTeX, MathJax, Wikipedia write it), else
//! it is written from the presentation markup.

use markup5ever_rcdom::{Handle, NodeData};

/// The TeX of a `<math>` element, and whether the page wrote it (an annotation) rather than
/// this module (from the presentation markup).
pub fn to_tex(math: &Handle) -> (String, bool) {
    if let Some(tex) = annotation(math) {
        return (tex.trim().to_string(), true);
    }
    let mut out = String::new();
    children(math, &mut out);
    (tidy(&out), false)
}

/// The formula as the page shows it: its tokens' text, one space between them ("a ≠ 0"), as
/// a browser's text of the page has it.
pub fn shown_text(math: &Handle) -> String {
    let mut s = String::new();
    each_text(math, &["annotation"], |t| {
        s.push_str(t);
        s.push(' ');
    });
    crate::dom::collapse_whitespace(&s)
}

/// Is the formula set as a block of its own (`display="block"`)?
pub fn is_display(math: &Handle) -> bool {
    attr(math, "display").is_some_and(|d| d.eq_ignore_ascii_case("block"))
}

/// The text of an `<annotation encoding="application/x-tex">` inside (semantics holds it).
fn annotation(h: &Handle) -> Option<String> {
    let mut stack = vec![h.clone()];
    while let Some(n) = stack.pop() {
        if let NodeData::Element { name, .. } = &n.data {
            if &*name.local == "annotation"
                && attr(&n, "encoding").is_some_and(|e| e.to_ascii_lowercase().contains("tex"))
            {
                return Some(text(&n));
            }
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    None
}

fn attr(h: &Handle, name: &str) -> Option<String> {
    match &h.data {
        NodeData::Element { attrs, .. } => {
            attrs.borrow().iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string())
        }
        _ => None,
    }
}

/// The text of a node, without what markup tricks put inside a formula (a `<style>` or
/// `<script>` smuggled into MathML is not its text).
fn text(h: &Handle) -> String {
    let mut s = String::new();
    each_text(h, &[], |t| s.push_str(t));
    s
}

/// Each text below `h` in document order, skipping what is never text and the `skipped`
/// elements.
fn each_text(h: &Handle, skipped: &[&str], mut f: impl FnMut(&str)) {
    let mut stack = vec![h.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => f(&contents.borrow()),
            NodeData::Element { name, .. }
                if super::parse::is_never_text(&name.local) || skipped.contains(&&*name.local) =>
            {
                continue
            }
            _ => {}
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
}

fn element_children(h: &Handle) -> Vec<Handle> {
    h.children.borrow().iter().filter(|c| matches!(c.data, NodeData::Element { .. })).cloned().collect()
}

fn children(h: &Handle, out: &mut String) {
    for c in h.children.borrow().iter() {
        match &c.data {
            NodeData::Element { .. } => node(c, out),
            // Text straight inside a row (not in a token element) still shows.
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            _ => {}
        }
    }
}

/// A node's TeX as one group: braced unless it is a single character.
fn group(h: Option<&Handle>) -> String {
    let mut s = String::new();
    if let Some(h) = h {
        node(h, &mut s);
    }
    let s = tidy(&s);
    let command = s.strip_prefix('\\').is_some_and(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphabetic()));
    if s.chars().count() == 1 || command {
        s
    } else {
        format!("{{{s}}}")
    }
}

/// Formulas nested deeper than this are written as their text: no real formula comes near,
/// and the conversion recurses.
const MAX_NESTING: usize = 64;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn node(h: &Handle, out: &mut String) {
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_NESTING {
        out.push_str(&text(h));
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    node_at(h, out);
    DEPTH.with(|d| d.set(depth));
}

fn node_at(h: &Handle, out: &mut String) {
    let NodeData::Element { name, .. } = &h.data else { return };
    if super::parse::is_never_text(&name.local) {
        return;
    }
    let kids = element_children(h);
    let k = |i: usize| kids.get(i);
    match &*name.local {
        "mi" => out.push_str(&identifier(&text(h), attr(h, "mathvariant").as_deref())),
        "mn" => out.push_str(text(h).trim()),
        "mo" => {
            let t = text(h);
            out.push(' ');
            out.push_str(&operator(t.trim()));
            out.push(' ');
        }
        "mtext" | "ms" => {
            let t = text(h);
            if !t.trim().is_empty() {
                out.push_str(&format!("\\text{{{}}}", t.trim()));
            }
        }
        "mspace" => out.push_str("\\ "),
        "msup" => out.push_str(&format!("{}^{}", group(k(0)), group(k(1)))),
        "msub" => out.push_str(&format!("{}_{}", group(k(0)), group(k(1)))),
        "msubsup" => out.push_str(&format!("{}_{}^{}", group(k(0)), group(k(1)), group(k(2)))),
        "mfrac" => out.push_str(&format!("\\frac{{{}}}{{{}}}", inner(k(0)), inner(k(1)))),
        "msqrt" => {
            let mut s = String::new();
            children(h, &mut s);
            out.push_str(&format!("\\sqrt{{{}}}", tidy(&s)));
        }
        "mroot" => out.push_str(&format!("\\sqrt[{}]{{{}}}", inner(k(1)), inner(k(0)))),
        "mover" => {
            let over = k(1).map(text).unwrap_or_default();
            match accent(over.trim()) {
                Some(cmd) => out.push_str(&format!("\\{cmd}{{{}}}", inner(k(0)))),
                None => out.push_str(&format!("\\overset{{{}}}{{{}}}", inner(k(1)), inner(k(0)))),
            }
        }
        "munder" => {
            let under = k(1).map(text).unwrap_or_default();
            if big_operator(k(0)) {
                out.push_str(&format!("{}_{}", group(k(0)), group(k(1))));
            } else if matches!(under.trim(), "⏟" | "︸") {
                out.push_str(&format!("\\underbrace{{{}}}", inner(k(0))));
            } else {
                out.push_str(&format!("\\underset{{{}}}{{{}}}", inner(k(1)), inner(k(0))));
            }
        }
        "munderover" => out.push_str(&format!("{}_{}^{}", group(k(0)), group(k(1)), group(k(2)))),
        "menclose" => {
            let notation = attr(h, "notation").unwrap_or_default();
            let mut s = String::new();
            children(h, &mut s);
            let s = tidy(&s);
            if notation.contains("top") {
                out.push_str(&format!("\\overline{{{s}}}"));
            } else if notation.contains("bottom") {
                out.push_str(&format!("\\underline{{{s}}}"));
            } else {
                out.push_str(&s);
            }
        }
        "mfenced" => {
            let open = attr(h, "open").unwrap_or_else(|| "(".into());
            let close = attr(h, "close").unwrap_or_else(|| ")".into());
            let parts: Vec<String> = kids.iter().map(|c| inner(Some(c))).collect();
            out.push_str(&format!("\\left{open}{}\\right{close}", parts.join(", ")));
        }
        "mtable" => {
            let rows: Vec<String> = kids
                .iter()
                .map(|row| {
                    let cells: Vec<String> = element_children(row)
                        .iter()
                        .filter(|c| matches!(&c.data, NodeData::Element { name, .. } if &*name.local == "mtd"))
                        .map(|c| inner(Some(c)))
                        .collect();
                    cells.join(" & ")
                })
                .collect();
            out.push_str(&format!("\\begin{{matrix}} {} \\end{{matrix}}", rows.join(" \\\\ ")));
        }
        // The first child of <semantics> is the formula; the others annotate it.
        "semantics" => {
            if let Some(c) = k(0) {
                node(c, out);
            }
        }
        "annotation" | "annotation-xml" | "mprescripts" | "none" | "malignmark" | "maligngroup" | "mglyph" => {}
        _ => children(h, out),
    }
}

/// A node's TeX without braces around it (inside `\frac{…}` and the like).
fn inner(h: Option<&Handle>) -> String {
    let mut s = String::new();
    if let Some(h) = h {
        node(h, &mut s);
    }
    tidy(&s)
}

fn big_operator(h: Option<&Handle>) -> bool {
    h.is_some_and(|h| matches!(text(h).trim(), "∑" | "∏" | "∫" | "⋃" | "⋂" | "lim" | "max" | "min" | "sup" | "inf"))
}

fn accent(c: &str) -> Option<&'static str> {
    Some(match c {
        "→" | "⃗" => "vec",
        "~" | "˜" | "∼" => "tilde",
        "^" | "ˆ" => "hat",
        "˙" | "." | "⋅" => "dot",
        "¨" => "ddot",
        "¯" | "‾" | "―" | "_" => "overline",
        "⏞" | "︷" => "overbrace",
        _ => return None,
    })
}

/// Names TeX writes as commands when they stand alone in `<mi>`.
const FUNCTIONS: &[&str] = &[
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "exp",
    "lim", "max", "min", "sup", "inf", "det", "dim", "ker", "deg", "gcd", "arg", "Pr",
];

fn identifier(t: &str, variant: Option<&str>) -> String {
    let t = t.trim();
    if let Some(g) = greek(t) {
        return g.to_string();
    }
    if t.chars().count() > 1 {
        if FUNCTIONS.contains(&t) {
            return format!("\\{t}");
        }
        return format!("\\mathrm{{{t}}}");
    }
    match variant {
        Some("normal") if t.chars().all(|c| c.is_ascii_alphabetic()) => format!("\\mathrm{{{t}}}"),
        Some("bold") => format!("\\mathbf{{{t}}}"),
        Some("double-struck") => format!("\\mathbb{{{t}}}"),
        _ => symbol(t).map_or_else(|| t.to_string(), str::to_string),
    }
}

fn greek(t: &str) -> Option<&'static str> {
    const G: &[(&str, &str)] = &[
        ("α", "\\alpha"),
        ("β", "\\beta"),
        ("γ", "\\gamma"),
        ("δ", "\\delta"),
        ("ε", "\\epsilon"),
        ("ϵ", "\\epsilon"),
        ("ζ", "\\zeta"),
        ("η", "\\eta"),
        ("θ", "\\theta"),
        ("ι", "\\iota"),
        ("κ", "\\kappa"),
        ("λ", "\\lambda"),
        ("μ", "\\mu"),
        ("ν", "\\nu"),
        ("ξ", "\\xi"),
        ("π", "\\pi"),
        ("ρ", "\\rho"),
        ("σ", "\\sigma"),
        ("τ", "\\tau"),
        ("υ", "\\upsilon"),
        ("φ", "\\phi"),
        ("ϕ", "\\phi"),
        ("χ", "\\chi"),
        ("ψ", "\\psi"),
        ("ω", "\\omega"),
        ("Γ", "\\Gamma"),
        ("Δ", "\\Delta"),
        ("Θ", "\\Theta"),
        ("Λ", "\\Lambda"),
        ("Ξ", "\\Xi"),
        ("Π", "\\Pi"),
        ("Σ", "\\Sigma"),
        ("Φ", "\\Phi"),
        ("Ψ", "\\Psi"),
        ("Ω", "\\Omega"),
    ];
    G.iter().find(|(u, _)| *u == t).map(|(_, tex)| *tex)
}

fn symbol(t: &str) -> Option<&'static str> {
    const S: &[(&str, &str)] =
        &[("∞", "\\infty"), ("∂", "\\partial"), ("∇", "\\nabla"), ("ℏ", "\\hbar"), ("ℓ", "\\ell"), ("∅", "\\emptyset")];
    S.iter().find(|(u, _)| *u == t).map(|(_, tex)| *tex)
}

fn operator(t: &str) -> String {
    const OPS: &[(&str, &str)] = &[
        ("±", "\\pm"),
        ("∓", "\\mp"),
        ("×", "\\times"),
        ("÷", "\\div"),
        ("·", "\\cdot"),
        ("⋅", "\\cdot"),
        ("−", "-"),
        ("≤", "\\leq"),
        ("≥", "\\geq"),
        ("≠", "\\neq"),
        ("≈", "\\approx"),
        ("≡", "\\equiv"),
        ("∼", "\\sim"),
        ("∝", "\\propto"),
        ("→", "\\rightarrow"),
        ("←", "\\leftarrow"),
        ("↔", "\\leftrightarrow"),
        ("⇒", "\\Rightarrow"),
        ("⇐", "\\Leftarrow"),
        ("⇔", "\\Leftrightarrow"),
        ("↦", "\\mapsto"),
        ("∈", "\\in"),
        ("∉", "\\notin"),
        ("⊂", "\\subset"),
        ("⊆", "\\subseteq"),
        ("⊃", "\\supset"),
        ("∪", "\\cup"),
        ("∩", "\\cap"),
        ("∀", "\\forall"),
        ("∃", "\\exists"),
        ("¬", "\\neg"),
        ("∧", "\\wedge"),
        ("∨", "\\vee"),
        ("∑", "\\sum"),
        ("∏", "\\prod"),
        ("∫", "\\int"),
        ("∮", "\\oint"),
        ("√", "\\sqrt"),
        ("…", "\\ldots"),
        ("⋯", "\\cdots"),
        ("⋮", "\\vdots"),
        ("∘", "\\circ"),
        ("∗", "\\ast"),
        ("⟨", "\\langle"),
        ("⟩", "\\rangle"),
        ("{", "\\{"),
        ("}", "\\}"),
        ("\u{2061}", ""),
        ("\u{2062}", ""),
        ("\u{2063}", ","),
        ("∞", "\\infty"),
    ];
    OPS.iter().find(|(u, _)| *u == t).map_or_else(|| t.to_string(), |(_, tex)| tex.to_string())
}

/// Whitespace collapsed, none just inside braces.
fn tidy(s: &str) -> String {
    let collapsed = super::collapse_whitespace(s);
    collapsed.replace("{ ", "{").replace(" }", "}")
}

#[cfg(test)]
mod tests {
    use crate::dom::parse;

    fn tex_of(html: &str) -> String {
        let dom = parse(html);
        let body = dom.body().unwrap();
        dom.inner_text(body)
    }

    #[test]
    fn the_annotation_is_the_source() {
        let html = r#"<p><math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></p>"#;
        assert_eq!(tex_of(html), "x^2");
    }

    #[test]
    fn presentation_markup_becomes_tex() {
        let html = "<p><math><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo><msqrt><msup><mi>b</mi><mn>2</mn></msup>\
                    <mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math></p>";
        assert_eq!(tex_of(html), "\\frac{- b \\pm \\sqrt{b^2 - 4ac}}{2a}");
        assert_eq!(tex_of("<p><math><mover><mi>F</mi><mo>→</mo></mover></math></p>"), "\\vec{F}");
        assert_eq!(tex_of("<p><math><msub><mi>α</mi><mi>i</mi></msub></math></p>"), "\\alpha_i");
        assert_eq!(
            tex_of("<p><math><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover></math></p>"),
            "\\sum_{i = 1}^n"
        );
    }

    #[test]
    fn deep_formulas_keep_their_text() {
        let html = format!("<p>{}x{}</p>", "<math><mrow>".repeat(500), "</mrow></math>".repeat(500));
        assert_eq!(tex_of(&html), "x");
    }

    #[test]
    fn smuggled_markup_is_not_tex() {
        // Only token elements' text counts: a <style> or <script> inside is dropped.
        let t = tex_of("<p><math><mi>x</mi><style>p{}</style><mtext><script>alert(1)</script></mtext></math></p>");
        assert_eq!(t, "x");
    }
}
