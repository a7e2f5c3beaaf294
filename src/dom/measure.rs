//! Measures of the tree that every stage asks (text length, link density, similarity, what
//! counts as phrasing content): they live beside the DOM they measure, so a stage that needs one
//! depends only on what is below it, never on a sibling stage.

use super::{local_name, tags, Dom, LocalName, NodeId};

/// Length of the text below `id` with whitespace collapsed.
pub fn text_len(dom: &Dom, id: NodeId) -> usize {
    dom.text_len(id)
}

/// Share of the text that sits in links (in-page `#` links count 30 %).
pub fn link_density(dom: &Dom, id: NodeId) -> f32 {
    let total = text_len(dom, id);
    if total == 0 {
        return 0.0;
    }
    let mut linked = 0.0f32;
    for a in dom.find_all(id, &local_name!("a")) {
        linked += text_len(dom, a) as f32 * link_coefficient(dom, a);
    }
    linked / total as f32
}

/// `link_density` of every node under a root, measured in one pass (for loops that ask many
/// nodes of a tree that does not change meanwhile).
pub struct LinkDensities {
    lens: Vec<u32>,
    linked: Vec<f32>,
}

impl LinkDensities {
    pub fn measure(dom: &Dom, root: NodeId) -> LinkDensities {
        let lens = dom.text_lens(root);
        let mut linked = vec![0.0f32; dom.capacity()];
        let order: Vec<NodeId> = std::iter::once(root).chain(dom.descendants(root)).collect();
        // Children before parents: the text in links strictly below each node.
        for &id in order.iter().rev() {
            let mut sum = 0.0;
            for c in dom.children(id) {
                sum += linked[c.index()];
                if dom.is(c, &local_name!("a")) {
                    sum += lens[c.index()] as f32 * link_coefficient(dom, c);
                }
            }
            linked[id.index()] = sum;
        }
        LinkDensities { lens, linked }
    }

    /// The density of `id`, as `link_density` gives it (measured anew for a node that was not
    /// under the root).
    pub fn of(&self, dom: &Dom, id: NodeId) -> f32 {
        match self.lens.get(id.index()) {
            Some(&len) if len != u32::MAX => {
                if len == 0 {
                    0.0
                } else {
                    self.linked[id.index()] / len as f32
                }
            }
            _ => link_density(dom, id),
        }
    }
}

/// How much a link's text counts toward link density: in-page `#` links count 30 %.
fn link_coefficient(dom: &Dom, a: NodeId) -> f32 {
    match dom.attr(a, "href") {
        Some(h) if h.starts_with('#') && h.len() > 1 => 0.3,
        _ => 1.0,
    }
}

/// Commas of the Latin, Arabic, CJK and other scripts.
pub fn count_commas(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '\u{060C}'
                    | '\u{FE50}'
                    | '\u{FE10}'
                    | '\u{FE11}'
                    | '\u{2E41}'
                    | '\u{2E34}'
                    | '\u{2E32}'
                    | '\u{FF0C}'
            )
        })
        .count()
}

/// Does an ancestor within `max_depth` levels (`None`: any) have this tag (and pass `filter`)?
pub fn has_ancestor_tag(
    dom: &Dom,
    id: NodeId,
    tag: &LocalName,
    max_depth: Option<usize>,
    filter: impl Fn(NodeId) -> bool,
) -> bool {
    for (depth, a) in dom.ancestors(id).enumerate() {
        if max_depth.is_some_and(|m| depth > m) {
            return false;
        }
        if dom.is(a, tag) && filter(a) {
            return true;
        }
    }
    false
}

/// An element with no text, holding nothing or only `<br>`/`<hr>`.
pub fn is_element_without_content(dom: &Dom, id: NodeId) -> bool {
    if !dom.is_element(id) || dom.has_text(id) {
        return false;
    }
    let children = dom.element_children(id).count();
    children == 0
        || children
            == dom.descendants(id).filter(|&d| dom.is(d, &local_name!("br")) || dom.is(d, &local_name!("hr"))).count()
}

/// Exactly one element child, with this tag, and no text beside it.
pub fn has_single_tag_inside(dom: &Dom, id: NodeId, tag: &LocalName) -> bool {
    let mut elements = dom.element_children(id);
    let (Some(only), None) = (elements.next(), elements.next()) else { return false };
    dom.is(only, tag) && !dom.children(id).any(|c| dom.text(c).is_some_and(|t| !t.trim().is_empty()))
}

/// How much of `b`'s words are also in `a`: 1 = all, 0 = none (measured on text length).
pub fn text_similarity(a: &str, b: &str) -> f32 {
    let tokenize = |s: &str| -> Vec<String> {
        s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
    };
    let ta = tokenize(a);
    let tb = tokenize(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq_b: Vec<&str> = tb.iter().filter(|t| !ta.contains(t)).map(String::as_str).collect();
    let joined_len = |v: &[&str]| v.iter().map(|s| s.chars().count()).sum::<usize>() + v.len().saturating_sub(1);
    let all_b: Vec<&str> = tb.iter().map(String::as_str).collect();
    1.0 - joined_len(&uniq_b) as f32 / joined_len(&all_b) as f32
}

/// Text, or an element that flows within a line (`a`, `del`, `ins` when all they hold does).
pub fn is_phrasing(dom: &Dom, id: NodeId) -> bool {
    match dom.tag(id) {
        None => dom.text(id).is_some(),
        Some(name) if tags::is_phrasing_tag(name) => true,
        Some(name) if tags::is_transparent_tag(name) => dom.children(id).all(|c| is_phrasing(dom, c)),
        Some(_) => false,
    }
}

/// A modal dialog (`aria-modal="true"`: a consent manager's preference centre, a sign-in box):
/// never the article, however much text it holds.
pub fn is_modal(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "aria-modal").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// An image whose declared width or height is 100 pixels or less.
pub fn is_icon_sized(dom: &Dom, img: NodeId) -> bool {
    let px = |a: &str| dom.attr(img, a).and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok());
    px("width").is_some_and(|w| w <= 100) || px("height").is_some_and(|h| h <= 100)
}
