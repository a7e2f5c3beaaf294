#![cfg(not(target_arch = "wasm32"))]
//! Bad input gets a clear error, never a panic or a hang: empty and binary input, input over
//! the size limit, pathological nesting, attribute and sibling counts, huge text nodes, and
//! random strings and tag soup. Every article that does come out is held to the output
//! invariants of `fuzz/invariants.rs` plus the bookkeeping ones below (word count, node
//! counts, trimmed text).
//!
//! No test asserts a duration. The big cases print how long they took (`--nocapture` shows
//! it), and a quadratic blow-up shows as a test that does not finish.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use pith::{extract, Article, Error, Options};
use proptest::prelude::*;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

const URL: &str = "https://example.org/2024/essays/page.html";

fn opts() -> Options {
    Options::default().with_url(URL)
}

/// A paragraph of prose long enough to make a page an article.
const PROSE: &str = "The committee met on a wet Tuesday in the back room of the library, where the radiator \
    knocked all afternoon and the minutes were taken in pencil, because the only pen had run dry, and the \
    chair kept saying that the matter of the bridge could not wait another year.";

/// The word count rule of `src/lib.rs` (`count_words`): Unicode words, except that Chinese and
/// Japanese count each character, and Thai, Lao, Myanmar and Khmer their letters over four
/// (Korean words are space-separated, counted as words).
fn count_words(text: &str) -> usize {
    fn han_or_kana(c: char) -> bool {
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
    }
    fn unspaced(c: char) -> bool {
        let u = c as u32;
        matches!(u, 0x0E00..=0x0E7F | 0x0E80..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
            && !matches!(u, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECE | 0x102B..=0x103E | 0x17B4..=0x17D3)
    }
    let (mut words, mut han, mut letters) = (0, 0, 0);
    for w in text.unicode_words() {
        let h = w.chars().filter(|&c| han_or_kana(c)).count();
        let l = w.chars().filter(|&c| unspaced(c)).count();
        if h > 0 {
            han += h;
        } else if l > 0 {
            letters += l;
        } else {
            words += 1;
        }
    }
    words + han + letters.div_ceil(4)
}

/// Everything wrong with an article, beyond the sanitizer invariants.
fn article_problems(a: &Article) -> Vec<String> {
    let html = a.content_html.as_deref().unwrap_or("");
    let text = a.text.as_deref().unwrap_or("");
    let md = a.markdown.as_deref().unwrap_or("");
    let mut problems = invariants::html_problems(html);
    problems.extend(invariants::markdown_problems(md).0);
    if a.word_count != count_words(text) {
        problems.push(format!("word_count {} but the text has {} words", a.word_count, count_words(text)));
    }
    if text != text.trim_end() {
        problems.push("text has trailing whitespace".into());
    }
    // Leading whitespace is kept only as the indentation of a code block the article opens with
    // (src/render/text.rs keeps `<pre>` text as it is).
    let dom = pith::dom::parse(html);
    let first_text = dom.descendants(dom.root()).find(|&d| dom.text(d).is_some_and(|t| !t.trim().is_empty()));
    let opens_with_pre =
        first_text.is_some_and(|t| dom.ancestors(t).any(|a| dom.is(a, &pith::dom::local_name!("pre"))));
    if text != text.trim_start() && !opens_with_pre {
        problems.push("text has leading whitespace".into());
    }
    if text.is_empty() {
        problems.push("an article with no text".into());
    }
    // Every node kept comes from the page, except the paragraphs and divs the pipeline makes
    // to wrap loose text (and the article root): never more than those on top.
    let made = dom
        .descendants(dom.root())
        .filter(|&d| dom.is(d, &pith::dom::local_name!("p")) || dom.is(d, &pith::dom::local_name!("div")))
        .count();
    if a.stats.nodes_kept > a.stats.nodes_in + made {
        problems.push(format!(
            "nodes_kept {} > nodes_in {} + {made} made paragraphs and divs",
            a.stats.nodes_kept, a.stats.nodes_in
        ));
    }
    if a.stats.input_bytes == 0 {
        problems.push("input_bytes is 0".into());
    }
    problems
}

fn assert_clean(name: &str, a: &Article) {
    let problems = article_problems(a);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
}

/// Runs a big case once, printing its size and time.
fn timed(name: &str, html: &str) -> Result<Article, Error> {
    let t = Instant::now();
    let r = extract(html, &opts());
    eprintln!(
        "[big] {name:<28} {:>9} bytes  {:>8.1} ms  {}",
        html.len(),
        t.elapsed().as_secs_f64() * 1000.0,
        match &r {
            Ok(a) => format!("ok, {} words", a.word_count),
            Err(e) => format!("error: {e}"),
        }
    );
    r
}

fn article_page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Minutes</title></head><body><article>{body}</article></body></html>")
}

