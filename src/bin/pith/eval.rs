//! `pith eval`: runs Pith over a dataset with ground truth and reports the reference metric,
//! plus how often title, byline and date agree with the dataset's metadata truth.
//!
//! Layouts (see ../shared/datasets/README.md): `truth/<id>.txt` with `html/<id>.html[.gz]`
//! and `meta.jsonl`; or `<id>/source.html` with `<id>/expected.html` (Readability's test pages,
//! whose URL is `http://fakehost/test/page.html`).

use crate::input;
use crate::meta_score;
use crate::score::{self, Summary};
use indicatif::{ProgressBar, ProgressStyle};
use pith::dom::{local_name, tags, Dom, NodeData, NodeId};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `println!` that gives up quietly when stdout is closed (`pith eval ... | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

const READABILITY_URL: &str = "http://fakehost/test/page.html";

#[derive(Debug, Clone, Default)]
struct MetaTruth {
    /// Per metadata field the dataset states (a key of `meta_score::FIELDS`): its value, or
    /// `None` where the truth records none. A field the dataset does not state is absent.
    fields: BTreeMap<&'static str, Option<String>>,
    readerable: Option<bool>,
    group: Option<String>,
}

/// Truth from a dataset record: each (scorer field, key in the record) that is present.
fn truth_fields(record: Option<&Value>, keys: &[(&'static str, &str)]) -> BTreeMap<&'static str, Option<String>> {
    let mut out = BTreeMap::new();
    for &(field, key) in keys {
        if let Some(v) = record.and_then(|r| r.get(key)) {
            out.insert(field, v.as_str().map(str::to_string));
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Page {
    id: String,
    html: PathBuf,
    url: Option<String>,
    truth: String,
    meta: MetaTruth,
}

pub struct EvalArgs {
    pub dataset: PathBuf,
    pub pred_dir: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub per_page: bool,
    pub pages: Option<PathBuf>,
    pub by: Option<String>,
    pub limit: Option<usize>,
    pub favor: pith::Favor,
    pub max_bytes: usize,
    pub dump_units: Option<PathBuf>,
    pub dump_choice: Option<PathBuf>,
    pub dump_page: Option<PathBuf>,
    pub models: Option<PathBuf>,
    pub ids: Option<PathBuf>,
    pub metadata: bool,
}

pub fn run(args: &EvalArgs) -> Result<Summary, String> {
    let mut pages = load(&args.dataset, args.by.as_deref())?;
    if let Some(path) = &args.ids {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let wanted: std::collections::HashSet<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        pages.retain(|p| wanted.contains(p.id.as_str()));
    }
    let models = match &args.models {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let m: pith::models::OwnedModels =
                serde_json::from_str(&text).map_err(|e| format!("{}: not a models file: {e}", path.display()))?;
            Some(pith::models::ModelOverride(std::sync::Arc::new(m)))
        }
        None => None,
    };
    if let Some(n) = args.limit {
        pages.truncate(n);
    }
    if pages.is_empty() {
        return Err(format!("{}: no pages with ground truth found", args.dataset.display()));
    }
    if let Some(dir) = &args.pred_dir {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let started = std::time::Instant::now();
    let bar = ProgressBar::new(pages.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; pages.len()]);
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(page) = pages.get(i) else { break };
                let out = run_page(page, args, &models);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(out);
                bar.inc(1);
            });
        }
    });
    bar.finish_and_clear();
    let results: Vec<Outcome> =
        results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().map(|o| o.unwrap_or_default()).collect();

    let mut failures = String::new();
    if let Some(dir) = &args.pred_dir {
        for (page, out) in pages.iter().zip(&results) {
            let path = dir.join(format!("{}.txt", page.id));
            std::fs::write(&path, &out.text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            // The metadata as ../shared/eval/meta_score.py reads it (one object per page).
            let path = dir.join(format!("{}.json", page.id));
            let meta = serde_json::to_string(&out.meta).unwrap_or_default();
            std::fs::write(&path, meta).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            if let Some(err) = &out.error {
                failures.push_str(&format!("{}\terror\t{}\n", page.id, err.replace(['\t', '\n'], " ")));
            }
        }
        let f = dir.join("_failures.tsv");
        if failures.is_empty() {
            let _ = std::fs::remove_file(&f);
        } else {
            std::fs::write(&f, &failures).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
        }
    }

    if let Some(path) = &args.dump_units {
        let mut lines = String::new();
        for (page, out) in pages.iter().zip(&results) {
            let v = serde_json::json!({ "id": page.id, "names": pith::prune::features::NAMES, "units": out.units });
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(path, lines).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(path) = &args.dump_choice {
        let mut lines = String::new();
        for (page, out) in pages.iter().zip(&results) {
            let Some((features, article, region)) = &out.choice else { continue };
            let names = pith::strategy::choose::NAMES;
            let v = serde_json::json!({ "id": page.id, "names": names, "features": features, "article": article, "region": region });
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(path, lines).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    if let Some(path) = &args.dump_page {
        let mut lines = String::new();
        let names = pith::strategy::page_type::names();
        for (page, out) in pages.iter().zip(&results) {
            let Some(features) = &out.page else { continue };
            let v = serde_json::json!({ "id": page.id, "names": names, "features": features });
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(path, lines).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    let counts: Vec<(f64, f64, f64)> =
        pages.iter().zip(&results).map(|(p, o)| score::page_counts(&p.truth, &o.text)).collect();
    let summary = score::summarize(&counts);
    let name = args.dataset.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let empty = results.iter().filter(|o| score::tokenize(&o.text).is_empty()).count();
    let failed = results.iter().filter(|o| o.error.is_some()).count();
    out!(
        "{name:<24} pages {:<5} P {:.3}  R {:.3}  F1 {:.3}  empty {empty}  failed {failed}  ({:.1} s)",
        summary.pages,
        summary.precision,
        summary.recall,
        summary.f1,
        started.elapsed().as_secs_f64()
    );
    let meta = meta_scores(&pages, &results);
    if !meta.is_empty() {
        let parts: Vec<String> = meta
            .iter()
            .filter_map(|(k, f)| {
                let acc = f.acc.map(|a| format!("{a:.3} (n={})", f.n));
                let inv = f.invented_rate.map(|r| format!("invents {r:.3} (n={})", f.n_empty));
                let both: Vec<String> = acc.into_iter().chain(inv).collect();
                (!both.is_empty()).then(|| format!("{k} {}", both.join(" ")))
            })
            .collect();
        out!("    metadata: {}", parts.join("  "));
    }
    if args.metadata {
        print_meta_table(&meta);
    }
    let mut groups: BTreeMap<String, Vec<(f64, f64, f64)>> = BTreeMap::new();
    if args.by.is_some() {
        for (p, c) in pages.iter().zip(&counts) {
            groups.entry(p.meta.group.clone().unwrap_or_else(|| "None".into())).or_default().push(*c);
        }
        for (g, cs) in &groups {
            let s = score::summarize(cs);
            out!(
                "    {}={g:<16} n={:<5} P {:.3}  R {:.3}  F1 {:.3}",
                args.by.as_deref().unwrap_or(""),
                s.pages,
                s.precision,
                s.recall,
                s.f1
            );
        }
    }
    let page_prf = |&(tp, fp, f): &(f64, f64, f64)| {
        let pr = score::precision(tp, fp, f);
        let rc = score::recall(tp, fp, f);
        (pr, rc, if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 })
    };
    if args.per_page {
        out!("id\tprecision\trecall\tf1\ttrue_tokens\tpred_tokens");
        for ((p, o), c) in pages.iter().zip(&results).zip(&counts) {
            let (pr, rc, f1) = page_prf(c);
            out!(
                "{}\t{pr:.4}\t{rc:.4}\t{f1:.4}\t{}\t{}",
                p.id,
                score::tokenize(&p.truth).len(),
                score::tokenize(&o.text).len()
            );
        }
    }
    if let Some(path) = &args.pages {
        let mut tsv = String::from("id\tprecision\trecall\tf1\n");
        for (p, c) in pages.iter().zip(&counts) {
            let (pr, rc, f1) = page_prf(c);
            tsv.push_str(&format!("{}\t{pr:.4}\t{rc:.4}\t{f1:.4}\n", p.id));
        }
        std::fs::write(path, tsv).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(path) = &args.json {
        let by: BTreeMap<&String, Summary> = groups.iter().map(|(g, cs)| (g, score::summarize(cs))).collect();
        let meta_json: BTreeMap<&str, &meta_score::FieldScore> = meta.iter().map(|(k, f)| (*k, f)).collect();
        let v = serde_json::json!({ "dataset": name, "summary": summary, "empty": empty, "failed": failed, "metadata": meta_json, "readerable": readerable_agreement(&pages, &results), "by": by });
        std::fs::write(path, serde_json::to_string_pretty(&v).unwrap_or_default())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(summary)
}

#[derive(Debug, Clone, Default)]
struct Outcome {
    text: String,
    error: Option<String>,
    /// The extracted metadata, by scorer field name (see `meta_score::FIELDS`), plus `image`.
    meta: BTreeMap<&'static str, Option<String>>,
    readerable: bool,
    units: Vec<pith::prune::Dumped>,
    choice: Option<(Vec<f32>, String, String)>,
    page: Option<Vec<f32>>,
}

fn run_page(page: &Page, args: &EvalArgs, models: &Option<pith::models::ModelOverride>) -> Outcome {
    let max_bytes = args.max_bytes;
    // The datasets are UTF-8 whatever their <meta charset> says.
    let read = input::read_source(Some(&page.html), max_bytes);
    let html = match read.map(|b| String::from_utf8_lossy(&b).into_owned()) {
        Ok(h) => h,
        Err(e) => return Outcome { error: Some(e), ..Default::default() },
    };
    let mut options = pith::Options::default().with_formats(&[pith::Format::Text]);
    options.url = page.url.clone();
    options.favor = args.favor;
    options.max_input_bytes = max_bytes;
    options.models = models.clone();
    let readerable = page.meta.readerable.is_some() && pith::is_probably_readerable(&html);
    let units =
        if args.dump_units.is_some() { pith::dump_units(&html, &options).unwrap_or_default() } else { Vec::new() };
    let choice = if args.dump_choice.is_some() { pith::dump_choice(&html, &options).ok() } else { None };
    let page_features = if args.dump_page.is_some() { pith::dump_page(&html, &options).ok() } else { None };
    match pith::extract(&html, &options) {
        Ok(a) => Outcome {
            text: a.text.unwrap_or_default(),
            error: None,
            meta: BTreeMap::from([
                ("title", a.title),
                ("author", a.byline),
                ("published", a.published),
                ("sitename", a.site_name),
                ("lang", a.lang),
                ("dir", a.dir),
                ("excerpt", a.excerpt),
                ("image", a.image),
            ]),
            readerable,
            units,
            choice,
            page: page_features,
        },
        Err(e) => Outcome { error: Some(crate::error_message(e)), readerable, ..Default::default() },
    }
}

fn load(dir: &Path, by: Option<&str>) -> Result<Vec<Page>, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a dataset directory", dir.display()));
    }
    if dir.join("truth").is_dir() {
        load_common(dir, by)
    } else {
        load_readability(dir)
    }
}

fn load_common(dir: &Path, by: Option<&str>) -> Result<Vec<Page>, String> {
    let mut meta: BTreeMap<String, Value> = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("meta.jsonl")) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                if let Some(id) = v.get("id").and_then(Value::as_str) {
                    meta.insert(id.to_string(), v.clone());
                }
            }
        }
    }
    let mut pages = Vec::new();
    let truth_dir = dir.join("truth");
    let entries = std::fs::read_dir(&truth_dir).map_err(|e| format!("cannot list {}: {e}", truth_dir.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(id) = name.strip_suffix(".txt") else { continue };
        let html =
            ["html.gz", "html"].iter().map(|ext| dir.join("html").join(format!("{id}.{ext}"))).find(|p| p.exists());
        let Some(html) = html else { continue };
        let truth = std::fs::read(e.path()).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let m = meta.get(id);
        let s =
            |k: &str| m.and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_string).filter(|s| !s.is_empty());
        let group = by.and_then(|k| {
            m.and_then(|v| v.get(k)).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
        });
        pages.push(Page {
            id: id.to_string(),
            html,
            url: s("url"),
            truth,
            meta: MetaTruth {
                fields: truth_fields(m, &[("title", "title"), ("author", "author"), ("published", "publish_date")]),
                readerable: None,
                group,
            },
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn load_readability(dir: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let case = e.path();
        let (source, expected) = (case.join("source.html"), case.join("expected.html"));
        if !source.is_file() || !expected.is_file() {
            continue;
        }
        let expected_html =
            std::fs::read(&expected).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let meta: Value = std::fs::read_to_string(case.join("expected-metadata.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        pages.push(Page {
            id: e.file_name().to_string_lossy().to_string(),
            html: source,
            url: Some(READABILITY_URL.to_string()),
            truth: truth_text(&expected_html),
            meta: MetaTruth {
                fields: truth_fields(
                    Some(&meta),
                    &[
                        ("title", "title"),
                        ("author", "byline"),
                        ("published", "publishedTime"),
                        ("sitename", "siteName"),
                        ("lang", "lang"),
                        ("dir", "dir"),
                        ("excerpt", "excerpt"),
                    ],
                ),
                readerable: meta.get("readerable").and_then(Value::as_bool),
                group: None,
            },
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The text of an expected-output HTML file as the reference scorer reads it: every text
/// node in order, a line break at each block-level tag.
pub fn truth_text(html: &str) -> String {
    let dom = pith::dom::parse(html);
    let mut out = String::new();
    walk_truth(&dom, dom.root(), &mut out);
    out
}

fn walk_truth(dom: &Dom, id: NodeId, out: &mut String) {
    for c in dom.children(id) {
        match &dom.node(c).data {
            NodeData::Text(t) => out.push_str(t),
            NodeData::Element(el) => {
                if matches!(
                    el.name,
                    local_name!("script")
                        | local_name!("style")
                        | local_name!("template")
                        | local_name!("noscript")
                        | local_name!("head")
                ) {
                    continue;
                }
                // The parser keeps a formula as TeX; the reference scorer reads the MathML's
                // own text, which is what the parser kept beside it.
                if let Some(shown) = dom.attr(c, pith::dom::SHOWN_ATTR) {
                    out.push_str(shown);
                    continue;
                }
                let block = tags::is_block_tag(&el.name);
                if block {
                    out.push('\n');
                }
                walk_truth(dom, c, out);
                if block {
                    out.push('\n');
                }
            }
            NodeData::Document => {}
        }
    }
}

/// Accuracy and invented rate per metadata field the dataset states, by the rules of the
/// reference metadata scorer (`meta_score`).
fn meta_scores(pages: &[Page], results: &[Outcome]) -> Vec<(&'static str, meta_score::FieldScore)> {
    let mut v = Vec::new();
    for field in meta_score::FIELDS {
        let pairs: Vec<(Option<&str>, Option<&str>)> = pages
            .iter()
            .zip(results)
            .filter_map(|(p, o)| {
                let truth = p.meta.fields.get(field)?;
                Some((truth.as_deref(), o.meta.get(field).and_then(|x| x.as_deref())))
            })
            .collect();
        if !pairs.is_empty() {
            v.push((field, meta_score::score_field(field, &pairs)));
        }
    }
    v
}

/// The table `--metadata` prints, laid out as the reference scorer prints its own.
fn print_meta_table(meta: &[(&'static str, meta_score::FieldScore)]) {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x:.3}"));
    out!("  {:<10} {:>5} {:>6} {:>6} | {:>7} {:>8}", "field", "n", "acc", "missed", "n_empty", "invented");
    for (k, s) in meta {
        out!("  {k:<10} {:>5} {:>6} {:>6} | {:>7} {:>8}", s.n, f(s.acc), s.missed, s.n_empty, f(s.invented_rate));
    }
}

/// Where the truth says whether a page is "readerable": (pages that agree, pages with truth).
fn readerable_agreement(pages: &[Page], results: &[Outcome]) -> Option<f64> {
    let mut n = (0, 0);
    for (p, o) in pages.iter().zip(results) {
        if let Some(r) = p.meta.readerable {
            n.1 += 1;
            n.0 += usize::from(o.readerable == r);
        }
    }
    (n.1 > 0).then(|| n.0 as f64 / n.1 as f64)
}
