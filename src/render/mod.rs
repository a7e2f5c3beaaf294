//! The article as output: sanitized HTML, plain text and Markdown, all three made from one
//! sanitized copy of the article tree, so no rendering can show what the sanitizer dropped.

pub mod annotate;
pub mod document;
pub mod html;
pub mod markdown;
pub mod text;

use crate::dom::{Dom, NodeId};

/// The article after sanitizing: what every rendering is made from.
pub struct Clean {
    pub dom: Dom,
}

impl Clean {
    pub fn new(src: &Dom, root: NodeId) -> Clean {
        Clean { dom: html::sanitize(src, root) }
    }

    pub fn html(&self) -> String {
        html::serialize(&self.dom, self.dom.root())
    }

    pub fn text(&self) -> String {
        text::to_text(&self.dom, self.dom.root())
    }

    pub fn markdown(&self) -> String {
        markdown::to_markdown(&self.dom, self.dom.root())
    }

    /// Element and text nodes in the sanitized article.
    pub fn node_count(&self) -> usize {
        self.dom.descendants(self.dom.root()).count()
    }
}
