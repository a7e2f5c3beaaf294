//! `pith::extract` against dom_smoothie (a Rust port of Mozilla's Readability) on the same
//! inputs: every fixture page in `tests/fixtures/*/source.html` and a large synthetic page.
//! Pith renders what dom_smoothie returns (article HTML and text, plus metadata). Both run in
//! one criterion group per page, so the report shows them side by side; at the
//! end a table gives the ratio pith / dom_smoothie per page (median of repeated runs) and
//! their geometric mean.
//!
//! `cargo bench --bench extract` (about a minute); `cargo bench --bench extract -- news`
//! filters by page name as usual.

// Native only: criterion and dom_smoothie do not build for wasm32, where this is a no-op.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use std::hint::black_box;
    use std::path::Path;
    use std::time::{Duration, Instant};

    const URL: &str = "https://bench.example/articles/page.html";

    fn pages() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut pages: Vec<(String, String)> = std::fs::read_dir(&root)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| {
                        let html = std::fs::read_to_string(e.path().join("source.html")).ok()?;
                        Some((e.file_name().to_string_lossy().into_owned(), html))
                    })
                    .collect()
            })
            .unwrap_or_default();
        pages.sort();
        pages.push(("synthetic--large".to_string(), large_page()));
        pages
    }

    /// About 0.5 MB: a long article with headings, lists, figures and a table, inside the
    /// navigation, sidebars, comments and footer a news site wraps around it.
    fn large_page() -> String {
        let mut s = String::from(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A long report | Bench Times</title>\
             <meta property=\"og:title\" content=\"A long report\"><script>var analytics = {};</script>\
             <style>.ad{display:block}</style></head><body><header><nav><ul>",
        );
        for i in 0..60 {
            s.push_str(&format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"));
        }
        s.push_str("</ul></nav></header><div class=\"layout\"><main><article class=\"story\"><h1>A long report</h1>");
        s.push_str("<p class=\"byline\">By A. Writer</p>");
        for chapter in 0..120 {
            s.push_str(&format!("<h2>Chapter {chapter}</h2>"));
            for p in 0..12 {
                s.push_str(&format!(
                    "<p>In chapter {chapter}, paragraph {p}, the survey team walked the length of the canal, \
                     counting locks, noting the state of the towpath, and talking to the lock keepers, who \
                     had opinions about everything from the weather to the price of <em>diesel</em> and \
                     <a href=\"/notes/{chapter}/{p}\">the new mooring rules</a>.</p>"
                ));
            }
            if chapter % 10 == 0 {
                s.push_str(&format!(
                    "<figure><img src=\"/img/{chapter}.jpg\" alt=\"Lock {chapter}\" width=\"800\" height=\"600\">\
                     <figcaption>Lock {chapter} at dawn.</figcaption></figure>\
                     <ul><li>Length: {chapter} miles</li><li>Locks: {}</li><li>Keepers: 2</li></ul>\
                     <table><thead><tr><th>Year</th><th>Boats</th></tr></thead><tbody>\
                     <tr><td>2021</td><td>{}</td></tr><tr><td>2022</td><td>{}</td></tr></tbody></table>",
                    chapter / 3,
                    chapter * 7,
                    chapter * 8
                ));
            }
            if chapter % 15 == 0 {
                s.push_str("<div class=\"ad promo\"><a href=\"/subscribe\">Subscribe now</a> for full access.</div>");
            }
        }
        s.push_str("</article><section class=\"comments\"><h2>Comments</h2>");
        for c in 0..300 {
            s.push_str(&format!(
                "<div class=\"comment\"><span class=\"author\">reader{c}</span><p>Great read, thanks. \
                 Comment number {c}.</p><a href=\"/reply/{c}\">Reply</a></div>"
            ));
        }
        s.push_str("</section></main><aside class=\"sidebar\"><h3>Most read</h3><ol>");
        for i in 0..40 {
            s.push_str(&format!("<li><a href=\"/story/{i}\">Another story number {i}</a></li>"));
        }
        s.push_str(
            "</ol></aside></div><footer><p>Bench Times. <a href=\"/privacy\">Privacy</a></p></footer></body></html>",
        );
        s
    }

    /// Pith asked for what dom_smoothie gives (article HTML and text; no Markdown).
    fn run_pith(html: &str) -> usize {
        let o = pith::Options::default().with_url(URL).with_formats(&[pith::Format::Html, pith::Format::Text]);
        pith::extract(html, &o).map(|a| a.word_count).unwrap_or(0)
    }

    fn run_dom_smoothie(html: &str) -> usize {
        match dom_smoothie::Readability::new(html, Some(URL), None) {
            Ok(mut r) => r.parse().map(|a| a.text_content.len()).unwrap_or(0),
            Err(_) => 0,
        }
    }

    fn side_by_side(c: &mut Criterion) {
        for (name, html) in pages() {
            let mut g = c.benchmark_group(&name);
            g.measurement_time(Duration::from_millis(1200)).warm_up_time(Duration::from_millis(400)).sample_size(10);
            g.throughput(criterion::Throughput::Bytes(html.len() as u64));
            g.bench_with_input(BenchmarkId::new("pith", html.len()), &html, |b, h| b.iter(|| run_pith(black_box(h))));
            g.bench_with_input(BenchmarkId::new("dom_smoothie", html.len()), &html, |b, h| {
                b.iter(|| run_dom_smoothie(black_box(h)))
            });
            g.finish();
        }
    }

    /// Median time of `f` over at least 5 runs and about 200 ms.
    fn median(f: impl Fn() -> usize) -> Duration {
        let mut times = Vec::new();
        let started = Instant::now();
        while times.len() < 5 || (started.elapsed() < Duration::from_millis(200) && times.len() < 200) {
            let t = Instant::now();
            black_box(f());
            times.push(t.elapsed());
        }
        times.sort();
        times[times.len() / 2]
    }

    /// The ratio table: pith / dom_smoothie per page, and the geometric mean.
    fn ratios() {
        println!("\n{:<32} {:>9} {:>12} {:>14} {:>8}", "page", "bytes", "pith", "dom_smoothie", "ratio");
        let mut log_sum = 0.0;
        let mut n = 0;
        for (name, html) in pages() {
            if !criterion_filter_matches(&name) {
                continue;
            }
            let p = median(|| run_pith(&html));
            let d = median(|| run_dom_smoothie(&html));
            let ratio = p.as_secs_f64() / d.as_secs_f64();
            log_sum += ratio.ln();
            n += 1;
            let note = if run_dom_smoothie(&html) == 0 { "  (dom_smoothie found no article)" } else { "" };
            println!("{name:<32} {:>9} {:>10.3}ms {:>12.3}ms {ratio:>8.2}{note}", html.len(), ms(p), ms(d));
        }
        if n > 0 {
            println!("{:<32} {:>9} {:>12} {:>14} {:>8.2}", "geometric mean", "", "", "", (log_sum / n as f64).exp());
        }
    }

    fn ms(d: Duration) -> f64 {
        d.as_secs_f64() * 1000.0
    }

    /// The same name filter criterion applies (the first free argument), so a filtered run prints
    /// only the pages it measured.
    fn criterion_filter_matches(name: &str) -> bool {
        let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
        filter.is_none_or(|f| name.contains(&f))
    }

    criterion_group!(benches, side_by_side);

    pub fn main() {
        benches();
        Criterion::default().configure_from_args().final_summary();
        // `cargo bench` passes `--bench`; `cargo test --benches` does not, and criterion then runs
        // each benchmark once as a test. The ratio table is for real runs only.
        if std::env::args().any(|a| a == "--bench") && !std::env::args().any(|a| a == "--list") {
            ratios();
        }
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
