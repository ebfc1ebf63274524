// The room page: is my partner here, and did they just start something?
import { connect, show } from "../live/live.js";

const presence = document.getElementById("presence");
const started = document.getElementById("started");
const room = document.getElementById("room");
const partnerId = room.dataset.partner;
const partnerName = room.dataset.partnerName;

const socket = connect({
  onStatus: (text, ok) => { if (!ok) setPresence(false, text); },
  onPresence: (online) => setPresence(online.includes(partnerId)),
});

function setPresence(here, text) {
  presence.classList.toggle("online", here);
  presence.querySelector(".presence-text").textContent =
    text || (here ? `${partnerName} is here with you.` : `${partnerName} isn't here right now.`);
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
