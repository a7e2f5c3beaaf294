//! Markdown (CommonMark with GitHub tables and strikethrough) of a sanitized article.

use crate::dom::{collapse_whitespace, local_name, tags, Dom, LocalName, NodeData, NodeId};

pub fn to_markdown(dom: &Dom, root: NodeId) -> String {
    let blocks = blocks_of_children(dom, root);
    let mut out = blocks.join("\n\n");
    out.push('\n');
    if out.trim().is_empty() {
        return String::new();
    }
    out
}

/// Elements rendered as blocks of their own.
fn is_block(name: &LocalName) -> bool {
    tags::is_block_tag(name) || matches!(*name, local_name!("img") | local_name!("figure") | local_name!("details"))
}

/// The children of `id` as Markdown blocks: block elements give their own, runs of inline
/// content between them become paragraphs.
fn blocks_of_children(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut run: Vec<NodeId> = Vec::new();
    for c in dom.children(id) {
        let block = dom.tag(c).is_some_and(|t| is_block(t) && *t != local_name!("img"))
            || (dom.is(c, &local_name!("img")) && run.iter().all(|&r| is_blank(dom, r)));
        if block {
            flush_run(dom, &mut run, &mut blocks);
            blocks.extend(block_of(dom, c));
        } else {
            run.push(c);
        }
    }
    flush_run(dom, &mut run, &mut blocks);
    blocks
}

fn is_blank(dom: &Dom, id: NodeId) -> bool {
    dom.text(id).is_some_and(|t| t.trim().is_empty())
}

fn flush_run(dom: &Dom, run: &mut Vec<NodeId>, blocks: &mut Vec<String>) {
    if run.is_empty() {
        return;
    }
    let mut s = String::new();
    for &n in run.iter() {
        inline(dom, n, &mut s);
    }
    run.clear();
    let p = tidy_inline(&s);
    if !p.is_empty() {
        blocks.push(escape_line_start(&p));
    }
}

fn block_of(dom: &Dom, id: NodeId) -> Vec<String> {
    let Some(name) = dom.tag(id) else { return Vec::new() };
    if let Some(level) = tags::heading_level(name) {
        let t = tidy_inline(&inline_children(dom, id)).replace('\n', " ");
        return if t.is_empty() { vec![] } else { vec![format!("{} {}", "#".repeat(level as usize), t)] };
    }
    match *name {
        local_name!("p") | local_name!("dt") | local_name!("summary") | local_name!("caption") => {
            let t = tidy_inline(&inline_children(dom, id));
            if t.is_empty() {
                return vec![];
            }
            let t = escape_line_start(&t);
            vec![if *name == local_name!("dt") || *name == local_name!("summary") { format!("**{t}**") } else { t }]
        }
        local_name!("figcaption") => {
            let t = tidy_inline(&inline_children(dom, id));
            if t.is_empty() {
                vec![]
            } else {
                vec![escape_line_start(&t)]
            }
        }
        local_name!("pre") if in_inline_context(dom, id) => {
            // Inside a link, an emphasis or a table cell the lines are joined or glued to
            // other markers, and a fence that no longer starts a line would let the block's
            // unescaped text (`<img onerror=...>`) through as raw HTML: a code span is safe.
            let mut s = String::new();
            code_span(&dom.text_content(id), &mut s);
            vec![s]
        }
        local_name!("pre") if math_of(dom, id).is_some() => {
            vec![format!("$$\n{}\n$$", math_of(dom, id).unwrap_or_default())]
        }
        local_name!("pre") => vec![code_block(dom, id)],
        local_name!("blockquote") => {
            let inner = blocks_of_children(dom, id).join("\n\n");
            if inner.trim().is_empty() {
                return vec![];
            }
            vec![inner
                .lines()
                .map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") })
                .collect::<Vec<_>>()
                .join("\n")]
        }
        local_name!("ul") | local_name!("ol") => {
            let l = list(dom, id);
            if l.is_empty() {
                vec![]
            } else {
                vec![l]
            }
        }
        local_name!("table") => {
            let t = table(dom, id);
            if t.is_empty() {
                vec![]
            } else {
                vec![t]
            }
        }
        local_name!("hr") => vec!["---".to_string()],
        local_name!("img") => {
            let mut s = String::new();
            image(dom, id, &mut s);
            if s.is_empty() {
                vec![]
            } else {
                vec![s]
            }
        }
        local_name!("br") => vec![],
        _ => blocks_of_children(dom, id),
    }
}

fn inline_children(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for c in dom.children(id) {
        inline(dom, c, &mut s);
    }
    s
}

