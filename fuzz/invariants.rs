//! What every article Pith returns must satisfy, checked from the outside with independent
//! parsers. Shared by `tests/sanitize.rs`, `tests/robustness.rs` and the fuzz targets (included
//! with `#[path]`), so the attack corpus, the property tests and the fuzzer hold the output to
//! one standard.
//!
//! * `html_problems`: the sanitized HTML, re-parsed by html5ever as a browser would parse it
//!   into a `<div>` (scripting on and off), holds only allow-listed elements and attributes,
//!   safe URL schemes, prefixed ids and fragment links; and it is stable: the tree the parser
//!   builds is exactly the tag nesting written in the markup (no parser fix-ups, the root of
//!   mutation XSS), and serializing that tree and parsing it again changes nothing.
//! * `ammonia_problems`: ammonia, configured with what our allow-list deliberately keeps,
//!   finds nothing to remove (except raster `data:` image sources, which it never allows).
//! * `markdown_problems`: the Markdown, parsed by pulldown-cmark, holds no raw HTML and no link
//!   or image with an unsafe destination.
//!
//! The lists below are this file's own, written from the HTML standard and a reading of what
//! is harmless in a reader view, not copied from `src/render/html.rs`.
#![allow(dead_code)]

use html5ever::serialize::{SerializeOpts, TraversalScope};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{local_name, ns, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};
use std::cell::RefCell;

/// Elements a reader view may show. Everything else is a finding.
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements named explicitly so a finding says what went wrong (all are outside the list above).
pub const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "select",
    "option",
    "textarea",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "template",
    "noscript",
    "title",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "video",
    "audio",
    "source",
    "track",
    "canvas",
    "dialog",
    "map",
    "area",
    "image",
    "isindex",
    "keygen",
    "marquee",
    "portal",
    "slot",
];

/// Attributes that must never appear, whatever the element.
pub const FORBIDDEN_ATTRIBUTES: &[&str] =
    &["style", "srcdoc", "formaction", "action", "xlink:href", "background", "poster", "ping", "longdesc", "usemap"];

/// Attributes a reader view may keep, by element (`*`: any element).
fn attribute_allowed(element: &str, attr: &str) -> bool {
    matches!(attr, "id" | "title" | "lang" | "dir")
        || matches!(
            (element, attr),
            ("a", "href")
                | ("img", "src" | "srcset" | "alt" | "width" | "height")
                | ("td" | "th", "colspan" | "rowspan")
                | ("th", "scope")
                | ("col" | "colgroup", "span")
                | ("ol", "start" | "reversed" | "type")
                | ("li", "value")
                | ("time", "datetime")
                | ("blockquote" | "q" | "del" | "ins", "cite")
                | ("code" | "pre", "class")
                | ("code", "data-shown")
                | ("details", "open")
        )
}

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "frame", "basefont", "bgsound",
];

/// Raster image types a `data:` image source may carry.
const DATA_IMAGE_TYPES: &[&str] = &["image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp", "image/avif"];

/// What is wrong with a URL found in `href`/`src`/`cite`, judged as a browser reads it: leading
/// and trailing C0 controls and spaces dropped, tabs and newlines removed anywhere, the scheme
/// case-insensitive. Whatever stands before a colon that comes before the first `/`, `?` or `#`
/// counts as a scheme (even one a browser would not call valid), and only http(s), mailto and
/// tel pass (plus raster `data:` images where `data_image` is set).
pub fn url_problem(raw: &str, data_image: bool) -> Option<String> {
    let seen: String =
        raw.trim_matches(|c: char| c <= '\u{20}').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = seen.to_ascii_lowercase();
    let colon = lower.find(':')?;
    let scheme = &lower[..colon];
    // Nothing before the colon (":x") is no scheme at all: a relative path to a browser.
    if scheme.is_empty() || scheme.contains(['/', '?', '#']) {
        return None;
    }
    match scheme {
        "http" | "https" | "mailto" | "tel" => None,
        "data" if data_image => {
            let mime = lower[colon + 1..].split([';', ',']).next().unwrap_or("").trim();
            if DATA_IMAGE_TYPES.contains(&mime) {
                None
            } else {
                Some(format!("data: URL of type {mime:?} in an image: {}", short(raw)))
            }
        }
        _ => Some(format!("unsafe URL scheme {scheme:?}: {}", short(raw))),
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    format!("{t:?}")
}

/// Parses `html` the way `element.innerHTML = html` does on a `<div>`.
pub fn parse_into_div(html: &str, scripting: bool) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: scripting, ..Default::default() },
        ..Default::default()
    };
    parse_fragment(RcDom::default(), opts, QualName::new(None, ns!(html), local_name!("div")), vec![], scripting)
        .one(html)
}

