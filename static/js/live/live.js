// The live connection to the couple's room: one socket per page, a presence beat, kind status words.
import { io } from "../../vendor/socket.io-client/socket.io.esm.min.js";

const BEAT_MS = 15000;

/** Open the socket. `onStatus(text, ok)` hears about the connection in plain words; `onPresence(ids)`
 *  hears who of the couple is online, from broadcasts and from the replies to our own beat. */
export function connect({ onStatus = () => {}, onPresence = () => {} } = {}) {
  const socket = io({ reconnectionDelayMax: 5000 });
  socket.on("presence", ({ online }) => onPresence(online));
  // A partner left (or deleted their account): the shared room is closed; home explains what is next.
  socket.on("room_closed", () => window.location.assign("/"));
  let beat = null;
  socket.on("connect", () => {
    onStatus("", true);
    clearInterval(beat);
    beat = setInterval(() => socket.emit("still_here", {}, (reply) => {
      if (reply && reply.ok) onPresence(reply.online);
    }), BEAT_MS);
  });
  socket.on("disconnect", () => {
    clearInterval(beat);
    onStatus("Reconnecting… anything you send will wait and go through.", false);
  });
  socket.on("connect_error", (error) => {
    onStatus(error && error.message && !/xhr|websocket|timeout/i.test(error.message)
      ? error.message : "Can't reach Hearth right now. We'll keep trying.", false);
  });
  return socket;
}

/** A fresh idempotency key for one action (works outside secure contexts too). */
export function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replaceAll("-", "");
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Show or hide an element. */
export function show(element, visible = true) {
  element.classList.toggle("hidden", !visible);
}
