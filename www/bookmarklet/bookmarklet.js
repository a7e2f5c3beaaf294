// The Pith bookmarklet: the code behind the "Pith" link the demo page offers to drag to the
// bookmarks bar. `pith` below is the readable source; `bookmarkletUrl(root)` turns it into
// the javascript: URL (indentation and line breaks dropped, so every statement in `pith`
// ends with a semicolon and no string spans lines; no comments inside the function).
//
// What a click does:
// - the reader is open: close it (a toggle);
// - Pith is loading already (window.__pithLoading, set less than 20 s ago): nothing;
// - otherwise show a small "Loading Pith…" note, import ROOT/bookmarklet/loader.js (which
//   opens the reader view), and remove the note. ROOT is where www/ is served: the demo
//   page's origin, plus its path when the demo is not at the top of its server.
// - When the import fails, the page's Content-Security-Policy most likely refused a script
//   from ROOT (a `securitypolicyviolation` event says so): the note then tells the reader,
//   in plain DOM built right here since none of Pith could be loaded, that this site blocks
//   bookmarklets and that the browser extension works there. Otherwise ROOT could not be
//   reached: its server is down, or (Chromium's Local Network Access) the person did not let
//   a public site reach a server on their own machine. The note says that. A click on the
//   note dismisses it, and it goes by itself after 15 s.
//
// The note is a custom element with a shadow root: the page's CSS cannot restyle its text,
// and its own style is set through the CSSOM (element.style), which a CSP allows.
//
// The page's document may be clobbered (<img name="createElement">, <form
// name="documentElement"> replace those members of `document`): the document is reached
// through Document.prototype's own methods and getters, and the note is found as the
// <pith-note> child of <html>, not by an id the page may use too. The root is found by
// querySelector(":root"), which still works on a page that redefined `documentElement`;
// when not even that finds it, an alert says Pith cannot open. An error that
// carries `pithNote` (loader.js: the page replaced built-ins Pith relies on) is shown as it is.

/**
 * @param {string} root The URL of www/ (the demo page's origin), no trailing slash.
 */
export function pith(root) {
  var w = window, d = document, D = Document.prototype, E = EventTarget.prototype, R = w.PithReader, n, t, csp = 0;
  if (R && R.isOpen && R.isOpen()) {
    R.close();
    return;
  }
  if (w.__pithLoading > Date.now() - 20000) return;
  n = D.querySelector.call(d, ":root>pith-note");
  if (n) n.remove();
  n = D.createElement.call(d, "pith-note");
  n.id = "pith-note";
  n.setAttribute("role", "status");
  n.style.cssText = "all:initial;position:fixed;z-index:2147483647;top:12px;right:12px;max-width:24em;padding:10px 14px;border-radius:8px;background:#222;color:#fff;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 18px rgba(0,0,0,.35);cursor:default";
  t = D.querySelector.call(d, ":root");
  if (!t) return alert("Pith cannot open on this page.");
  w.__pithLoading = Date.now();
  t.append(n);
  t = n.attachShadow({ mode: "open" });
  t.textContent = "Loading Pith…";
  function v() {
    csp = 1;
  }
  E.addEventListener.call(d, "securitypolicyviolation", v);
  import(root + "/bookmarklet/loader.js").then(function (m) {
    return m.toggle();
  }).then(function () {
    n.remove();
  }, function (e) {
    setTimeout(function () {
      n.setAttribute("role", "alert");
      t.textContent = e && e.pithNote ? e.message : csp ? "This site blocks bookmarklets, so Pith cannot open here. Use the Pith browser extension instead." : "Pith could not load from " + root + ". Is its server running? If the browser asked to let this site reach this device or your network, allow it and try again.";
      console.warn("Pith:", e);
      n.style.cursor = "pointer";
      n.addEventListener("click", function () {
        n.remove();
      });
      setTimeout(function () {
        n.remove();
      }, 15000);
    }, 100);
  }).finally(function () {
    E.removeEventListener.call(d, "securitypolicyviolation", v);
    w.__pithLoading = 0;
  });
}

/**
 * The javascript: URL of the bookmarklet for Pith served from `root`.
 * @param {string} root where www/ is served, e.g. "http://127.0.0.1:8080" (a trailing slash
 *   is dropped)
 * @returns {string}
 */
export function bookmarkletUrl(root) {
  return "javascript:" + encodeURIComponent(bookmarkletCode(root));
}

/**
 * The bookmarklet's code (before URL encoding), minified.
 * @param {string} root
 */
export function bookmarkletCode(root) {
  const body = pith
    .toString()
    .split("\n")
    .map((line) => line.trim())
    .join("");
  return `void(${body})(${JSON.stringify(root.replace(/\/+$/, ""))})`;
}
