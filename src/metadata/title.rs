//! The article's title: what the page's metadata and headings agree on, without the site
//! name that `<title>` tags add ("Story | Site | site.com").

use crate::dom::collapse_whitespace;

/// Separators pages put between a story's title and their site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " · ", " • ", " ~ ", " \\ ", " > "];

pub struct TitleSources<'a> {
    /// `<title>`.
    pub document: Option<&'a str>,
    /// Titles from metadata, best first (JSON-LD headline, og:title, twitter:title, ...).
    pub meta: Vec<&'a str>,
    /// Texts of the page's `<h1>`s, then its `<h2>`s, in page order.
    pub headings: Vec<&'a str>,
    pub site_name: Option<&'a str>,
    /// The page's host, e.g. `www.militarytimes.com`.
    pub host: Option<&'a str>,
}

pub fn choose(src: &TitleSources) -> Option<String> {
    let doc = src.document.map(collapse_whitespace).filter(|t| !t.is_empty());
    let metas: Vec<String> = src.meta.iter().map(|m| collapse_whitespace(m)).filter(|m| !m.is_empty()).collect();
    let headings: Vec<String> = src
        .headings
        .iter()
        .map(|h| collapse_whitespace(h))
        .filter(|h| !h.is_empty() && h.chars().count() <= 300)
        .collect();

    // A heading that metadata or <title> also names is the title as the page shows it: first
    // one that is a whole title, then one that is a part of a title other than the site name
    // (a blog's header often repeats the site name in an <h1>).
    let titles: Vec<&String> = metas.iter().chain(doc.iter()).collect();
    let usable = |h: &String| normalize(h).chars().count() >= 2;
    if let Some(h) = headings.iter().filter(|h| usable(h)).find(|h| titles.iter().any(|t| normalize(t) == normalize(h)))
    {
        return Some(h.clone());
    }
    // A heading matching a small later part of a title ("V8" in "Standalone binaries · V8")
    // is the site's logo, not the story: the part must come first or be the longest, or near.
    let story_segments: Vec<String> = titles
        .iter()
        .flat_map(|t| {
            let segs = segments(t);
            let longest = segs.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            segs.into_iter()
                .enumerate()
                .filter(move |(i, s)| *i == 0 || s.chars().count() * 2 >= longest)
                .map(|(_, s)| s)
        })
        .filter(|seg| !is_site_segment(seg, src))
        .map(normalize)
        .collect();
    if let Some(h) = headings.iter().filter(|h| usable(h)).find(|h| story_segments.contains(&normalize(h))) {
        return Some(h.clone());
    }
    if let Some(m) = metas.first() {
        return Some(strip_site(m, src));
    }
    if let Some(d) = &doc {
        return Some(strip_site(d, src));
    }
    headings.into_iter().next()
}

/// The parts of a title between separators.
fn segments(t: &str) -> Vec<&str> {
    let mut parts = vec![t];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Lowercase letters and digits only: "U.S. & Iraq!" and "us iraq" compare equal.
fn normalize(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn is_site_segment(seg: &str, src: &TitleSources) -> bool {
    let key = normalize(seg);
    if key.is_empty() {
        return true;
    }
    if let Some(site) = src.site_name {
        let s = normalize(site);
        if !s.is_empty() && (key == s || (s.len() >= 4 && key.contains(&s) && seg.split_whitespace().count() <= 5)) {
            return true;
        }
    }
    if let Some(host) = src.host {
        let host = host.trim_start_matches("www.");
        let label = host.split('.').next().unwrap_or(host);
        let h = normalize(host);
        let l = normalize(label);
        if key == h || key == l || (l.len() >= 4 && key.replace(' ', "") == l) {
            return true;
        }
        // "Military Times" for militarytimes.com
        if l.len() >= 5 && key == l {
            return true;
        }
    }
    false
}

/// Removes site-name segments from the ends of a title; failing a known site name, drops
/// a short last (or first) segment the way most sites append their name.
fn strip_site(title: &str, src: &TitleSources) -> String {
    let segs = segments(title);
    if segs.len() <= 1 {
        return title.to_string();
    }
    let kept: Vec<&str> = segs.iter().copied().filter(|s| !is_site_segment(s, src)).collect();
    if kept.len() < segs.len() && !kept.is_empty() {
        return join_original(title, &kept);
    }
    // No segment is the site: the story comes first, the site after it. Keep the first part
    // when it is clearly the longer one.
    let words = |s: &str| s.split_whitespace().count();
    let first = segs[0];
    if words(first) >= 3 && segs[1..].iter().all(|s| words(s) < words(first)) {
        return join_original(title, &segs[..1]);
    }
    title.to_string()
}

/// Rebuilds the title from the kept segments with the separators that stood between them.
fn join_original(title: &str, kept: &[&str]) -> String {
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else { return title.to_string() };
    let start = title.find(first).unwrap_or(0);
    let end = title.rfind(last).map(|i| i + last.len()).unwrap_or(title.len());
    if start < end {
        title[start..end].trim().to_string()
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src<'a>(
        doc: &'a str,
        meta: Vec<&'a str>,
        h: Vec<&'a str>,
        site: Option<&'a str>,
        host: Option<&'a str>,
    ) -> TitleSources<'a> {
        TitleSources { document: Some(doc), meta, headings: h, site_name: site, host }
    }

    #[test]
    fn heading_confirmed_by_title_tag() {
        let s = src(
            "U.S and Iraq talking over legal immunity for troops | Military Times | militarytimes.com",
            vec![],
            vec!["U.S and Iraq talking over legal immunity for troops"],
            None,
            Some("www.militarytimes.com"),
        );
        assert_eq!(choose(&s).unwrap(), "U.S and Iraq talking over legal immunity for troops");
    }

    #[test]
    fn site_suffix_stripped_without_heading() {
        let s = src(
            "Story of the year | Military Times | militarytimes.com",
            vec![],
            vec![],
            None,
            Some("www.militarytimes.com"),
        );
        assert_eq!(choose(&s).unwrap(), "Story of the year");
        let s = src("Big News Today - The Daily Planet", vec![], vec![], Some("The Daily Planet"), None);
        assert_eq!(choose(&s).unwrap(), "Big News Today");
        let s = src("Some Site: A story about colons and more", vec![], vec![], None, None);
        assert_eq!(choose(&s).unwrap(), "Some Site: A story about colons and more");
    }

    #[test]
    fn meta_title_preferred_over_document_title() {
        let s = src("Home", vec!["The Real Headline Here"], vec!["Navigation"], None, None);
        assert_eq!(choose(&s).unwrap(), "The Real Headline Here");
    }

    #[test]
    fn site_name_heading_is_not_the_title() {
        let s = src(
            "First steps - My Kitchen Blog",
            vec!["First steps - My Kitchen Blog"],
            vec!["My Kitchen Blog", "First steps"],
            Some("My Kitchen Blog"),
            None,
        );
        assert_eq!(choose(&s).unwrap(), "First steps");
    }

    #[test]
    fn logo_heading_is_not_the_title() {
        let s = src("Standalone WebAssembly binaries using Emscripten · V8", vec![], vec!["V8"], None, None);
        assert_eq!(choose(&s).unwrap(), "Standalone WebAssembly binaries using Emscripten");
    }

    #[test]
    fn dashes_inside_titles_survive() {
        let s = src("Spider-Man - a re-review", vec![], vec![], None, None);
        assert_eq!(choose(&s).unwrap(), "Spider-Man - a re-review");
    }
}
