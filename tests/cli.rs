#![cfg(not(target_arch = "wasm32"))]
//! The `pith` binary as a user meets it: `extract` agrees with the library, reads files, stdin
//! and gzip, decodes declared encodings, and fails with one clear `pith: ...` line (never a
//! panic, never partial output); `eval` writes predictions the reference scorer
//! (`../shared/eval/score.py`) scores exactly as `pith eval` does.

use flate2::write::GzEncoder;
use flate2::Compression;
use pith::{Article, Options};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const PITH: &str = env!("CARGO_BIN_EXE_pith");
const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/score.py");

/// A directory under the system temp dir, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pith-cli-test-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Temp(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pith(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(PITH)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Written from a thread so a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = si.write_all(&input);
        });
    }
    child.wait_with_output().expect("pith finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_success(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: status {:?}, stderr {}", o.status, stderr(o));
    assert!(!stderr(o).contains("panicked"), "{what}: {}", stderr(o));
}

/// A failure a user can act on: non-zero status, one `pith: ` line on stderr, nothing else.
fn assert_clean_failure(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert!(!o.status.success(), "{what}: succeeded");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{what}: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: stderr is not one line: {err:?}");
    assert!(lines[0].starts_with("pith: ") && lines[0].len() > "pith: ".len() + 5, "{what}: {err:?}");
    assert!(o.stdout.is_empty(), "{what}: stdout {:?}", stdout(o));
    lines[0].to_string()
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>How the village kept its bakery | The Valley Post</title>
<meta name="author" content="Tomas Reyes">
<meta property="article:published_time" content="2023-11-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/about">About us</a></nav>
<article>
<h1>How the village kept its bakery</h1>
<p>When the owners of the only bakery in Hollin Bridge announced their retirement last spring, most
people assumed the shop would become another holiday let. Instead, forty-one residents pooled their
savings, formed a cooperative and bought the building, the ovens and the recipe book.</p>
<p>The cooperative employs two bakers full time and a rota of volunteers who open the shop at six.
Bread sells out by ten on most days, and the sourdough, which uses a starter said to be older than
the church roof, has a waiting list on Saturdays. <a href="/local/coop-rules">The rules of the cooperative</a>
are pinned to the door.</p>
<p>Members receive no dividend. What money is left at the end of the year goes into a fund for
repairs, and the first large bill, for a new flue, was paid in October without anyone being asked
for a penny more.</p>
</article>
<footer><p>&copy; The Valley Post. <a href="/privacy">Privacy</a></p></footer>
</body></html>"#;

fn library(html: &str) -> Article {
    pith::extract(html, &Options::default()).expect("the library extracts the page")
}

/// The library's result with the timings (which differ from run to run) zeroed.
fn untimed(mut a: Article) -> Article {
    a.stats.parse_ms = 0.0;
    a.stats.extract_ms = 0.0;
    a
}

#[test]
fn extract_json_matches_the_library() {
    let t = Temp::new("json");
    let file = t.file("page.html", PAGE.as_bytes());
    let o = pith(&["extract", file.to_str().unwrap()], None);
    assert_success(&o, "extract");
    let from_cli: Article = serde_json::from_str(&stdout(&o)).expect("stdout is an Article as JSON");
    let want = untimed(library(PAGE));
    assert_eq!(untimed(from_cli), want);
    // The JSON uses the JavaScript (camelCase) names.
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in ["contentHtml", "wordCount", "readingMinutes", "siteName"] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert_eq!(v["stats"]["inputBytes"], PAGE.len());
    assert_eq!(want.title.as_deref(), Some("How the village kept its bakery"));
}

#[test]
fn formats_print_the_matching_field() {
    let t = Temp::new("formats");
    let file = t.file("page.html", PAGE.as_bytes());
    let a = library(PAGE);
    let document = pith::markdown_document(&a, &pith::DocumentOptions::default());
    for (format, want) in [("text", &a.text), ("html", &a.content_html), ("markdown", &Some(document))] {
        let o = pith(&["extract", file.to_str().unwrap(), "--format", format], None);
        assert_success(&o, format);
        let want = want.as_deref().unwrap();
        assert_eq!(stdout(&o), format!("{}\n", want.trim_end()), "{format}");
        assert!(stdout(&o).contains("forty-one residents"), "{format}");
    }
}

#[test]
fn markdown_is_the_document_with_its_header() {
    let t = Temp::new("markdown-doc");
    let file = t.file("page.html", PAGE.as_bytes());
    let a = library(PAGE);
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "markdown"], None);
    assert_success(&o, "markdown");
    let out = stdout(&o);
    assert!(out.starts_with(&format!("# {}\n\n", a.title.as_deref().unwrap())), "{out}");
    assert!(out.ends_with(&format!("{}\n", a.markdown.as_deref().unwrap().trim_end())), "the body follows the header");
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "markdown", "--front-matter"], None);
    assert_success(&o, "front matter");
    let out = stdout(&o);
    assert!(out.starts_with(&format!("---\ntitle: \"{}\"\n", a.title.as_deref().unwrap())), "{out}");
    assert!(out.contains("\n---\n\n# "), "{out}");
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "text", "--front-matter"], None);
    assert!(!o.status.success(), "--front-matter without --format markdown is refused");
}

