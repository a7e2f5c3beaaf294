//! Pith turns a web page into its article: title, byline, date, lead image and body, with the
//! page's boilerplate gone.
//!
//! ```
//! let html = "<html><head><title>A story | Site</title></head><body><article><h1>A story</h1>\
//!     <p>First paragraph of the story, long enough to be read as one, with a comma, or two.</p>\
//!     </article></body></html>";
//! let article = pith::extract(html, &pith::Options::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("A story"));
//! assert!(article.text.unwrap().starts_with("First paragraph"));
//! ```
//!
//! The pipeline, one stage a module, each knowing nothing of those after it:
//! parse (`dom`) → `prepare` → `metadata` → `strategy` (which runs `locate` and `clean`, once or
//! more, and keeps one reading) → `prune` → `render`.

pub mod article;
pub mod clean;
mod clock;
pub mod dom;
#[doc(hidden)]
pub mod forest;
pub mod locate;
pub mod metadata;
#[doc(hidden)]
pub mod models;
mod patterns;
pub mod prepare;
pub mod prune;
mod readerable;
pub mod render;
pub mod strategy;
mod urls;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use article::{Article, Error, Favor, Format, Options, Stats};
pub use render::document::{markdown_document, DocumentOptions};

use unicode_segmentation::UnicodeSegmentation;
use url::Url;

/// Extracts the article from a page's HTML.
pub fn extract(html: &str, options: &Options) -> Result<Article, Error> {
    let started = clock::now_ms();
    check_input(html, options)?;
    let page_url = page_url(options)?;

    let mut dom = dom::parse(html);
    let nodes_in = dom.count_nodes(dom.root()) - 1;
    let parsed = clock::now_ms();
    let original = options.annotate.then(|| dom.clone());

    let prepared = prepare::prepare(&mut dom, page_url.as_ref());
    let meta = metadata::extract(&dom, &prepared, page_url.as_ref());
    drop_other_texts(&mut dom, &meta, options);
    let models = options.models();
    let mut reading = strategy::read(&dom, &prepared, &meta, options, &models);
    prune::prune(&mut reading.dom, reading.root, meta.title.as_deref(), options.favor, &models);
    if let Some(stated) = meta.article_body.as_deref().filter(|_| options.favor != Favor::Recall) {
        prune::corroborate::corroborate(&mut reading.dom, reading.root, stated, meta.excerpt.as_deref());
    }
    let content = render::Clean::new(&reading.dom, reading.root);

    let text = content.text();
    if text.trim().is_empty() {
        return Err(Error::NoContent);
    }
    let (word_count, reading_minutes) = count_words(&text);
    let excerpt = meta.excerpt.clone().or_else(|| first_paragraph(&content));
    let image = meta.image.clone().or_else(|| first_image(&content));
    let byline = meta.byline.clone().or_else(|| reading.byline.as_deref().and_then(metadata::clean_byline));
    let nodes_kept = content.node_count();

    let mut article = Article {
        title: meta.title,
        byline,
        published: meta.published,
        site_name: meta.site_name,
        lang: meta.lang,
        dir: meta.dir.or(reading.dir),
        excerpt,
        image,
        url: meta.url,
        content_html: options.wants(Format::Html).then(|| content.html()),
        markdown: options.wants(Format::Markdown).then(|| content.markdown()),
        annotated_html: original.map(|o| render::annotate::annotate(&o, &reading.dom, reading.root)),
        text: None,
        word_count,
        reading_minutes,
        stats: Stats { input_bytes: html.len(), nodes_in, nodes_kept, parse_ms: parsed - started, extract_ms: 0.0 },
    };
    if options.wants(Format::Text) {
        article.text = Some(text);
    }
    article.stats.extract_ms = clock::now_ms() - started;
    Ok(article)
}

/// The article's text blocks with the features the pruning model reads, before pruning: what
/// `scripts/train-models.py prune` learns from (`pith eval --dump-units`).
#[doc(hidden)]
pub fn dump_units(html: &str, options: &Options) -> Result<Vec<prune::Dumped>, Error> {
    let (dom, prepared, meta) = prepared_page_with(html, options)?;
    let reading = strategy::read(&dom, &prepared, &meta, options, &options.models());
    Ok(prune::dump(&reading.dom, reading.root, meta.title.as_deref()))
}

/// A quick check whether the page holds an article worth extracting.
pub fn is_probably_readerable(html: &str) -> bool {
    if html.trim().is_empty() || looks_binary(html).is_some() || !has_tag(html) {
        return false;
    }
    let dom = dom::parse(html);
    readerable::is_readerable(&dom)
}

