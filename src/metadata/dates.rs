//! Publication dates as pages write them, to ISO 8601.
//!
//! Machine-readable values (`2014-06-20T15:10:00Z`, RFC 2822) go through chrono; dates
//! written for people ("Jun. 20, 2014 - 03:10PM", "20 juin 2014", "2014/06/20") through a
//! small tokenizer. A date is returned only when year, month and day are all stated and
//! unambiguous: `05/06/2014` could be May or June, so it gives nothing.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// The normalized date, or `None` when `s` states no complete, valid date.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return plausible(dt.date_naive()).then(|| format_offset(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return plausible(dt.date_naive()).then(|| format_offset(dt));
    }
    if let Some(iso) = parse_iso_like(s) {
        return Some(iso);
    }
    parse_human(s)
}

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year())
}

fn format_offset(dt: DateTime<FixedOffset>) -> String {
    if dt.offset().local_minus_utc() == 0 {
        dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// ISO 8601 with the usual liberties: a space for `T`, no seconds, fractions, `+hhmm`
/// offsets, or a date alone.
fn parse_iso_like(s: &str) -> Option<String> {
    // Dates are ASCII: reading only the ASCII start keeps every byte slice below on a char
    // boundary ("2024-05-1\u{FFFD}" once sliced through a multi-byte character and panicked).
    let s = &s[..s.find(|c: char| !c.is_ascii()).unwrap_or(s.len())];
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (date, rest) = if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/' || b[4] == b'.') && b[7] == b[4] {
        (NaiveDate::parse_from_str(&s[..10].replace(['/', '.'], "-"), "%Y-%m-%d").ok()?, &s[10..])
    } else if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        (NaiveDate::parse_from_str(s, "%Y%m%d").ok()?, "")
    } else {
        return None;
    };
    if !plausible(date) {
        return None;
    }
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    // Time: hh:mm[:ss[.fff]] then an optional offset.
    let tb = rest.as_bytes();
    if tb.len() < 5 || tb[2] != b':' {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    let mut end = 5;
    if tb.len() >= 8 && tb[5] == b':' {
        end = 8;
        while end < tb.len() && (tb[end] == b'.' || tb[end].is_ascii_digit()) {
            end += 1;
        }
    }
    let time_str = rest[..end.min(8)].to_string();
    let time = NaiveTime::parse_from_str(&time_str, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(&time_str, "%H:%M"))
        .ok();
    let Some(time) = time else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let dt = NaiveDateTime::new(date, time);
    let tz = rest[end..].trim();
    match parse_offset(tz) {
        Some(off) => dt.and_local_timezone(off).single().map(format_offset),
        None => Some(dt.format("%Y-%m-%dT%H:%M:%S").to_string()),
    }
}

/// `Z`, `+02:00`, `+0200`, `-05`, or a common zone abbreviation.
fn parse_offset(tz: &str) -> Option<FixedOffset> {
    let tz = tz.trim();
    if tz.is_empty() {
        return None;
    }
    if tz.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let b = tz.as_bytes();
    if b[0] == b'+' || b[0] == b'-' {
        let digits: String = tz[1..].chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            2 => (digits.parse::<i32>().ok()?, 0),
            4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
            _ => return None,
        };
        let secs = (h * 3600 + m * 60) * if b[0] == b'-' { -1 } else { 1 };
        return FixedOffset::east_opt(secs);
    }
    zone_abbreviation(tz).and_then(|h| FixedOffset::east_opt((h * 3600.0) as i32))
}

fn zone_abbreviation(tz: &str) -> Option<f64> {
    Some(match tz.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "UT" => 0.0,
        "EST" => -5.0,
        "EDT" => -4.0,
        "CST" => -6.0,
        "CDT" => -5.0,
        "MST" => -7.0,
        "MDT" => -6.0,
        "PST" => -8.0,
        "PDT" => -7.0,
        "AKST" => -9.0,
        "AKDT" => -8.0,
        "HST" => -10.0,
        "BST" => 1.0,
        "CET" => 1.0,
        "CEST" => 2.0,
        "EET" => 2.0,
        "EEST" => 3.0,
        "IST" => 5.5,
        "JST" => 9.0,
        "KST" => 9.0,
        "AEST" => 10.0,
        "AEDT" => 11.0,
        _ => return None,
    })
}

/// Is `word` (lowercase) a month's name or its usual abbreviation?
pub(super) fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|(n, _)| *n == word)
}