#[test]
fn stdin_with_dash_and_without_a_file() {
    let a = library(PAGE);
    for args in [&["extract", "-", "--format", "text"][..], &["extract", "--format", "text"][..]] {
        let o = pith(args, Some(PAGE.as_bytes()));
        assert_success(&o, &format!("{args:?}"));
        assert_eq!(stdout(&o).trim_end(), a.text.as_deref().unwrap().trim_end(), "{args:?}");
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn gzip_input_from_file_and_stdin() {
    let t = Temp::new("gzip");
    let gz = gzip(PAGE.as_bytes());
    let file = t.file("page.html.gz", &gz);
    let want = library(PAGE).text.unwrap();
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "text"], None);
    assert_success(&o, "gzip file");
    assert_eq!(stdout(&o).trim_end(), want.trim_end());
    let o = pith(&["extract", "--format", "text"], Some(&gz));
    assert_success(&o, "gzip stdin");
    assert_eq!(stdout(&o).trim_end(), want.trim_end());
    // A gzip header with garbage after it is an error, not a crash.
    let mut broken = gz[..12].to_vec();
    broken.extend_from_slice(b"not deflate data at all");
    let o = pith(&["extract", t.file("broken.gz", &broken).to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "broken gzip").contains("gzip"));
}

#[test]
fn url_resolves_links() {
    let t = Temp::new("url");
    let file = t.file("page.html", PAGE.as_bytes());
    let url = "https://valleypost.example/2023/11/bakery.html";
    let o = pith(&["extract", file.to_str().unwrap(), "--url", url, "--format", "html"], None);
    assert_success(&o, "--url");
    let html = stdout(&o);
    assert!(html.contains("href=\"https://valleypost.example/local/coop-rules\""), "{html}");
    // Without a URL the link stays relative.
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "html"], None);
    assert!(stdout(&o).contains("href=\"/local/coop-rules\""));
    // And the JSON reports the URL.
    let o = pith(&["extract", file.to_str().unwrap(), "--url", url], None);
    let a: Article = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(a.url.as_deref(), Some(url));
}

#[test]
fn latin1_page_with_meta_charset() {
    let t = Temp::new("latin1");
    let page = PAGE
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"iso-8859-1\">")
        .replace("most\npeople assumed", "most\npeople, caf\u{e9} regulars included, assumed");
    // Encode as Latin-1: every char of this page is below U+0100.
    let bytes: Vec<u8> = page.chars().map(|c| u8::try_from(c as u32).expect("Latin-1 char")).collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file really is not UTF-8");
    let file = t.file("latin1.html", &bytes);
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "text"], None);
    assert_success(&o, "latin-1");
    assert!(stdout(&o).contains("caf\u{e9} regulars included"), "{}", stdout(&o));
    assert!(!stdout(&o).contains('\u{FFFD}'));
}

