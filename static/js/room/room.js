// The room page: is my partner here, and did they just start something?
import { connect, show } from "../live/live.js";

const SETTLE_MS = 4000; // a page change by the partner is a moment away and back: say nothing of it

const presence = document.getElementById("presence");
const heard = document.getElementById("presence-heard");
const started = document.getElementById("started");
const room = document.getElementById("room");
const partnerId = room.dataset.partner;
const partnerName = room.dataset.partnerName;

const socket = connect({
  onStatus: (text, ok) => { if (!ok) setPresence(false, text); },
  onPresence: (online) => setPresence(online.includes(partnerId)),
});

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

socket.on("session_started", ({ session_id, by }) => {
  started.textContent = "";
  started.append(`${by} started an exercise. `);
  const link = document.createElement("a");
  link.href = `/sessions/${session_id}`;
  link.textContent = "Join them";
  link.dataset.testid = "join-started";
  started.append(link);
  show(started);
});
