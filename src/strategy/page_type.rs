//! What kind of page this is. An article wants strict reading (comments, teasers, captions
//! out); a forum thread wants every post; documentation, service and landing pages want every
//! section of their main content; product pages, listings and collections want their main
//! region whole (the description, the card grid, the table). The type is learned: a small
//! model per type over numbers about the whole page (its schema.org and OpenGraph types, how
//! much of it is prose, forms, prices, repeated blocks, the words of its class names), trained
//! by `scripts/train-models.py page-type` on wcxb-dev's labelled pages and the article sets.

use crate::dom::{local_name, tags, Dom, NodeId};
use crate::prepare::Prepared;
use std::collections::HashMap;

/// The kinds of page, in the order of the models (`page_type_model::MODELS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageType {
    Article,
    Forum,
    Documentation,
    Service,
    Product,
    Listing,
    Collection,
}

impl PageType {
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Documentation,
        PageType::Service,
        PageType::Product,
        PageType::Listing,
        PageType::Collection,
    ];

    /// The name wcxb-dev's `page_type` gives it.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
            PageType::Product => "product",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
        }
    }
}

/// The page's type, and the probability each type's model gives it (the shipped models: they
/// are not in `models::Models` while extraction does not call this).
pub fn classify(dom: &Dom, prepared: &Prepared) -> (PageType, [f32; 7]) {
    let f = features(dom, prepared);
    let mut probs = [0.0f32; 7];
    for (p, model) in probs.iter_mut().zip(&super::page_type_model::MODELS) {
        *p = model.probability(&f);
    }
    let best = (0..probs.len()).max_by(|&a, &b| probs[a].total_cmp(&probs[b])).unwrap_or(0);
    (PageType::ALL[best], probs)
}

/// schema.org types named in the page's JSON-LD, by the kind of page they mark.
const LD_TYPES: &[(&str, &[&str])] = &[
    ("ld_article", &["\"Article\"", "NewsArticle", "BlogPosting", "Report", "OpinionNewsArticle", "ReportageNewsArticle", "LiveBlogPosting", "ScholarlyArticle"]),
    ("ld_product", &["\"Product\"", "ProductGroup", "\"Offer\"", "AggregateOffer", "IndividualProduct"]),
    ("ld_forum", &["DiscussionForumPosting", "QAPage", "\"Question\"", "\"Answer\"", "\"Comment\""]),
    ("ld_list", &["ItemList", "CollectionPage", "SearchResultsPage", "OfferCatalog", "\"ListItem\""]),
    ("ld_docs", &["TechArticle", "APIReference", "HowTo", "SoftwareSourceCode"]),
    ("ld_faq", &["FAQPage"]),
    ("ld_business", &["LocalBusiness", "\"Service\"", "ProfessionalService", "\"Organization\"", "Corporation"]),
];

/// Words of class and id names, by what they tell of the page.
const CLASS_WORDS: &[(&str, &[&str])] = &[
    ("w_product", &["product", "sku", "variant", "pdp"]),
    ("w_price", &["price", "cart", "basket", "checkout", "buy", "purchase", "add-to", "addto", "quantity", "qty"]),
    ("w_review", &["review", "rating", "stars", "testimonial"]),
    ("w_forum", &["forum", "thread", "topic", "reply", "replies", "quote", "signature", "postbit", "message"]),
    ("w_post", &["post", "entry", "article", "story"]),
    ("w_comment", &["comment", "discussion", "respond"]),
    ("w_user", &["user", "author", "avatar", "member", "profile", "username"]),
    ("w_docs", &["docs", "documentation", "api", "toc", "markdown", "highlight", "sidebar-nav", "menu-item", "reference"]),
    ("w_card", &["card", "tile", "grid", "item", "teaser", "thumb", "listing", "result"]),
    ("w_filter", &["filter", "facet", "sort", "refine", "pagination", "pager"]),
    ("w_landing", &["hero", "cta", "feature", "benefit", "pricing", "plan", "section", "banner", "elementor", "block"]),
];

/// Words of short texts (buttons, links, labels) by what they tell of the page, in several
/// languages.
const TEXT_WORDS: &[(&str, &[&str])] = &[
    ("t_buy", &["add to cart", "add to bag", "add to basket", "buy now", "in stock", "out of stock", "in den warenkorb", "ajouter au panier", "añadir al carrito", "aggiungi al carrello", "in winkelwagen", "free shipping", "kostenloser versand"]),
    ("t_forum", &["reply", "quote", "posts:", "joined:", "posted by", "report post", "antworten", "zitieren", "répondre", "responder", "thread starter", "original poster", "upvote"]),
    ("t_docs", &["on this page", "table of contents", "edit this page", "was this page helpful", "next page", "previous page", "api reference", "parameters", "returns"]),
    ("t_service", &["contact us", "get started", "book a demo", "request a quote", "learn more", "free trial", "get in touch", "kontakt", "nous contacter", "contáctanos"]),
];

