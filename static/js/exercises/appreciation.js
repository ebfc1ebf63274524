// The appreciation round page: renders the partner's own view and sends their actions.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";
import { emptied, keptWords, unsent } from "../live/kept.js";

const { $, me, partnerName, submit } = openExercisePage(render, { coached: ["appreciate-text", "reply-text"] });
const error = $("error");
const kept = keptWords($("kept"));
const drafts = [$("appreciate-text"), $("reply-text")];

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
  // After the round, a panel shows only what was shared in it: no heading with nothing under it.
  show($("mine"), !view.finished || Boolean(view.mine));
  show($("theirs"), !view.finished || Boolean(view.theirs));
  show($("done"), view.finished);
  if (view.finished) {
    $("done").textContent = view.step === "done"
      ? "You both shared and received. Thank you for taking this moment together."
      : "This round was ended early. That's all right. Come back whenever you're ready.";
  }
  show($("back-to-room-row"), view.finished);
  if (view.finished && view.ended_by && view.ended_by !== me) {
    kept.offer(`${partnerName} ended the round while you were still writing. What you wrote is kept here, `
      + "just for you.", unsent(drafts), $("done"));
    emptied(drafts);
  }
}

$("appreciate-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submit("appreciate", { text: $("appreciate-text").value }, event.submitter, $("appreciate-text"));
});
$("acknowledge-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const reply = $("reply-text").value.trim();
  submit("acknowledge", reply ? { reply } : {}, event.submitter, $("reply-text"));
});
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this round for both of you?")) submit("end", {}, event.target);
});
