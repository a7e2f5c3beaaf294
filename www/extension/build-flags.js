// Written by scripts/build-extension.mjs: `true` only in the test builds
// (dist/extension-test/ and dist/extension-firefox-test/), whose manifests also grant host
// permissions for 127.0.0.1. It lets the popup act on a tab given as `popup.html?tabId=N`
// (headless tests cannot click the toolbar button) and exposes the background's command
// handler to the tests. The shipped builds keep it `false`.
export const TEST_BUILD = false;
