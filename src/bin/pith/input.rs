//! Reading a page from a file or stdin: gzip is unpacked, bytes are decoded to text.
//!
//! UTF-8 first (valid UTF-8 is almost never anything else, and it is what the datasets hold
//! even where a stale `<meta charset>` says otherwise), then a byte-order mark, then the
//! page's own `<meta charset>`, then a guess from the bytes.

use flate2::read::GzDecoder;
use std::io::Read;
use std::path::Path;

pub fn read_source(path: Option<&Path>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match path {
        None => std::io::stdin().read_to_end(&mut bytes).map(|_| ()).map_err(|e| format!("cannot read stdin: {e}"))?,
        Some(p) => {
            bytes = std::fs::read(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("{}: no such file", p.display()),
                std::io::ErrorKind::IsADirectory => format!("{}: is a directory, not a page", p.display()),
                _ => format!("cannot read {}: {e}", p.display()),
            })?
        }
    }
    gunzip_if_needed(bytes)
}

pub fn gunzip_if_needed(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("the input looks gzip-compressed but does not unpack: {e}"))?;
        return Ok(out);
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
    let encoding = meta_charset(head).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

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
    fn missing_file_message() {
        let e = read_source(Some(Path::new("/no/such/page.html"))).unwrap_err();
        assert_eq!(e, "/no/such/page.html: no such file");
    }
}
