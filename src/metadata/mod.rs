//! What the page says about the article: title, byline, date, site, language, image and
//! summary. Structured sources first (JSON-LD, OpenGraph/Twitter cards, `<meta>`,
//! microdata, `<time>`), then what a reader would go by (headings, bylines, visible dates).

mod dates;
mod jsonld;
mod title;

pub use dates::{date_from_url, parse_date};

use crate::dom::{collapse_whitespace, local_name, tags, Dom, NodeId};
use std::borrow::Cow;
use crate::prepare::{resolve, Prepared};
use url::Url;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    /// The page presents a product for sale (schema.org Product, `og:type` product): its
    /// reviews are not a thread to read.
    pub product_page: bool,
    /// The article's text as its JSON-LD states it (`articleBody`): the prune stage checks the
    /// extracted blocks against it (`prune::corroborate`). Not part of the result.
    pub article_body: Option<String>,
}

/// Character references (`&#8211;`, `&#x27;`, `&reg;`) left in text that should hold none:
/// JSON-LD strings, which HTML never decodes, and metadata a page escaped twice
/// (`content="TFC8&amp;reg;"`). Only complete references (with their `;`) are decoded, with
/// html5ever's own table of names; anything else stays as it is.
pub fn decode_char_refs(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name_len = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').unwrap_or(rest.len() - 1);
        if rest[1 + name_len..].starts_with(';') && (1..=32).contains(&name_len) {
            let name = &rest[1..1 + name_len];
            let decoded: Option<[Option<char>; 2]> = match name.strip_prefix('#') {
                Some(num) => {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse::<u32>().ok(),
                    };
                    code.filter(|&c| c != 0).and_then(|c| match c {
                        // What HTML makes of Windows-1252 codes given as numbers (&#150; is "–").
                        0x80..=0x9F => html5ever::data::C1_REPLACEMENTS[(c - 0x80) as usize].map(|ch| [Some(ch), None]),
                        _ => char::from_u32(c).map(|ch| [Some(ch), None]),
                    })
                }
                None => html5ever::data::NAMED_ENTITIES
                    .get(&rest[1..2 + name_len])
                    .filter(|&&(first, _)| first != 0)
                    .map(|&(first, second)| [char::from_u32(first), char::from_u32(second).filter(|&c| c != '\0')]),
            };
            if let Some(chars) = decoded {
                out.extend(chars.into_iter().flatten());
                rest = &rest[2 + name_len..];
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `<meta>` values by lowercased `property`/`name`/`itemprop`, in page order.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(dom: &Dom) -> MetaTags {
        let mut v = Vec::new();
        for m in dom.find_all(dom.root(), &local_name!("meta")) {
            let Some(content) = dom.attr(m, "content").or_else(|| dom.attr(m, "value")) else { continue };
            // Text, not addresses, may have been escaped twice.
            let address = content.trim_start().starts_with('/') || content.contains("://");
            let content = collapse_whitespace(&if address { Cow::Borrowed(content) } else { decode_char_refs(content) });
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = dom.attr(m, key_attr) {
                    // `property` may hold several space-separated names; `DC.title` and
                    // `dc:title` are the same name.
                    for k in k.split_whitespace() {
                        v.push((k.to_ascii_lowercase().replace('.', ":"), content.clone()));
                    }
                }
            }
        }
        MetaTags(v)
    }

    /// The first value under any of `keys`, trying keys in order.
    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.iter().find(|(name, _)| name == k).map(|(_, v)| v.as_str()))
    }
}

