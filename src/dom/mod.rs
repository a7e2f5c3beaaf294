//! The page as a tree every later stage works on.
//!
//! html5ever parses into a `markup5ever_rcdom::RcDom` (see `parse.rs`), which we copy once into
//! this arena: nodes live in one `Vec` and link to each other by index. Scoring keeps numbers
//! per node, and pruning detaches subtrees; both are a plain index operation here, where the
//! `Rc<RefCell<..>>` tree would need a borrow and a hash map for every step.

mod guard;
mod mathml;
mod parse;
mod serialize;
mod walk;

pub use guard::{defuse, GUARD_DEPTH, MAX_ATTRIBUTES};
pub use parse::{math_code, parse, MATH_CLASS, MAX_DEPTH, SHOWN_ATTR};
pub use serialize::outer_html;
pub use walk::{next_in_order, next_skipping_children, Descendants, Step};
pub mod measure;
pub mod tags;

pub use html5ever::LocalName;
use std::num::NonZeroU32;
use std::sync::Arc;

pub use html5ever::local_name;

/// Index of a node in its `Dom`. Non-zero so that `Option<NodeId>` stays four bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    #[inline]
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }

    #[inline]
    fn from_index(i: usize) -> NodeId {
        NodeId(NonZeroU32::new(i as u32 + 1).expect("node index overflow"))
    }
}

/// Attribute values and texts are shared, never edited in place (a change makes a new one): the
/// strategy stage reads the page on several copies of its tree at once, and a copy then costs
/// the nodes, not the page's text again (wasm memory on text-heavy pages: see README).
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: LocalName,
    pub value: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub name: LocalName,
    pub attrs: Vec<Attribute>,
}

#[derive(Debug, Clone)]
pub enum NodeData {
    Document,
    Element(Element),
    Text(Arc<str>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
}

/// An HTML document as an arena of nodes. Detached nodes stay in the arena (unreachable from
/// the root); indices therefore never move.
#[derive(Debug, Clone)]
pub struct Dom {
    nodes: Vec<Node>,
}

impl Default for Dom {
    fn default() -> Self {
        Self::new()
    }
}

impl Dom {
    pub fn new() -> Dom {
        let mut dom = Dom { nodes: Vec::new() };
        dom.push(NodeData::Document);
        dom
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId::from_index(0)
    }

