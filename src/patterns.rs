//! What page furniture looks like: the words CMSs put in the class, id and data attributes of
//! ads, share bars, newsletter boxes, paywall prompts..., and the texts such blocks carry.
//! Used by `locate` (the region reading) and `clean` (pruning inside the article).
//!
//! Class names are matched word by word, not as substrings: `ad-container`, `topAd` and
//! `ad_slot` hold the word "ad"; `header`, `shadow` and `download` do not.

use crate::dom::{Dom, NodeId};

/// The words of an element's class, id, data-component/module/testid attributes and (for
/// custom elements such as `amp-ad`) tag name: split at punctuation and camelCase humps,
/// lowercased.
pub fn words(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut out = Vec::new();
    let Some(el) = dom.element(id) else { return out };
    if el.name.contains('-') {
        split_words(&el.name, &mut out);
    }
    for a in &el.attrs {
        if matches!(
            &*a.name,
            "class" | "id" | "data-component" | "data-module" | "data-testid" | "data-type" | "data-block-type"
        ) {
            for token in a.value.split_whitespace() {
                let mut w = Vec::new();
                split_words(token, &mut w);
                if !is_slug(&w) {
                    out.extend(w);
                }
            }
        }
    }
    out
}

/// Words that appear in prose but not in component names.
const STOP_WORDS: &[&str] =
    &["a", "an", "the", "with", "of", "to", "for", "and", "in", "on", "how", "what", "why", "your", "is", "are"];

/// An id or class made from a heading's text ("sharing-with-a-single-developer") says what
/// the section is about, not what kind of block it is.
fn is_slug(words: &[String]) -> bool {
    words.len() >= 3 && words.iter().any(|w| STOP_WORDS.contains(&w.as_str()))
}

fn split_words(s: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Words that mark furniture on any page.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "adsense",
    "adthrive",
    "dfp",
    "gpt",
    "sponsor",
    "sponsors",
    "sponsored",
    "promo",
    "promos",
    "promoted",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "regwall",
    "optin",
    "poll",
    "polls",
    "survey",
    "share",
    "sharing",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "disclosure",
    "disclaimer",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "cta",
    "donate",
    "donation",
    "trending",
    "mostread",
    "tagcloud",
    "taglist",
    "tags",
    "print",
    "toolbar",
    "rating",
    "ratings",
    "editsection",
    "sidebar",
    "jump",
];

/// Word pairs that mark furniture ("read-more", "author-bio").
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("more", "from"),
    ("you", "may"),
    ("author", "bio"),
    ("about", "author"),
    ("author", "box"),
    ("most", "read"),
    ("most", "popular"),
    ("also", "read"),
    ("see", "also"),
    ("up", "next"),
    ("sign", "up"),
    ("opt", "in"),
    ("call", "to"),
    ("skip", "link"),
    ("edit", "section"),
    ("post", "navigation"),
    ("next", "post"),
    ("prev", "post"),
    ("previous", "post"),
];

/// Words that mark a metadata line (date, byline, comment count): furniture when short.
const META_WORDS: &[&str] =
    &["meta", "byline", "dateline", "timestamp", "date", "author", "tag", "categories", "category", "kicker"];

fn has_pair(words: &[String], pairs: &[(&str, &str)]) -> bool {
    words.windows(2).any(|w| pairs.iter().any(|(a, b)| w[0] == *a && w[1] == *b))
}

/// Words of furniture that never holds content worth keeping, even with pictures inside
/// (the thumbnails of related stories, a newsletter box's illustration).
pub fn is_ad_named(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "ad" | "ads"
                | "advert"
                | "advertisement"
                | "advertising"
                | "adslot"
                | "adunit"
                | "adsense"
                | "adthrive"
                | "dfp"
                | "outbrain"
                | "taboola"
                | "sponsored"
                | "related"
                | "recommended"
                | "promo"
                | "newsletter"
                | "share"
                | "social"
                | "paywall"
        )
    })
}

/// Does the element's naming say it is furniture? `short` tells whether its text is short
/// enough for metadata-line words to count.
pub fn is_furniture_named(words: &[String], short: bool, with_comments: bool) -> bool {
    if words.is_empty() {
        return false;
    }
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
        || has_pair(words, FURNITURE_PAIRS)
        || (with_comments && words.iter().any(|w| w == "comments" || w == "comment"))
        || (short && words.iter().any(|w| META_WORDS.contains(&w.as_str())))
}