/// PAGE with accented words in every paragraph.
fn accented_page() -> String {
    PAGE.replace("most\npeople assumed", "most\npeople, caf\u{e9} regulars included, assumed")
        .replace("employs two bakers", "employs two bakers (un boulanger, une p\u{e2}tissi\u{e8}re)")
        .replace("Members receive", "Members (les soci\u{e9}taires) receive")
}

#[test]
fn latin1_bytes_under_a_false_utf8_declaration() {
    let t = Temp::new("lying-charset");
    let page = accented_page();
    assert!(page.contains("<meta charset=\"utf-8\">"));
    let bytes: Vec<u8> = page.chars().map(|c| u8::try_from(c as u32).expect("Latin-1 char")).collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let file = t.file("lying.html", &bytes);
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "text"], None);
    assert_success(&o, "meta charset utf-8 over Latin-1 bytes");
    let text = stdout(&o);
    for want in ["caf\u{e9} regulars", "une p\u{e2}tissi\u{e8}re", "les soci\u{e9}taires"] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert!(!text.contains('\u{FFFD}'), "{text}");
}

#[test]
fn utf8_with_one_stray_byte_stays_utf8() {
    let t = Temp::new("stray-byte");
    let page =
        accented_page().replace("forty-one residents", "forty-one r\u{e9}sidents (\u{2018}les habitu\u{e9}s\u{2019})");
    let mut bytes = page.into_bytes();
    // One Latin-1 byte pasted into an otherwise UTF-8 page: "garçons" with a bare 0xE7.
    let at = bytes.windows(9).position(|w| w == b"sourdough").unwrap();
    bytes.splice(at..at, b"gar\xe7ons' ".iter().copied());
    let file = t.file("stray.html", &bytes);
    let o = pith(&["extract", file.to_str().unwrap(), "--format", "text"], None);
    assert_success(&o, "stray byte");
    let text = stdout(&o);
    for want in [
        "caf\u{e9} regulars",
        "une p\u{e2}tissi\u{e8}re",
        "\u{2018}les habitu\u{e9}s\u{2019}",
        "gar\u{FFFD}ons' sourdough",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert_eq!(text.matches('\u{FFFD}').count(), 1, "{text}");
    assert!(!text.contains("\u{c3}"), "decoded as windows-1252: {text}");
}

#[test]
fn utf16_pages_with_byte_order_mark() {
    let t = Temp::new("utf16");
    let page = PAGE.replace("sourdough", "sourdough (\u{201c}le levain\u{201d}, \u{65e5}\u{672c})");
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(page.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(page.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for (name, bytes) in [("le", le), ("be", be)] {
        let file = t.file(&format!("utf16{name}.html"), &bytes);
        let o = pith(&["extract", file.to_str().unwrap(), "--format", "text"], None);
        assert_success(&o, name);
        assert!(
            stdout(&o).contains("sourdough (\u{201c}le levain\u{201d}, \u{65e5}\u{672c})"),
            "{name}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn errors_are_one_clear_line() {
    let t = Temp::new("errors");
    let missing = t.0.join("no-such-page.html");
    let o = pith(&["extract", missing.to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "missing file").contains("no such file"));

    let o = pith(&["extract", t.0.to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "directory").contains("directory"));

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let o = pith(&["extract", t.file("image.png", &png).to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "binary").contains("binary"));

    let o = pith(&["extract", t.file("empty.html", b"").to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "empty file").contains("empty"));
    let o = pith(&["extract", t.file("blank.html", b"  \n\t\n").to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "blank file").contains("empty"));

    let o = pith(&["extract", t.file("notes.txt", b"Just some notes, no markup at all.\n").to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "plain text").contains("not HTML (plain text without a single tag)"));
    let o = pith(&["extract", "-"], Some(b"{\"title\": \"a JSON document\"}"));
    assert!(assert_clean_failure(&o, "JSON on stdin").contains("not HTML (JSON"));

    let o =
        pith(&["extract", t.file("nothing.html", b"<html><body><div></div></body></html>").to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "no content").contains("no readable text"));

    // 33 MiB of real markup: over the 32 MiB default limit.
    let mut big = String::with_capacity(34 << 20);
    big.push_str("<html><body><article>");
    while big.len() < 33 << 20 {
        big.push_str("<p>Another paragraph of the enormous page, with words, and more words.</p>\n");
    }
    let file = t.file("big.html", big.as_bytes());
    drop(big);
    let o = pith(&["extract", file.to_str().unwrap()], None);
    let line = assert_clean_failure(&o, "too large");
    assert!(line.contains("limit") && line.contains("MiB"), "{line}");

    let page = t.file("page.html", PAGE.as_bytes());
    for url in ["javascript:alert(1)", "not a url"] {
        let o = pith(&["extract", page.to_str().unwrap(), "--url", url], None);
        let line = assert_clean_failure(&o, url);
        assert!(line.contains("URL"), "{line}");
    }
}

/// `pith` with its address space capped at `kib` KiB (the shell's `ulimit -v`): reading more
/// than that fails with "out of memory".
fn pith_capped(kib: usize, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let script = format!("ulimit -v {kib} && exec \"$0\" \"$@\"");
    let mut all = vec!["-c", script.as_str(), PITH];
    all.extend_from_slice(args);
    let mut child = Command::new("sh")
        .args(&all)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = si.write_all(&input);
        });
    }
    child.wait_with_output().expect("pith finishes")
}

#[test]
fn gzip_bomb_is_refused_without_unpacking_it() {
    // 100 MiB of spaces, a few hundred KiB packed.
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    let block = vec![b' '; 1 << 20];
    for _ in 0..100 {
        e.write_all(&block).unwrap();
    }
    let bomb = e.finish().unwrap();
    assert!(bomb.len() < 2 << 20);
    let t = Temp::new("bomb");
    let file = t.file("bomb.html.gz", &bomb);
    let want = "pith: the input unpacks to more than 1.0 MiB but the limit is 1.0 MiB: \
                give a smaller page or raise the limit (--max-bytes)";
    // 60 MiB of address space: enough for pith and a 1 MiB page, not for the unpacked bomb.
    let o = pith_capped(60 << 10, &["extract", file.to_str().unwrap(), "--max-bytes", "1M"], None);
    assert_eq!(assert_clean_failure(&o, "bomb file"), want);
    let o = pith_capped(60 << 10, &["extract", "-", "--max-bytes", "1M"], Some(&bomb));
    assert_eq!(assert_clean_failure(&o, "bomb on stdin"), want);
    // The default limit (32 MiB) stops it too.
    let o = pith(&["extract", file.to_str().unwrap()], None);
    let line = assert_clean_failure(&o, "bomb, default limit");
    assert!(line.contains("unpacks to more than 32.0 MiB but the limit is 32.0 MiB"), "{line}");
}

#[test]
fn endless_stdin_is_cut_at_the_limit() {
    let spaces = vec![b' '; 200 << 20];
    let o = pith_capped(60 << 10, &["extract", "--max-bytes", "1M"], Some(&spaces));
    assert_eq!(
        assert_clean_failure(&o, "endless stdin"),
        "pith: the input is more than 1.0 MiB but the limit is 1.0 MiB: give a smaller page or raise the limit (--max-bytes)"
    );
}

#[test]
fn max_bytes_sets_the_limit() {
    let t = Temp::new("max-bytes");
    let file = t.file("page.html", PAGE.as_bytes());
    let o = pith(&["extract", file.to_str().unwrap(), "--max-bytes", "1000"], None);
    let line = assert_clean_failure(&o, "under the page size");
    let size = format!("{:.1} KiB", PAGE.len() as f64 / 1024.0);
    assert_eq!(
        line,
        format!(
            "pith: the input is {size} but the limit is 1000 bytes: give a smaller page or raise the limit (--max-bytes)"
        )
    );
    for ok in ["3K", "3k", "64M", "1G", &PAGE.len().to_string()] {
        let o = pith(&["extract", file.to_str().unwrap(), "--format", "text", "--max-bytes", ok], None);
        assert_success(&o, ok);
        assert!(stdout(&o).contains("forty-one residents"), "{ok}");
    }
    let o = pith(&["extract", file.to_str().unwrap(), "--max-bytes", &(PAGE.len() - 1).to_string()], None);
    assert!(!o.status.success());
    // Decoding can make text longer than its bytes (Latin-1 é is two bytes in UTF-8): the
    // library's own check reports that in the same words.
    let latin1: Vec<u8> = PAGE
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"iso-8859-1\">")
        .bytes()
        .chain(std::iter::repeat_n(0xE9, 600))
        .collect();
    let file = t.file("latin1.html", &latin1);
    let limit = (latin1.len() + 100).to_string();
    let o = pith(&["extract", file.to_str().unwrap(), "--max-bytes", &limit], None);
    let line = assert_clean_failure(&o, "longer once decoded");
    assert!(
        line.contains(&format!("but the limit is {}", human(latin1.len() + 100))) && line.ends_with("(--max-bytes)"),
        "{line}"
    );
    for bad in ["lots", "12X", "0", "-1"] {
        let o = pith(&["extract", file.to_str().unwrap(), &format!("--max-bytes={bad}")], None);
        assert!(!o.status.success(), "{bad}");
        assert!(stderr(&o).contains("--max-bytes"), "{bad}: {}", stderr(&o));
    }
    // eval takes it too: every page over the limit fails.
    let ds = t.0.join("ds");
    t.file("ds/html/a.html", PAGE.as_bytes());
    t.file("ds/truth/a.txt", b"forty-one residents");
    let json = t.0.join("e.json");
    let o = pith(&["eval", ds.to_str().unwrap(), "--max-bytes", "1K", "--json", json.to_str().unwrap()], None);
    assert_success(&o, "eval --max-bytes");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["failed"], 1, "{v}");
}

