//! Prunes what is not article inside the located container: forms, share bars, link lists,
//! promos, embeds that are not videos, empty shells; keeps data tables, figures, code and
//! lists of real content.

use crate::dom::measure::{
    has_ancestor_tag, has_single_tag_inside, is_element_without_content, is_icon_sized, is_phrasing, link_density,
    text_len,
};
use crate::dom::{local_name, tags, Dom, LocalName, NodeId, Step};
use crate::locate::{class_weight, Flags};
use crate::patterns;
use std::collections::HashSet;

/// Hosts of video players whose embeds are article content.
const VIDEO_HOSTS: &[&str] = &[
    "//www.youtube.com",
    "//youtube.com",
    "//www.youtube-nocookie.com",
    "//youtube-nocookie.com",
    "//player.vimeo.com",
    "//www.dailymotion.com",
    "//dailymotion.com",
    "//v.qq.com",
    "//archive.org",
    "//upload.wikimedia.org",
    "//player.twitch.tv",
];

/// Texts that are the whole of an ad label or a loading spinner.
const AD_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werbung",
    "广告",
    "реклама",
    "anuncio",
    "anzeige",
    "sponsored",
];
const LOADING_WORDS: &[&str] = &["loading", "正在加载", "загрузка", "chargement", "cargando"];

pub fn clean(dom: &mut Dom, root: NodeId, flags: Flags) {
    remove_furniture(dom, root, true);
    let data_tables = mark_data_tables(dom, root);

    clean_conditionally(dom, root, &local_name!("form"), flags, &data_tables);
    clean_conditionally(dom, root, &local_name!("fieldset"), flags, &data_tables);
    for tag in
        [local_name!("object"), local_name!("embed"), local_name!("footer"), local_name!("link"), local_name!("aside")]
    {
        remove_all(dom, root, &tag);
    }
    remove_share_elements(dom, root);
    for tag in [
        local_name!("iframe"),
        local_name!("input"),
        local_name!("textarea"),
        local_name!("select"),
        local_name!("button"),
    ] {
        remove_all(dom, root, &tag);
    }
    // Headings that class names mark as furniture.
    for h in all(dom, root, &[local_name!("h1"), local_name!("h2")]).into_iter().rev() {
        if class_weight(dom, h, flags) < 0 {
            dom.detach(h);
        }
    }
    clean_conditionally(dom, root, &local_name!("table"), flags, &data_tables);
    clean_conditionally(dom, root, &local_name!("ul"), flags, &data_tables);
    clean_conditionally(dom, root, &local_name!("div"), flags, &data_tables);

    // The title is shown on its own: headings in the body start at level 2.
    for h in all(dom, root, &[local_name!("h1")]) {
        dom.rename(h, local_name!("h2"));
    }
    remove_empty_paragraphs(dom, root);
    remove_br_before_p(dom, root);
    unwrap_single_cell_tables(dom, root);
    remove_permalinks(dom, root);
    remove_empty_sections(dom, root);
    simplify_nested(dom, root);
}

/// After blocks have been taken out of the article: removes the containers left empty
/// (paragraphs, list items and lists, quotes, rows, divs) and the headings left with nothing
/// under them.
pub fn tidy(dom: &mut Dom, root: NodeId) {
    let order: Vec<NodeId> = dom.descendants(root).filter(|&d| dom.is_element(d)).collect();
    for node in order.into_iter().rev() {
        let emptiable = matches!(
            dom.tag(node),
            Some(&local_name!("p"))
                | Some(&local_name!("li"))
                | Some(&local_name!("ul"))
                | Some(&local_name!("ol"))
                | Some(&local_name!("dl"))
                | Some(&local_name!("dt"))
                | Some(&local_name!("dd"))
                | Some(&local_name!("blockquote"))
                | Some(&local_name!("figcaption"))
                | Some(&local_name!("tr"))
                | Some(&local_name!("div"))
                | Some(&local_name!("section"))
                | Some(&local_name!("span"))
                | Some(&local_name!("a"))
        );
        if emptiable && node != root && !dom.has_text(node) && !has_media(dom, node) {
            dom.detach(node);
        }
    }
    remove_empty_sections(dom, root);
    simplify_nested(dom, root);
}