/// The choice between the two readings as the trainer sees it: its features and the text
/// of each reading (`pith eval --dump-choice`, `scripts/train-models.py choose`).
#[doc(hidden)]
pub fn dump_choice(html: &str, options: &Options) -> Result<(Vec<f32>, String, String), Error> {
    let (dom, prepared, meta) = prepared_page_with(html, options)?;
    Ok(strategy::dump_choice(&dom, &prepared, &meta, options, &options.models()))
}

/// The numbers the page-type models read (`pith eval --dump-page`, `scripts/train-models.py
/// page-type`).
#[doc(hidden)]
pub fn dump_page(html: &str, options: &Options) -> Result<Vec<f32>, Error> {
    let (dom, prepared, _) = prepared_page_with(html, options)?;
    Ok(strategy::page_type::features(&dom, &prepared))
}

/// The first stages as `extract` runs them, for the training dumps.
fn prepared_page_with(html: &str, options: &Options) -> Result<(dom::Dom, prepare::Prepared, metadata::Metadata), Error> {
    check_input(html, options)?;
    let page_url = page_url(options)?;
    let mut dom = dom::parse(html);
    let prepared = prepare::prepare(&mut dom, page_url.as_ref());
    let meta = metadata::extract(&dom, &prepared, page_url.as_ref());
    drop_other_texts(&mut dom, &meta, options);
    Ok((dom, prepared, meta))
}

/// What goes before the page is read because no reading could tell it from the article: other
/// stories appended to this one, and reader comments known only by their signatures.
fn drop_other_texts(dom: &mut dom::Dom, meta: &metadata::Metadata, options: &Options) {
    strategy::drop_appended_stories(dom, meta.title.as_deref());
    if options.favor != Favor::Recall {
        strategy::drop_signed_comments(dom);
    }
}

fn check_input(html: &str, options: &Options) -> Result<(), Error> {
    if html.len() > options.max_input_bytes {
        return Err(Error::TooLarge { bytes: html.len(), limit: options.max_input_bytes });
    }
    if html.trim().is_empty() {
        return Err(Error::Empty);
    }
    if let Some(reason) = looks_binary(html) {
        return Err(Error::NotText { reason });
    }
    if !has_tag(html) {
        return Err(Error::NotHtml { looks_like: text_kind(html) });
    }
    Ok(())
}

/// Is there an HTML tag anywhere: `<` before a letter (an element), `!` (a doctype or
/// comment) or `/` (an end tag)?
fn has_tag(html: &str) -> bool {
    html.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!' || w[1] == b'/'))
}

/// A guess at what tagless text is, for the error message.
fn text_kind(text: &str) -> &'static str {
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        "JSON or other data"
    } else if t.starts_with('#') || t.starts_with("- ") || t.starts_with("* ") {
        "Markdown or plain text"
    } else {
        "plain text"
    }
}

/// Why the text looks like decoded binary data, if it does: NUL characters near the start,
/// many control or undecodable characters there, or stray symbols with hardly a space.
fn looks_binary(html: &str) -> Option<String> {
    let head = &html[..html.char_indices().nth(4096).map_or(html.len(), |(i, _)| i)];
    if head.contains('\0') {
        return Some("it contains NUL bytes".to_string());
    }
    let total = head.chars().count().max(1);
    let odd = Odd::count(head);
    if odd.broken * 10 > total {
        return Some(format!("{}% of its first characters are control or undecodable bytes", odd.broken * 100 / total));
    }
    let stray = odd.broken + odd.symbols + odd.mixed;
    if stray >= 8 && stray * 20 > total && odd.spaces * 20 < total {
        return Some(format!(
            "{}% of its first characters are stray symbols, and hardly any are spaces",
            stray * 100 / total
        ));
    }
    None
}

/// What bytes that are not text look like once decoded, whatever encoding was guessed for
/// them. Random bytes in any code page give one stray character in ten or more, and a
/// space in a hundred (one byte value of 224). Real pages, in any language, stay under one
/// stray character in a hundred (CJK, Arabic, Cyrillic and emoji are none of these, and
/// scripts meet at spaces), and a page dense in `½ ° £ ×` still has its spaces.
#[derive(Default)]
struct Odd {
    /// U+FFFD and control characters.
    broken: usize,
    /// Private-use characters, noncharacters, and the Latin-1 symbols `¡`…`¿` `×` `÷` that a
    /// legacy code page makes of every eighth byte.
    symbols: usize,
    /// Letters of two scripts side by side inside a word (`ЖqЫf`, `a丂`).
    mixed: usize,
    spaces: usize,
}

