//! What page furniture looks like: the words CMSs put in the class, id and data attributes of
//! ads, share bars, newsletter boxes, paywall prompts..., and the texts such blocks carry.
//! Used by `locate` (the region reading) and `clean` (pruning inside the article).
//!
//! Class names are matched word by word, not as substrings: `ad-container`, `topAd` and
//! `ad_slot` hold the word "ad"; `header`, `shadow` and `download` do not.

use crate::dom::{local_name, Dom, NodeId};

/// The words of an element's class, id, data-component/module/testid attributes and (for
/// custom elements such as `amp-ad`) tag name: split at punctuation and camelCase humps,
/// lowercased.
pub fn words(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut out = Vec::new();
    let Some(el) = dom.element(id) else { return out };
    if el.name.contains('-') {
        split_words(&el.name, &mut out);
    }
    for a in &el.attrs {
        if matches!(
            &*a.name,
            "class" | "id" | "data-component" | "data-module" | "data-testid" | "data-type" | "data-block-type"
        ) {
            for token in a.value.split_whitespace() {
                let mut w = Vec::new();
                split_words(token, &mut w);
                if !is_slug(&w) {
                    out.extend(w);
                }
            }
        }
    }
    out
}

/// Words that appear in prose but not in component names.
const STOP_WORDS: &[&str] =
    &["a", "an", "the", "with", "of", "to", "for", "and", "in", "on", "how", "what", "why", "your", "is", "are"];

/// An id or class made from a heading's text ("sharing-with-a-single-developer") says what
/// the section is about, not what kind of block it is.
fn is_slug(words: &[String]) -> bool {
    words.len() >= 3 && words.iter().any(|w| STOP_WORDS.contains(&w.as_str()))
}

fn split_words(s: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Words that mark furniture on any page.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "adsense",
    "adthrive",
    "dfp",
    "gpt",
    "sponsor",
    "sponsors",
    "sponsored",
    "promo",
    "promos",
    "promoted",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "regwall",
    "optin",
    "poll",
    "polls",
    "survey",
    "share",
    "sharing",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "disclosure",
    "disclaimer",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "cta",
    "donate",
    "donation",
    "trending",
    "mostread",
    "tagcloud",
    "taglist",
    "tags",
    "print",
    "toolbar",
    "rating",
    "ratings",
    "editsection",
    "sidebar",
    "jump",
];

/// Word pairs that mark furniture ("read-more", "author-bio").
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("more", "from"),
    ("you", "may"),
    ("author", "bio"),
    ("about", "author"),
    ("author", "box"),
    ("most", "read"),
    ("most", "popular"),
    ("also", "read"),
    ("see", "also"),
    ("up", "next"),
    ("sign", "up"),
    ("opt", "in"),
    ("call", "to"),
    ("skip", "link"),
    ("edit", "section"),
    ("post", "navigation"),
    ("next", "post"),
    ("prev", "post"),
    ("previous", "post"),
];

/// Words that mark a metadata line (date, byline, comment count): furniture when short.
const META_WORDS: &[&str] =
    &["meta", "byline", "dateline", "timestamp", "date", "author", "tag", "categories", "category", "kicker"];

fn has_pair(words: &[String], pairs: &[(&str, &str)]) -> bool {
    words.windows(2).any(|w| pairs.iter().any(|(a, b)| w[0] == *a && w[1] == *b))
}