pub fn extract(dom: &Dom, prepared: &Prepared, page_url: Option<&Url>) -> Metadata {
    let meta = MetaTags::read(dom);
    let ld = jsonld::read(&prepared.json_ld);
    let base = prepared.base.as_ref().or(page_url);
    let absolute = |u: &str| match base {
        Some(b) => resolve(b, u),
        None => Some(u.to_string()),
    };

    let site_name = meta
        .get(&["og:site_name", "application-name", "al:iphone:app_name", "twitter:app:name:iphone"])
        .map(str::to_string)
        .or(ld.publisher.clone())
        .filter(|s| s.chars().count() <= 100);

    let url = canonical_url(dom, &meta, base).or_else(|| page_url.map(|u| u.to_string()));
    let host = url.as_deref().and_then(|u| crate::urls::parse(u).ok()).and_then(|u| u.host_str().map(str::to_string));

    let doc_title = dom
        .head()
        .and_then(|h| dom.find(h, &local_name!("title")))
        .or_else(|| dom.find(dom.root(), &local_name!("title")))
        .map(|t| decode_char_refs(&dom.inner_text(t)).into_owned());
    let (headings, h1_count) = headings(dom);
    let meta_titles: Vec<&str> = ld
        .headline
        .as_deref()
        .into_iter()
        .chain(meta.get(&["dc:title", "dcterm:title", "dcterms:title"]))
        .chain(meta.get(&["og:title"]))
        .chain(meta.get(&["weibo:article:title", "weibo:webpage:title", "title"]))
        .chain(meta.get(&["twitter:title", "parsely-title", "sailthru:title", "headline"]))
        .collect();
    let title = title::choose(&title::TitleSources {
        document: doc_title.as_deref(),
        meta: meta_titles,
        headings: headings.iter().map(String::as_str).collect(),
        h1_count,
        site_name: site_name.as_deref(),
        host: host.as_deref(),
    });

    let byline =
        byline_from_meta(&meta, &ld).or_else(|| byline_from_page(dom)).or_else(|| byline_line_near_heading(dom));

    let published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            meta.get(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "parsely-pub-date",
                "sailthru:date",
                "dc:date:issued",
                "dcterms:issued",
                "dc:date",
                "dcterms:date",
                "dcterms:created",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "publication_date",
                "citation_publication_date",
                "citation_date",
                "article:published",
                "published_time",
                "og:published_time",
                "datecreated",
            ])
            .and_then(parse_date)
        })
        .or_else(|| date_from_page(dom, title.as_deref()))
        .or_else(|| url.as_deref().and_then(date_from_url));

    let excerpt = meta
        .get(&["og:description", "description", "twitter:description", "dc:description"])
        .map(str::to_string)
        .or(ld.description.clone());

    let image = meta
        .get(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
            "image",
            "thumbnailurl",
        ])
        .map(str::to_string)
        .or(ld.image.clone())
        .or_else(|| {
            dom.find_all(dom.root(), &local_name!("link"))
                .find(|&l| dom.attr(l, "rel").is_some_and(|r| r.eq_ignore_ascii_case("image_src")))
                .and_then(|l| dom.attr(l, "href").map(str::to_string))
        })
        .and_then(|i| absolute(&i))
        .filter(|i| i.starts_with("http"));

    let html = dom.html_element();
    let lang = html
        .and_then(|h| dom.attr(h, "lang").or_else(|| dom.attr(h, "xml:lang")))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .or_else(|| meta.get(&["content-language", "dc:language", "language"]).map(str::to_string))
        .or_else(|| meta.get(&["og:locale"]).map(|l| l.replace('_', "-")))
        .or(ld.language.clone());
    let dir = html
        .and_then(|h| dom.attr(h, "dir"))
        .or_else(|| dom.body().and_then(|b| dom.attr(b, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| matches!(d.as_str(), "rtl" | "ltr" | "auto"))
        .or_else(|| lang.as_deref().filter(|l| is_rtl_language(l)).map(|_| "rtl".to_string()));

    let product_page =
        ld.product || meta.get(&["og:type"]).is_some_and(|t| t.to_ascii_lowercase().starts_with("product"));
    // A product page has no author and no publication date: the names and dates on it are its
    // reviewers' and its listing's (when it went on sale), unless it declares an article too.
    let byline = byline.filter(|_| !product_page || ld.article);
    let published = published.filter(|_| !product_page || ld.article);

    Metadata { title, byline, published, site_name, lang, dir, excerpt, image, url, product_page, article_body: ld.body }
}

fn canonical_url(dom: &Dom, meta: &MetaTags, base: Option<&Url>) -> Option<String> {
    let canonical = dom
        .find_all(dom.root(), &local_name!("link"))
        .find(|&l| {
            dom.attr(l, "rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")))
        })
        .and_then(|l| dom.attr(l, "href"))
        .or_else(|| meta.get(&["og:url"]))?;
    let abs = match base {
        Some(b) => resolve(b, canonical)?,
        None => canonical.to_string(),
    };
    let u = crate::urls::parse(&abs).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// Texts of the `<h1>`s in the body, then of its `<h2>`s.
/// The texts of the page's `<h1>`s, then of its first `<h2>`s; and how many `<h1>`s.
fn headings(dom: &Dom) -> (Vec<String>, usize) {
    let Some(body) = dom.body() else { return (Vec::new(), 0) };
    let mut out: Vec<String> = dom.find_all(body, &local_name!("h1")).map(|h| dom.inner_text(h)).collect();
    let h1_count = out.len();
    out.extend(dom.find_all(body, &local_name!("h2")).take(8).map(|h| dom.inner_text(h)));
    (out, h1_count)
}

fn byline_from_meta(meta: &MetaTags, ld: &jsonld::JsonLd) -> Option<String> {
    if !ld.authors.is_empty() {
        let mut names: Vec<&str> = Vec::new();
        for a in &ld.authors {
            if !names.contains(&a.as_str()) {
                names.push(a);
            }
        }
        return clean_byline(&names.join(", "));
    }
    meta.get(&[
        "author",
        "article:author",
        "parsely-author",
        "sailthru:author",
        "dc:creator",
        "dcterms:creator",
        "byl",
        "citation_author",
    ])
    .filter(|a| !a.starts_with("http") && !a.contains("facebook.com"))
    .and_then(clean_byline)
}

/// Class/id words that mark an element holding the author's name.
const BYLINE_HINTS: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// Class/id or itemprop words of containers whose names are not the article's author:
/// comments, product reviews, testimonials, quotes.
const NOT_THE_AUTHORS: &[&str] = &["comment", "review", "testimonial", "quote"];

/// Elements whose names are not the article's author either: a quotation's source.
const NOT_THE_AUTHORS_TAGS: &[&str] = &["blockquote", "q"];

/// Word endings that turn a byline hint into another word ("authorization", "authorized",
/// "authority", "authoring"): a class named so is not a byline.
const NOT_BYLINE_ENDINGS: &[&str] = &["iz", "is", "it", "ing", "ed"];