/// Removes the furniture inside the article: blocks named as ads, share bars, newsletter
/// boxes, paywall prompts, related links, metadata lines (see `patterns`), blocks whose
/// whole text is such a label or pitch, and breadcrumb trails. A block holding half of the
/// article or more is never removed for its name alone.
pub fn remove_furniture(dom: &mut Dom, root: NodeId, with_comments: bool) {
    // Lengths measured once: the walk only removes the node it stands on or nodes after it.
    let lens = dom.text_lens(root);
    let total = lens[root.index()] as usize;
    dom.walk_mut(root, |dom, id| {
        let Some(tag) = dom.tag(id).cloned() else { return Step::SkipChildren };
        let len = lens.get(id.index()).map_or_else(|| text_len(dom, id), |&l| l as usize);
        if tag != local_name!("a") && is_link_trail(dom, id, len) {
            dom.detach(id);
            return Step::Removed;
        }
        // Text for screen readers only (short labels: a longer one is a tooltip's content; a
        // heading marks the structure the link-list rules below read).
        if (1..60).contains(&len) && !tags::is_heading_tag(&tag) && patterns::is_screen_reader_only(dom, id) {
            dom.detach(id);
            return Step::Removed;
        }
        // Hidden by a CSS framework's class: the variants of a paywall box that a script
        // picks from. Only short blocks: a long one is content behind a "read more" toggle.
        // Here, not in prepare, so that the readings find the same container as before.
        if len <= 600 && patterns::is_class_hidden(dom, id) {
            dom.detach(id);
            return Step::Removed;
        }
        // Inline elements (a link, a date) are part of a sentence; ads come as blocks, as
        // <ins>, or as custom elements (<amp-ad>). Inline ones go only when ad-named (or an
        // "[edit]" link beside a heading).
        let inline = !(tags::is_block_tag(&tag) || tag.contains('-') || tag == local_name!("ins"));
        if inline {
            let words = patterns::words(dom, id);
            if len < 100 && (patterns::is_ad_named(&words) || words.iter().any(|w| w == "editsection")) {
                dom.detach(id);
                return Step::Removed;
            }
            return Step::Descend;
        }
        if len * 2 > total && total > 0 {
            return Step::Descend;
        }
        if let Some(list) = link_list_under_heading(dom, id, len) {
            let next = crate::dom::next_skipping_children(dom, root, *list.last().unwrap_or(&id));
            dom.detach(id);
            for l in list {
                dom.detach(l);
            }
            return Step::Continue(next);
        }
        // The text-based checks read short blocks only.
        let text = (len <= 600).then(|| dom.text_content(id));
        if text.as_deref().is_some_and(|t| patterns::is_notice_block(dom, id, len, t)) {
            dom.detach(id);
            return Step::Removed;
        }
        let words = patterns::words(dom, id);
        let named = patterns::is_furniture_named(&words, len < 200, with_comments)
            && (patterns::is_ad_named(&words) || ((len < 600 || link_density(dom, id) > 0.5) && !holds_media(dom, id)));
        let furniture = named || (len < 200 && text.as_deref().is_some_and(patterns::is_furniture_text));
        if furniture {
            dom.detach(id);
            return Step::Removed;
        }
        Step::Descend
    });
}

/// When `id` is a heading of links to elsewhere ("More in Politics", "Related stories",
/// "Filed under"), the link lists right after it: the blocks up to the first one that is not
/// mostly links. `None` when there are none, so such a heading over prose stays.
fn link_list_under_heading(dom: &Dom, id: NodeId, len: usize) -> Option<Vec<NodeId>> {
    if len == 0 || len > 60 || !patterns::is_link_list_heading(&dom.text_content(id)) {
        return None;
    }
    let mut list = Vec::new();
    let mut cur = dom.next_sibling(id);
    while let Some(n) = cur {
        cur = dom.next_sibling(n);
        if dom.text(n).is_some_and(crate::dom::is_whitespace_only) {
            continue;
        }
        if !dom.is_element(n) || dom.tag(n).is_some_and(tags::is_heading_tag) || !is_link_block(dom, n) {
            break;
        }
        list.push(n);
    }
    (!list.is_empty()).then_some(list)
}