/// The node whose children are the parsed fragment (html5ever puts them under an `<html>`).
pub fn fragment_root(dom: &RcDom) -> Handle {
    let doc = dom.document.clone();
    let first = doc.children.borrow().first().cloned();
    first.unwrap_or(doc)
}

/// Every way the sanitized HTML falls short; empty when it is clean.
pub fn html_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for scripting in [true, false] {
        let dom = parse_into_div(html, scripting);
        walk_problems(&fragment_root(&dom), &mut problems);
        if !problems.is_empty() {
            break;
        }
    }
    stability_problems(html, &mut problems);
    problems
}

fn walk_problems(root: &Handle, problems: &mut Vec<String>) {
    let mut stack: Vec<Handle> = root.children.borrow().iter().rev().cloned().collect();
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Element { name, attrs, template_contents, .. } => {
                let el = &*name.local;
                if name.ns != ns!(html) {
                    problems.push(format!("foreign element <{el}> in namespace {:?}", &*name.ns));
                } else if FORBIDDEN_ELEMENTS.contains(&el) {
                    problems.push(format!("forbidden element <{el}>"));
                } else if !ALLOWED_ELEMENTS.contains(&el) {
                    problems.push(format!("element <{el}> is not in the allow-list"));
                }
                if template_contents.borrow().is_some() {
                    problems.push(format!("<{el}> has template contents"));
                }
                for a in attrs.borrow().iter() {
                    let an = a.name.local.to_ascii_lowercase();
                    let value = &*a.value;
                    if a.name.ns != ns!() || a.name.prefix.is_some() {
                        problems.push(format!("namespaced attribute {an} on <{el}>"));
                    }
                    if an.starts_with("on") {
                        problems.push(format!("event handler {an}={} on <{el}>", short(value)));
                    } else if FORBIDDEN_ATTRIBUTES.contains(&an.as_str()) {
                        problems.push(format!("forbidden attribute {an}={} on <{el}>", short(value)));
                    } else if !attribute_allowed(el, &an) {
                        problems.push(format!("attribute {an} not allowed on <{el}>"));
                    }
                    match an.as_str() {
                        "href" | "cite" => {
                            if let Some(p) = url_problem(value, false) {
                                problems.push(format!("<{el} {an}>: {p}"));
                            }
                            if let Some(frag) = value.strip_prefix('#') {
                                // A bare "#" points at nothing; any other in-page link must
                                // target a prefixed id.
                                if !frag.is_empty() && !frag.starts_with("pith-") {
                                    problems.push(format!("fragment link {} without the pith- prefix", short(value)));
                                }
                            }
                        }
                        "src" => {
                            if let Some(p) = url_problem(value, el == "img") {
                                problems.push(format!("<{el} src>: {p}"));
                            }
                        }
                        "srcset" => {
                            for cand in value.split(',') {
                                let url = cand.split_whitespace().next().unwrap_or("");
                                if let Some(p) = url_problem(url, false) {
                                    problems.push(format!("<{el} srcset>: {p}"));
                                }
                            }
                            // A scheme split by whitespace ("java\tscript:") reads as the URL
                            // "java" and descriptors: harmless to a browser, but script text
                            // in an image's sources all the same.
                            let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                            let squashed = squashed.to_ascii_lowercase();
                            if squashed.contains("javascript:") || squashed.contains("vbscript:") {
                                problems.push(format!("<{el} srcset>: a script URL split by whitespace: {}", short(value)));
                            }
                        }
                        "id" if !value.starts_with("pith-") => {
                            problems.push(format!("id {} without the pith- prefix", short(value)));
                        }
                        _ => {}
                    }
                }
            }
            NodeData::Text { .. } => {}
            NodeData::Comment { contents } => problems.push(format!("comment in output: {}", short(contents))),
            NodeData::Doctype { .. } => problems.push("doctype in output".to_string()),
            NodeData::ProcessingInstruction { .. } => problems.push("processing instruction in output".to_string()),
            NodeData::Document => {}
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
}

