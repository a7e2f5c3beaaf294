//! What the model sees of a block: numbers that do not depend on the page's language (beyond
//! a few English phrase tables that only add evidence) nor on any one site.
//!
//! The order of `NAMES` is the order of each feature vector; `scripts/train-models.py` reads
//! the names from the dump, so adding a feature means retraining, nothing else.

use super::Unit;
use crate::dom::{local_name, tags, Dom, NodeId};
use crate::patterns;

/// Class/id word groups: a block's own and its containers' names (up to the article root).
const GROUPS: &[&[&str]] = &[
    &["author", "authors", "bio", "biography", "about", "profile", "avatar", "contributor", "writer"],
    &[
        "source",
        "sources",
        "reference",
        "references",
        "citation",
        "citations",
        "footnote",
        "footnotes",
        "endnote",
        "endnotes",
        "bibliography",
        "refs",
    ],
    &[
        "cta",
        "promo",
        "promotion",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "optin",
        "callout",
        "offer",
        "banner",
    ],
    &[
        "related",
        "recommended",
        "recommendation",
        "recommendations",
        "more",
        "popular",
        "trending",
        "also",
        "next",
        "teaser",
        "teasers",
        "card",
        "cards",
        "feed",
    ],
    &["share", "sharing", "social", "facebook", "twitter", "pinterest", "whatsapp", "linkedin"],
    &["comment", "comments", "reply", "replies", "discussion", "disqus", "respond", "response"],
    &["meta", "tag", "tags", "category", "categories", "byline", "date", "time", "posted", "timestamp", "info"],
    &["nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager", "toc"],
    &["footer", "foot", "bottom", "copyright", "legal", "disclaimer", "disclosure"],
    &["sidebar", "widget", "aside", "rail", "side"],
    &["ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "dfp", "gpt"],
    &["caption", "credit", "credits", "figcaption", "photo", "image", "img", "media", "gallery"],
    &["price", "cart", "buy", "product", "shop", "checkout", "stock", "sku"],
    &["review", "reviews", "rating", "ratings", "stars", "star"],
    &["form", "login", "search", "input", "field", "button", "btn"],
    &["content", "article", "body", "entry", "post", "text", "story", "main", "prose", "rich"],
];

/// Words of a heading that announce boilerplate under it.
const BOILERPLATE_HEADINGS: &[&str] = &[
    "source",
    "reference",
    "about the author",
    "about us",
    "author",
    "related",
    "more from",
    "more in",
    "more on",
    "comment",
    "share",
    "newsletter",
    "tags",
    "recommended",
    "popular",
    "you may also",
    "you might also",
    "read next",
    "read more",
    "further reading",
    "see also",
    "footnote",
    "bibliography",
    "follow us",
    "contact",
    "subscribe",
    "sign up",
    "latest",
    "trending",
];

/// Short calls to action.
const CTA_PHRASES: &[&str] = &[
    "read more",
    "learn more",
    "click here",
    "sign up",
    "subscribe",
    "download",
    "buy now",
    "shop now",
    "get started",
    "contact us",
    "book now",
    "find out more",
    "see more",
    "view all",
    "see all",
    "load more",
    "show more",
];

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

pub const NAMES: &[&str] = &[
    "log_chars",
    "log_words",
    "link_density",
    "log_links",
    "ends_sentence",
    "punct_per_word",
    "sentences_per_word",
    "digit_share",
    "upper_share",
    "avg_word_len",
    "tag_heading",
    "tag_li",
    "tag_p",
    "tag_cell",
    "tag_pre",
    "tag_quote",
    "tag_caption",
    "tag_dl",
    "tag_other",
    "in_list",
    "in_table",
    "in_figure",
    "log_depth",
    "pos_index",
    "pos_chars",
    "share_chars",
    "log_total_chars",
    "log_units",
    "g_bio",
    "g_source",
    "g_cta",
    "g_related",
    "g_share",
    "g_comment",
    "g_meta",
    "g_nav",
    "g_footer",
    "g_sidebar",
    "g_ad",
    "g_caption",
    "g_commerce",
    "g_review",
    "g_form",
    "g_content",
    "heading_above_boilerplate",
    "furniture_text",
    "byline_like",
    "copyright_like",
    "date_like",
    "cta_like",
    "prev_link_density",
    "next_link_density",
    "prev_log_chars",
    "next_log_chars",
    "same_kind_share",
    "log_same_kind",
    "prose_near",
    "after_last_prose",
    "before_first_prose",
    "title_similarity",
    "own_share_of_block",
];

/// A unit's measures that its neighbours' features read too.
struct Basic {
    chars: usize,
    link_density: f32,
    prose: bool,
}

/// The feature vectors of `units` (all from one article), in the order of `NAMES`.
pub fn compute(dom: &Dom, root: NodeId, units: &[Unit], title: Option<&str>) -> Vec<Vec<f32>> {
    let n = units.len();
    let lens = dom.text_lens(root);
    let mut group_memo = vec![u32::MAX; dom.capacity()];
    let basics: Vec<Basic> = units.iter().map(|u| basic(dom, u)).collect();
    let total: usize = basics.iter().map(|b| b.chars).sum::<usize>().max(1);
    let first_prose = basics.iter().position(|b| b.prose);
    let last_prose = basics.iter().rposition(|b| b.prose);
    let kinds: Vec<String> = units.iter().map(|u| kind(dom, u.node)).collect();
    // How many blocks share each kind, counted once: counting per block was a scan of every
    // block for every block, the square of a big table's cells (issue 11).
    let mut kind_counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in &kinds {
        *kind_counts.entry(k.as_str()).or_default() += 1;
    }

    let mut heading_above = false;
    let mut before = 0usize;
    let mut out = Vec::with_capacity(n);
    for (i, u) in units.iter().enumerate() {
        let b = &basics[i];
        let mut f = Vec::with_capacity(NAMES.len());
        let text = &u.text;
        let words: Vec<&str> = text.split_whitespace().collect();
        let nw = words.len().max(1) as f32;
        let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1) as f32;

        f.push(ln(b.chars));
        f.push(ln(words.len()));
        f.push(b.link_density);
        f.push(ln(u.parts.iter().map(|&p| links_in(dom, p)).sum()));
        f.push(flag(text.trim_end().ends_with(['.', '!', '?', '。', '…', '"', '”', ')', ':'])));
        f.push(text.chars().filter(|c| matches!(c, ',' | '.' | ';' | ':')).count() as f32 / nw);
        f.push(sentences(text) as f32 / nw);
        f.push(text.chars().filter(char::is_ascii_digit).count() as f32 / b.chars.max(1) as f32);
        f.push(text.chars().filter(|c| c.is_uppercase()).count() as f32 / letters);
        f.push(words.iter().map(|w| w.chars().count()).sum::<usize>() as f32 / nw);

        let tag = dom.tag(u.node);
        let is = |names: &[crate::dom::LocalName]| tag.is_some_and(|t| names.contains(t));
        let heading = tag.is_some_and(tags::is_heading_tag);
        let li = is(&[local_name!("li")]);
        let p = is(&[local_name!("p")]);
        let cell = is(&[local_name!("td"), local_name!("th")]);
        let pre = is(&[local_name!("pre")]);
        let quote = is(&[local_name!("blockquote")]);
        let caption = is(&[local_name!("figcaption"), local_name!("caption")]);
        let dl = is(&[local_name!("dt"), local_name!("dd")]);
        for x in [heading, li, p, cell, pre, quote, caption, dl] {
            f.push(flag(x));
        }
        f.push(flag(!(heading || li || p || cell || pre || quote || caption || dl)));

        let ancestors: Vec<NodeId> = std::iter::once(u.node).chain(dom.ancestors(u.node)).collect();
        let has_anc = |name: &crate::dom::LocalName| ancestors.iter().any(|&a| dom.is(a, name));
        f.push(flag(has_anc(&local_name!("li")) || has_anc(&local_name!("ul")) || has_anc(&local_name!("ol"))));
        f.push(flag(has_anc(&local_name!("table"))));
        f.push(flag(has_anc(&local_name!("figure"))));
        f.push(ln(ancestors.len()));

        f.push(i as f32 / n as f32);
        f.push(before as f32 / total as f32);
        f.push(b.chars as f32 / total as f32);
        f.push(ln(total));
        f.push(ln(n));

        let groups = group_bits(dom, u.node, &mut group_memo);
        for g in 0..GROUPS.len() {
            f.push(flag(groups & (1 << g) != 0));
        }

        f.push(flag(heading_above && !heading));
        f.push(flag(b.chars < 200 && patterns::is_furniture_text(text)));
        let lower = text.to_lowercase();
        f.push(flag(b.chars < 80 && (lower.starts_with("by ") || lower.starts_with("written by"))));
        f.push(flag(text.contains('©') || lower.contains("copyright") || lower.contains("all rights reserved")));
        f.push(flag(
            b.chars < 60
                && (has_year(text)
                    || MONTHS.iter().any(|m| lower.contains(m)) && text.chars().any(|c| c.is_ascii_digit())),
        ));
        f.push(flag(b.chars < 60 && CTA_PHRASES.iter().any(|c| lower.contains(c))));

        let prev = i.checked_sub(1).map(|j| &basics[j]);
        let next = basics.get(i + 1);
        f.push(prev.map_or(0.0, |p| p.link_density));
        f.push(next.map_or(0.0, |p| p.link_density));
        f.push(prev.map_or(0.0, |p| ln(p.chars)));
        f.push(next.map_or(0.0, |p| ln(p.chars)));

        let same = kind_counts[kinds[i].as_str()];
        f.push(same as f32 / n as f32);
        f.push(ln(same));
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(n);
        f.push(basics[lo..hi].iter().filter(|b| b.prose).count() as f32 / (hi - lo) as f32);
        f.push(flag(last_prose.is_some_and(|l| i > l)));
        f.push(flag(first_prose.is_some_and(|l| i < l)));
        f.push(title.map_or(0.0, |t| if b.chars < 300 { crate::dom::measure::text_similarity(t, text) } else { 0.0 }));
        let block_len = lens.get(u.node.index()).map_or_else(|| dom.text_len(u.node), |&l| l as usize).max(1);
        f.push((b.chars as f32 / block_len as f32).min(1.0));

        debug_assert_eq!(f.len(), NAMES.len());
        out.push(f);

        before += b.chars;
        if heading {
            let h = lower.as_str();
            heading_above = BOILERPLATE_HEADINGS.iter().any(|w| h.contains(w));
        }
    }
    out
}