/// Links and little else: mostly links, with at most dates, bylines or kickers beside them
/// (headlines with a thumbnail, a table of related posts, tag links), or a list whose every
/// item is a link. A paragraph of prose around a long citation link is not one: it has a
/// sentence outside its links.
fn is_link_block(dom: &Dom, id: NodeId) -> bool {
    if dom.find(id, &local_name!("a")).is_none() || longest_unlinked_run(dom, id) > 50 {
        return false;
    }
    let list = matches!(dom.tag(id), Some(&local_name!("ul")) | Some(&local_name!("ol")));
    if list && dom.element_children(id).all(|li| dom.find(li, &local_name!("a")).is_some()) {
        return true;
    }
    text_len(dom, id) == 0 || link_density(dom, id) >= 0.5
}

/// The longest run of text outside links and within one block (characters, whitespace
/// collapsed).
fn longest_unlinked_run(dom: &Dom, id: NodeId) -> usize {
    let (mut longest, mut run) = (0, 0);
    let mut cur = dom.first_child(id);
    while let Some(n) = cur {
        if let Some(t) = dom.text(n) {
            run += crate::dom::collapsed_len(t);
            longest = longest.max(run);
        } else if dom.is(n, &local_name!("a")) {
            run = 0;
            cur = crate::dom::next_skipping_children(dom, id, n);
            continue;
        } else if dom.tag(n).is_some_and(|t| tags::is_block_tag(t) || *t == local_name!("br")) {
            run = 0;
        }
        cur = crate::dom::next_in_order(dom, id, n);
    }
    longest
}

/// Pictures and videos are content even in oddly named wrappers ("media-share" around a
/// photo, "widget type-image" around a captioned one). Avatars and icons (100 pixels or
/// less) do not count.
fn holds_media(dom: &Dom, id: NodeId) -> bool {
    let is_picture = |d: NodeId| match dom.tag(d) {
        Some(&local_name!("img")) => !is_icon_sized(dom, d),
        Some(&local_name!("picture")) | Some(&local_name!("video")) | Some(&local_name!("figure")) => true,
        _ => false,
    };
    is_picture(id) || dom.descendants(id).any(is_picture)
}

/// A breadcrumb or link bar: two or more links whose text is all there is, apart from
/// separators (`>`, `»`, `/`, `|`, `·`).
fn is_link_trail(dom: &Dom, id: NodeId, len: usize) -> bool {
    if len == 0 || len > 200 {
        return false;
    }
    let links: Vec<NodeId> = dom.find_all(id, &local_name!("a")).collect();
    if links.len() < 2 {
        return false;
    }
    let mut outside = String::new();
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            if !dom.ancestors(d).take_while(|&a| a != id).any(|a| dom.is(a, &local_name!("a"))) {
                outside.push_str(t);
            }
        }
    }
    outside.chars().all(|c| c.is_whitespace() || ">»›/|·•:".contains(c))
        && outside.chars().any(|c| ">»›/|·•".contains(c))
}

/// In-page anchor links that show only a symbol (`#`, `¶`, `§`, `🔗`, or nothing visible):
/// the permalinks docs and wikis put beside headings.
fn remove_permalinks(dom: &mut Dom, root: NodeId) {
    let links: Vec<NodeId> = dom.find_all(root, &local_name!("a")).collect();
    for a in links {
        if !dom.attr(a, "href").is_some_and(|h| h.starts_with('#')) {
            continue;
        }
        let text = dom.text_content(a);
        let visible = text.chars().any(|c| c.is_alphanumeric());
        if !visible && !dom.descendants(a).any(|d| dom.is(d, &local_name!("img"))) {
            dom.detach(a);
        }
    }
}

