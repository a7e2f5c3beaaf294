//! Arbitrary bytes, read as (lossy) UTF-8, through `pith::extract`: it must not panic, must
//! answer with an article or one of the documented errors, and every article must pass the
//! output invariants the attack corpus is held to (`../invariants.rs`).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
            let mut problems = invariants::html_problems(content);
            problems.extend(invariants::ammonia_problems(content));
            problems.extend(invariants::markdown_problems(a.markdown.as_deref().unwrap_or("")).0);
            let text = a.text.as_deref().unwrap_or("");
            if text.is_empty() || text != text.trim_end() {
                problems.push(format!("text is empty or ends in whitespace: {text:?}"));
            }
            assert!(problems.is_empty(), "{problems:#?}\noutput: {content}");
        }
        Err(pith::Error::Empty | pith::Error::NoContent | pith::Error::NotText { .. } | pith::Error::NotHtml { .. }) => {}
        Err(e) => panic!("undocumented error for this input: {e:?}"),
    }
});
