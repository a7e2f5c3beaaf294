//! A linear pre-pass that defuses markup on which html5ever's tree builder goes quadratic.
//!
//! The tree builder scans its stack of open elements for many start tags (`<div>`, `<li>`,
//! `<dd>`, `<form>`... look for an open `<p>` "in button scope"), and the tokenizer compares
//! every attribute of a tag with all the earlier ones. Measured on html5ever 0.40: 100,000
//! nested `<div>`s (600 KB) take 35 s to parse, one tag with 100,000 attributes 3.3 s.
//! Real pages nest a few dozen levels deep and carry a handful of attributes per tag, so we
//! scan the bytes once with a small tag tokenizer, and only when a page goes past the limits
//! drop the start tags nested deeper than [`GUARD_DEPTH`] and the attributes past
//! [`MAX_ATTRIBUTES`]. Text is never dropped. A page within the limits is returned untouched
//! (borrowed), after one pass over its bytes.

use std::borrow::Cow;
use std::ops::Range;

/// Deepest nesting passed on to the parser. Deeper start tags are removed (their content
/// stays, in the enclosing element).
pub const GUARD_DEPTH: usize = 320;
/// Most attributes kept on one tag.
pub const MAX_ATTRIBUTES: usize = 128;

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"];
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
    b"image",
];
/// Start tags that close an open element of the same name (the parser's implied end tags).
const SELF_CLOSING_SIBLINGS: &[&[u8]] =
    &[b"p", b"li", b"dt", b"dd", b"option", b"tr", b"td", b"th", b"optgroup", b"rt", b"rp"];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"details",
    b"div",
    b"dl",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hgroup",
    b"hr",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"ul",
    b"li",
    b"dd",
    b"dt",
];
/// How far down the stack an end tag looks for its start tag. Bounded so a page of stray end
/// tags stays linear; a real page closes what it opened within a few levels.
const END_TAG_SEARCH: usize = 48;

/// Returns the page with over-deep start tags and excess attributes removed, or the page
/// itself (borrowed) when it is within the limits.
pub fn defuse(html: &str) -> Cow<'_, str> {
    let cuts = find_cuts(html.as_bytes());
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    for cut in cuts {
        // Cuts are tag or attribute boundaries found at ASCII bytes, so they are char
        // boundaries too.
        out.push_str(&html[pos..cut.start]);
        pos = cut.end;
    }
    out.push_str(&html[pos..]);
    Cow::Owned(out)
}

fn find_cuts(b: &[u8]) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut foreign_depth = 0usize; // > 0 inside <svg>/<math>, where "/>" self-closes
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = match find(&b[lt + 4..], b"-->") {
                Some(e) => lt + 4 + e + 3,
                None => return cuts,
            };
        } else if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = match memchr(b'>', rest) {
                Some(e) => lt + 1 + e + 1,
                None => return cuts,
            };
        } else if rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let tag = scan_tag(b, lt + 2, &mut cuts, usize::MAX);
            i = tag.end;
            let pos = stack.iter().rev().take(END_TAG_SEARCH).position(|n| *n == tag.name);
            if let Some(p) = pos {
                for _ in 0..=p {
                    if let Some(n) = stack.pop() {
                        if n == b"svg" || n == b"math" {
                            foreign_depth = foreign_depth.saturating_sub(1);
                        }
                    }
                }
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let tag = scan_tag(b, lt + 1, &mut cuts, MAX_ATTRIBUTES);
            i = tag.end;
            let name = tag.name;
            if name == b"plaintext" {
                return cuts;
            }
            if RAW_TEXT.contains(&name.as_slice()) {
                // Skip to the matching end tag; the loop then sees it as an end tag.
                match find_end_tag(b, i, &name) {
                    Some(end) => i = end,
                    // Never closed: the parser would take the whole rest of the page as this
                    // element's text (a `<title>` missing its `</title>` swallows the body).
                    // Drop the start tag so the rest parses as markup; a script stays a script.
                    None if name != b"script" => {
                        // Attribute cuts inside this tag go with it.
                        while cuts.last().is_some_and(|c| c.start >= lt) {
                            cuts.pop();
                        }
                        cuts.push(lt..tag.end)
                    }
                    None => return cuts,
                }
                continue;
            }
            if VOID.contains(&name.as_slice()) || (foreign_depth > 0 && tag.self_closing) {
                continue;
            }
            if let Some(top) = stack.last() {
                if (SELF_CLOSING_SIBLINGS.contains(&name.as_slice()) && *top == name)
                    || (top == b"p" && CLOSES_P.contains(&name.as_slice()))
                {
                    stack.pop();
                }
            }
            if stack.len() >= GUARD_DEPTH {
                // Attribute cuts inside this tag go with it.
                while cuts.last().is_some_and(|c| c.start >= lt) {
                    cuts.pop();
                }
                cuts.push(lt..tag.end);
                continue;
            }
            if name == b"svg" || name == b"math" {
                foreign_depth += 1;
            }
            stack.push(name);
        } else {
            i = lt + 1;
        }
    }
    cuts
}