/// Does a class/id string (lowercase) name a byline? A hint counts where it is not the start
/// of a longer word such as "authorization".
fn has_byline_hint(m: &str) -> bool {
    BYLINE_HINTS.iter().any(|h| {
        m.match_indices(h).any(|(i, _)| {
            let rest = &m[i + h.len()..];
            !NOT_BYLINE_ENDINGS.iter().any(|e| rest.starts_with(e))
        })
    })
}

/// "By Jane Doe and John Roe": how bylines open, in the languages most pages are in.
const BY_WORDS: &[&str] = &["by", "von", "par", "por", "door", "di", "av", "af"];

/// A short line opening with "By" and going on with capitalized names, near the main heading:
/// the byline of pages whose markup names nothing.
fn byline_line_near_heading(dom: &Dom) -> Option<String> {
    let body = dom.body()?;
    let h1 = dom.find(body, &local_name!("h1"))?;
    let mut seen = 0;
    let mut cur = crate::dom::next_skipping_children(dom, body, h1);
    while let Some(n) = cur {
        seen += 1;
        if seen > 80 {
            break;
        }
        if dom.is_element(n) && dom.element_children(n).all(|c| !dom.tag(c).is_some_and(tags::is_block_tag)) {
            let text = dom.inner_text(n);
            if looks_like_byline_line(&text) {
                return clean_byline(&text);
            }
        }
        cur = crate::dom::next_in_order(dom, body, n);
    }
    None
}

fn looks_like_byline_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 12 || text.chars().count() > 100 {
        return false;
    }
    let first = words[0].trim_end_matches(':').to_lowercase();
    if !BY_WORDS.contains(&first.as_str()) {
        return false;
    }
    // Names: capitalized words, joined by "and", commas or "&".
    words[1..].iter().all(|w| {
        let w = w.trim_matches(|c: char| c == ',' || c == '.');
        w.is_empty()
            || matches!(w, "and" | "&" | "und" | "et" | "y" | "en" | "e")
            || w.chars().next().is_some_and(char::is_uppercase)
    })
}

/// The first element a page marks as the author's (`rel=author`, `itemprop=author`, a
/// byline class), when its text is short enough to be a name.
fn byline_from_page(dom: &Dom) -> Option<String> {
    let body = dom.body()?;
    dom.descendants(body).filter(|&d| dom.is_element(d)).find_map(|d| byline_of_element(dom, d))
}

/// The name an element gives as the article's author, if it is marked as a byline (`rel=author`,
/// `itemprop=author`, a byline class or id) and is not someone else's name: a commenter, a
/// reviewer, a customer quoted in a testimonial or a pull quote. Shared with the locate stage,
/// which takes such an element out of the article when the metadata named no one.
pub fn byline_of_element(dom: &Dom, d: NodeId) -> Option<String> {
    byline_of_marked_element(dom, d, &dom.class_and_id(d).to_ascii_lowercase())
}

/// `byline_of_element` for a caller that has the element's class and id, lowercased, at hand
/// (the locate stage's walk reads them for every element anyway).
pub fn byline_of_marked_element(dom: &Dom, d: NodeId, class_and_id: &str) -> Option<String> {
    let rel = dom.attr(d, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
    let itemprop = dom.attr(d, "itemprop").is_some_and(|p| p.contains("author"));
    if !(rel || itemprop || has_byline_hint(class_and_id)) {
        return None;
    }
    let someone_elses = std::iter::once(d).chain(dom.ancestors(d)).any(|a| {
        dom.is_element(a)
            && (dom.tag(a).is_some_and(|t| NOT_THE_AUTHORS_TAGS.contains(&&**t)) || {
                let m = dom.class_and_id(a).to_ascii_lowercase();
                let itemprop = dom.attr(a, "itemprop").unwrap_or("").to_ascii_lowercase();
                NOT_THE_AUTHORS.iter().any(|w| m.contains(w) || itemprop.contains(w))
            })
    });
    if someone_elses {
        return None;
    }
    // Prefer an explicit name inside (itemprop=name; a <meta> gives it as its content).
    let named = dom
        .descendants(d)
        .find(|&n| dom.attr(n, "itemprop").is_some_and(|p| p.split_whitespace().any(|x| x == "name")))
        .map(|n| if dom.is(n, &local_name!("meta")) { dom.attr(n, "content").unwrap_or("").to_string() } else { dom.inner_text(n) })
        .filter(|t| !t.trim().is_empty());
    let text = named.unwrap_or_else(|| dom.inner_text(d));
    if text.is_empty() || text.chars().count() >= 100 {
        return None;
    }
    clean_byline(&text)
}

/// "By Jane Doe, Staff Writer" → "Jane Doe, Staff Writer"; rejects what cannot be a byline.
pub fn clean_byline(s: &str) -> Option<String> {
    let mut s = collapse_whitespace(s);
    for prefix in [
        "view all posts by",
        "all posts by",
        "more posts by",
        "written by",
        "posted by",
        "published by",
        "words by",
        "story by",
        "by:",
        "by",
        "author:",
        "von",
        "par",
        "por",
        "door",
        // Norwegian and Swedish.
        "av",
    ] {
        if s.len() > prefix.len() && s.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)) {
            let rest = &s[prefix.len()..];
            // "Written bySir Nuno": a page that set the two apart with markup alone.
            let glued = prefix.contains(' ') && rest.starts_with(char::is_uppercase);
            if rest.starts_with([' ', ':', '\u{a0}']) || prefix.ends_with(':') || glued {
                s = rest.trim_start_matches([' ', ':']).trim().to_string();
                break;
            }
        }
    }
    // What follows the name in the same element: a date line ("Jane Roe Last updated on 17
    // December", "Jane RoeMarch 2, 2026"), a forum's reputation ("jdoe 14.6k 20 gold badges").
    if let Some(cut) = byline_tail(&s) {
        s.truncate(cut);
        let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '•' | '·' | '|' | '»' | ',' | '@' | '#'));
        let trimmed = ["on", "at", "updated", "published", "posted"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w).filter(|t| t.ends_with(' ')))
            .unwrap_or(trimmed)
            .trim_end()
            .to_string();
        s = trimmed;
    }
    // Only a date line ("Sat", "Updated", "Dec."): no name in it.
    let (first, after_first) = leading_word(&s);
    let after_first = after_first.trim_start_matches(['.', ',', ' ']);
    if is_stamp_word(&first)
        || is_date_word(&first)
            && (after_first.is_empty()
                || after_first.starts_with(|c: char| c.is_ascii_digit())
                || is_weekday(&first) && is_date_word(&leading_word(after_first).0))
    {
        return None;
    }
    // Edges: separators, and the "*" of a footnote or a required form field.
    let s = s.trim_matches(|c: char| matches!(c, '|' | '-' | '–' | ',' | '*') || c.is_whitespace()).to_string();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if s.is_empty()
        || letters < 2
        || s.chars().count() > 100
        || s.starts_with("http")
        || parse_date(&s).is_some() && letters < 12
        || is_placeholder_byline(&s)
    {
        return None;
    }
    Some(s)
}

