//! Comments known by their signatures. Old news and blog templates print reader comments as
//! plain paragraphs, dressed like the story's own (same tags, same classes), each closed by its
//! writer's line: "Posted by Idealist on January 10, 2008 5:58 PM", often with "Report this
//! comment" under it. Nothing in the markup tells them from the article, so both readings take
//! them in. Their wording does: when three or more blocks of the page end with such a line,
//! they are a thread, and they go before the page is read.
//!
//! One signed block is not a thread: a blog post that ends "Posted by Jane Roe at 3:45 PM" keeps
//! its last paragraph. Nor is a block with a heading in it: a listing's story card signed by its
//! editor ("Posted by EditorDavid on Saturday March 07") is content there.

use crate::dom::{tags, Dom, NodeId};
use std::collections::HashSet;

/// How a writer's line opens, in lower case (English templates are where this shape lives).
const SIGNED: &[&str] = &["posted by ", "submitted by ", "comment by ", "commented by ", "added by ", "sent by ", "written by "];

/// Lines under a signature that a template adds (a moderation link), in lower case.
const AFTER_SIGNATURE: &[&str] = &["report this comment", "report abuse", "report comment", "report", "reply", "flag"];

/// A thread has at least this many signed blocks.
const MIN_THREAD: usize = 3;

/// The longest block read as one comment (characters).
const MAX_COMMENT_CHARS: usize = 3000;

/// A signature line is short: a name and a date.
const MAX_SIGNATURE_CHARS: usize = 100;

/// Removes comments signed by their writers; returns how many went.
pub fn drop_signed_comments(dom: &mut Dom) -> usize {
    let Some(body) = dom.body() else { return 0 };
    // In document order, each once (two signature lines in one comment sign the same unit).
    let mut signed: Vec<NodeId> = Vec::new();
    let mut seen: HashSet<NodeId> = HashSet::new();
    for n in dom.descendants(body) {
        let Some(tag) = dom.tag(n) else { continue };
        if !tags::is_block_tag(tag) || dom.element_children(n).any(|c| dom.tag(c).is_some_and(tags::is_block_tag)) {
            continue;
        }
        // Most blocks are no comment, and say so without their text being built; a comment is a
        // paragraph or a few, not a page: measured before the text is built, which also keeps
        // the search linear where such blocks nest inside each other's inline markup.
        if !may_be_signed(dom, n) || !dom.has_text_at_most(n, MAX_COMMENT_CHARS) {
            continue;
        }
        let text = dom.inner_text(n);
        let Some((body_text, signature)) = split_signature(&text) else { continue };
        if !is_signature(signature) {
            continue;
        }
        // A block that is only the signature signs the comment around it.
        let unit = if body_text.trim().is_empty() { dom.parent(n).filter(|&p| p != body).unwrap_or(n) } else { n };
        // A story card signed by its editor (a listing's) has a title of its own: not a comment.
        if dom.descendants(unit).any(|d| dom.tag(d).is_some_and(tags::is_heading_tag)) {
            continue;
        }
        if seen.insert(unit) {
            signed.push(unit);
        }
    }
    if signed.len() < MIN_THREAD {
        return 0;
    }
    // A comment of several paragraphs is signed under its last: what stands between two signed
    // siblings is the later comment's beginning.
    let mut between: Vec<NodeId> = Vec::new();
    for pair in signed.windows(2) {
        if dom.parent(pair[0]).is_some() && dom.parent(pair[0]) == dom.parent(pair[1]) {
            let mut cur = dom.next_sibling(pair[0]);
            while let Some(c) = cur.filter(|&c| c != pair[1]) {
                between.push(c);
                cur = dom.next_sibling(c);
            }
        }
    }
    for &n in signed.iter().chain(&between) {
        dom.detach(n);
    }
    signed.len()
}

/// Could a signature line be in this block? Every opener ends "by ", so some text node below
/// it holds "by" before whitespace or at its end (where the next node's space may follow): a
/// test on the page's own strings, so that blocks without it cost no text built for them.
fn may_be_signed(dom: &Dom, n: NodeId) -> bool {
    let holds_by = |t: &str| {
        t.as_bytes().windows(2).enumerate().any(|(i, w)| {
            // "by" is ASCII: `i + 2` is a character boundary.
            w.eq_ignore_ascii_case(b"by") && t[i + 2..].chars().next().is_none_or(char::is_whitespace)
        })
    };
    dom.text(n).is_some_and(holds_by) || dom.descendants(n).any(|d| dom.text(d).is_some_and(holds_by))
}

