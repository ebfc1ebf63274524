// The appreciation round page: renders the partner's own view and sends their actions.
import { LiveSession } from "./session.js";
import { show } from "./live.js";
import { attachCoach, showCareNote } from "./coach.js";
import { attachPause } from "./pause.js";

const root = document.getElementById("exercise");
const partnerName = root.dataset.partnerName;
const $ = (id) => document.getElementById(id);
const error = $("error");

const me = root.dataset.me;
let pause = null;
const session = new LiveSession(Number(root.dataset.sessionId), {
  onView: (view) => { render(view); pause.render(view, me, partnerName); },
  onError: (message) => { error.textContent = message; show(error); },
  onStatus: (text) => { $("connection").textContent = text; },
});

pause = attachPause($("pause"), (action, fields) => session.act(action, fields));
const coaches = [attachCoach($("appreciate-text"), session.socket), attachCoach($("reply-text"), session.socket)];

function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  show($("appreciate-form"), can("appreciate"));
  show($("mine-text"), Boolean(view.mine));
  if (view.mine) $("mine-text").textContent = view.mine.text;
  show($("mine-status"), Boolean(view.mine));
  if (view.mine) {
    $("mine-status").textContent = view.mine.received
      ? `${partnerName} received it${view.mine.reply ? `: “${view.mine.reply}”` : "."}`
      : `Waiting for ${partnerName} to receive it.`;
  }
  show($("theirs-waiting"), !view.theirs && !view.finished);
  show($("theirs-text"), Boolean(view.theirs));
  if (view.theirs) $("theirs-text").textContent = view.theirs.text;
  show($("acknowledge-form"), can("acknowledge"));
  show($("theirs-status"), Boolean(view.theirs && view.theirs.received));
  if (view.theirs && view.theirs.received) $("theirs-status").textContent = "You received this.";
  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  if (view.finished) {
    $("done").textContent = view.step === "done"
      ? "You both shared and received. Thank you for taking this moment together."
      : "This round was ended early. That's all right. Come back whenever you're ready.";
  }
}

async function submit(action, fields, button) {
  button.disabled = true;
  coaches.forEach((coach) => coach.reset());
  try {
    const reply = await session.act(action, fields);
    if (reply.ok) showCareNote($("care"), reply.care_note);
  } finally { button.disabled = false; }
}

$("appreciate-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submit("appreciate", { text: $("appreciate-text").value }, event.submitter);
});
$("acknowledge-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const reply = $("reply-text").value.trim();
  submit("acknowledge", reply ? { reply } : {}, event.submitter);
});
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this round for both of you?")) submit("end", {}, event.target);
});
