//! Puts the parsed page into the shape the later stages expect: nothing that never shows
//! (scripts, styles, hidden elements), images with their real sources (lazy-loading
//! placeholders replaced, `<noscript>` fallbacks used), runs of `<br>` turned into paragraphs,
//! code blocks with their language in one place (`<pre><code class="language-x">`) and their
//! lines broken where the page's CSS broke them (`code_lines`), and every link and image URL
//! absolute.

mod code_lines;
mod math;

use crate::dom::measure::is_phrasing;
use crate::dom::{local_name, Dom, LocalName, NodeId, Step};
use url::Url;

/// What the page tells about itself that the tree no longer shows once prepared.
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    /// Bodies of `<script type="application/ld+json">`, in page order.
    pub json_ld: Vec<String>,
    /// The URL relative references resolve against (`<base href>` over the page URL).
    pub base: Option<Url>,
}

/// Elements that never show or never carry article content, removed with their subtree.
fn is_invisible_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("link")
            | local_name!("head")
            | local_name!("noframes")
            | local_name!("frameset")
            | local_name!("frame")
            | local_name!("param")
            | local_name!("datalist")
            | local_name!("slot")
    )
}

pub fn prepare(dom: &mut Dom, page_url: Option<&Url>) -> Prepared {
    let json_ld = collect_json_ld(dom);
    let base = base_url(dom, page_url);
    if let Some(body) = dom.body() {
        // Before the scripts go: MathJax keeps formulas' sources in them.
        math::normalize(dom, body);
        place_streamed_segments(dom, body);
        remove_invisible(dom, body, false);
        // A page that hides all its content until scripts run (a loading screen, a
        // client-side reveal) shows the reader its hidden part in the end: keep it.
        let total = crate::dom::measure::text_len(dom, body);
        if !hides_everything(total, total.saturating_sub(hidden_text_len(dom, body))) {
            remove_invisible(dom, body, true);
        }
        use_noscript_content(dom, body);
        use_noscript_images(dom, body);
        fix_lazy_images(dom, body);
        mark_code_languages(dom, body);
        code_lines::break_code_lines(dom, body);
        replace_brs(dom, body);
        if let Some(base) = &base {
            absolutize_urls(dom, body, base);
        }
    }
    Prepared { json_ld, base }
}

fn collect_json_ld(dom: &Dom) -> Vec<String> {
    dom.find_all(dom.root(), &local_name!("script"))
        .filter(|&s| dom.attr(s, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
        .map(|s| dom.text_content(s))
        .collect()
}

/// `<base href>` resolved against the page URL (or alone when absolute); else the page URL.
/// Without a page URL the page's own address (`<link rel=canonical>`, else `og:url`) stands
/// in for it, when it is an absolute http(s) URL: a saved page still knows where it lives.
fn base_url(dom: &Dom, page_url: Option<&Url>) -> Option<Url> {
    let href = dom
        .find_all(dom.root(), &local_name!("base"))
        .find_map(|b| dom.attr(b, "href"))
        .map(str::trim)
        .filter(|h| !h.is_empty());
    let own;
    let page_url = match page_url {
        Some(u) => Some(u),
        None => {
            own = own_url(dom);
            own.as_ref()
        }
    };
    match (href, page_url) {
        (Some(h), Some(page)) => crate::urls::join(page, h).ok().or_else(|| Some(page.clone())),
        (Some(h), None) => crate::urls::parse(h).ok(),
        (None, page) => page.cloned(),
    }
}

/// The address a page gives itself: `<link rel=canonical href>`, else `<meta property=og:url>`,
/// each only when absolute http(s).
fn own_url(dom: &Dom) -> Option<Url> {
    let absolute = |v: &str| crate::urls::parse(v.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    let has_word =
        |v: Option<&str>, word: &str| v.is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)));
    let canonical = dom
        .find_all(dom.root(), &local_name!("link"))
        .find(|&l| has_word(dom.attr(l, "rel"), "canonical"))
        .and_then(|l| dom.attr(l, "href"))
        .and_then(absolute);
    canonical.or_else(|| {
        dom.find_all(dom.root(), &local_name!("meta"))
            .find(|&m| {
                ["property", "name"]
                    .iter()
                    .any(|a| dom.attr(m, a).is_some_and(|v| v.trim().eq_ignore_ascii_case("og:url")))
            })
            .and_then(|m| dom.attr(m, "content"))
            .and_then(absolute)
    })
}

/// How highlighters name a code block's language in a class, the language following the
/// prefix: Prism and highlight.js (`language-rust`), Google Prettify and Stack Exchange
/// (`lang-py`), GitHub (`highlight-source-js`), SyntaxHighlighter (`brush: python`).
const LANGUAGE_CLASS_PREFIXES: &[&str] = &["language-", "lang-", "highlight-source-", "brush:"];

