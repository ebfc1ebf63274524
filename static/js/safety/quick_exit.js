// The quick exit on every page: one tap (or Escape twice) signs out and leaves for a neutral page that
// replaces this one in the tab's history. Nothing waits for an answer: the sign-out travels as a beacon.
// An Escape that closed something (its handler called preventDefault) does not count toward the two.
import { markLeaving } from "./leaving.js";

const DOUBLE_ESCAPE_MS = 1000;

const link = document.querySelector("[data-testid=quick-exit]");
const token = document.querySelector("meta[name=csrf-token]");

function leave(event) {
  if (event) event.preventDefault();
  markLeaving();
  const form = new FormData();
  if (token) form.append("csrf_token", token.content);
  navigator.sendBeacon(link.dataset.signOut, form);
  window.location.replace(link.href);
}

if (link) {
  link.addEventListener("click", leave);
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (event.defaultPrevented) { lastEscape = 0; return; }
    const now = Date.now();
    if (now - lastEscape < DOUBLE_ESCAPE_MS) leave();
    lastEscape = now;
  });
}

// A page brought back from the browser's memory (back or forward) asks the server again, which sends a
// signed-out visitor to the sign-in page instead of showing what was on the screen.
window.addEventListener("pageshow", (event) => { if (event.persisted) window.location.reload(); });
