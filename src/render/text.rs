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
                self.flush();
                self.out.push(ch);
            }
        }
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
                w.raw(&dom.text_content(id));
                w.gap(2);
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
}