/// Attributes that hold the language whole (Hugo, Docusaurus, many Markdown renderers).
const LANGUAGE_ATTRS: &[&str] = &["data-lang", "data-language"];

/// `highlight-x` (GitHub, Sphinx) is also a styling word (`highlight-box`): only these count.
const HIGHLIGHT_LANGUAGES: &[&str] = &[
    "bash",
    "c",
    "clojure",
    "console",
    "cpp",
    "cs",
    "csharp",
    "css",
    "dart",
    "diff",
    "docker",
    "dockerfile",
    "elixir",
    "erlang",
    "go",
    "golang",
    "graphql",
    "groovy",
    "haskell",
    "html",
    "ini",
    "java",
    "javascript",
    "js",
    "json",
    "jsx",
    "julia",
    "kotlin",
    "latex",
    "lisp",
    "lua",
    "makefile",
    "markdown",
    "matlab",
    "nginx",
    "objc",
    "ocaml",
    "perl",
    "php",
    "powershell",
    "python",
    "python3",
    "py",
    "r",
    "ruby",
    "rb",
    "rust",
    "scala",
    "scheme",
    "scss",
    "sh",
    "shell",
    "sql",
    "swift",
    "tex",
    "toml",
    "ts",
    "tsx",
    "typescript",
    "xml",
    "yaml",
    "yml",
    "zsh",
];

/// Values that say "no language".
const NO_LANGUAGE: &[&str] = &["none", "nohighlight", "no-highlight", "default", "plain", "plaintext", "undefined"];

/// Gives every code block with a known language a `<code class="language-x">` (wrapping the
/// block's content in one when it has none), taking the language from the `<code>`, the
/// `<pre>` or a wrapper up to two levels above it, however the page's highlighter wrote it.
/// The renderings then read it from one place, and later stages may unwrap those wrappers.
fn mark_code_languages(dom: &mut Dom, body: NodeId) {
    let pres: Vec<NodeId> = dom.find_all(body, &local_name!("pre")).collect();
    for pre in pres {
        let code = dom.element_children(pre).find(|&c| dom.is(c, &local_name!("code")));
        let places: Vec<NodeId> = code.into_iter().chain([pre]).chain(dom.ancestors(pre).take(2)).collect();
        let lang = places.into_iter().find_map(|n| code_language(dom, n));
        // The language lives on the <code> alone; a `language-none` goes. SyntaxHighlighter's
        // class is a settings string ("brush: js; toolbar: false"), not names: it goes whole,
        // before a word in it passes for furniture.
        for n in code.into_iter().chain([pre]) {
            strip_language_classes(dom, n);
            if dom.attr(n, "class").is_some_and(|c| c.to_ascii_lowercase().contains("brush:")) {
                dom.remove_attr(n, "class");
            }
        }
        let Some(lang) = lang else { continue };
        let code = code.unwrap_or_else(|| {
            let c = dom.create_element(local_name!("code"), Vec::new());
            dom.move_children(pre, c);
            dom.append(pre, c);
            c
        });
        let class = match dom.attr(code, "class").map(str::trim).filter(|c| !c.is_empty()) {
            Some(others) => format!("language-{lang} {others}"),
            None => format!("language-{lang}"),
        };
        dom.set_attr(code, "class", class);
    }
}

fn strip_language_classes(dom: &mut Dom, id: NodeId) {
    let Some(class) = dom.attr(id, "class") else { return };
    let kept: Vec<&str> =
        class.split_whitespace().filter(|c| !c.starts_with("language-") && !c.starts_with("lang-")).collect();
    if kept.is_empty() {
        dom.remove_attr(id, "class");
    } else {
        let kept = kept.join(" ");
        dom.set_attr(id, "class", kept);
    }
}

/// The language an element's class or `data-lang` names, lowercased.
fn code_language(dom: &Dom, id: NodeId) -> Option<String> {
    let valid = |l: &str| {
        let l = l.trim().trim_end_matches(';').to_ascii_lowercase();
        let ok = l.len() <= 32
            && l.starts_with(|c: char| c.is_ascii_alphabetic())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
            && !NO_LANGUAGE.contains(&l.as_str());
        ok.then_some(l)
    };
    let class = dom.attr(id, "class").unwrap_or("");
    // "brush: python; gutter: false": the prefix and its value are separate words.
    let lower = class.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        for prefix in LANGUAGE_CLASS_PREFIXES {
            if let Some(rest) = w.strip_prefix(prefix) {
                let value = if rest.is_empty() { words.get(i + 1).copied().unwrap_or("") } else { rest };
                if let Some(l) = valid(value) {
                    return Some(l);
                }
            }
        }
    }
    if let Some(l) = LANGUAGE_ATTRS.iter().find_map(|a| dom.attr(id, a)).and_then(valid) {
        return Some(l);
    }
    words
        .iter()
        .filter_map(|w| w.strip_prefix("highlight-"))
        .find(|l| HIGHLIGHT_LANGUAGES.contains(l))
        .map(|l| l.to_string())
}

