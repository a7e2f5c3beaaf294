//! `Options::favor` leans the way it says: favoring recall keeps the doubtful blocks that the
//! balanced setting drops, favoring precision never takes in a whole page region.
#![cfg(not(target_arch = "wasm32"))]

use pith::{extract, Favor, Options};

fn words(html: &str, favor: Favor) -> usize {
    let options = Options { favor, ..Options::default() };
    extract(html, &options).map(|a| a.word_count).unwrap_or(0)
}

const PROSE: &str = "The council met on Tuesday evening to discuss the new water plan, which would change how \
    the town buys and stores its supply for the next twenty years, according to the draft.";

#[test]
fn recall_keeps_a_link_list_that_balanced_drops() {
    // A block of links with a little text between them: doubtful, dropped by the balanced
    // conditional cleaning.
    let links: String =
        (0..8).map(|i| format!("<a href=\"/s/{i}\">Story number {i} of the day</a> and then ")).collect();
    let html = format!(
        "<html><body><div class=\"story\"><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><div>{links}</div><p>{PROSE}</p></div></body></html>"
    );
    let balanced = words(&html, Favor::Balanced);
    let recall = words(&html, Favor::Recall);
    assert!(recall > balanced, "recall {recall} words, balanced {balanced}");
    let text = extract(&html, &Options { favor: Favor::Recall, ..Options::default() }).unwrap().text.unwrap();
    assert!(text.contains("Story number 3 of the day"));
}

#[test]
fn precision_keeps_to_the_article_reading_on_a_product_page() {
    // A product page: one paragraph of prose, then specifications as short list items. The
    // balanced setting reads the whole main region; favoring precision keeps to the prose.
    let specs: String = (0..60).map(|i| format!("<li>Specification {i}: value {i}</li>")).collect();
    let html = format!(
        "<html><head><meta property=\"og:type\" content=\"product\"></head><body><nav><a href=\"/\">Home</a></nav><main><h1>The Lamp</h1><div class=\"intro\"><p>{PROSE} {PROSE}</p><p>{PROSE} {PROSE}</p></div>\
         <section><h2>Specifications</h2><ul>{specs}</ul></section></main></body></html>"
    );
    let balanced = words(&html, Favor::Balanced);
    let precision = words(&html, Favor::Precision);
    assert!(precision < balanced, "precision {precision} words, balanced {balanced}");
}

#[test]
fn fixtures_order_by_favor() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for e in std::fs::read_dir(root).unwrap().flatten() {
        let Ok(html) = std::fs::read_to_string(e.path().join("source.html")) else { continue };
        let (p, b, r) = (words(&html, Favor::Precision), words(&html, Favor::Balanced), words(&html, Favor::Recall));
        assert!(p <= b && b <= r, "{}: precision {p}, balanced {b}, recall {r} words", e.path().display());
        checked += 1;
    }
    assert!(checked >= 13);
}