struct Tag {
    name: Vec<u8>,
    end: usize,
    self_closing: bool,
}

/// Reads a tag from its name (at `start`) to just past its `>`, recording a cut for the
/// attributes past `max_attrs`.
fn scan_tag(b: &[u8], start: usize, cuts: &mut Vec<Range<usize>>, max_attrs: usize) -> Tag {
    let mut i = start;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = b[start..i].to_ascii_lowercase();
    let mut attrs = 0usize;
    let mut cut_from = None;
    let mut self_closing = false;
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            if let Some(from) = cut_from {
                cuts.push(from..i);
            }
            return Tag { name, end: i + 1, self_closing };
        }
        self_closing = false;
        attrs += 1;
        if attrs == max_attrs.saturating_add(1) {
            cut_from = Some(i);
        }
        // Attribute name (a leading '=' belongs to the name, as in the spec).
        let name_start = i;
        while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' && (b[i] != b'=' || i == name_start) {
            i += 1;
        }
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                j = match memchr(q, &b[j + 1..]) {
                    Some(e) => j + 1 + e + 1,
                    None => b.len(),
                };
            } else {
                while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                    j += 1;
                }
            }
            i = j;
        }
    }
    // Unterminated tag at the end of input: the parser drops it, so there is nothing to cut.
    Tag { name, end: b.len(), self_closing }
}

fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        if b.get(lt + 1) == Some(&b'/') {
            let s = lt + 2;
            if b.len() >= s + name.len() && b[s..s + name.len()].eq_ignore_ascii_case(name) {
                let after = b.get(s + name.len()).copied();
                if after.is_none_or(|c| is_space(c) || c == b'>' || c == b'/') {
                    return Some(lt);
                }
            }
        }
        i = lt + 1;
    }
    None
}

#[inline]
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[inline]
fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let html = r#"<!doctype html><html><head><title>a</title><script>if (a<b) x("<div>")</script>
            <style>p>a{}</style></head><body><div class="x" data-a='1>2'><p>one<p>two<ul><li>a<li>b</ul>
            <!-- <div><div> --><svg><path d="M0"/></svg><img src=x.png><br/></div></body></html>"#;
        assert!(matches!(defuse(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_to_the_guard_depth() {
        for open in ["<div>", "<ul><li>", "<dl><dd>", "<form><div>", "<span>", "<table><tr><td>"] {
            let html = open.repeat(5000) + "text";
            let out = defuse(&html);
            assert!(out.len() < html.len(), "{open}: nothing cut");
            assert!(out.ends_with("text"));
            assert!(matches!(defuse(&out), Cow::Borrowed(_)), "{open}: a second pass still cuts");
        }
    }

    #[test]
    fn siblings_do_not_count_as_depth() {
        let html = "<div><p>a</p></div>".repeat(5000) + &"<li>x".repeat(5000) + &"<p>y".repeat(5000);
        assert!(matches!(defuse(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn excess_attributes_are_cut() {
        let attrs: Vec<String> = (0..1000).map(|i| format!("a{i}=\"v {i}\"")).collect();
        let html = format!("<div {}>body</div>", attrs.join(" "));
        let out = defuse(&html);
        assert!(out.contains("a127=\"v 127\""));
        assert!(!out.contains("a128="));
        assert!(out.ends_with(">body</div>"));
    }

    #[test]
    fn unclosed_title_does_not_swallow_the_page() {
        let html = "<html><head><title>Story (Site)<script>x()</script></head><body><p>Body text</p></body></html>";
        let out = defuse(html);
        assert!(!out.contains("<title>"), "{out}");
        assert!(out.contains("<p>Body text</p>"));
        // Closed ones are left alone.
        assert!(matches!(defuse("<title>a</title><p>b</p>"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_with_multibyte_chars_survives_cuts() {
        let html = "<div>é".repeat(2000);
        let out = defuse(&html);
        assert_eq!(out.matches('é').count(), 2000);
    }
}