/// The letters `s` starts with, lowercased, and what follows them.
fn leading_word(s: &str) -> (String, &str) {
    let end = s.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(s.len(), |(i, _)| i);
    (s[..end].to_lowercase(), &s[end..])
}

/// Is `word` (lowercase) an English weekday, whole or cut to three letters or more ("tue",
/// "tues", "tuesday")?
fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(word))
}

/// A month or weekday name, as bylines' date lines write them ("Dec.", "December", "Tue").
fn is_date_word(word: &str) -> bool {
    dates::is_month(word) || is_weekday(word)
}

/// Words that open a byline's date line.
fn is_stamp_word(word: &str) -> bool {
    ["updated", "published", "posted", "last", "lastupdated"].contains(&word)
}

/// Where a date or a count starts after the name in a byline: the first word that is a
/// number, an English month or weekday ("Dec.", "December", "Tue", also glued: "KimDecember")
/// or "Updated" / "Last updated" / "Published", once two letters of name come before it.
fn byline_tail(s: &str) -> Option<usize> {
    let mut letters = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let word_start = prev.is_none_or(|p| !p.is_alphanumeric()) || (prev.is_some_and(char::is_lowercase) && c.is_uppercase());
        if letters >= 2 && word_start {
            let (word, after) = leading_word(&s[i..]);
            // A month only with its day or year after it: "Tom May" and "June Lee" are names.
            let dated = after.trim_start_matches(['.', ',']).trim_start().starts_with(|c: char| c.is_ascii_digit());
            let date_word = dates::is_month(&word) && dated || is_weekday(&word) && !after.starts_with(|c: char| c.is_alphanumeric());
            let number = c.is_ascii_digit() && prev.is_none_or(char::is_whitespace);
            let stamp = is_stamp_word(&word) && (word != "last" || after.trim_start().to_lowercase().starts_with("updated"));
            if date_word || number || stamp {
                return Some(i);
            }
        }
        letters += usize::from(c.is_alphabetic());
        prev = Some(c);
    }
    None
}

/// Bylines that name no one: a template's unfilled key ("page.head.extra.author",
/// "{{author}}"), a generic word ("The Author", "undefined"), a commenter's "Jane says:", a
/// form's "Your Name:".
fn is_placeholder_byline(s: &str) -> bool {
    let lower = s.to_lowercase();
    let template_key = !s.contains(char::is_whitespace)
        && (s.contains(['{', '}', '$']) || s.matches('.').count() >= 2 && lower == s && lower.contains("author"));
    template_key
        || ["by", "written by", "author", "authors", "the author", "review", "reviews", "name", "your name", "unknown", "null", "undefined", "none", "n/a"]
            .contains(&lower.as_str())
        || lower.ends_with(" says:")
        || lower.ends_with(" says")
        || s.ends_with(':')
}

/// Class/id words of elements that hold a publication date.
const DATE_HINTS: &[&str] = &["date", "time", "publish", "posted", "dateline", "byline", "meta", "stamp"];

