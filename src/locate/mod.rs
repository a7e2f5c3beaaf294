//! Finds the article in the page: scores the blocks that hold text, passes their scores up
//! to the containers around them, picks the best container and gathers the siblings that
//! belong with it.
//!
//! The scoring follows Readability's (the algorithm behind Firefox Reader View), whose
//! behaviour readers know, on our arena tree: paragraphs score by length and commas, a
//! container earns its paragraphs' scores (fully from children, half from grandchildren,
//! less further down), class/id words and link density adjust it.

mod region;
pub use region::locate_region;

use crate::dom::measure::{
    count_commas, has_ancestor_tag, has_single_tag_inside, is_element_without_content, is_icon_sized, is_phrasing,
    link_density, text_len, text_similarity, LinkDensities,
};
use crate::dom::{collapsed_len, local_name, tags, Dom, LocalName, NodeId, Step};
use crate::metadata::{self, Metadata};

/// Which of the strict rules an attempt applies. Each later attempt drops one, for pages
/// whose article the strict rules remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// Remove elements whose class/id says "comment", "sidebar", "footer" ... before scoring.
    pub strip_unlikely: bool,
    /// Let class/id words raise or lower scores.
    pub weight_classes: bool,
    /// Let the clean stage remove blocks that look like boilerplate.
    pub clean_conditionally: bool,
}

impl Flags {
    pub const ALL: Flags = Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };

    /// The attempts in order: all rules, then without stripping, then without class
    /// weights, then without conditional cleaning.
    pub fn attempts() -> [Flags; 4] {
        [
            Flags::ALL,
            Flags { strip_unlikely: false, ..Flags::ALL },
            Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
            Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
        ]
    }
}

/// The article container found: a new `<div>` (detached from the page) holding the chosen
/// block and its sibling blocks, plus what was learned on the way.
#[derive(Debug, Clone)]
pub struct Located {
    pub root: NodeId,
    /// A byline found (and removed) in the page when the metadata had none.
    pub byline: Option<String>,
    /// `dir` of the nearest ancestor of the chosen block that states one.
    pub dir: Option<String>,
    /// Scores of the blocks, by node index (NaN where unscored); the clean stage reads them.
    pub scores: Vec<f32>,
}

// --- Class and id evidence -----------------------------------------------------------

/// Class/id words of blocks that are almost never the article.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];
/// ...unless one of these is there too.
const MAYBE_CANDIDATE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
/// ARIA roles of page furniture.
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

pub(crate) fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| haystack.contains(n))
}

/// A lone "hid" class token (Readability's `^hid$| hid$| hid |^hid `).
fn has_hid_token(s: &str) -> bool {
    s.split(' ').any(|t| t == "hid")
}

fn weight_of(s: &str) -> i32 {
    if s.is_empty() {
        return 0;
    }
    let s = s.to_lowercase();
    let mut w = 0;
    if contains_any(&s, NEGATIVE) || has_hid_token(&s) {
        w -= 25;
    }
    if contains_any(&s, POSITIVE) {
        w += 25;
    }
    w
}

/// -50..=50 from the words in the class and id (0 when class weighting is off).
pub fn class_weight(dom: &Dom, id: NodeId, flags: Flags) -> i32 {
    if !flags.weight_classes {
        return 0;
    }
    weight_of(dom.attr(id, "class").unwrap_or("")) + weight_of(dom.attr(id, "id").unwrap_or(""))
}

pub fn is_unlikely(match_string: &str) -> bool {
    contains_any(match_string, UNLIKELY) && !contains_any(match_string, MAYBE_CANDIDATE)
}

/// Blocks whose presence inside a `<div>` keeps it from being treated as a paragraph.
fn is_div_to_p_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("blockquote")
            | local_name!("dl")
            | local_name!("div")
            | local_name!("img")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("ul")
    )
}

fn has_child_block_element(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id).any(|d| dom.tag(d).is_some_and(is_div_to_p_block))
}

/// Characters of text past which an unlikely-named container of the headline is the page's
/// layout, not its furniture.
const LAYOUT_TEXT: usize = 1500;

