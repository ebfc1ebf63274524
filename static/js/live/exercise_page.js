// What every exercise page shares: its live session, the pause, the private coaches, and sending an action.
import { LiveSession } from "./session.js";
import { show } from "./live.js";
import { attachCoach, showCareNote } from "./coach.js";
import { attachPause } from "./pause.js";
import { announcer, keepFocus, sentenceFor } from "./announce.js";

/** Open the page's session. `render(view)` draws the partner's own view; `coached` are ids of text boxes
 *  that get the private coach. Returns the page's handles and `submit`. */
export function openExercisePage(render, { coached = [] } = {}) {
  const root = document.getElementById("exercise");
  const $ = (id) => document.getElementById(id);
  const { me, partnerName } = root.dataset;
  const error = $("error");
  const announce = announcer($("announce"));
  let pause = null;
  let working = null; // the control last focused in the exercise, while the person works in it
  root.addEventListener("focusin", (event) => { working = event.target; });
  const session = new LiveSession(Number(root.dataset.sessionId), {
    onView: (view) => {
      render(view);
      pause.render(view, me, partnerName);
      if (working) keepFocus(root, working); // a control they were on may have gone with the new view
    },
    onEvent: (event, live) => { if (live && event.actor !== me) announce(sentenceFor(event.events, partnerName)); },
    onError: (message) => { error.textContent = message; show(error); },
    onStatus: (text) => { $("connection").textContent = text; },
  });
  pause = attachPause($("pause"), (action, fields) => session.act(action, fields));
  const coaches = coached.map((id) => attachCoach($(id), session.socket)); // anything with reset() may join

  /** Send an action: its button waits (aria-disabled, so it keeps the focus; a second press sends nothing),
   *  every coach goes quiet (never after sending), `field` is cleared once the action is accepted, the calm
   *  care note shows if the server asks for it, and a refused text box is marked invalid and focused. */
  async function submit(action, fields, button = null, field = null) {
    if (button && button.getAttribute("aria-disabled") === "true") return { ok: false, pending: true };
    if (button) button.setAttribute("aria-disabled", "true");
    coaches.forEach((coach) => coach.reset());
    try {
      const reply = await session.act(action, fields);
      const box = field || (button && button.form && button.form.querySelector("textarea, input[type=text]"));
      if (reply.ok) {
        if (field) field.value = field.defaultValue;
        if (box) box.removeAttribute("aria-invalid");
        if ($("care")) showCareNote($("care"), reply.care_note);
      } else if (box && /text|empty|too_long|held_back/.test(reply.error.code)) {
        box.setAttribute("aria-invalid", "true");
        box.setAttribute("aria-describedby", "error");
        box.focus();
      }
      return reply;
    } finally {
      if (button) button.removeAttribute("aria-disabled");
      keepFocus(root, button);
    }
  }

  return { root, $, me, partnerName, session, coaches, submit };
}
