//! schema.org JSON-LD: the article object a page describes itself with.

use serde_json::Value;

/// What an article's JSON-LD says, each field as found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub image: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Whether the page describes a product for sale (a `Product` object).
    pub product: bool,
    /// The page has an object of an article type (`ARTICLE_TYPES`).
    pub article: bool,
    /// The article's whole text as the page states it (`articleBody`), for the types whose body
    /// is the page's one article (`BODY_TYPES`).
    pub body: Option<String>,
}

/// Types whose `articleBody` is the whole of the page's article. A forum posting's is its first
/// post only (the replies are the page too), a review's or a recipe's is one part of the page.
const BODY_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "Report",
    "BlogPosting",
    "TechArticle",
    "ScholarlyArticle",
];

/// schema.org types that describe an article (and the page types that stand for one).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "Recipe",
    "HowTo",
    "Review",
];

/// Reads every JSON-LD block and returns what the best article object in them says; page-level
/// objects (WebPage, WebSite, Organization) fill in what the article leaves out.
pub fn read(blocks: &[String]) -> JsonLd {
    let values: Vec<Value> = blocks
        .iter()
        .filter_map(|block| {
            // Pages wrap JSON-LD in CDATA markers or leave trailing semicolons; trim those.
            let text =
                block.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim().trim_end_matches(';');
            serde_json::from_str::<Value>(text).ok()
        })
        .collect();
    let mut objects = Vec::new();
    for v in &values {
        flatten(v, &mut objects, 0);
    }
    let product = objects.iter().any(|o| has_type(o, &["Product", "ProductGroup", "IndividualProduct"]));
    // On a product page a Review is a customer's, not the page's article.
    let article = objects.iter().find(|o| has_type(o, ARTICLE_TYPES) && !(product && has_type(o, &["Review"])));
    let page = objects.iter().find(|o| has_type(o, &["WebPage", "ItemPage", "ProfilePage", "QAPage", "FAQPage"]));
    let site = objects.iter().find(|o| has_type(o, &["WebSite"]));
    let org = objects.iter().find(|o| has_type(o, &["Organization", "NewsMediaOrganization", "Corporation"]));

    let mut out = JsonLd { product, article: article.is_some(), ..JsonLd::default() };
    if let Some(a) = article {
        out.headline = string_field(a, "headline").or_else(|| string_field(a, "name"));
        out.authors = names(a.get("author"), &objects);
        out.published = string_field(a, "datePublished").or_else(|| string_field(a, "dateCreated"));
        out.publisher = a.get("publisher").and_then(|p| name_of(p, &objects));
        out.image = a
            .get("image")
            .and_then(|i| image_url(i, &objects))
            .or_else(|| a.get("thumbnailUrl").and_then(|i| image_url(i, &objects)));
        out.description = string_field(a, "description");
        if has_type(a, BODY_TYPES) {
            out.body = string_field(a, "articleBody");
        }
        out.language = string_field(a, "inLanguage");
        out.url = string_field(a, "url").or_else(|| a.get("mainEntityOfPage").and_then(id_or_url));
    }
    if let Some(p) = page {
        // A WebPage's datePublished is when the page was made (SEO plugins stamp every page,
        // a shop's and a service's too), not an article's publication: only an article's counts.
        if out.authors.is_empty() {
            out.authors = names(p.get("author"), &objects);
        }
        if out.image.is_none() {
            out.image = p
                .get("primaryImageOfPage")
                .and_then(|i| image_url(i, &objects))
                .or_else(|| p.get("image").and_then(|i| image_url(i, &objects)));
        }
        if out.language.is_none() {
            out.language = string_field(p, "inLanguage");
        }
    }
    if out.publisher.is_none() {
        out.publisher =
            site.and_then(|s| string_field(s, "name")).or_else(|| org.and_then(|o| string_field(o, "name")));
    }
    out
}