/// The article's `<h1>`: the one that reads as the title, else the page's only one.
fn main_heading(dom: &Dom, body: NodeId, title: Option<&str>) -> Option<NodeId> {
    let h1s: Vec<NodeId> = dom.find_all(body, &local_name!("h1")).take(20).collect();
    let titled = title.and_then(|t| h1s.iter().copied().find(|&h| reads_as_title(dom, h, t)));
    titled.or(if h1s.len() == 1 { h1s.first().copied() } else { None })
}

/// Does the heading say what the page's title says?
fn reads_as_title(dom: &Dom, heading: NodeId, title: &str) -> bool {
    text_similarity(title, &dom.text_content(heading)) > 0.75
}

fn header_duplicates_title(dom: &Dom, id: NodeId, title: Option<&str>) -> bool {
    let Some(title) = title else { return false };
    (dom.is(id, &local_name!("h1")) || dom.is(id, &local_name!("h2"))) && reads_as_title(dom, id, title)
}

// --- The search ----------------------------------------------------------------------

const N_TOP_CANDIDATES: usize = 5;

fn is_scored_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("section")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("p")
            | local_name!("td")
            | local_name!("pre")
    )
}

/// Starting score of a container, from what kind of element it is and its class/id.
fn initial_score(dom: &Dom, id: NodeId, flags: Flags) -> f32 {
    let base = match dom.tag(id) {
        Some(&local_name!("div")) => 5.0,
        Some(&local_name!("pre")) | Some(&local_name!("td")) | Some(&local_name!("blockquote")) => 3.0,
        Some(&local_name!("address"))
        | Some(&local_name!("ol"))
        | Some(&local_name!("ul"))
        | Some(&local_name!("dl"))
        | Some(&local_name!("dd"))
        | Some(&local_name!("dt"))
        | Some(&local_name!("li"))
        | Some(&local_name!("form")) => -3.0,
        Some(t) if tags::is_heading_tag(t) || *t == local_name!("th") => -5.0,
        _ => 0.0,
    };
    base + class_weight(dom, id, flags) as f32
}

struct Scores(Vec<f32>);

impl Scores {
    fn get(&self, id: NodeId) -> Option<f32> {
        self.0.get(id.index()).copied().filter(|s| !s.is_nan())
    }
    fn set(&mut self, id: NodeId, v: f32) {
        if self.0.len() <= id.index() {
            self.0.resize(id.index() + 1, f32::NAN);
        }
        self.0[id.index()] = v;
    }
}

