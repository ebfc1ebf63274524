// The agreement review page: suggest keep / revise / retire, confirm the partner's suggestion, or take yours back.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";
import { day } from "../dates.js";

const { $, me, partnerName, submit } = openExercisePage(render);
const error = $("error");
const SAYING = { keep: "keeping it as it is", revise: "revising the words", retire: "letting it rest" };


function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  const suggestion = view.suggestion;
  show($("suggestion"), Boolean(suggestion) && !view.finished);
  if (suggestion) {
    $("suggestion").textContent = suggestion.by === me
      ? `You suggested ${SAYING[suggestion.choice]}. Waiting for ${partnerName} to confirm.`
      : `${partnerName} suggests ${SAYING[suggestion.choice]}.`;
    $("confirm").dataset.choice = suggestion.choice;
  }
  show($("confirm-box"), can("confirm") || can("withdraw"));
  show($("confirm"), can("confirm"));
  show($("withdraw"), can("withdraw"));
  show($("suggest-box"), can("suggest"));
  $("suggest-lead").textContent = suggestion ? "Or suggest something else:" : "What would you like to do with it?";
  document.querySelectorAll("[data-choice]").forEach((button) => {
    if (button.id !== "confirm") show(button, !suggestion || button.dataset.choice !== suggestion.choice);
  });
  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  show($("revise-form"), view.decided === "revise");
  if (view.finished) $("done-text").textContent = doneText(view);
}

function doneText(view) {
  if (view.decided === "keep") return `Kept, together. You'll look at it again on ${day(view.next_review)}.`;
  if (view.decided === "retire") return "Retired, together. It rests in your history.";
  if (view.decided === "revise") return "You'd both like new words. Open the talk when you're ready; it starts from today's words.";
  return "The review was ended for now. It will still be waiting when you're ready.";
}

$("confirm").addEventListener("click", (event) => submit("confirm", { choice: event.target.dataset.choice }, event.target));
$("withdraw").addEventListener("click", (event) => submit("withdraw", {}, event.target));
$("suggest-box").querySelectorAll("[data-choice]").forEach((button) => {
  button.addEventListener("click", () => submit("suggest", { choice: button.dataset.choice }, button));
});
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this review for both of you? Nothing changes.")) submit("end", {}, event.target);
});