/// A date the page shows: `<time>` elements (machine value first), then short elements with
/// a date-like class, nearest to the main heading, then anywhere.
fn date_from_page(dom: &Dom, title: Option<&str>) -> Option<String> {
    let body = dom.body()?;
    // Microdata: itemprop=datePublished on any element.
    for d in dom.descendants(body) {
        if dom.attr(d, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) {
            let v = dom
                .attr(d, "content")
                .or_else(|| dom.attr(d, "datetime"))
                .map(str::to_string)
                .unwrap_or_else(|| dom.inner_text(d));
            if let Some(date) = parse_date(&v) {
                return Some(date);
            }
        }
    }
    let nodes: Vec<NodeId> = dom.descendants(body).filter(|&d| dom.is_element(d)).collect();
    let h1_pos = main_heading(dom, &nodes, title);
    // Look near the heading first: a little before it, then a stretch after it.
    let order: Vec<usize> = match h1_pos {
        Some(p) => {
            let after = p..nodes.len().min(p + 400);
            let before = (p.saturating_sub(60)..p).rev();
            after.chain(before).collect()
        }
        None => (0..nodes.len()).collect(),
    };
    let h1 = h1_pos.map(|p| nodes[p]);
    let mut others = 0;
    for &i in &order {
        if let Some(d) = date_of_element(dom, nodes[i], h1_pos.is_some()) {
            if !belongs_to_another_item(dom, nodes[i], h1) {
                // A listing's first card's date is none of the page's either.
                if is_listed_date(dom, &nodes, nodes[i], h1) {
                    return None;
                }
                return Some(d);
            }
            // Dates of listed items, one after another: a listing, whose own date is none of them.
            others += 1;
            if others >= MAX_OTHER_DATES {
                return None;
            }
        }
    }
    // A date far from the main heading is a teaser's, a comment's or the footer's, not the
    // article's: none is better than a wrong one.
    None
}

/// How many other elements dressed as the date found (same tag, same class) that also hold a
/// date make it one of a list's.
const LISTED_DATES: usize = 3;

/// How far up from a listed date its card is looked for.
const CARD_DEPTH: usize = 3;

/// Words in the first link of a card that make it a title (a writer's name is one to three:
/// "Dr. Vahid Osman").
const TITLE_LINK_WORDS: usize = 4;

/// Is the date in `id` a listing card's: dressed like the dates of at least `LISTED_DATES`
/// other elements (same tag, same class, each holding a date), and sitting in a card that
/// opens with a link of four words or more before the date ("Allocating on the Stack, 27
/// February 2026")? A thread's posts are dated alike too, but open with their writer's name.
fn is_listed_date(dom: &Dom, nodes: &[NodeId], id: NodeId, h1: Option<NodeId>) -> bool {
    let class = dom.attr(id, "class").unwrap_or("");
    let tag = dom.tag(id);
    // The card: the date's line itself or a container a few levels up, whose first link (a
    // title of four words or more) comes before the date or is in its line.
    let titled_card = std::iter::once(id).chain(dom.ancestors(id)).take(CARD_DEPTH + 1).any(|card| {
        // The article's own header (its <h1> inside) is no card.
        if dom.find(card, &local_name!("h1")).is_some() {
            return false;
        }
        let mut order = dom.descendants(card);
        let Some(first_link) = order.by_ref().find(|&n| n == id || dom.is(n, &local_name!("a")) && !dom.inner_text(n).trim().is_empty())
        else {
            return false;
        };
        // The date's own element came first: look for the link inside it.
        let link = if first_link == id {
            dom.descendants(id).find(|&n| dom.is(n, &local_name!("a")) && !dom.inner_text(n).trim().is_empty())
        } else {
            Some(first_link)
        };
        link.is_some_and(|a| dom.inner_text(a).split_whitespace().count() >= TITLE_LINK_WORDS)
    });
    if !titled_card {
        return false;
    }
    let mut alike = 0;
    for &n in nodes {
        if dom.tag(n) != tag || dom.attr(n, "class").unwrap_or("") != class {
            continue;
        }
        if date_of_element(dom, n, true).is_some() && !belongs_to_another_item(dom, n, h1) {
            alike += 1;
            if alike > LISTED_DATES {
                return true;
            }
        }
    }
    false
}

/// Class words of headings kept for screen readers only ("Search", "Mobile menu").
const HIDDEN_HEADING: &[&str] = &["sr-only", "visually-hidden", "screen-reader", "hidden", "a11y"];

/// Where the article's own `<h1>` stands among `nodes`: the one that reads as the title, else
/// the first one shown, else the first.
fn main_heading(dom: &Dom, nodes: &[NodeId], title: Option<&str>) -> Option<usize> {
    let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let h1s: Vec<usize> = (0..nodes.len()).filter(|&i| dom.is(nodes[i], &local_name!("h1"))).collect();
    if h1s.len() <= 1 {
        return h1s.first().copied();
    }
    let title = title.map(key).filter(|t| !t.is_empty());
    let titled = title.and_then(|t| h1s.iter().copied().find(|&i| key(&dom.inner_text(nodes[i])) == t));
    let shown = || {
        h1s.iter().copied().find(|&i| {
            let m = dom.class_and_id(nodes[i]).to_ascii_lowercase();
            !HIDDEN_HEADING.iter().any(|w| m.contains(w)) && dom.attr(nodes[i], "hidden").is_none()
        })
    };
    titled.or_else(shown).or(h1s.first().copied())
}

/// How many dates of other items (cards, comments) the search passes before it gives up: each
/// costs a look at its containers, so this bounds the search's time on a long listing.
const MAX_OTHER_DATES: usize = 10;

/// How far up from a date its item's container is looked for.
const ITEM_DEPTH: usize = 4;