/// One step of a tree written out in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    Open(String, Vec<(String, String)>),
    Close(String),
    Text(String),
    Other(String),
}

fn push_text(events: &mut Vec<Ev>, t: &str) {
    if let Some(Ev::Text(prev)) = events.last_mut() {
        prev.push_str(t);
    } else if !t.is_empty() {
        events.push(Ev::Text(t.to_string()));
    }
}

fn element_key(name: &QualName) -> String {
    if name.ns == ns!(html) {
        name.local.to_string()
    } else {
        format!("{{{}}}{}", &*name.ns, &*name.local)
    }
}

/// The children of `root` as an event stream (attributes sorted, adjacent text merged).
pub fn tree_events(root: &Handle) -> Vec<Ev> {
    let mut events = Vec::new();
    let mut stack: Vec<(Handle, bool)> = root.children.borrow().iter().rev().map(|c| (c.clone(), false)).collect();
    while let Some((node, closing)) = stack.pop() {
        match &node.data {
            NodeData::Element { name, attrs, .. } => {
                let key = element_key(name);
                if closing {
                    events.push(Ev::Close(key));
                    continue;
                }
                let mut a: Vec<(String, String)> =
                    attrs.borrow().iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                a.sort();
                events.push(Ev::Open(key, a));
                stack.push((node.clone(), true));
                stack.extend(node.children.borrow().iter().rev().map(|c| (c.clone(), false)));
            }
            NodeData::Text { contents } => push_text(&mut events, &contents.borrow()),
            other => events.push(Ev::Other(format!("{other:?}").chars().take(60).collect())),
        }
    }
    events
}

/// Tokens of the markup, nested by their own start and end tags (no tree-builder rules).
#[derive(Default)]
struct TokenNest {
    events: RefCell<Vec<Ev>>,
    open: RefCell<Vec<String>>,
    problems: RefCell<Vec<String>>,
    /// Just after `<pre>`/`<listing>`/`<textarea>`, where a parser drops one newline.
    after_pre: std::cell::Cell<bool>,
}

/// Elements after whose start tag a parser drops one newline.
const DROPS_FIRST_NEWLINE: &[&str] = &["pre", "listing", "textarea"];

/// Drops the one leading newline of the text that opens a `<pre>`: what a round trip through
/// html5ever's serializer (which ammonia uses too) does to a tree, since it does not write the
/// extra newline that would keep it (nor does the HTML standard's serializer).
fn without_pre_newline(events: &[Ev]) -> Vec<Ev> {
    let mut out: Vec<Ev> = Vec::with_capacity(events.len());
    for ev in events {
        let after_pre = matches!(out.last(), Some(Ev::Open(n, _)) if DROPS_FIRST_NEWLINE.contains(&n.as_str()));
        match ev {
            Ev::Text(t) if after_pre && t.starts_with('\n') => {
                if t.len() > 1 {
                    out.push(Ev::Text(t[1..].to_string()));
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

impl TokenSink for TokenNest {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut events = self.events.borrow_mut();
        let after_pre = self.after_pre.replace(false);
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let mut a: Vec<(String, String)> =
                            tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                        a.sort();
                        events.push(Ev::Open(name.clone(), a));
                        if VOID_ELEMENTS.contains(&name.as_str()) {
                            events.push(Ev::Close(name));
                        } else {
                            self.after_pre.set(DROPS_FIRST_NEWLINE.contains(&name.as_str()));
                            self.open.borrow_mut().push(name);
                        }
                    }
                    TagKind::EndTag => {
                        if self.open.borrow().last() == Some(&name) {
                            self.open.borrow_mut().pop();
                            events.push(Ev::Close(name));
                        } else {
                            self.problems.borrow_mut().push(format!("end tag </{name}> closes nothing open"));
                        }
                    }
                }
            }
            Token::CharacterTokens(t) => match t.strip_prefix('\n') {
                Some(rest) if after_pre => push_text(&mut events, rest),
                _ => push_text(&mut events, &t),
            },
            Token::NullCharacterToken => self.problems.borrow_mut().push("NUL character in output".to_string()),
            Token::CommentToken(c) => self.problems.borrow_mut().push(format!("comment token {}", short(&c))),
            Token::DoctypeToken(_) => self.problems.borrow_mut().push("doctype token".to_string()),
            Token::ParseError(e) => self.problems.borrow_mut().push(format!("tokenizer error: {e}")),
            Token::EOFToken => {
                let open = self.open.borrow();
                if !open.is_empty() {
                    self.problems.borrow_mut().push(format!("unclosed at end: {open:?}"));
                }
            }
        }
        TokenSinkResult::Continue
    }
}

