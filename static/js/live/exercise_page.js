// What every exercise page shares: its live session, where the partner is, the pause, the private coaches,
// and sending an action.
//
// Where the partner is (partner_presence.js) is shown under the heading and handed to the exercise's view, so
// no page says the partner "is writing" or "is saying their line" while they are not on this page:
//   - `partnerHere()` says whether they are on this page now; `partnerDoing(sentence)` is `sentence` while
//     they are, "" while they are not (the presence line says where they are instead);
//   - the view is drawn again (with the last view) whenever the partner arrives or goes;
//   - an element marked `data-while-partner-here` is hidden while they are not here, and the page's body
//     has the class `partner-away` (and #exercise `data-partner-place`: here, room, elsewhere, left, away).
import { LiveSession } from "./session.js";
import { show } from "./live.js";
import { attachCoach, showCareHold, showCareNote } from "./coach.js";
import { attachPause } from "./pause.js";
import { announcer, isShown, keepFocus, sentenceFor } from "./announce.js";
import { watchPartner } from "./partner_presence.js";

const REFUSED_TEXT = new Set(["empty_text", "too_long", "held_back"]); // refusals that are about the words
// Refusals of the safety gate (couples/safety/readiness.py), for this person alone: where their next step is.
const SAFETY_LINKS = {
  safety_check: ["/safety/check", "Answer them now"],
  set_aside: ["/safety/hard-conversations", "Your choices"],
};

/** After a safety refusal's words, a link to the private check or the person's own page, then back here. */
function addSafetyLink(box, code) {
  if (!SAFETY_LINKS[code]) return;
  const [path, words] = SAFETY_LINKS[code];
  const link = document.createElement("a");
  link.href = `${path}?next=${encodeURIComponent(location.pathname)}`;
  link.textContent = words;
  link.dataset.testid = "safety-link";
  box.append(" ", link);
}

/** Open the page's session. `render(view)` draws the partner's own view; `coached` are ids of text boxes
 *  that get the private coach. Returns the page's handles, `submit`, and where the partner is
 *  (`partnerHere()`, `partnerDoing(sentence)`: see the top of this file). */
export function openExercisePage(render, { coached = [] } = {}) {
  const root = document.getElementById("exercise");
  const $ = (id) => document.getElementById(id);
  const { me, partnerName } = root.dataset;
  const error = $("error");
  const announce = announcer($("announce"));
  let pause = null;
  let partner = null;
  let lastView = null;
  let working = null; // the control last focused in the exercise, while the person works in it
  root.addEventListener("focusin", (event) => { working = event.target; });
  const draw = (view) => {
    lastView = view;
    render(view);
    pause.render(view, me, partnerName);
    if ($("live-controls").disabled) { // the first view: the controls now say what can be done, and are heard
      $("live-controls").disabled = false;
      root.removeAttribute("aria-busy");
    }
    if (working) keepFocus(root, working); // a control they were on may have gone with the new view
  };
  const session = new LiveSession(Number(root.dataset.sessionId), {
    onView: draw,
    onEvent: (event, live) => { if (live && event.actor !== me) announce(sentenceFor(event.events, partnerName)); },
    onError: (message, code) => { error.textContent = message; addSafetyLink(error, code); show(error); },
    onLateReply: (reply, item) => { $("connection").textContent = ""; answered(reply, item.action, item.fields); },
    onStatus: (text) => { $("connection").textContent = text; },
    onPresence: (online) => { if (partner) partner.heardBeat(online); },
  });
  session.socket.auth = { page: `session:${root.dataset.sessionId}` }; // read as the socket (re)connects
  let wasHere = false;
  partner = watchPartner({
    socket: session.socket, line: $("partner-presence"), heard: $("partner-presence-heard"),
    partnerId: root.dataset.partner, partnerName, sessionId: root.dataset.sessionId,
    onChange: (place) => {
      const here = place === "here";
      document.body.classList.toggle("partner-away", !here);
      root.dataset.partnerPlace = place;
      root.querySelectorAll("[data-while-partner-here]").forEach((element) => { element.hidden = !here; });
      if (here !== wasHere && lastView) draw(lastView); // what the view says of the partner may have changed
      wasHere = here;
    },
  });
  const partnerHere = () => partner.place() === "here";
  const partnerDoing = (sentence) => (partnerHere() ? sentence : "");
  pause = attachPause($("pause"), (action, fields) => session.act(action, fields));
  const coaches = coached.map((id) => attachCoach($(id), session.socket)); // anything with reset() may join

  /** What an answer asks of the page, whenever it comes: the care note after a message shared anyway,
   *  or, for words that suggest danger, the choice to keep them private or share them. */
  function answered(reply, action, fields, field = null) {
    if (reply.ok && $("care")) showCareNote($("care"), reply.care_note);
    if (reply.ok || !reply.error || reply.error.code !== "care_hold") return;
    showCareHold($("care"), reply.care_note, reply.error.message, {
      partnerName,
      onKeep: () => { // nothing is sent; the words stay in the box, theirs; a pause is one step away
        const pauseOpen = root.querySelector("[data-testid=pause-open]");
        if (isShown(pauseOpen)) pauseOpen.focus();
      },
      onShare: async () => {
        const again = await session.act(action, fields, { care_seen: true });
        if (again.ok && field) field.value = field.defaultValue;
        answered(again, action, fields, field);
        keepFocus(root, null);
      },
    });
  }

  /** Send an action: its button waits (aria-disabled, so it keeps the focus; a second press sends nothing),
   *  every coach goes quiet (never after sending), `field` is cleared once the action is accepted, the calm
   *  care note or the choice about words that suggest danger shows, and a refused text box is marked
   *  invalid and focused. A slow answer lets the page go on ("still sending") and is shown when it comes. */
  async function submit(action, fields, button = null, field = null) {
    if (button && button.getAttribute("aria-disabled") === "true") return { ok: false, pending: true };
    if (button) button.setAttribute("aria-disabled", "true");
    coaches.forEach((coach) => coach.reset());
    try {
      const reply = await session.act(action, fields);
      const box = field || (button && button.form && button.form.querySelector("textarea, input[type=text]"));
      if (reply.waiting) {
        $("connection").textContent = "Still sending. It will go through as soon as Hearth answers.";
      } else if (reply.ok) {
        if (field) field.value = field.defaultValue;
        if (box) box.removeAttribute("aria-invalid");
      } else if (box && REFUSED_TEXT.has(reply.error.code)) {
        box.setAttribute("aria-invalid", "true");
        box.setAttribute("aria-describedby", "error");
        box.focus();
      }
      answered(reply, action, fields, field);
      return reply;
    } finally {
      if (button) button.removeAttribute("aria-disabled");
      keepFocus(root, button);
    }
  }

  return { root, $, me, partnerName, session, coaches, submit, partnerHere, partnerDoing };
}