/// Removes headings left with nothing under them (their section's content was pruned).
fn remove_empty_sections(dom: &mut Dom, root: NodeId) {
    let order: Vec<NodeId> = dom.descendants(root).collect();
    let mut doomed = Vec::new();
    for (i, &h) in order.iter().enumerate() {
        let Some(level) = dom.tag(h).and_then(tags::heading_level) else { continue };
        let mut has_content = false;
        for &n in &order[i + 1..] {
            if dom.contains(h, n) {
                continue;
            }
            if dom.tag(n).and_then(tags::heading_level).is_some_and(|l| l <= level) {
                break;
            }
            if dom.text(n).is_some_and(|t| !t.trim().is_empty()) || dom.tag(n).is_some_and(tags::is_media_tag) {
                has_content = true;
                break;
            }
        }
        // A heading that is a sentence ("What do you think?") closes the text, it does not
        // title a section.
        let sentence = dom.text_content(h).trim_end().ends_with(['?', '!', '.', '？', '！', '。']);
        if !has_content && !sentence {
            doomed.push(h);
        }
    }
    for h in doomed {
        dom.detach(h);
    }
}

/// Every element under `root` with one of these tags, in document order.
fn all(dom: &Dom, root: NodeId, names: &[LocalName]) -> Vec<NodeId> {
    dom.descendants(root).filter(|&d| dom.tag(d).is_some_and(|t| names.contains(t))).collect()
}

fn is_video_embed(dom: &Dom, id: NodeId) -> bool {
    let attr_is_video = |d: NodeId| {
        dom.element(d).is_some_and(|e| e.attrs.iter().any(|a| VIDEO_HOSTS.iter().any(|h| a.value.contains(h))))
    };
    attr_is_video(id) || (dom.is(id, &local_name!("object")) && dom.descendants(id).any(attr_is_video))
}

/// Removes every `tag` element, except embeds of known video players.
fn remove_all(dom: &mut Dom, root: NodeId, tag: &LocalName) {
    let embed = matches!(*tag, local_name!("object") | local_name!("embed") | local_name!("iframe"));
    for id in all(dom, root, std::slice::from_ref(tag)).into_iter().rev() {
        if embed && is_video_embed(dom, id) {
            continue;
        }
        dom.detach(id);
    }
}

/// "share" (or "sharedaddy") as a word of the class or id.
fn is_share_match(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "share" || w == "sharedaddy")
}

/// Small blocks marked as share tools, below the top-level blocks (which stay even when
/// their own class says "share").
fn remove_share_elements(dom: &mut Dom, root: NodeId) {
    let tops: Vec<NodeId> = dom.element_children(root).collect();
    for top in tops {
        let doomed: Vec<NodeId> = dom
            .descendants(top)
            .filter(|&d| dom.is_element(d) && is_share_match(&dom.class_and_id(d)))
            .filter(|&d| dom.text_content(d).chars().count() < 500)
            .collect();
        for d in doomed {
            dom.detach(d);
        }
    }
}

/// Tables that hold data (and are kept), as opposed to tables used for layout.
fn mark_data_tables(dom: &Dom, root: NodeId) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for table in all(dom, root, &[local_name!("table")]) {
        if is_data_table(dom, table) {
            out.insert(table);
        }
    }
    out
}

pub fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    if dom.attr(table, "role") == Some("presentation") || dom.attr(table, "datatable") == Some("0") {
        return false;
    }
    if dom.attr(table, "summary").is_some_and(|s| !s.is_empty()) {
        return true;
    }
    if let Some(caption) = dom.find(table, &local_name!("caption")) {
        if dom.first_child(caption).is_some() {
            return true;
        }
    }
    let data_descendant = dom.descendants(table).any(|d| {
        matches!(
            dom.tag(d),
            Some(&local_name!("col"))
                | Some(&local_name!("colgroup"))
                | Some(&local_name!("tfoot"))
                | Some(&local_name!("thead"))
                | Some(&local_name!("th"))
        )
    });
    if data_descendant {
        return true;
    }
    if dom.find(table, &local_name!("table")).is_some() {
        return false;
    }
    let (rows, columns) = row_and_column_count(dom, table);
    if rows == 1 || columns == 1 {
        return false;
    }
    if rows >= 10 || columns > 4 {
        return true;
    }
    rows * columns > 10
}

fn span_attr(dom: &Dom, id: NodeId, name: &str) -> usize {
    dom.attr(id, name).and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(1).min(1000)
}