    /// Number of nodes ever created (detached ones included).
    pub fn capacity(&self) -> usize {
        self.nodes.len()
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
        });
        NodeId::from_index(self.nodes.len() - 1)
    }

    pub fn create_element(&mut self, name: LocalName, attrs: Vec<Attribute>) -> NodeId {
        self.push(NodeData::Element(Element { name, attrs }))
    }

    pub fn create_text(&mut self, text: impl Into<Arc<str>>) -> NodeId {
        self.push(NodeData::Text(text.into()))
    }

    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    #[inline]
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    #[inline]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    #[inline]
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    #[inline]
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).next_sibling
    }

    #[inline]
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).prev_sibling
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.first_child(id) }
    }

    /// Element children only.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| self.is_element(c))
    }

    /// Every node below `id` in document order (not `id` itself).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants::new(self, id)
    }

    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    #[inline]
    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.node_mut(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    #[inline]
    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.node(id).data, NodeData::Element(_))
    }

    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The element's local name, or `None` for text and the document.
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        self.element(id).map(|e| &e.name)
    }

    #[inline]
    pub fn is(&self, id: NodeId, name: &LocalName) -> bool {
        self.tag(id) == Some(name)
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id)?.attrs.iter().find(|a| &*a.name == name).map(|a| &*a.value)
    }

    pub fn has_attr(&self, id: NodeId, name: &str) -> bool {
        self.attr(id, name).is_some()
    }

    pub fn set_attr(&mut self, id: NodeId, name: &str, value: impl Into<Arc<str>>) {
        let value = value.into();
        if let Some(el) = self.element_mut(id) {
            match el.attrs.iter_mut().find(|a| &*a.name == name) {
                Some(a) => a.value = value,
                None => el.attrs.push(Attribute { name: LocalName::from(name), value }),
            }
        }
    }

    pub fn remove_attr(&mut self, id: NodeId, name: &str) {
        if let Some(el) = self.element_mut(id) {
            el.attrs.retain(|a| &*a.name != name);
        }
    }

    pub fn rename(&mut self, id: NodeId, name: LocalName) {
        if let Some(el) = self.element_mut(id) {
            el.name = name;
        }
    }

    /// `class` and `id` joined by a space: the string class/id patterns are matched against.
    pub fn class_and_id(&self, id: NodeId) -> String {
        let class = self.attr(id, "class").unwrap_or("");
        let ident = self.attr(id, "id").unwrap_or("");
        let mut s = String::with_capacity(class.len() + ident.len() + 1);
        s.push_str(class);
        s.push(' ');
        s.push_str(ident);
        s
    }

    /// Unlinks `id` (with its subtree) from its parent and siblings.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = self.node(id);
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        match prev {
            Some(p) => self.node_mut(p).next_sibling = next,
            None => {
                if let Some(par) = parent {
                    self.node_mut(par).first_child = next;
                }
            }
        }
        match next {
            Some(n) => self.node_mut(n).prev_sibling = prev,
            None => {
                if let Some(par) = parent {
                    self.node_mut(par).last_child = prev;
                }
            }
        }
        let n = self.node_mut(id);
        n.parent = None;
        n.prev_sibling = None;
        n.next_sibling = None;
    }

    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.node(parent).last_child;
        {
            let c = self.node_mut(child);
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(l) => self.node_mut(l).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Puts `new` where `reference` is, just before it.
    pub fn insert_before(&mut self, reference: NodeId, new: NodeId) {
        self.detach(new);
        let parent = self.parent(reference);
        let prev = self.prev_sibling(reference);
        {
            let n = self.node_mut(new);
            n.parent = parent;
            n.prev_sibling = prev;
            n.next_sibling = Some(reference);
        }
        self.node_mut(reference).prev_sibling = Some(new);
        match prev {
            Some(p) => self.node_mut(p).next_sibling = Some(new),
            None => {
                if let Some(par) = parent {
                    self.node_mut(par).first_child = Some(new);
                }
            }
        }
    }

    /// Replaces `old` by `new` (which leaves its own place).
    pub fn replace(&mut self, old: NodeId, new: NodeId) {
        if old == new {
            return;
        }
        self.insert_before(old, new);
        self.detach(old);
    }

    /// Replaces the element by its children.
    pub fn unwrap(&mut self, id: NodeId) {
        while let Some(c) = self.first_child(id) {
            self.insert_before(id, c);
        }
        self.detach(id);
    }

    /// Moves all children of `from` to the end of `to`.
    pub fn move_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.first_child(from) {
            self.append(to, c);
        }
    }

    /// Whether `id` is still reachable from the document root.
    pub fn is_attached(&self, id: NodeId) -> bool {
        let root = self.root();
        id == root || self.ancestors(id).any(|a| a == root)
    }

    /// Is `anc` an ancestor of `id` (or `id` itself)?
    pub fn contains(&self, anc: NodeId, id: NodeId) -> bool {
        id == anc || self.ancestors(id).any(|a| a == anc)
    }

    /// First ancestor (not `id` itself) with one of these names, at most `max_depth` levels up
    /// (0 = unlimited).
    pub fn ancestor_named(&self, id: NodeId, names: &[LocalName], max_depth: usize) -> Option<NodeId> {
        self.ancestors(id)
            .take(if max_depth == 0 { usize::MAX } else { max_depth })
            .find(|&a| self.tag(a).is_some_and(|t| names.contains(t)))
    }

    /// The first element named `name` in document order under `from`.
    pub fn find(&self, from: NodeId, name: &LocalName) -> Option<NodeId> {
        self.descendants(from).find(|&d| self.is(d, name))
    }

    /// All elements named `name` under `from` (document order).
    pub fn find_all<'a>(&'a self, from: NodeId, name: &'a LocalName) -> impl Iterator<Item = NodeId> + 'a {
        self.descendants(from).filter(move |&d| self.is(d, name))
    }

    pub fn html_element(&self) -> Option<NodeId> {
        self.element_children(self.root()).find(|&c| self.is(c, &local_name!("html")))
    }

    pub fn head(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.element_children(html).find(|&c| self.is(c, &local_name!("head")))
    }

    pub fn body(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.element_children(html).find(|&c| self.is(c, &local_name!("body")))
    }

    /// All text below `id`, concatenated as the DOM's `textContent` would.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        self.push_text_content(id, &mut s);
        s
    }

    pub fn push_text_content(&self, id: NodeId, out: &mut String) {
        if let Some(t) = self.text(id) {
            out.push_str(t);
            return;
        }
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                out.push_str(t);
            }
        }
    }

    /// Text content with runs of whitespace collapsed to one space and trimmed.
    pub fn inner_text(&self, id: NodeId) -> String {
        collapse_whitespace(&self.text_content(id))
    }

    /// Length in characters of the text below `id` with whitespace collapsed and trimmed (the
    /// length of `inner_text`), counted without building the string.
    pub fn text_len(&self, id: NodeId) -> usize {
        let mut n = 0;
        let mut pending_space = false;
        let mut count = |t: &str| {
            for ch in t.chars() {
                if ch.is_whitespace() {
                    pending_space = n > 0;
                } else {
                    if pending_space {
                        n += 1;
                        pending_space = false;
                    }
                    n += 1;
                }
            }
        };
        match self.text(id) {
            Some(t) => count(t),
            None => {
                for d in self.descendants(id) {
                    if let Some(t) = self.text(d) {
                        count(t);
                    }
                }
            }
        }
        n
    }

    /// Is there any text (other than whitespace) below `id`? Stops at the first.
    pub fn has_text(&self, id: NodeId) -> bool {
        let non_blank = |t: &str| t.chars().any(|c| !c.is_whitespace());
        match self.text(id) {
            Some(t) => non_blank(t),
            None => self.descendants(id).any(|d| self.text(d).is_some_and(non_blank)),
        }
    }

    /// Is `text_len(id)` at most `limit`? Stops counting past it.
    pub fn has_text_at_most(&self, id: NodeId, limit: usize) -> bool {
        // `text_len` counts collapsed characters; raw non-whitespace characters are fewer than
        // or as many, so counting those first rules most long blocks out early.
        let mut non_ws = 0;
        let over = |t: &str, n: &mut usize| {
            *n += t.chars().filter(|c| !c.is_whitespace()).count();
            *n > limit
        };
        let too_long = match self.text(id) {
            Some(t) => over(t, &mut non_ws),
            None => self.descendants(id).any(|d| self.text(d).is_some_and(|t| over(t, &mut non_ws))),
        };
        !too_long && self.text_len(id) <= limit
    }

    /// `text_len` of `root` and of every node below it, in one pass over the tree, by node
    /// index (`u32::MAX` for nodes elsewhere). For walks that ask every node its length: a walk
    /// in document order that only removes the node it stands on (or nodes after it) leaves
    /// the lengths of the nodes it has yet to visit as they were.
    pub fn text_lens(&self, root: NodeId) -> Vec<u32> {
        #[derive(Clone, Copy, Default)]
        struct Run {
            n: u32,
            starts_ws: bool,
            ends_ws: bool,
        }
        fn join(a: Run, b: Run) -> Run {
            match (a.n, b.n) {
                (0, 0) => {
                    let ws = a.starts_ws || b.starts_ws;
                    Run { n: 0, starts_ws: ws, ends_ws: ws }
                }
                (0, _) => Run { starts_ws: a.starts_ws || b.starts_ws, ..b },
                (_, 0) => Run { ends_ws: a.ends_ws || b.starts_ws, ..a },
                _ => Run {
                    n: a.n + b.n + u32::from(a.ends_ws || b.starts_ws),
                    starts_ws: a.starts_ws,
                    ends_ws: b.ends_ws,
                },
            }
        }
        fn of_text(t: &str) -> Run {
            let mut r = Run::default();
            let mut pending = false;
            for ch in t.chars() {
                if ch.is_whitespace() {
                    if r.n == 0 {
                        r.starts_ws = true;
                    }
                    pending = true;
                } else {
                    if pending && r.n > 0 {
                        r.n += 1;
                    }
                    pending = false;
                    r.n += 1;
                }
            }
            r.ends_ws = pending;
            r
        }
        let mut runs = vec![Run::default(); self.capacity()];
        let mut out = vec![u32::MAX; self.capacity()];
        // Children after their parents in `order`; folding it backwards finishes every child
        // before its parent.
        let order: Vec<NodeId> = std::iter::once(root).chain(self.descendants(root)).collect();
        for &id in order.iter().rev() {
            let run = match self.text(id) {
                Some(t) => of_text(t),
                None => self.children(id).fold(Run::default(), |acc, c| join(acc, runs[c.index()])),
            };
            runs[id.index()] = run;
            out[id.index()] = run.n;
        }
        out
    }

    /// Element and text nodes reachable from `id`, `id` included.
    pub fn count_nodes(&self, id: NodeId) -> usize {
        1 + self.descendants(id).count()
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.dom.next_sibling(cur);
        Some(cur)
    }
}

