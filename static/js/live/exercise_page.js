// What every exercise page shares: its live session, the pause, the private coaches, and sending an action.
import { LiveSession } from "./session.js";
import { show } from "./live.js";
import { attachCoach, showCareNote } from "./coach.js";
import { attachPause } from "./pause.js";

/** Open the page's session. `render(view)` draws the partner's own view; `coached` are ids of text boxes
 *  that get the private coach. Returns the page's handles and `submit`. */
export function openExercisePage(render, { coached = [] } = {}) {
  const root = document.getElementById("exercise");
  const $ = (id) => document.getElementById(id);
  const { me, partnerName } = root.dataset;
  const error = $("error");
  let pause = null;
  const session = new LiveSession(Number(root.dataset.sessionId), {
    onView: (view) => { render(view); pause.render(view, me, partnerName); },
    onError: (message) => { error.textContent = message; show(error); },
    onStatus: (text) => { $("connection").textContent = text; },
  });
  pause = attachPause($("pause"), (action, fields) => session.act(action, fields));
  const coaches = coached.map((id) => attachCoach($(id), session.socket)); // anything with reset() may join

  /** Send an action: its button waits, every coach goes quiet (never after sending), `field` is cleared
   *  once the action is accepted, and the calm care note shows if the server asks for it. */
  async function submit(action, fields, button = null, field = null) {
    if (button) button.disabled = true;
    coaches.forEach((coach) => coach.reset());
    try {
      const reply = await session.act(action, fields);
      if (reply.ok) {
        if (field) field.value = field.defaultValue;
        if ($("care")) showCareNote($("care"), reply.care_note);
      }
      return reply;
    } finally { if (button) button.disabled = false; }
  }

  return { root, $, me, partnerName, session, coaches, submit };
}
