//! Plain text of a sanitized article: a blank line between paragraphs, one line per list
//! item and table row (cells separated by tabs), whitespace collapsed except inside `<pre>`.

use crate::dom::{local_name, Dom, LocalName, NodeData, NodeId};

/// How a block separates itself from its neighbours.
fn block_gap(name: &LocalName) -> Option<usize> {
    Some(match *name {
        local_name!("li")
        | local_name!("tr")
        | local_name!("dt")
        | local_name!("dd")
        | local_name!("figcaption")
        | local_name!("caption")
        | local_name!("summary") => 1,
        local_name!("p")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("pre")
        | local_name!("blockquote")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl")
        | local_name!("table")
        | local_name!("figure")
        | local_name!("hr")
        | local_name!("details") => 2,
        local_name!("div")
        | local_name!("section")
        | local_name!("tbody")
        | local_name!("thead")
        | local_name!("tfoot") => 1,
        _ => return None,
    })
}

/// Accumulates text, deciding spaces and line breaks lazily so none dangle at the ends.
#[derive(Default)]
pub struct TextWriter {
    out: String,
    space: bool,
    /// A word boundary with no space written: a space only if a letter or digit follows.
    soft_space: bool,
    breaks: usize,
    sep: Option<&'static str>,
}

impl TextWriter {
    fn flush(&mut self) {
        if self.out.is_empty() {
            self.space = false;
            self.breaks = 0;
            self.sep = None;
            return;
        }
        if self.breaks > 0 {
            for _ in 0..self.breaks {
                self.out.push('\n');
            }
            self.breaks = 0;
            self.space = false;
            self.sep = None;
        } else if let Some(sep) = self.sep.take() {
            self.out.push_str(sep);
            self.space = false;
        } else if self.space {
            self.out.push(' ');
            self.space = false;
        }
    }

    /// Text with whitespace collapsed.
    pub fn text(&mut self, s: &str) {
        for ch in s.chars() {
            if ch.is_whitespace() {
                self.space = true;
            } else {
                if std::mem::take(&mut self.soft_space) && ch.is_alphanumeric() {
                    self.space = true;
                }
                self.flush();
                self.out.push(ch);
            }
        }
    }

    /// A word of its own (a formula as text): never run into the words beside it, as the
    /// page's markup may do ("solutions to <math>…</math>and they are").
    fn word(&mut self, s: &str) {
        if self.out.ends_with(char::is_alphanumeric) {
            self.space = true;
        }
        self.text(s);
        self.soft_space = true;
    }

    /// Preformatted text, kept as it is.
    pub fn raw(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.out.push_str(s.trim_end_matches('\n'));
    }

    /// At least `n` line breaks before whatever comes next.
    pub fn gap(&mut self, n: usize) {
        self.breaks = self.breaks.max(n);
    }

    fn separator(&mut self, s: &'static str) {
        if self.breaks == 0 {
            self.sep = Some(s);
        }
    }

    pub fn finish(mut self) -> String {
        // A last `<pre>` may end in spaces; the text as a whole ends with its last character.
        self.out.truncate(self.out.trim_end().len());
        self.out
    }
}

pub fn to_text(dom: &Dom, root: NodeId) -> String {
    let mut w = TextWriter::default();
    for c in dom.children(root) {
        write_node(dom, c, &mut w);
    }
    w.finish()
}

fn write_node(dom: &Dom, id: NodeId, w: &mut TextWriter) {
    match &dom.node(id).data {
        NodeData::Text(t) => w.text(t),
        NodeData::Element(el) => {
            let name = &el.name;
            if *name == local_name!("br") {
                w.gap(1);
                return;
            }
            if *name == local_name!("pre") {
                w.gap(2);
                let text = dom.text_content(id);
                match only_math(dom, id).map(|c| dom.attr(c, crate::dom::SHOWN_ATTR)) {
                    Some(Some(shown)) => w.raw(shown),
                    Some(None) => w.raw(&format!("$$\n{}\n$$", text.trim())),
                    None => w.raw(&text),
                }
                w.gap(2);
                return;
            }
            if *name == local_name!("code") && is_math(dom, id) {
                match dom.attr(id, crate::dom::SHOWN_ATTR) {
                    Some(shown) => w.word(shown),
                    None => w.text(&format!("${}$", dom.text_content(id).trim())),
                }
                return;
            }
            if matches!(*name, local_name!("td") | local_name!("th")) && dom.prev_sibling(id).is_some() {
                w.separator("\t");
            }
            let gap = block_gap(name);
            if let Some(g) = gap {
                w.gap(g);
            }
            for c in dom.children(id) {
                write_node(dom, c, w);
            }
            if let Some(g) = gap {
                w.gap(g);
            }
        }
        NodeData::Document => {}
    }
}

/// A formula's TeX (see `dom::MATH_CLASS`): written between dollars, as Markdown has it, when
/// the page wrote it; a formula whose TeX Pith wrote from MathML is given as the page shows it
/// (`dom::SHOWN_ATTR`), since plain text should not introduce a notation the page never used
/// (and Readability's and a browser's text agree with that).
fn is_math(dom: &Dom, code: NodeId) -> bool {
    dom.attr(code, "class").is_some_and(|c| c.split_whitespace().any(|w| w == crate::dom::MATH_CLASS))
}

/// The formula's code when a `<pre>` holds only that.
fn only_math(dom: &Dom, pre: NodeId) -> Option<NodeId> {
    let mut kids = dom.children(pre).filter(|&c| dom.text(c).is_none_or(|t| !t.trim().is_empty()));
    match (kids.next(), kids.next()) {
        (Some(c), None) if dom.is(c, &local_name!("code")) && is_math(dom, c) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn text(html: &str) -> String {
        let dom = parse(html);
        to_text(&dom, dom.body().unwrap())
    }

    #[test]
    fn paragraphs_lists_tables() {
        assert_eq!(text("<p>One  <b>two</b>\n three.</p><p>Four</p>"), "One two three.\n\nFour");
        assert_eq!(text("<ul><li>a</li><li>b</li></ul><p>c</p>"), "a\nb\n\nc");
        assert_eq!(text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"), "1\t2\n3\t4");
        assert_eq!(text("<p>a<br>b</p>"), "a\nb");
        assert_eq!(text("<pre>  x = 1\n  y = 2\n</pre><p>after</p>"), "  x = 1\n  y = 2\n\nafter");
        assert_eq!(text("<div>in<span>line</span></div>"), "inline");
    }

    #[test]
    fn formulas_as_the_page_wrote_them() {
        // TeX the page wrote (an annotation) stays TeX; TeX Pith wrote from presentation MathML
        // is given as the page shows the formula.
        let annotated = r#"<p>So <math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math>.</p>"#;
        assert_eq!(text(annotated), "So $x^2$.");
        assert_eq!(text("<p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, two.</p>"), "When a ≠ 0, two.");
        assert_eq!(text("<p>get<math><mi>k</mi></math>heads</p>"), "get k heads");
        let display = r#"<p>Then</p><math display="block"><mi>x</mi><mo>=</mo><mn>1</mn></math>"#;
        assert_eq!(text(display), "Then\n\nx = 1");
    }
}