/// The features in order; see `features`.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&str> = LD_TYPES.iter().map(|(n, _)| *n).collect();
    v.extend(["og_article", "og_product", "og_website", "ld_any"]);
    v.extend([
        "log_body_len",
        "body_link_density",
        "prose_share",
        "log_prose",
        "log_paragraphs",
        "mean_paragraph",
        "h1s",
        "log_h2",
        "log_h3",
        "articles",
        "mains",
        "log_forms",
        "log_inputs",
        "log_buttons",
        "log_selects",
        "log_images",
        "log_tables",
        "log_pre",
        "log_code",
        "log_time",
        "log_li",
        "li_link_share",
        "log_dl",
        "log_prices",
        "log_repeat_groups",
        "largest_repeat",
        "largest_repeat_mean_len",
        "log_headings_linked",
    ]);
    v.extend(CLASS_WORDS.iter().map(|(n, _)| *n));
    v.extend(TEXT_WORDS.iter().map(|(n, _)| *n));
    v
}

fn ln(x: usize) -> f32 {
    (x as f32).ln_1p()
}

/// Text of an element that is a short label (a button, a link, a small span): where the
/// page's calls to action and forum controls are written.
const SHORT_TEXT: usize = 40;

/// The page-level numbers the type models read, in the order of `names()`: one pass over the
/// body, in time linear in the page.
pub fn features(dom: &Dom, prepared: &Prepared) -> Vec<f32> {
    let mut f = Vec::with_capacity(64);
    let ld: String = prepared.json_ld.join(" ");
    for (_, words) in LD_TYPES {
        f.push(if words.iter().any(|w| ld.contains(w)) { 1.0 } else { 0.0 });
    }
    let og = og_type(dom).unwrap_or_default().to_ascii_lowercase();
    f.push(f32::from(u8::from(og.starts_with("article"))));
    f.push(f32::from(u8::from(og.starts_with("product"))));
    f.push(f32::from(u8::from(og.starts_with("website"))));
    f.push(f32::from(u8::from(!ld.trim().is_empty())));

    let body = dom.body().unwrap_or(dom.root());
    let lens = dom.text_lens(body);
    let len_of = |id: NodeId| lens.get(id.index()).copied().filter(|&l| l != u32::MAX).unwrap_or(0) as usize;
    let body_len = len_of(body).max(1);

    let mut count: HashMap<&'static str, usize> = HashMap::new();
    let mut bump = |k: &'static str| *count.entry(k).or_insert(0) += 1;
    let mut linked_text = 0usize;
    let mut paragraphs = Vec::new();
    let mut li_total = 0usize;
    let mut li_linked = 0usize;
    let mut prices = 0usize;
    let mut class_hits = vec![0usize; CLASS_WORDS.len()];
    let mut text_hits = vec![0usize; TEXT_WORDS.len()];
    // Siblings of one parent with the same tag and class: posts, cards, rows of results.
    let mut groups: HashMap<(NodeId, String), (usize, usize)> = HashMap::new();
    let mut headings_linked = 0usize;

    let mut cur = dom.first_child(body);
    while let Some(id) = cur {
        let Some(tag) = dom.tag(id) else {
            if let Some(t) = dom.text(id) {
                prices += count_prices(t);
            }
            cur = crate::dom::next_in_order(dom, body, id);
            continue;
        };
        let len = len_of(id);
        match *tag {
            local_name!("a") => {
                linked_text += len;
                if dom.parent(id).and_then(|p| dom.tag(p)).is_some_and(tags::is_heading_tag) {
                    headings_linked += 1;
                }
            }
            local_name!("p") => paragraphs.push(len),
            local_name!("h1") => bump("h1"),
            local_name!("h2") => bump("h2"),
            local_name!("h3") => bump("h3"),
            local_name!("article") => bump("article"),
            local_name!("main") => bump("main"),
            local_name!("form") => bump("form"),
            local_name!("input") | local_name!("textarea") => bump("input"),
            local_name!("button") => bump("button"),
            local_name!("select") => bump("select"),
            local_name!("img") | local_name!("picture") => bump("img"),
            local_name!("table") => bump("table"),
            local_name!("pre") => bump("pre"),
            local_name!("code") => bump("code"),
            local_name!("time") => bump("time"),
            local_name!("dl") => bump("dl"),
            local_name!("li") => {
                li_total += 1;
                if dom.find(id, &local_name!("a")).is_some() {
                    li_linked += 1;
                }
            }
            _ => {}
        }
        if let Some(class) = dom.attr(id, "class").filter(|c| !c.trim().is_empty()) {
            let lower = class.to_ascii_lowercase();
            for (i, (_, words)) in CLASS_WORDS.iter().enumerate() {
                if words.iter().any(|w| lower.contains(w)) {
                    class_hits[i] += 1;
                }
            }
            if let Some(parent) = dom.parent(id) {
                let e = groups.entry((parent, format!("{tag}.{lower}"))).or_insert((0, 0));
                e.0 += 1;
                e.1 += len;
            }
        }
        if len > 0 && len <= SHORT_TEXT && matches!(*tag, local_name!("a") | local_name!("button") | local_name!("span") | local_name!("label") | local_name!("div") | local_name!("li")) {
            let text = dom.inner_text(id).to_lowercase();
            for (i, (_, words)) in TEXT_WORDS.iter().enumerate() {
                if words.iter().any(|w| text.contains(w)) {
                    text_hits[i] += 1;
                }
            }
        }
        cur = crate::dom::next_in_order(dom, body, id);
    }
    let prose: Vec<usize> = paragraphs.iter().copied().filter(|&l| l >= 80).collect();
    let c = |k: &str| count.get(k).copied().unwrap_or(0);
    let repeats: Vec<&(usize, usize)> = groups.values().filter(|(n, _)| *n >= 3).collect();
    let largest = repeats.iter().max_by_key(|(n, _)| *n).map_or((0, 0), |&&(n, l)| (n, l));

    f.push(ln(body_len));
    f.push((linked_text as f32 / body_len as f32).min(1.0));
    f.push(prose.iter().sum::<usize>() as f32 / body_len as f32);
    f.push(ln(prose.len()));
    f.push(ln(paragraphs.len()));
    f.push(if paragraphs.is_empty() { 0.0 } else { paragraphs.iter().sum::<usize>() as f32 / paragraphs.len() as f32 / 100.0 });
    f.push(c("h1").min(10) as f32);
    f.push(ln(c("h2")));
    f.push(ln(c("h3")));
    f.push(c("article").min(20) as f32);
    f.push(c("main").min(5) as f32);
    f.push(ln(c("form")));
    f.push(ln(c("input")));
    f.push(ln(c("button")));
    f.push(ln(c("select")));
    f.push(ln(c("img")));
    f.push(ln(c("table")));
    f.push(ln(c("pre")));
    f.push(ln(c("code")));
    f.push(ln(c("time")));
    f.push(ln(li_total));
    f.push(if li_total == 0 { 0.0 } else { li_linked as f32 / li_total as f32 });
    f.push(ln(c("dl")));
    f.push(ln(prices));
    f.push(ln(repeats.len()));
    f.push(ln(largest.0));
    f.push(if largest.0 == 0 { 0.0 } else { ln(largest.1 / largest.0) });
    f.push(ln(headings_linked));
    f.extend(class_hits.iter().map(|&n| ln(n)));
    f.extend(text_hits.iter().map(|&n| ln(n)));
    debug_assert_eq!(f.len(), names().len());
    f
}