/// Inline Markdown of a node. Block elements met here (a div inside a link) flow as text.
fn inline(dom: &Dom, id: NodeId, out: &mut String) {
    match &dom.node(id).data {
        NodeData::Text(t) => out.push_str(&escape_text(t)),
        NodeData::Element(el) => match el.name {
            local_name!("br") => out.push_str("  \n"),
            local_name!("img") => image(dom, id, out),
            local_name!("em") | local_name!("i") | local_name!("cite") | local_name!("dfn") => wrap(dom, id, "*", out),
            local_name!("strong") | local_name!("b") => wrap(dom, id, "**", out),
            local_name!("del") | local_name!("s") => wrap(dom, id, "~~", out),
            local_name!("code") if is_math(dom, id) => {
                out.push('$');
                out.push_str(&math_tex(&dom.text_content(id)));
                out.push('$');
            }
            local_name!("code") | local_name!("kbd") | local_name!("samp") => code_span(&dom.text_content(id), out),
            local_name!("q") => {
                out.push('“');
                out.push_str(&inline_children(dom, id));
                out.push('”');
            }
            local_name!("a") => link(dom, id, out),
            local_name!("ul")
            | local_name!("ol")
            | local_name!("table")
            | local_name!("pre")
            | local_name!("blockquote") => {
                // A block inside inline context: render it and keep it on its own lines.
                out.push('\n');
                out.push_str(&block_of(dom, id).join("\n\n"));
                out.push('\n');
            }
            ref n if is_block(n) => {
                out.push(' ');
                for c in dom.children(id) {
                    inline(dom, c, out);
                }
                out.push(' ');
            }
            _ => {
                for c in dom.children(id) {
                    inline(dom, c, out);
                }
            }
        },
        NodeData::Document => {}
    }
}

/// `*text*`-style emphasis with the delimiters hugging the text (spaces moved outside).
fn wrap(dom: &Dom, id: NodeId, delim: &str, out: &mut String) {
    let inner = inline_children(dom, id);
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(&inner);
        return;
    }
    if inner.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(delim);
    out.push_str(trimmed);
    out.push_str(delim);
    if inner.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn code_span(text: &str, out: &mut String) {
    let t = collapse_whitespace(text);
    if t.is_empty() {
        return;
    }
    let mut fence = "`".to_string();
    while t.contains(&fence) {
        fence.push('`');
    }
    let pad = if t.starts_with('`') || t.ends_with('`') { " " } else { "" };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(&t);
    out.push_str(pad);
    out.push_str(&fence);
}

fn link(dom: &Dom, id: NodeId, out: &mut String) {
    let text = tidy_inline(&inline_children(dom, id)).replace('\n', " ");
    match dom.attr(id, "href").filter(|h| !h.is_empty()) {
        Some(href) if !text.is_empty() => {
            out.push('[');
            out.push_str(&text);
            out.push_str("](");
            out.push_str(&escape_url(href));
            out.push(')');
        }
        _ => out.push_str(&text),
    }
}

fn image(dom: &Dom, id: NodeId, out: &mut String) {
    let Some(src) = dom.attr(id, "src") else { return };
    // An equation image's alt text is the formula's TeX: Markdown has formulas of its own.
    if let Some(tex) = dom.attr(id, "alt").filter(|a| looks_like_tex(a)) {
        out.push('$');
        out.push_str(&math_tex(tex));
        out.push('$');
        return;
    }
    // Escaped like text: an alt of `<script>` must not become raw HTML in the Markdown, and
    // its brackets (`\[`, `\]`) cannot end the alt early.
    let alt = escape_text(&collapse_whitespace(dom.attr(id, "alt").unwrap_or("")));
    out.push_str("![");
    out.push_str(&alt);
    out.push_str("](");
    out.push_str(&escape_url(src));
    out.push(')');
}

