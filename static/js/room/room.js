// The room page: what is live (the lead at the top, fetched again whenever a session starts or ends), and
// where my partner is: here in the room, in an exercise, elsewhere in Hearth, or not here.
import { connect } from "../live/live.js";

const SETTLE_MS = 4000; // a page change by the partner is a moment away and back: say nothing of it
const LEAD_PATH = "/room/live";

const presence = document.getElementById("presence");
const heard = document.getElementById("presence-heard");
const leads = document.getElementById("live-leads");
const room = document.getElementById("room");
const partnerId = room.dataset.partner;
const partnerName = room.dataset.partnerName;

let pages = null; // the partner's pages as last broadcast ("room", "session:12"), null until told
let partnerOnline = false;
let connectedOnce = false;

const socket = connect({
  onStatus: (text, ok) => { if (!ok) setPresence(false, text); },
  // Who is online without where (a beat's reply, or the broadcast's first half): only a partner gone is news
  // here, as every arrival is broadcast with its page.
  onPresence: (online) => { if (!online.includes(partnerId)) whereabouts(online, null); },
});
socket.auth = { page: "room" }; // read when the socket (re)connects: this socket is the room's
socket.on("presence", ({ online, pages: where }) => whereabouts(online, where || null));
socket.on("session_started", () => refreshLeads());
socket.on("session_finished", () => refreshLeads());
socket.on("connect", () => { if (connectedOnce) refreshLeads(); connectedOnce = true; }); // missed while away?

/** The sentence for where the partner is, from who is online and (when known) on which pages. */
function whereabouts(online, where) {
  partnerOnline = online.includes(partnerId);
  if (where) pages = where[partnerId] || [];
  if (!partnerOnline) pages = null;
  setPresence(partnerOnline, partnerOnline ? placeWords(pages) : "");
}

function placeWords(partnerPages) {
  if (!partnerPages || partnerPages.includes("room")) return `${partnerName} is here with you.`;
  const lead = [...leads.querySelectorAll("[data-session-id]")]
    .find((p) => partnerPages.includes(`session:${p.dataset.sessionId}`));
  if (lead) return `${partnerName} is in ${lead.dataset.title}.`;
  return `${partnerName} is elsewhere in Hearth.`;
}

let settling = null;
let said = null; // what the live region last said about the partner being here

/** Show presence at once; say it to a screen reader only once it has held for SETTLE_MS, and only if new. */
function setPresence(here, text) {
  const words = text || (here ? `${partnerName} is here with you.` : `${partnerName} isn't here right now.`);
  presence.classList.toggle("online", here);
  presence.querySelector(".presence-text").textContent = words;
  clearTimeout(settling);
  settling = setTimeout(() => {
    if (words !== said) { said = words; heard.textContent = words; }
  }, said === null ? 0 : SETTLE_MS);
}

/** Fetch the room's lead again (the server says it, the same words as on page load) and show it. */
async function refreshLeads() {
  let response;
  try {
    response = await fetch(LEAD_PATH, { credentials: "same-origin", headers: { Accept: "text/html" } });
  } catch {
    return; // offline: the next start, end or reconnect fetches it again
  }
  if (!response.ok || response.redirected) return;
  const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
  leads.replaceChildren(...fragment.body.childNodes);
  if (partnerOnline) setPresence(true, placeWords(pages)); // "in Listening turns" needs the lead's title
}
