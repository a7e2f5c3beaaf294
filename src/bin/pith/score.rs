//! The reference metric of `../shared/eval/score.py` (the ScrapingHub article-extraction
//! benchmark's): 4-token shingles of `\w+` tokens, per-page precision and recall over the
//! shingle multisets, F1 of the mean precision and the mean recall.

use std::collections::HashMap;
use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Python's `\w` for str patterns: letters (L*), numbers (N*) and the underscore.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

pub fn tokenize(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut m = HashMap::new();
    if tokens.is_empty() {
        return m;
    }
    let n = 4;
    let count = if tokens.len() >= n { tokens.len() - n + 1 } else { 1 };
    for i in 0..count {
        let end = (i + n).min(tokens.len());
        *m.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    m
}

/// (tp, fp, fn) of one page, each divided by their sum.
pub fn page_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let tt = tokenize(truth);
    let pt = tokenize(pred);
    let ts = shingles(&tt);
    let ps = shingles(&pt);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &t) in &ts {
        let p = ps.get(k).copied().unwrap_or(0);
        tp += t.min(p) as f64;
        fn_ += t.saturating_sub(p) as f64;
    }
    for (k, &p) in &ps {
        let t = ts.get(k).copied().unwrap_or(0);
        fp += p.saturating_sub(t) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

pub fn precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

pub fn recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pages: usize,
}

pub fn summarize(counts: &[(f64, f64, f64)]) -> Summary {
    let ps: Vec<f64> =
        counts.iter().filter(|(tp, fp, _)| tp + fp > 0.0).map(|&(tp, fp, f)| precision(tp, fp, f)).collect();
    let rs: Vec<f64> = counts.iter().filter(|(tp, _, f)| tp + f > 0.0).map(|&(tp, fp, f)| recall(tp, fp, f)).collect();
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let p = mean(&ps);
    let r = mean(&rs);
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Summary { precision: p, recall: r, f1, pages: counts.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_python_word_chars() {
        assert_eq!(tokenize("Hello, wörld_1! 日本 x²"), vec!["Hello", "wörld_1", "日本", "x²"]);
        // Devanagari vowel signs (Mc/Mn) are not \w in Python: they split tokens.
        assert_eq!(tokenize("हिंदी"), vec!["ह", "द"]);
    }

    #[test]
    fn identical_and_disjoint() {
        assert_eq!(page_counts("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
        let (tp, fp, f) = page_counts("a b c d e", "v w x y z");
        assert_eq!((tp, fp, f), (0.0, 0.5, 0.5));
        let s = summarize(&[page_counts("a b c d e", "a b c d e"), page_counts("a b c d", "")]);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
    }
}