/// The class-word groups (bit `g` for `GROUPS[g]`) of `id` and its ancestors, memoized by
/// node: units share most of their ancestors.
fn group_bits(dom: &Dom, id: NodeId, memo: &mut [u32]) -> u32 {
    let mut chain = Vec::new();
    let mut inherited = 0;
    let mut at = Some(id);
    while let Some(a) = at {
        match memo.get(a.index()) {
            Some(&bits) if bits != u32::MAX => {
                inherited = bits;
                break;
            }
            _ => chain.push(a),
        }
        at = dom.parent(a);
    }
    for &a in chain.iter().rev() {
        let words = patterns::words(dom, a);
        for (g, group) in GROUPS.iter().enumerate() {
            if words.iter().any(|w| group.contains(&w.as_str())) {
                inherited |= 1 << g;
            }
        }
        if let Some(m) = memo.get_mut(a.index()) {
            *m = inherited;
        }
    }
    inherited
}

fn basic(dom: &Dom, u: &Unit) -> Basic {
    let chars = u.text.chars().count();
    let linked: usize = u.parts.iter().map(|&p| linked_chars(dom, p)).sum();
    let link_density = if chars == 0 { 0.0 } else { (linked as f32 / chars as f32).min(1.0) };
    let heading = dom.tag(u.node).is_some_and(tags::is_heading_tag);
    Basic { chars, link_density, prose: !heading && chars >= 80 && link_density < 0.25 }
}

