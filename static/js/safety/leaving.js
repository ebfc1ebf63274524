// Once the quick exit has started to leave, nothing else on the page may send the tab somewhere else: a
// socket closed by that very sign-out would otherwise replace the neutral page with the sign-in page.
// Modules are loaded once per page, so every importer shares this one flag.
let leaving = false;

/** The quick exit calls this before it navigates away. */
export function markLeaving() { leaving = true; }

/** Go to `url` (replacing this page in the history when `replace`), unless the quick exit is under way. */
export function goTo(url, { replace = false } = {}) {
  if (leaving) return;
  if (replace) window.location.replace(url);
  else window.location.assign(url);
}
