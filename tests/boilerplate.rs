#![cfg(not(target_arch = "wasm32"))]
//! Boilerplate known by its words, not its class names: a story of eight paragraphs with one
//! block of furniture in the middle (class-less, so only its text can give it away). The block
//! goes; every paragraph stays. And the same words in prose, or a heading like "More in" over
//! paragraphs, stay too.

use pith::{extract, Options};

const PARAGRAPHS: [&str; 8] = [
    "The ferry from Skerry Point made its last crossing of the season on Sunday, three weeks earlier than planned, after a storm tore the landing stage from its moorings on the island side.",
    "Harbour staff spent most of Monday recovering sections of the pontoon, some of which had drifted as far as the lighthouse rocks, and the operator said repairs could not begin until the spring tides had passed.",
    "For the forty families who live on the island all year, the early closure means a winter of relying on the council's supply boat, which runs twice a week and carries no vehicles.",
    "The island's school, which has eleven pupils, will move its lessons to the village hall on the mainland until the ferry returns, and the teachers will travel across on the supply boat with them.",
    "Residents have asked the council for a temporary landing so that the doctor's weekly visit can continue, and the harbour master has offered the old slipway at the north end of the island.",
    "The slipway was last used in the nineteen-seventies, when a smaller ferry served the island, and engineers will inspect it this week to decide whether it can take the weight of a passenger boat.",
    "The operator has promised to refund season tickets for the weeks lost, although several residents said that what they wanted was a date for the new landing stage rather than their money back.",
    "A public meeting about the repairs will be held in the island's chapel on Thursday evening, and the council has said that its harbour engineer and the ferry operator's director will both attend.",
];

/// A page whose story holds the paragraphs with `block` between the fourth and the fifth.
fn page_with(block: &str) -> String {
    let (first, second) = PARAGRAPHS.split_at(4);
    let ps = |ps: &[&str]| ps.iter().map(|p| format!("<p>{p}</p>\n")).collect::<String>();
    format!(
        "<!DOCTYPE html><html><head><title>Storm ends ferry season early | The Harbour Gazette</title></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n\
         <article><h1>Storm ends ferry season early</h1>\n{}<div>{block}</div>\n{}</article>\n\
         <footer><p>The Harbour Gazette</p></footer></body></html>",
        ps(first),
        ps(second)
    )
}

fn text_of(html: &str) -> String {
    let a = extract(html, &Options::default().with_url("https://gazette.example/news/ferry.html")).unwrap();
    a.text.unwrap()
}

/// The block's words are gone and every paragraph is there.
fn assert_removed(block: &str, gone: &[&str]) {
    let text = text_of(&page_with(block));
    for p in PARAGRAPHS {
        assert!(text.contains(p), "paragraph lost with {block}:\n{p}\n---\n{text}");
    }
    for g in gone {
        assert!(!text.contains(g), "{g:?} survived:\n{text}");
    }
}

/// The block stays whole: it is prose (or a heading over prose).
fn assert_kept(block: &str, kept: &[&str]) {
    let text = text_of(&page_with(block));
    for p in PARAGRAPHS {
        assert!(text.contains(p), "paragraph lost with {block}:\n{p}");
    }
    for k in kept {
        assert!(text.contains(k), "{k:?} was removed:\n{text}");
    }
}

const HEADLINES: &str = r#"<ul><li><a href="/news/1">Carrier holds station in the gulf</a></li>
    <li><a href="/news/2">Senate panel backs smaller housing allowance increase</a></li>
    <li><a href="/news/3">Council approves new cycle lanes on the coast road</a></li></ul>"#;

#[test]
fn headings_of_link_lists_go_with_their_lists() {
    for heading in [
        "<h4>More in News</h4>",
        "<h3>More from The Harbour Gazette</h3>",
        "<h4>Related</h4>",
        "<h2>Related stories</h2>",
        "<p><strong>Read more</strong></p>",
        "<h3>You may also like</h3>",
        "<div><span>More in Politics:</span></div>",
        "<h4>À lire aussi</h4>",
        "<h4>Mehr zum Thema</h4>",
        "<h4>Noticias relacionadas</h4>",
    ] {
        let heading_text = heading.split(['<', '>']).find(|t| t.trim().len() > 2).unwrap().trim_end_matches(':');
        assert_removed(
            &format!("{heading}{HEADLINES}"),
            &[heading_text, "Carrier holds station", "Senate panel backs", "cycle lanes"],
        );
    }
    // Cards: a thumbnail and a headline with its date.
    let cards = r#"<h3>More in Local</h3>
        <div><a href="/l/1"><img src="/t1.jpg" width="300" height="200"></a><a href="/l/1">Bakery cooperative opens second shop</a> <span>2 days ago</span></div>
        <div><a href="/l/2"><img src="/t2.jpg" width="300" height="200"></a><a href="/l/2">Choir sings at the cathedral for the first time</a> <span>5 days ago</span></div>"#;
    assert_removed(cards, &["More in Local", "Bakery cooperative", "Choir sings"]);
}

