//! Parsing URLs: the `url` crate, with international host names written in Punycode here.
//!
//! `Cargo.lock` pins `idna_adapter` to 1.0, the version without Unicode tables: the ICU4X
//! tables that the default version brings cost the WebAssembly module 112 KiB (38 KiB
//! brotli), paid on every bookmarklet click. Without them `url` refuses a host name that is
//! not ASCII (`http://bücher.example/`), so [`parse`] and [`join`] retry such an input with its
//! host written as browsers send it: lowercased, label by label, non-ASCII labels in Punycode
//! (`http://xn--bcher-kva.example/`). What this skips of UTS 46 (compatibility mappings such as
//! full-width letters, and the checks on Punycode labels) changes no address a real page links.

use std::borrow::Cow;
use url::{ParseError, Url};

/// `Url::parse`, accepting non-ASCII host names.
pub fn parse(input: &str) -> Result<Url, ParseError> {
    match ascii_host(input) {
        Some(fixed) => Url::parse(&fixed),
        None => Url::parse(input),
    }
}

/// `base.join(input)`, accepting non-ASCII host names.
pub fn join(base: &Url, input: &str) -> Result<Url, ParseError> {
    match ascii_host(input) {
        Some(fixed) => base.join(&fixed),
        None => base.join(input),
    }
}

/// `input` with a non-ASCII host written in ASCII; `None` when its host (if any) is ASCII
/// already. The sanitizer writes links so even when there is no page URL to resolve them
/// against: what a browser would send, and what any URL parser reads.
///
/// A host that cannot be written so (percent escapes that decode to a character no host may
/// hold, say) comes back decoded, lowercased and escaped again, for `url` to refuse: every
/// non-ASCII host must pass through here, as idna_adapter 1.0 asserts (in debug builds) that
/// it is never handed an uppercase ASCII letter.
pub fn ascii_host(input: &str) -> Option<String> {
    if input.is_ascii() && !input.contains('%') {
        return None;
    }
    // `url` (as browsers) drops every tab and newline first.
    let cleaned: Cow<str> =
        if input.contains(['\t', '\n', '\r']) { input.replace(['\t', '\n', '\r'], "").into() } else { input.into() };
    let input = &*cleaned;
    // The authority follows "scheme:" and slashes ("http://h", "https:\\h", even "http:h"),
    // or "//" alone (a reference relative to the scheme). Other schemes' hosts are opaque to
    // `url`.
    let trimmed = input.trim_start_matches(|c: char| c <= ' ');
    let scheme = scheme_end(trimmed).map(|end| &trimmed[..end]);
    let after_scheme = match scheme {
        Some(s) if SPECIAL.iter().any(|x| s.eq_ignore_ascii_case(x)) => &trimmed[s.len() + 1..],
        Some(_) => return None,
        None => trimmed,
    };
    let rest = after_scheme.trim_start_matches(['/', '\\']);
    let slashes = after_scheme.len() - rest.len();
    // "file:" and scheme-relative references need two; "http:h" names a host all the same.
    let file = scheme.is_some_and(|s| s.eq_ignore_ascii_case("file"));
    if slashes < 2 && (file || scheme.is_none()) {
        return None;
    }
    let start = input.len() - rest.len();
    let end = input[start..].find(['/', '\\', '?', '#']).map_or(input.len(), |i| start + i);
    let authority = &input[start..end];
    // A file URL's host has no user or port.
    let host_start = if file { 0 } else { authority.rfind('@').map_or(0, |i| i + 1) };
    let host_and_port = &authority[host_start..];
    let host = match host_and_port.rfind(':') {
        Some(i) if !file && host_and_port[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &host_and_port[..i],
        _ => host_and_port,
    };
    let decoded = percent_decode(host);
    if decoded.is_ascii() {
        return None;
    }
    let written = punycode_host(&decoded).unwrap_or_else(|| {
        let mut out = String::with_capacity(decoded.len());
        for c in decoded.chars() {
            if forbidden_in_host(c) {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            } else {
                out.push(c.to_ascii_lowercase());
            }
        }
        out
    });
    let host_at = start + host_start;
    Some(format!("{}{}{}", &input[..host_at], written, &input[host_at + host.len()..]))
}

/// The schemes whose hosts are domain names to `url` (and to browsers).
const SPECIAL: [&str; 6] = ["http", "https", "ws", "wss", "ftp", "file"];

/// `host` lowercased label by label, its non-ASCII labels in Punycode; `None` if it holds a
/// character no host name may (the parse is then left to fail).
fn punycode_host(host: &str) -> Option<String> {
    if host.is_empty() || host.contains(forbidden_in_host) {
        return None;
    }
    let mut ascii = String::with_capacity(host.len() + 8);
    // UTS 46 maps the ideographic and full-width full stops to ".".
    for (i, label) in host.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']).enumerate() {
        if i > 0 {
            ascii.push('.');
        }
        let label = label.to_lowercase();
        if label.is_ascii() {
            ascii.push_str(&label);
        } else {
            ascii.push_str("xn--");
            ascii.push_str(&idna::punycode::encode_str(&label)?);
        }
    }
    Some(ascii)
}

