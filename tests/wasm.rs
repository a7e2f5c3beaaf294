#![cfg(target_arch = "wasm32")]
//! The JavaScript API as JavaScript sees it: the `#[wasm_bindgen]` exports of `src/wasm.rs`,
//! called with JS values and returning JS values. Runs in Node and in headless Chrome from
//! the same file (scripts/test-wasm.sh):
//!
//!   wasm-pack test --node -- --test wasm
//!   WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --test wasm
//!
//! (No `wasm_bindgen_test_configure!`: without it the runner picks the environment from
//! `WASM_BINDGEN_USE_BROWSER`, so one file serves both.) Tests that need a DOM check for
//! `window` and test the "no window" error instead when there is none.

use js_sys::{Array, Object, Reflect};
use pith::wasm::{extract_document, extract_js, is_probably_readerable_js, markdown_document_js, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Lighthouses of the north | Coast Weekly</title>
<meta property="og:site_name" content="Coast Weekly">
<meta name="author" content="Ada Keeper">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Lighthouses of the north</h1>
<p>The keepers of the northern lights worked long nights, trimming wicks and winding the clockwork that turned the lens, in weather that kept every other boat in harbour.</p>
<p>Most of the towers are automatic now, but the logbooks survive, and they read like diaries: storms, shipwrecks, birds against the glass, and the slow arrival of electricity.</p>
<p>One keeper wrote that the worst nights were not the stormy ones, but the foggy ones, when the horn sounded every thirty seconds until dawn and nobody slept at all.</p>
<img src="/img/tower.jpg" alt="The tower at dusk">
</article>
<aside class="related"><h3>More in News</h3><a href="/a">Another story</a></aside>
<footer>Copyright Coast Weekly. All rights reserved.</footer>
</body></html>"#;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("cannot read {key}"))
}

fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    let v = get(obj, key);
    assert!(v.is_null() || v.is_string(), "{key} should be a string or null, is {v:?}");
    v.as_string()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn formats(list: &[&str]) -> JsValue {
    list.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

/// The error as JavaScript receives it: must be an `Error` instance; returns its message.
fn js_error_message(e: wasm_bindgen::JsError) -> String {
    let v = JsValue::from(e);
    let err = v.dyn_ref::<js_sys::Error>().unwrap_or_else(|| panic!("not a JS Error: {v:?}"));
    err.message().into()
}

fn extract_err(html: &str, opts: JsValue) -> String {
    match extract_js(html, opts) {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => js_error_message(e),
    }
}

#[wasm_bindgen_test]
fn extracts_a_small_page() {
    let a = extract_js(PAGE, options(&[("url", "https://coast.example/news/lighthouses".into())])).unwrap();
    assert!(a.is_object());
    assert_eq!(get_str(&a, "title").as_deref(), Some("Lighthouses of the north"));
    assert_eq!(get_str(&a, "byline").as_deref(), Some("Ada Keeper"));
    assert!(get_str(&a, "published").unwrap().starts_with("2024-03-05"));
    assert_eq!(get_str(&a, "siteName").as_deref(), Some("Coast Weekly"));
    assert_eq!(get_str(&a, "lang").as_deref(), Some("en"));

    let text = get_str(&a, "text").unwrap();
    assert!(text.starts_with("The keepers of the northern lights"), "{text}");
    assert!(text.contains("nobody slept at all"));
    for boilerplate in ["More in News", "Another story", "All rights reserved", "Sport"] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} leaked into {text}");
    }
    let html = get_str(&a, "contentHtml").unwrap();
    assert!(html.contains("<p>The keepers"), "{html}");
    // Relative URLs come back absolute when the page URL is given.
    assert!(html.contains("https://coast.example/img/tower.jpg"), "{html}");
    let md = get_str(&a, "markdown").unwrap();
    assert!(md.contains("The keepers of the northern lights"));

    let words = get(&a, "wordCount").as_f64().unwrap();
    assert!((60.0..120.0).contains(&words), "wordCount {words}");
    assert_eq!(get(&a, "readingMinutes").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn international_hosts_come_back_in_punycode() {
    // The wasm build has no IDNA tables (Cargo.lock pins idna_adapter 1.0); src/urls.rs
    // writes such hosts itself.
    let a = extract_js(PAGE, options(&[("url", "https://Küste.example/news/lighthouses".into())])).unwrap();
    let html = get_str(&a, "contentHtml").unwrap();
    assert!(html.contains("https://xn--kste-0ra.example/img/tower.jpg"), "{html}");
}

#[wasm_bindgen_test]
fn fields_are_camel_case_and_absent_ones_null() {
    let a = extract_js(PAGE, JsValue::UNDEFINED).unwrap();
    let keys: Vec<String> = Object::keys(a.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
    for key in [
        "title",
        "byline",
        "published",
        "siteName",
        "lang",
        "dir",
        "excerpt",
        "image",
        "url",
        "contentHtml",
        "text",
        "markdown",
        "wordCount",
        "readingMinutes",
        "stats",
    ] {
        assert!(keys.iter().any(|k| k == key), "missing {key} in {keys:?}");
    }
    assert!(keys.iter().all(|k| !k.contains('_')), "snake_case key in {keys:?}");
    // A plain object, not a Map.
    assert!(!a.is_instance_of::<js_sys::Map>());
    assert_eq!(Object::get_prototype_of(&a), Object::get_prototype_of(&Object::new()));
    // Absent metadata is null (not undefined).
    assert!(get(&a, "dir").is_null());
    assert!(get(&a, "url").is_null());

    let stats = get(&a, "stats");
    for key in ["inputBytes", "nodesIn", "nodesKept", "parseMs", "extractMs"] {
        let v = get(&stats, key);
        assert!(v.as_f64().is_some_and(|n| n >= 0.0), "stats.{key} = {v:?}");
    }
    assert_eq!(get(&stats, "inputBytes").as_f64(), Some(PAGE.len() as f64));
    assert!(get(&stats, "nodesKept").as_f64() < get(&stats, "nodesIn").as_f64());
}

#[wasm_bindgen_test]
fn only_the_formats_asked_for_are_rendered() {
    let a = extract_js(PAGE, options(&[("formats", formats(&["markdown"]))])).unwrap();
    assert!(get(&a, "markdown").is_string());
    assert!(get(&a, "contentHtml").is_null());
    assert!(get(&a, "text").is_null());
    // Metadata and counts do not depend on the formats.
    assert_eq!(get_str(&a, "title").as_deref(), Some("Lighthouses of the north"));
    assert!(get(&a, "wordCount").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_the_cli_messages() {
    // The messages are `pith::Error`'s Display, which the CLI prints after "pith: ".
    assert_eq!(extract_err("   \n", JsValue::UNDEFINED), pith::Error::Empty.to_string());
    assert_eq!(extract_err("   \n", JsValue::UNDEFINED), "the document is empty: give the HTML of a page");
    assert_eq!(
        extract_err("\u{0}\u{0}\u{0}PNG binary", JsValue::NULL),
        "the input is not an HTML page but binary data (it contains NUL bytes)"
    );
    let too_large = extract_err(PAGE, options(&[("maxInputBytes", 1000.into())]));
    assert_eq!(too_large, pith::Error::TooLarge { bytes: PAGE.len(), limit: 1000 }.to_string(), "{too_large}");
    assert!(too_large.contains("limit is 1000 bytes"), "{too_large}");
    let bad_url = extract_err(PAGE, options(&[("url", "javascript:alert(1)".into())]));
    assert!(bad_url.starts_with("the page URL \"javascript:alert(1)\" is not usable"), "{bad_url}");
    assert_eq!(
        extract_err("<html><body><div></div></body></html>", JsValue::UNDEFINED),
        "the page has no readable text"
    );
}

#[wasm_bindgen_test]
fn bad_options_are_js_errors() {
    let e = extract_err(PAGE, options(&[("favor", "everything".into())]));
    assert!(e.starts_with("invalid options:"), "{e}");
    let e = extract_err(PAGE, options(&[("formats", formats(&["pdf"]))]));
    assert!(e.starts_with("invalid options:"), "{e}");
    let e = extract_err(PAGE, options(&[("maxInputBytes", "lots".into())]));
    assert!(e.starts_with("invalid options:"), "{e}");
}

#[wasm_bindgen_test]
fn errors_leave_the_instance_usable() {
    for _ in 0..3 {
        extract_err("", JsValue::UNDEFINED);
        extract_err(PAGE, options(&[("maxInputBytes", 10.into())]));
    }
    let a = extract_js(PAGE, JsValue::UNDEFINED).unwrap();
    assert_eq!(get_str(&a, "title").as_deref(), Some("Lighthouses of the north"));
}

#[wasm_bindgen_test]
fn is_probably_readerable_says_yes_and_no() {
    let long_article = format!(
        "<html><body><nav>Home News</nav><article>{}</article></body></html>",
        "<p>This paragraph is long enough to count as real reading matter, with clauses, commas, \
         and a full stop at the end of it, the way articles are written.</p>"
            .repeat(8)
    );
    assert!(is_probably_readerable_js(&long_article));
    assert!(!is_probably_readerable_js(""));
    assert!(!is_probably_readerable_js("<html><body><nav><a href=/>Home</a></nav></body></html>"));
    assert!(!is_probably_readerable_js("<form><input name=q><button>Search</button></form>"));
    assert!(!is_probably_readerable_js("\u{0}\u{1}\u{2}binary"));
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn non_ascii_pages_round_trip() {
    let page = format!(
        "<html lang=ar dir=rtl><head><title>خبر</title></head><body><article>{}</article></body></html>",
        "<p>هذه فقرة طويلة بما يكفي لتعتبر نصاً حقيقياً، وفيها فواصل، ونقطة في آخرها كما تكتب المقالات عادة.</p>"
            .repeat(6)
    );
    let a = extract_js(&page, JsValue::UNDEFINED).unwrap();
    assert_eq!(get_str(&a, "dir").as_deref(), Some("rtl"));
    assert!(get_str(&a, "text").unwrap().contains("هذه فقرة طويلة"));
}

/// Runs `f` with `html` appended to the live document's body (browser only).
fn with_document_content(html: &str, f: impl FnOnce()) {
    let insert = js_sys::Function::new_with_args(
        "html",
        "const el = document.createElement('div'); el.id = 'pith-test-content'; \
         el.innerHTML = html; document.body.appendChild(el);",
    );
    let remove = js_sys::Function::new_no_args("document.getElementById('pith-test-content')?.remove();");
    insert.call1(&JsValue::NULL, &JsValue::from_str(html)).unwrap();
    f();
    remove.call0(&JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
fn extract_document_reads_the_live_document() {
    if web_sys::window().is_none() {
        // Node: no DOM. The error says so.
        let e = js_error_message(extract_document(JsValue::UNDEFINED).unwrap_err());
        assert_eq!(e, "extractDocument needs a browser window (there is none here)");
        return;
    }
    let body = PAGE.split("<body>").nth(1).unwrap().split("</body>").next().unwrap();
    with_document_content(body, || {
        let a = extract_document(options(&[("url", "https://coast.example/news/lighthouses".into())])).unwrap();
        let text = get_str(&a, "text").unwrap();
        assert!(text.contains("The keepers of the northern lights"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
        let html = get_str(&a, "contentHtml").unwrap();
        assert!(html.contains("https://coast.example/img/tower.jpg"), "{html}");

        // Without options.url, relative links resolve against the document's own http URL.
        let a = extract_document(JsValue::UNDEFINED).unwrap();
        let html = get_str(&a, "contentHtml").unwrap();
        let origin = web_sys::window().unwrap().location().origin().unwrap();
        assert!(html.contains(&format!("{origin}/img/tower.jpg")), "{html}");
    });
}

#[wasm_bindgen_test]
fn markdown_document_from_the_article_object() {
    let a = extract_js(PAGE, options(&[("url", JsValue::from_str("https://coast.example/lighthouses"))])).unwrap();
    let doc = markdown_document_js(a.clone(), JsValue::UNDEFINED).unwrap();
    assert!(doc.starts_with("# Lighthouses of the north\n\n_Ada Keeper · 2024-03-05_\n\nSource: <https://coast.example/lighthouses>\n\n"), "{doc}");
    assert!(doc.ends_with(&format!("{}\n", get_str(&a, "markdown").unwrap().trim_end())));
    let yaml = markdown_document_js(a, options(&[("frontMatter", JsValue::TRUE)])).unwrap();
    assert!(yaml.starts_with("---\ntitle: \"Lighthouses of the north\"\nauthor: \"Ada Keeper\"\n"), "{yaml}");
    // Not an object: a clear error, not a panic.
    let e = markdown_document_js(JsValue::from_str("x"), JsValue::UNDEFINED).unwrap_err();
    assert!(js_error_message(e).contains("must be an object"));
    // Fields missing: left out.
    let doc = markdown_document_js(options(&[("markdown", JsValue::from_str("Body."))]), JsValue::NULL).unwrap();
    assert_eq!(doc, "Body.\n");
}

/// The instance's memory is capped (.cargo/config.toml, `pith::wasm::MAX_MEMORY_BYTES`): an
/// allocation past the cap fails, and the allocator notes its size for the JS wrapper, which
/// then says the page is too large. One within the cap still succeeds.
#[wasm_bindgen_test]
fn memory_is_capped_and_a_failed_request_is_noted() {
    use pith::wasm::{out_of_memory, MAX_MEMORY_BYTES};
    assert_eq!(out_of_memory(), 0.0, "no allocation has failed yet");
    let mut within: Vec<u8> = Vec::new();
    assert!(within.try_reserve_exact(64 << 20).is_ok(), "64 MiB fits under the cap");
    drop(within);
    let past = MAX_MEMORY_BYTES + (64 << 20);
    let mut beyond: Vec<u8> = Vec::new();
    assert!(beyond.try_reserve_exact(past).is_err(), "an allocation past the cap must fail");
    assert_eq!(out_of_memory(), past as f64, "the failed request's size is noted");
}