/// Class names of text only screen readers get: a sighted reader never saw it on the page
/// ("Article content" between a story's sections, "opens in a new tab", "Share on Facebook"),
/// so the reader view leaves it out. A token containing one of the stems names it, whatever a
/// site adds around it (Bootstrap's "sr-only", WordPress's "screen-reader-text", "h-offscreen",
/// "u-visually-hidden"); the other utility classes for it are whole tokens.
const SCREEN_READER_STEMS: &[&str] = &["sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "screenreader", "offscreen"];
const SCREEN_READER_ONLY: &[&str] =
    &["sr-text", "a11y-hidden", "hidden-visually", "element-invisible", "show-for-sr", "assistive-text"];

pub fn is_screen_reader_only(dom: &Dom, id: NodeId) -> bool {
    // Not a responsive variant ("md:not-sr-only" shows it again from medium screens up).
    let names = |t: &str| {
        SCREEN_READER_ONLY.contains(&t)
            || (!t.contains(':') && !t.contains("not-") && SCREEN_READER_STEMS.iter().any(|s| t.contains(s)))
    };
    dom.attr(id, "class").is_some_and(|c| c.split_ascii_whitespace().any(names))
}

/// Class names (whole tokens) that hide an element in the CSS frameworks that define them
/// (Bootstrap's `hidden`, `d-none`, `hide`; Tailwind's `hidden`; Bulma's `is-hidden`): the
/// variants of a paywall box a script picks from, a closed modal.
const HIDING_CLASSES: &[&str] = &["hidden", "d-none", "is-hidden"];

/// Is the element hidden by its class alone? Not when any responsive or state variant may show
/// it again ("hidden lg:block", "hide show@medium", "d-none d-md-flex").
pub fn is_class_hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(class) = dom.attr(id, "class") else { return false };
    let variant = |t: &str| t.contains([':', '@']) || t.starts_with("show") || (t.starts_with("d-") && t != "d-none");
    class.split_ascii_whitespace().any(|t| HIDING_CLASSES.contains(&t)) && !class.split_ascii_whitespace().any(variant)
}

/// Words of furniture that never holds content worth keeping, even with pictures inside
/// (the thumbnails of related stories, a newsletter box's illustration).
pub fn is_ad_named(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "ad" | "ads"
                | "advert"
                | "advertisement"
                | "advertising"
                | "adslot"
                | "adunit"
                | "adsense"
                | "adthrive"
                | "dfp"
                | "outbrain"
                | "taboola"
                | "sponsored"
                | "related"
                | "recommended"
                | "promo"
                | "newsletter"
                | "share"
                | "social"
                | "paywall"
        )
    })
}

/// Does the element's naming say it is furniture? `short` tells whether its text is short
/// enough for metadata-line words to count.
pub fn is_furniture_named(words: &[String], short: bool, with_comments: bool) -> bool {
    if words.is_empty() {
        return false;
    }
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
        || has_pair(words, FURNITURE_PAIRS)
        || (with_comments && words.iter().any(|w| w == "comments" || w == "comment"))
        || (short && words.iter().any(|w| META_WORDS.contains(&w.as_str())))
}

/// Texts that are, whole, the label of a furniture block.
const LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related video",
    "related videos",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "read more",
    "read next",
    "up next",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "leave a comment",
    "filed under",
    "tags",
    "topics",
    "follow us",
    "skip advertisement",
    "story continues below advertisement",
    "continue reading below",
    "jump to recipe",
    "print recipe",
    "pin recipe",
    "إعلان",
    "اعلان",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "реклама",
    "广告",
    "広告",
    "광고",
];

/// Openings of short furniture texts.
const PREFIXES: &[&str] = &[
    "read more:",
    "read more at",
    "related:",
    "see also:",
    "also read:",
    "recommended:",
    "sign up for",
    "sign up to",
    "subscribe to",
    "subscribe for",
    "subscribe now",
    "already a subscriber",
    "already have an account",
    "you have read",
    "you've read",
    "by signing up",
    "by subscribing",
    "this post may contain affiliate",
    "this article may contain affiliate",
    "this post contains affiliate",
    "this article contains affiliate",
    "we may earn a commission",
    "follow us on",
    "click here to subscribe",
    "get our newsletter",
    "join our newsletter",
    "sponsored by",
    "support our journalism",
    "advertisement -",
    "advertisement:",
];

/// A short text naming one of these and asking for one of the next is a sign-up pitch.
const PITCH_TOPICS: &[&str] =
    &["newsletter", "inbox", "unlimited access", "free articles", "subscribers", "e-mail updates", "email updates"];