impl Odd {
    fn count(text: &str) -> Odd {
        let is_latin = |c: char| c.is_ascii() || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}');
        let mut odd = Odd::default();
        let mut prev = ' ';
        for c in text.chars() {
            match c {
                '\t' | '\n' | '\r' | '\x0c' => odd.spaces += 1,
                '\u{FFFD}' => odd.broken += 1,
                '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}' => odd.symbols += 1,
                '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FDD0}'..='\u{FDEF}' => odd.symbols += 1,
                c if c.is_control() => odd.broken += 1,
                c if c.is_whitespace() => odd.spaces += 1,
                c => {
                    odd.mixed += usize::from(c.is_alphabetic() && prev.is_alphabetic() && is_latin(c) != is_latin(prev))
                }
            }
            prev = c;
        }
        odd
    }
}

fn page_url(options: &Options) -> Result<Option<Url>, Error> {
    let Some(raw) = options.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else { return Ok(None) };
    let url = urls::parse(raw).map_err(|e| Error::InvalidUrl { url: raw.to_string(), reason: e.to_string() })?;
    if !matches!(url.scheme(), "http" | "https" | "file") {
        return Err(Error::InvalidUrl {
            url: raw.to_string(),
            reason: format!("the scheme {:?} is not http(s)", url.scheme()),
        });
    }
    Ok(Some(url))
}

/// Words (each CJK character counting as one) and minutes to read them.
/// Words and reading minutes, counted the way each script writes words:
///
/// - scripts with spaces between words (Latin, Cyrillic, Arabic, and Korean, whose words are
///   space-separated runs of syllable blocks): one word per run (UAX #29);
/// - Chinese and Japanese, written without spaces: one word per character (as word
///   processors count them), read at about 500 characters a minute;
/// - Thai, Lao, Khmer and Myanmar, also without spaces between words: the letters (not the
///   combining vowel and tone marks) over the average word length of those languages.
fn count_words(text: &str) -> (usize, u32) {
    let mut words = 0usize;
    let mut ideographs = 0usize;
    let mut unspaced_letters = 0usize;
    for w in text.unicode_words() {
        let han = w.chars().filter(|&c| is_han_or_kana(c)).count();
        let unspaced = w.chars().filter(|&c| is_unspaced_letter(c)).count();
        if han > 0 {
            ideographs += han;
        } else if unspaced > 0 {
            unspaced_letters += unspaced;
        } else {
            words += 1;
        }
    }
    let words = words + unspaced_letters.div_ceil(UNSPACED_WORD_LETTERS);
    let minutes = (words as f64 / WORDS_PER_MINUTE + ideographs as f64 / IDEOGRAPHS_PER_MINUTE).ceil() as u32;
    let total = words + ideographs;
    (total, if total > 0 { minutes.max(1) } else { 0 })
}

const WORDS_PER_MINUTE: f64 = 230.0;
const IDEOGRAPHS_PER_MINUTE: f64 = 500.0;
/// Letters in an average word of Thai, Lao, Khmer or Myanmar text (vowel signs and tone marks
/// are not counted as letters).
const UNSPACED_WORD_LETTERS: usize = 4;