#[test]
fn tag_labels_go_with_their_tags() {
    for block in [
        r#"<p>Filed Under</p><ul><li><a href="/t/a">Middle East</a></li><li><a href="/t/b">Ground Forces</a></li></ul>"#,
        r#"<p>Filed under: <a href="/t/a">Middle East</a>, <a href="/t/b">Ground Forces</a></p>"#,
        r#"<div><span>Tags:</span> <a href="/t/a">Middle East</a> <a href="/t/b">Ground Forces</a></div>"#,
        r#"<p>Topics: <a href="/t/a">Middle East</a> · <a href="/t/b">Ground Forces</a></p>"#,
        r#"<p>Schlagwörter: <a href="/t/a">Middle East</a>, <a href="/t/b">Ground Forces</a></p>"#,
    ] {
        assert_removed(block, &["Middle East", "Ground Forces", "Filed", "Tags", "Topics", "Schlagwörter"]);
    }
}

#[test]
fn redirect_notices_go() {
    for (block, gone) in [
        ("You will be redirected to the page you want to view in 5 seconds.", "redirected"),
        (r#"If you are not redirected automatically, <a href="/next">click here</a>."#, "redirected"),
        ("<p>Please wait, you are being redirected to our new site.</p>", "redirected"),
        ("<p>Vous allez être redirigé vers la nouvelle page.</p>", "redirigé"),
    ] {
        assert_removed(block, &[gone]);
    }
}

#[test]
fn cookie_notices_go() {
    for block in [
        r#"This website uses cookies to ensure you get the best experience. <a href="/p">Learn more</a> <button>Got it</button>"#,
        r#"<p>We use cookies to personalise content and ads and to analyse our traffic.</p><button>Accept</button><button>Decline</button>"#,
        r#"<p>By using this site you agree that we may store cookies. Please <a href="/c">accept cookies</a> to continue.</p><button>Accept all</button> <button>Reject</button>"#,
        r#"<p>Nous utilisons des cookies pour améliorer votre expérience.</p><button>Accepter</button>"#,
    ] {
        assert_removed(block, &["cookies"]);
    }
}

#[test]
fn comment_lines_go() {
    for (block, gone) in [
        (r##"<p><a href="#comments">Join the conversation</a></p>"##, "Join the conversation"),
        (r##"<p><a href="#comments">34 comments</a></p>"##, "34 comments"),
        ("<div>Join the conversation (12)</div>", "Join the conversation"),
        ("<p>Comments (18)</p>", "Comments"),
    ] {
        assert_removed(block, &[gone]);
    }
}

#[test]
fn newsletter_boxes_with_a_form_go() {
    for block in [
        r#"<h3>Get our free daily email</h3><p>The day's top stories from the harbour, every morning.</p>
           <input type="email" placeholder="Your email address"><button>Sign up</button>"#,
        r#"<div><p>Sign up for our newsletter and never miss a sailing update.</p><form action="/nl"><input name="EMAIL"><button>Go</button></form></div>"#,
        r#"<div><strong>Subscribe to our newsletter</strong><form action="/nl"><input type="text" name="address"><input type="submit" value="Subscribe"></form></div>"#,
    ] {
        assert_removed(block, &["daily email", "newsletter", "top stories from the harbour"]);
    }
}

#[test]
fn the_same_words_in_prose_stay() {
    // A heading like "More in" over paragraphs is a section of the story.
    assert_kept(
        "<h3>More in the sea than anyone knew</h3><p>Divers surveying the wreck of the old landing stage found a colony of \
         rare sea fans on its pilings, and the council has been asked to leave part of it in place.</p>",
        &["More in the sea than anyone knew", "rare sea fans"],
    );
    // "Related" over a paragraph of prose with a link in it: the paragraph is no link list.
    assert_kept(
        r#"<h4>Related</h4><p>A <a href="/r">2019 report</a> by the harbour trust considered what would happen if
           the landing stage failed in winter, and recommended a second slipway at the north end.</p>"#,
        &["recommended a second slipway"],
    );
    // Cookies, redirects and newsletters as the subject of a sentence.
    assert_kept(
        "<p>An audit last year found that this website uses cookies from forty advertising companies, a figure the \
         gazette has since cut to three.</p>",
        &["uses cookies from forty advertising companies"],
    );
    assert_kept(
        "<p>Islanders who subscribe to the council's newsletter were told of the closure a day before everyone else, \
         which some residents said was unfair.</p>",
        &["subscribe to the council's newsletter"],
    );
    assert_kept(
        "<p>Passengers will be redirected to the supply boat, which leaves from the old pier at nine on Tuesdays and Fridays.</p>",
        &["Passengers will be redirected to the supply boat"],
    );
}

#[test]
fn notices_beside_the_story_are_not_taken_in() {
    // The story's paragraphs sit in a div; the notices are paragraph siblings of that div,
    // long enough to pass for more of the story.
    let story: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let page = format!(
        "<html><head><title>Storm ends ferry season early</title></head><body><div id=\"main\">\
         <div class=\"story\"><h1>Storm ends ferry season early</h1>{story}</div>\
         <p>This website uses cookies to give you the best experience and to measure how our pages are read. \
         <a href=\"/privacy\">Privacy</a> <button>Accept</button></p>\
         <p>You will be redirected to the mobile edition of the Harbour Gazette in a few seconds, unless you choose to stay.</p>\
         <p>Filed under: <a href=\"/t/ferries\">Ferries</a>, <a href=\"/t/weather\">Weather</a>, <a href=\"/t/islands\">Islands</a></p>\
         </div></body></html>"
    );
    let text = text_of(&page);
    for p in PARAGRAPHS {
        assert!(text.contains(p), "{p}");
    }
    for gone in ["cookies", "redirected", "Filed under", "Ferries"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
}