// --- empty, binary, too large ---

#[test]
fn empty_and_whitespace_are_empty() {
    for input in ["", " ", "\n\t  \r\n", "\u{a0}\u{2003}\u{3000}", &" \n".repeat(100_000)] {
        assert_eq!(extract(input, &opts()), Err(Error::Empty), "{:?}", &input[..input.len().min(20)]);
    }
    assert!(!pith::is_probably_readerable(""));
    assert!(!pith::is_probably_readerable("   "));
}

#[test]
fn markup_without_text_is_no_content() {
    for input in ["<html></html>", "<!-- only a comment -->", "<div><span></span></div>", "<script>var a = 1;</script>"]
    {
        assert_eq!(extract(input, &opts()), Err(Error::NoContent), "{input}");
    }
}

/// A deterministic byte generator (no dependency, same bytes every run).
fn pseudo_random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_is_not_text() {
    // Random bytes: about half are not UTF-8, so the lossy text is mostly U+FFFD (and holds NULs).
    for seed in 0..20 {
        let text = String::from_utf8_lossy(&pseudo_random_bytes(10_000, seed)).into_owned();
        assert!(matches!(extract(&text, &opts()), Err(Error::NotText { .. })), "seed {seed}");
        assert!(!pith::is_probably_readerable(&text));
    }
    // A PNG: its signature and chunk lengths hold NULs.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(pseudo_random_bytes(5000, 99));
    let text = String::from_utf8_lossy(&png).into_owned();
    match extract(&text, &opts()) {
        Err(Error::NotText { reason }) => assert!(!reason.is_empty()),
        other => panic!("PNG gave {other:?}"),
    }
    // UTF-16 without a byte-order mark, read as UTF-8: every other byte of ASCII is NUL.
    let page = article_page(&format!("<p>{PROSE}</p>"));
    let utf16: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let text = String::from_utf8_lossy(&utf16).into_owned();
    assert!(matches!(extract(&text, &opts()), Err(Error::NotText { .. })));
    // Control characters without NULs, but many of them.
    let controls: String = (0..5000).map(|i| char::from(1 + (i % 8) as u8)).collect();
    assert!(matches!(extract(&controls, &opts()), Err(Error::NotText { .. })));
}

#[test]
fn random_bytes_without_control_characters_are_not_text() {
    // Random bytes with 0x00-0x1F taken out hold no NUL or control character; decoded in
    // whatever code page a detector picks they are still no text.
    let bytes: Vec<u8> = pseudo_random_bytes(40_000, 7).into_iter().filter(|&b| b >= 0x20).collect();
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
    for enc in [
        guessed,
        encoding_rs::WINDOWS_1252,
        encoding_rs::WINDOWS_1250,
        encoding_rs::WINDOWS_1251,
        encoding_rs::WINDOWS_1253,
        encoding_rs::WINDOWS_1255,
        encoding_rs::WINDOWS_1256,
        encoding_rs::WINDOWS_874,
        encoding_rs::ISO_8859_2,
        encoding_rs::ISO_8859_7,
        encoding_rs::KOI8_R,
        encoding_rs::IBM866,
        encoding_rs::X_MAC_CYRILLIC,
        encoding_rs::GBK,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_KR,
        encoding_rs::BIG5,
    ] {
        let (text, _, _) = enc.decode(&bytes);
        // With a tag in front, so that only the binary check can refuse it.
        let page = format!("<p>{text}");
        assert!(matches!(extract(&page, &opts()), Err(Error::NotText { .. })), "{}", enc.name());
        assert!(!pith::is_probably_readerable(&page), "{}", enc.name());
    }
}