/// Finds the article in `dom` (which it edits: the chosen blocks move into the returned
/// container).
pub fn locate(dom: &mut Dom, meta: &Metadata, flags: Flags) -> Located {
    let body = dom.body().unwrap_or(dom.root());
    let mut byline: Option<String> = None;
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut title_header_pending = true;
    let title = meta.title.as_deref();
    let want_byline = meta.byline.is_none();
    // The containers of the article's own heading: a layout wrapper named "sidebar-right" or
    // "content-sidebar" that holds the headline and a page of text holds the article too, and
    // is not stripped (a short "header" around the headline still is).
    let heading_holders: Vec<NodeId> = main_heading(dom, body, title).map(|h| dom.ancestors(h).collect()).unwrap_or_default();

    dom.walk_mut(body, |dom, node| {
        let Some(tag) = dom.tag(node).cloned() else { return Step::SkipChildren };
        let match_string = dom.class_and_id(node).to_lowercase();

        if dom.attr(node, "aria-modal") == Some("true") && dom.attr(node, "role") == Some("dialog") {
            dom.detach(node);
            return Step::Removed;
        }
        if want_byline && byline.is_none() {
            if let Some(name) = metadata::byline_of_marked_element(dom, node, &match_string) {
                byline = Some(name);
                dom.detach(node);
                return Step::Removed;
            }
        }
        if title_header_pending && header_duplicates_title(dom, node, title) {
            title_header_pending = false;
            dom.detach(node);
            return Step::Removed;
        }
        if flags.strip_unlikely {
            if is_unlikely(&match_string)
                && !has_ancestor_tag(dom, node, &local_name!("table"), Some(3), |_| true)
                && !has_ancestor_tag(dom, node, &local_name!("code"), Some(3), |_| true)
                && tag != local_name!("body")
                && tag != local_name!("a")
                // A heading classed "recipe-header" is a heading, not the page header.
                && !tags::is_heading_tag(&tag)
                // Not the layout: a container of the headline with a page of text.
                && (!heading_holders.contains(&node) || dom.has_text_at_most(node, LAYOUT_TEXT))
            {
                dom.detach(node);
                return Step::Removed;
            }
            // A modal (a consent manager's preference centre, a sign-in box) is never the
            // article, whatever its role says.
            if dom.attr(node, "role").is_some_and(|r| UNLIKELY_ROLES.contains(&r))
                || crate::dom::measure::is_modal(dom, node)
            {
                dom.detach(node);
                return Step::Removed;
            }
        }
        if (tag == local_name!("div")
            || tag == local_name!("section")
            || tag == local_name!("header")
            || tags::is_heading_tag(&tag))
            && is_element_without_content(dom, node)
        {
            dom.detach(node);
            return Step::Removed;
        }
        if is_scored_tag(&tag) {
            to_score.push(node);
        }
        if tag == local_name!("div") {
            wrap_phrasing_runs(dom, node);
            if has_single_tag_inside(dom, node, &local_name!("p")) && link_density(dom, node) < 0.25 {
                let p = dom.element_children(node).next().expect("single child");
                // The div's class and id stay known (clean reads them), on the paragraph.
                let carried: Vec<crate::dom::Attribute> =
                    dom.element(node).map(|e| e.attrs.clone()).unwrap_or_default();
                for a in carried {
                    if !dom.has_attr(p, &a.name) {
                        dom.set_attr(p, &a.name, a.value);
                    }
                }
                dom.replace(node, p);
                to_score.push(p);
                return Step::Continue(crate::dom::next_in_order(dom, body, p));
            } else if !has_child_block_element(dom, node) {
                dom.rename(node, local_name!("p"));
                to_score.push(node);
            }
        }
        Step::Descend
    });

    let mut scores = Scores(vec![f32::NAN; dom.capacity()]);
    let mut candidates: Vec<NodeId> = Vec::new();
    for &el in &to_score {
        let Some(parent) = dom.parent(el) else { continue };
        if !dom.is_element(parent) || !dom.is_attached(el) {
            continue;
        }
        let text = dom.text_content(el);
        let len = collapsed_len(&text);
        if len < 25 {
            continue;
        }
        let score = 1.0 + (count_commas(&text) + 1) as f32 + (len / 100).min(3) as f32;
        for (level, anc) in dom.ancestors(el).take(5).enumerate() {
            let Some(anc_parent) = dom.parent(anc) else { continue };
            if !dom.is_element(anc) || !dom.is_element(anc_parent) {
                continue;
            }
            let current = match scores.get(anc) {
                Some(s) => s,
                None => {
                    candidates.push(anc);
                    initial_score(dom, anc, flags)
                }
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            scores.set(anc, current + score / divider);
        }
    }

    // Scale by link density and keep the best few. The tree does not change in this loop, so
    // every candidate's density comes from lengths measured once.
    let densities = LinkDensities::measure(dom, body);
    let mut top: Vec<NodeId> = Vec::with_capacity(N_TOP_CANDIDATES + 1);
    for &c in &candidates {
        let s = scores.get(c).unwrap_or(0.0) * (1.0 - densities.of(dom, c));
        scores.set(c, s);
        let pos = top.iter().position(|&t| s > scores.get(t).unwrap_or(0.0)).unwrap_or(top.len());
        if pos < N_TOP_CANDIDATES {
            top.insert(pos, c);
            top.truncate(N_TOP_CANDIDATES);
        }
    }

    // A thread (a question and its answers, a forum's posts) is blocks of the same kind as
    // the best one; found before the tree changes below, used when they hold more than the
    // usual reading does.
    let posts = top.first().filter(|_| !meta.product_page).and_then(|&t| same_kind_posts(dom, t));

    let mut top_candidate = top.first().copied().filter(|&t| !dom.is(t, &local_name!("body")));
    let needed_to_create = top_candidate.is_none();
    let top_candidate = match top_candidate.take() {
        Some(t) => refine_top_candidate(dom, &mut scores, &top, t, flags),
        None => {
            // No container stands out: take the whole body.
            let div = dom.create_element(local_name!("div"), Vec::new());
            dom.move_children(body, div);
            dom.append(body, div);
            let s = initial_score(dom, div, flags);
            scores.set(div, s);
            div
        }
    };

    let article = dom.create_element(local_name!("div"), Vec::new());
    let parent = dom.parent(top_candidate).unwrap_or(body);
    if needed_to_create {
        dom.append(article, top_candidate);
    } else {
        gather_siblings(dom, &scores, top_candidate, parent, article);
    }

    if let Some(posts) = posts {
        let posts_len: usize = posts.iter().map(|&p| text_len(dom, p)).sum();
        if posts_len > text_len(dom, article) {
            let thread = dom.create_element(local_name!("div"), Vec::new());
            for p in posts {
                dom.append(thread, p);
            }
            return Located { root: thread, byline, dir: None, scores: scores.0 };
        }
    }

    let dir = std::iter::once(parent)
        .chain(std::iter::once(top_candidate))
        .chain(dom.ancestors(parent))
        .find_map(|a| dom.attr(a, "dir").map(str::to_string));

    Located { root: article, byline, dir, scores: scores.0 }
}

/// Posts shorter than this (characters) do not count toward a thread.
const MIN_POST: usize = 40;
/// A thread has at least two posts this long.
const SUBSTANTIAL_POST: usize = 140;

/// The blocks of the same kind as `best` (same classes) that hold text, when there are
/// at least two of them: the posts of a thread. `None` for a block without classes, whose kind
/// says nothing.
fn same_kind_posts(dom: &Dom, best: NodeId) -> Option<Vec<NodeId>> {
    // The classes, not the tag: a one-paragraph post's <div> has become its <p> by now.
    let signature = |id: NodeId| -> Option<Vec<&str>> {
        let mut classes: Vec<&str> = dom.attr(id, "class")?.split_whitespace().collect();
        classes.sort_unstable();
        (!classes.is_empty()).then_some(classes)
    };
    let want = signature(best)?;
    let body = dom.body()?;
    let mut posts: Vec<NodeId> = Vec::new();
    for d in dom.descendants(body) {
        if !dom.is_element(d) || signature(d).as_ref() != Some(&want) {
            continue;
        }
        if posts.iter().any(|&p| dom.contains(p, d)) {
            continue;
        }
        if text_len(dom, d) >= MIN_POST && link_density(dom, d) < 0.5 {
            posts.push(d);
        }
    }
    // Two real posts at least: a card grid of one-line teasers is not a thread.
    let real = posts.iter().filter(|&&p| text_len(dom, p) >= SUBSTANTIAL_POST).count();
    (real >= 2 && posts.contains(&best)).then_some(posts)
}

/// Puts runs of text and inline elements directly inside a `<div>` into `<p>`s, so a div
/// that mixes blocks and loose text scores its text as paragraphs.
fn wrap_phrasing_runs(dom: &mut Dom, div: NodeId) {
    let mut p: Option<NodeId> = None;
    let mut child = dom.first_child(div);
    while let Some(c) = child {
        child = dom.next_sibling(c);
        if is_phrasing(dom, c) {
            if let Some(p) = p {
                dom.append(p, c);
            } else if !is_whitespace_node(dom, c) {
                let new_p = dom.create_element(local_name!("p"), Vec::new());
                dom.replace(c, new_p);
                dom.append(new_p, c);
                p = Some(new_p);
            }
        } else if let Some(done) = p.take() {
            trim_trailing_whitespace(dom, done);
        }
    }
    if let Some(done) = p {
        trim_trailing_whitespace(dom, done);
    }
}

fn is_whitespace_node(dom: &Dom, id: NodeId) -> bool {
    match dom.text(id) {
        Some(t) => t.trim().is_empty(),
        None => dom.is(id, &local_name!("br")),
    }
}

fn trim_trailing_whitespace(dom: &mut Dom, p: NodeId) {
    while let Some(last) = dom.node(p).last_child {
        if is_whitespace_node(dom, last) {
            dom.detach(last);
        } else {
            break;
        }
    }
}

/// Moves up from the best-scoring block when the evidence says the article is bigger:
/// several close runners-up share an ancestor, a parent scores higher, or the block is an
/// only child.
fn refine_top_candidate(dom: &Dom, scores: &mut Scores, top: &[NodeId], first: NodeId, flags: Flags) -> NodeId {
    let mut best = first;
    let best_score = scores.get(best).unwrap_or(0.0);
    let is_body = |dom: &Dom, id: NodeId| dom.is(id, &local_name!("body")) || dom.parent(id).is_none();

    let alternatives: Vec<Vec<NodeId>> = top[1..]
        .iter()
        .filter(|&&c| best_score > 0.0 && scores.get(c).unwrap_or(0.0) / best_score >= 0.75)
        .map(|&c| dom.ancestors(c).collect())
        .collect();
    const MINIMUM_TOP_CANDIDATES: usize = 3;
    if alternatives.len() >= MINIMUM_TOP_CANDIDATES {
        let mut p = dom.parent(best);
        while let Some(anc) = p.filter(|&a| !is_body(dom, a)) {
            let lists = alternatives.iter().filter(|l| l.contains(&anc)).take(MINIMUM_TOP_CANDIDATES).count();
            if lists >= MINIMUM_TOP_CANDIDATES {
                best = anc;
                break;
            }
            p = dom.parent(anc);
        }
    }
    if scores.get(best).is_none() {
        scores.set(best, initial_score(dom, best, flags));
    }

    // Climb while the parents' scores hold up, stopping at one that beats the child.
    let mut last = scores.get(best).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut p = dom.parent(best);
    while let Some(anc) = p.filter(|&a| !is_body(dom, a)) {
        let Some(s) = scores.get(anc) else {
            p = dom.parent(anc);
            continue;
        };
        if s < threshold {
            break;
        }
        if s > last {
            best = anc;
            break;
        }
        last = s;
        p = dom.parent(anc);
    }

    // An only child stands for its parent: siblings of the parent may belong too.
    while let Some(parent) = dom.parent(best).filter(|&a| !is_body(dom, a)) {
        if dom.element_children(parent).count() != 1 {
            break;
        }
        best = parent;
    }
    if scores.get(best).is_none() {
        scores.set(best, initial_score(dom, best, flags));
    }
    best
}

/// Moves the chosen block and the siblings that belong with it (by score, shared class, or
/// paragraph-like text) into `article`.
fn gather_siblings(dom: &mut Dom, scores: &Scores, top: NodeId, parent: NodeId, article: NodeId) {
    let top_score = scores.get(top).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("").to_string();
    let siblings: Vec<NodeId> = dom.element_children(parent).collect();
    let top_pos = siblings.iter().position(|&s| s == top).unwrap_or(0);
    for (i, sib) in siblings.into_iter().enumerate() {
        let append = if sib == top {
            true
        } else if is_page_notice(dom, sib) {
            // A cookie or redirect notice, a sign-up box, a tag list or a "More in" heading
            // beside the story is not part of it, however paragraph-like its text.
            false
        } else if i < top_pos && is_lead_figure(dom, sib) {
            // The story's lead picture, set just above its text.
            true
        } else {
            let bonus = if !top_class.is_empty() && dom.attr(sib, "class") == Some(top_class.as_str()) {
                top_score * 0.2
            } else {
                0.0
            };
            if scores.get(sib).is_some_and(|s| s + bonus >= threshold) {
                true
            } else if dom.is(sib, &local_name!("p")) {
                let density = link_density(dom, sib);
                let text = dom.inner_text(sib);
                let len = text.chars().count();
                (len > 80 && density < 0.25)
                    || (len < 80 && len > 0 && density == 0.0 && (text.contains(". ") || text.ends_with('.')))
            } else {
                false
            }
        };
        if append {
            let keep_tag = matches!(
                dom.tag(sib),
                Some(&local_name!("div"))
                    | Some(&local_name!("article"))
                    | Some(&local_name!("section"))
                    | Some(&local_name!("p"))
                    | Some(&local_name!("ol"))
                    | Some(&local_name!("ul"))
            );
            if !keep_tag {
                // A form, td or the like: make it a div so later cleaning judges it as a block.
                dom.rename(sib, local_name!("div"));
            }
            dom.append(article, sib);
        }
    }
}

/// Notices and furniture known by their words (see `patterns`), with no class name needed.
fn is_page_notice(dom: &Dom, id: NodeId) -> bool {
    let len = text_len(dom, id);
    if len == 0 || len > 600 {
        return false;
    }
    let text = dom.text_content(id);
    crate::patterns::is_notice_block(dom, id, len, &text) || (len <= 60 && crate::patterns::is_link_list_heading(&text))
}

/// A picture with its caption: a `<figure>` (or a wrapper holding one picture and at most a
/// caption's worth of text) whose image is larger than an icon.
fn is_lead_figure(dom: &Dom, id: NodeId) -> bool {
    let imgs: Vec<NodeId> = dom.find_all(id, &local_name!("img")).collect();
    let [img] = imgs.as_slice() else { return false };
    if is_icon_sized(dom, *img) {
        return false;
    }
    let len = text_len(dom, id);
    // A wrapper counts when its text is the caption (not a header with a dek and a byline).
    let caption_len = dom.find(id, &local_name!("figcaption")).map(|c| text_len(dom, c));
    let is_figure = dom.is(id, &local_name!("figure")) || caption_len.is_some_and(|c| c * 10 >= len * 8);
    is_figure && len < 400 && link_density(dom, id) < 0.5
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    /// A layout wrapper named like a sidebar ("layout-sidebar-right") that holds the headline
    /// and a page of text is the page's body: the strict pass does not strip it, as it strips a
    /// sidebar or a short "header" around the headline.
    #[test]
    fn a_layout_named_sidebar_that_holds_the_headline_is_not_stripped() {
        let story: String = (0..14)
            .map(|i| format!("<p>Paragraph {i} of the story, about the harbour lanterns and the man who lit them at dusk, in all weathers, for forty years.</p>"))
            .collect();
        let meta = Metadata { title: Some("Lanterns on the quay".to_string()), ..Metadata::default() };
        let page = |story: &str| {
            format!("<body><div class='layout-sidebar-right'><h1>Lanterns on the quay</h1><div class=entry-content>{story}</div></div><div class=sidebar><p>Subscribe to our newsletter for more stories like this one.</p></div></body>")
        };
        let mut dom = parse(&page(&story));
        let located = locate(&mut dom, &meta, Flags::ALL);
        let text = dom.text_content(located.root);
        assert!(text.contains("Paragraph 13 of the story"), "{text}");
        assert!(!text.contains("Subscribe"), "the real sidebar still goes: {text}");
        // A short one around the headline is furniture as before.
        let mut dom = parse(&page("<p>One line.</p>"));
        let body = dom.body().unwrap();
        let _ = locate(&mut dom, &meta, Flags::ALL);
        assert!(dom.find_all(body, &local_name!("div")).all(|d| dom.attr(d, "class") != Some("layout-sidebar-right")));
    }

    #[test]
    fn similarity() {
        assert!(
            text_similarity("U.S and Iraq talking over legal immunity", "U.S and Iraq talking over legal immunity")
                > 0.99
        );
        assert!(text_similarity("Completely different", "Nothing shared here") < 0.01);
    }

    #[test]
    fn weights() {
        assert_eq!(weight_of("article-body"), 25);
        assert_eq!(weight_of("sidebar"), -25);
        assert_eq!(weight_of("post share"), 0);
        assert_eq!(weight_of("x hid"), -25);
        assert_eq!(weight_of("hide"), 0);
    }

    #[test]
    fn picks_the_paragraph_container() {
        let para = "This is a sentence of the article, with commas, and enough words to count. ".repeat(3);
        let html = format!(
            r#"<body><div class="nav"><a href="/">Home</a> <a href="/x">News</a></div>
            <div class="story"><p>{para}</p><p>{para}</p><p>{para}</p></div>
            <div class="sidebar"><p>Short promo text here that is long enough to count maybe.</p></div></body>"#
        );
        let mut dom = parse(&html);
        let loc = locate(&mut dom, &Metadata::default(), Flags::ALL);
        let text = dom.inner_text(loc.root);
        assert!(text.starts_with("This is a sentence"));
        assert!(!text.contains("Home"));
        assert!(!text.contains("promo"));
        assert_eq!(dom.find_all(loc.root, &local_name!("p")).count(), 3);
    }
}
