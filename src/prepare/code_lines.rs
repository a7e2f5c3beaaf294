//! Code blocks whose lines are elements. Highlighters such as Prism's React renderer (Gatsby,
//! Docusaurus), Shiki without newlines, CodeMirror and Monaco write each line of a `<pre>` as
//! its own `<div>` or `<span class="line">` and let CSS make it a block; the text itself holds
//! no line breaks. Without the page's CSS (pasted HTML, every rendering Pith writes) the lines
//! would run together, so a line break is written after each such line that lacks one, and a
//! line `<div>` becomes a `<span>` (a block inside `<pre>` plus the break would show a blank
//! line in a browser). The live-page snapshot (www/snapshot.js) does the same from the page's
//! computed styles, for highlighters not listed here.

use crate::dom::{local_name, Dom, NodeId};

/// Class words of an element that is one line of code.
const LINE_CLASSES: &[&str] = &[
    "line",
    "token-line",
    "code-line",
    "codeline",
    "highlight-line",
    "gatsby-highlight-code-line",
    "cm-line",
    "ace_line",
    "view-line",
    "line-content",
];

/// How deep below the `<pre>` a line element may sit (`pre > code > div`, or a wrapper more).
const MAX_DEPTH: usize = 3;

pub fn break_code_lines(dom: &mut Dom, body: NodeId) {
    let pres: Vec<NodeId> = dom.find_all(body, &local_name!("pre")).collect();
    for pre in pres {
        let lines = line_elements(dom, pre);
        // One line element is a block of one line, or a wrapper: nothing to separate.
        if lines.len() < 2 {
            continue;
        }
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            if dom.is(line, &local_name!("div")) || dom.is(line, &local_name!("p")) {
                dom.rename(line, local_name!("span"));
            }
            if i + 1 < count && !ends_with_newline(dom, line) && !newline_follows(dom, line) {
                let br = dom.create_text("\n");
                match dom.next_sibling(line) {
                    Some(next) => dom.insert_before(next, br),
                    None => {
                        if let Some(parent) = dom.parent(line) {
                            dom.append(parent, br);
                        }
                    }
                }
            }
        }
    }
}

/// The line elements of a `<pre>`: the children at the first level (within MAX_DEPTH) that
/// has at least two of them, all siblings.
fn line_elements(dom: &Dom, pre: NodeId) -> Vec<NodeId> {
    let mut level = vec![pre];
    for _ in 0..MAX_DEPTH {
        let mut lines = Vec::new();
        let mut next = Vec::new();
        for &parent in &level {
            for c in dom.element_children(parent) {
                if is_line(dom, c) {
                    lines.push(c);
                } else {
                    next.push(c);
                }
            }
        }
        if lines.len() >= 2 {
            return lines;
        }
        // Only through a single wrapper (`<code>`, a `<div class="code">`): lines spread over
        // several different elements are not one block's lines.
        if next.len() != 1 || !lines.is_empty() {
            return Vec::new();
        }
        level = next;
    }
    Vec::new()
}

fn is_line(dom: &Dom, id: NodeId) -> bool {
    if dom.is(id, &local_name!("div")) || dom.is(id, &local_name!("p")) {
        // A block holding blocks is a wrapper (a gutter of line numbers, the code beside it),
        // not a line.
        return !dom.element_children(id).any(|c| dom.is(c, &local_name!("div")) || dom.is(c, &local_name!("p")));
    }
    let class = dom.attr(id, "class").unwrap_or("").to_ascii_lowercase();
    class.split_whitespace().any(|w| LINE_CLASSES.contains(&w))
}

fn ends_with_newline(dom: &Dom, id: NodeId) -> bool {
    let mut text = String::new();
    dom.push_text_content(id, &mut text);
    text.ends_with('\n')
}

/// Is there a line break (a newline or a `<br>`) between this line and the next element?
fn newline_follows(dom: &Dom, id: NodeId) -> bool {
    let mut n = dom.next_sibling(id);
    while let Some(s) = n {
        match dom.text(s) {
            Some(t) if t.contains('\n') => return true,
            Some(_) => {}
            None => return dom.is(s, &local_name!("br")),
        }
        n = dom.next_sibling(s);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn pre_text(html: &str) -> String {
        let mut dom = parse(html);
        let body = dom.body().unwrap();
        break_code_lines(&mut dom, body);
        let pre = dom.find(body, &local_name!("pre")).unwrap();
        dom.text_content(pre)
    }

    #[test]
    fn prism_react_lines_become_lines() {
        let t = pre_text(
            r#"<pre class="prism-code"><div class="token-line"><span class="token keyword">let</span> a = 1;</div><div class="token-line"><span>let</span> b = 2;</div><div class="token-line">a + b</div></pre>"#,
        );
        assert_eq!(t, "let a = 1;\nlet b = 2;\na + b");
    }

    #[test]
    fn gatsby_and_shiki_spans_inside_code() {
        let t = pre_text(r#"<pre><code><span class="line">one</span><span class="line">two</span></code></pre>"#);
        assert_eq!(t, "one\ntwo");
        let t = pre_text(
            r#"<pre><code><span class="gatsby-highlight-code-line">x()</span><span class="token">y</span>()</code></pre>"#,
        );
        assert_eq!(t, "x()y()", "one line element alone is not a block of lines");
    }

    #[test]
    fn lines_that_already_break_stay_as_they_are() {
        let t = pre_text("<pre><code><span class=\"line\">one</span>\n<span class=\"line\">two</span>\n</code></pre>");
        assert_eq!(t, "one\ntwo\n");
        let t = pre_text("<pre><div>a\n</div><div>b</div></pre>");
        assert_eq!(t, "a\nb");
    }

    #[test]
    fn wrappers_and_br_separated_lines_are_left_alone() {
        // A gutter of line numbers beside the code: two wrappers, not two lines.
        let t = pre_text(
            r#"<pre><div class="gutter"><div>1</div><div>2</div></div><div class="code"><div>a</div><div>b</div></div></pre>"#,
        );
        assert_eq!(t, "12ab");
        let t = pre_text(r#"<pre><span class="line">a</span><br><span class="line">b</span></pre>"#);
        assert_eq!(t, "ab", "the <br> already breaks the line");
    }

    #[test]
    fn line_divs_become_spans() {
        let mut dom = parse("<pre><div>a</div><div>b</div></pre>");
        let body = dom.body().unwrap();
        break_code_lines(&mut dom, body);
        assert!(dom.find(body, &local_name!("div")).is_none());
    }
}