/// The page's `og:type`.
fn og_type(dom: &Dom) -> Option<String> {
    let head = dom.head()?;
    dom.find_all(head, &local_name!("meta"))
        .find(|&m| dom.attr(m, "property").or_else(|| dom.attr(m, "name")).is_some_and(|p| p.eq_ignore_ascii_case("og:type")))
        .and_then(|m| dom.attr(m, "content"))
        .map(str::to_string)
}

/// Prices written in a text: a currency sign or code beside a number (`$19.99`, `19,99 €`,
/// `EUR 20`).
fn count_prices(text: &str) -> usize {
    const SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽'];
    let b: Vec<char> = text.chars().collect();
    let mut n = 0;
    for (i, &ch) in b.iter().enumerate() {
        if SIGNS.contains(&ch) {
            let after = b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                || (b.get(i + 1) == Some(&' ') && b.get(i + 2).is_some_and(|c| c.is_ascii_digit()));
            let before = i > 0
                && (b[i - 1].is_ascii_digit() || (b[i - 1] == ' ' && i > 1 && b[i - 2].is_ascii_digit()));
            if after || before {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_counted() {
        assert_eq!(count_prices("Now $19.99, was 25 € or 20,00 €; £ 5"), 4);
        assert_eq!(count_prices("The $ sign alone, and € too"), 0);
    }

    #[test]
    fn features_have_their_names() {
        let dom = crate::dom::parse(
            "<head><meta property=og:type content=product></head><body><main><h1>T</h1><p>x</p>\
             <button>Add to cart</button></main></body>",
        );
        let f = features(&dom, &Prepared { json_ld: vec![r#"{"@type":"Product"}"#.into()], base: None });
        let names = names();
        assert_eq!(f.len(), names.len());
        let at = |n: &str| f[names.iter().position(|x| *x == n).unwrap()];
        assert_eq!(at("ld_product"), 1.0);
        assert_eq!(at("og_product"), 1.0);
        assert!(at("t_buy") > 0.0);
        assert_eq!(at("h1s"), 1.0);
    }
}
