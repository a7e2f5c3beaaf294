//! The sanitizer: copies the article into a fresh tree that holds only allow-listed elements
//! and attributes, with every URL checked, then serializes it.
//!
//! Why not ammonia: it would parse the article a second time (we already have the tree) and
//! bring its own html5ever build into the wasm. The allow-list below is smaller than
//! ammonia's default, and `tests/sanitize.rs` runs the same attack corpus through both.
//!
//! What can never come out: `<script>`, `<style>`, any element outside the allow-list (its
//! text is kept when harmless, dropped when it is code or a form control), `on*` or `style`
//! attributes, or a URL whose scheme is not http(s), mailto or tel (images may also be
//! raster `data:` URIs). Foreign content (SVG, MathML) never reaches this point (see
//! `dom::parse`), and text and attribute values are escaped, so re-parsing the output gives
//! back the same tree.

use crate::dom::{local_name, Attribute, Dom, LocalName, NodeData, NodeId};

/// Elements copied as they are.
fn is_allowed(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("abbr")
            | local_name!("b")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("blockquote")
            | local_name!("br")
            | local_name!("caption")
            | local_name!("cite")
            | local_name!("code")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("dd")
            | local_name!("del")
            | local_name!("details")
            | local_name!("dfn")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("em")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("hr")
            | local_name!("i")
            | local_name!("img")
            | local_name!("ins")
            | local_name!("kbd")
            | local_name!("li")
            | local_name!("mark")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("q")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("ruby")
            | local_name!("s")
            | local_name!("samp")
            | local_name!("section")
            | local_name!("small")
            | local_name!("strong")
            | local_name!("sub")
            | local_name!("summary")
            | local_name!("sup")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("time")
            | local_name!("tr")
            | local_name!("u")
            | local_name!("ul")
            | local_name!("var")
            | local_name!("wbr")
    )
}

/// Elements dropped with everything inside: code, styling, form controls, plugins, and
/// anything whose content is not text a reader should see.
fn is_dropped_with_content(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("noscript")
            | local_name!("iframe")
            | local_name!("frame")
            | local_name!("frameset")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("applet")
            | local_name!("param")
            | local_name!("canvas")
            | local_name!("svg")
            | local_name!("input")
            | local_name!("button")
            | local_name!("select")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("textarea")
            | local_name!("datalist")
            | local_name!("output")
            | local_name!("meter")
            | local_name!("progress")
            | local_name!("head")
            | local_name!("title")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("base")
            | local_name!("xmp")
            | local_name!("plaintext")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("dialog")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("source")
            | local_name!("track")
            | local_name!("map")
            | local_name!("area")
    )
}

/// Elements renamed to an allowed one that shows the same.
fn rename(name: &LocalName) -> Option<LocalName> {
    Some(match *name {
        local_name!("article")
        | local_name!("main")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("center")
        | local_name!("address") => local_name!("div"),
        local_name!("strike") => local_name!("s"),
        local_name!("tt") => local_name!("code"),
        local_name!("listing") => local_name!("pre"),
        local_name!("dir") | local_name!("menu") => local_name!("ul"),
        _ => return None,
    })
}

/// The element's name in the output, if it has one there.
fn output_name(name: &LocalName) -> Option<LocalName> {
    if is_allowed(name) {
        Some(name.clone())
    } else {
        rename(name)
    }
}

/// Does an element below `id` come out as a block that a parser would not keep inside a `<p>`?
fn holds_block(src: &Dom, id: NodeId) -> bool {
    src.descendants(id).any(|d| {
        src.tag(d).and_then(output_name).is_some_and(|n| {
            crate::dom::tags::is_heading_tag(&n)
                || matches!(
                    n,
                    local_name!("blockquote")
                        | local_name!("dd")
                        | local_name!("details")
                        | local_name!("div")
                        | local_name!("dl")
                        | local_name!("dt")
                        | local_name!("figcaption")
                        | local_name!("figure")
                        | local_name!("hr")
                        | local_name!("li")
                        | local_name!("ol")
                        | local_name!("p")
                        | local_name!("pre")
                        | local_name!("section")
                        | local_name!("summary")
                        | local_name!("table")
                        | local_name!("ul")
                )
        })
    })
}

/// Is `id` (in the output) a `name` element or inside one?
fn inside(out: &Dom, id: NodeId, name: &LocalName) -> bool {
    out.is(id, name) || out.ancestors(id).any(|a| out.is(a, name))
}

