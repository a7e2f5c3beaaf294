//! The types that cross the API: what goes in (`Options`), what comes out (`Article`), and
//! what can go wrong (`Error`). Field names are snake_case in Rust and camelCase once
//! serialized, which is the shape JavaScript callers see.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The article found in a page, with its metadata and the renderings asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Publication date as ISO 8601 (`2014-06-20` or `2014-06-20T15:10:00-04:00`), only when
    /// the page states one; never guessed.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    /// Absolute URL of the lead image.
    pub image: Option<String>,
    /// The page URL (canonical when the page names one and it parses).
    pub url: Option<String>,
    /// Sanitized article HTML (allow-listed tags and attributes only).
    pub content_html: Option<String>,
    /// Plain text, one block per line, blank line between paragraphs.
    pub text: Option<String>,
    pub markdown: Option<String>,
    /// With `Options::annotate`: the page as parsed (scripts and handlers removed), its
    /// dropped blocks marked `data-pith-removed` and kept ones `data-pith-kept`.
    pub annotated_html: Option<String>,
    pub word_count: usize,
    pub reading_minutes: u32,
    pub stats: Stats,
}

/// Measurements of one extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub input_bytes: usize,
    /// Element and text nodes in the parsed page.
    pub nodes_in: usize,
    /// Element and text nodes in the article.
    pub nodes_kept: usize,
    pub parse_ms: f64,
    pub extract_ms: f64,
}

/// The renderings an extraction can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Text,
    Markdown,
}

/// Which way to lean when a block could be article or boilerplate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Favor {
    /// Keep doubtful blocks out.
    Precision,
    #[default]
    Balanced,
    /// Keep doubtful blocks in.
    Recall,
}

/// How to extract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The page's URL: relative links and images are resolved against it. Without it, the
    /// page's own absolute `<link rel=canonical>` (else `og:url`) is used, when it has one.
    pub url: Option<String>,
    /// Renderings to produce; the others stay `None`.
    pub formats: Vec<Format>,
    /// Inputs larger than this (in bytes) are refused with [`Error::TooLarge`].
    pub max_input_bytes: usize,
    pub favor: Favor,
    /// Also return `Article::annotated_html`, the page with what was removed marked.
    pub annotate: bool,
    /// Learned models to use instead of the shipped ones (for measuring them out of sample).
    #[doc(hidden)]
    #[serde(skip)]
    pub models: Option<crate::models::ModelOverride>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            formats: vec![Format::Html, Format::Text, Format::Markdown],
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            favor: Favor::Balanced,
            annotate: false,
            models: None,
        }
    }
}

/// 32 MiB: larger than any real article page, small enough to parse in about a second.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

impl Options {
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    pub fn with_formats(mut self, formats: &[Format]) -> Self {
        self.formats = formats.to_vec();
        self
    }

    pub fn wants(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }

    /// The learned models this extraction uses.
    pub fn models(&self) -> crate::models::Models<'_> {
        let shipped = crate::models::shipped();
        match &self.models {
            Some(o) => o.0.over(shipped),
            None => shipped,
        }
    }
}

/// Why an extraction failed. Each message says what was wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Nothing but whitespace was given.
    Empty,
    /// The input is binary data, not an HTML page.
    NotText { reason: String },
    /// The input is text without a single HTML tag (plain text, JSON, Markdown...).
    NotHtml { looks_like: &'static str },
    /// The input is larger than `Options::max_input_bytes`.
    TooLarge { bytes: usize, limit: usize },
    /// `Options::url` is not an absolute http(s) or file URL.
    InvalidUrl { url: String, reason: String },
    /// The page parsed but holds no readable text.
    NoContent,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "the document is empty: give the HTML of a page"),
            Error::NotText { reason } => {
                write!(f, "the input is not an HTML page but binary data ({reason})")
            }
            Error::NotHtml { looks_like } => {
                write!(f, "the input is not HTML ({looks_like} without a single tag): give the HTML source of a page")
            }
            Error::TooLarge { bytes, limit } => write!(
                f,
                "the input is {} but the limit is {}: give a smaller page or raise the limit",
                human_bytes(*bytes),
                human_bytes(*limit)
            ),
            Error::InvalidUrl { url, reason } => {
                write!(f, "the page URL {url:?} is not usable ({reason}): give an absolute http(s) URL")
            }
            Error::NoContent => write!(f, "the page has no readable text"),
        }
    }
}

impl std::error::Error for Error {}

/// A byte count as people read it: "512 bytes", "3.4 KiB", "32.0 MiB".
pub fn human_bytes(n: usize) -> String {
    const KIB: f64 = 1024.0;
    let n = n as f64;
    if n >= KIB * KIB {
        format!("{:.1} MiB", n / (KIB * KIB))
    } else if n >= KIB {
        format!("{:.1} KiB", n / KIB)
    } else {
        format!("{n} bytes")
    }
}