fn token_events(html: &str) -> (Vec<Ev>, Vec<String>) {
    let tok = Tokenizer::new(TokenNest::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    let sink = tok.sink;
    (sink.events.into_inner(), sink.problems.into_inner())
}

fn first_difference(a: &[Ev], b: &[Ev]) -> String {
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let ctx = |v: &[Ev]| format!("{:?}", &v[i.saturating_sub(2)..(i + 2).min(v.len())]);
    format!("at event {i}: {} vs {}", ctx(a), ctx(b))
}

/// The markup must be read back as written: the tree a browser builds is the nesting of the
/// tags in the text, and writing that tree out and reading it again changes nothing.
fn stability_problems(html: &str, problems: &mut Vec<String>) {
    let (tokens, token_problems) = token_events(html);
    problems.extend(token_problems);
    let dom = parse_into_div(html, true);
    let root = fragment_root(&dom);
    let tree = tree_events(&root);
    if tokens != tree {
        problems.push(format!("the parser rebuilds the markup differently {}", first_difference(&tokens, &tree)));
    }
    let mut buf = Vec::new();
    let opts = SerializeOpts { traversal_scope: TraversalScope::ChildrenOnly(None), ..Default::default() };
    if html5ever::serialize(&mut buf, &SerializableHandle::from(root.clone()), opts).is_err() {
        problems.push("html5ever cannot serialize the parsed output".to_string());
        return;
    }
    let again = String::from_utf8_lossy(&buf);
    let tree = without_pre_newline(&tree);
    let tree2 = tree_events(&fragment_root(&parse_into_div(&again, true)));
    if tree != tree2 {
        problems.push(format!("serialize + re-parse changes the tree {}", first_difference(&tree, &tree2)));
    }
}

fn ammonia() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // What our allow-list keeps beyond ammonia's defaults, on purpose: sections and table
        // footers, prefixed ids and text direction everywhere, responsive images, code
        // languages and formulas as shown (data-shown), list numbering, <time datetime>, open <details>.
        b.add_tags(&["section", "tfoot"])
            .add_generic_attributes(&["id", "dir"])
            .add_tag_attributes("img", &["srcset"])
            .add_tag_attributes("code", &["class", "data-shown"])
            .add_tag_attributes("pre", &["class"])
            .add_tag_attributes("ol", &["reversed", "type"])
            .add_tag_attributes("li", &["value"])
            .add_tag_attributes("time", &["datetime"])
            .add_tag_attributes("details", &["open"])
            .add_tag_attributes("th", &["scope"])
            .link_rel(None);
        b
    })
}

fn count(events: &[Ev]) -> (usize, usize) {
    events.iter().fold((0, 0), |(e, a), ev| match ev {
        Ev::Open(_, attrs) => (e + 1, a + attrs.len()),
        _ => (e, a),
    })
}

/// Ammonia must find nothing to remove in our output. Ammonia never allows `data:` URLs, so
/// the raster image sources we keep are taken out of our side before comparing.
pub fn ammonia_problems(html: &str) -> Vec<String> {
    let cleaned = ammonia().clean(html).to_string();
    let ours = without_pre_newline(&tree_events(&fragment_root(&parse_into_div(html, true))));
    let theirs = tree_events(&fragment_root(&parse_into_div(&cleaned, true)));
    let mut data_srcs = 0;
    let expected: Vec<Ev> = ours
        .iter()
        .map(|ev| match ev {
            Ev::Open(name, attrs) if name == "img" => {
                let kept: Vec<(String, String)> = attrs
                    .iter()
                    .filter(|(k, v)| {
                        let data = k == "src" && v.trim_start().to_ascii_lowercase().starts_with("data:");
                        data_srcs += data as usize;
                        !data
                    })
                    .cloned()
                    .collect();
                Ev::Open(name.clone(), kept)
            }
            other => other.clone(),
        })
        .collect();
    if expected == theirs {
        return Vec::new();
    }
    let (e0, a0) = count(&ours);
    let (e1, a1) = count(&theirs);
    vec![format!(
        "ammonia changes our output: elements {e0} -> {e1}, attributes {a0} -> {a1} ({data_srcs} data: image \
         sources accounted for), {}",
        first_difference(&expected, &theirs)
    )]
}