/// Would a parser meeting this `<li>` (or `<dd>`/`<dt>`) start tag inside `parent` close an
/// open item first? It looks up through inline elements, divs and paragraphs, and stops at
/// any other block.
fn closes_open_item(out: &Dom, parent: NodeId, name: &LocalName) -> bool {
    let items: &[LocalName] = match *name {
        local_name!("li") => &[local_name!("li")],
        local_name!("dd") | local_name!("dt") => &[local_name!("dd"), local_name!("dt")],
        _ => return false,
    };
    for n in std::iter::once(parent).chain(out.ancestors(parent)) {
        let Some(t) = out.tag(n) else { return false };
        if items.contains(t) {
            return true;
        }
        let passes = matches!(*t, local_name!("div") | local_name!("p")) || !is_special(t);
        if !passes {
            return false;
        }
    }
    false
}

/// The output elements a parser counts as "special" (they stop its search for an open item).
fn is_special(n: &LocalName) -> bool {
    crate::dom::tags::is_heading_tag(n)
        || matches!(
            *n,
            local_name!("blockquote")
                | local_name!("br")
                | local_name!("caption")
                | local_name!("col")
                | local_name!("colgroup")
                | local_name!("dd")
                | local_name!("details")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("dt")
                | local_name!("figcaption")
                | local_name!("figure")
                | local_name!("hr")
                | local_name!("img")
                | local_name!("li")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("pre")
                | local_name!("section")
                | local_name!("summary")
                | local_name!("table")
                | local_name!("tbody")
                | local_name!("td")
                | local_name!("tfoot")
                | local_name!("th")
                | local_name!("thead")
                | local_name!("tr")
                | local_name!("ul")
                | local_name!("wbr")
        )
}

// A parser reads a table's structure strictly: rows and cells outside their places are
// dropped, a row straight in a table gets a <tbody>, and anything else inside the structure
// (text, a div) is moved to before the table ("foster parenting"). Earlier stages can leave
// such trees (a table renamed to div around its rows, content flattened at MAX_DEPTH into a
// row), so the copy is built the way a parser would read it back.

fn is_table_structure(t: Option<&LocalName>) -> bool {
    matches!(
        t,
        Some(&local_name!("table"))
            | Some(&local_name!("thead"))
            | Some(&local_name!("tbody"))
            | Some(&local_name!("tfoot"))
            | Some(&local_name!("tr"))
            | Some(&local_name!("colgroup"))
    )
}

/// A table part keeps its name where a parser accepts it; elsewhere it becomes a div (a stray
/// `<col>` is dropped). Other elements pass through.
fn table_part(out: &Dom, parent: NodeId, n: LocalName) -> Option<LocalName> {
    let p = out.tag(parent);
    let is = |names: &[LocalName]| p.is_some_and(|p| names.contains(p));
    let (table, thead, tbody, tfoot) =
        (local_name!("table"), local_name!("thead"), local_name!("tbody"), local_name!("tfoot"));
    let placed = match n {
        local_name!("caption")
        | local_name!("colgroup")
        | local_name!("thead")
        | local_name!("tbody")
        | local_name!("tfoot") => is(&[table]),
        local_name!("tr") => is(&[table, thead, tbody, tfoot]),
        local_name!("td") | local_name!("th") => is(&[table, thead, tbody, tfoot, local_name!("tr")]),
        local_name!("col") => is(&[local_name!("colgroup")]),
        _ => return Some(n),
    };
    match (placed, &n) {
        (true, _) => Some(n),
        (false, &local_name!("col")) => None,
        (false, _) => Some(local_name!("div")),
    }
}

/// The section and row a parser would imply for a row or cell placed straight in a table.
fn implied_parent(out: &mut Dom, parent: NodeId, n: &LocalName) -> NodeId {
    let mut at = parent;
    let cell = matches!(*n, local_name!("td") | local_name!("th"));
    if out.is(at, &local_name!("table")) && (cell || *n == local_name!("tr")) {
        let b = out.create_element(local_name!("tbody"), Vec::new());
        out.append(at, b);
        at = b;
    }
    if cell
        && matches!(
            out.tag(at),
            Some(&local_name!("thead")) | Some(&local_name!("tbody")) | Some(&local_name!("tfoot"))
        )
    {
        let r = out.create_element(local_name!("tr"), Vec::new());
        out.append(at, r);
        at = r;
    }
    at
}