#[test]
fn text_in_any_script_is_text() {
    // Paragraphs in many scripts, symbols and emoji, each as dense as a page gets: none of
    // them is binary.
    let paragraphs = [
        "北京时间昨天晚上，国家统计局发布了最新的经济数据。数据显示，今年第三季度国内生产总值同比增长百分之五，\
         消费和投资保持稳定，出口有所回落。专家认为，下一阶段仍需扩大内需、稳定就业。",
        "新しいiPhoneケースとTシャツが届きました。東京の天気は晴れ、気温は２５℃です。「ありがとう」と言って、\
         駅前のカフェでコーヒーを飲みました。ｗｗｗ　ＵＳＢメモリも買った。",
        "서울시는 어제 대중교통 요금을 인상한다고 발표했다. 시민들은 물가 상승에 대한 우려를 나타냈으며, \
         전문가들은 단계적인 인상이 필요하다고 말했다.",
        "قالت وزارة الصحة يوم الأحد إن عدد الإصابات انخفض بشكل ملحوظ خلال الأسبوع الماضي، وإن المستشفيات \
         عادت إلى العمل بشكل طبيعي؛ فهل تستمر هذه الأرقام في التحسن؟",
        "В понедельник правительство объявило о новых мерах поддержки малого бизнеса. «Мы снизим налоги», — \
         сказал министр, добавив, что программа начнёт работать с 1 марта.",
        "प्रधानमंत्री ने आज नई शिक्षा नीति की घोषणा की। उन्होंने कहा कि हर बच्चे को अच्छी शिक्षा मिलनी चाहिए। \
         यह योजना अगले वर्ष से लागू होगी।",
        "Η κυβέρνηση ανακοίνωσε χθες νέα μέτρα για την ενέργεια. Οι τιμές του ρεύματος θα μειωθούν κατά 10%.",
        "รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วมในภาคเหนือ",
        "Hôm nay Thủ tướng đã ký quyết định phê duyệt dự án đường sắt tốc độ cao Bắc – Nam.",
        "Best day ever 🎉🎉🎉 the beach 🏖️☀️🌊 with my fam 👨‍👩‍👧‍👦❤️❤️ and tacos 🌮🌮🌮🔥🔥 #blessed 🙏✨✨💯",
        "Price: £12.50 (½ price!) — 20°C, 5 × 3 ÷ 2 ± 1; «Très bien», ¿Qué? ¡Sí! © 2024 ® ™ § 4 ¶ 2 · 37.5 µm",
        "Straße, Ærøskøbing, Łódź, İstanbul, Šiauliai, Ğ, ħ, ŉ, œuvre, façade, naïve, coöperate.",
    ];
    for p in paragraphs {
        let page = article_page(&format!("<h1>Title</h1><p>{p}</p>").repeat(30));
        match extract(&page, &opts()) {
            Ok(_) | Err(Error::NoContent) => {}
            Err(e) => panic!("{e}: {p}"),
        }
        // Bare, without the markup around it, too.
        let bare = format!("<p>{}", p.repeat(40));
        assert!(!matches!(extract(&bare, &opts()), Err(Error::NotText { .. })), "{p}");
    }
}

#[test]
fn replacement_character_floods() {
    // All U+FFFD: what a binary file decoded lossily looks like.
    let flood = "\u{FFFD}".repeat(300_000);
    assert!(matches!(extract(&flood, &opts()), Err(Error::NotText { .. })));
    // A real page with a flood of U+FFFD after its start: past the sniffed head, it is text.
    let mut body = format!("<p>{PROSE}</p>").repeat(20);
    body.push_str(&format!("<p>{}</p>", "\u{FFFD}".repeat(100_000)));
    body.push_str(&format!("<p>{PROSE} The end.</p>"));
    let a = timed("fffd-flood-after-start", &article_page(&body)).expect("a page with U+FFFD later on extracts");
    assert!(a.text.as_deref().unwrap().contains("The end."));
    assert_clean("fffd", &a);
}