/// Characters of text inside links, in `id` (a link itself, or holding some).
fn linked_chars(dom: &Dom, id: NodeId) -> usize {
    if dom.is(id, &local_name!("a")) {
        return dom.text_len(id);
    }
    dom.find_all(id, &local_name!("a")).map(|a| dom.text_len(a)).sum()
}

fn links_in(dom: &Dom, id: NodeId) -> usize {
    usize::from(dom.is(id, &local_name!("a"))) + dom.find_all(id, &local_name!("a")).count()
}

/// The kind of block: its tag with its parent's tag and class, as lists of teasers share.
fn kind(dom: &Dom, id: NodeId) -> String {
    let tag = dom.tag(id).map(|t| t.to_string()).unwrap_or_default();
    let parent = dom.parent(id);
    let ptag = parent.and_then(|p| dom.tag(p)).map(|t| t.to_string()).unwrap_or_default();
    let pclass = parent.and_then(|p| dom.attr(p, "class")).unwrap_or("");
    format!("{tag}/{ptag}.{pclass}")
}

fn sentences(text: &str) -> usize {
    let mut n = 0;
    let mut prev_end = false;
    for c in text.chars() {
        if prev_end && c.is_whitespace() {
            n += 1;
        }
        prev_end = matches!(c, '.' | '!' | '?' | '。');
    }
    n + usize::from(prev_end)
}

fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' && w[1] == b'9' || w[0] == b'2' && w[1] == b'0')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

fn ln(x: usize) -> f32 {
    (x as f32).ln_1p()
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn one_vector_per_unit_with_every_feature() {
        let dom = parse(
            "<body><div class='entry-content'><h2>Intro</h2><p>A paragraph of the article, long enough, \
             with a comma and a full stop at the end of it all.</p><div class='author-bio'>By Jane Doe</div>\
             <ul class='related'><li><a href='/a'>Another story</a></li></ul></div></body>",
        );
        let body = dom.body().unwrap();
        let units = super::super::units(&dom, body);
        let f = compute(&dom, body, &units, Some("Intro"));
        assert_eq!(f.len(), units.len());
        assert!(f.iter().all(|v| v.len() == NAMES.len() && v.iter().all(|x| x.is_finite())));
        let at = |name: &str| NAMES.iter().position(|n| *n == name).unwrap();
        let bio = units.iter().position(|u| u.text == "By Jane Doe").unwrap();
        assert_eq!(f[bio][at("g_bio")], 1.0);
        assert_eq!(f[bio][at("byline_like")], 1.0);
        let link = units.iter().position(|u| u.text == "Another story").unwrap();
        assert_eq!(f[link][at("link_density")], 1.0);
        assert_eq!(f[link][at("g_related")], 1.0);
        assert_eq!(f[link][at("after_last_prose")], 1.0);
        assert!(has_year("May 4, 2021") && !has_year("12345"));
    }
}
