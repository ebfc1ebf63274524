// The live connection to the couple's room: one socket per page, a presence beat, kind status words.
import { io } from "../../vendor/socket.io-client/socket.io.esm.min.js";
import { goTo } from "../safety/leaving.js";

const BEAT_MS = 15000;
// After the server refuses a socket (or closes it), socket.io-client does not try again by itself (only a
// lost connection is retried): the page does, waiting longer each time, up to half a minute, and never sooner
// than a refusal for opening too many sockets asks (its `data.retry_after`, in seconds).
const RETRY_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const SIGNED_OUT = "You've been signed out. Please sign in again to carry on.";
const SIGN_IN = "/auth/login";

/** This device's sign-in has ended (signed out here or from another device, or a new password): leave at
 *  once for the sign-in page, so the partner's words and one's own don't stay on a screen someone else may
 *  be holding. `replace`, so going back doesn't bring the page up again (pages are never cached). */
export function leaveSignedOut() {
  goTo(SIGN_IN, { replace: true });
}

/** Open the socket. `onStatus(text, ok)` hears about the connection in plain words; `onPresence(ids)`
 *  hears who of the couple is online, from broadcasts and from the replies to our own beat. */
export function connect({ onStatus = () => {}, onPresence = () => {} } = {}) {
  const socket = io({ reconnectionDelayMax: 5000 });
  socket.on("presence", ({ online }) => onPresence(online));
  // A partner left (or deleted their account): the shared room is closed; home explains what is next.
  socket.on("room_closed", () => goTo("/"));
  let beat = null;
  let retry = null;
  let refusals = 0;
  const tryAgainLater = (atLeastMs = 0) => {
    clearTimeout(retry);
    const wait = Math.max(atLeastMs, RETRY_MS[Math.min(refusals, RETRY_MS.length - 1)] * (0.75 + Math.random() / 2));
    refusals += 1;
    retry = setTimeout(() => { if (!socket.connected) socket.connect(); }, wait);
  };
  socket.on("connect", () => {
    refusals = 0;
    clearTimeout(retry);
    onStatus("", true);
    clearInterval(beat);
    beat = setInterval(() => socket.emit("still_here", {}, (reply) => {
      if (reply && reply.ok) onPresence(reply.online);
      else if (reply && reply.error && reply.error.code === "not_signed_in") leaveSignedOut();
      else if (reply && reply.error) onStatus(reply.error.message, false);
    }), BEAT_MS);
  });
  socket.on("disconnect", (reason) => {
    clearInterval(beat);
    if (reason === "io server disconnect") { // only ever sent when this socket's sign-in has ended
      onStatus(SIGNED_OUT, false);
      leaveSignedOut();
    } else {
      onStatus("Reconnecting… anything you send will wait and go through.", false);
    }
  });
  socket.on("connect_error", (error) => {
    if (error && error.message === SIGNED_OUT) return leaveSignedOut();
    onStatus(error && error.message && !/xhr|websocket|timeout/i.test(error.message)
      ? error.message : "Can't reach Hearth right now. We'll keep trying.", false);
    // Refused by the server (a reason above), not a lost connection: try again, after the wait it asked for.
    if (!socket.active) tryAgainLater(1000 * ((error && error.data && error.data.retry_after) || 0));
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
