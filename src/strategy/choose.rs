//! Which reading of a page is its content. The article reading (`locate`, paragraph scoring)
//! finds the prose of one article; the region reading (`locate_region`) keeps the page's main
//! region minus its furniture, which is right for pages that are not one article: products,
//! listings, threads, service pages. Choosing between them by a fixed rule ("fewer than three
//! paragraphs") misses in both directions: an article whose reading landed on a side block,
//! a product page whose reading took the reviews. A small learned model weighs what each
//! reading holds and where it sits on the page against the page's main heading; it is trained
//! by `scripts/train-models.py choose`, which writes `choose_model.rs`.

use crate::dom::measure::{link_density, text_len, text_similarity};
use crate::dom::{local_name, tags, Dom, NodeId};

pub const NAMES: &[&str] = &[
    "a_log_len",
    "a_prose",
    "a_prose_share",
    "a_li_share",
    "a_link_density",
    "a_log_headings",
    "a_log_images",
    "a_log_paragraphs",
    "r_log_len",
    "r_prose",
    "r_prose_share",
    "r_li_share",
    "r_link_density",
    "r_log_headings",
    "r_log_images",
    "r_log_paragraphs",
    "len_ratio",
    "body_log_len",
    "body_link_density",
    "h1s",
    "articles",
    "mains",
    "product",
    "title_pos",
    "a_start",
    "a_end",
    "r_start",
    "r_end",
    "title_in_article",
    "article_after_title",
    "article_covers_region_prose",
    "region_prose_outside_article",
];

/// Paragraphs at least this long (characters) are prose.
const PROSE: usize = 80;

/// One reading: its tree and root.
pub struct Reading<'a> {
    pub dom: &'a Dom,
    pub root: NodeId,
}

/// The features of a choice between two readings of `page` (the prepared page both were
/// taken from, whose node ids they share), in the order of `NAMES`.
pub fn features(page: &Dom, article: &Reading, region: &Reading, title: Option<&str>, product: bool) -> Vec<f32> {
    let mut f = Vec::with_capacity(NAMES.len());
    let a_len = text_len(article.dom, article.root);
    let r_len = text_len(region.dom, region.root);
    reading_features(article, &mut f);
    reading_features(region, &mut f);
    f.push(a_len as f32 / r_len.max(1) as f32);

    let body = page.body().unwrap_or(page.root());
    f.push(ln(text_len(page, body)));
    f.push(link_density(page, body));
    f.push(page.find_all(body, &local_name!("h1")).count().min(10) as f32);
    f.push(page.find_all(body, &local_name!("article")).count().min(10) as f32);
    f.push(page.find_all(body, &local_name!("main")).count().min(10) as f32);
    f.push(if product { 1.0 } else { 0.0 });

    // Where things sit on the page, as shares of its nodes in document order.
    let mut order = vec![u32::MAX; page.capacity()];
    let mut n = 0u32;
    for d in page.descendants(body) {
        order[d.index()] = n;
        n += 1;
    }
    let n = n.max(1) as f32;
    let heading = title
        .and_then(|t| {
            page.descendants(body).find(|&h| {
                (page.is(h, &local_name!("h1")) || page.is(h, &local_name!("h2")))
                    && text_similarity(t, &page.text_content(h)) > 0.6
            })
        })
        .or_else(|| page.find(body, &local_name!("h1")));
    let title_pos = heading.map(|h| order[h.index()] as f32 / n);
    let span = |r: &Reading| {
        let mut lo = u32::MAX;
        let mut hi = 0;
        for d in r.dom.descendants(r.root) {
            if let Some(&o) = order.get(d.index()).filter(|&&o| o != u32::MAX) {
                lo = lo.min(o);
                hi = hi.max(o);
            }
        }
        if lo == u32::MAX {
            (0.0, 0.0)
        } else {
            (lo as f32 / n, hi as f32 / n)
        }
    };
    let (a_lo, a_hi) = span(article);
    let (r_lo, r_hi) = span(region);
    f.push(title_pos.unwrap_or(-1.0));
    f.extend([a_lo, a_hi, r_lo, r_hi]);
    f.push(match title_pos {
        Some(t) if a_lo - 0.02 <= t && t <= a_hi => 1.0,
        _ => 0.0,
    });
    f.push(title_pos.map_or(0.0, |t| a_lo - t));

    // How much of the region's prose the article reading already holds (the trees share node
    // ids: both are copies of the page).
    let (mut covered, mut outside) = (0usize, 0usize);
    for p in region.dom.find_all(region.root, &local_name!("p")) {
        let len = text_len(region.dom, p);
        if len < PROSE {
            continue;
        }
        if p.index() < article.dom.capacity() && article.dom.contains(article.root, p) {
            covered += len;
        } else {
            outside += len;
        }
    }
    f.push(covered as f32 / (covered + outside).max(1) as f32);
    f.push(ln(outside));
    debug_assert_eq!(f.len(), NAMES.len());
    f
}