fn human(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

#[test]
fn random_bytes_without_control_characters_are_binary() {
    // No NUL and no control byte, not UTF-8: the decoder guesses a code page for it, and what
    // comes out is still no text.
    let mut seed = 12345u64;
    let bytes: Vec<u8> = std::iter::repeat_with(|| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as u8
    })
    .filter(|&b| b >= 0x20)
    .take(40_000)
    .collect();
    let t = Temp::new("random");
    let o = pith(&["extract", t.file("noise.bin", &bytes).to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "random bytes").contains("binary"));
}

#[test]
fn closed_stdout_is_not_a_crash() {
    // Output far larger than a pipe's buffer, so writing hits the closed pipe.
    let para = "<p>A long article about the river, its bridges, its ferries and the towns along it, \
                with enough words in every paragraph to read as prose.</p>\n";
    let page = format!("<html><body><article>{}</article></body></html>", para.repeat(20_000));
    let t = Temp::new("pipe");
    let file = t.file("long.html", page.as_bytes());
    for format in ["text", "json"] {
        let mut child = Command::new(PITH)
            .args(["extract", file.to_str().unwrap(), "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read the first bytes (as `| head -c 10` does), then close our end.
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        out.read_exact(&mut first).unwrap();
        drop(out);
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(err.is_empty(), "{format}: stderr {err:?}");
        // Killed by SIGPIPE or exited: either is fine, a panic's status 101 is not.
        assert_ne!(status.code(), Some(101), "{format}");
    }
}

// --- eval ---

/// Pages for the synthetic dataset: (id, title, paragraphs). The truth is the paragraphs.
const ARTICLES: &[(&str, &str, &[&str])] = &[
    (
        "orchard",
        "The orchard that came back",
        &[
            "Twenty years after the last apple was picked, the old orchard on Mill Lane is bearing fruit again. \
             Volunteers cleared brambles from sixty trees over two winters and grafted new wood onto the oldest ones.",
            "Some of the varieties had not been recorded anywhere else in the county. A retired botanist matched \
             them against drawings in a seed catalogue from 1890 and found three that were thought to be lost.",
            "The first harvest was pressed into juice at the village hall in September, and every bottle was sold \
             before the afternoon was out.",
        ],
    ),
    (
        "lighthouse",
        "A keeper's log goes online",
        &[
            "The logbooks of the Skerry Point lighthouse, kept by hand from 1854 until the light was automated, \
             have been scanned and published by the county archive.",
            "The entries record weather, passing ships and the daily trimming of the wicks, but also births, \
             quarrels and a winter when the keepers ran out of coal and burned the furniture.",
            "Archivists hope that sailing clubs and family historians will help transcribe the pages, which are \
             written in at least nine different hands.",
        ],
    ),
    (
        "choir",
        "The choir with no auditions",
        &[
            "Anyone can join the Thursday choir at the community centre, and nobody is asked to sing alone. \
             The conductor, a former music teacher, says the only rule is that everybody stays for tea afterwards.",
            "The choir now has ninety members, the youngest of them eleven and the oldest ninety-three, and it \
             performed at the cathedral for the first time at Christmas.",
            "Its repertoire runs from sea shanties to a setting of the psalms that the conductor wrote himself \
             during a long illness.",
        ],
    ),
    (
        "ferry",
        "Night ferry timetable to change",
        &[
            "The night ferry between the two harbours will leave an hour later from March, the operator said \
             on Monday, after complaints from shift workers at the hospital.",
            "The change means the last crossing will arrive after midnight, and the bus company has agreed to \
             hold its final service at the terminal until the ferry docks.",
            "Fares will not change this year, although the operator warned that the price of fuel could force \
             a rise in the autumn.",
        ],
    ),
    (
        "library",
        "Library extends its opening hours",
        &[
            "The central library will open on Sunday afternoons from next month, the first change to its hours \
             in a decade. The extra hours are paid for by a bequest from a former borrower.",
            "The bequest came with a letter asking that the money be spent on keeping the doors open rather \
             than on the building, which the writer said had always been handsome enough.",
            "Staff will run a homework club on Sundays and a repair café in the basement once a month.",
        ],
    ),
    (
        "market",
        "Saturday market moves indoors",
        &[
            "After forty years in the square, the Saturday market will move into the old corn exchange for the \
             winter months. Traders voted for the move after a season of storms flattened their stalls twice.",
            "The corn exchange has room for fifty stalls, ten more than the square, and the council has offered \
             the extra places to young traders at half the usual rent.",
            "The market will return to the square at Easter, when the fountain is switched back on.",
        ],
    ),
];

fn dataset_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title} | Harbour Gazette</title></head><body>\n\
         <header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav></header>\n\
         <main><article><h1>{title}</h1>\n{body}</article>\n\
         <aside><h2>Most read</h2><ul><li><a href=\"/a\">Council tax to rise</a></li>\
         <li><a href=\"/b\">Road closed for repairs</a></li></ul></aside></main>\n\
         <footer><p>Harbour Gazette, all rights reserved. <a href=\"/contact\">Contact</a></p></footer></body></html>"
    )
}