/// Month names and their usual abbreviations in the languages most pages are written in.
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
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish, Portuguese, Italian
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize), // value, digit count
    Month(u32),
    Sep(char),
    Word(String),
    Time(u32, u32, u32),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            // hh:mm[:ss]
            if i < chars.len() && chars[i] == ':' && digits.len() <= 2 {
                let mut parts = vec![digits.parse::<u32>().unwrap_or(99)];
                while i < chars.len() && chars[i] == ':' && parts.len() < 3 {
                    let s2 = i + 1;
                    let mut j = s2;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    if j - s2 != 2 {
                        break;
                    }
                    parts.push(chars[s2..j].iter().collect::<String>().parse().unwrap_or(99));
                    i = j;
                }
                if parts.len() >= 2 {
                    toks.push(Tok::Time(parts[0], parts[1], *parts.get(2).unwrap_or(&0)));
                    continue;
                }
            }
            if digits.len() <= 4 {
                toks.push(Tok::Num(digits.parse().unwrap_or(0), digits.len()));
            }
            // Ordinal suffixes: 20th, 1st, 2nd, 3rd.
            let mut j = i;
            while j < chars.len() && chars[j].is_alphabetic() {
                j += 1;
            }
            let suffix: String = chars[i..j].iter().collect::<String>().to_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "o") {
                i = j;
            }
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let w: String = chars[start..i].iter().collect::<String>().to_lowercase();
            match MONTHS.iter().find(|(n, _)| *n == w) {
                Some(&(_, m)) => toks.push(Tok::Month(m)),
                None => toks.push(Tok::Word(w)),
            }
        } else {
            if matches!(c, '-' | '/' | '.') {
                toks.push(Tok::Sep(c));
            }
            i += 1;
        }
    }
    toks
}

fn parse_human(s: &str) -> Option<String> {
    let toks = tokenize(s);
    let mut date: Option<NaiveDate> = None;
    // A month name with a day number beside it and a four-digit year nearby.
    for (i, t) in toks.iter().enumerate() {
        if let Tok::Month(m) = *t {
            let day_after = match toks.get(i + 1) {
                Some(Tok::Num(d, n)) if *n <= 2 => Some(*d),
                Some(Tok::Sep('.')) => match toks.get(i + 2) {
                    Some(Tok::Num(d, n)) if *n <= 2 => Some(*d),
                    _ => None,
                },
                _ => None,
            };
            let day_before = match i.checked_sub(1).and_then(|j| toks.get(j)) {
                Some(Tok::Num(d, n)) if *n <= 2 => Some(*d),
                Some(Tok::Sep('.')) => match i.checked_sub(2).and_then(|j| toks.get(j)) {
                    Some(Tok::Num(d, n)) if *n <= 2 => Some(*d),
                    _ => None,
                },
                _ => None,
            };
            let year = toks[i.saturating_sub(4)..(i + 5).min(toks.len())].iter().find_map(|t| match t {
                Tok::Num(y, 4) => Some(*y as i32),
                _ => None,
            });
            if let (Some(y), Some(d)) = (year, day_after.or(day_before)) {
                date = NaiveDate::from_ymd_opt(y, m, d);
                if date.is_some() {
                    break;
                }
            }
        }
    }
    // Numeric dates: Y-M-D, D.M.Y, or M/D/Y and D/M/Y when only one reading is valid.
    if date.is_none() {
        for w in toks.windows(5) {
            if let [Tok::Num(a, na), Tok::Sep(s1), Tok::Num(b, nb), Tok::Sep(s2), Tok::Num(c, nc)] = w {
                if s1 != s2 {
                    continue;
                }
                let (a, b, c) = (*a, *b, *c);
                date = if *na == 4 && *nb <= 2 && *nc <= 2 {
                    NaiveDate::from_ymd_opt(a as i32, b, c)
                } else if *nc == 4 && *na <= 2 && *nb <= 2 {
                    if *s1 == '.' || a > 12 {
                        NaiveDate::from_ymd_opt(c as i32, b, a)
                    } else if b > 12 || a == b {
                        // Only the month/day reading is valid, or both readings agree.
                        NaiveDate::from_ymd_opt(c as i32, a, b)
                    } else {
                        None
                    }
                } else {
                    None
                };
                if date.is_some() {
                    break;
                }
            }
        }
    }
    let date = date.filter(|d| plausible(*d))?;
    // A time of day, with am/pm, and a zone when given.
    let mut time = None;
    let mut tz = None;
    for (i, t) in toks.iter().enumerate() {
        if let Tok::Time(h, m, sec) = *t {
            let mut h = h;
            let mut j = i + 1;
            match toks.get(j) {
                Some(Tok::Word(w)) if w == "pm" || w == "p" => {
                    if h < 12 {
                        h += 12;
                    }
                    j += 1;
                }
                Some(Tok::Word(w)) if w == "am" || w == "a" => {
                    if h == 12 {
                        h = 0;
                    }
                    j += 1;
                }
                _ => {}
            }
            // "p.m." tokenizes as p . m .
            if matches!(toks.get(j), Some(Tok::Sep('.'))) && matches!(toks.get(j + 1), Some(Tok::Word(w)) if w == "m") {
                j += 2;
            }
            time = NaiveTime::from_hms_opt(h, m, sec);
            let zone = toks[j.min(toks.len())..].iter().take(3).find_map(|t| match t {
                Tok::Word(w) => Some(w),
                _ => None,
            });
            if let Some(w) = zone {
                tz = zone_abbreviation(w).and_then(|o| FixedOffset::east_opt((o * 3600.0) as i32));
            }
            break;
        }
    }
    Some(match (time, tz) {
        (Some(t), Some(off)) => NaiveDateTime::new(date, t)
            .and_local_timezone(off)
            .single()
            .map(format_offset)
            .unwrap_or_else(|| date.format("%Y-%m-%d").to_string()),
        (Some(t), None) => NaiveDateTime::new(date, t).format("%Y-%m-%dT%H:%M:%S").to_string(),
        _ => date.format("%Y-%m-%d").to_string(),
    })
}

