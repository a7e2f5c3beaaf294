//! The fixture pages in `tests/fixtures/<kind>--<site>/`: each `source.html` is a page we
//! wrote, `expect.json` says what a reader must get from it (and must not), and
//! `expected.snap` holds the whole result (metadata and Markdown) so any change in behaviour
//! shows up as a readable diff. `cargo insta review` (or INSTA_UPDATE=always) accepts an
//! intended change.
#![cfg(not(target_arch = "wasm32"))]

use pith::{extract, is_probably_readerable, Article, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings<'a>(expect: &'a Value, key: &str) -> Vec<&'a str> {
    expect.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// Every way the article falls short of `expect.json`, as readable lines.
fn check(expect: &Value, html: &str, article: &Article) -> Vec<String> {
    let mut errors = Vec::new();
    let text = collapse(article.text.as_deref().unwrap_or(""));
    let markdown = article.markdown.as_deref().unwrap_or("");
    let content_html = article.content_html.as_deref().unwrap_or("");
    let field =
        |name: &str, got: &Option<String>, want: &str, ok: &dyn Fn(&str, &str) -> bool, errors: &mut Vec<String>| {
            match got {
                Some(g) if ok(g, want) => {}
                other => errors.push(format!("{name}: expected {want:?}, got {other:?}")),
            }
        };
    if let Some(want) = expect.get("readerable").and_then(Value::as_bool) {
        let got = is_probably_readerable(html);
        if got != want {
            errors.push(format!("readerable: expected {want}, got {got}"));
        }
    }
    if let Some(t) = expect.get("title").and_then(Value::as_str) {
        field("title", &article.title, t, &|g, w| g == w, &mut errors);
    }
    let contains_ci = |g: &str, w: &str| g.to_lowercase().contains(&w.to_lowercase());
    if let Some(b) = expect.get("byline").and_then(Value::as_str) {
        field("byline", &article.byline, b, &contains_ci, &mut errors);
    }
    if let Some(s) = expect.get("site_name").and_then(Value::as_str) {
        field("site_name", &article.site_name, s, &contains_ci, &mut errors);
    }
    if let Some(p) = expect.get("published").and_then(Value::as_str) {
        field("published", &article.published, p, &|g, w| g.starts_with(w), &mut errors);
    }
    if let Some(l) = expect.get("lang").and_then(Value::as_str) {
        let primary = |s: &str| s.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        field("lang", &article.lang, l, &|g, w| primary(g) == primary(w), &mut errors);
    }
    if let Some(d) = expect.get("dir").and_then(Value::as_str) {
        field("dir", &article.dir, d, &|g, w| g == w, &mut errors);
    }
    if let Some(i) = expect.get("image").and_then(Value::as_str) {
        field("image", &article.image, i, &|g, w| g == w, &mut errors);
    }
    let mut from = 0;
    for want in strings(expect, "include_in_order") {
        let want = collapse(want);
        match text[from..].find(&want) {
            Some(at) => from += at + want.len(),
            None if text.contains(&want) => errors.push(format!("out of order: {want:?}")),
            None => errors.push(format!("missing from text: {want:?}")),
        }
    }
    for bad in strings(expect, "exclude") {
        if text.contains(&collapse(bad)) {
            errors.push(format!("boilerplate in text: {bad:?}"));
        }
    }
    for want in strings(expect, "markdown_includes") {
        if !markdown.contains(want) {
            errors.push(format!("missing from markdown: {want:?}"));
        }
    }
    for want in strings(expect, "html_includes") {
        if !content_html.contains(want) {
            errors.push(format!("missing from html: {want:?}"));
        }
    }
    let lower_html = content_html.to_lowercase();
    for bad in strings(expect, "html_excludes") {
        if lower_html.contains(&bad.to_lowercase()) {
            errors.push(format!("forbidden in html: {bad:?}"));
        }
    }
    if let Some(min) = expect.get("min_words").and_then(Value::as_u64) {
        if (article.word_count as u64) < min {
            errors.push(format!("word count {} below {min}", article.word_count));
        }
    }
    if let Some(max) = expect.get("max_words").and_then(Value::as_u64) {
        if article.word_count as u64 > max {
            errors.push(format!("word count {} above {max}", article.word_count));
        }
    }
    errors
}

/// What the snapshot shows: the metadata, then the article as Markdown.
fn snapshot_of(article: &Article) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    format!(
        "title: {}\nbyline: {}\npublished: {}\nsite: {}\nlang: {}  dir: {}\nimage: {}\nwords: {}  minutes: {}\n\n{}",
        show(&article.title),
        show(&article.byline),
        show(&article.published),
        show(&article.site_name),
        show(&article.lang),
        show(&article.dir),
        show(&article.image),
        article.word_count,
        article.reading_minutes,
        article.markdown.as_deref().unwrap_or("")
    )
}

#[test]
fn fixtures_meet_their_expectations() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 13, "expected at least 13 fixtures, found {}", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let html = std::fs::read_to_string(dir.join("source.html")).unwrap();
        let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        let mut options = Options::default();
        options.url = expect.get("url").and_then(Value::as_str).map(str::to_string);
        let readerable = expect.get("readerable").and_then(Value::as_bool).unwrap_or(true);
        let article = match extract(&html, &options) {
            Ok(a) => a,
            Err(e) if !readerable => {
                // A page with no article may fail to give one; it must still not claim one.
                let errors = check(&expect, &html, &Article::default());
                if !errors.is_empty() {
                    failures.push(format!("{name} (extract: {e}):\n  {}", errors.join("\n  ")));
                }
                continue;
            }
            Err(e) => {
                failures.push(format!("{name}: extract failed: {e}"));
                continue;
            }
        };
        let errors = check(&expect, &html, &article);
        if !errors.is_empty() {
            failures.push(format!("{name}:\n  {}", errors.join("\n  ")));
        }
        let snap = snapshot_of(&article);
        let result = std::panic::catch_unwind(|| {
            insta::with_settings!({
                snapshot_path => dir.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("tests/fixtures/{name}/source.html"),
            }, {
                insta::assert_snapshot!("expected", snap);
            });
        });
        if result.is_err() {
            failures.push(format!("{name}: output differs from {name}/expected.snap (see the diff above)"));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), dirs.len(), failures.join("\n"));
}

/// The first real case: the sixteen paragraphs of the story, in order, and nothing else
/// but the photo caption.
#[test]
fn military_times_is_exactly_the_story() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news--military-times");
    let html = std::fs::read_to_string(dir.join("source.html")).unwrap();
    let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    let options = Options::default().with_url(expect["url"].as_str().unwrap());
    let article = extract(&html, &options).unwrap();
    assert_eq!(article.title.as_deref(), Some("U.S and Iraq talking over legal immunity for troops"));
    assert!(article.published.as_deref().unwrap_or("").starts_with("2014-06-20"), "{:?}", article.published);
    let wanted: Vec<String> = strings(&expect, "include_in_order").into_iter().map(collapse).collect();
    let paragraphs: Vec<String> =
        article.text.as_deref().unwrap().split("\n\n").map(collapse).filter(|p| !p.is_empty()).collect();
    assert_eq!(wanted.len(), 17, "caption and sixteen paragraphs in expect.json");
    assert_eq!(paragraphs, wanted, "the text is the caption and the sixteen paragraphs, in order, nothing more");
}