/// P, R, F1 from a JSON file's `summary`.
fn prf(path: &Path) -> (f64, f64, f64) {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = &v["summary"];
    let f = |k: &str| s[k].as_f64().unwrap_or_else(|| panic!("{k} missing in {}", path.display()));
    (f("precision"), f("recall"), f("f1"))
}

/// Runs score.py and returns its P, R, F1. Where `../shared` is there, score.py must be too;
/// on a checkout without it the comparison is skipped with a banner on the real stderr (not
/// the captured one, so it shows without `--nocapture`).
fn reference_score(dataset: &Path, pred: &Path, out: &Path) -> Option<(f64, f64, f64)> {
    if !Path::new(SCORE_PY).is_file() {
        let shared = Path::new(SCORE_PY).parent().and_then(Path::parent).expect("../shared");
        assert!(
            !shared.join("datasets").is_dir(),
            "{} exists but {SCORE_PY} does not: the reference scorer must be there to compare with",
            shared.join("datasets").display()
        );
        let _ = writeln!(
            std::io::stderr(),
            "\n{bar}\nSKIPPED: {SCORE_PY} not found.\n\
             `pith eval` was NOT compared with the reference scorer (score.py).\n\
             Put ../shared/eval/score.py beside this checkout to run the comparison\n\
             (cargo test --test cli -- --nocapture shows the test's own output).\n{bar}",
            bar = "=".repeat(72)
        );
        return None;
    }
    let o = Command::new("python3")
        .arg(SCORE_PY)
        .args([dataset.as_os_str(), pred.as_os_str()])
        .arg("--json")
        .arg(out)
        .args(["--n-bootstrap", "0"])
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "score.py: {}", String::from_utf8_lossy(&o.stderr));
    Some(prf(out))
}

