//! The article checked against the text the page says it is. Many news and blog pages state
//! their article's whole text in JSON-LD (`articleBody`, for search engines and apps). Where
//! that text and the extracted article are clearly the same article, a paragraph, caption or
//! teaser the stated text does not contain is the page's furniture (a photo credit, a "read
//! also" box, a newsletter pitch set between the paragraphs) and goes.
//!
//! Never judged: headings and pictures' captions (a stated text leaves them out by its nature:
//! their absence from it says nothing; readers keep captions), the standfirst (often given as
//! `description` instead), code and data tables (the clean stage judged them; stated
//! text drops their markup). Nothing is done when the stated text is short, is not mostly
//! found in the article (a teaser of a paywalled story, another article's body, a forum's
//! first post), or when the article is mostly not in it (the page is more than one article).
//!
//! Texts are compared by shingles, runs of four words, as the reference metric compares them:
//! a block is in the stated text when half of its shingles are.

use super::{exempt_blocks, units};
use crate::dom::{Dom, NodeId};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// The stated text must have at least this many words to be trusted as the whole article.
const MIN_WORDS: usize = 100;
/// Share of the stated text's shingles the article must contain: less, and the stated text is
/// not this article, or the page shows only part of it.
const MIN_STATED_FOUND: f32 = 0.85;
/// Share of the article's shingles the stated text must contain: less, and the page holds more
/// than the one article the stated text is (or the stated text is a summary).
const MIN_ARTICLE_STATED: f32 = 0.5;
/// A block is in a text when at least this share of its shingles are.
const BLOCK_FOUND: f32 = 0.5;
/// Never take more than this share of the article's text.
const MAX_REMOVED: f32 = 0.4;
/// Words per shingle, as the reference metric counts.
const SHINGLE: usize = 4;

/// Removes the article's blocks that the page's stated article text does not contain.
pub fn corroborate(dom: &mut Dom, root: NodeId, stated: &str, description: Option<&str>) {
    let stated_words = words(stated);
    if stated_words.len() < MIN_WORDS {
        return;
    }
    let stated = shingles(&stated_words);
    let units = units(dom, root);
    // The article read as one run of words, as the stated text is: shingles across block
    // boundaries count, or an article of short paragraphs would seem to miss much of it.
    let article = shingles(&units.iter().flat_map(|u| words(&u.text)).collect::<Vec<_>>());
    if article.is_empty() {
        return;
    }
    let stated_found = stated.intersection(&article).count() as f32 / stated.len() as f32;
    let article_stated = article.intersection(&stated).count() as f32 / article.len() as f32;
    if stated_found < MIN_STATED_FOUND || article_stated < MIN_ARTICLE_STATED {
        return;
    }
    let description = description.map(|d| shingles(&words(d))).unwrap_or_default();
    let exempt = exempt_blocks(dom, root);
    let found_in = |block: &HashSet<u64>, text: &HashSet<u64>| {
        block.intersection(text).count() as f32 >= BLOCK_FOUND * block.len() as f32
    };
    let total: usize = units.iter().map(|u| u.text.len()).sum();
    let mut removed = 0;
    let mut doomed = Vec::new();
    for u in &units {
        if exempt.contains(&u.node) || within(dom, u.node, root, NEVER_JUDGED) {
            continue;
        }
        let own = shingles(&words(&u.text));
        if own.is_empty() || found_in(&own, &stated) || found_in(&own, &description) {
            continue;
        }
        removed += u.text.len();
        doomed.push(u);
    }
    if doomed.is_empty() || removed as f32 > total as f32 * MAX_REMOVED {
        return;
    }
    for u in doomed {
        for &p in &u.parts {
            dom.detach(p);
        }
    }
    crate::clean::tidy(dom, root);
}

/// Blocks a stated text leaves out by its nature, so their absence from it says nothing:
/// headings (subheads) and pictures' captions and credits.
const NEVER_JUDGED: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption"];

/// Is `node`, or an ancestor of it below `root`, one of `names`?
fn within(dom: &Dom, node: NodeId, root: NodeId, names: &[&str]) -> bool {
    std::iter::once(node)
        .chain(dom.ancestors(node).take_while(|&a| a != root))
        .any(|n| dom.tag(n).is_some_and(|t| names.contains(&&**t)))
}

/// Words as the reference metric reads them: runs of letters, digits and `_`.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect()
}

/// The text's shingles, hashed; a text shorter than a shingle is one shingle.
fn shingles(words: &[&str]) -> HashSet<u64> {
    let hash = |run: &[&str]| {
        let mut h = DefaultHasher::new();
        run.hash(&mut h);
        h.finish()
    };
    if words.is_empty() {
        return HashSet::new();
    }
    if words.len() < SHINGLE {
        return std::iter::once(hash(words)).collect();
    }
    words.windows(SHINGLE).map(hash).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::local_name;
    use crate::render::Clean;

    /// A stated text of 12 sentences and a page showing them with extras between.
    fn sentences() -> Vec<String> {
        (0..12)
            .map(|i| format!("Sentence number {i} tells the reader about the harbour, the boats and the weather today."))
            .collect()
    }

    fn run(html: &str, stated: &str) -> String {
        let mut dom = crate::dom::parse(html);
        let root = dom.find(dom.root(), &local_name!("article")).expect("an article element");
        corroborate(&mut dom, root, stated, Some("A standfirst the stated text leaves out."));
        Clean::new(&dom, root).text()
    }

    fn page(extras: &str) -> String {
        let body: String = sentences().iter().map(|s| format!("<p>{s}</p>")).collect();
        format!(
            "<article><p>A standfirst the stated text leaves out.</p><h2>A subhead it leaves out too</h2>{body}{extras}</article>"
        )
    }

    #[test]
    fn blocks_the_stated_text_lacks_go_headings_and_standfirst_stay() {
        let stated = sentences().join(" ");
        let caption = "<figure><img src=a.jpg><figcaption>The harbour at dawn, seen from the lighthouse.</figcaption></figure>";
        let text = run(&page(&format!("<p>Photo: Agency staff photographer, all rights reserved worldwide.</p>{caption}")), &stated);
        assert!(!text.contains("Photo: Agency"), "{text}");
        assert!(text.contains("The harbour at dawn"), "a caption is never judged: {text}");
        assert!(text.contains("A subhead it leaves out too"), "{text}");
        assert!(text.contains("A standfirst"), "{text}");
        assert!(text.contains("Sentence number 11"), "{text}");
    }

    #[test]
    fn a_stated_text_that_is_not_the_article_changes_nothing() {
        // A teaser: most of the article is not in it.
        let teaser = sentences()[..3].join(" ") + &" filler words here".repeat(30);
        let html = page("<p>Photo: Agency staff photographer, all rights reserved worldwide.</p>");
        assert!(run(&html, &teaser).contains("Photo: Agency"));
        // Too short to trust.
        assert!(run(&html, &sentences()[0]).contains("Photo: Agency"));
    }

    #[test]
    fn never_takes_most_of_the_article() {
        let stated = sentences().join(" ");
        let extras: String =
            (0..12).map(|i| format!("<p>Unrelated teaser {i} about a different story entirely, read more now.</p>")).collect();
        // Half the article is not in the stated text: the stated text is not the page's one article.
        assert!(run(&page(&extras), &stated).contains("Unrelated teaser 3"));
    }
}
