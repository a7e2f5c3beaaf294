//! The removed view: the page as Pith parsed it, its scripts and handlers taken out, with the
//! outermost blocks whose text Pith dropped marked `data-pith-removed` and the outermost blocks
//! whose text it kept marked `data-pith-kept`. A front end shows it (in a sandboxed frame) so a
//! person sees at a glance why the article looks the way it does.

use crate::dom::{local_name, outer_html, Dom, NodeId};
use crate::render::html::safe_url;

/// `original` is the page as parsed; `article` the tree the article was taken from (whose
/// nodes keep the indices they had in `original`), `root` the article in it.
pub fn annotate(original: &Dom, article: &Dom, root: NodeId) -> String {
    let n = original.capacity();
    let mut kept = vec![false; n];
    for d in article.descendants(root) {
        if d.index() < n && article.text(d).is_some_and(|t| !t.trim().is_empty()) {
            kept[d.index()] = true;
        }
    }
    // (text nodes, kept text nodes) under each element.
    let mut total_count = vec![0u32; n];
    let mut kept_count = vec![0u32; n];
    for id in original.post_order(original.root()) {
        if let Some(t) = original.text(id) {
            if !t.trim().is_empty() {
                total_count[id.index()] = 1;
                kept_count[id.index()] = kept[id.index()] as u32;
            }
        }
        if let Some(p) = original.parent(id) {
            total_count[p.index()] += total_count[id.index()];
            kept_count[p.index()] += kept_count[id.index()];
        }
    }

    let mut page = original.clone();
    let Some(body) = page.body() else { return outer_html(&page, page.root()) };
    let ids: Vec<NodeId> = page.descendants(page.root()).filter(|&d| page.is_element(d)).collect();
    for id in ids {
        if disarm(&mut page, id) {
            continue;
        }
        if !page.contains(body, id) || id == body {
            continue;
        }
        let (total, got) = (total_count[id.index()], kept_count[id.index()]);
        if total == 0 {
            continue;
        }
        let parent = page.parent(id).map(|p| (total_count[p.index()], kept_count[p.index()]));
        let parent_is_body = page.parent(id) == Some(body);
        match parent {
            Some((_, pk)) if got == 0 && (pk > 0 || parent_is_body) => page.set_attr(id, "data-pith-removed", ""),
            Some((pt, pk)) if got == total && (pk < pt || parent_is_body) => page.set_attr(id, "data-pith-kept", ""),
            _ => {}
        }
    }
    outer_html(&page, page.root())
}

/// Takes out what could run or navigate: scripts, frames, plugins, refreshes, `on*`
/// handlers and script URLs. Styles stay, so the page still looks like itself. Returns
/// whether the element itself went.
fn disarm(page: &mut Dom, id: NodeId) -> bool {
    let Some(tag) = page.tag(id).cloned() else { return false };
    let drop = match tag {
        local_name!("script")
        | local_name!("iframe")
        | local_name!("frame")
        | local_name!("frameset")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("applet")
        | local_name!("base") => true,
        local_name!("meta") => page.has_attr(id, "http-equiv"),
        local_name!("link") => !page.attr(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("stylesheet")),
        _ => false,
    };
    if drop {
        page.detach(id);
        return true;
    }
    if let Some(el) = page.element_mut(id) {
        el.attrs.retain(|a| {
            let name: &str = &a.name;
            if name.starts_with("on") || name == "srcdoc" || name == "formaction" {
                return false;
            }
            if matches!(name, "href" | "src" | "action" | "poster" | "background" | "xlink:href" | "data") {
                return safe_url(&a.value, name != "href" && name != "action");
            }
            true
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn marks_outermost_removed_and_kept_blocks() {
        let html = r#"<html><body><nav><a href="/">Home</a></nav><div id="a"><p id="p1">kept one</p><p id="p2">kept two</p><div class="ad">buy now</div></div><script>x()</script><p onclick="x()">t</p></body></html>"#;
        let original = parse(html);
        let mut article = original.clone();
        // Pretend the article is the two paragraphs.
        let root = article.create_element(local_name!("div"), vec![]);
        let ps: Vec<NodeId> = article.find_all(article.root(), &local_name!("p")).take(2).collect();
        for p in ps {
            article.append(root, p);
        }
        let out = annotate(&original, &article, root);
        assert!(out.contains(r#"<nav data-pith-removed="">"#), "{out}");
        assert!(out.contains(r#"<p id="p1" data-pith-kept="">"#), "{out}");
        assert!(out.contains(r#"<div class="ad" data-pith-removed="">"#), "{out}");
        assert!(!out.contains("<script") && !out.contains("onclick"), "{out}");
        // The container holding both kinds is not marked itself.
        assert!(out.contains(r#"<div id="a">"#), "{out}");
    }
}