fn assert_close(ours: (f64, f64, f64), theirs: (f64, f64, f64)) {
    for (name, a, b) in [("P", ours.0, theirs.0), ("R", ours.1, theirs.1), ("F1", ours.2, theirs.2)] {
        assert!((a - b).abs() <= 0.001, "{name}: pith eval {a} vs score.py {b}");
    }
}

#[test]
fn eval_common_layout_agrees_with_the_reference_scorer() {
    let t = Temp::new("eval-common");
    let ds = t.0.join("synthetic");
    let mut meta = String::new();
    for (id, title, paras) in ARTICLES {
        t.file(&format!("synthetic/html/{id}.html.gz"), &gzip(dataset_page(title, paras).as_bytes()));
        t.file(&format!("synthetic/truth/{id}.txt"), paras.join("\n\n").as_bytes());
        meta.push_str(&format!(
            "{{\"id\": \"{id}\", \"url\": \"https://harbour.example/{id}.html\", \"title\": \"{title}\", \"page_type\": \"article\"}}\n"
        ));
    }
    // A page whose extraction fails still counts (as an empty prediction).
    t.file("synthetic/html/blank.html.gz", &gzip(b"<html><body></body></html>"));
    t.file("synthetic/truth/blank.txt", b"Text that the page does not hold at all.");
    t.file("synthetic/meta.jsonl", meta.as_bytes());
    let pred = t.0.join("pred");
    let json = t.0.join("pith.json");
    let o = pith(
        &["eval", ds.to_str().unwrap(), "--pred-dir", pred.to_str().unwrap(), "--json", json.to_str().unwrap()],
        None,
    );
    assert_success(&o, "eval");
    for (id, _, paras) in ARTICLES {
        let got = std::fs::read_to_string(pred.join(format!("{id}.txt"))).unwrap();
        assert!(
            got.contains(paras[0].split_whitespace().take(6).collect::<Vec<_>>().join(" ").as_str()),
            "{id}: {got}"
        );
        assert!(!got.contains("Council tax to rise"), "{id}: the sidebar leaked in");
    }
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["summary"]["pages"], ARTICLES.len() + 1);
    assert_eq!(v["failed"], 1);
    let ours = prf(&json);
    assert!(ours.0 > 0.9 && ours.2 > 0.8, "simple pages score high: {ours:?}");
    if let Some(theirs) = reference_score(&ds, &pred, &t.0.join("score.json")) {
        assert_close(ours, theirs);
    }
}