/// Text inside hidden elements (the outermost ones).
fn hidden_text_len(dom: &Dom, body: NodeId) -> usize {
    let mut len = 0;
    let mut cur = dom.first_child(body);
    while let Some(id) = cur {
        if dom.is_element(id) && is_hidden(dom, id) {
            len += crate::dom::measure::text_len(dom, id);
            cur = crate::dom::next_skipping_children(dom, body, id);
        } else {
            cur = crate::dom::next_in_order(dom, body, id);
        }
    }
    len
}

/// Did removing hidden elements take (nearly) all the text with it?
fn hides_everything(before: usize, after: usize) -> bool {
    before >= 500 && after * 10 < before
}

/// Removes what a reader never sees: scripts and styles, and (with `hidden`) elements hidden
/// by the `hidden` attribute, `aria-hidden`, inline `display:none`/`visibility:hidden`, or a
/// closed `<dialog>`.
fn remove_invisible(dom: &mut Dom, body: NodeId, hidden: bool) {
    dom.walk_mut(body, |dom, id| {
        let Some(el) = dom.element(id) else { return Step::SkipChildren };
        if is_invisible_tag(&el.name) || (hidden && is_hidden(dom, id)) {
            dom.detach(id);
            return Step::Removed;
        }
        Step::Descend
    });
}

pub fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(el) = dom.element(id) else { return false };
    if el.name == local_name!("dialog") && !dom.has_attr(id, "open") {
        return true;
    }
    if el.name == local_name!("input") && dom.attr(id, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")) {
        return true;
    }
    for a in &el.attrs {
        match &*a.name {
            "hidden" => return true,
            "aria-hidden" if a.value.trim().eq_ignore_ascii_case("true") => {
                // Some sites mark the image shown before scripts run as aria-hidden.
                let class = dom.attr(id, "class").unwrap_or("");
                if !class.contains("fallback-image") {
                    return true;
                }
            }
            "style" if style_hides(&a.value) => return true,
            _ => {}
        }
    }
    false
}

/// Does an inline style hide the element? (`display: none`, `visibility: hidden`)
fn style_hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let mut parts = decl.splitn(2, ':');
        let prop = parts.next().unwrap_or("").trim();
        let value = parts.next().unwrap_or("").trim().trim_end_matches("!important").trim();
        (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
    })
}

/// React's streaming server rendering sends late parts of a page as hidden
/// `<div id="S:n">` segments at the end of the body, which a script moves into the
/// `<template id="B:n">` placeholder where they belong. Do that move here.
fn place_streamed_segments(dom: &mut Dom, body: NodeId) {
    let segments: Vec<(NodeId, String)> = dom
        .find_all(body, &local_name!("div"))
        .filter(|&d| dom.has_attr(d, "hidden"))
        .filter_map(|d| {
            let id = dom.attr(d, "id")?;
            let n = id.strip_prefix("S:")?;
            n.chars().all(|c| c.is_ascii_alphanumeric()).then(|| (d, format!("B:{n}")))
        })
        .collect();
    if segments.is_empty() {
        return;
    }
    for (segment, placeholder) in segments {
        let target =
            dom.find_all(body, &local_name!("template")).find(|&t| dom.attr(t, "id") == Some(placeholder.as_str()));
        match target {
            Some(t) => {
                while let Some(c) = dom.first_child(segment) {
                    dom.insert_before(t, c);
                }
                dom.detach(t);
                dom.detach(segment);
            }
            None => dom.remove_attr(segment, "hidden"),
        }
    }
}

/// Text at least this long inside a `<noscript>` is content rather than a notice.
const NOSCRIPT_CONTENT: usize = 200;

/// Some pages send their whole content inside `<noscript>` for readers without scripts
/// (forum software's crawler view, for one) and build the visible page with scripts. When a
/// noscript holds more text than the rest of the page, it is the page.
fn use_noscript_content(dom: &mut Dom, body: NodeId) {
    let noscripts: Vec<NodeId> = dom.find_all(body, &local_name!("noscript")).collect();
    if noscripts.is_empty() {
        return;
    }
    let total = crate::dom::measure::text_len(dom, body);
    let inside: Vec<(NodeId, usize)> = noscripts.iter().map(|&n| (n, crate::dom::measure::text_len(dom, n))).collect();
    let in_noscripts: usize = inside.iter().map(|(_, l)| l).sum();
    let outside = total.saturating_sub(in_noscripts);
    for (n, len) in inside {
        if len >= NOSCRIPT_CONTENT && len > outside && dom.is_attached(n) {
            dom.unwrap(n);
        }
    }
}