const PITCH_ASKS: &[&str] = &["sign up", "subscribe", "get ", "join ", "enter your email", "delivered"];

/// Whitespace collapsed, lowercased, trimmed of anything but letters and digits at both ends:
/// the form the text tables here are matched against.
fn normalize(text: &str) -> String {
    let t: String = crate::dom::collapse_whitespace(text).to_lowercase();
    t.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Is this (short) text a furniture label or pitch?
pub fn is_furniture_text(text: &str) -> bool {
    let t = normalize(text);
    if t.is_empty() || t.chars().count() > 200 {
        return false;
    }
    if LABELS.contains(&t.as_str()) || PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // "© 2022 The Ledger. All rights reserved." (normalizing trimmed the leading ©)
    if crate::dom::collapse_whitespace(text).starts_with('©')
        || (t.contains("all rights reserved") && t.chars().count() <= 120)
    {
        return true;
    }
    // "214 comments", "Comments (18)", "212 votes", "Join the conversation"
    if is_comment_line(&t) {
        return true;
    }
    // A pitch speaks to the reader ("Sign up for our...", "Get the ... newsletter", "You have
    // read 2 of 3 free articles"); a sentence about someone else's newsletter does not.
    let addressed = PITCH_ASKS.iter().any(|w| t.starts_with(w.trim_end()))
        || ["you", "your", "our", "we"].iter().any(|w| contains_word(&t, w));
    t.chars().count() <= 160
        && addressed
        && PITCH_TOPICS.iter().any(|w| t.contains(w))
        && PITCH_ASKS.iter().any(|w| t.contains(w))
}

/// Headings, whole, of a list of links to other pages ("Related stories" over a list of
/// headlines, "Filed under" over tag links). Removed with the link list that follows them,
/// never with prose: a heading like these over paragraphs stays.
const LINK_LIST_HEADINGS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related posts",
    "related content",
    "related links",
    "related news",
    "related coverage",
    "related reading",
    "related topics",
    "read more",
    "read next",
    "read more stories",
    "more stories",
    "more news",
    "more articles",
    "more to read",
    "more like this",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "you might be interested in",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "don't miss",
    "dont miss",
    "most read",
    "most popular",
    "most viewed",
    "popular stories",
    "trending",
    "trending now",
    "top stories",
    "latest stories",
    "latest news",
    "also read",
    "more on this story",
    "more on this topic",
    "around the web",
    "from around the web",
    "filed under",
    "tags",
    "tagged",
    "topics",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "articles liés",
    "vous aimerez aussi",
    "les plus lus",
    "mots-clés",
    "mots clés",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "ähnliche artikel",
    "verwandte artikel",
    "weitere artikel",
    "meistgelesen",
    "lesen sie auch",
    "auch interessant",
    "schlagwörter",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "lo más leído",
    "lee también",
    "leer más",
    "más noticias",
    "etiquetas",
    "leggi anche",
    "potrebbe interessarti",
    "articoli correlati",
    "lees ook",
    "gerelateerde artikelen",
    "leia também",
    "veja também",
    "notícias relacionadas",
    "les også",
    "läs också",
    "læs også",
    "関連記事",
    "関連ニュース",
    "あわせて読みたい",
    "관련기사",
    "관련 기사",
    "相关阅读",
    "相关新闻",
    "相關新聞",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
];

/// Openings of such headings followed by a section or site name ("More in Politics", "More
/// from The Ledger"); the whole heading is at most `SECTION_HEADING_WORDS` words.
const LINK_LIST_HEADING_PREFIXES: &[&str] = &[
    "more in ",
    "more from ",
    "more on ",
    "more about ",
    "more stories from ",
    "more news from ",
    "more stories in ",
    "autres articles ",
    "mehr aus ",
    "mehr von ",
    "mehr zu ",
    "más en ",
    "más de ",
    "más sobre ",
];
const SECTION_HEADING_WORDS: usize = 6;

