// One exercise session, live: catches up after any disconnect, resends what did not get through,
// never shows an event twice (events are ordered by their sequence number). An action whose answer is
// slow (a busy server, a slow language helper) lets its page go on after ACK_TIMEOUT_MS ("still sending")
// and is answered whenever the server answers: nothing it says, a care note included, is lost.
import { connect, leaveSignedOut, newKey } from "./live.js";

const ACK_TIMEOUT_MS = 8000;

export class LiveSession {
  /** hooks: onView(view), onEvent(event, live), onError(message), onStatus(text, ok), onPresence(ids),
   *  onJoined(summary), onLateReply(reply, item). `live` is false for events caught up on after (re)joining,
   *  true as they happen; onLateReply hears the answer to an action whose page already went on waiting. */
  constructor(sessionId, hooks) {
    this.sessionId = sessionId;
    this.hooks = hooks;
    this.lastSeq = 0; // the newest event shown
    this.viewSeq = -1; // the event the shown view is as of: an older view never replaces a newer one
    this.pending = new Map(); // idempotency key -> {action, fields}: sent but not yet confirmed
    this.socket = connect({ onStatus: hooks.onStatus, onPresence: hooks.onPresence });
    this.socket.on("connect", () => this.join());
    this.socket.on("session_event", (message) => {
      if (message.session_id === this.sessionId) this.receive(message.event, message.view);
    });
  }

  join() {
    this.socket.timeout(ACK_TIMEOUT_MS).emit("join_session",
      { session_id: this.sessionId, last_seq: this.lastSeq }, (err, reply) => {
        if (err) return; // the socket will reconnect and we'll ask again
        if (!reply.ok && reply.error.code === "not_signed_in") return leaveSignedOut();
        if (!reply.ok && reply.error.code === "slow_down") this.joinAgainIn(reply.error.retry_after);
        if (!reply.ok) return this.hooks.onError(reply.error.message, reply.error.code);
        if (this.hooks.onJoined) this.hooks.onJoined(reply.session);
        reply.events.forEach((event) => this.receive(event, null));
        this.showView(reply.view, reply.last_seq);
        for (const [key, item] of this.pending) this.send(key, item);
      });
  }

  /** Past a limit the page is told when to try again: join then (if the socket is still open; a reconnect
   *  joins by itself). */
  joinAgainIn(seconds) {
    clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => { if (this.socket.connected) this.join(); }, 1000 * (seconds || 1));
  }

  receive(event, view) {
    if (event.seq <= this.lastSeq) return; // already shown
    this.lastSeq = event.seq;
    if (this.hooks.onEvent) this.hooks.onEvent(event, Boolean(view));
    if (view) this.showView(view, event.seq);
  }

  showView(view, asOfSeq) {
    if (asOfSeq < this.viewSeq) return; // a reply computed before an event we already showed
    this.viewSeq = asOfSeq;
    this.hooks.onView(view);
  }

  /** Ask for an action; resolves with the reply, or with {ok: false, waiting: true} if none came within
   *  ACK_TIMEOUT_MS (the real answer then goes to onLateReply). Survives a dropped connection. `extra`
   *  rides beside the fields (care_seen: the author saw the care note and chose to share). */
  act(action, fields = {}, extra = {}) {
    const key = newKey();
    const item = { action, fields, extra, settled: false };
    this.pending.set(key, item);
    return new Promise((resolve) => {
      item.resolve = resolve;
      item.timer = setTimeout(() => this.settle(item, { ok: false, waiting: true }), ACK_TIMEOUT_MS);
      this.send(key, item);
    });
  }

  send(key, item) {
    if (!this.socket.connected) return; // sent again after the next join
    this.socket.emit("act", {
      session_id: this.sessionId, action: item.action, fields: item.fields, idempotency_key: key, ...item.extra,
    }, (reply) => {
      if (!this.pending.has(key)) return; // answered already (a resent copy's answer came first)
      this.pending.delete(key);
      clearTimeout(item.timer);
      if (!reply.ok && reply.error.code === "not_signed_in") return leaveSignedOut();
      if (!reply.ok && reply.error.code !== "care_hold") this.hooks.onError(reply.error.message, reply.error.code);
      if (item.settled) { if (this.hooks.onLateReply) this.hooks.onLateReply(reply, item); } else this.settle(item, reply);
    });
  }

  settle(item, reply) {
    if (item.settled) return;
    item.settled = true;
    item.resolve(reply);
  }
}
