//! Reading a page from a file or stdin: gzip is unpacked, bytes are decoded to text.
//!
//! Every read stops one byte past the size limit, before and after unpacking, so a huge file
//! or a small gzip bomb costs no more memory than the limit.
//!
//! Decoding: a byte-order mark first, then UTF-8 (valid UTF-8 is almost never anything else,
//! and it is what the datasets hold even where a stale `<meta charset>` says otherwise; UTF-8
//! with a stray bad byte or two is still UTF-8), then the page's own `<meta charset>` unless it
//! claims a UTF-8 the bytes are not, then a guess from the bytes.

use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

/// How big the input was, when it was over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Known exactly (a file's length).
    Exact(u64),
    /// Reading stopped past the limit (stdin, or what a gzip file unpacks to).
    Over,
    /// The gzip file unpacks to more than the limit.
    UnpacksOver,
}

/// The one-line message for an input over `limit` bytes; the library's wording, with the
/// option that raises the limit.
pub fn too_large(size: Size, limit: usize) -> String {
    let limit_text = human_bytes(limit as u64);
    let what = match size {
        Size::Exact(n) => format!("the input is {}", human_bytes(n)),
        Size::Over => format!("the input is more than {limit_text}"),
        Size::UnpacksOver => format!("the input unpacks to more than {limit_text}"),
    };
    format!("{what} but the limit is {limit_text}: give a smaller page or raise the limit (--max-bytes)")
}

fn human_bytes(n: u64) -> String {
    pith::article::human_bytes(usize::try_from(n).unwrap_or(usize::MAX))
}

/// A size given on the command line: a number of bytes, with an optional binary suffix
/// (`K`, `M`, `G`, also written `KB`/`KiB`...), e.g. `64M`, `1G`, `500000`.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, suffix) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| format!("{s:?} is not a size (e.g. 500000, 64M, 1G)"))?;
    let shift = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{s:?} is not a size (e.g. 500000, 64M, 1G)")),
    };
    let bytes = n.checked_mul(1 << shift).filter(|&b| b > 0).ok_or_else(|| format!("{s:?} is not a usable size"))?;
    Ok(usize::try_from(bytes).unwrap_or(usize::MAX))
}

/// Reads at most `limit + 1` bytes: `Err(Size::Over)` when there were more than `limit`.
fn read_capped(reader: impl Read, limit: usize) -> std::io::Result<Result<Vec<u8>, Size>> {
    let cap = (limit as u64).saturating_add(1);
    let mut out = Vec::new();
    reader.take(cap).read_to_end(&mut out)?;
    if out.len() as u64 > limit as u64 {
        return Ok(Err(Size::Over));
    }
    Ok(Ok(out))
}

pub fn read_source(path: Option<&Path>, limit: usize) -> Result<Vec<u8>, String> {
    let bytes = match path {
        None => read_capped(std::io::stdin().lock(), limit).map_err(|e| format!("cannot read stdin: {e}"))?,
        Some(p) => {
            let opened = std::fs::File::open(p).and_then(|f| {
                // Opening a directory succeeds on Unix; reading it fails. Say what it is.
                if f.metadata()?.is_dir() {
                    return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
                }
                Ok(f)
            });
            let file = opened.map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("{}: no such file", p.display()),
                std::io::ErrorKind::IsADirectory => format!("{}: is a directory, not a page", p.display()),
                _ => format!("cannot read {}: {e}", p.display()),
            })?;
            let len = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            read_capped(file, limit)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?
                .map_err(|over| len.map_or(over, Size::Exact))
        }
    };
    let bytes = bytes.map_err(|size| too_large(size, limit))?;
    gunzip_if_needed(bytes, limit)
}

pub fn gunzip_if_needed(bytes: Vec<u8>, limit: usize) -> Result<Vec<u8>, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return read_capped(GzDecoder::new(&bytes[..]), limit)
            .map_err(|e| format!("the input looks gzip-compressed but does not unpack: {e}"))?
            .map_err(|_| too_large(Size::UnpacksOver, limit));
    }
    Ok(bytes)
}

/// Bytes to text; `Err` for data that is clearly not text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("the input is not an HTML page but binary data (it contains NUL bytes)".to_string());
    }
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    // A page that says UTF-8 but is not (a template's header over a Latin-1 body, a copy
    // re-saved by an editor) gets the guess, as if it declared nothing.
    let declared = meta_charset(head).filter(|&e| e != encoding_rs::UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Deny)
    });
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// UTF-8 with a stray bad byte (a truncated character, a pasted Latin-1 letter) is still
/// UTF-8: at least four in five of its non-ASCII sequences are valid. Text in a legacy
/// encoding almost never holds a valid multi-byte sequence (an accented letter is one byte,
/// followed by ASCII; a valid pair there is itself UTF-8 pasted in), so the two are far
/// apart, and a mostly English page with eight accented letters and one bad byte, which a
/// stricter share would hand to windows-1252, loses one letter rather than eight.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid * 100 >= (valid + invalid) * MOSTLY_UTF8_PERCENT
}