fn reading_features(r: &Reading, f: &mut Vec<f32>) {
    let (dom, root) = (r.dom, r.root);
    let len = text_len(dom, root).max(1) as f32;
    let paragraphs: Vec<usize> = dom.find_all(root, &local_name!("p")).map(|p| text_len(dom, p)).collect();
    let prose: Vec<usize> = paragraphs.iter().copied().filter(|&l| l >= PROSE).collect();
    // Items of outermost lists only: nested items' text is in their parents'.
    let li_len: usize = dom
        .find_all(root, &local_name!("li"))
        .filter(|&l| !dom.ancestors(l).take_while(|&a| a != root).any(|a| dom.is(a, &local_name!("li"))))
        .map(|l| text_len(dom, l))
        .sum();
    let headings = dom.descendants(root).filter(|&h| dom.tag(h).is_some_and(tags::is_heading_tag)).count();
    f.push(ln(text_len(dom, root)));
    f.push(prose.len().min(50) as f32);
    f.push(prose.iter().sum::<usize>() as f32 / len);
    f.push(li_len as f32 / len);
    f.push(link_density(dom, root));
    f.push(ln(headings));
    f.push(ln(dom.find_all(root, &local_name!("img")).count()));
    f.push(ln(paragraphs.len()));
}

fn ln(x: usize) -> f32 {
    (x as f32).ln_1p()
}

/// A reading of ten prose paragraphs or more that make up most of its text is an article:
/// the region reading need not even be made. (On the development sets the model never
/// prefers the region for such a page; `scripts/train-models.py choose` checks that.)
pub fn is_clear_article(dom: &Dom, root: NodeId) -> bool {
    let len = text_len(dom, root).max(1);
    let prose: Vec<usize> =
        dom.find_all(root, &local_name!("p")).map(|p| text_len(dom, p)).filter(|&l| l >= PROSE).collect();
    prose.len() >= CLEAR_ARTICLE_PROSE && prose.iter().sum::<usize>() as f32 >= CLEAR_ARTICLE_SHARE * len as f32
}

/// See `is_clear_article` (and `CLEAR_ARTICLE` in scripts/train-models.py).
const CLEAR_ARTICLE_PROSE: usize = 10;
const CLEAR_ARTICLE_SHARE: f32 = 0.7;

/// Is the region reading the page's content rather than the article reading? The model
/// corrects a fixed rule (the article reading found under three prose paragraphs and under
/// half the region's text) where it is sure: the region must be clearly better to overrule the
/// rule's "article", and clearly worse to overrule its "region".
pub fn prefers_region(features: &[f32], models: &crate::models::Models) -> bool {
    let p = models.choose.probability(features);
    if rule_prefers_region(features) {
        p > models.choose_with_rule
    } else {
        p > models.choose_against_rule
    }
}

/// The fixed rule (also `rule_prefers_region` in scripts/train-models.py).
fn rule_prefers_region(features: &[f32]) -> bool {
    let at = |name: &str| NAMES.iter().position(|n| *n == name).map_or(0.0, |i| features[i]);
    at("a_prose") < 3.0 && at("len_ratio") < 0.5
}