/// Is this date another item's than the article's: inside a comment, review or testimonial, or
/// in a container that has a linked heading of its own (a card of a listing, a related story)
/// before reaching the one that holds the main heading?
fn belongs_to_another_item(dom: &Dom, id: NodeId, h1: Option<NodeId>) -> bool {
    for a in std::iter::once(id).chain(dom.ancestors(id)).take(ITEM_DEPTH) {
        if !dom.is_element(a) || h1.is_some_and(|h| a == h || dom.ancestors(h).any(|x| x == a)) {
            return false;
        }
        // The container of a heading of the page's own (not a card's): the article's header.
        if dom.find(a, &local_name!("h1")).is_some() {
            return false;
        }
        let m = dom.class_and_id(a).to_ascii_lowercase();
        if NOT_THE_AUTHORS.iter().any(|w| m.contains(w)) {
            return true;
        }
        let linked_heading = dom.descendants(a).any(|n| {
            dom.tag(n).is_some_and(|t| tags::is_heading_tag(t) && *t != local_name!("h1"))
                && dom.descendants(n).any(|x| dom.is(x, &local_name!("a")))
        });
        if linked_heading {
            return true;
        }
    }
    false
}

/// The date an element shows. `near_heading`: the element is close to the main heading, where
/// a line holding nothing but a date is the publication date even without a telling class.
fn date_of_element(dom: &Dom, id: NodeId, near_heading: bool) -> Option<String> {
    let el = dom.element(id)?;
    if el.name == local_name!("time") {
        if let Some(d) = dom.attr(id, "datetime").and_then(parse_date) {
            return Some(d);
        }
        return parse_date(&dom.inner_text(id));
    }
    if tags::is_heading_tag(&el.name) || el.name == local_name!("a") {
        return None;
    }
    let m = dom.class_and_id(id).to_ascii_lowercase();
    if m.contains("update") || m.contains("modified") {
        return None;
    }
    if !DATE_HINTS.iter().any(|h| m.contains(h)) {
        // Only a short line can be a bare date: measure before building the text.
        if !near_heading || !dom.has_text_at_most(id, 50) {
            return None;
        }
        let line = dom.inner_text(id);
        let bare = near_heading
            && line.chars().count() <= 50
            && line.split_whitespace().count() <= 9
            && dom.element_children(id).all(|c| !dom.tag(c).is_some_and(tags::is_block_tag));
        return if bare { parse_date(&line) } else { None };
    }
    let text = dom.inner_text(id);
    if text.is_empty() || text.chars().count() > 120 {
        return None;
    }
    let lower = text.to_lowercase();
    if lower.contains("updated") || lower.contains("modified") {
        // "Published June 1, updated June 3": take the part before the update.
        let cut = lower.find("updated").or_else(|| lower.find("modified")).unwrap_or(text.len());
        return text.get(..cut).and_then(parse_date);
    }
    parse_date(&text)
}