/// Is this short text, whole, the heading of a list of links to other pages?
pub fn is_link_list_heading(text: &str) -> bool {
    let t = normalize(text);
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    LINK_LIST_HEADINGS.contains(&t.as_str())
        || (t.split_whitespace().count() <= SECTION_HEADING_WORDS
            && LINK_LIST_HEADING_PREFIXES.iter().any(|p| t.starts_with(p) && t.len() > p.len()))
}

/// Labels of a page's tags or sections, before the links to them ("Filed under: Politics,
/// Congress", "Tags: rust, wasm").
const TAG_LABELS: &[&str] = &[
    "filed under",
    "filed in",
    "tags",
    "tagged",
    "tagged with",
    "tagged as",
    "topics",
    "related topics",
    "categories",
    "category",
    "posted in",
    "published in",
    "mots-clés",
    "mots clés",
    "étiquettes",
    "thèmes",
    "catégories",
    "schlagwörter",
    "schlagworte",
    "themen",
    "kategorien",
    "etiquetas",
    "temas",
    "categorías",
    "archivado en",
];

/// Is this (the text of a block outside its links) only a tag label?
pub fn is_tag_label(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !",;|·•/".contains(*c)).collect();
    TAG_LABELS.contains(&normalize(&t).as_str())
}

/// Notices about the page rather than the article: a redirect under way.
const REDIRECT_PHRASES: &[&str] = &[
    "you will be redirected",
    "you are being redirected",
    "you're being redirected",
    "you will now be redirected",
    "if you are not redirected",
    "if you're not redirected",
    "you should be redirected",
    "vous allez être redirigé",
    "vous serez redirigé",
    "vous allez être redirigée",
    "sie werden weitergeleitet",
    "sie werden automatisch weitergeleitet",
    "sie werden in kürze weitergeleitet",
    "será redirigido",
    "serás redirigido",
    "será redireccionado",
];

/// What a cookie notice says, in its first words or beside its accept and decline buttons.
const COOKIE_PHRASES: &[&str] = &[
    "we use cookies",
    "we use cookies and",
    "this site uses cookies",
    "this website uses cookies",
    "our site uses cookies",
    "our website uses cookies",
    "this site uses cookie",
    "we and our partners use cookies",
    "by using this site, you agree to our use of cookies",
    "by continuing to use this site",
    "by continuing to browse",
    "use of cookies",
    "accept cookies",
    "accept all cookies",
    "cookie settings",
    "cookie preferences",
    "cookie policy",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "en poursuivant votre navigation",
    "wir verwenden cookies",
    "wir nutzen cookies",
    "diese website verwendet cookies",
    "diese webseite verwendet cookies",
    "utilizamos cookies",
    "usamos cookies",
    "este sitio utiliza cookies",
    "este sitio web utiliza cookies",
    "este sitio web usa cookies",
];

/// Is this short text (normalized: see `normalize`) a redirect notice?
fn is_redirect_notice(t: &str) -> bool {
    t.chars().count() <= 300 && REDIRECT_PHRASES.iter().any(|p| t.contains(p))
}

/// Is this short text a cookie notice? It opens with a cookie phrase, or holds one beside
/// buttons (`with_controls`); a sentence about cookies in a story does neither.
fn is_cookie_notice(t: &str, with_controls: bool) -> bool {
    if t.chars().count() > 500 || !t.contains("cookie") {
        return false;
    }
    COOKIE_PHRASES.iter().any(|p| t.starts_with(p)) || (with_controls && COOKIE_PHRASES.iter().any(|p| t.contains(p)))
}