fn row_and_column_count(dom: &Dom, table: NodeId) -> (usize, usize) {
    let mut rows = 0;
    let mut columns = 0;
    for tr in dom.find_all(table, &local_name!("tr")) {
        rows += span_attr(dom, tr, "rowspan");
        let in_row: usize = dom.find_all(tr, &local_name!("td")).map(|td| span_attr(dom, td, "colspan")).sum();
        columns = columns.max(in_row);
    }
    (rows, columns)
}

/// Share of `id`'s text inside descendants with these tags.
fn text_density(dom: &Dom, id: NodeId, names: &[LocalName]) -> f32 {
    let total = text_len(dom, id);
    if total == 0 {
        return 0.0;
    }
    let inner: usize = all(dom, id, names).iter().map(|&d| text_len(dom, d)).sum();
    inner as f32 / total as f32
}

fn count(dom: &Dom, id: NodeId, name: &LocalName) -> usize {
    dom.find_all(id, name).count()
}

/// Removes `tag` elements that look like boilerplate: more links than text, more images
/// than paragraphs, form inputs, lone embeds, lists of links outside lists...
fn clean_conditionally(dom: &mut Dom, root: NodeId, tag: &LocalName, flags: Flags, data_tables: &HashSet<NodeId>) {
    if !flags.clean_conditionally {
        return;
    }
    let is_list_tag = matches!(*tag, local_name!("ul") | local_name!("ol"));
    for node in all(dom, root, std::slice::from_ref(tag)).into_iter().rev() {
        if dom.parent(node).is_none() || !dom.contains(root, node) {
            continue;
        }
        if should_remove(dom, node, tag, is_list_tag, flags, data_tables) {
            dom.detach(node);
        }
    }
}

fn should_remove(
    dom: &Dom,
    node: NodeId,
    tag: &LocalName,
    is_list_tag: bool,
    flags: Flags,
    data_tables: &HashSet<NodeId>,
) -> bool {
    let total_len = text_len(dom, node);
    let is_list = is_list_tag || {
        let list_len: usize =
            all(dom, node, &[local_name!("ul"), local_name!("ol")]).iter().map(|&l| text_len(dom, l)).sum();
        total_len > 0 && list_len as f32 / total_len as f32 > 0.9
    };
    if *tag == local_name!("table") && data_tables.contains(&node) {
        return false;
    }
    if has_ancestor_tag(dom, node, &local_name!("table"), None, |t| data_tables.contains(&t)) {
        return false;
    }
    if has_ancestor_tag(dom, node, &local_name!("code"), Some(3), |_| true) {
        return false;
    }
    if dom.find_all(node, &local_name!("table")).any(|t| data_tables.contains(&t)) {
        return false;
    }
    let weight = class_weight(dom, node, flags);
    if weight < 0 {
        return true;
    }
    let heading_density = text_density(
        dom,
        node,
        &[
            local_name!("h1"),
            local_name!("h2"),
            local_name!("h3"),
            local_name!("h4"),
            local_name!("h5"),
            local_name!("h6"),
        ],
    );
    if heading_density >= 0.9 {
        // A wrapper around a section heading.
        return false;
    }
    let text = dom.inner_text(node);
    if text.matches(',').count() >= 10 {
        return false;
    }
    let p = count(dom, node, &local_name!("p")) as f32;
    let img = count(dom, node, &local_name!("img")) as f32;
    let li = count(dom, node, &local_name!("li")) as f32 - 100.0;
    let input = count(dom, node, &local_name!("input")) as f32;
    let heading_density = text_density(
        dom,
        node,
        &[
            local_name!("h1"),
            local_name!("h2"),
            local_name!("h3"),
            local_name!("h4"),
            local_name!("h5"),
            local_name!("h6"),
        ],
    );
    let mut embeds = 0;
    for e in all(dom, node, &[local_name!("object"), local_name!("embed"), local_name!("iframe")]) {
        if is_video_embed(dom, e) {
            return false;
        }
        embeds += 1;
    }
    let lower = text.to_lowercase();
    if AD_WORDS.contains(&lower.as_str()) || LOADING_WORDS.contains(&lower.trim_end_matches(['.', '…']).trim()) {
        return true;
    }
    let content_len = text.chars().count();
    let density = link_density(dom, node);
    let textish = text_density(
        dom,
        node,
        &[
            local_name!("span"),
            local_name!("li"),
            local_name!("td"),
            local_name!("blockquote"),
            local_name!("dl"),
            local_name!("div"),
            local_name!("img"),
            local_name!("ol"),
            local_name!("p"),
            local_name!("pre"),
            local_name!("table"),
            local_name!("ul"),
        ],
    );
    let in_figure = has_ancestor_tag(dom, node, &local_name!("figure"), Some(3), |_| true);

    let remove = (!in_figure && img > 1.0 && p / img < 0.5)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && content_len < 25
            && (img == 0.0 || img > 2.0)
            && density > 0.0)
        || (!is_list && weight < 25 && density > 0.2)
        || (weight >= 25 && density > 0.5)
        || ((embeds == 1 && content_len < 75) || embeds > 1)
        || (img == 0.0 && textish == 0.0);

    if is_list && remove {
        // Lists of images (one per item) stay.
        if dom.element_children(node).any(|c| dom.element_children(c).count() > 1) {
            return true;
        }
        let items = count(dom, node, &local_name!("li")) as f32;
        if img == items {
            return false;
        }
    }
    remove
}