#[test]
fn input_over_the_limit_is_too_large() {
    let page = article_page(&format!("<p>{PROSE}</p>").repeat(5));
    let exact = Options { max_input_bytes: page.len(), ..opts() };
    assert!(extract(&page, &exact).is_ok(), "a page of exactly the limit is accepted");
    let under = Options { max_input_bytes: page.len() - 1, ..opts() };
    assert_eq!(extract(&page, &under), Err(Error::TooLarge { bytes: page.len(), limit: page.len() - 1 }));
    // The default limit, with a page one byte over it: refused before any parsing.
    let limit = pith::article::DEFAULT_MAX_INPUT_BYTES;
    let big = "a".repeat(limit + 1);
    let t = Instant::now();
    match extract(&big, &opts()) {
        Err(e @ Error::TooLarge { .. }) => {
            assert_eq!(e, Error::TooLarge { bytes: limit + 1, limit });
            assert!(e.to_string().contains("MiB"), "{e}");
        }
        other => panic!("{:?}", other.map(|a| a.word_count)),
    }
    eprintln!("[big] over-limit refusal          {:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0);
}

#[test]
fn invalid_urls_are_refused() {
    let page = article_page(&format!("<p>{PROSE}</p>"));
    for url in ["javascript:alert(1)", "not a url", "data:text/html,x", "//no-scheme.example/x", "ftp://x.example/"] {
        match extract(&page, &Options::default().with_url(url)) {
            Err(Error::InvalidUrl { url: u, reason }) => {
                assert_eq!(u, url);
                assert!(!reason.is_empty());
            }
            other => panic!("{url}: {:?}", other.map(|a| a.word_count)),
        }
    }
    // Blank is no URL at all.
    assert!(extract(&page, &Options::default().with_url("  ")).is_ok());
}

#[test]
fn international_host_names() {
    // Links and images on a page whose address, and whose links, name hosts outside ASCII:
    // written in Punycode, as a browser sends them.
    let body = format!(
        "<p>{PROSE} <a href=\"/local/rules\">the rules</a></p><p>{PROSE} <a href=\"http://Mañana.example/x?q=ü\">mañana</a>\
         <img src=\"//例え.テスト/photo.jpg\" alt=\"the mill\"></p>"
    );
    let a = extract(&article_page(&body), &Options::default().with_url("https://bäckerei.example/2024/page.html")).unwrap();
    let (html, md) = (a.content_html.unwrap(), a.markdown.unwrap());
    for want in [
        "href=\"https://xn--bckerei-5wa.example/local/rules\"",
        "href=\"http://xn--maana-pta.example/x?q=%C3%BC\"",
        "src=\"https://xn--r8jz45g.xn--zckzah/photo.jpg\"",
    ] {
        assert!(html.contains(want), "{want} not in {html}");
    }
    assert!(md.contains("](http://xn--maana-pta.example/x?q=%C3%BC)"), "{md}");
}

// --- pathological structure ---

fn nested(open: &str, close: &str, n: usize, inner: &str) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * n + inner.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

#[test]
fn very_deep_nesting_completes_and_keeps_the_text() {
    const N: usize = 100_000;
    let inner = format!("<p>{PROSE} Deep inside.</p>");
    let cases: Vec<(&str, String)> = vec![
        ("div", nested("<div>", "</div>", N, &inner)),
        ("ul-li", nested("<ul><li>", "</li></ul>", N, &inner)),
        ("table-tr-td", nested("<table><tr><td>", "</td></tr></table>", N, &inner)),
        ("b", nested("<b>", "</b>", N, &inner)),
        ("a", nested("<a href=\"/x\">", "</a>", N, &inner)),
        ("span", nested("<span>", "</span>", N, &inner)),
        (
            "mix",
            nested(
                "<div><section><blockquote><b><span><em>",
                "</em></span></b></blockquote></section></div>",
                N / 6,
                &inner,
            ),
        ),
        ("unclosed-div", nested("<div>", "", N, &inner)),
        ("unclosed-mix", nested("<div><p><b><i><table><tr><td><ul><li><a href=x>", "", N / 10, &inner)),
        ("math", nested("<math><mrow>", "</mrow></math>", N / 2, &inner)),
        ("close-only", format!("{inner}{}", "</div>".repeat(N))),
    ];
    for (name, body) in cases {
        let html = article_page(&body);
        let a = timed(&format!("nest-{name}"), &html).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = a.text.as_deref().unwrap();
        assert!(text.contains("Deep inside."), "{name}: inner text lost: {:?}", &text[..text.len().min(200)]);
        assert!(text.contains("the matter of the bridge"), "{name}");
        assert_clean(name, &a);
    }
    // Below 50,000 <svg><g> the paragraph's start tag is one of those the depth guard removes,
    // so its text stays inside the SVG (a browser's parser would have broken out of it): the
    // deep text may go, the page around it must come out.
    let html = article_page(&format!("<p>{PROSE} Outside.</p>{}", nested("<svg><g>", "</g></svg>", N / 2, &inner)));
    let a = timed("nest-svg-g", &html).expect("the page around the SVG extracts");
    assert!(a.text.as_deref().unwrap().contains("Outside."));
    assert_clean("svg-g", &a);
}

#[test]
fn a_tag_with_100000_attributes() {
    let attrs: String = (0..100_000).map(|i| format!(" data-a{i}=\"v{i}\"")).collect();
    let html = article_page(&format!("<p{attrs} onclick=\"pwn()\">{PROSE}</p><p{attrs}>{PROSE} Second.</p>"));
    let a = timed("100k-attributes", &html).expect("extracts");
    assert!(a.text.as_deref().unwrap().contains("Second."));
    assert_clean("attributes", &a);
    // Repeated names too: the tokenizer compares each with all earlier ones.
    let same: String = " x=1".repeat(100_000);
    let a = timed("100k-same-attribute", &article_page(&format!("<p{same}>{PROSE}</p>"))).expect("extracts");
    assert_clean("same-attribute", &a);
}

#[test]
fn fifty_thousand_paragraphs() {
    const N: usize = 50_000;
    let mut body = String::with_capacity(N * 210);
    for i in 0..N {
        body.push_str(&format!(
            "<p>Paragraph number {i} of the long report, in which the committee records, with some regret, \
             that the bridge is still closed, the ferry still late and the harbour wall unrepaired.</p>\n"
        ));
    }
    let html = article_page(&body);
    assert!(html.len() > 8_000_000, "{} bytes", html.len());
    let a = timed("50k-paragraphs", &html).expect("extracts");
    let text = a.text.as_deref().unwrap();
    let kept = text.lines().filter(|l| l.starts_with("Paragraph number ")).count();
    assert_eq!(kept, N, "paragraphs kept");
    assert!(text.contains("Paragraph number 0 of") && text.contains(&format!("Paragraph number {} of", N - 1)));
    assert_eq!(a.word_count, count_words(text));
    let t = Instant::now();
    assert_clean("50k-paragraphs", &a);
    eprintln!("[big] (checking its output)        {:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0);
}

/// An article with one big data table of numbers (about 1 MB). The pruning stage asked, for
/// every cell, whether its table holds data, rescanning the whole table each time: 55 s.
/// Linear, it takes well under a second in a release build; the bound only catches a blow-up.
#[test]
fn a_twenty_thousand_row_data_table() {
    const ROWS: usize = 20_000;
    let mut body = String::from(
        "<h1>Water levels</h1><p>The gauges along the river were read every hour through the winter, \
         and the readings below are the full record, station by station, as the survey published them.</p>\
         <table><thead><tr><th>Hour</th><th>North</th><th>Mill</th><th>Bridge</th><th>Weir</th><th>Mouth</th></tr></thead><tbody>",
    );
    for i in 0..ROWS {
        body.push_str(&format!(
            "<tr><td>{i}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i % 97,
            i % 89,
            i % 83,
            i % 79,
            i % 73
        ));
    }
    body.push_str("</tbody></table><p>Readings after the flood of March are estimates, marked in the survey's notes.</p>");
    let html = article_page(&body);
    assert!(html.len() > 900_000, "{} bytes", html.len());
    let t = Instant::now();
    let a = timed("20k-row-table", &html).expect("extracts");
    let secs = t.elapsed().as_secs_f64();
    assert!(secs < 8.0, "a 1 MB data table took {secs:.1} s");
    let html_out = a.content_html.as_deref().unwrap();
    assert_eq!(html_out.matches("<tr").count(), ROWS + 1, "every row of the table is kept");
    assert!(a.text.as_deref().unwrap().contains("Readings after the flood"));
    assert_clean("20k-row-table", &a);
}

#[test]
fn one_megabyte_text_node() {
    let words = "river ".repeat(180_000); // 1.08 MB
    let html = article_page(&format!("<p>{PROSE}</p><p>{words}</p>"));
    let a = timed("1mb-text-node", &html).expect("extracts");
    assert_eq!(a.word_count, count_words(&format!("{PROSE} {words}")));
    assert_clean("1mb", &a);
    // One word of a million letters, and a million-character run of punctuation.
    let html = article_page(&format!("<p>{PROSE}</p><p>{}</p><p>{}</p>", "x".repeat(1_000_000), ",".repeat(1_000_000)));
    let a = timed("1mb-single-word", &html).expect("extracts");
    assert_clean("1mb-word", &a);
}

#[test]
fn pathological_br_runs() {
    let cases: Vec<(&str, String)> = vec![
        ("200k-br", format!("<p>{PROSE}</p><div>{}{PROSE}</div>", "<br>".repeat(200_000))),
        ("50k-text-br-br", format!("<div>{}</div>", format!("{PROSE}<br><br>").repeat(5_000))),
        ("100k-br-whitespace", format!("<div>{PROSE}{}{PROSE}</div>", "<br>\n ".repeat(100_000))),
        ("100k-br-in-p", format!("<p>{PROSE}{}</p>", "word<br/>".repeat(100_000))),
    ];
    for (name, body) in cases {
        let a = timed(name, &article_page(&body)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(a.text.as_deref().unwrap().contains("the matter of the bridge"), "{name}");
        assert_clean(name, &a);
    }
}

#[test]
fn unclosed_everything() {
    let tags =
        ["<div>", "<p>", "<b>", "<i>", "<table>", "<tr>", "<td>", "<ul>", "<li>", "<a href=/x>", "<pre>", "<h2>"];
    let mut body = String::new();
    // 10,000 start tags nested past the depth limits put all the text at the bottom of a
    // 256-deep chain; see the timing this prints.
    for i in 0..10_000 {
        body.push_str(tags[i % tags.len()]);
        body.push_str(&PROSE[..(i * 7) % PROSE.len()]);
    }
    let a = timed("10k-unclosed", &article_page(&body)).expect("extracts");
    assert_clean("unclosed", &a);
    // Truncated mid-tag, mid-attribute, mid-comment, mid-entity.
    for cut in
        ["<p>text <a href=\"https://x", "<p>text <img src=x alt='", "<p>text <!-- comment", "<p>text &am", "<p>text <"]
    {
        let html = format!("<html><body><article><p>{PROSE}</p>{cut}");
        match extract(&html, &opts()) {
            Ok(a) => assert_clean(cut, &a),
            Err(e) => panic!("{cut}: {e}"),
        }
    }
}

/// End tags may carry attributes (a parse error browsers ignore). The depth guard's scanner
/// once computed `usize::MAX + 1` for them: a panic wherever overflow checks are on (debug
/// builds, the fuzzer). Found by `fuzz/` on a fixture page.
#[test]
fn end_tags_with_attributes() {
    let body = format!("<div><p>{PROSE}</p class=\"x\" id=y></div data-a=1 b c=\"2\"><p>{PROSE} Again.</p>");
    let a = extract(&article_page(&body), &opts()).expect("extracts");
    assert!(a.text.as_deref().unwrap().contains("Again."));
    assert_clean("end-tag-attributes", &a);
}

/// An unclosed raw-text start tag (whose start tag the depth guard drops, so the rest of the
/// page is not swallowed) with more attributes than the guard keeps: the two cuts overlapped
/// and slicing the page panicked (found by `fuzz/`).
#[test]
fn unclosed_raw_text_tag_with_many_attributes() {
    let attrs: String = (0..200).map(|i| format!(" a{i}=\"{i}\"")).collect();
    for tag in ["title", "style", "textarea", "xmp", "iframe", "noembed"] {
        let body = format!("<p>{PROSE}</p><{tag}{attrs}><p>{PROSE} After.</p>");
        let a = extract(&article_page(&body), &opts()).unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert!(a.text.as_deref().unwrap().contains("the matter of the bridge"), "{tag}");
        assert_clean(tag, &a);
    }
}

/// A page that ends in a code block with trailing spaces: the text still ends with its last
/// character.
#[test]
fn text_ends_without_whitespace() {
    let page = article_page(&format!("<p>{PROSE}</p><pre>let x = 1;   \n\n   </pre>"));
    let a = extract(&page, &opts()).expect("extracts");
    let text = a.text.as_deref().unwrap();
    assert!(text.ends_with("let x = 1;"), "{text:?}");
    assert_clean("pre-end", &a);
}

/// Dates with a multi-byte character where a digit should be: the ISO date reader sliced
/// bytes through it and panicked (found by `fuzz/`). Every place a date is read from.
#[test]
fn dates_broken_by_multibyte_characters() {
    for date in
        ["2024-05-1\u{FFFD}\u{FFFD}", "2024-05-1é", "2024-05-12T10:3é", "2024-05-12 10:30:1日", "2024年05月12日"]
    {
        let page = format!(
            "<html><head><title>Minutes</title><meta property=\"article:published_time\" content=\"{date}\">\
             <meta itemprop=\"datePublished\" content=\"{date}\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"datePublished\": \"{date}\"}}</script>\
             </head><body><article><p>Published <time datetime=\"{date}\">{date}</time></p><p>{PROSE}</p></article></body></html>"
        );
        let a = extract(&page, &opts()).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_clean(date, &a);
    }
}

#[test]
fn nul_characters_mid_document() {
    // Past the sniffed head a NUL is just a bad character: the page extracts without it.
    let mut body = format!("<p>{PROSE}</p>").repeat(20);
    body.push_str(&format!("<p>before\0after {PROSE}</p><p title=\"a\0b\">{PROSE}\0</p>"));
    let a = extract(&article_page(&body), &opts()).expect("extracts");
    assert!(!a.text.as_deref().unwrap().contains('\0'));
    assert!(!a.content_html.as_deref().unwrap().contains('\0'));
    assert_clean("nul", &a);
    // In the first bytes it marks the input as binary.
    let early = article_page(&format!("<p>a\0b {PROSE}</p>"));
    assert!(matches!(extract(&early, &opts()), Err(Error::NotText { .. })));
}

#[test]
fn readerable_check_survives_the_big_cases() {
    let deep = article_page(&nested("<div>", "</div>", 100_000, &format!("<p>{PROSE}</p>")));
    let t = Instant::now();
    let _ = pith::is_probably_readerable(&deep);
    eprintln!("[big] readerable on 100k divs     {:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    assert!(!pith::is_probably_readerable("\0\0\0"));
    assert!(pith::is_probably_readerable(&article_page(&format!("<p>{PROSE}</p>").repeat(6))));
}

// --- random input ---

fn documented(r: &Result<Article, Error>) -> Result<(), String> {
    match r {
        Ok(a) => {
            let p = article_problems(a);
            if p.is_empty() {
                Ok(())
            } else {
                Err(format!("{p:#?}"))
            }
        }
        Err(Error::Empty | Error::NoContent | Error::NotText { .. } | Error::NotHtml { .. }) => Ok(()),
        Err(e) => Err(format!("unexpected error {e:?}")),
    }
}

fn tag_soup() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        "[a-zA-Z0-9 ,.;:!?'\"-]{0,60}",
        "\\PC{0,20}",
        Just(PROSE.to_string()),
        Just("&amp;&lt;&#x41;&#0;&#x110000;&bogus;".to_string()),
        Just("\u{FFFD}\u{200B}\u{202E}日本語の文章、".to_string()),
    ];
    let tags = prop::sample::select(vec![
        "div",
        "p",
        "span",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "table",
        "tbody",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "pre",
        "code",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "br",
        "hr",
        "section",
        "article",
        "aside",
        "nav",
        "header",
        "footer",
        "main",
        "form",
        "input",
        "button",
        "select",
        "svg",
        "math",
        "noscript",
        "template",
        "script",
        "style",
        "iframe",
        "textarea",
        "title",
        "details",
        "summary",
        "ruby",
        "rt",
        "font",
        "center",
        "listing",
        "x-custom",
    ]);
    let attr = (
        prop::sample::select(vec![
            "class",
            "id",
            "href",
            "src",
            "style",
            "hidden",
            "onclick",
            "data-src",
            "srcset",
            "alt",
            "lang",
            "dir",
            "role",
            "aria-hidden",
            "itemprop",
            "colspan",
        ]),
        prop::sample::select(vec![
            "content",
            "article",
            "sidebar comment",
            "https://a.example/x",
            "/rel",
            "javascript:x()",
            "display:none",
            "true",
            "0",
            "rtl",
            "main",
            "ad-banner",
            "",
            "\"quoted\"",
        ]),
    )
        .prop_map(|(k, v)| format!(" {k}=\"{}\"", v.replace('"', "&quot;")));
    text.prop_recursive(5, 64, 8, move |inner| {
        (tags.clone(), prop::collection::vec(attr.clone(), 0..3), prop::collection::vec(inner, 0..6), any::<bool>())
            .prop_map(|(t, attrs, kids, close)| {
                let mut s = format!("<{t}{}>{}", attrs.concat(), kids.concat());
                if close {
                    s.push_str(&format!("</{t}>"));
                }
                s
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC*|.*|[<>/a-z=\"' &#;0-9\\x00-\\x1f]*") {
        let r = extract(&s, &opts());
        prop_assert!(documented(&r).is_ok(), "{:?}", documented(&r));
        let _ = pith::is_probably_readerable(&s);
    }

    #[test]
    fn generated_tag_soup(parts in prop::collection::vec(tag_soup(), 1..6), wrap in any::<bool>()) {
        let body = parts.concat();
        let html = if wrap { article_page(&body) } else { body };
        let r = extract(&html, &opts());
        prop_assert!(documented(&r).is_ok(), "{}\ninput: {html}", documented(&r).unwrap_err());
        let _ = pith::is_probably_readerable(&html);
    }
}

/// Every kept fuzz regression input (fuzz/regressions/<target>/) still passes its target's
/// check: the fuzz run in `make test` is bounded, this replays what it and earlier runs found.
#[test]
fn fuzz_regression_inputs_pass_their_checks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (target, check) in [("extract", invariants::check_extract as fn(&[u8])), ("readerable", invariants::check_readerable)] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else { continue };
        for entry in dir {
            let path = entry.expect("a readable directory entry").path();
            let data = std::fs::read(&path).expect("a readable regression input");
            if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
                let why = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
                panic!("{target} regression input {} fails again: {}", path.display(), why.unwrap_or_default());
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 1, "no regression inputs found under {}", root.display());
}
