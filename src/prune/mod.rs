//! The last look at the article before rendering: every text block (a paragraph, a list
//! item, a heading, a cell) is scored by a small learned model of what article text looks
//! like against what boilerplate looks like, and blocks the model is sure are boilerplate go.
//!
//! The earlier stages decide by rules: which container holds the article, which blocks in it
//! are named or worded as furniture. What they leave is mostly article, with a tail of things
//! no single rule catches: an author's bio, a list of sources, a sales pitch set between the
//! paragraphs, contact cards, a row of teasers without telling class names. The model weighs
//! many weak signals at once (length, links, punctuation, position, the words of the block's
//! and its containers' class names, the heading above it, its neighbours) the way no
//! hand-written rule can. It is trained on pages with ground truth by
//! `scripts/train-models.py prune`, which writes `model.rs`; see that script for how, and for the
//! cross-validated measurement that decides its threshold.
//!
//! Blocks are the units the text rendering puts on lines of their own, so what the model
//! learns from the rendered text is what it judges here.

pub mod corroborate;
pub mod features;
pub(crate) mod model;

use crate::article::Favor;
use crate::dom::{local_name, tags, Dom, NodeId};
use crate::models::Models;
use std::collections::HashSet;

/// A block of the article with text of its own: `node`'s children in `parts` (its text and
/// inline elements, not its nested blocks).
#[derive(Debug, Clone)]
pub struct Unit {
    pub node: NodeId,
    pub parts: Vec<NodeId>,
    pub text: String,
}

/// Is `id` laid out as a block of its own?
fn is_block(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id).is_some_and(tags::is_block_tag)
}

/// The article's text blocks, in document order: each run of text and inline elements
/// inside a block, between its nested blocks, is a unit (as the text rendering puts each on
/// lines of its own).
pub fn units(dom: &Dom, root: NodeId) -> Vec<Unit> {
    let mut out = Vec::new();
    collect(dom, root, &mut out);
    out
}

fn collect(dom: &Dom, block: NodeId, out: &mut Vec<Unit>) {
    let mut parts: Vec<NodeId> = Vec::new();
    for c in dom.children(block) {
        if dom.is_element(c) && is_block(dom, c) {
            flush(dom, block, &mut parts, out);
            // Depth is bounded: the parser flattens anything deeper than `dom::MAX_DEPTH`.
            collect(dom, c, out);
        } else if dom.is_element(c) || dom.text(c).is_some() {
            parts.push(c);
        }
    }
    flush(dom, block, &mut parts, out);
}

fn flush(dom: &Dom, block: NodeId, parts: &mut Vec<NodeId>, out: &mut Vec<Unit>) {
    if parts.is_empty() {
        return;
    }
    let mut text = String::new();
    for &p in parts.iter() {
        dom.push_text_content(p, &mut text);
    }
    let text = crate::dom::collapse_whitespace(&text);
    let parts = std::mem::take(parts);
    if text.chars().any(char::is_alphanumeric) {
        out.push(Unit { node: block, parts, text });
    }
}

/// The model's score below which a block is removed, by the caller's preference.
fn threshold(favor: Favor, models: &Models) -> Option<f32> {
    match favor {
        Favor::Recall => None,
        Favor::Balanced => Some(models.prune_threshold),
        Favor::Precision => Some(models.prune_threshold_precision),
    }
}

/// Removes the blocks the model calls boilerplate. Does nothing when that would take most of
/// the article (the model is then wrong about this page, or the page has no article).
pub fn prune(dom: &mut Dom, root: NodeId, title: Option<&str>, favor: Favor, models: &Models) {
    let Some(threshold) = threshold(favor, models) else { return };
    let units = units(dom, root);
    if units.len() < 2 {
        return;
    }
    let feats = features::compute(dom, root, &units, title);
    let total: usize = units.iter().map(|u| u.text.len()).sum();
    let exempt = exempt_blocks(dom, root);
    let doomed: Vec<&Unit> = units
        .iter()
        .zip(&feats)
        .filter(|(u, f)| !exempt.contains(&u.node) && models.prune.probability(f) < threshold)
        .map(|(u, _)| u)
        .collect();
    let removed: usize = doomed.iter().map(|u| u.text.len()).sum();
    if doomed.is_empty() || removed as f32 > total as f32 * models.prune_max_share {
        return;
    }
    for u in doomed {
        for &p in &u.parts {
            dom.detach(p);
        }
    }
    crate::clean::tidy(dom, root);
}