/// Han ideographs and Japanese kana: one character, about one word.
fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The letters of the scripts written without spaces between words (Thai, Lao, Myanmar,
/// Khmer), less their combining marks.
fn is_unspaced_letter(c: char) -> bool {
    let u = c as u32;
    let script = matches!(u, 0x0E00..=0x0E7F | 0x0E80..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF);
    script && !matches!(u, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECE | 0x102B..=0x103E | 0x17B4..=0x17D3)
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

fn first_paragraph(content: &render::Clean) -> Option<String> {
    let d = &content.dom;
    d.find(d.root(), &dom::local_name!("p")).map(|p| d.inner_text(p)).filter(|t| !t.is_empty())
}

fn first_image(content: &render::Clean) -> Option<String> {
    let d = &content.dom;
    d.find(d.root(), &dom::local_name!("img"))
        .and_then(|i| d.attr(i, "src"))
        .filter(|s| s.starts_with("http"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a page marks as someone's that are not the article's author: a review card's,
    /// a pull quote's, a testimonial's (each the article reading would otherwise take as the
    /// byline, as Readability does), and a sign-in link in an `authorization` box. A forum
    /// post's author given by microdata (`itemprop=author`, its name in a `<meta>`) is one.
    #[test]
    fn only_the_articles_own_author_is_the_byline() {
        let prose = "<p>The new season opens with a long walk along the river, past the mills and the old lock keeper's house, to the meadow where the fair is held each August.</p>".repeat(4);
        for (inside, want) in [
            (r#"<div class="review-card"><p>Sturdy and warm.</p><p class="review-card_author">Tom K.</p></div>"#, None),
            (r#"<blockquote><p>It changed how we work.</p><cite class="quote-author">Michelle Lin, CFO</cite></blockquote>"#, None),
            (r#"<footer class="Quote__attribution"><span class="Quote__author">Michelle Lin</span></footer>"#, None),
            (r#"<div class="testimonial"><p>Great service.</p><div class="author">~ Rachel M.</div></div>"#, None),
            (r#"<ul><li class="link authorization-link"><a href="/login">Sign In</a></li></ul>"#, None),
            (
                r#"<div class="user-details" itemprop="author" itemscope><a href="/users/1">kumiko</a><meta itemprop="name" content="kumiko"></div>"#,
                Some("kumiko"),
            ),
            (r#"<p class="byline">By Ana Ruiz</p>"#, Some("Ana Ruiz")),
        ] {
            let html = format!("<title>River walks</title><body><h1>River walks</h1>{inside}<article>{prose}</article>{inside}</body>");
            let a = extract(&html, &Options::default()).expect("an article");
            assert_eq!(a.byline.as_deref(), want, "{inside}");
        }
    }

    #[test]
    fn words_are_counted_per_script() {
        // English: one word per word.
        assert_eq!(count_words("The quick brown fox jumps over the lazy dog.").0, 9);
        // Korean: words are space-separated runs of syllable blocks (10 words, 39 blocks).
        let (ko, _) = count_words("대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다.");
        assert_eq!(ko, 10);
        // Chinese: one word per character, punctuation not counted.
        assert_eq!(count_words("我们今天去公园。").0, 7);
        // Thai: no spaces between words; letters over four, marks not counted.
        let (th, _) = count_words("ภาษาไทยเป็นภาษาที่สวยงาม");
        assert!((4..=7).contains(&th), "{th}");
        // A very long text reads in many minutes, counted once.
        let long = "word ".repeat(23_000);
        assert_eq!(count_words(&long), (23_000, 100));
    }

    #[test]
    fn errors_are_clear() {
        let o = Options::default();
        assert_eq!(extract("  \n ", &o), Err(Error::Empty));
        assert!(matches!(extract("\0\0\0binary", &o), Err(Error::NotText { .. })));
        assert_eq!(extract("hello", &o), Err(Error::NotHtml { looks_like: "plain text" }));
        assert_eq!(extract("{\"a\": 1}", &o), Err(Error::NotHtml { looks_like: "JSON or other data" }));
        assert_eq!(extract("# Title\n\ntext", &o), Err(Error::NotHtml { looks_like: "Markdown or plain text" }));
        // A fragment with one tag is HTML; so is a bare doctype.
        assert!(!matches!(extract("<p>hello</p>", &o), Err(Error::NotHtml { .. })));
        assert!(!matches!(extract("<!doctype html>hi", &o), Err(Error::NotHtml { .. })));
        let small = Options { max_input_bytes: 10, ..Options::default() };
        assert!(matches!(extract("<p>hello world</p>", &small), Err(Error::TooLarge { .. })));
        assert!(matches!(
            extract("<p>x</p>", &Options::default().with_url("javascript:alert(1)")),
            Err(Error::InvalidUrl { .. })
        ));
        assert_eq!(extract("<html><body><div></div></body></html>", &o), Err(Error::NoContent));
        for e in [Error::Empty, Error::NoContent, Error::TooLarge { bytes: 5 << 20, limit: 1 << 20 }] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn the_canonical_url_is_the_base_without_one_given() {
        let para = "<p>Some article text in the body, with commas, and words, enough to be a paragraph.</p>";
        let page = format!(
            "<html><head><title>T</title><link rel=canonical href='https://site.example/news/story.html'>\
             <meta property='og:image' content='/og.jpg'></head><body><article>{para}{para}\
             <p><a href='/other'>other</a> and <a href='more.html'>more</a> <img src='pic.jpg' alt='p'></p>\
             {para}{para}</article></body></html>"
        );
        let a = extract(&page, &Options::default()).unwrap();
        let html = a.content_html.unwrap();
        assert!(html.contains(r#"href="https://site.example/other""#), "{html}");
        assert!(html.contains(r#"href="https://site.example/news/more.html""#), "{html}");
        assert!(html.contains(r#"src="https://site.example/news/pic.jpg""#), "{html}");
        assert_eq!(a.image.as_deref(), Some("https://site.example/og.jpg"));
        assert_eq!(a.url.as_deref(), Some("https://site.example/news/story.html"));
        assert!(a.markdown.unwrap().contains("(https://site.example/other)"));
        // The URL given wins.
        let a = extract(&page, &Options::default().with_url("https://mirror.example/a/b.html")).unwrap();
        assert!(a.content_html.unwrap().contains(r#"href="https://mirror.example/a/more.html""#));
        assert_eq!(a.image.as_deref(), Some("https://mirror.example/og.jpg"));
    }

    #[test]
    fn words_and_minutes() {
        assert_eq!(count_words("one two three"), (3, 1));
        assert_eq!(count_words("日本語の文章"), (6, 1));
        assert_eq!(count_words(&"word ".repeat(461)), (461, 3));
        assert_eq!(count_words(""), (0, 0));
    }
}