#[test]
fn eval_readability_layout() {
    let t = Temp::new("eval-readability");
    let ds = t.0.join("pages");
    for (id, title, paras) in &ARTICLES[..3] {
        t.file(&format!("pages/{id}/source.html"), dataset_page(title, paras).as_bytes());
        let expected: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        t.file(
            &format!("pages/{id}/expected.html"),
            format!("<div id=\"readability-page-1\">{expected}</div>").as_bytes(),
        );
        t.file(
            &format!("pages/{id}/expected-metadata.json"),
            format!("{{\"title\": \"{title}\", \"readerable\": true}}").as_bytes(),
        );
    }
    let pred = t.0.join("pred");
    let json = t.0.join("pith.json");
    let o = pith(
        &["eval", ds.to_str().unwrap(), "--pred-dir", pred.to_str().unwrap(), "--json", json.to_str().unwrap()],
        None,
    );
    assert_success(&o, "eval");
    assert!(stdout(&o).contains("pages 3"), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["summary"]["pages"], 3);
    assert_eq!(v["metadata"]["title"]["acc"], 1.0, "{v}");
    let ours = prf(&json);
    assert!(ours.2 > 0.8, "{ours:?}");
    if let Some(theirs) = reference_score(&ds, &pred, &t.0.join("score.json")) {
        assert_close(ours, theirs);
    }
}

