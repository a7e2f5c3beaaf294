//! A short article is still the article.
//!
//! When the strict reading finds an article under the length threshold (a photo with two lines,
//! a sixty-word note), the looser attempts run, and they often come back longer only because
//! they kept what the strict rules had stripped: the comment thread, the "about me" box, the
//! reply form. A looser reading may add to the strict one; it may not win by what the strict
//! rules removed as furniture. So the text a looser reading has beyond the strict one is
//! weighed: where most of it sits in elements the strict rules strip as unlikely (their class
//! or id says comment, sidebar, widget, footer … or they are forms, asides, navigation), the
//! looser reading is refused and the short article kept.

use crate::dom::measure::{is_modal, text_similarity};
use crate::dom::{local_name, Dom, NodeData, NodeId};

/// A strict reading shorter than this (characters) is not an article worth protecting: an
/// empty or near-empty reading is the strict rules failing, and the looser ones are for that.
pub const MIN_PROTECTED: usize = 80;

/// The looser reading is refused when at least this share of its extra text is furniture.
const FURNITURE_SHARE: f32 = 0.5;

/// An element holding more than this share of the page's text is the page's layout (a
/// "has-sidebar" wrapper), not furniture, whatever its class says.
const LAYOUT_SHARE: f32 = 0.5;

/// How many levels above the title heading the article's container may start.
const TITLE_REACH: usize = 3;

/// Is the strict reading the article under the page's title? A short reading elsewhere (a
/// cookie notice, a teaser) is the strict rules failing, not a short article. The locate stage
/// removes the heading itself, so the page says where it was: the reading must share one of
/// its nearest containers.
pub fn is_titled_article(page: &Dom, strict: &Dom, strict_root: NodeId, title: Option<&str>) -> bool {
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else { return false };
    let Some(body) = page.body() else { return false };
    let headings = page
        .descendants(body)
        .filter(|&h| page.is(h, &local_name!("h1")) || page.is(h, &local_name!("h2")))
        .filter(|&h| text_similarity(title, &page.text_content(h)) > 0.75);
    let containers: Vec<NodeId> = headings.flat_map(|h| page.ancestors(h).take(TITLE_REACH)).collect();
    if containers.is_empty() {
        return false;
    }
    strict.descendants(strict_root).filter(|&d| d.index() < page.capacity() && page.is_element(d)).any(|d| {
        page.ancestors(d).take_while(|&a| Some(a) != page.body()).any(|a| containers.contains(&a))
    })
}

/// Words of a class or id (whole tokens, split at spaces, `-` and `_`) that name furniture
/// around an article. Narrower than the locate stage's "unlikely" list: utility-class soup
/// ("lg:hidden", "before:content") must not make an article's own body look like furniture, nor
/// may page builders' "widget" blocks (Elementor, SiteOrigin), which hold articles as often as
/// sidebars do: a blog's sidebar widgets sit in an `<aside>` or a "sidebar".
const FURNITURE_WORDS: &[&str] = &[
    "comment", "comments", "commentlist", "respond", "reply", "replies", "discussion", "disqus",
    "sidebar", "calendar", "consent", "cookie", "cookies",
];

/// Words that make a furniture word part of a layout's name ("layout-sidebar-left",
/// "content-with-sidebar"), as Readability spares "unlikely" names that also say "content".
const LAYOUT_WORDS: &[&str] = &["layout", "column", "content", "main", "article", "body", "wrap", "container"];

fn has_furniture_word(class_and_id: &str) -> bool {
    class_and_id.split(|c: char| c.is_whitespace() || c == '-' || c == '_').any(|t| FURNITURE_WORDS.contains(&t))
        && !LAYOUT_WORDS.iter().any(|w| class_and_id.contains(w))
}

/// Elements that are page furniture whatever their class says.
fn is_furniture_tag(dom: &Dom, id: NodeId) -> bool {
    matches!(
        dom.tag(id),
        Some(&local_name!("form") | &local_name!("aside") | &local_name!("nav") | &local_name!("footer"))
    )
}

