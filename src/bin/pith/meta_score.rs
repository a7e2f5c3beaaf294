//! The metadata metric of `pith eval --metadata`: the strict rules of the reference scorer
//! `../shared/eval/meta_score.py` (its docstring is the specification), ported so that the CLI
//! reports the same accuracy and invented rate per field. `scripts/eval_gate.py` checks the two
//! agree to within 0.001 on every development set.
//!
//! Per field, over pages whose truth has a value: `acc` = share matched, `missed` = pages with no
//! prediction; over pages whose truth has none: `invented` = share with a prediction. Only the
//! strict match is ported (the scorer's "lenient" column is a diagnostic).
//!
//! Where this differs from the reference, on purpose and without effect on Pith's own output
//! (whose dates are ISO 8601): an RFC 2822 date is read through its "4 Sep 2025" part (its
//! written day, not also its UTC day), and digits are ASCII only.

use serde::Serialize;
use unicode_general_category::{get_general_category, GeneralCategory as G};
use unicode_normalization::UnicodeNormalization;

/// The fields the scorer knows, in its order.
pub const FIELDS: [&str; 7] = ["title", "author", "published", "sitename", "lang", "dir", "excerpt"];

/// One field's figures, named as the reference scorer's JSON names them.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FieldScore {
    pub n: usize,
    pub correct: usize,
    pub acc: Option<f64>,
    pub missed: usize,
    pub n_empty: usize,
    pub invented: usize,
    pub invented_rate: Option<f64>,
}

/// Scores one field over (truth, prediction) pairs; pages whose truth is unknown are left out
/// by the caller.
pub fn score_field(field: &str, pairs: &[(Option<&str>, Option<&str>)]) -> FieldScore {
    let mut s = FieldScore::default();
    for &(truth, pred) in pairs {
        let pred = pred.filter(|p| present(p));
        match truth.filter(|t| present(t)) {
            Some(t) => {
                s.n += 1;
                match pred {
                    None => s.missed += 1,
                    Some(p) => s.correct += usize::from(matches(field, t, p)),
                }
            }
            None => {
                s.n_empty += 1;
                s.invented += usize::from(pred.is_some());
            }
        }
    }
    s.acc = rate(s.correct, s.n);
    s.invented_rate = rate(s.invented, s.n_empty);
    s
}

fn rate(k: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| (k as f64 / n as f64 * 10_000.0).round() / 10_000.0)
}

fn present(s: &str) -> bool {
    !s.trim().is_empty()
}

