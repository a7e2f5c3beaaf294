// Chrome only: the extraction for the keyboard shortcut, in an offscreen document, because
// the service worker cannot run www/pith.js (see background.js). Answers
// { to: "pith-offscreen", html, url } with the Outcome of reading.js, and closes itself
// after a minute without work so the wasm's memory goes back to the browser.

import { ext } from "./api.js";
import { read } from "./reading.js";

const IDLE_MS = 60_000;
let idle = setTimeout(() => window.close(), IDLE_MS);

ext.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.to !== "pith-offscreen") return false;
  clearTimeout(idle);
  read(message.html, message.url)
    .catch((err) => ({ kind: "error", text: `Pith could not read this page: ${err?.message ?? err}` }))
    .then((outcome) => {
      sendResponse(outcome);
      idle = setTimeout(() => window.close(), IDLE_MS);
    });
  return true; // answers asynchronously
});