/// Collapses every run of whitespace (HTML's and Unicode's) to one space, and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// Length in characters of `s` once whitespace is collapsed and trimmed, without allocating.
pub fn collapsed_len(s: &str) -> usize {
    let mut n = 0;
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            pending_space = n > 0;
        } else {
            if pending_space {
                n += 1;
                pending_space = false;
            }
            n += 1;
        }
    }
    n
}

pub fn is_whitespace_only(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn collapse() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
        assert_eq!(collapsed_len("  a \n\t b  "), 3);
        assert_eq!(collapsed_len(""), 0);
        let dom = parse("<p> a <b> b </b>c  </p>");
        let p = dom.find(dom.root(), &local_name!("p")).unwrap();
        assert_eq!(dom.text_len(p), dom.inner_text(p).chars().count());
    }

    #[test]
    fn tree_edits_keep_links_consistent() {
        let mut dom = Dom::new();
        let root = dom.root();
        let a = dom.create_element(local_name!("div"), vec![]);
        let b = dom.create_text("b");
        let c = dom.create_text("c");
        dom.append(root, a);
        dom.append(a, b);
        dom.append(a, c);
        assert_eq!(dom.children(a).collect::<Vec<_>>(), vec![b, c]);
        let x = dom.create_element(local_name!("span"), vec![]);
        dom.insert_before(c, x);
        assert_eq!(dom.children(a).collect::<Vec<_>>(), vec![b, x, c]);
        dom.detach(b);
        assert_eq!(dom.children(a).collect::<Vec<_>>(), vec![x, c]);
        dom.append(x, b);
        dom.unwrap(x);
        assert_eq!(dom.children(a).collect::<Vec<_>>(), vec![b, c]);
        assert_eq!(dom.text_content(a), "bc");
        assert!(!dom.is_attached(x));
        assert!(dom.is_attached(c));
        // Backward links agree with forward ones.
        assert_eq!(dom.node(a).last_child, Some(c));
        assert_eq!(dom.prev_sibling(c), Some(b));
    }

    #[test]
    fn text_lens_agree_with_text_len() {
        let dom = parse(
            "<body> <div>  a <b>b</b>c <i> </i> <span></span>d<p>\n e  f </p>  </div><pre> x\n y </pre>\
             <ul><li> </li><li>one</li></ul> tail </body>",
        );
        let body = dom.body().unwrap();
        let lens = dom.text_lens(body);
        for id in std::iter::once(body).chain(dom.descendants(body)) {
            assert_eq!(lens[id.index()] as usize, dom.text_len(id), "{:?}", dom.text_content(id));
        }
    }
}