fn is_rtl_language(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "he" | "iw" | "fa" | "ur" | "yi" | "ps" | "dv" | "ug" | "ckb" | "sd")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::prepare::prepare;

    fn meta_of(html: &str, url: Option<&str>) -> Metadata {
        let mut dom = parse(html);
        let url = url.map(|u| Url::parse(u).unwrap());
        let p = prepare(&mut dom, url.as_ref());
        extract(&dom, &p, url.as_ref())
    }

    #[test]
    fn opengraph_and_meta() {
        let m = meta_of(
            r#"<html lang="en-US"><head><title>Ignored | Site</title>
            <meta property="og:title" content="OG Title">
            <meta property="og:site_name" content="Site">
            <meta name="author" content="By Jane Roe">
            <meta property="article:published_time" content="2021-03-04T05:06:07+01:00">
            <meta property="og:image" content="/img/lead.jpg">
            <meta name="description" content="Summary here.">
            <link rel="canonical" href="/canonical/path"></head><body><p>x</p></body></html>"#,
            Some("https://ex.com/page?utm=1"),
        );
        assert_eq!(m.title.as_deref(), Some("OG Title"));
        assert_eq!(m.site_name.as_deref(), Some("Site"));
        assert_eq!(m.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(m.published.as_deref(), Some("2021-03-04T05:06:07+01:00"));
        assert_eq!(m.image.as_deref(), Some("https://ex.com/img/lead.jpg"));
        assert_eq!(m.excerpt.as_deref(), Some("Summary here."));
        assert_eq!(m.url.as_deref(), Some("https://ex.com/canonical/path"));
        assert_eq!(m.lang.as_deref(), Some("en-US"));
        assert_eq!(m.dir, None);
    }

    #[test]
    fn character_references_left_in_metadata() {
        assert_eq!(decode_char_refs("Tools &#8211; Caterer &#x27;24 &#X27; &#150; TFC8&reg; caf&eacute;"), "Tools \u{2013} Caterer '24 ' \u{2013} TFC8\u{ae} caf\u{e9}");
        // Two code points for one name.
        assert_eq!(decode_char_refs("&NotEqualTilde;"), "\u{2242}\u{338}");
        // Only whole references: the rest stays as written.
        for kept in ["AT&T", "a &amp b", "&#;", "&#x;", "&#0;", "&#xD800;", "&#99999999999;", "&nosuchname;", "&reg", "& reg;", "&"] {
            assert_eq!(decode_char_refs(kept), kept);
        }
        let m = meta_of(
            r#"<html><head><title>Ignored</title>
            <meta property="og:title" content="TFC8&amp;reg; cream &amp;#8211; review">
            <meta property="og:image" content="https://img.example/a.jpg?x=1&amp;reg;=2">
            <script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Ren&eacute;e O&#039;Hara"}}</script>
            </head><body><p>x</p></body></html>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("TFC8\u{ae} cream \u{2013} review"));
        assert_eq!(m.byline.as_deref(), Some("Ren\u{e9}e O'Hara"));
        // Addresses are not text.
        assert_eq!(m.image.as_deref(), Some("https://img.example/a.jpg?x=1&reg;=2"));
    }

    #[test]
    fn visible_byline_and_date() {
        let m = meta_of(
            r#"<title>Troops | Military Times</title><body><div class="nav"><time datetime="2001-01-01">old</time></div>
            <h1>Troops</h1><p class="byline">By John Smith</p><span class="datestamp">Jun. 20, 2014 - 03:10PM</span><p>text</p>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Troops"));
        assert_eq!(m.byline.as_deref(), Some("John Smith"));
        assert_eq!(m.published.as_deref(), Some("2014-06-20T15:10:00"));
    }

    #[test]
    fn rtl_from_lang() {
        let m = meta_of(r#"<html lang="ar"><body><p>نص</p>"#, None);
        assert_eq!(m.dir.as_deref(), Some("rtl"));
    }

    #[test]
    fn byline_lines() {
        assert!(looks_like_byline_line("By Priya Shah and Mateo Ruiz"));
        assert!(looks_like_byline_line("Par Jean Dupont"));
        assert!(!looks_like_byline_line("By the time the call came, he was ready"));
        assert!(!looks_like_byline_line("Bylines matter"));
    }

    #[test]
    fn byline_cleaning() {
        assert_eq!(clean_byline("  By:  Ana Ruiz ").as_deref(), Some("Ana Ruiz"));
        assert_eq!(clean_byline("Byron Smith").as_deref(), Some("Byron Smith"));
        assert_eq!(clean_byline("Av Ingrid Solheim").as_deref(), Some("Ingrid Solheim"));
        assert_eq!(clean_byline("Avery Jones").as_deref(), Some("Avery Jones"));
        assert_eq!(clean_byline("June 20, 2014"), None);
        assert_eq!(clean_byline("—"), None);
    }

    #[test]
    fn byline_without_its_date_line() {
        for (seen, name) in [
            ("Jane Roe Updated March 11, 2026", "Jane Roe"),
            ("Jane RoeLast Updated:August 1, 2025", "Jane Roe"),
            ("Jane RoeMarch 2, 2026", "Jane Roe"),
            ("Jane Roe - Mar 27, 2024", "Jane Roe"),
            ("Jane Roe • March 12, 2025", "Jane Roe"),
            ("jroe » Tue Aug 27, 2019 1:47 am", "jroe"),
            ("jroe on Friday December 19, 2025 @08:00PM", "jroe"),
            ("jroe 14.6k 20 gold badges 83 silver badges", "jroe"),
            ("Written bySir Nuno", "Sir Nuno"),
            ("Ana Ruiz, MD*", "Ana Ruiz, MD"),
            // Months that are names stay.
            ("Tom May", "Tom May"),
            ("By April Fulton", "April Fulton"),
            ("June Lee and Sam Park", "June Lee and Sam Park"),
            ("user3080392", "user3080392"),
            ("hayley.p", "hayley.p"),
            ("Sun Li", "Sun Li"),
        ] {
            assert_eq!(clean_byline(seen).as_deref(), Some(name), "{seen}");
        }
        for nobody in ["Updated March 13, 2024", "Sat, 4 May 2024", "Tue Aug 27, 2019", "Dec. 19, 2025 · Jane Roe", "The Author", "page.head.extra.author", "{{author}}", "Jane says:", "Your Name:", "By"] {
            assert_eq!(clean_byline(nobody), None, "{nobody}");
        }
    }

    #[test]
    fn reviewers_and_quoted_customers_are_not_the_byline() {
        for html in [
            r#"<title>Desk lamp</title><body><h1>Desk lamp</h1><p>A lamp.</p>
            <div class="reviews"><div class="review"><span class="author">Tom K.</span> Bright enough.</div></div>"#,
            r#"<title>Our service</title><body><h1>Pest control</h1><p>We come to you.</p>
            <blockquote class="testimonial"><p>Quick and kind.</p><cite class="author-name">Rachel M.</cite></blockquote>"#,
            r#"<title>Tent</title><script type="application/ld+json">{"@type":"Product","name":"Tent"}</script>
            <script type="application/ld+json">{"@type":"Review","author":{"@type":"Person","name":"Verified buyer"}}</script>
            <body><h1>Tent</h1><p>Sleeps two.</p></body>"#,
        ] {
            assert_eq!(meta_of(html, None).byline, None, "{html}");
        }
    }

    #[test]
    fn a_product_page_names_no_author() {
        let m = meta_of(
            r#"<title>Kettle</title><meta property="og:type" content="product"><meta name="author" content="Brew Co">
            <body><h1>Kettle</h1><p>Boils water.</p></body>"#,
            None,
        );
        assert_eq!(m.byline, None);
        // A product review written as an article keeps its author.
        let m = meta_of(
            r#"<title>Kettle review</title><script type="application/ld+json">{"@graph":[{"@type":"Product","name":"Kettle"},
            {"@type":"Article","headline":"Kettle review","author":{"name":"Ana Ruiz"}}]}</script>
            <body><h1>Kettle review</h1><p>It boils water.</p></body>"#,
            None,
        );
        assert_eq!(m.byline.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn words_that_start_with_a_byline_hint_are_not_bylines() {
        for class in ["authorization", "authorized-dealer", "authority-links", "authoring-guide"] {
            let html = format!(
                r#"<title>Page</title><body><h1>Page</h1><div class="{class}">Sign In</div><p>Text of the page.</p>"#
            );
            assert_eq!(meta_of(&html, None).byline, None, "{class}");
        }
        let m = meta_of(r#"<title>P</title><body><h1>P</h1><a class="author-link">View all posts by Ray Ansari</a>"#, None);
        assert_eq!(m.byline.as_deref(), Some("Ray Ansari"));
    }

    #[test]
    fn dates_the_page_does_not_state_as_the_articles_are_not_its_date() {
        let card = |d: &str| format!(r#"<div class="card"><h2><a href="/p">A post</a></h2><time datetime="{d}">{d}</time></div>"#);
        for html in [
            // An SEO plugin's WebPage stamp on a service page.
            r#"<title>Our services</title><script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2024-03-11"}]}</script>
            <body><h1>Our services</h1><p>We repair roofs.</p></body>"#.to_string(),
            // A listing: every date is a card's.
            format!("<title>Blog</title><body><h1>Blog</h1>{}{}{}</body>", card("2025-01-02"), card("2025-01-01"), card("2024-12-30")),
            // A related story's date beside the article.
            format!("<title>Story</title><body><h1>Story</h1><p>Text of the story.</p><aside>{}</aside></body>", card("2025-01-02")),
            // A comment's date, far below the heading.
            format!(
                "<title>Story</title><body><h1>Story</h1>{}<ol class=\"comments\"><li><time datetime=\"2025-02-02\">Feb 2</time> Nice.</li></ol></body>",
                "<p>A paragraph of the story.</p>".repeat(450)
            ),
            // A product page's dates are when it went on sale, or its reviews'.
            r#"<title>Kettle</title><meta property="og:type" content="product"><meta property="article:published_time" content="2023-02-10">
            <body><h1>Kettle</h1><p>Boils water.</p></body>"#.to_string(),
        ] {
            assert_eq!(meta_of(&html, None).published, None, "{html}");
        }
        // The article's own date beside its heading still counts, with cards after it.
        let html = format!(
            r#"<title>Story</title><body><article><header><h1>Story</h1><time datetime="2025-03-04">March 4</time></header><p>Text.</p></article>{}</body>"#,
            card("2025-01-02")
        );
        assert_eq!(meta_of(&html, None).published.as_deref(), Some("2025-03-04"));
    }

    #[test]
    fn a_listings_card_dates_are_not_the_pages() {
        let card = |t: &str, d: &str| format!(r#"<p class="blogtitle"><a href="/{t}">{t} on the stack</a>, <span class="date">{d}</span></p>"#);
        let cards: String = [("Allocating", "27 February 2026"), ("Moving", "19 February 2026"), ("Testing", "8 February 2026"), ("Fixing", "1 February 2026")]
            .iter()
            .map(|(t, d)| card(t, d))
            .collect();
        let listing = format!("<title>The Blog</title><body><h1>The Blog</h1>{cards}</body>");
        assert_eq!(meta_of(&listing, None).published, None);
        // A thread's posts are dated alike too, but open with their writer's name: the first
        // post's date is the thread's.
        let post = |u: &str, d: &str| format!(r#"<div class="post"><a href="/u/{u}">{u}</a> <span class="date">{d}</span><p>I had the same problem with the driver after the update.</p></div>"#);
        let posts: String = [("ana", "12 August 2024"), ("bo", "13 August 2024"), ("cy", "14 August 2024"), ("di", "15 August 2024")]
            .iter()
            .map(|(u, d)| post(u, d))
            .collect();
        let thread = format!("<title>Driver trouble</title><body><h1>Driver trouble</h1>{posts}</body>");
        assert_eq!(meta_of(&thread, None).published.as_deref().map(|d| &d[..10]), Some("2024-08-12"));
        // An article dated in its header keeps its date beside a list of dated related stories.
        let article = format!(
            r#"<title>Stack notes</title><body><header><h1>Stack notes</h1><a href="/a">By Ana Ruiz</a> <span class="date">2 March 2026</span></header><p>Text.</p>{cards}</body>"#
        );
        assert_eq!(meta_of(&article, None).published.as_deref().map(|d| &d[..10]), Some("2026-03-02"));
    }

    #[test]
    fn the_dateline_of_the_articles_own_heading() {
        // A hidden "Search" h1 first, then a menu long enough to put the dateline out of reach
        // of the first h1.
        let menu = "<li><a href=\"/x\">Section</a></li>".repeat(300);
        let html = format!(
            r#"<title>Trends in care</title><body><h1 class="sr-only">Search</h1><ul>{menu}</ul>
            <h1>Trends in care</h1><ul><li class="meta-date">December 24, 2024</li></ul><p>Text of the story.</p></body>"#
        );
        assert_eq!(meta_of(&html, None).published.as_deref(), Some("2024-12-24"));
    }

    #[test]
    fn commenters_are_not_the_byline() {
        let m = meta_of(
            r#"<title>Story</title><body><h1>Story</h1><p>Text of the story.</p>
            <ol class="commentlist"><li><span class="comment-author vcard">Jiobal</span> says: great post</li></ol>"#,
            None,
        );
        assert_eq!(m.byline, None);
    }
}
