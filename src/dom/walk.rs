//! Tree walks without recursion, so a deeply nested page cannot exhaust the stack.

use super::{Dom, NodeId};

/// Pre-order walk of the nodes below `root` (not `root` itself).
///
/// The walk reads the sibling links as it goes: detaching the node just returned (or any node
/// not yet reached) while walking is fine once [`Descendants::skip_subtree`] was called for it.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl<'a> Descendants<'a> {
    pub fn new(dom: &'a Dom, root: NodeId) -> Self {
        Descendants { dom, root, next: dom.first_child(root) }
    }
}

/// The node after `id` in document order within `root`, ignoring `id`'s children.
pub fn next_skipping_children(dom: &Dom, root: NodeId, id: NodeId) -> Option<NodeId> {
    let mut cur = id;
    loop {
        if cur == root {
            return None;
        }
        if let Some(s) = dom.next_sibling(cur) {
            return Some(s);
        }
        cur = dom.parent(cur)?;
    }
}

/// The node after `id` in document order within `root`.
pub fn next_in_order(dom: &Dom, root: NodeId, id: NodeId) -> Option<NodeId> {
    dom.first_child(id).or_else(|| next_skipping_children(dom, root, id))
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = next_in_order(self.dom, self.root, cur);
        Some(cur)
    }
}

impl Dom {
    /// Calls `f` on every node below `root` in document order, letting it edit the tree.
    /// `f` returns what to do next; the walk continues from the node after the one visited,
    /// computed after `f` ran, so `f` may remove or replace the node it was given.
    pub fn walk_mut(&mut self, root: NodeId, mut f: impl FnMut(&mut Dom, NodeId) -> Step) {
        let mut cur = self.first_child(root);
        while let Some(id) = cur {
            // Where to go if `id` disappears: computed before `f` can move it.
            let after_subtree = next_skipping_children(self, root, id);
            match f(self, id) {
                Step::Descend => cur = next_in_order(self, root, id),
                Step::SkipChildren => cur = next_skipping_children(self, root, id),
                Step::Removed => cur = after_subtree,
                Step::Continue(next) => cur = next,
            }
        }
    }

    /// Nodes in post-order (children before parents) below and including `root`.
    pub fn post_order(&self, root: NodeId) -> Vec<NodeId> {
        let mut order: Vec<NodeId> = std::iter::once(root).chain(self.descendants(root)).collect();
        // Reverse pre-order visits every child before its parent.
        order.reverse();
        order
    }
}

/// What `walk_mut` does after visiting a node.
pub enum Step {
    /// Go on into the node's children.
    Descend,
    /// Leave the node's subtree unvisited.
    SkipChildren,
    /// The node was detached: continue after where its subtree was.
    Removed,
    /// Continue from this node (for callbacks that restructured the tree themselves).
    Continue(Option<NodeId>),
}