/// Can `n` sit inside `at` as a parser reads it?
fn accepts(out: &Dom, at: NodeId, n: &LocalName) -> bool {
    match out.tag(at) {
        Some(&local_name!("table")) => matches!(
            *n,
            local_name!("caption")
                | local_name!("colgroup")
                | local_name!("thead")
                | local_name!("tbody")
                | local_name!("tfoot")
        ),
        Some(&local_name!("thead")) | Some(&local_name!("tbody")) | Some(&local_name!("tfoot")) => {
            *n == local_name!("tr")
        }
        Some(&local_name!("tr")) => matches!(*n, local_name!("td") | local_name!("th")),
        Some(&local_name!("colgroup")) => *n == local_name!("col"),
        _ => true,
    }
}

/// Appends `node` to `parent`, or, when it does not `fit` in a table's structure, puts it just
/// before that table as a parser would.
fn place(out: &mut Dom, parent: NodeId, node: NodeId, fits: bool) {
    if !fits && is_table_structure(out.tag(parent)) {
        let table = std::iter::once(parent).chain(out.ancestors(parent)).find(|&a| out.is(a, &local_name!("table")));
        if let Some(table) = table {
            out.insert_before(table, node);
            return;
        }
    }
    out.append(parent, node);
}

/// Attributes kept, by element (`*` for every element).
fn attr_allowed(el: &LocalName, attr: &str) -> bool {
    match attr {
        "dir" | "lang" | "title" => true,
        "id" => true,
        _ => matches!(
            (&**el, attr),
            ("a", "href")
                | ("img", "src")
                | ("img", "srcset")
                | ("img", "alt")
                | ("img", "width")
                | ("img", "height")
                | ("td", "colspan")
                | ("td", "rowspan")
                | ("th", "colspan")
                | ("th", "rowspan")
                | ("th", "scope")
                | ("col", "span")
                | ("colgroup", "span")
                | ("ol", "start")
                | ("ol", "reversed")
                | ("ol", "type")
                | ("li", "value")
                | ("time", "datetime")
                | ("blockquote", "cite")
                | ("q", "cite")
                | ("del", "cite")
                | ("ins", "cite")
                | ("code", "class")
                // A formula as the page shows it (dom::SHOWN_ATTR): plain text, escaped.
                | ("code", "data-shown")
                | ("pre", "class")
                | ("details", "open")
        ),
    }
}

/// Is this URL safe to keep? Only http(s), mailto and tel links, and relative ones; images
/// may also be raster `data:` URIs.
pub fn safe_url(url: &str, for_image: bool) -> bool {
    let seen = as_browsers_read(url);
    let lower = seen.to_ascii_lowercase();
    match scheme_of(&lower) {
        // Relative, protocol-relative or fragment: resolved against the page, so http(s).
        None => true,
        Some(s) => match s {
            // An absolute link that does not parse ("https://" alone) goes nowhere.
            "http" | "https" => crate::urls::parse(&seen).is_ok(),
            "mailto" | "tel" => !for_image && crate::urls::parse(&seen).is_ok(),
            "data" => {
                for_image
                    && [
                        "data:image/png",
                        "data:image/gif",
                        "data:image/jpeg",
                        "data:image/jpg",
                        "data:image/webp",
                        "data:image/avif",
                    ]
                    .iter()
                    .any(|p| lower.starts_with(p))
            }
            _ => false,
        },
    }
}

/// A URL as a browser reads it: browsers ignore tabs and newlines anywhere in a URL and
/// leading/trailing spaces and control characters, so "java\tscript:" is "javascript:" to
/// them. Judge (and write out) what they see.
fn as_browsers_read(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ').chars().filter(|&c| c != '\t' && c != '\n' && c != '\r').collect()
}

/// The scheme of a URL, if it has one (`[a-z][a-z0-9+.-]*` before the first `:`).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    if url[..colon].contains(['/', '?', '#']) {
        return None;
    }
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        // Not a valid scheme: a browser would treat it as a relative path... unless it still
        // reads as a scheme after its own cleanup. Refuse anything odd before a colon.
        return Some("");
    }
    Some(scheme)
}

fn safe_srcset(srcset: &str) -> Option<String> {
    let kept: Vec<&str> = crate::prepare::split_srcset(srcset)
        .into_iter()
        .filter(|cand| cand.split_whitespace().next().is_some_and(|u| safe_url(u, true) && !u.starts_with("data:")))
        .collect();
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// What every id (and in-page link) in the output starts with.
pub const ID_PREFIX: &str = "pith-";

fn clean_id(v: &str) -> String {
    v.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')).take(128).collect()
}

/// Only `language-*` / `lang-*` classes survive on code blocks: they name the language.
fn code_class(v: &str) -> Option<String> {
    let kept: Vec<&str> = v
        .split_whitespace()
        .filter(|c| c.starts_with("language-") || c.starts_with("lang-"))
        .filter(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '+' | '#' | '.')))
        .collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