fn forbidden_in_host(c: char) -> bool {
    c.is_control() || c.is_whitespace() || "#%/:<>?@[\\]^|".contains(c)
}

/// `%XX` escapes decoded (as `url` does to a host before reading it), lossily as UTF-8.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let (bytes, mut out) = (s.as_bytes(), Vec::with_capacity(s.len()));
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

/// The index of the ":" that ends a URL scheme at the start of `s`, if there is one.
fn scheme_end(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut bytes = scheme.bytes();
    (bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
    .then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_international_hosts_in_punycode() {
        assert_eq!(parse("http://Bücher.example/a?q=ü#x").unwrap().as_str(), "http://xn--bcher-kva.example/a?q=%C3%BC#x");
        assert_eq!(parse("https://user:pw@例え.テスト:8080/パス").unwrap().host_str(), Some("xn--r8jz45g.xn--zckzah"));
        assert_eq!(parse("https://user:pw@例え.テスト:8080/").unwrap().port(), Some(8080));
        assert_eq!(parse("https://例え。テスト/").unwrap().host_str(), Some("xn--r8jz45g.xn--zckzah"));
        let base = Url::parse("https://news.example/world/story").unwrap();
        assert_eq!(join(&base, "//mañana.example/x").unwrap().as_str(), "https://xn--maana-pta.example/x");
        assert_eq!(join(&base, "http://MAÑANA.example").unwrap().as_str(), "http://xn--maana-pta.example/");
    }

    #[test]
    fn odd_hosts() {
        // Percent escapes in a host are decoded first, as `url` does.
        assert_eq!(parse("http://K%C3%BCste.example/").unwrap().host_str(), Some("xn--kste-0ra.example"));
        // Special schemes need no slashes; others' hosts are not domain names.
        assert_eq!(parse("HTTP:Küste.example").unwrap().as_str(), "http://xn--kste-0ra.example/");
        assert_eq!(ascii_host("foo://Küste/"), None);
        // Escapes that decode to what no host holds (or to uppercase letters) fail, not panic.
        assert!(parse("http://%4B%C3%BC%2Fx.example/").is_err());
        assert!(parse("http://%4BÜ\u{0}.example/").is_err());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever the input, no panic (idna_adapter 1.0 asserts on uppercase letters next to
        /// non-ASCII ones in debug builds: run this without --release too), and any host that
        /// comes out is ASCII.
        #[test]
        fn any_input_parses_or_fails(s in "[ \t]?(http:|HTTPS:|Ftp:|file:|foo:|)[/\\\\]{0,3}(u@)?([a-zA-Z0-9.:@\\-。ÜüКк例\u{0}\u{212A}İßǅＡ\\[\\]\t]|%[0-9A-Fa-f]{2}){0,12}([/?#][a-zA-Zü%]{0,3})?") {
            let base = Url::parse("https://news.example/a/b").unwrap();
            for url in [parse(&s), join(&base, &s)].into_iter().flatten() {
                proptest::prop_assert!(url.host_str().is_none_or(|h| h.is_ascii()), "{s:?} -> {url}");
            }
        }
    }

    #[test]
    fn idna_stays_without_unicode_tables() {
        // `cargo update` would bring back idna_adapter 1.2 and its 112 KiB of ICU4X tables.
        let lock = include_str!("../Cargo.lock");
        let entry = "name = \"idna_adapter\"\nversion = \"";
        let at = lock.find(entry).expect("idna_adapter in Cargo.lock");
        let version = &lock[at + entry.len()..];
        assert!(version.starts_with("1.0."), "idna_adapter {}: pin it again with `cargo update -p idna_adapter --precise 1.0.0`", &version[..8]);
    }

    #[test]
    fn leaves_paths_and_ascii_hosts_alone() {
        let base = Url::parse("https://news.example/world/story").unwrap();
        // Non-ASCII in the path of a relative reference is not a host.
        assert_eq!(join(&base, "straße/ü").unwrap().as_str(), "https://news.example/world/stra%C3%9Fe/%C3%BC");
        assert_eq!(join(&base, "/über").unwrap().as_str(), "https://news.example/%C3%BCber");
        assert_eq!(ascii_host("https://news.example/ü"), None);
        assert_eq!(ascii_host("über"), None);
        // What does not parse still does not.
        assert!(parse("http://exa mple.ü/").is_err());
        assert!(parse("ü").is_err());
        assert!(parse("https://").is_err());
    }
}
