//! One story a page. News sites that scroll on forever append the next stories to the one
//! asked for: each a whole `<article>` with its own `<h1>`, its lead, body and share bar. Any
//! reading of such a page takes them in (they are the longest text there), so they go before
//! the page is read: when exactly one top-level `<article>` carries the page's title as its
//! `<h1>`, the other top-level `<article>`s with an `<h1>` of their own are other stories.
//!
//! Not touched: a page where no `<article>` carries the title (a listing of article cards), or
//! where several do (a page that repeats its story for mobile and desktop), nor `<article>`s
//! without an `<h1>` (comments, cards titled by an `<h2>`: the reading stages judge those).

use crate::dom::measure::text_similarity;
use crate::dom::{local_name, Dom, NodeId};

/// How alike a heading and the page's title must be, both ways (see `text_similarity`).
const SAME_TITLE: f32 = 0.75;

/// Removes the stories appended to the page's own; returns how many went.
pub fn drop_appended_stories(dom: &mut Dom, title: Option<&str>) -> usize {
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else { return 0 };
    let Some(body) = dom.body() else { return 0 };
    let titled: Vec<(NodeId, bool)> = dom
        .descendants(body)
        .filter(|&a| dom.is(a, &local_name!("article")))
        .filter(|&a| !dom.ancestors(a).any(|up| dom.is(up, &local_name!("article"))))
        .filter_map(|a| {
            let h1s: Vec<String> =
                dom.descendants(a).filter(|&h| dom.is(h, &local_name!("h1"))).map(|h| dom.text_content(h)).collect();
            (!h1s.is_empty()).then(|| (a, h1s.iter().any(|h| same_title(h, title))))
        })
        .collect();
    if titled.iter().filter(|(_, own)| *own).count() != 1 {
        return 0;
    }
    let others: Vec<NodeId> = titled.into_iter().filter(|(_, own)| !own).map(|(a, _)| a).collect();
    for &a in &others {
        dom.detach(a);
    }
    others.len()
}

fn same_title(heading: &str, title: &str) -> bool {
    text_similarity(heading, title) >= SAME_TITLE && text_similarity(title, heading) >= SAME_TITLE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn story(h1: &str, words: &str) -> String {
        format!("<article><h1>{h1}</h1><p>{words}</p></article>")
    }

    fn kept(html: &str, title: &str) -> (usize, String) {
        let mut dom = parse(html);
        let n = drop_appended_stories(&mut dom, Some(title));
        (n, dom.text_content(dom.body().unwrap()))
    }

    #[test]
    fn the_stories_after_the_page_own_go() {
        let html = format!(
            "<body><main>{}{}</main>{}</body>",
            story("Harbour dredging halted", "The dredging stopped."),
            story("Ferry timetable cut", "Evening crossings end."),
            story("Footbridge opens", "Walkers crossed it.")
        );
        let (n, text) = kept(&html, "Harbour dredging halted");
        assert_eq!(n, 2);
        assert!(text.contains("The dredging stopped."));
        assert!(!text.contains("Evening crossings") && !text.contains("Walkers"));
    }

    #[test]
    fn a_listing_a_repeated_story_and_untitled_articles_stay() {
        let listing = format!("<body>{}{}</body>", story("Ferry timetable cut", "a"), story("Footbridge opens", "b"));
        assert_eq!(kept(&listing, "Town news").0, 0);
        let twice = format!("<body>{}{}</body>", story("Harbour dredging halted", "a"), story("Harbour dredging halted", "a"));
        assert_eq!(kept(&twice, "Harbour dredging halted").0, 0);
        let comments = format!(
            "<body>{}<article><h2>Reader comment</h2><p>c</p></article></body>",
            story("Harbour dredging halted", "a")
        );
        assert_eq!(kept(&comments, "Harbour dredging halted").0, 0);
        // A nested <article> (a card inside the story) is the story's own business.
        let nested = "<body><article><h1>Harbour dredging halted</h1><article><h1>Other</h1></article></article></body>";
        assert_eq!(kept(nested, "Harbour dredging halted").0, 0);
    }
}