/// `<noscript>` holds what a page shows without scripts; for images that is the real picture
/// behind a lazy-loading placeholder. A noscript with an image replaces the placeholder image
/// just before it, or stands in its own place; one without an image is a "please enable
/// JavaScript" note and goes.
fn use_noscript_images(dom: &mut Dom, body: NodeId) {
    let noscripts: Vec<NodeId> = dom.find_all(body, &local_name!("noscript")).collect();
    for ns in noscripts {
        if !dom.is_attached(ns) {
            continue;
        }
        if !is_single_image(dom, ns) {
            dom.detach(ns);
            continue;
        }
        let Some(new_img) = dom.find(ns, &local_name!("img")) else {
            dom.detach(ns);
            continue;
        };
        let prev = prev_element_sibling(dom, ns);
        if let Some(prev) = prev.filter(|&p| is_single_image(dom, p)) {
            let old_img =
                if dom.is(prev, &local_name!("img")) { Some(prev) } else { dom.find(prev, &local_name!("img")) };
            if let Some(old_img) = old_img {
                // Carry over the placeholder's sources under data- names, so nothing is lost
                // when the fallback has no srcset.
                let carried: Vec<(String, String)> = dom
                    .element(old_img)
                    .map(|e| {
                        e.attrs
                            .iter()
                            .filter(|a| !a.value.is_empty())
                            .filter(|a| matches!(&*a.name, "src" | "srcset") || looks_like_image_url(&a.value))
                            .map(|a| (a.name.to_string(), a.value.to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                for (name, value) in carried {
                    if dom.attr(new_img, &name) == Some(value.as_str()) {
                        continue;
                    }
                    let name = if dom.has_attr(new_img, &name) { format!("data-old-{name}") } else { name };
                    dom.set_attr(new_img, &name, value);
                }
                dom.replace(prev, new_img);
                dom.detach(ns);
                continue;
            }
        }
        dom.unwrap(ns);
    }
}

fn prev_element_sibling(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let mut cur = dom.prev_sibling(id);
    while let Some(c) = cur {
        if dom.is_element(c) {
            return Some(c);
        }
        if dom.text(c).is_some_and(|t| !crate::dom::is_whitespace_only(t)) {
            return None;
        }
        cur = dom.prev_sibling(c);
    }
    None
}

/// An `<img>`, or an element holding exactly one image and no text.
fn is_single_image(dom: &Dom, id: NodeId) -> bool {
    if dom.is(id, &local_name!("img")) {
        return true;
    }
    let mut imgs = 0;
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            if !crate::dom::is_whitespace_only(t) {
                return false;
            }
        } else if dom.is(d, &local_name!("img")) {
            imgs += 1;
        }
    }
    imgs == 1
}

/// Attribute names lazy-loading scripts keep the real source in, best first.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-original-src",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-large-src",
    "data-lazyload",
    "data-echo",
    "data-img-src",
    "data-image",
];
const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-srcset", "data-sizes-srcset"];

/// Gives every image its real source: placeholders (tiny data URIs, spacer GIFs) give way to
/// the URL a lazy-loader would have put in, and `<picture>` images without `src` take their
/// first `<source>`.
fn fix_lazy_images(dom: &mut Dom, body: NodeId) {
    let imgs: Vec<NodeId> = dom.find_all(body, &local_name!("img")).collect();
    for img in imgs {
        let src = dom.attr(img, "src").map(str::trim).unwrap_or("").to_string();
        let placeholder = src.is_empty() || is_placeholder_src(&src);
        if placeholder {
            if let Some(real) = LAZY_SRC_ATTRS.iter().find_map(|a| non_empty_attr(dom, img, a)) {
                dom.set_attr(img, "src", real);
            } else if let Some(set) = LAZY_SRCSET_ATTRS.iter().find_map(|a| non_empty_attr(dom, img, a)) {
                if let Some(first) = best_srcset_url(&set) {
                    dom.set_attr(img, "src", first);
                }
            } else if let Some(found) = any_image_attr(dom, img) {
                dom.set_attr(img, "src", found);
            } else if let Some(set) = non_empty_attr(dom, img, "srcset") {
                if let Some(first) = best_srcset_url(&set) {
                    dom.set_attr(img, "src", first);
                }
            } else if let Some(from_source) = picture_source(dom, img) {
                dom.set_attr(img, "src", from_source);
            } else if !src.is_empty() && src.starts_with("data:") {
                // A placeholder and nothing better: an empty image is no image.
                dom.remove_attr(img, "src");
            }
        }
        if let Some(set) = LAZY_SRCSET_ATTRS.iter().find_map(|a| non_empty_attr(dom, img, a)) {
            if !set.starts_with("data:") {
                dom.set_attr(img, "srcset", set);
            }
        }
        if dom.attr(img, "srcset").is_some_and(|s| s.trim_start().starts_with("data:")) {
            dom.remove_attr(img, "srcset");
        }
    }
    // <source> elements with lazy srcsets.
    let sources: Vec<NodeId> = dom.find_all(body, &local_name!("source")).collect();
    for s in sources {
        if let Some(set) = LAZY_SRCSET_ATTRS.iter().find_map(|a| non_empty_attr(dom, s, a)) {
            dom.set_attr(s, "srcset", set);
        }
    }
}

fn non_empty_attr(dom: &Dom, id: NodeId, name: &str) -> Option<String> {
    dom.attr(id, name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

/// A source that only holds a place: a small inline data URI, or a spacer/blank image.
fn is_placeholder_src(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("data:") {
        // An SVG data URI can be a real (if small) picture; tiny raster ones are spacers.
        return !rest.starts_with("image/svg") || src.len() < 200;
    }
    let file = lower.rsplit('/').next().unwrap_or("");
    ["blank.", "spacer.", "placeholder", "pixel.", "transparent.", "lazy.", "loading.", "1x1."]
        .iter()
        .any(|p| file.contains(p))
}

/// An attribute whose value is the URL of an image (a lazy-loader's, under a name we do not
/// know).
fn any_image_attr(dom: &Dom, img: NodeId) -> Option<String> {
    let el = dom.element(img)?;
    el.attrs
        .iter()
        .filter(|a| !matches!(&*a.name, "src" | "srcset" | "alt" | "title" | "class" | "id" | "style"))
        .map(|a| a.value.trim())
        .find(|v| looks_like_image_url(v) && !v.contains(' '))
        .map(str::to_string)
}

pub fn looks_like_image_url(v: &str) -> bool {
    let v = v.trim();
    if v.is_empty() || v.starts_with("data:") || v.len() > 2048 {
        return false;
    }
    let path = v.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"].iter().any(|e| path.ends_with(e))
}

/// The widest candidate of a `srcset` (or the first when widths are not given).
pub fn best_srcset_url(srcset: &str) -> Option<String> {
    let mut best: Option<(f64, String)> = None;
    for cand in split_srcset(srcset) {
        let mut parts = cand.split_whitespace();
        let Some(url) = parts.next() else { continue };
        if url.starts_with("data:") {
            continue;
        }
        let size =
            parts.next().and_then(|d| d.strip_suffix(['w', 'x']).and_then(|n| n.parse::<f64>().ok())).unwrap_or(0.0);
        if best.as_ref().is_none_or(|(s, _)| size > *s) {
            best = Some((size, url.to_string()));
        }
    }
    best.map(|(_, u)| u)
}

/// Splits a srcset into its candidates, as the HTML spec parses it: a URL runs to the next
/// whitespace (commas inside it belong to it), descriptors run to the next comma.
pub fn split_srcset(srcset: &str) -> Vec<&str> {
    let b = srcset.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() {
            return out;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i - 1] == b',' {
            out.push(srcset[start..i].trim_end_matches(','));
            continue;
        }
        let mut depth = 0i32;
        while i < b.len() {
            match b[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b',' if depth <= 0 => break,
                _ => {}
            }
            i += 1;
        }
        let cand = srcset[start..i].trim();
        if has_valid_descriptors(cand) {
            out.push(cand);
        }
    }
}

/// Are a candidate's descriptors (what follows its URL) ones the HTML spec accepts: none, or a
/// width (`300w`), a density (`2x`, `1.5x`), a height beside a width? A candidate with anything
/// else is dropped, as browsers drop it: `java\tscript:…(this) 1x` is the URL "java" and a
/// tail of code, not an image.
fn has_valid_descriptors(cand: &str) -> bool {
    let descriptors: Vec<&str> = cand.split_ascii_whitespace().skip(1).collect();
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.') && s.parse::<f64>().is_ok();
    let kind = |d: &str| d.char_indices().last().filter(|&(i, _)| number(&d[..i])).map(|(_, c)| c);
    match descriptors.as_slice() {
        [] => true,
        [d] => matches!(kind(d), Some('w' | 'x')),
        [a, b] => matches!((kind(a), kind(b)), (Some('w'), Some('h')) | (Some('h'), Some('w'))),
        _ => false,
    }
}

fn picture_source(dom: &Dom, img: NodeId) -> Option<String> {
    let parent = dom.parent(img)?;
    if !dom.is(parent, &local_name!("picture")) {
        return None;
    }
    dom.element_children(parent)
        .filter(|&c| dom.is(c, &local_name!("source")))
        .find_map(|s| non_empty_attr(dom, s, "srcset").and_then(|set| best_srcset_url(&set)))
}

/// Two or more `<br>`s in a row end a paragraph: the phrasing content after them is wrapped
/// in a `<p>`, so such pages score like pages with real paragraphs.
fn replace_brs(dom: &mut Dom, body: NodeId) {
    let brs: Vec<NodeId> = dom.find_all(body, &local_name!("br")).collect();
    for br in brs {
        if !dom.is_attached(br) || dom.parent(br).is_none() {
            continue;
        }
        // Is this the first of a chain of at least two <br>s (whitespace between allowed)?
        let mut replaced = false;
        let mut next = next_non_whitespace(dom, br);
        while let Some(n) = next.filter(|&n| dom.is(n, &local_name!("br"))) {
            replaced = true;
            next = next_non_whitespace(dom, n);
            dom.detach(n);
        }
        if !replaced {
            continue;
        }
        let p = dom.create_element(local_name!("p"), Vec::new());
        dom.replace(br, p);
        // Move the following phrasing content into the new paragraph, up to the next <br><br>.
        let mut cur = dom.next_sibling(p);
        while let Some(c) = cur {
            if dom.is(c, &local_name!("br")) {
                if let Some(after) = next_non_whitespace(dom, c) {
                    if dom.is(after, &local_name!("br")) {
                        break;
                    }
                }
            }
            if !is_phrasing(dom, c) {
                break;
            }
            cur = dom.next_sibling(c);
            dom.append(p, c);
        }
        // Trim trailing whitespace-only text.
        while let Some(last) = dom.node(p).last_child {
            if dom.text(last).is_some_and(crate::dom::is_whitespace_only) {
                dom.detach(last);
            } else {
                break;
            }
        }
        if dom.first_child(p).is_none() {
            dom.detach(p);
        } else if let Some(parent) = dom.parent(p) {
            // A <p> cannot sit inside a <p>.
            if dom.is(parent, &local_name!("p")) {
                dom.rename(parent, local_name!("div"));
            }
        }
    }
}

fn next_non_whitespace(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let mut cur = dom.next_sibling(id);
    while let Some(c) = cur {
        match dom.text(c) {
            Some(t) if crate::dom::is_whitespace_only(t) => cur = dom.next_sibling(c),
            _ => return Some(c),
        }
    }
    None
}

/// Attributes that hold one URL, by element.
const URL_ATTRS: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("img", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("source", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("q", "cite"),
    ("blockquote", "cite"),
    ("del", "cite"),
    ("ins", "cite"),
];

/// Makes link and media URLs absolute. Fragment-only links stay as they are when the base is
/// the page itself, so in-page links keep working in the reader.
fn absolutize_urls(dom: &mut Dom, body: NodeId, base: &Url) {
    let ids: Vec<NodeId> = dom.descendants(body).filter(|&d| dom.is_element(d)).collect();
    for id in ids {
        let tag = dom.tag(id).map(|t| t.to_string()).unwrap_or_default();
        for &(t, attr) in URL_ATTRS {
            if t != tag {
                continue;
            }
            if let Some(v) = dom.attr(id, attr).map(str::to_string) {
                let v = v.trim();
                if v.starts_with('#') {
                    continue;
                }
                if let Some(abs) = resolve(base, v) {
                    dom.set_attr(id, attr, abs);
                }
            }
        }
        if tag == "img" || tag == "source" {
            if let Some(set) = dom.attr(id, "srcset").map(str::to_string) {
                let fixed: Vec<String> = split_srcset(&set)
                    .into_iter()
                    .map(|cand| {
                        let mut parts = cand.splitn(2, char::is_whitespace);
                        let u = parts.next().unwrap_or("");
                        let rest = parts.next().unwrap_or("").trim();
                        let abs = resolve(base, u).unwrap_or_else(|| u.to_string());
                        if rest.is_empty() {
                            abs
                        } else {
                            format!("{abs} {rest}")
                        }
                    })
                    .collect();
                dom.set_attr(id, "srcset", fixed.join(", "));
            }
        }
    }
}

/// Resolves `href` against `base`; `None` for values that are not URLs at all.
pub fn resolve(base: &Url, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    crate::urls::join(base, href).ok().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn prep(html: &str, url: Option<&str>) -> (Dom, Prepared) {
        let mut dom = parse(html);
        let url = url.map(|u| Url::parse(u).unwrap());
        let p = prepare(&mut dom, url.as_ref());
        (dom, p)
    }

    fn body_html_imgs(dom: &Dom) -> Vec<String> {
        dom.find_all(dom.root(), &local_name!("img")).map(|i| dom.attr(i, "src").unwrap_or("").to_string()).collect()
    }

    #[test]
    fn removes_scripts_and_hidden_keeps_json_ld() {
        let (dom, p) = prep(
            r#"<script type="application/ld+json">{"a":1}</script><p>keep</p><script>x()</script>
            <div hidden>h1</div><div style="display: none">h2</div><div aria-hidden="true">h3</div>
            <div style="color:red">shown</div>"#,
            None,
        );
        assert_eq!(p.json_ld, vec![r#"{"a":1}"#.to_string()]);
        assert_eq!(dom.inner_text(dom.body().unwrap()), "keep shown");
    }

    #[test]
    fn lazy_images_get_real_sources() {
        let (dom, _) = prep(
            r#"<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/a.jpg">
               <img data-srcset="/b-300.jpg 300w, /b-900.jpg 900w">
               <picture><source srcset="/c.webp 1x"><img></picture>
               <img src="/spacer.gif" data-lazy-src="/d.png">"#,
            Some("https://ex.com/news/story.html"),
        );
        assert_eq!(
            body_html_imgs(&dom),
            vec!["https://ex.com/a.jpg", "https://ex.com/b-900.jpg", "https://ex.com/c.webp", "https://ex.com/d.png"]
        );
    }

    #[test]
    fn noscript_fallback_replaces_placeholder() {
        let (dom, _) = prep(
            r#"<div><img src="data:image/gif;base64,R0lGOD" class="lazy"><noscript><img src="/real.jpg" alt="A"></noscript></div>
               <noscript><p>Please enable JavaScript</p></noscript>"#,
            Some("https://ex.com/"),
        );
        assert_eq!(body_html_imgs(&dom), vec!["https://ex.com/real.jpg"]);
        assert!(!dom.inner_text(dom.body().unwrap()).contains("JavaScript"));
    }

    #[test]
    fn canonical_or_og_url_is_the_base_without_a_page_url() {
        let page = r#"<link rel="canonical" href="https://news.example/world/2024/story.html">
            <meta property="og:url" content="https://other.example/og/">
            <a href="../photos/">p</a><img src="lead.jpg"><img srcset="a.jpg 1x, /b.jpg 2x">"#;
        let (dom, p) = prep(page, None);
        assert_eq!(p.base.unwrap().as_str(), "https://news.example/world/2024/story.html");
        assert_eq!(
            dom.attr(dom.find(dom.root(), &local_name!("a")).unwrap(), "href"),
            Some("https://news.example/world/photos/")
        );
        let imgs: Vec<_> = dom.find_all(dom.root(), &local_name!("img")).collect();
        assert_eq!(dom.attr(imgs[0], "src"), Some("https://news.example/world/2024/lead.jpg"));
        assert_eq!(
            dom.attr(imgs[1], "srcset"),
            Some("https://news.example/world/2024/a.jpg 1x, https://news.example/b.jpg 2x")
        );
        // og:url when there is no canonical link; a relative or non-http canonical does not count.
        let og = r#"<link rel="canonical" href="/relative/only"><meta property="og:url" content="https://news.example/og/page"><a href="x">x</a>"#;
        assert_eq!(prep(og, None).1.base.unwrap().as_str(), "https://news.example/og/page");
        assert_eq!(prep(r#"<link rel="canonical" href="ftp://files.example/a"><a href="x">x</a>"#, None).1.base, None);
        // An explicit page URL wins over the canonical; <base href> wins over both, resolved
        // against whichever is the page's address.
        let (_, p) = prep(page, Some("https://mirror.example/copy.html"));
        assert_eq!(p.base.unwrap().as_str(), "https://mirror.example/copy.html");
        let with_base = format!(r#"<base href="/static/">{page}"#);
        assert_eq!(prep(&with_base, None).1.base.unwrap().as_str(), "https://news.example/static/");
        let (dom, _) = prep(&with_base, None);
        assert_eq!(
            dom.attr(dom.find(dom.root(), &local_name!("a")).unwrap(), "href"),
            Some("https://news.example/photos/")
        );
    }

    #[test]
    fn code_languages_are_found_wherever_highlighters_put_them() {
        let lang_of = |html: &str| {
            let (dom, _) = prep(html, None);
            let pre = dom.find(dom.root(), &local_name!("pre")).unwrap();
            let code = dom.element_children(pre).find(|&c| dom.is(c, &local_name!("code")));
            code.and_then(|c| dom.attr(c, "class").map(str::to_string))
        };
        for (html, want) in [
            (r#"<pre class="brush: python; gutter: false">print(1)</pre>"#, "language-python"),
            (r#"<pre class="brush:js">x</pre>"#, "language-js"),
            (r#"<div class="highlight highlight-source-js"><pre>let a = 1;</pre></div>"#, "language-js"),
            (r#"<div class="highlight-js"><pre>let a = 1;</pre></div>"#, "language-js"),
            (
                r#"<div class="highlight-python notranslate"><div class="highlight"><pre>x</pre></div></div>"#,
                "language-python",
            ),
            (r#"<pre><code data-lang="go">package main</code></pre>"#, "language-go"),
            (r#"<pre data-language="Ruby"><code>puts 1</code></pre>"#, "language-ruby"),
            (r#"<div data-lang="sql"><pre><code>select 1</code></pre></div>"#, "language-sql"),
            (r#"<pre class="lang-py prettyprint">x</pre>"#, "language-py"),
            (r#"<pre class="x"><code class="hljs language-c++">x</code></pre>"#, "language-c++ hljs"),
            (
                r#"<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code>x</code></pre></div></div>"#,
                "language-ruby",
            ),
            // The code's own language comes first.
            (r#"<div class="lang-java"><pre><code class="language-kotlin">x</code></pre></div>"#, "language-kotlin"),
        ] {
            assert_eq!(lang_of(html).as_deref(), Some(want), "{html}");
        }
        for html in [
            r#"<pre>plain</pre>"#,
            r#"<div class="highlight-box"><pre>x</pre></div>"#,
            r#"<pre><code class="language-none">x</code></pre>"#,
            r#"<div class="lang-en"><div><div><pre>three levels up</pre></div></div></div>"#,
            r#"<pre><code class="language-&lt;script&gt;">x</code></pre>"#,
        ] {
            assert_eq!(lang_of(html), None, "{html}");
        }
        // The text of a block that gets a <code> stays as it was.
        let (dom, _) = prep(
            r#"<pre class="brush: python">a = 1
b = [x for x in a]</pre>"#,
            None,
        );
        assert_eq!(dom.text_content(dom.find(dom.root(), &local_name!("code")).unwrap()), "a = 1\nb = [x for x in a]");
    }

    #[test]
    fn base_element_wins_over_page_url() {
        let (dom, p) =
            prep(r##"<base href="/root/"><a href="x.html">x</a><a href="#f">f</a>"##, Some("https://ex.com/a/b.html"));
        assert_eq!(p.base.unwrap().as_str(), "https://ex.com/root/");
        let hrefs: Vec<_> =
            dom.find_all(dom.root(), &local_name!("a")).map(|a| dom.attr(a, "href").unwrap().to_string()).collect();
        assert_eq!(hrefs, vec!["https://ex.com/root/x.html", "#f"]);
    }

    #[test]
    fn double_br_makes_paragraphs() {
        let (dom, _) = prep("<div>one<br><br>two <b>bold</b><br> <br>three</div>", None);
        let ps: Vec<String> = dom.find_all(dom.root(), &local_name!("p")).map(|p| dom.inner_text(p)).collect();
        assert_eq!(ps, vec!["two bold", "three"]);
    }

    #[test]
    fn srcset_parsing() {
        assert_eq!(best_srcset_url("a.jpg 1x, b.jpg 2x").unwrap(), "b.jpg");
        assert_eq!(best_srcset_url("https://x/i.jpg?w=1,2 300w, https://x/j.jpg 600w").unwrap(), "https://x/j.jpg");
        assert_eq!(split_srcset("a.jpg 1x, b,c.jpg 2x"), vec!["a.jpg 1x", "b,c.jpg 2x"]);
        assert_eq!(split_srcset("a.jpg 1.5x, b.jpg 600w 400h, c.jpg"), vec!["a.jpg 1.5x", "b.jpg 600w 400h", "c.jpg"]);
        // Candidates with descriptors a browser refuses are dropped, as it drops them: here a
        // scheme split by a tab, "java" and a tail of code.
        assert_eq!(split_srcset("java\tscript:alert(1)//(x) 1x, d.jpg 2x"), vec!["d.jpg 2x"]);
        assert_eq!(split_srcset("e.jpg 2y, f.jpg 300w 2x"), Vec::<&str>::new());
        assert_eq!(best_srcset_url("java\tscript:(function(){a=1,b=2})(this) 1x"), None);
    }
}