/// Percent-encodes what would end a link destination early or turn it into raw HTML: spaces
/// and controls, parentheses, angle brackets (a relative URL left unresolved can hold any of
/// them: `</style>` would otherwise come out as a tag).
fn escape_url(u: &str) -> String {
    let mut out = String::with_capacity(u.len());
    for c in u.chars() {
        if matches!(c, ' ' | '(' | ')' | '<' | '>') || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Is `id` rendered as part of a line (an ancestor renders its content inline)?
fn in_inline_context(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).filter_map(|a| dom.tag(a)).any(|t| {
        !matches!(
            *t,
            local_name!("div")
                | local_name!("section")
                | local_name!("figure")
                | local_name!("details")
                | local_name!("dl")
                | local_name!("dd")
                | local_name!("li")
                | local_name!("ul")
                | local_name!("ol")
                | local_name!("blockquote")
                | local_name!("table")
                | local_name!("thead")
                | local_name!("tbody")
                | local_name!("tfoot")
                | local_name!("tr")
                | local_name!("body")
                | local_name!("html")
        )
    })
}

/// Is this `<code>` a formula's TeX (see `dom::MATH_CLASS`)?
fn is_math(dom: &Dom, code: NodeId) -> bool {
    dom.attr(code, "class").is_some_and(|c| c.split_whitespace().any(|w| w == crate::dom::MATH_CLASS))
}

/// An alt text that is TeX: a command (`\\frac`, `\\alpha`) and the braces or scripts of a
/// formula, not a sentence.
fn looks_like_tex(alt: &str) -> bool {
    let command = alt.split('\\').skip(1).any(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
    command && alt.contains(['{', '^', '_', '=']) && !alt.contains("  ")
}

/// The TeX of a `<pre>` that holds one formula and nothing else.
fn math_of(dom: &Dom, pre: NodeId) -> Option<String> {
    let mut kids = dom.children(pre).filter(|&c| dom.text(c).is_none_or(|t| !t.trim().is_empty()));
    let (Some(code), None) = (kids.next(), kids.next()) else { return None };
    (dom.is(code, &local_name!("code")) && is_math(dom, code)).then(|| math_tex(&dom.text_content(code)))
}

/// TeX as Markdown carries it between dollars: one line, no `$` of its own, and no `<` or `&`
/// a Markdown renderer without math support would read as HTML (TeX has `\lt`, `\gt`, `\&`).
fn math_tex(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    for ch in crate::dom::collapse_whitespace(tex).chars() {
        match ch {
            '<' => out.push_str("\\lt "),
            '>' => out.push_str("\\gt "),
            '&' => out.push_str("\\&"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// The language a code block names in its class (`language-rust`, `lang-py`), the `<code>`'s
/// first (where `prepare` puts it, so the HTML says the same).
fn code_language(dom: &Dom, pre: NodeId) -> Option<String> {
    let classes = dom
        .element_children(pre)
        .filter(|&c| dom.is(c, &local_name!("code")))
        .chain(std::iter::once(pre))
        .filter_map(|n| dom.attr(n, "class"))
        .flat_map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>());
    for c in classes {
        if let Some(l) = c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-")) {
            if !l.is_empty() {
                return Some(l.to_string());
            }
        }
    }
    None
}

fn code_block(dom: &Dom, pre: NodeId) -> String {
    let code = dom.text_content(pre);
    let code = code.trim_end_matches(['\n', ' ', '\t']).trim_start_matches('\n');
    let mut fence = "```".to_string();
    while code.contains(&fence) {
        fence.push('`');
    }
    let lang = code_language(dom, pre).unwrap_or_default();
    format!("{fence}{lang}\n{code}\n{fence}")
}

fn list(dom: &Dom, id: NodeId) -> String {
    let ordered = dom.is(id, &local_name!("ol"));
    let start: i64 = dom.attr(id, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
    let mut items = Vec::new();
    for (n, li) in (start..).zip(dom.element_children(id)) {
        let marker = if ordered { format!("{n}. ") } else { "- ".to_string() };
        let body = if dom.is(li, &local_name!("li")) {
            blocks_of_children(dom, li).join("\n\n")
        } else {
            block_of(dom, li).join("\n\n")
        };
        if body.trim().is_empty() {
            continue;
        }
        let indent = " ".repeat(marker.len());
        let mut lines = body.lines();
        let mut item = format!("{marker}{}", lines.next().unwrap_or(""));
        for l in lines {
            item.push('\n');
            if !l.is_empty() {
                item.push_str(&indent);
                item.push_str(l);
            }
        }
        items.push(item);
    }
    items.join("\n")
}

fn table(dom: &Dom, id: NodeId) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header_row = false;
    for tr in dom.descendants(id).filter(|&d| dom.is(d, &local_name!("tr"))) {
        // Rows of nested tables belong to those tables' cells.
        if dom.ancestors(tr).find(|&a| dom.is(a, &local_name!("table"))) != Some(id) {
            continue;
        }
        let cells: Vec<NodeId> = dom
            .element_children(tr)
            .filter(|&c| matches!(dom.tag(c), Some(&local_name!("td")) | Some(&local_name!("th"))))
            .collect();
        if rows.is_empty() {
            header_row = !cells.is_empty() && cells.iter().all(|&c| dom.is(c, &local_name!("th")));
        }
        let mut row = Vec::new();
        for c in cells {
            let t = tidy_inline(&inline_children(dom, c)).replace('\n', " ").replace('|', "\\|");
            row.push(t);
            let span = dom.attr(c, "colspan").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).clamp(1, 50);
            for _ in 1..span {
                row.push(String::new());
            }
        }
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return String::new();
    }
    if !header_row {
        // GFM tables need a header: an empty one keeps every row as data.
        rows.insert(0, vec![String::new(); cols]);
    }
    let mut out = String::new();
    if let Some(caption) = dom.element_children(id).find(|&c| dom.is(c, &local_name!("caption"))) {
        let c = tidy_inline(&inline_children(dom, caption));
        if !c.is_empty() {
            out.push_str(&c);
            out.push_str("\n\n");
        }
    }
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for j in 0..cols {
            out.push(' ');
            out.push_str(row.get(j).map(String::as_str).unwrap_or(""));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in 0..cols {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// Collapses whitespace within lines of inline Markdown, keeping hard breaks and lines of
/// embedded blocks.
fn tidy_inline(s: &str) -> String {
    let mut lines = Vec::new();
    for raw in s.split('\n') {
        let hard = raw.ends_with("  ");
        let l = collapse_whitespace(raw);
        if l.is_empty() {
            continue;
        }
        lines.push(if hard { format!("{l}  ") } else { l });
    }
    let joined = lines.join("\n");
    joined.trim_end().to_string()
}

/// Backslash-escapes the characters that would start Markdown syntax inside text.
fn escape_text(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '*' | '`' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let prev = i.checked_sub(1).and_then(|j| chars.get(j)).is_some_and(|p| p.is_alphanumeric());
                let next = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                if !(prev && next) {
                    out.push('\\');
                }
                out.push('_');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would make a paragraph's first characters a heading, list or quote.
fn escape_line_start(p: &str) -> String {
    let t = p.trim_start();
    let needs = t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with("- ")
        || t.starts_with("+ ")
        || t.starts_with("= ")
        || t.starts_with("---")
        || {
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            !digits.is_empty() && t[digits.len()..].starts_with(". ")
        };
    if !needs {
        return p.to_string();
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        format!("{}\\{}", &t[..digits], &t[digits..])
    } else {
        format!("\\{t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn md(html: &str) -> String {
        let dom = parse(html);
        to_markdown(&dom, dom.body().unwrap())
    }

    #[test]
    fn headings_emphasis_links() {
        assert_eq!(
            md("<h2>Title</h2><p>Some <em>very</em> <strong>bold</strong> <a href=\"https://x.y/\">link</a>.</p>"),
            "## Title\n\nSome *very* **bold** [link](https://x.y/).\n"
        );
    }

    #[test]
    fn lists_nested() {
        assert_eq!(md("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"), "- a\n\n  - b\n- c\n");
        assert_eq!(md("<ol start=3><li>x</li><li>y</li></ol>"), "3. x\n4. y\n");
    }

    #[test]
    fn code_blocks_and_quotes() {
        assert_eq!(md("<pre><code class=\"language-python\">print(1)\n</code></pre>"), "```python\nprint(1)\n```\n");
        // The <code>'s language over the <pre>'s.
        assert_eq!(md("<pre class=\"lang-c\"><code class=\"language-go\">x</code></pre>"), "```go\nx\n```\n");
        assert_eq!(md("<blockquote><p>one</p><p>two</p></blockquote>"), "> one\n>\n> two\n");
        assert_eq!(md("<p>use <code>a_b</code> now</p>"), "use `a_b` now\n");
    }

    #[test]
    fn tables() {
        assert_eq!(
            md("<table><tr><th>Year</th><th>N</th></tr><tr><td>2019</td><td>4|5</td></tr></table>"),
            "| Year | N |\n| --- | --- |\n| 2019 | 4\\|5 |\n"
        );
    }

    #[test]
    fn images_and_escapes() {
        assert_eq!(
            md("<figure><img src=\"https://x/a.jpg\" alt=\"A cat\"><figcaption>Cat *1*</figcaption></figure>"),
            "![A cat](https://x/a.jpg)\n\nCat \\*1\\*\n"
        );
        assert_eq!(md("<p># not a heading</p><p>1. not a list</p>"), "\\# not a heading\n\n1\\. not a list\n");
        assert_eq!(
            md("<p><img src=\"https://x/a.jpg\" alt=\"A [bracketed] note]\"></p>"),
            "![A \\[bracketed\\] note\\]](https://x/a.jpg)\n"
        );
        assert_eq!(md("<p>snake_case and _under_</p>"), "snake_case and \\_under\\_\n");
    }
}
