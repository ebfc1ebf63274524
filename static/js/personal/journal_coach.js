// The private coach on one's own journal, only when its author turned it on: each text box is read after a
// pause in typing, over a small JSON request to /me/coach; what it notices shows under the box, to them alone.
import { attachCoach } from "../live/coach.js";

const csrf = document.querySelector('meta[name="csrf-token"]').content;

async function ask(payload) {
  try {
    const response = await fetch("/me/coach", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(payload), credentials: "same-origin",
    });
    return await response.json();
  } catch {
    return { ok: false };
  }
}

document.querySelectorAll("[data-coached] textarea").forEach((box) => {
  attachCoach(box, { emit: (name, payload, reply) => ask(payload).then(reply) },
    { title: "A thought, just for you" });
});
