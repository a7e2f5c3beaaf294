// The CSP test page's own script (allowed by its script-src 'self'): a button that counts
// clicks, to show that the page still works after the bookmarklet failed on it.
let clicks = 0;
const counter = document.getElementById('counter');
counter.addEventListener('click', () => {
  clicks += 1;
  counter.textContent = `Clicked ${clicks} time${clicks === 1 ? '' : 's'}`;
});
window.pageScriptRan = true;