/// The strict match of one field.
pub fn matches(field: &str, truth: &str, pred: &str) -> bool {
    match field {
        "author" => {
            let (t, p) = (author_names(truth), author_names(pred));
            !t.is_empty() && !p.is_empty() && same_set(&t, &p)
        }
        "published" => date_match(truth, pred),
        "lang" => {
            let (a, b) = (norm(truth).replace('_', "-"), norm(pred).replace('_', "-"));
            !a.is_empty() && a == b
        }
        _ => {
            let a = norm(truth);
            !a.is_empty() && a == norm(pred)
        }
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

// ---------------------------------------------------------------------------------------------
// normalisation

/// Folded to ASCII before comparing: typographic quotes and dashes.
const FOLD: &[(char, char)] = &[
    ('\u{2018}', '\''),
    ('\u{2019}', '\''),
    ('\u{201a}', '\''),
    ('\u{201b}', '\''),
    ('\u{2032}', '\''),
    ('\u{201c}', '"'),
    ('\u{201d}', '"'),
    ('\u{201e}', '"'),
    ('\u{201f}', '"'),
    ('\u{2033}', '"'),
    ('\u{00ab}', '"'),
    ('\u{00bb}', '"'),
    ('\u{2010}', '-'),
    ('\u{2011}', '-'),
    ('\u{2012}', '-'),
    ('\u{2013}', '-'),
    ('\u{2014}', '-'),
    ('\u{2015}', '-'),
    ('\u{2212}', '-'),
];
/// Dropped: soft hyphen and zero-width characters.
const DROP: &[char] = &['\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// Python's `str.casefold` where it differs from lower-casing in text we meet.
fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    // `to_lowercase` on a char never yields a final sigma; on whole strings it would.
    out
}

/// Python's `str.split()` whitespace: Unicode White_Space plus the four separators U+001C..1F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// An edge character trimmed by `norm`: punctuation, symbols, separators, controls (P*, S*, Z*, C*).
fn is_edge(c: char) -> bool {
    use G::*;
    matches!(
        get_general_category(c),
        ConnectorPunctuation
            | DashPunctuation
            | OpenPunctuation
            | ClosePunctuation
            | InitialPunctuation
            | FinalPunctuation
            | OtherPunctuation
            | MathSymbol
            | CurrencySymbol
            | ModifierSymbol
            | OtherSymbol
            | SpaceSeparator
            | LineSeparator
            | ParagraphSeparator
            | Control
            | Format
            | Surrogate
            | PrivateUse
            | Unassigned
    )
}

/// NFKC, drop invisible characters, fold quotes and dashes, casefold, collapse whitespace, trim
/// punctuation and symbols at both ends.
pub fn norm(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .filter(|c| !DROP.contains(c))
        .map(|c| FOLD.iter().find(|(from, _)| *from == c).map_or(c, |&(_, to)| to))
        .collect();
    let folded = casefold(&folded);
    let joined = folded.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    joined.trim_matches(is_edge).to_string()
}

/// Python's `\w`: letters, digits and numbers, underscore.
fn is_word(c: char) -> bool {
    use G::*;
    c == '_'
        || matches!(
            get_general_category(c),
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | DecimalNumber
                | LetterNumber
                | OtherNumber
        )
}

// ---------------------------------------------------------------------------------------------
// authors

const HONORIFIC: &[&str] = &["dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"];
const CREDENTIAL: &[&str] = &[
    "md", "ms", "ma", "mba", "mph", "rd", "rdn", "ld", "phd", "dphil", "fand", "rn", "np", "pa", "cpt", "cfp", "cpa",
    "cfa", "esq", "jr", "sr", "ii", "iii", "iv", "do", "dds", "dmd", "lcsw", "lpc", "bsc", "msc", "ba", "bs", "mbbs",
    "frcp", "facs", "pharmd", "psyd", "edd", "jd", "llm", "dvm", "od", "pe",
];
/// Words that may precede "by" in a credit line ("written by", "photos by").
const BY_LEAD: &[&str] =
    &["written", "posted", "published", "reviewed", "edited", "words", "story", "text", "photos", "photo", "article"];
const BY: &[&str] = &["by", "von", "par", "por"];
/// Words that join two names ("A and B").
const JOINERS: &[&str] = &["and", "und", "et", "y"];
const NAME_SEPARATORS: &[char] = &[',', ';', '&', '|', '/'];

fn clean_name(n: &str) -> String {
    let mut toks: Vec<&str> = n.split(is_space).filter(|w| !w.is_empty()).collect();
    let key = |t: &str| t.replace('.', "");
    while toks.len() > 1 && HONORIFIC.contains(&key(toks[0]).as_str()) {
        toks.remove(0);
    }
    while toks.last().is_some_and(|t| CREDENTIAL.contains(&key(t).as_str())) {
        toks.pop();
    }
    norm(&toks.join(" "))
}

/// The length of a leading credit label ("by ", "written by: ", "authors: "), as the scorer's
/// `_BY` pattern matches it on a normalised string.
fn credit_label_len(s: &str) -> usize {
    let word_at = |from: usize| -> &str {
        let rest = &s[from..];
        let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        &rest[..end]
    };
    let skip_space = |from: usize| -> usize {
        s[from..].find(|c: char| !is_space(c)).map_or(s.len(), |i| from + i)
    };
    // (lead word + spaces)? (by|von|par|por) \b [\s:]*
    let lead = word_at(0);
    let mut starts = vec![0];
    if BY_LEAD.contains(&lead) && s[lead.len()..].starts_with(is_space) {
        starts.insert(0, skip_space(lead.len()));
    }
    for start in starts {
        let w = word_at(start);
        if BY.contains(&w) {
            let end = start + w.len();
            let rest = &s[end..];
            let label = rest.find(|c: char| !(is_space(c) || c == ':')).unwrap_or(rest.len());
            return end + label;
        }
    }
    // authors? \s* : \s*
    for w in ["authors", "author"] {
        if let Some(rest) = s.strip_prefix(w) {
            let after = rest.trim_start_matches(is_space);
            if let Some(after) = after.strip_prefix(':') {
                let after = after.trim_start_matches(is_space);
                return s.len() - after.len();
            }
        }
    }
    0
}

/// Splits on , ; & | / and on a joining word between whitespace.
fn split_names(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if NAME_SEPARATORS.contains(&c) {
            parts.push(&s[start..i]);
            i += c.len_utf8();
            start = i;
            continue;
        }
        if is_space(c) {
            let ws_end = s[i..].find(|c: char| !is_space(c)).map_or(s.len(), |k| i + k);
            let word_end = s[ws_end..].find(|c: char| !c.is_alphabetic()).map_or(s.len(), |k| ws_end + k);
            let word = &s[ws_end..word_end];
            if JOINERS.contains(&word) && s[word_end..].starts_with(is_space) {
                parts.push(&s[start..i]);
                let after = s[word_end..].find(|c: char| !is_space(c)).map_or(s.len(), |k| word_end + k);
                i = after;
                start = after;
                continue;
            }
            i = ws_end;
            continue;
        }
        i += c.len_utf8();
    }
    parts.push(&s[start..]);
    parts
}

/// The set of names credited, normalised (the scorer's `author_names`).
pub fn author_names(s: &str) -> Vec<String> {
    let s = norm(s);
    let s = &s[credit_label_len(&s)..];
    let raw: Vec<String> = split_names(s).into_iter().map(norm).filter(|n| !n.is_empty()).collect();
    let cleaned: Vec<String> = raw.iter().map(|n| clean_name(n)).collect();
    let chosen = if cleaned.iter().any(|n| !n.is_empty()) { cleaned } else { raw };
    let mut names: Vec<String> = Vec::new();
    for n in chosen {
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

// ---------------------------------------------------------------------------------------------
// dates

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

type Day = chrono::NaiveDate;

/// Days a date string may stand for, and months for a month-precision value ("2025-06").
#[derive(Default)]
struct Parsed {
    days: Vec<Day>,
    months: Vec<(i32, u32)>,
}

fn day(y: i64, m: i64, d: i64) -> Option<Day> {
    Day::from_ymd_opt(i32::try_from(y).ok()?, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// A run of ASCII digits starting at `i`: its end.
fn digits_end(b: &[u8], i: usize) -> usize {
    b[i..].iter().position(|c| !c.is_ascii_digit()).map_or(b.len(), |k| i + k)
}

fn num(b: &[u8], from: usize, to: usize) -> i64 {
    b[from..to].iter().fold(0, |n, c| n * 10 + i64::from(c - b'0'))
}

/// The written day plus its UTC day when a time and a UTC offset are given.
fn with_tz(d: Day, time: Option<(i64, i64, i64)>, offset_minutes: Option<i64>) -> Vec<Day> {
    let mut out = vec![d];
    if let (Some((hh, mm, ss)), Some(off)) = (time, offset_minutes) {
        let t = d.and_hms_opt(hh as u32, mm as u32, ss as u32);
        if let Some(t) = t {
            let utc = (t - chrono::Duration::minutes(off)).date();
            if utc != d {
                out.push(utc);
            }
        }
    }
    out
}

/// `YYYY-MM-DD` (or / or .) with an optional time and offset, searched anywhere.
fn iso(s: &str) -> Option<Option<Vec<Day>>> {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) || i + 4 > b.len() {
            continue;
        }
        if digits_end(b, i) < i + 4 || b.get(i + 4).is_none() {
            continue;
        }
        if digits_end(b, i) != i + 4 {
            continue;
        }
        let sep = b[i + 4];
        if !matches!(sep, b'-' | b'/' | b'.') {
            continue;
        }
        let m0 = i + 5;
        let m1 = digits_end(b, m0);
        if m1 == m0 || m1 - m0 > 2 || b.get(m1) != Some(&sep) {
            continue;
        }
        let d0 = m1 + 1;
        let d1 = digits_end(b, d0);
        if d1 == d0 || d1 - d0 > 2 {
            continue;
        }
        // Found the first match: its day decides (an invalid day falls through to other forms).
        let Some(d) = day(num(b, i, i + 4), num(b, m0, m1), num(b, d0, d1)) else { return Some(None) };
        let (time, offset) = iso_time(b, d1);
        return Some(Some(with_tz(d, time, offset)));
    }
    None
}

/// The optional `[T ]+hh:mm(:ss(.fff)?)?\s*(Z|±hh(:?mm)?|UTC|GMT)?` after a date.
fn iso_time(b: &[u8], mut i: usize) -> (Option<(i64, i64, i64)>, Option<i64>) {
    let start = i;
    while i < b.len() && matches!(b[i], b'T' | b't' | b' ') {
        i += 1;
    }
    if i == start {
        return (None, None);
    }
    let h1 = digits_end(b, i);
    if h1 == i || h1 - i > 2 || b.get(h1) != Some(&b':') || digits_end(b, h1 + 1) < h1 + 3 {
        return (None, None);
    }
    let (hh, mm) = (num(b, i, h1), num(b, h1 + 1, h1 + 3));
    i = h1 + 3;
    let mut ss = 0;
    if b.get(i) == Some(&b':') && digits_end(b, i + 1) >= i + 3 {
        ss = num(b, i + 1, i + 3);
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) && digits_end(b, i + 1) > i + 1 {
            i = digits_end(b, i + 1);
        }
    }
    while i < b.len() && (b[i] as char).is_ascii_whitespace() {
        i += 1;
    }
    let rest = &b[i..];
    let upper = |k: usize| rest.get(..k).map(|r| r.to_ascii_uppercase());
    let offset = if matches!(rest.first(), Some(b'Z' | b'z')) {
        Some(0)
    } else if upper(3).as_deref() == Some(b"UTC") || upper(3).as_deref() == Some(b"GMT") {
        Some(0)
    } else if matches!(rest.first(), Some(b'+' | b'-')) && digits_end(rest, 1) >= 3 {
        let sign = if rest[0] == b'-' { -1 } else { 1 };
        let h = num(rest, 1, 3);
        let mut m = 0;
        let j = if rest.get(3) == Some(&b':') { 4 } else { 3 };
        if digits_end(rest, j) >= j + 2 {
            m = num(rest, j, j + 2);
        }
        Some(sign * (h * 60 + m))
    } else {
        None
    };
    (Some((hh, mm, ss)), offset)
}

/// A month name at byte `i` of a lower-cased string (longest first, optional dot): (month, end).
fn month_at(s: &str, i: usize) -> Option<(u32, usize)> {
    let rest = &s[i..];
    let mut best: Option<(u32, usize)> = None;
    for &(name, m) in MONTHS {
        if rest.starts_with(name) && best.is_none_or(|(_, len)| name.len() > len) {
            best = Some((m, name.len()));
        }
    }
    best.map(|(m, len)| {
        let end = i + len;
        (m, if s[end..].starts_with('.') { end + 1 } else { end })
    })
}

/// "September 4, 2025", "Sept. 4th 2025".
fn mdy_text(s: &str) -> Option<Day> {
    let low = s.to_ascii_lowercase();
    let b = low.as_bytes();
    for i in 0..b.len() {
        if !low.is_char_boundary(i) {
            continue;
        }
        let Some((m, mut j)) = month_at(&low, i) else { continue };
        let ws = j;
        while j < b.len() && (b[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        if j == ws {
            continue;
        }
        let d1 = digits_end(b, j);
        if d1 == j || d1 - j > 2 {
            continue;
        }
        let dd = num(b, j, d1);
        let mut k = d1;
        for suf in ["st", "nd", "rd", "th"] {
            if low[k..].starts_with(suf) {
                k += 2;
                break;
            }
        }
        if b.get(k) == Some(&b',') {
            k += 1;
        }
        let ws = k;
        while k < b.len() && (b[k] as char).is_ascii_whitespace() {
            k += 1;
        }
        if k == ws || digits_end(b, k) != k + 4 {
            continue;
        }
        if let Some(d) = day(num(b, k, k + 4), i64::from(m), dd) {
            return Some(d);
        }
        return None;
    }
    None
}

/// "4 September 2025", "4th of Sep, 2025", "4. Sep 2025".
fn dmy_text(s: &str) -> Option<Day> {
    let low = s.to_ascii_lowercase();
    let b = low.as_bytes();
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        let d1 = digits_end(b, i);
        if d1 - i > 2 {
            continue;
        }
        let mut k = d1;
        for suf in ["st", "nd", "rd", "th"] {
            if low[k..].starts_with(suf) {
                k += 2;
                break;
            }
        }
        if b.get(k) == Some(&b'.') {
            k += 1;
        }
        let ws = k;
        while k < b.len() && (b[k] as char).is_ascii_whitespace() {
            k += 1;
        }
        if k == ws {
            continue;
        }
        if low[k..].starts_with("of") && low[k + 2..].starts_with(|c: char| c.is_ascii_whitespace()) {
            k += 2;
            while k < b.len() && (b[k] as char).is_ascii_whitespace() {
                k += 1;
            }
        }
        let Some((m, mut j)) = month_at(&low, k) else { continue };
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        let ws = j;
        while j < b.len() && (b[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        if j == ws || digits_end(b, j) != j + 4 {
            continue;
        }
        return day(num(b, j, j + 4), i64::from(m), num(b, i, d1));
    }
    None
}

/// `YYYYMMDD`, optionally `THHMM(SS)?(Z|±hh:?mm)?`.
fn compact(s: &str) -> Option<Vec<Day>> {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) || digits_end(b, i) != i + 8 {
            continue;
        }
        let d = day(num(b, i, i + 4), num(b, i + 4, i + 6), num(b, i + 6, i + 8))?;
        let mut time = None;
        let mut offset = None;
        if matches!(b.get(i + 8), Some(b'T')) && digits_end(b, i + 9) >= i + 13 {
            let t = i + 9;
            let ss_end = digits_end(b, t);
            let ss = if ss_end >= t + 6 { num(b, t + 4, t + 6) } else { 0 };
            time = Some((num(b, t, t + 2), num(b, t + 2, t + 4), ss));
            let z = if ss_end >= t + 6 { t + 6 } else { t + 4 };
            let rest = &b[z..];
            if rest.first() == Some(&b'Z') {
                offset = Some(0);
            } else if matches!(rest.first(), Some(b'+' | b'-')) && digits_end(rest, 1) >= 3 {
                let sign = if rest[0] == b'-' { -1 } else { 1 };
                let j = if rest.get(3) == Some(&b':') { 4 } else { 3 };
                if digits_end(rest, j) >= j + 2 {
                    offset = Some(sign * (num(rest, 1, 3) * 60 + num(rest, j, j + 2)));
                }
            }
        }
        return Some(with_tz(d, time, offset));
    }
    None
}

/// `D.M.YYYY` or `M/D/YYYY`: both readings when ambiguous.
fn numeric(s: &str) -> Option<Vec<Day>> {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        let a1 = digits_end(b, i);
        if a1 - i > 2 || !matches!(b.get(a1), Some(b'.' | b'/' | b'-')) {
            continue;
        }
        let c0 = a1 + 1;
        let c1 = digits_end(b, c0);
        if c1 == c0 || c1 - c0 > 2 || !matches!(b.get(c1), Some(b'.' | b'/' | b'-')) {
            continue;
        }
        let y0 = c1 + 1;
        if digits_end(b, y0) != y0 + 4 {
            continue;
        }
        let (x, y, yr) = (num(b, i, a1), num(b, c0, c1), num(b, y0, y0 + 4));
        let days: Vec<Day> = [day(yr, y, x), day(yr, x, y)].into_iter().flatten().collect();
        return (!days.is_empty()).then_some(days);
    }
    None
}

fn parse_dates(s: &str) -> Parsed {
    let s: String = s.nfkc().collect();
    let s = s.trim();
    if s.is_empty() {
        return Parsed::default();
    }
    // "YYYY-MM": month precision.
    let b = s.as_bytes();
    if digits_end(b, 0) == 4 && b.get(4) == Some(&b'-') {
        let m1 = digits_end(b, 5);
        if m1 > 5 && m1 - 5 <= 2 && m1 == b.len() {
            let m = num(b, 5, m1);
            if (1..=12).contains(&m) {
                return Parsed { days: Vec::new(), months: vec![(num(b, 0, 4) as i32, m as u32)] };
            }
        }
    }
    if let Some(Some(days)) = iso(s) {
        return Parsed { days, months: Vec::new() };
    }
    if let Some(d) = mdy_text(s) {
        return Parsed { days: vec![d], months: Vec::new() };
    }
    if let Some(d) = dmy_text(s) {
        return Parsed { days: vec![d], months: Vec::new() };
    }
    if let Some(days) = compact(s) {
        return Parsed { days, months: Vec::new() };
    }
    if let Some(days) = numeric(s) {
        return Parsed { days, months: Vec::new() };
    }
    Parsed::default()
}

fn date_match(truth: &str, pred: &str) -> bool {
    use chrono::Datelike;
    let (t, p) = (parse_dates(truth), parse_dates(pred));
    if !t.days.is_empty() {
        return t.days.iter().any(|d| p.days.contains(d));
    }
    if !t.months.is_empty() {
        return p.days.iter().map(|d| (d.year(), d.month())).chain(p.months.iter().copied()).any(|m| t.months.contains(&m));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_and_trims() {
        assert_eq!(norm("  “Hello —  World!” "), "hello - world");
        assert_eq!(norm("Straße"), "strasse");
        assert_eq!(norm("ｆｕｌｌ\u{ad}width"), "fullwidth");
    }

    #[test]
    fn author_names_drop_labels_titles_and_credentials() {
        assert_eq!(author_names("By Dr. Jane Doe, MD"), vec!["jane doe"]);
        assert_eq!(author_names("Written by: A. Smith and B. Jones"), vec!["a. smith", "b. jones"]);
        assert_eq!(author_names("Von Anna Fink und Jan Marchart"), vec!["anna fink", "jan marchart"]);
        assert_eq!(author_names("Authors: X; W & Z"), vec!["x", "w", "z"]);
        // As in the reference: a lone "y" between spaces is the Spanish "and", so it splits.
        assert_eq!(author_names("X; Y & Z"), vec!["x", "z"]);
        assert_eq!(author_names("Byron Lee"), vec!["byron lee"]);
        assert!(matches("author", "Jane Doe, John Roe", "John Roe and Jane Doe"));
        assert!(!matches("author", "Jane Doe", "Jane Doe, John Roe"));
    }

    #[test]
    fn dates_match_by_day_with_offsets() {
        assert!(matches("published", "2024-05-03 15:47:42.389000+00:00", "2024-05-03T17:47:42+02:00"));
        // 23:30 at -05:00 is the next day in UTC: both days count.
        assert!(matches("published", "2024-05-04", "2024-05-03T23:30:00-05:00"));
        assert!(!matches("published", "2024-05-05", "2024-05-03T23:30:00-05:00"));
        assert!(matches("published", "2025-06", "2025-06-17"));
        assert!(matches("published", "2025-09-04", "September 4th, 2025"));
        assert!(matches("published", "2025-09-04", "Thu, 04 Sep 2025 10:00:00 GMT"));
        assert!(matches("published", "2025-09-04", "20250904"));
        assert!(matches("published", "2025-04-09", "04/09/2025") && matches("published", "2025-09-04", "04/09/2025"));
        assert!(!matches("published", "2025-09-04", "not a date"));
    }

    #[test]
    fn invented_counts_values_where_truth_has_none() {
        let s = score_field("author", &[(None, Some("Site")), (None, None), (Some("A B"), Some("by A B")), (Some("C"), None)]);
        assert_eq!((s.n, s.correct, s.missed, s.n_empty, s.invented), (2, 1, 1, 2, 1));
        assert_eq!((s.acc, s.invented_rate), (Some(0.5), Some(0.5)));
    }
}