/// Blocks the model never judges: a cell of a data table (removing one cell would garble the
/// table; the clean stage has already judged the table as a whole) and code. The nearest
/// `pre`, `code` or `table` at or above a block decides.
///
/// Decided in one walk down from `root`, not by a walk up from every block: asked per block,
/// a 20,000-row table was rescanned for every cell, and the time grew with the square of the
/// table (issue 11).
fn exempt_blocks(dom: &Dom, root: NodeId) -> HashSet<NodeId> {
    let decides = |n: NodeId| -> Option<bool> {
        if dom.is(n, &local_name!("pre")) || dom.is(n, &local_name!("code")) {
            Some(true)
        } else if dom.is(n, &local_name!("table")) {
            Some(crate::clean::is_data_table(dom, n))
        } else {
            None
        }
    };
    let at_root = std::iter::once(root).chain(dom.ancestors(root)).find_map(decides).unwrap_or(false);
    let mut out = HashSet::new();
    let mut stack = vec![(root, at_root)];
    while let Some((node, exempt)) = stack.pop() {
        if exempt {
            out.insert(node);
        }
        for c in dom.element_children(node) {
            stack.push((c, decides(c).unwrap_or(exempt)));
        }
    }
    out
}

/// A block as the trainer sees it: its text, its features, and whether it is exempt.
pub type Dumped = (String, Vec<f32>, bool);

/// The blocks of an article and their features, for training the model (`pith eval
/// --dump-units`).
pub fn dump(dom: &Dom, root: NodeId, title: Option<&str>) -> Vec<Dumped> {
    let units = units(dom, root);
    let feats = features::compute(dom, root, &units, title);
    let exempt = exempt_blocks(dom, root);
    units
        .into_iter()
        .zip(feats)
        .map(|(u, f)| {
            let judged_never = exempt.contains(&u.node);
            (u.text, f, judged_never)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn units_are_text_blocks_in_order() {
        let dom = parse(
            "<body><div>Lead text <b>bold</b><p>First para.</p>tail<ul><li>one</li><li>two <p>deep</p></li></ul>\
             <table><tr><td>cell</td></tr></table></div></body>",
        );
        let body = dom.body().unwrap();
        let texts: Vec<String> = units(&dom, body).into_iter().map(|u| u.text).collect();
        assert_eq!(texts, ["Lead text bold", "First para.", "tail", "one", "two", "deep", "cell"]);
    }

    #[test]
    fn prose_stays_and_a_menu_goes() {
        let para = "The harbour board met on Tuesday to weigh the cost of dredging the channel, which has \
                    silted up faster than anyone expected, and the vote, when it came, was close.";
        // An old layout: a table whose first cell is the site's section menu.
        let mut html = String::from("<body><table><tr><td><ul>");
        for t in ["News", "Sports", "Business", "Weather", "Horoscopes", "Site Tools", "Classifieds"] {
            html.push_str(&format!("<li><a href='/{t}'>{t}</a></li>"));
        }
        html.push_str("</ul></td><td>");
        for _ in 0..6 {
            html.push_str(&format!("<p>{para}</p>"));
        }
        html.push_str("</td></tr></table></body>");
        let dom = parse(&html);
        let body = dom.body().unwrap();
        let units = units(&dom, body);
        let feats = features::compute(&dom, body, &units, None);
        let mut menu_below = 0;
        for (u, f) in units.iter().zip(&feats) {
            let s = model::MODEL.probability(f);
            if u.text.starts_with("The harbour") {
                assert!(s > model::THRESHOLD_PRECISION, "prose scored {s}");
            } else if s < model::THRESHOLD {
                menu_below += 1;
            }
        }
        assert!(menu_below >= 5, "only {menu_below} of 7 menu items scored as boilerplate");

        let mut pruned = parse(&html);
        prune(&mut pruned, body, None, Favor::Balanced, &crate::models::shipped());
        let text = pruned.inner_text(body);
        assert_eq!(text.matches("The harbour").count(), 6);
        let menu_left = ["News", "Sports", "Business", "Weather", "Horoscopes", "Site Tools", "Classifieds"]
            .iter()
            .filter(|t| text.contains(*t))
            .count();
        assert!(menu_left <= 2, "{text}");
        // Favoring recall prunes nothing.
        let mut kept = parse(&html);
        prune(&mut kept, body, None, Favor::Recall, &crate::models::shipped());
        assert!(kept.inner_text(body).contains("Horoscopes"));
    }
}
