//! The JavaScript API (wasm32 only): `extract`, `extractDocument`, `isProbablyReaderable`.
//! Results cross as plain objects with camelCase fields; errors as JS `Error`s carrying the
//! same messages as the CLI.
//!
//! Objects cross as JSON text (`JSON.stringify` / `JSON.parse` on the JS side, serde_json
//! here): serde_json is in the build anyway (JSON-LD metadata), and a second serde stack
//! (serde-wasm-bindgen and the js-sys calls it makes per field) cost more wasm than the two
//! string copies cost time.

use crate::{Article, Error, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** What to extract and how. Every field is optional. */
export interface Options {
  /** The page's URL: relative links and images are resolved against it. */
  url?: string;
  /** Renderings to produce (default: all three). */
  formats?: Array<"html" | "text" | "markdown">;
  /** Refuse inputs larger than this many bytes (default 32 MiB). */
  maxInputBytes?: number;
  /** Which way to lean on doubtful blocks (default "balanced"). */
  favor?: "precision" | "balanced" | "recall";
  /** Also return `annotatedHtml`: the page with what Pith removed marked (default false). */
  annotate?: boolean;
}

/** Measurements of one extraction. */
export interface Stats {
  inputBytes: number;
  nodesIn: number;
  nodesKept: number;
  parseMs: number;
  extractMs: number;
}

/** The article found in a page. Absent metadata is `null`; renderings not asked for are `null`. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601, only when the page states a date. */
  published: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
  /** Absolute URL of the lead image. */
  image: string | null;
  url: string | null;
  /** Sanitized HTML: allow-listed tags and attributes, no scripts, handlers or javascript: URLs. */
  contentHtml: string | null;
  text: string | null;
  markdown: string | null;
  /** With `options.annotate`: the page as parsed, scripts and handlers removed, its dropped
   * blocks marked `data-pith-removed` and kept ones `data-pith-kept`. */
  annotatedHtml: string | null;
  wordCount: number;
  readingMinutes: number;
  stats: Stats;
}

/** How `markdownDocument` writes the document. */
export interface DocumentOptions {
  /** The metadata as YAML front matter (Obsidian-style) instead of lines under the title. */
  frontMatter?: boolean;
}
"#;

/// The most memory one instance may hold: 1 GiB. Set where it is enforced, by the linker
/// (`--max-memory` in .cargo/config.toml): `memory.grow` past it fails, so a page that needs
/// more cannot take a tab's memory with it. 1 GiB is about 50 times a 20 MB page of ordinary
/// shape (the generated worst shapes of scripts/bench-linear.py need more and are refused);
/// real pages of a few megabytes need a few hundred MiB at most.
pub const MAX_MEMORY_BYTES: usize = 1 << 30;

/// The system allocator, noting the size of a request it could not meet. A failed allocation
/// aborts (a trap; wasm32 cannot unwind), so the reason is lost by the time the JS wrapper
/// sees the trap: it asks `__pithOutOfMemory()` whether this was the cause, and tells the
/// person the page is too large rather than that Pith crashed.
struct NotingFailures;

static FAILED_REQUEST_BYTES: AtomicUsize = AtomicUsize::new(0);

fn noted(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        FAILED_REQUEST_BYTES.store(size.max(1), Ordering::Relaxed);
    }
    ptr
}