/// Every way the Markdown falls short, and its visible text (text and code, not link targets).
pub fn markdown_problems(md: &str) -> (Vec<String>, String) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut problems = Vec::new();
    let mut visible = String::new();
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    let mut in_code_block = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (ev, range) in Parser::new_ext(md, opts).into_offset_iter() {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => problems.push(format!("raw HTML in Markdown: {}", short(&h))),
            Event::Start(Tag::HtmlBlock) => problems.push("HTML block in Markdown".to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(p) = url_problem(&dest_url, false) {
                    problems.push(format!("Markdown link: {p}"));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(p) = url_problem(&dest_url, true) {
                    problems.push(format!("Markdown image: {p}"));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) => {
                if in_code_block {
                    code.push(range);
                }
                visible.push_str(&t);
                visible.push(' ');
            }
            Event::Code(t) => {
                code.push(range);
                visible.push_str(&t);
                visible.push(' ');
            }
            _ => {}
        }
    }
    let lower = md.to_ascii_lowercase();
    // Belt and braces beside the parser's links above: a `](data:text` whose `]` is not
    // escaped (`\](` is text, as the renderer writes a bracket that opens no link).
    if lower.match_indices("](data:text").any(|(i, _)| !md[..i].ends_with('\\')) {
        problems.push("Markdown link to a data:text URL".to_string());
    }
    for (i, _) in lower.match_indices("<script") {
        let escaped = md[..i].ends_with('\\');
        let in_code = code.iter().any(|r| r.contains(&i));
        if !escaped && !in_code {
            problems.push(format!("raw <script in Markdown at byte {i}"));
        }
    }
    (problems, visible)
}

/// What the `extract` fuzz target holds every input to, and `tests/robustness.rs` every kept
/// regression input (fuzz/regressions/extract/): no panic; an article or a documented error;
/// the article passes the checks above and its text is trimmed. Panics on a finding.
pub fn check_extract(data: &[u8]) {
    // The first byte picks whether a page URL is given, so both ways of resolving links run.
    let (with_url, rest) = match data.split_first() {
        Some((b, rest)) => (b & 1 == 1, rest),
        None => (false, data),
    };
    let html = String::from_utf8_lossy(rest);
    let mut options = pith::Options::default();
    if with_url {
        options.url = Some("https://fuzz.example/dir/page.html".to_string());
    }
    match pith::extract(&html, &options) {
        Ok(a) => {
            let content = a.content_html.as_deref().unwrap_or("");
            let mut problems = html_problems(content);
            problems.extend(ammonia_problems(content));
            problems.extend(markdown_problems(a.markdown.as_deref().unwrap_or("")).0);
            let text = a.text.as_deref().unwrap_or("");
            if text.is_empty() || text != text.trim_end() {
                problems.push(format!("text is empty or ends in whitespace: {text:?}"));
            }
            assert!(problems.is_empty(), "{problems:#?}\noutput: {content}");
        }
        Err(pith::Error::Empty | pith::Error::NoContent | pith::Error::NotText { .. } | pith::Error::NotHtml { .. }) => {}
        Err(e) => panic!("undocumented error for this input: {e:?}"),
    }
}

/// What the `readerable` fuzz target holds every input to: no panic, and a page called
/// readable is never one `extract` refuses as empty or binary.
pub fn check_readerable(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    if pith::is_probably_readerable(&html) {
        let r = pith::extract(&html, &pith::Options::default());
        assert!(
            !matches!(r, Err(pith::Error::Empty | pith::Error::NotText { .. } | pith::Error::NotHtml { .. })),
            "readerable, but extract says {r:?}"
        );
    }
}

/// The children of `<body>` when `<!doctype html><body>` + `html` is parsed as a document with
/// scripting off: what the reader view and the demo do with Pith's HTML (`DOMParser`, which
/// never enables scripting). The browser's side of the same walk is in
/// tests/browser/differential.test.mjs; the two must agree on every page.
pub fn body_events(html: &str) -> Vec<Ev> {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    let dom = html5ever::parse_document(RcDom::default(), opts).one(format!("<!doctype html><body>{html}"));
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, .. } = &node.data {
            if name.ns == ns!(html) && name.local == local_name!("body") {
                return tree_events(&node);
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    Vec::new()
}
