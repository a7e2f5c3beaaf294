//! A quick answer to "is there an article here at all?", without extracting it: a page is
//! readerable when enough visible paragraphs of real length stand outside the furniture.

use crate::dom::{local_name, tags, Dom, NodeId};
use crate::locate::is_unlikely;
use crate::prepare::is_hidden;

/// Paragraphs shorter than this (in characters) do not count.
const MIN_PARAGRAPH: usize = 140;
/// Sum over counted paragraphs of sqrt(length - MIN_PARAGRAPH) needed.
const MIN_SCORE: f64 = 20.0;

pub fn is_readerable(dom: &Dom) -> bool {
    let Some(body) = dom.body() else { return false };
    let mut nodes: Vec<NodeId> = Vec::new();
    for d in dom.descendants(body) {
        match dom.tag(d) {
            Some(&local_name!("p")) | Some(&local_name!("pre")) | Some(&local_name!("article")) => nodes.push(d),
            // A div of text alone is a paragraph in all but name.
            Some(&local_name!("div")) if dom.children(d).all(|c| crate::dom::measure::is_phrasing(dom, c)) => {
                nodes.push(d)
            }
            // Text split by <br>s inside a div reads as paragraphs too.
            Some(&local_name!("br")) => {
                if let Some(p) = dom.parent(d).filter(|&p| dom.is(p, &local_name!("div"))) {
                    if !nodes.contains(&p) {
                        nodes.push(p);
                    }
                }
            }
            _ => {}
        }
    }
    let mut score = 0.0;
    for n in nodes {
        if is_hidden(dom, n) || dom.ancestors(n).any(|a| is_hidden(dom, a)) {
            continue;
        }
        if is_unlikely(&dom.class_and_id(n).to_lowercase()) {
            continue;
        }
        // A paragraph inside a list item is a teaser on a listing page.
        if dom.is(n, &local_name!("p")) && dom.ancestors(n).any(|a| dom.is(a, &local_name!("li"))) {
            continue;
        }
        // CJK characters carry about as much as a short word each: count them thrice.
        let len: usize = dom.text_content(n).trim().chars().map(|c| if crate::is_cjk(c) { 3 } else { 1 }).sum();
        if len < MIN_PARAGRAPH {
            continue;
        }
        // A teaser card (a linked headline and a summary) is not article text.
        if crate::dom::measure::link_density(dom, n) > 0.3
            || dom
                .descendants(n)
                .any(|d| dom.tag(d).is_some_and(tags::is_heading_tag) && dom.find(d, &local_name!("a")).is_some())
        {
            continue;
        }
        score += ((len - MIN_PARAGRAPH) as f64).sqrt();
        if score > MIN_SCORE {
            return true;
        }
    }
    false
}