/// Collects every object, descending into arrays, `@graph` and nested values.
fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(v);
            }
            if let Some(g) = map.get("@graph") {
                flatten(g, out, depth + 1);
            }
            if let Some(m) = map.get("mainEntity") {
                flatten(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn has_type(v: &Value, types: &[&str]) -> bool {
    let matches = |t: &str| {
        let t = t.rsplit('/').next().unwrap_or(t);
        types.iter().any(|x| x.eq_ignore_ascii_case(t))
    };
    match v.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

fn string_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().and_then(clean)),
        Value::Object(o) => o.get("@value").and_then(Value::as_str).and_then(clean),
        _ => None,
    }
}

fn clean(s: &str) -> Option<String> {
    // Some CMSs put HTML character references into JSON strings.
    let s = crate::dom::collapse_whitespace(&super::decode_char_refs(s));
    (!s.is_empty()).then_some(s)
}

/// Names of the people (or organizations) in an `author`-like value; `{"@id": ...}`
/// references are looked up among the other objects.
fn names(v: Option<&Value>, all: &[&Value]) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(|i| name_of(i, all)).collect(),
        Some(other) => name_of(other, all).into_iter().collect(),
        None => Vec::new(),
    }
}

fn name_of(v: &Value, all: &[&Value]) -> Option<String> {
    match v {
        Value::String(s) => clean(s).filter(|s| !s.starts_with("http")),
        Value::Object(map) => {
            if let Some(n) = map.get("name").and_then(|n| match n {
                Value::String(s) => clean(s),
                _ => None,
            }) {
                return Some(n);
            }
            let id = map.get("@id")?.as_str()?;
            all.iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.get("name").is_some())
                .and_then(|o| string_field(o, "name"))
        }
        Value::Array(a) => a.iter().find_map(|x| name_of(x, all)),
        _ => None,
    }
}

/// The URL of an image value: a string, an ImageObject, a list of either, or an `{"@id"}`
/// reference to an ImageObject elsewhere in the graph.
fn image_url(v: &Value, all: &[&Value]) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| image_url(x, all)),
        Value::Object(o) => {
            if let Some(u) = o.get("url").or_else(|| o.get("contentUrl")) {
                return image_url(u, all);
            }
            let id = o.get("@id")?.as_str()?;
            let target = all.iter().find(|x| {
                x.get("@id").and_then(Value::as_str) == Some(id)
                    && (x.get("url").is_some() || x.get("contentUrl").is_some())
            })?;
            target.get("url").or_else(|| target.get("contentUrl")).and_then(Value::as_str).and_then(clean)
        }
        _ => None,
    }
}

fn id_or_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(Value::as_str).and_then(clean),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_with_references() {
        let ld = read(&[r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Site"},
            {"@type":"Person","@id":"#p1","name":"Jane Doe"},
            {"@type":["NewsArticle"],"headline":"Big &amp; Bold","author":{"@id":"#p1"},
             "datePublished":"2020-01-02T03:04:05Z","image":[{"url":"https://x/i.jpg"}]}]}"##
            .to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Big & Bold"));
        assert_eq!(ld.authors, vec!["Jane Doe"]);
        assert_eq!(ld.published.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(ld.publisher.as_deref(), Some("The Site"));
        assert_eq!(ld.image.as_deref(), Some("https://x/i.jpg"));
    }

    #[test]
    fn broken_json_is_ignored() {
        assert_eq!(read(&["{not json".to_string()]), JsonLd::default());
    }

    #[test]
    fn article_body_only_where_it_is_the_whole_article() {
        let of = |ty: &str| read(&[format!(r#"{{"@type":"{ty}","headline":"H","articleBody":"The whole text."}}"#)]).body;
        assert_eq!(of("NewsArticle").as_deref(), Some("The whole text."));
        assert_eq!(of("BlogPosting").as_deref(), Some("The whole text."));
        // A forum posting's body is its first post; a review's is one part of the page.
        assert_eq!(of("DiscussionForumPosting"), None);
        assert_eq!(of("Review"), None);
    }

    #[test]
    fn several_authors() {
        let ld = read(&[r#"[{"@type":"BlogPosting","author":[{"@type":"Person","name":"A"},"B"]}]"#.to_string()]);
        assert_eq!(ld.authors, vec!["A", "B"]);
    }
}