/// The block's text before its writer's line, and the line (without a moderation link after
/// it): the last place an opener starts a word, within the last `MAX_SIGNATURE_CHARS` and
/// some, whatever the markup did with line breaks.
fn split_signature(text: &str) -> Option<(&str, &str)> {
    let mut tail = text.trim_end();
    let lower_tail = tail.to_lowercase();
    if let Some(after) = AFTER_SIGNATURE.iter().find(|a| lower_tail.ends_with(*a)) {
        tail = tail[..tail.len() - after.len()].trim_end();
    }
    let window_start = tail.len().saturating_sub(MAX_SIGNATURE_CHARS + 40);
    let opens_at = |i: usize| {
        tail.is_char_boundary(i)
            && (i == 0 || tail[..i].ends_with(|c: char| !c.is_alphanumeric()))
            && SIGNED.iter().any(|o| tail.get(i..i + o.len()).is_some_and(|h| h.eq_ignore_ascii_case(o)))
    };
    let at = (window_start..tail.len()).rev().find(|&i| opens_at(i))?;
    let signature = tail.get(at..)?;
    Some((&tail[..at], signature))
}

/// "Posted by Idealist on January 10, 2008 5:58 PM": an opener, a name, and a year or a time.
fn is_signature(line: &str) -> bool {
    if line.chars().count() > MAX_SIGNATURE_CHARS {
        return false;
    }
    let lower = line.to_lowercase();
    let Some(opener) = SIGNED.iter().find(|o| lower.starts_with(*o)) else { return false };
    let rest = &lower[opener.len()..];
    let bytes = rest.as_bytes();
    let year = bytes.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
    });
    let time = bytes.windows(4).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit());
    let named = rest.split_whitespace().next().is_some_and(|w| w.chars().any(char::is_alphabetic));
    named && (year || time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    const STORY: &str = "<p class=story>The manager left the club on Wednesday after a year in charge, the board said in a short statement that thanked him for his work.</p>";

    fn comment(name: &str) -> String {
        format!("<p class=story>I think the board got this one wrong, and so do most of the fans I know.<br><b>Posted by {name} on January 10, 2008 5:58 PM</b><br><span><a href='mailto:x'>Report this comment</a></span></p>")
    }

    #[test]
    fn three_signed_comments_are_a_thread_and_go() {
        let html = format!("<body><h1>Manager leaves</h1>{STORY}{STORY}<div>Comments</div>{}{}{}</body>", comment("Idealist"), comment("John"), comment("rupert"));
        let mut dom = parse(&html);
        assert_eq!(drop_signed_comments(&mut dom), 3);
        let text = dom.inner_text(dom.body().unwrap());
        assert!(text.contains("The manager left the club"));
        assert!(!text.contains("Posted by") && !text.contains("board got this one wrong"), "{text}");
    }

    #[test]
    fn a_comment_of_several_paragraphs_goes_whole() {
        let html = format!(
            "<body><h1>Manager leaves</h1>{STORY}{}<p class=story>A second thought, at some length.</p>{}{}</body>",
            comment("Idealist"),
            comment("John"),
            comment("rupert")
        );
        let mut dom = parse(&html);
        assert_eq!(drop_signed_comments(&mut dom), 3);
        let text = dom.inner_text(dom.body().unwrap());
        assert!(text.contains("The manager left") && !text.contains("A second thought"), "{text}");
    }

    #[test]
    fn a_signature_in_its_own_block_signs_the_comment_around_it() {
        let c = |n: &str| format!("<div class=c><p>Great read, thanks for writing it up.</p><p>Submitted by {n} at 10:42</p></div>");
        let html = format!("<body><h1>Notes</h1>{STORY}{}{}{}</body>", c("ana"), c("bo"), c("cy"));
        let mut dom = parse(&html);
        assert_eq!(drop_signed_comments(&mut dom), 3);
        assert!(!dom.inner_text(dom.body().unwrap()).contains("Great read"));
    }

    #[test]
    fn one_or_two_signed_blocks_stay() {
        // A blog post signed by its author, and a story quoting two signed letters.
        for n in [1, 2] {
            let html = format!("<body><h1>Notes</h1>{STORY}{}</body>", comment("Jane Roe").repeat(n));
            let mut dom = parse(&html);
            assert_eq!(drop_signed_comments(&mut dom), 0);
        }
    }

    #[test]
    fn signed_story_cards_with_titles_stay() {
        let card = |n: &str| format!("<div class=story><h2><a href='/s'>A story</a></h2><p>Posted by {n} on Saturday March 07, 2026 @10:34AM</p><p>The summary of it.</p></div>");
        let html = format!("<body><h1>Stories</h1>{}{}{}</body>", card("EditorDavid"), card("msmash"), card("BeauHD"));
        let mut dom = parse(&html);
        assert_eq!(drop_signed_comments(&mut dom), 0);
    }

    #[test]
    fn signatures_need_a_name_and_a_date() {
        assert!(is_signature("Posted by Idealist on January 10, 2008 5:58 PM"));
        assert!(is_signature("Submitted by ana at 10:42"));
        assert!(!is_signature("Posted by the editors"));
        assert!(!is_signature("Written by our staff in 12345 words"));
        assert!(!is_signature(&format!("Posted by {} on 2008", "x".repeat(120))));
    }
}
