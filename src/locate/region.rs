//! The broad reading of a page: its main region with the page furniture taken out. Pages
//! that are not one article (product pages, listings, forum threads, service pages) keep
//! their content spread over many small blocks that the paragraph scoring in `mod.rs` does
//! not favour; for them the main region, minus navigation, headers, footers, side columns
//! and the like, is the content.

use super::{contains_any, text_len};
use crate::dom::{local_name, Dom, NodeId, Step};

/// Class/id words of page furniture.
const FURNITURE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "social",
    "share",
    "breadcrumb",
    "skip-link",
    "skip-to",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "modal",
    "popup",
    "overlay",
    "advert",
    "-ad-",
    "ad-slot",
    "adslot",
    "sponsor",
    "related",
    "recommend",
    "promo",
    "sidebar",
    "footer",
    "masthead",
    "navbar",
    "nav-",
    "-nav",
    "menu",
    "toolbar",
    "banner",
    "site-header",
    "global-header",
    "page-header",
];
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// The element holding the page's main content: `<main>` (or `role=main`) when it holds a
/// fair share of the text, else the body.
fn region_root(dom: &Dom, body: NodeId) -> NodeId {
    let body_len = text_len(dom, body).max(1);
    let mut best: Option<(NodeId, usize)> = None;
    for d in dom.descendants(body) {
        let is_main = dom.is(d, &local_name!("main")) || dom.attr(d, "role") == Some("main");
        if !is_main {
            continue;
        }
        let len = text_len(dom, d);
        if best.is_none_or(|(_, l)| len > l) {
            best = Some((d, len));
        }
    }
    match best {
        Some((m, len)) if len * 4 >= body_len => m,
        _ => body,
    }
}

fn is_furniture(dom: &Dom, id: NodeId) -> bool {
    let Some(tag) = dom.tag(id) else { return false };
    if matches!(
        *tag,
        local_name!("nav")
            | local_name!("footer")
            | local_name!("aside")
            | local_name!("form")
            | local_name!("button")
            | local_name!("input")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("iframe")
            | local_name!("dialog")
            | local_name!("menu")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("object")
            | local_name!("embed")
    ) {
        return true;
    }
    if *tag == local_name!("header")
        && dom.ancestors(id).all(|a| !dom.is(a, &local_name!("article")) && !dom.is(a, &local_name!("main")))
    {
        return true;
    }
    if dom.attr(id, "role").is_some_and(|r| FURNITURE_ROLES.contains(&r.trim())) {
        return true;
    }
    let m = dom.class_and_id(id).to_lowercase();
    contains_any(&m, FURNITURE) && !contains_any(&m, &["article", "content", "main", "post-body", "entry"])
}

/// What comes before the page's main heading is its masthead: logo, menus, account links,
/// promotions. Drops it (keeping the heading's own ancestors).
fn drop_before_heading(dom: &mut Dom, root: NodeId) {
    let Some(h1) = dom.find(root, &local_name!("h1")) else { return };
    let mut doomed = Vec::new();
    let mut cur = dom.first_child(root);
    while let Some(n) = cur {
        if n == h1 {
            break;
        }
        if dom.contains(n, h1) {
            cur = dom.first_child(n);
            continue;
        }
        doomed.push(n);
        cur = crate::dom::next_skipping_children(dom, root, n);
    }
    for n in doomed {
        dom.detach(n);
    }
}

/// The main region, with furniture removed, moved into a new `<div>`.
pub fn locate_region(dom: &mut Dom) -> NodeId {
    let body = dom.body().unwrap_or(dom.root());
    let root = region_root(dom, body);
    dom.walk_mut(root, |dom, id| {
        if is_furniture(dom, id) {
            dom.detach(id);
            return Step::Removed;
        }
        Step::Descend
    });
    drop_before_heading(dom, root);
    let article = dom.create_element(local_name!("div"), Vec::new());
    if root == body {
        dom.move_children(body, article);
    } else {
        dom.append(article, root);
    }
    article
}