const MOSTLY_UTF8_PERCENT: usize = 80;

/// The encoding a page declares in its first bytes (`<meta charset=...>` or
/// `http-equiv` content type).
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&lower);
    let at = text.find("charset=")? + "charset=".len();
    let label: String = text[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    // A page that claims UTF-16 in ASCII bytes is not UTF-16.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_declared_and_guessed_encodings() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin1).unwrap().contains("café"));
        let utf8 = "<p>café</p>".as_bytes();
        assert_eq!(decode(utf8).unwrap(), "<p>café</p>");
        let bom16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<p>x</p>".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&bom16).unwrap(), "<p>x</p>");
        assert!(decode(b"\x00\x01\x02\xff\xfe binary").is_err());
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut page =
            "<p>caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e na\u{ef}ve \u{2014} \u{65e5}\u{672c}</p>".repeat(4).into_bytes();
        page.extend_from_slice(b"<p>fran\xe7ais</p>");
        let text = decode(&page).unwrap();
        assert!(text.contains("caf\u{e9} cr\u{e8}me"), "{text}");
        assert!(text.contains("fran\u{FFFD}ais"), "{text}");
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
        // Two bad bytes in every three non-ASCII sequences is not UTF-8.
        assert!(!mostly_utf8(b"caf\xc3\xa9 caf\xe9 caf\xe9"));
        // Four good to one bad is; three to one is not.
        let four_to_one: Vec<u8> = "caf\u{e9} ".repeat(4).bytes().chain(*b"\xe9").collect();
        assert!(mostly_utf8(&four_to_one));
        assert!(!mostly_utf8(&four_to_one[7..]));
        assert!(!mostly_utf8(b"plain \xff"));
    }

    #[test]
    fn a_false_utf8_declaration_is_ignored() {
        let page = b"<meta charset=\"utf-8\"><p>Le caf\xe9 \xe9tait tr\xe8s fr\xe9quent\xe9, \xe0 l'\xe9poque o\xf9 les gar\xe7ons servaient la cr\xe8me br\xfbl\xe9e.</p>";
        let text = decode(page).unwrap();
        assert!(
            text.contains(
                "Le caf\u{e9} \u{e9}tait tr\u{e8}s fr\u{e9}quent\u{e9}, \u{e0} l'\u{e9}poque o\u{f9} les gar\u{e7}ons"
            ),
            "{text}"
        );
    }

    #[test]
    fn missing_file_message() {
        let e = read_source(Some(Path::new("/no/such/page.html")), 1000).unwrap_err();
        assert_eq!(e, "/no/such/page.html: no such file");
    }

    #[test]
    fn reads_stop_past_the_limit() {
        // An endless source: reading it whole would never end.
        assert_eq!(read_capped(std::io::repeat(b' '), 1000).unwrap(), Err(Size::Over));
        assert_eq!(read_capped(&[b'x'; 1000][..], 1000).unwrap().unwrap().len(), 1000);
        assert_eq!(read_capped(&[b'x'; 1001][..], 1000).unwrap(), Err(Size::Over));
        assert_eq!(read_capped(&b""[..], usize::MAX).unwrap().unwrap().len(), 0);
    }

    #[test]
    fn gzip_is_unpacked_no_further_than_the_limit() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        // 64 MiB of spaces, a few dozen KiB packed.
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let block = vec![b' '; 1 << 20];
        for _ in 0..64 {
            e.write_all(&block).unwrap();
        }
        let gz = e.finish().unwrap();
        assert!(gz.len() < 1 << 20);
        let err = gunzip_if_needed(gz.clone(), 1 << 20).unwrap_err();
        assert_eq!(
            err,
            "the input unpacks to more than 1.0 MiB but the limit is 1.0 MiB: give a smaller page or raise the limit (--max-bytes)"
        );
        assert_eq!(gunzip_if_needed(gz, 64 << 20).unwrap().len(), 64 << 20);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("500000"), Ok(500_000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("2KB"), Ok(2048));
        for bad in ["", "M", "12X", "-5", "0", "1.5M", "99999999999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(
            too_large(Size::Exact(33 << 20), 32 << 20).split(':').next(),
            Some("the input is 33.0 MiB but the limit is 32.0 MiB")
        );
    }
}
