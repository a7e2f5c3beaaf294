//! HTML text to `Dom`: html5ever builds a `markup5ever_rcdom::RcDom`, which is copied into the
//! arena in one iterative pass.

use super::{Attribute, Dom, NodeId};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{local_name, ns, parse_document, LocalName, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};
use std::sync::Arc;

/// Elements nested deeper than this are flattened into their ancestor at this depth: their
/// content stays, in order, but every later stage can walk the tree without deep recursion.
/// Real pages stay well under 100.
pub const MAX_DEPTH: usize = 256;

/// Parses a whole document. Never fails: html5ever recovers from any input, as browsers do.
pub fn parse(html: &str) -> Dom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            // Parse <noscript> content as markup (as a browser with scripting off does), so
            // the image fallbacks inside it can replace lazy-loading placeholders.
            scripting_enabled: false,
            drop_doctype: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let html = super::defuse(html);
    let rc = parse_document(RcDom::default(), opts).one(&*html);
    drop(html);
    from_rcdom(rc)
}

/// Copies the tree into the arena, taking it apart as it goes: each node's children are moved
/// out of it when they are queued, so a node is freed once copied, and the memory the
/// `RcDom` held is reused for the arena. (Both trees whole at once were the high-water mark of
/// the wasm memory.)
fn from_rcdom(rc: RcDom) -> Dom {
    let mut dom = Dom::new();
    let root = dom.root();
    // (source node, parent in the arena, depth); children pushed in reverse so they pop in order.
    let mut stack: Vec<(Handle, NodeId, usize)> = Vec::new();
    push_children(&mut stack, &rc.document, root, 1);
    while let Some((handle, parent, depth)) = stack.pop() {
        match &handle.data {
            RcData::Text { contents } => {
                let t = dom.create_text(&**contents.borrow());
                dom.append(parent, t);
            }
            RcData::Element { name, attrs, .. } => {
                if name.ns == ns!(svg) {
                    // Icons and charts: no article text, and markup we would never output.
                    continue;
                }
                if name.ns == ns!(mathml) {
                    // A formula stays as its TeX source, never as foreign markup (see mathml.rs):
                    // `<code class="language-math">`, in a `<pre>` when it is set on its own.
                    let (tex, written_by_page) = super::mathml::to_tex(&handle);
                    if !tex.is_empty() {
                        let code = math_code(&mut dom, tex);
                        if !written_by_page {
                            // TeX the page never wrote: the plain text speaks the formula as
                            // the page shows it instead (see render/text.rs).
                            let shown = super::mathml::shown_text(&handle);
                            dom.set_attr(code, SHOWN_ATTR, shown);
                        }
                        if super::mathml::is_display(&handle) {
                            let pre = dom.create_element(local_name!("pre"), Vec::new());
                            dom.append(pre, code);
                            dom.append(parent, pre);
                        } else {
                            dom.append(parent, code);
                        }
                    }
                    continue;
                }
                if depth > MAX_DEPTH {
                    // Too deep: drop the wrapper, keep its content in the ancestor at MAX_DEPTH.
                    push_children(&mut stack, &handle, parent, depth);
                    continue;
                }
                let attrs = attrs
                    .borrow()
                    .iter()
                    .filter(|a| a.name.ns == ns!())
                    .map(|a| Attribute { name: a.name.local.clone(), value: Arc::from(&*a.value) })
                    .collect();
                let el = dom.create_element(LocalName::from(&*name.local), attrs);
                dom.append(parent, el);
                push_children(&mut stack, &handle, el, depth + 1);
            }
            // Comments, doctypes and processing instructions carry nothing we show.
            _ => {}
        }
    }
    dom
}

fn push_children(stack: &mut Vec<(Handle, NodeId, usize)>, h: &Handle, parent: NodeId, depth: usize) {
    let children = std::mem::take(&mut *h.children.borrow_mut());
    stack.extend(children.into_iter().rev().map(|c| (c, parent, depth)));
}

/// The class that marks a formula's TeX (as highlighters mark a code block's language).
pub const MATH_CLASS: &str = "language-math";

/// On a formula's code, its text as the page shows it, when its TeX is ours (from MathML).
pub const SHOWN_ATTR: &str = "data-shown";

/// `<code class="language-math">` holding `tex`.
pub fn math_code(dom: &mut Dom, tex: String) -> NodeId {
    let code = dom.create_element(
        local_name!("code"),
        vec![Attribute { name: LocalName::from("class"), value: MATH_CLASS.into() }],
    );
    let t = dom.create_text(tex);
    dom.append(code, t);
    code
}

/// Elements whose content is never text a reader sees (code, styling, plain-text escapes).
pub(crate) fn is_never_text(name: &str) -> bool {
    matches!(name, "style" | "script" | "template" | "title" | "noscript" | "textarea" | "xmp" | "iframe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_html_head_body() {
        let dom = parse("<title>T</title><p>Hello <b>world</b>");
        let body = dom.body().unwrap();
        assert_eq!(dom.inner_text(body), "Hello world");
        let head = dom.head().unwrap();
        assert_eq!(dom.inner_text(head), "T");
    }

    #[test]
    fn noscript_is_markup() {
        let dom = parse("<noscript><img src=a.jpg></noscript>");
        let body = dom.body().unwrap();
        assert!(dom.find(body, &local_name!("img")).is_some());
    }

    #[test]
    fn deep_nesting_is_flattened_not_lost() {
        let depth = 5000;
        let html = format!("{}deep text{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let dom = parse(&html);
        let body = dom.body().unwrap();
        assert_eq!(dom.inner_text(body), "deep text");
        let max = dom.descendants(dom.root()).map(|d| dom.ancestors(d).count()).max().unwrap();
        assert!(max <= MAX_DEPTH + 1, "depth {max}");
    }

    #[test]
    fn svg_dropped_math_kept_as_text() {
        let dom = parse("<p>a<svg><a href=x><text>icon</text></a></svg>b<math><mi>x</mi><mn>2</mn></math></p>");
        assert_eq!(dom.inner_text(dom.body().unwrap()), "abx2");
    }
}