/// Phrases of a placeholder that stands in for an embed (a video, a post, a chart) until the
/// reader consents to load it from elsewhere: it names the outside content...
const EXTERNAL_CONTENT_PHRASES: &[&str] = &[
    "external content",
    "third-party content",
    "third party content",
    "content from a third party",
    "externen inhalt",
    "externer inhalt",
    "externe inhalte",
    "externen inhalte",
    "drittplattform",
    "drittanbieter",
    "contenu externe",
    "contenu tiers",
    "contenido externo",
    "contenuto esterno",
    "externe inhoud",
    "externt innehåll",
    "eksternt innhold",
    "ekstern indhold",
];
/// ...and asks for consent.
const CONSENT_WORDS: &[&str] = &[
    "consent", "accept", "allow", "enable", "einverstanden", "zustimm", "akzeptier", "erlauben",
    "accepter", "autoriser", "consentement", "aceptar", "consentimiento", "acconsent", "consenso",
    "toestemming", "akkoord", "samtyck", "godta", "samtykke",
];

/// ...to show or load it (a copyright line's "third-party content … without consent" does
/// not).
const SHOW_WORDS: &[&str] = &[
    "show", "load", "display", "view", "anzeig", "angezeigt", "laden", "einblend", "afficher",
    "affiché", "charger", "mostrar", "cargar", "visualizza", "carica", "weergeven", "tonen",
    "visa", "vise",
];

/// Is this short text an embed's consent placeholder ("An dieser Stelle findest du einen
/// externen Inhalt von YouTube … Ich bin damit einverstanden, dass mir Inhalte … angezeigt
/// werden")?
fn is_embed_consent(t: &str) -> bool {
    t.chars().count() <= 600
        && EXTERNAL_CONTENT_PHRASES.iter().any(|p| t.contains(p))
        && CONSENT_WORDS.iter().any(|w| t.contains(w))
        && SHOW_WORDS.iter().any(|w| t.contains(w))
}

/// Words of a sign-up box: with an email field or a form beside them, the box is a pitch.
const SIGNUP_WORDS: &[&str] = &[
    "newsletter",
    "sign up",
    "signup",
    "subscribe",
    "daily email",
    "weekly email",
    "free email",
    "inbox",
    "get our",
    "lettre d'information",
    "infolettre",
    "inscrivez-vous",
    "abonnez-vous",
    "s'inscrire",
    "anmelden",
    "abonnieren",
    "suscríbete",
    "suscribirse",
    "boletín",
    "regístrate",
];

/// Does this text ask for a sign-up? The words count whole ("subscribe", not "subscribers"
/// or "unsubscribe").
fn is_signup_pitch(t: &str) -> bool {
    SIGNUP_WORDS.iter().any(|w| contains_word(t, w))
}

/// Phrases of a registration or subscription wall ("Register / sign in to unlock more articles.
/// Create an account or sign in to continue…"): two different ones in a short box of several
/// blocks make it one.
const WALL_PHRASES: &[&str] = &[
    "sign in", "sign-in", "log in", "create an account", "create a free account", "register",
    "subscribe", "subscriber", "unlock", "already have an account", "anmelden", "registrieren",
    "abonnieren", "abonnent", "freischalten", "se connecter", "abonnez-vous", "créer un compte",
    "déjà abonné", "iniciar sesión", "suscríbete", "regístrate", "crear una cuenta", "accedi",
    "abbonati", "registrati", "inloggen", "abonneer", "logga in", "logg inn",
];

/// Is this box (a container of several blocks, normalized text) a registration wall? Its
/// call to action or its title says so too: a link or button, or the box's first line, that
/// asks to sign in, register, subscribe in a few words (a story about subscribers who must
/// sign in has neither).
fn is_wall_box(dom: &Dom, id: NodeId, t: &str) -> bool {
    if t.chars().count() > 600 || dom.element_children(id).filter(|&c| !crate::dom::measure::is_phrasing(dom, c)).count() < 2 {
        return false;
    }
    let says = |d: NodeId| {
        let label = normalize(&dom.text_content(d));
        label.chars().count() <= 60 && WALL_PHRASES.iter().any(|p| contains_word(&label, p))
    };
    let asks = |d: NodeId| {
        let control = matches!(dom.tag(d), Some(&local_name!("a") | &local_name!("button")))
            || dom.attr(d, "role").is_some_and(|r| r.eq_ignore_ascii_case("button"));
        control && says(d)
    };
    let titled = dom.element_children(id).next().is_some_and(says);
    WALL_PHRASES.iter().filter(|p| contains_word(t, p)).count() >= 2 && (titled || dom.descendants(id).any(asks))
}

