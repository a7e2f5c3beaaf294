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
    /// How many of `headings` are `<h1>`s.
    pub h1_count: usize,
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
    // The page's one <h1>, when it says much the same as the metadata's title, is the headline
    // as readers see it: metadata titles are often rewritten for search results ("... in 2025",
    // "Top 10 ...") or go stale while the headline is edited.
    let best = metas.first().or(doc.as_ref()).map(|t| strip_site(t, src));
    if let (Some(best), [h1]) = (&best, &src.headings[..src.h1_count.min(src.headings.len())]) {
        let h1 = collapse_whitespace(h1);
        if usable(&h1)
            && h1.chars().count() <= 300
            && h1.split_whitespace().count() >= 2
            && !is_site_segment(&h1, src)
            && same_subject(&h1, best)
        {
            return Some(h1);
        }
    }
    best.or_else(|| headings.into_iter().next())
}

/// Does `heading` name what `title` names: at least two of its words, and half of them, in
/// the title too?
fn same_subject(heading: &str, title: &str) -> bool {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(normalize).filter(|w| !w.is_empty()).collect() };
    let (wh, wt) = (words(heading), words(title));
    let shared = wh.iter().filter(|w| wt.contains(w)).count();
    shared >= 2 && shared * 2 >= wh.len()
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
        TitleSources { document: Some(doc), meta, headings: h, h1_count: 0, site_name: site, host }
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
    fn the_one_h1_beats_a_rewritten_meta_title() {
        let with = |h: Vec<&'static str>, h1_count| TitleSources {
            document: Some("Health And Nutrition Trends For 2026 | Good Food Co"),
            meta: vec!["Health And Nutrition Trends For 2026"],
            headings: h,
            h1_count,
            site_name: Some("Good Food Co"),
            host: None,
        };
        let headline = "Top 10 Health and Nutrition Trends to Watch";
        assert_eq!(choose(&with(vec![headline, "Related posts"], 1)).unwrap(), headline);
        // Not when the page has several <h1>s, or the <h1> shares one word, or is the site's name.
        let meta = "Health And Nutrition Trends For 2026";
        assert_eq!(choose(&with(vec![headline, "Newsletter"], 2)).unwrap(), meta);
        assert_eq!(choose(&with(vec!["Nutrition News"], 1)).unwrap(), meta);
        assert_eq!(choose(&with(vec!["Good Food Co"], 1)).unwrap(), meta);
        // Nor when only an <h2> is like it.
        assert_eq!(choose(&with(vec![headline], 0)).unwrap(), meta);
    }

    #[test]
    fn dashes_inside_titles_survive() {
        let s = src("Spider-Man - a re-review", vec![], vec![], None, None);
        assert_eq!(choose(&s).unwrap(), "Spider-Man - a re-review");
    }
}
