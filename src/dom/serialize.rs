//! Plain HTML serialization of a tree, as a browser's `outerHTML` would give it: every element
//! and attribute kept (the sanitizing serializer is `render::html`). Raw-text elements
//! (`<style>`, `<script>`) have their text written unescaped, as HTML requires.

use super::{tags, Dom, NodeData, NodeId};
use html5ever::local_name;

/// Serializes `id` (an element: with its tags; the document: its children) as HTML.
pub fn outer_html(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeId, bool)> = vec![(id, false)];
    while let Some((n, closing)) = stack.pop() {
        match &dom.node(n).data {
            NodeData::Document => {
                let before = stack.len();
                stack.extend(dom.children(n).map(|c| (c, false)));
                stack[before..].reverse();
            }
            NodeData::Text(t) => {
                let raw = dom.parent(n).and_then(|p| dom.tag(p)).is_some_and(|t| {
                    matches!(
                        *t,
                        local_name!("style") | local_name!("script") | local_name!("xmp") | local_name!("noscript")
                    )
                });
                if raw {
                    out.push_str(t);
                } else {
                    escape(t, false, &mut out);
                }
            }
            NodeData::Element(el) => {
                if closing {
                    out.push_str("</");
                    out.push_str(&el.name);
                    out.push('>');
                    continue;
                }
                out.push('<');
                out.push_str(&el.name);
                for a in &el.attrs {
                    out.push(' ');
                    out.push_str(&a.name);
                    out.push_str("=\"");
                    escape(&a.value, true, &mut out);
                    out.push('"');
                }
                out.push('>');
                if tags::is_void_tag(&el.name) || el.name == local_name!("wbr") {
                    continue;
                }
                stack.push((n, true));
                let before = stack.len();
                stack.extend(dom.children(n).map(|c| (c, false)));
                stack[before..].reverse();
            }
        }
    }
    out
}

fn escape(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attr => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn round_trips_a_document() {
        let html = "<html><head><style>p > a { x: \"y\" }</style></head><body><p class=\"a&amp;b\">1 &lt; 2<br>x</p></body></html>";
        let dom = parse(html);
        assert_eq!(outer_html(&dom, dom.root()), html);
    }
}