fn clean_attr(el: &LocalName, a: &Attribute) -> Option<Attribute> {
    let name = &*a.name;
    if !attr_allowed(el, name) {
        return None;
    }
    let value = match name {
        "href" | "cite" => {
            let v = &as_browsers_read(&a.value);
            if !safe_url(v, false) {
                return None;
            }
            // In-page links follow the ids, which carry a prefix (see below).
            match v.strip_prefix('#') {
                Some(frag) if !frag.is_empty() => format!("#{ID_PREFIX}{}", clean_id(frag)),
                _ => crate::urls::ascii_host(v).unwrap_or_else(|| v.to_string()),
            }
        }
        "src" => {
            let v = &as_browsers_read(&a.value);
            if v.is_empty() || !safe_url(v, true) {
                return None;
            }
            crate::urls::ascii_host(v).unwrap_or_else(|| v.to_string())
        }
        "srcset" => safe_srcset(&a.value)?,
        "class" => code_class(&a.value)?,
        "id" => {
            let v = clean_id(&a.value);
            if v.is_empty() {
                return None;
            }
            // Prefixed, so an article's ids can never clobber the host page's (`window.x`
            // lookups, `getElementById` in the reader's own code).
            format!("{ID_PREFIX}{v}")
        }
        "width" | "height" | "colspan" | "rowspan" | "span" | "start" | "value" => {
            let v = a.value.trim();
            if !v.chars().all(|c| c.is_ascii_digit() || c == '-') || v.is_empty() || v.len() > 6 {
                return None;
            }
            v.to_string()
        }
        "dir" => {
            let v = a.value.trim().to_ascii_lowercase();
            if !matches!(v.as_str(), "ltr" | "rtl" | "auto") {
                return None;
            }
            v
        }
        _ => a.value.chars().take(1000).collect(),
    };
    Some(Attribute { name: a.name.clone(), value: value.into() })
}

/// A sanitized copy of `root`'s children, as the children of a new document's root.
pub fn sanitize(src: &Dom, root: NodeId) -> Dom {
    let mut out = Dom::new();
    let out_root = out.root();
    // (source node, parent in the output); children pushed in reverse to pop in order.
    let mut stack: Vec<(NodeId, NodeId)> = src.children(root).map(|c| (c, out_root)).collect();
    stack.reverse();
    while let Some((id, parent)) = stack.pop() {
        match &src.node(id).data {
            NodeData::Text(t) => {
                let t = t.replace('\0', "");
                let blank = t.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c'));
                let t = out.create_text(t);
                place(&mut out, parent, t, blank);
            }
            NodeData::Element(el) => {
                if is_dropped_with_content(&el.name) {
                    continue;
                }
                let name = output_name(&el.name);
                // A parser ends a <p> at the first block inside it, so a <p> holding one (a div
                // read as a paragraph, a <listing> that became <pre>) would re-parse as another
                // tree: write it as a <div>, which may hold anything.
                let name = match name {
                    Some(n) if n == local_name!("p") && holds_block(src, id) => Some(local_name!("div")),
                    // A link inside a link would be split in two by a parser: keep the outer.
                    Some(n) if n == local_name!("a") && inside(&out, parent, &local_name!("a")) => None,
                    // A parser ends a heading when another starts right inside it.
                    Some(n)
                        if crate::dom::tags::is_heading_tag(&n)
                            && out.tag(parent).is_some_and(crate::dom::tags::is_heading_tag) =>
                    {
                        None
                    }
                    // So would a list item inside an item with no list between (the form or
                    // main that separated them is gone): make it a plain block.
                    Some(n) if closes_open_item(&out, parent, &n) => Some(local_name!("div")),
                    n => n,
                };
                let name = name.and_then(|n| table_part(&out, parent, n));
                let target = match name {
                    Some(name) => {
                        let attrs: Vec<Attribute> = el.attrs.iter().filter_map(|a| clean_attr(&name, a)).collect();
                        if name == local_name!("img") && !attrs.iter().any(|a| &*a.name == "src") {
                            // An image with no usable source shows nothing.
                            continue;
                        }
                        let at = implied_parent(&mut out, parent, &name);
                        let fits = accepts(&out, at, &name);
                        let new = out.create_element(name, attrs);
                        place(&mut out, at, new, fits);
                        new
                    }
                    // Unknown or presentational wrappers (span, font, custom elements): keep
                    // their content, drop the element.
                    None => parent,
                };
                let before = stack.len();
                stack.extend(src.children(id).map(|c| (c, target)));
                stack[before..].reverse();
            }
            NodeData::Document => {}
        }
    }
    out
}

