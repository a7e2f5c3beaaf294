//! What kind of element a tag name is: the tables every stage consults.

use html5ever::{local_name, LocalName};

/// Elements that flow inside a line of text (HTML's phrasing content, minus the few that
/// are phrasing only when their children are: `a`, `del`, `ins`; see `Dom::is_phrasing`).
pub fn is_phrasing_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("abbr")
            | local_name!("audio")
            | local_name!("b")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("br")
            | local_name!("button")
            | local_name!("cite")
            | local_name!("code")
            | local_name!("data")
            | local_name!("datalist")
            | local_name!("dfn")
            | local_name!("em")
            | local_name!("embed")
            | local_name!("font")
            | local_name!("i")
            | local_name!("img")
            | local_name!("input")
            | local_name!("kbd")
            | local_name!("label")
            | local_name!("mark")
            | local_name!("math")
            | local_name!("meter")
            | local_name!("noscript")
            | local_name!("object")
            | local_name!("output")
            | local_name!("picture")
            | local_name!("progress")
            | local_name!("q")
            | local_name!("ruby")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("s")
            | local_name!("samp")
            | local_name!("select")
            | local_name!("small")
            | local_name!("span")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("textarea")
            | local_name!("time")
            | local_name!("tt")
            | local_name!("u")
            | local_name!("var")
            | local_name!("video")
            | local_name!("wbr")
    )
}

/// Elements that may be phrasing or flow, depending on what they hold.
pub fn is_transparent_tag(name: &LocalName) -> bool {
    matches!(*name, local_name!("a") | local_name!("del") | local_name!("ins"))
}

/// Elements a browser lays out as blocks: they start a new line in text renderings.
pub fn is_block_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("caption")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("legend")
            | local_name!("li")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("plaintext")
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
            | local_name!("xmp")
    )
}

pub fn is_heading_tag(name: &LocalName) -> bool {
    heading_level(name).is_some()
}

pub fn heading_level(name: &LocalName) -> Option<u8> {
    Some(match *name {
        local_name!("h1") => 1,
        local_name!("h2") => 2,
        local_name!("h3") => 3,
        local_name!("h4") => 4,
        local_name!("h5") => 5,
        local_name!("h6") => 6,
        _ => return None,
    })
}

pub fn is_void_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements whose presence inside a `<div>` means it is not just a paragraph.
pub fn is_div_to_p_blocker(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("blockquote")
            | local_name!("dl")
            | local_name!("div")
            | local_name!("img")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("section")
            | local_name!("article")
            | local_name!("figure")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Media that count as content even without text.
pub fn is_media_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("img")
            | local_name!("picture")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("iframe")
            | local_name!("embed")
            | local_name!("object")
    )
}