/// A date in a URL path (`/2014/06/20/slug`), the way many CMSs file their stories.
pub fn date_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let segs: Vec<&str> = path.split('/').collect();
    for w in segs.windows(3) {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4 && m.len() == 2 && (d.len() == 2 || d.starts_with(|c: char| c.is_ascii_digit()) && d.len() >= 2)
        {
            let d = &d[..2];
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|d| plausible(*d)) {
                    return Some(date.format("%Y-%m-%d").to_string());
                }
            }
        }
    }
    // /20140620/ or -2014-06-20-
    for seg in segs {
        let digits: String = seg.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 8
            && (seg.len() == 8 || seg.contains(&format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..])))
        {
            if let Ok(date) = NaiveDate::parse_from_str(&digits, "%Y%m%d") {
                if plausible(date) {
                    return Some(date.format("%Y-%m-%d").to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_formats() {
        assert_eq!(parse_date("2014-06-20").unwrap(), "2014-06-20");
        assert_eq!(parse_date("2014-06-20T15:10:00Z").unwrap(), "2014-06-20T15:10:00Z");
        assert_eq!(parse_date("2014-06-20T15:10:00.123-04:00").unwrap(), "2014-06-20T15:10:00-04:00");
        assert_eq!(parse_date("2014-06-20 15:10").unwrap(), "2014-06-20T15:10:00");
        assert_eq!(parse_date("2014-06-20T15:10:00+0200").unwrap(), "2014-06-20T15:10:00+02:00");
        assert_eq!(parse_date("Fri, 20 Jun 2014 15:10:00 GMT").unwrap(), "2014-06-20T15:10:00Z");
        assert_eq!(parse_date("20140620").unwrap(), "2014-06-20");
    }

    #[test]
    fn human_formats() {
        assert_eq!(parse_date("Jun. 20, 2014 - 03:10PM").unwrap(), "2014-06-20T15:10:00");
        assert_eq!(parse_date("June 20th, 2014").unwrap(), "2014-06-20");
        assert_eq!(parse_date("Published 20 June 2014").unwrap(), "2014-06-20");
        assert_eq!(parse_date("Friday, June 20, 2014 3:10 p.m. EDT").unwrap(), "2014-06-20T15:10:00-04:00");
        assert_eq!(parse_date("20. Juni 2014").unwrap(), "2014-06-20");
        assert_eq!(parse_date("le 3 février 2021").unwrap(), "2021-02-03");
        assert_eq!(parse_date("20.06.2014").unwrap(), "2014-06-20");
        assert_eq!(parse_date("06/20/2014").unwrap(), "2014-06-20");
        assert_eq!(parse_date("2014/06/20").unwrap(), "2014-06-20");
    }

    #[test]
    fn refuses_what_is_not_a_full_date() {
        for s in ["", "June 2014", "05/06/2014", "yesterday", "3 hours ago", "2014", "Feb 30, 2014", "Jun 20"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn url_dates() {
        assert_eq!(date_from_url("https://x.com/news/2014/06/20/story-slug/").unwrap(), "2014-06-20");
        assert_eq!(date_from_url("https://x.com/2014-06-20-story").unwrap(), "2014-06-20");
        assert_eq!(date_from_url("https://x.com/news/story-123456789"), None);
        assert_eq!(date_from_url("https://x.com/archive/2014/06/"), None);
    }
}