#[test]
fn eval_errors_are_one_clear_line() {
    let t = Temp::new("eval-errors");
    let o = pith(&["eval", t.0.join("absent").to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "missing dataset").contains("not a dataset directory"));
    let o = pith(&["eval", t.0.to_str().unwrap()], None);
    assert!(assert_clean_failure(&o, "empty dataset").contains("no pages"));
}

const META_SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/meta_score.py");

/// `pith eval --metadata`: accuracy where the truth has a value, invented where it has none, by
/// the reference metadata scorer's rules, and the same figures as meta_score.py reports.
#[test]
fn eval_metadata_agrees_with_the_reference_metadata_scorer() {
    let t = Temp::new("eval-meta");
    let ds = t.0.join("synthetic");
    // (byline and date the page states, truth author, truth date)
    let cases: [(Option<&str>, Option<&str>, &str, &str); 4] = [
        (Some("By Jane Doe"), Some("2024-05-03"), "\"Jane Doe\"", "\"2024-05-03 09:00:00+00:00\""),
        (Some("By John Roe"), Some("2024-05-04"), "\"Mary Major\"", "\"2024-05-05\""),
        (Some("By Ann Lee"), None, "null", "null"),
        (None, None, "null", "null"),
    ];
    let mut meta = String::new();
    for (i, ((id, title, paras), (byline, date, author, published))) in ARTICLES.iter().zip(cases).enumerate() {
        let mut head = String::new();
        if let Some(b) = byline {
            head.push_str(&format!("<p class=\"byline\">{b}</p>"));
        }
        if let Some(d) = date {
            head.push_str(&format!("<time datetime=\"{d}\">{d}</time>"));
        }
        let page = dataset_page(title, paras).replace(&format!("<h1>{title}</h1>"), &format!("<h1>{title}</h1>{head}"));
        t.file(&format!("synthetic/html/{id}.html"), page.as_bytes());
        t.file(&format!("synthetic/truth/{id}.txt"), paras.join("\n\n").as_bytes());
        meta.push_str(&format!(
            "{{\"id\": \"{id}\", \"title\": \"{title}\", \"author\": {author}, \"publish_date\": {published}, \"n\": {i}}}\n"
        ));
    }
    t.file("synthetic/meta.jsonl", meta.as_bytes());
    let pred = t.0.join("pred");
    let json = t.0.join("pith.json");
    let o = pith(
        &["eval", ds.to_str().unwrap(), "--metadata", "--pred-dir", pred.to_str().unwrap(), "--json", json.to_str().unwrap()],
        None,
    );
    assert_success(&o, "eval --metadata");
    assert!(stdout(&o).contains("invented"), "the table is printed: {}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let m = &v["metadata"];
    assert_eq!((m["author"]["n"].as_u64(), m["author"]["correct"].as_u64()), (Some(2), Some(1)), "{m}");
    assert_eq!((m["author"]["n_empty"].as_u64(), m["author"]["invented"].as_u64()), (Some(2), Some(1)), "{m}");
    assert_eq!((m["published"]["n"].as_u64(), m["published"]["correct"].as_u64()), (Some(2), Some(1)), "{m}");
    assert_eq!(m["published"]["invented"].as_u64(), Some(0), "{m}");
    assert_eq!(m["title"]["acc"].as_f64(), Some(1.0), "{m}");
    if !Path::new(META_SCORE_PY).is_file() {
        assert!(reference_score(&ds, &pred, &t.0.join("score.json")).is_none());
        return;
    }
    let out = t.0.join("meta-ref.json");
    let o = Command::new("python3").arg(META_SCORE_PY).args([ds.as_os_str(), pred.as_os_str()]).arg("--json").arg(&out).output().expect("python3 runs");
    assert!(o.status.success(), "meta_score.py: {}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    for field in ["title", "author", "published"] {
        for k in ["acc", "invented_rate"] {
            let (a, b) = (m[field][k].as_f64(), r["fields"][field][k].as_f64());
            assert!(
                a.is_some() == b.is_some() && (a.unwrap_or(0.0) - b.unwrap_or(0.0)).abs() <= 0.001,
                "{field} {k}: pith eval {a:?} vs meta_score.py {b:?}"
            );
        }
    }
}