fn remove_empty_paragraphs(dom: &mut Dom, root: NodeId) {
    for p in all(dom, root, &[local_name!("p")]).into_iter().rev() {
        let has_media = dom.descendants(p).any(|d| {
            matches!(
                dom.tag(d),
                Some(&local_name!("img"))
                    | Some(&local_name!("embed"))
                    | Some(&local_name!("object"))
                    | Some(&local_name!("iframe"))
            )
        });
        if !has_media && dom.text_content(p).trim().is_empty() {
            dom.detach(p);
        }
    }
}

fn remove_br_before_p(dom: &mut Dom, root: NodeId) {
    for br in all(dom, root, &[local_name!("br")]) {
        let mut next = dom.next_sibling(br);
        while let Some(n) = next {
            if dom.text(n).is_some_and(|t| t.trim().is_empty()) {
                next = dom.next_sibling(n);
            } else {
                break;
            }
        }
        if next.is_some_and(|n| dom.is(n, &local_name!("p"))) {
            dom.detach(br);
        }
    }
}

/// A table of one cell is layout: its cell takes its place.
fn unwrap_single_cell_tables(dom: &mut Dom, root: NodeId) {
    for table in all(dom, root, &[local_name!("table")]) {
        if dom.parent(table).is_none() {
            continue;
        }
        let tbody = if has_single(dom, table, &local_name!("tbody")) {
            dom.element_children(table).next()
        } else {
            Some(table)
        };
        let Some(tbody) = tbody else { continue };
        if !has_single(dom, tbody, &local_name!("tr")) {
            continue;
        }
        let Some(row) = dom.element_children(tbody).next() else { continue };
        if !has_single(dom, row, &local_name!("td")) {
            continue;
        }
        let Some(cell) = dom.element_children(row).next() else { continue };
        let phrasing = dom.children(cell).all(|c| is_phrasing(dom, c));
        dom.rename(cell, if phrasing { local_name!("p") } else { local_name!("div") });
        dom.replace(table, cell);
    }
}

fn has_single(dom: &Dom, id: NodeId, tag: &LocalName) -> bool {
    has_single_tag_inside(dom, id, tag)
}

/// Removes empty div/section shells and collapses a div/section holding a single
/// div/section into that child.
fn simplify_nested(dom: &mut Dom, root: NodeId) {
    let nodes: Vec<NodeId> = dom.descendants(root).filter(|&d| dom.is_element(d)).collect();
    for node in nodes.into_iter().rev() {
        if dom.parent(node).is_none()
            || !matches!(dom.tag(node), Some(&local_name!("div")) | Some(&local_name!("section")))
        {
            continue;
        }
        if is_element_without_content(dom, node) && !has_media(dom, node) {
            dom.detach(node);
        } else if has_single(dom, node, &local_name!("div")) || has_single(dom, node, &local_name!("section")) {
            dom.unwrap(node);
        }
    }
}

