//! `pith bench`: extraction time over a set of pages, for quick comparisons (the criterion
//! benchmarks in `benches/` are the careful measurement).

use crate::input;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(paths: &[PathBuf], repeat: usize) -> Result<(), String> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files)?;
    }
    if files.is_empty() {
        return Err("no .html or .html.gz files found".to_string());
    }
    let mut pages = Vec::new();
    for f in &files {
        let bytes = input::read_source(Some(f), pith::article::DEFAULT_MAX_INPUT_BYTES)?;
        pages.push(input::decode(&bytes)?);
    }
    let options = pith::Options::default();
    let mut per_page_ms = Vec::new();
    let bytes: usize = pages.iter().map(String::len).sum();
    let started = Instant::now();
    for page in &pages {
        let t = Instant::now();
        for _ in 0..repeat.max(1) {
            let _ = pith::extract(page, &options);
        }
        per_page_ms.push(t.elapsed().as_secs_f64() * 1000.0 / repeat.max(1) as f64);
    }
    let total = started.elapsed().as_secs_f64();
    per_page_ms.sort_by(|a, b| a.total_cmp(b));
    let q = |f: f64| per_page_ms[((per_page_ms.len() - 1) as f64 * f).round() as usize];
    let mean = per_page_ms.iter().sum::<f64>() / per_page_ms.len() as f64;
    println!(
        "{} pages, {:.1} MB: mean {:.2} ms, median {:.2} ms, p95 {:.2} ms, max {:.2} ms per page; {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        mean,
        q(0.5),
        q(0.95),
        q(1.0),
        bytes as f64 * repeat.max(1) as f64 / 1e6 / total
    );
    Ok(())
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| format!("cannot list {}: {e}", p.display()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if p.is_file() {
        let name = p.to_string_lossy();
        if name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm") {
            out.push(p.to_path_buf());
        }
    } else {
        return Err(format!("{}: no such file or directory", p.display()));
    }
    Ok(())
}