/// A short article found by the strict reading, with what every comparison against it needs,
/// measured once: its nodes, the page's subtree text lengths, and which of the page's elements
/// are known not to be furniture (the article's own containers).
pub struct ShortArticle<'a> {
    page: &'a Dom,
    in_article: Vec<bool>,
    lens: Vec<u32>,
    /// Elements holding more text than this are the page's layout.
    layout: u32,
    /// Whether each element of the page sits in furniture, decided once per element.
    furniture: std::cell::RefCell<Vec<Option<bool>>>,
    /// Whether text inside links counts as furniture (on a page surely an article).
    links_are_furniture: bool,
}

impl<'a> ShortArticle<'a> {
    /// `strict` (rooted at `root`) was read from `page`; the trees share node ids.
    /// With `links_are_furniture`, linked text the looser reading adds (headline lists, story
    /// cards) weighs as furniture: an article is not made by links to other articles.
    pub fn new(page: &'a Dom, strict: &Dom, root: NodeId, links_are_furniture: bool) -> Self {
        let mut in_article = vec![false; strict.capacity()];
        for d in strict.descendants(root) {
            in_article[d.index()] = true;
        }
        // The containers of the article itself are never furniture: a "layout-sidebar-left"
        // wrapper that holds the article is the page's layout.
        let mut furniture: Vec<Option<bool>> = vec![None; page.capacity()];
        for d in strict.descendants(root).filter(|d| d.index() < page.capacity()) {
            if furniture[d.index()].is_some() {
                continue;
            }
            for a in std::iter::once(d).chain(page.ancestors(d)) {
                if furniture[a.index()] == Some(false) {
                    break;
                }
                furniture[a.index()] = Some(false);
            }
        }
        let body = page.body().unwrap_or(page.root());
        let lens = page.text_lens(body);
        let layout = (lens.get(body.index()).copied().unwrap_or(0) as f32 * LAYOUT_SHARE) as u32;
        ShortArticle { page, in_article, lens, layout, furniture: std::cell::RefCell::new(furniture), links_are_furniture }
    }

    /// Does the looser reading (`loose`, rooted at `loose_root`, read from the same page) win
    /// over the article only by furniture?
    pub fn adds_only_furniture(&self, loose: &Dom, loose_root: NodeId) -> bool {
        let (mut extra, mut furniture) = (0usize, 0usize);
        let mut memo = self.furniture.borrow_mut();
        for d in loose.descendants(loose_root) {
            if self.in_article.get(d.index()).copied().unwrap_or(false) {
                continue;
            }
            let NodeData::Text(t) = &loose.node(d).data else { continue };
            let n = t.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>();
            if n == 0 {
                continue;
            }
            extra += n;
            let linked = self.links_are_furniture && loose.ancestors(d).take_while(|&a| a != loose_root).any(|a| loose.is(a, &local_name!("a")));
            if linked || (d.index() < self.page.capacity() && in_furniture(self.page, d, &self.lens, self.layout, &mut memo)) {
                furniture += n;
            }
        }
        extra > 0 && furniture as f32 >= extra as f32 * FURNITURE_SHARE
    }
}