fn has_media(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id).any(|d| dom.tag(d).is_some_and(tags::is_media_tag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn cleaned(html: &str) -> String {
        let mut dom = parse(html);
        let body = dom.body().unwrap();
        clean(&mut dom, body, Flags::ALL);
        dom.inner_text(body)
    }

    #[test]
    fn removes_link_lists_and_forms_keeps_prose() {
        let t = cleaned(
            r#"<div><p>Real prose of the article goes here, long enough to stay.</p></div>
               <div><a href="/a">Link one</a> <a href="/b">Link two</a> <a href="/c">Link three</a></div>
               <form><input name=q><button>Go</button></form>"#,
        );
        assert_eq!(t, "Real prose of the article goes here, long enough to stay.");
    }

    #[test]
    fn screen_reader_labels_go_but_not_headings_or_long_notes() {
        let prose = "Real prose of the article goes here, long enough to stay in the text.";
        let more = "A second paragraph of the story, with a comma, and as long as the first one.";
        let t = cleaned(&format!(
            r#"<section><div class="visually-hidden">Article content</div><p>{prose}
               <a href="/x">the report<span class="sr-only"> (opens in a new tab)</span></a>.</p>
               <h2 class="sr-only">Background</h2><p>{more} <span class="screen-reader-text">All the
               therapists listed here hold the qualifications their professional bodies ask for.</span></p></section>"#
        ));
        assert!(t.contains(prose) && t.contains("the report.") && t.contains(more), "{t}");
        assert!(!t.contains("Article content") && !t.contains("opens in a new tab"), "{t}");
        assert!(t.contains("Background") && t.contains("All the therapists"), "{t}");
    }

    #[test]
    fn blocks_hidden_by_their_class_go_unless_a_variant_shows_them() {
        let prose = "Real prose of the article goes here, long enough to stay in the text.";
        let t = cleaned(&format!(
            r#"<section><p>{prose}</p>
               <div class="intro-body__premium hidden"><div class="h2">This content is reserved for subscribers</div></div>
               <div class="d-none">Sign in to read on</div>
               <p class="hidden lg:block">Shown on wide screens, this paragraph is part of the story too.</p>
               <p class="d-none d-md-flex">Shown from medium screens, and so is this one, all of it.</p>
               <p class="tooltip-hidden-text">Not a hiding class at all, so this paragraph stays as well.</p></section>"#
        ));
        assert!(t.contains(prose), "{t}");
        assert!(!t.contains("reserved for subscribers") && !t.contains("Sign in to read on"), "{t}");
        assert!(t.contains("Shown on wide screens") && t.contains("Shown from medium screens"), "{t}");
        assert!(t.contains("Not a hiding class"), "{t}");
    }

    #[test]
    fn registration_walls_go_a_story_about_subscribers_stays() {
        let prose = "Real prose of the article goes here, long enough to stay in the text.";
        let story = "Streaming services ask every subscriber to sign in again, the regulator said, and to register a second device.";
        let t = cleaned(&format!(
            r#"<section><p>{prose}</p>
               <div class="identity-box"><div class="h2">Register / sign in to unlock more articles</div>
               <p>Create an account or sign in to continue with your reading experience.</p>
               <ul><li>Access articles from across the country with one account.</li><li>Enjoy additional articles per month.</li></ul>
               <a class="btn" href="/register">Sign in or create an account</a></div>
               <div><p>{story}</p><p>{prose}</p></div></section>"#
        ));
        assert!(!t.contains("unlock more articles") && !t.contains("additional articles per month"), "{t}");
        assert!(t.contains(story), "{t}");
    }

    #[test]
    fn keeps_data_tables() {
        let t = cleaned(
            r#"<table><thead><tr><th>Year</th><th>Value</th></tr></thead><tbody><tr><td>2019</td><td>4</td></tr></tbody></table>"#,
        );
        assert!(t.contains("2019"));
    }

    #[test]
    fn share_words() {
        assert!(is_share_match("post-share-buttons x"));
        assert!(is_share_match("sharedaddy"));
        assert!(!is_share_match("shared-content"));
    }
}