/// Serializes the children of `root` as HTML.
pub fn serialize(dom: &Dom, root: NodeId) -> String {
    let mut out = String::new();
    // Iterative: (node, closing?)
    let mut stack: Vec<(NodeId, bool)> = dom.children(root).map(|c| (c, false)).collect();
    stack.reverse();
    // Right after a `<pre>` start tag, where a parser drops one newline: text starting with a
    // newline there gets an extra one, or re-parsing would lose it.
    let mut after_pre = false;
    while let Some((id, closing)) = stack.pop() {
        match &dom.node(id).data {
            NodeData::Text(t) => {
                if after_pre && t.starts_with('\n') {
                    out.push('\n');
                }
                after_pre &= t.is_empty();
                escape_text(t, &mut out)
            }
            NodeData::Element(el) => {
                after_pre = false;
                if closing {
                    out.push_str("</");
                    out.push_str(&el.name);
                    out.push('>');
                    continue;
                }
                out.push('<');
                out.push_str(&el.name);
                for a in &el.attrs {
                    out.push(' ');
                    out.push_str(&a.name);
                    out.push_str("=\"");
                    escape_attr(&a.value, &mut out);
                    out.push('"');
                }
                out.push('>');
                if crate::dom::tags::is_void_tag(&el.name) || el.name == local_name!("wbr") {
                    continue;
                }
                after_pre = el.name == local_name!("pre");
                stack.push((id, true));
                let before = stack.len();
                stack.extend(dom.children(id).map(|c| (c, false)));
                stack[before..].reverse();
            }
            NodeData::Document => {}
        }
    }
    out
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn clean(html: &str) -> String {
        let dom = parse(html);
        let body = dom.body().unwrap();
        let s = sanitize(&dom, body);
        serialize(&s, s.root())
    }

    #[test]
    fn keeps_structure_and_safe_links() {
        assert_eq!(
            clean(
                r#"<p class="x" style="color:red">Hi <a href="https://a.b/c?d=1&amp;e=2" onclick="x()">link</a><img src="https://i/x.png" alt="A &quot;b&quot;"></p>"#
            ),
            r#"<p>Hi <a href="https://a.b/c?d=1&amp;e=2">link</a><img src="https://i/x.png" alt="A &quot;b&quot;"></p>"#
        );
    }

    #[test]
    fn drops_scripts_handlers_and_bad_urls() {
        let out = clean(
            r#"<p><a href="javascript:alert(1)">a</a><a href=" JaVa&#x09;ScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>
               <img src=x onerror=alert(1)><script>alert(1)</script><iframe src="javascript:alert(1)"></iframe>
               <span onmouseover="x()">text</span><a href="vbscript:x">d</a></p>"#,
        );
        assert!(!out.to_lowercase().contains("javascript"), "{out}");
        assert!(!out.contains("onerror") && !out.contains("onmouseover") && !out.contains("<script"), "{out}");
        assert!(!out.contains("data:text") && !out.contains("vbscript"), "{out}");
        assert!(out.contains("text"));
    }

    #[test]
    fn url_checks() {
        assert!(safe_url("https://x.com/a", false));
        assert!(safe_url("/relative/path", false));
        assert!(safe_url("#frag", false));
        assert!(safe_url("mailto:a@b.c", false));
        assert!(!safe_url("javascript:alert(1)", false));
        assert!(!safe_url("  java\nscript:alert(1)", false));
        assert!(!safe_url("\u{1}javascript:alert(1)", false));
        assert!(!safe_url("data:image/svg+xml,<svg onload=alert(1)>", true));
        assert!(safe_url("data:image/png;base64,iVBOR", true));
        assert!(!safe_url("data:image/png;base64,iVBOR", false));
    }

    #[test]
    fn ids_are_prefixed_with_their_links() {
        assert_eq!(
            clean(r##"<p id="fn1">a <a href="#fn1">1</a></p>"##),
            r##"<p id="pith-fn1">a <a href="#pith-fn1">1</a></p>"##
        );
    }

    #[test]
    fn code_language_survives() {
        assert_eq!(
            clean(r#"<pre class="highlight"><code class="language-rust x">fn</code></pre>"#),
            r#"<pre><code class="language-rust">fn</code></pre>"#
        );
    }
}