/// Does `text` hold `phrase` with no letter right before or after it?
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// Comment-count and comment-prompt lines, once digits and brackets are taken out ("Join the
/// conversation (12)", "Comments 18", "34 commentaires").
const COMMENT_LINES: &[&str] = &[
    "comments",
    "comment",
    "join the conversation",
    "join the discussion",
    "join the conversation comments",
    "comments join the conversation",
    "view comments",
    "show comments",
    "see comments",
    "read comments",
    "add a comment",
    "post a comment",
    "leave a comment",
    "comment on this story",
    "comment on this article",
    "commentaires",
    "commentaire",
    "réagir",
    "kommentare",
    "kommentar",
    "comentarios",
    "comentario",
    "votes",
    "vote",
    "shares",
    "ratings",
    "reviews",
];

/// Is this short text a line about the comments (or votes) rather than one of them?
fn is_comment_line(t: &str) -> bool {
    if t.chars().count() > 60 {
        return false;
    }
    let stripped: String = t.chars().filter(|c| !c.is_ascii_digit() && !"()[]·|:".contains(*c)).collect();
    let stripped = crate::dom::collapse_whitespace(&stripped);
    let stripped = stripped.trim();
    // A bare "Comments" is a label (see LABELS); here a count or a prompt.
    (stripped != t || !matches!(stripped, "comments" | "comment" | "votes" | "vote" | "shares" | "ratings" | "reviews"))
        && COMMENT_LINES.contains(&stripped)
}

/// Blocks that are page notices, sign-up boxes or tag lists, whatever their class names
/// say: a tag label with nothing but its links, a redirect or cookie notice, a comment-count
/// line, a short box asking for an email address. `len` is the block's text length.
pub fn is_notice_block(dom: &Dom, id: NodeId, len: usize, text: &str) -> bool {
    if len == 0 || len > 600 {
        return false;
    }
    let text = normalize(text);
    if len <= 300 && (is_redirect_notice(&text) || is_comment_line(&text)) {
        return true;
    }
    let controls = dom.descendants(id).any(|d| {
        matches!(dom.tag(d), Some(&local_name!("button")) | Some(&local_name!("input")))
            || dom.attr(d, "role").is_some_and(|r| r.eq_ignore_ascii_case("button"))
    });
    if is_cookie_notice(&text, controls) || is_embed_consent(&text) {
        return true;
    }
    if has_email_field(dom, id) && is_signup_pitch(&text) {
        return true;
    }
    if is_wall_box(dom, id, &text) {
        return true;
    }
    len <= 300 && is_tag_list(dom, id)
}

/// A form, or an input for an email address (by its type, name, id, placeholder...).
fn has_email_field(dom: &Dom, id: NodeId) -> bool {
    dom.is(id, &local_name!("form"))
        || dom.find(id, &local_name!("form")).is_some()
        || dom.find_all(id, &local_name!("input")).any(|d| {
            ["type", "name", "id", "placeholder", "autocomplete", "aria-label"]
                .iter()
                .any(|a| dom.attr(d, a).is_some_and(|v| v.to_ascii_lowercase().contains("mail")))
        })
}

