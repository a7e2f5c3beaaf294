//! The Markdown document a person downloads or copies: the article's title, byline, date and
//! source, then its body. One function writes it for every surface (the demo page, the
//! bookmarklet and the extension through `markdownDocument()` in wasm, the CLI's
//! `--format markdown`), so the files they save are the same.
//!
//! ```text
//! # How the village kept its bakery            ---
//!                                              title: "How the village kept its bakery"
//! _Ana Lima · 2024-05-02_                      author: "Ana Lima"
//!                                              published: 2024-05-02
//! Source: <https://example.com/bakery>         source: "https://example.com/bakery"
//!                                              site: "The Valley Post"
//! The body…                                    ---
//!                                              (then the same without the byline lines)
//! ```
//!
//! With front matter (Obsidian, Jekyll, Hugo and static-site tools read it), the metadata is
//! YAML between `---` lines, its strings in double quotes (JSON strings, which YAML reads as
//! they are), and the heading and body follow.

use crate::Article;

/// How to write the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentOptions {
    /// Metadata as YAML front matter instead of lines under the title.
    pub front_matter: bool,
}

/// The article as one Markdown document; empty when it has no Markdown body.
pub fn markdown_document(a: &Article, options: &DocumentOptions) -> String {
    let body = a.markdown.as_deref().unwrap_or("").trim();
    if body.is_empty() {
        return String::new();
    }
    let title = a.title.as_deref().map(one_line).filter(|t| !t.is_empty());
    let byline = a.byline.as_deref().map(one_line).filter(|t| !t.is_empty());
    // The date as the page gives it (no time zone conversion), without the time of day.
    let date =
        a.published.as_deref().map(|d| d.split('T').next().unwrap_or(d).trim().to_string()).filter(|d| !d.is_empty());
    let source = a.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://"));

    let mut parts: Vec<String> = Vec::new();
    if options.front_matter {
        let mut yaml = String::from("---\n");
        let mut field = |key: &str, value: Option<&str>| {
            if let Some(v) = value {
                yaml.push_str(key);
                yaml.push_str(": ");
                yaml.push_str(&quoted(v));
                yaml.push('\n');
            }
        };
        field("title", title.as_deref());
        field("author", byline.as_deref());
        field("site", a.site_name.as_deref().map(one_line).as_deref().filter(|s| !s.is_empty()));
        field("source", source);
        field("lang", a.lang.as_deref());
        field("description", a.excerpt.as_deref().map(one_line).as_deref().filter(|s| !s.is_empty()));
        if let Some(d) = date.as_deref().filter(|d| is_iso_date(d)) {
            // A bare ISO date: YAML (and Obsidian's date property) reads it as a date.
            yaml.push_str(&format!("published: {d}\n"));
        }
        yaml.push_str("---");
        parts.push(yaml);
    }
    if let Some(t) = &title {
        if !body.starts_with("# ") {
            parts.push(format!("# {}", escape_heading(t)));
        }
    }
    if !options.front_matter {
        let meta: Vec<&str> = [byline.as_deref(), date.as_deref()].into_iter().flatten().collect();
        if !meta.is_empty() {
            parts.push(format!("_{}_", escape_inline(&meta.join(" · "))));
        }
        if let Some(src) = source {
            parts.push(format!("Source: <{src}>"));
        }
    }
    parts.push(body.to_string());
    parts.join("\n\n") + "\n"
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML double-quoted scalar (a JSON string is one). serde_json is in the wasm build anyway
/// (JSON-LD); a hand-written escaper was measured 0.6 KiB larger.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Text that may not start a Markdown construct of its own in a heading line.
fn escape_heading(s: &str) -> String {
    escape_inline(s)
}

/// Emphasis and link characters escaped, so a byline such as "*staff*" stays text.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: Some("How the village\n kept its bakery".into()),
            byline: Some("Ana Lima".into()),
            published: Some("2024-05-02T06:00:00+02:00".into()),
            site_name: Some("The Valley Post".into()),
            url: Some("https://example.com/bakery".into()),
            markdown: Some("The ovens were cold.\n\n## Then\n\nThey were not.\n".into()),
            ..Article::default()
        }
    }

    #[test]
    fn header_then_body() {
        let doc = markdown_document(&article(), &DocumentOptions::default());
        assert_eq!(
            doc,
            "# How the village kept its bakery\n\n_Ana Lima · 2024-05-02_\n\nSource: <https://example.com/bakery>\n\nThe ovens were cold.\n\n## Then\n\nThey were not.\n"
        );
    }

    #[test]
    fn front_matter_is_yaml() {
        let mut a = article();
        a.byline = Some("Ana \"Bia\" Lima: reporter".into());
        let doc = markdown_document(&a, &DocumentOptions { front_matter: true });
        assert!(doc.starts_with("---\ntitle: \"How the village kept its bakery\"\nauthor: \"Ana \\\"Bia\\\" Lima: reporter\"\nsite: \"The Valley Post\"\nsource: \"https://example.com/bakery\"\npublished: 2024-05-02\n---\n\n# How the village kept its bakery\n\nThe ovens"), "{doc}");
        assert!(!doc.contains("Source: <"));
    }

    #[test]
    fn missing_parts_are_left_out() {
        let a = Article {
            markdown: Some("# Own title\n\nText.".into()),
            url: Some("javascript:alert(1)".into()),
            ..Article::default()
        };
        assert_eq!(markdown_document(&a, &DocumentOptions::default()), "# Own title\n\nText.\n");
        assert_eq!(markdown_document(&Article::default(), &DocumentOptions::default()), "");
    }

    #[test]
    fn markdown_in_the_byline_stays_text() {
        let mut a = article();
        a.byline = Some("*Staff* [wire]".into());
        a.published = None;
        let doc = markdown_document(&a, &DocumentOptions::default());
        assert!(doc.contains("_\\*Staff\\* \\[wire\\]_"), "{doc}");
    }
}