/// Is this node of the page inside an element the strict rules strip as unlikely?
fn in_furniture(page: &Dom, id: NodeId, lens: &[u32], layout: u32, memo: &mut [Option<bool>]) -> bool {
    let mut path = Vec::new();
    let mut answer = false;
    for a in page.ancestors(id) {
        if let Some(known) = memo[a.index()] {
            answer = known;
            break;
        }
        path.push(a);
        // As the strict rules strip: never the body itself (its classes describe the layout).
        // A modal is furniture however much it holds; anything else only while it is smaller
        // than the page's layout.
        let stripped = !matches!(page.tag(a), Some(&local_name!("body") | &local_name!("html")))
            && (is_modal(page, a)
                || (lens.get(a.index()).is_some_and(|&n| n != u32::MAX && n <= layout)
                    && (is_furniture_tag(page, a) || has_furniture_word(&page.class_and_id(a).to_lowercase()))));
        if page.is_element(a) && stripped {
            answer = true;
            break;
        }
    }
    for a in path {
        memo[a.index()] = Some(answer);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn furniture_names_and_layout_names() {
        for furniture in ["comments-area", "comment even depth-1", "widget-area sidebar", "respond", "wp-calendar"] {
            assert!(has_furniture_word(furniture), "{furniture}");
        }
        for layout in ["c-layout-sidebar-left", "content-with-sidebar", "elementor-widget-container", "lg:hidden", "commentary"] {
            assert!(!has_furniture_word(layout), "{layout}");
        }
    }

    /// The strict reading is the post's paragraph (moved into a container of its own, as the
    /// locate stage does); the looser one adds the comments, or the rest of the article.
    fn readings(extra_class: &str) -> bool {
        loose_adds(&format!(r#"<div class="{extra_class}"><p>A long reply about the harbour and the boats and the mist.</p></div>"#), false)
    }

    /// Does the looser reading (the article's `<main>`, with `extra` after the article) add
    /// only furniture?
    fn loose_adds(extra: &str, links_are_furniture: bool) -> bool {
        let html = format!(
            r#"<body><main><article><h1>Harbour</h1><p id=p>The boats were back.</p></article>
            {extra}</main>
            <div class=menu>{}</div></body>"#,
            "A menu of links to the other posts of the blog, long enough to outweigh the rest. ".repeat(3)
        );
        let page = parse(&html);
        let find = |d: &Dom, tag: &str, nth: usize| d.descendants(d.root()).filter(|&n| d.tag(n).is_some_and(|t| &**t == tag)).nth(nth).unwrap();
        let mut strict = page.clone();
        let root = strict.create_element(local_name!("div"), Vec::new());
        let p = find(&strict, "p", 0);
        strict.append(root, p);
        let loose = page.clone();
        let main = find(&loose, "main", 0);
        ShortArticle::new(&page, &strict, root, links_are_furniture).adds_only_furniture(&loose, main)
    }

    #[test]
    fn a_looser_reading_may_not_win_by_comments() {
        assert!(readings("comments"));
        assert!(readings("widget-area sidebar"));
        assert!(!readings("entry-more"));
        assert!(!readings("layout-sidebar-left"));
    }

    #[test]
    fn story_cards_are_furniture_only_on_a_page_surely_an_article() {
        let card = |i: usize| format!(r#"<li><p><a href="/s{i}">Story {i} about the other harbour</a></p><p><a href="/s{i}">The ferry was late again this week...</a></p><p>Jan {i}</p></li>"#);
        let cards = format!("<h2>Latest</h2><ul>{}</ul>", (1..6).map(card).collect::<String>());
        assert!(loose_adds(&cards, true));
        assert!(!loose_adds(&cards, false));
        // Prose stays content, whatever the page.
        let prose = "<div class=entry-more><p>The rest of the story: the boats came back at dawn and the mist lifted.</p></div>";
        assert!(!loose_adds(prose, true));
    }

    #[test]
    fn the_article_under_the_title() {
        let page = parse("<body><div class=post><h1>Harbour, before six</h1><div><p>The boats.</p></div></div><div class=cookie><p>We use cookies.</p></div></body>");
        let reading = |nth: usize| {
            let mut d = page.clone();
            let root = d.create_element(local_name!("div"), Vec::new());
            let p = d.descendants(d.root()).filter(|&n| d.is(n, &local_name!("p"))).nth(nth).unwrap();
            d.append(root, p);
            (d, root)
        };
        let (d, r) = reading(0);
        assert!(is_titled_article(&page, &d, r, Some("Harbour, before six")));
        let (d, r) = reading(1);
        assert!(!is_titled_article(&page, &d, r, Some("Harbour, before six")));
        assert!(!is_titled_article(&page, &d, r, None));
    }
}