// SAFETY: every call is passed straight to `System`, which upholds GlobalAlloc's contract.
unsafe impl GlobalAlloc for NotingFailures {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        noted(unsafe { System.alloc(layout) }, layout.size())
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        noted(unsafe { System.alloc_zeroed(layout) }, layout.size())
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        noted(unsafe { System.realloc(ptr, layout, new_size) }, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: NotingFailures = NotingFailures;

/// For the JS wrapper, after a trap: the size in bytes of the allocation that failed in this
/// instance, or 0 if none did. Reads one static, so it still answers on a trapped instance.
#[wasm_bindgen(js_name = __pithOutOfMemory)]
pub fn out_of_memory() -> f64 {
    FAILED_REQUEST_BYTES.load(Ordering::Relaxed) as f64
}

fn to_js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn options_from(js: JsValue) -> Result<Options, JsError> {
    if js.is_undefined() || js.is_null() {
        return Ok(Options::default());
    }
    let text = js_sys::JSON::stringify(&js)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("invalid options: not an object JSON can hold"))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn article_to_js(a: &Article) -> Result<JsValue, JsError> {
    // Absent fields are `null` (serde_json writes `None` so), objects are plain objects.
    let text = serde_json::to_string(a).map_err(|e| JsError::new(&format!("cannot return the article: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("cannot return the article: JSON.parse refused it"))
}

/// Extracts the article from a page's HTML.
#[wasm_bindgen(js_name = extract, unchecked_return_type = "Article")]
pub fn extract_js(
    html: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    let article = crate::extract(html, &options).map_err(to_js_error)?;
    article_to_js(&article)
}

/// Extracts the article of the document this code runs in (`window.document`), using its
/// URL for relative links unless `options.url` says otherwise.
#[wasm_bindgen(js_name = extractDocument, unchecked_return_type = "Article")]
pub fn extract_document(
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    let mut options = options_from(options)?;
    let (html, url) = snapshot_document()?;
    if options.url.is_none() {
        options.url = url.filter(|u| u.starts_with("http"));
    }
    let article = crate::extract(&html, &options).map_err(to_js_error)?;
    article_to_js(&article)
}

/// Serializes the live document (as it is now, after scripts ran) and reads its URL.
fn snapshot_document() -> Result<(String, Option<String>), JsError> {
    let window =
        web_sys::window().ok_or_else(|| JsError::new("extractDocument needs a browser window (there is none here)"))?;
    let document = window.document().ok_or_else(|| JsError::new("this window has no document"))?;
    let root = document.document_element().ok_or_else(|| JsError::new("the document is empty"))?;
    let url = document.url().ok();
    Ok((root.outer_html(), url))
}

/// The Markdown document a person downloads: title, byline and date, source URL, then the
/// body (`render::document`). Reads the fields it needs from an Article object (as `extract`
/// returns it; missing fields are left out) rather than deserializing the whole of it, which
/// would cost the wasm a deserializer for every field of Article.
#[wasm_bindgen(js_name = markdownDocument)]
pub fn markdown_document_js(
    #[wasm_bindgen(unchecked_param_type = "Partial<Article>")] article: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DocumentOptions")] options: JsValue,
) -> Result<String, JsError> {
    if !article.is_object() {
        return Err(JsError::new("markdownDocument(article): article must be an object, as extract() returns it"));
    }
    let field = |name: &str| js_sys::Reflect::get(&article, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    let a = Article {
        title: field("title"),
        byline: field("byline"),
        published: field("published"),
        site_name: field("siteName"),
        lang: field("lang"),
        excerpt: field("excerpt"),
        url: field("url"),
        markdown: field("markdown"),
        ..Article::default()
    };
    let front_matter = options.is_object()
        && js_sys::Reflect::get(&options, &JsValue::from_str("frontMatter")).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    Ok(crate::markdown_document(&a, &crate::DocumentOptions { front_matter }))
}

/// A quick check whether the page holds an article worth extracting.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable_js(html: &str) -> bool {
    crate::is_probably_readerable(html)
}

/// The version of the Pith core.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Test-only (cargo feature `test-panic`, never in a shipped build): panics, so the JS
/// wrapper's recovery from a trapped instance (`www/pith.js`) can be tested. It first recurses
/// through about `stack_kib` KiB of the shadow stack: a trap does not unwind, so the stack
/// pointer stays where the panic left it, and a large enough value leaves too little stack
/// for the next call, the way a panic deep inside a real extraction would poison the instance.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test(message: &str, stack_kib: u32) {
    fn descend(kib_left: u32, message: &str) -> u8 {
        let frame = std::hint::black_box([kib_left as u8; 16 * 1024]);
        if kib_left <= 16 {
            panic!("test panic: {message}");
        }
        frame[0].wrapping_add(descend(kib_left - 16, message))
    }
    std::hint::black_box(descend(stack_kib, message));
}

/// Test-only (cargo feature `test-panic`): allocates and fills `mib` MiB, as a huge page
/// would, so the wrapper's handling of the memory cap can be tested in a second rather than
/// with a page that takes a minute to outgrow it. Past the cap the allocation aborts: a trap.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __allocateForTest)]
pub fn allocate_for_test(mib: u32) -> u32 {
    let block = vec![1u8; mib as usize * 1024 * 1024];
    std::hint::black_box(&block).iter().step_by(4096).map(|&b| b as u32).sum()
}