/// Texts that are, whole, the label of a furniture block.
const LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related video",
    "related videos",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "read more",
    "read next",
    "up next",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "leave a comment",
    "filed under",
    "tags",
    "topics",
    "follow us",
    "skip advertisement",
    "story continues below advertisement",
    "continue reading below",
    "jump to recipe",
    "print recipe",
    "pin recipe",
    "إعلان",
    "اعلان",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "реклама",
    "广告",
    "広告",
    "광고",
];

/// Openings of short furniture texts.
const PREFIXES: &[&str] = &[
    "read more:",
    "read more at",
    "related:",
    "see also:",
    "also read:",
    "recommended:",
    "sign up for",
    "sign up to",
    "subscribe to",
    "subscribe for",
    "subscribe now",
    "already a subscriber",
    "already have an account",
    "you have read",
    "you've read",
    "by signing up",
    "by subscribing",
    "this post may contain affiliate",
    "this article may contain affiliate",
    "this post contains affiliate",
    "this article contains affiliate",
    "we may earn a commission",
    "follow us on",
    "click here to subscribe",
    "get our newsletter",
    "join our newsletter",
    "sponsored by",
    "support our journalism",
    "advertisement -",
    "advertisement:",
];

/// A short text naming one of these and asking for one of the next is a sign-up pitch.
const PITCH_TOPICS: &[&str] =
    &["newsletter", "inbox", "unlimited access", "free articles", "subscribers", "e-mail updates", "email updates"];
const PITCH_ASKS: &[&str] = &["sign up", "subscribe", "get ", "join ", "enter your email", "delivered"];

fn normalize(text: &str) -> String {
    let t: String = crate::dom::collapse_whitespace(text).to_lowercase();
    t.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Is this (short) text a furniture label or pitch?
pub fn is_furniture_text(text: &str) -> bool {
    let t = normalize(text);
    if t.is_empty() || t.chars().count() > 200 {
        return false;
    }
    if LABELS.contains(&t.as_str()) || PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // "© 2022 The Ledger. All rights reserved." (normalizing trimmed the leading ©)
    if crate::dom::collapse_whitespace(text).starts_with('©')
        || (t.contains("all rights reserved") && t.chars().count() <= 120)
    {
        return true;
    }
    // "214 comments", "Comments (18)", "212 votes"
    let stripped: String = t.chars().filter(|c| !c.is_ascii_digit() && !"()·|".contains(*c)).collect();
    let stripped = stripped.trim();
    if stripped != t && matches!(stripped, "comments" | "comment" | "votes" | "vote" | "shares" | "ratings" | "reviews")
    {
        return true;
    }
    t.chars().count() <= 160 && PITCH_TOPICS.iter().any(|w| t.contains(w)) && PITCH_ASKS.iter().any(|w| t.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        split_words(s, &mut v);
        v
    }

    #[test]
    fn class_words() {
        assert_eq!(w("ad-container topAd ad_slot"), vec!["ad", "container", "top", "ad", "ad", "slot"]);
        assert_eq!(w("siteHeader"), vec!["site", "header"]);
        assert!(is_slug(&w("sharing-with-a-single-developer")));
        assert!(!is_slug(&w("sc-newsletter-inline__inner")));
        assert!(is_furniture_named(&w("sc-newsletter-inline"), false, false));
        assert!(is_furniture_named(&w("article-share"), false, false));
        assert!(!is_furniture_named(&w("shadow download header-image"), false, false));
        assert!(!is_furniture_named(&w("entry-meta"), false, false), "metadata words need a short block");
        assert!(is_furniture_named(&w("entry-meta"), true, false));
        assert!(!is_furniture_named(&w("comments"), false, false));
        assert!(is_furniture_named(&w("comments"), false, true));
    }

    #[test]
    fn texts() {
        for t in [
            "Advertisement",
            "Related video",
            "214 comments",
            "Comments (18)",
            "Sign up for our morning newsletter",
            "You have read 2 of 3 free articles this month.",
            "Get the Coastline Soccer newsletter Scores, transfers and analysis every weekday morning.",
            "This post may contain affiliate links. Please read my disclosure policy.",
            "إعلان",
            "212 votes",
        ] {
            assert!(is_furniture_text(t), "{t}");
        }
        for t in [
            "The council voted to subscribe to the regional water plan after months of debate.",
            "Comments from residents were mixed.",
            "Read the full report here.",
            "Advertising revenue fell 12 percent last year, the company said.",
        ] {
            assert!(!is_furniture_text(t), "{t}");
        }
    }
}