/// A tag label followed by links and nothing else ("Filed under: Politics, Congress").
fn is_tag_list(dom: &Dom, id: NodeId) -> bool {
    let mut outside = String::new();
    let mut links = 0;
    let mut cur = dom.first_child(id);
    while let Some(n) = cur {
        if dom.is(n, &local_name!("a")) {
            links += 1;
            cur = crate::dom::next_skipping_children(dom, id, n);
            continue;
        }
        if let Some(t) = dom.text(n) {
            outside.push_str(t);
            outside.push(' ');
        }
        cur = crate::dom::next_in_order(dom, id, n);
    }
    links > 0 && is_tag_label(&outside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        split_words(s, &mut v);
        v
    }

    #[test]
    fn link_list_headings_in_several_languages() {
        for h in ["Related stories", "【関連記事】", "관련기사", "Leggi anche:", "Les også", "延伸閱讀"] {
            assert!(is_link_list_heading(h), "{h}");
        }
        for h in ["The related work of the council", "関連する研究について", "Background"] {
            assert!(!is_link_list_heading(h), "{h}");
        }
    }

    #[test]
    fn screen_reader_only_class_names() {
        let dom = crate::dom::parse(
            r#"<p class="sr-only">a</p><p class="expand-icon__a11y-open h-offscreen">b</p><p class="u-visually-hidden-text">c</p>
               <p class="sr-only md:not-sr-only">d</p><p class="md:not-sr-only">e</p><p class="offscreen-menu-open x">f</p><p class="sorted">g</p>"#,
        );
        let got: Vec<bool> = dom.find_all(dom.root(), &local_name!("p")).map(|p| is_screen_reader_only(&dom, p)).collect();
        assert_eq!(got, vec![true, true, true, true, false, true, false]);
    }

    #[test]
    fn embed_consent_placeholders_in_several_languages() {
        let n = |t: &str| is_embed_consent(&normalize(t));
        assert!(n("Empfohlener redaktioneller Inhalt. An dieser Stelle findest du einen externen Inhalt von YouTube. \
                   YouTube-Inhalte erlauben. Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden."));
        assert!(n("This article contains external content. To show it, accept the cookies of the provider."));
        assert!(n("Ce contenu externe est bloqué : cliquez pour accepter et afficher la vidéo."));
        // A copyright line, a story about consent: not placeholders.
        assert!(!n("Reuters content is the property of Reuters or its third-party content providers; any copying is prohibited without prior written consent."));
        assert!(!n("The court ruled that the platform must ask users to consent before it tracks them."));
    }

    #[test]
    fn class_words() {
        assert_eq!(w("ad-container topAd ad_slot"), vec!["ad", "container", "top", "ad", "ad", "slot"]);
        assert_eq!(w("siteHeader"), vec!["site", "header"]);
        assert!(is_slug(&w("sharing-with-a-single-developer")));
        assert!(!is_slug(&w("sc-newsletter-inline__inner")));
        assert!(is_furniture_named(&w("sc-newsletter-inline"), false, false));
        assert!(is_furniture_named(&w("article-share"), false, false));
        assert!(!is_furniture_named(&w("shadow download header-image"), false, false));
        assert!(!is_furniture_named(&w("entry-meta"), false, false), "metadata words need a short block");
        assert!(is_furniture_named(&w("entry-meta"), true, false));
        assert!(!is_furniture_named(&w("comments"), false, false));
        assert!(is_furniture_named(&w("comments"), false, true));
    }

    #[test]
    fn texts() {
        for t in [
            "Advertisement",
            "Related video",
            "214 comments",
            "Comments (18)",
            "Sign up for our morning newsletter",
            "You have read 2 of 3 free articles this month.",
            "Get the Coastline Soccer newsletter Scores, transfers and analysis every weekday morning.",
            "This post may contain affiliate links. Please read my disclosure policy.",
            "إعلان",
            "212 votes",
            "Join the conversation",
            "Join the conversation (12)",
            "34 commentaires",
        ] {
            assert!(is_furniture_text(t), "{t}");
        }
        for t in [
            "The council voted to subscribe to the regional water plan after months of debate.",
            "Comments from residents were mixed.",
            "Read the full report here.",
            "Advertising revenue fell 12 percent last year, the company said.",
            "Islanders who subscribe to the council's newsletter were told a day before everyone else.",
            "Join the conversation about the harbour at the chapel on Thursday evening.",
        ] {
            assert!(!is_furniture_text(t), "{t}");
        }
    }
}
