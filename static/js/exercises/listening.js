// Listening turns: renders this partner's own view and sends their actions. The server decides
// everything; the page only shows what `view.allowed` permits. All text goes in with textContent.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";
import { emptied, keptWords, unsent } from "../live/kept.js";
import { attachParaphraseCoach, renderSummary } from "./listening_parts.js";

let notQuite = false; // the speaker pressed "Not quite" and is writing what was missed
const { root, $, me, partnerName, session, coaches, submit, partnerDoing } = openExercisePage(render, {
  coached: ["topic-text", "speak-text", "clarify-text", "validate-text"],
});
const error = $("error");
const nameOf = (id) => (id === me ? "You" : partnerName);
const paraphraseCoach = attachParaphraseCoach($("paraphrase-text"), $("paraphrase-coach"), session);
coaches.push(paraphraseCoach); // quiet on every send, like the others
const kept = keptWords($("kept"));
const drafts = ["speak-text", "paraphrase-text", "clarify-text", "validate-text"].map((id) => $(id));

/** Words the partner's move took the box away from come back, with a word about what happened. */
function keepWhatWasTyped(view) {
  const topic = $("topic-text");
  if (view.topic && view.topic_by && view.topic_by !== me) { // both wrote a topic: the first one sent holds
    const mine = unsent([topic]).filter((words) => words !== view.topic);
    kept.offer(`${partnerName} chose the topic first: “${view.topic}”. What you wrote is kept here, for when `
      + "you hold the floor.", mine);
    emptied([topic]);
  }
  const closer = view.ended_by || view.finished_by;
  if (view.finished && closer && closer !== me) {
    const verb = view.ended_by ? "ended" : "finished";
    kept.offer(`${partnerName} ${verb} the listening turns while you were still writing. What you wrote is kept `
      + "here, just for you.", unsent(drafts), $("done"));
    emptied(drafts);
  }
  kept.render([{ label: "Use it in what I say", testid: "kept-use", when: () => view.allowed.includes("speak"),
    use: (words) => { // joins what is already in the box, never replaces it
      const box = $("speak-text");
      box.value = [box.value.trim(), words].filter(Boolean).join(" ");
      box.dispatchEvent(new Event("input", { bubbles: true })); // the private coach reads it too
      box.focus();
    } }]);
}

function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  const speaking = view.my_role === "speaker";
  const current = view.current;
  if (!can("clarify")) notQuite = false;

  show($("choose"), can("choose"));
  show($("topic-field"), !view.topic);
  show($("floor"), Boolean(view.floor_holder) && !view.finished);
  $("topic").textContent = view.topic ? `Talking about: ${view.topic}` : "";
  $("floor-who").textContent = speaking ? "You hold the floor. Say what's true for you."
    : `${partnerName} holds the floor. You're listening.`;
  $("floor").classList.toggle("mine", speaking);

  show($("heard-panel"), view.heard.length > 0 && !view.finished);
  $("heard").replaceChildren(...view.heard.map(heardItem));

  show($("exchange"), Boolean(view.floor_holder) && !view.finished);
  show($("statement-block"), Boolean(current));
  if (current) {
    $("statement-who").textContent = current.speaker === me ? "You said" : `${partnerName} said`;
    $("statement").textContent = current.text;
    $("clarifications").replaceChildren(...current.clarifications.map((text) => item(`And: ${text}`)));
  }
  const reflected = current && current.paraphrase && view.step !== "paraphrasing";
  show($("paraphrase-block"), Boolean(reflected));
  if (reflected) {
    $("paraphrase-who").textContent = speaking ? `${partnerName} heard` : "You heard";
    $("paraphrase").textContent = current.paraphrase;
  }
  show($("validation"), Boolean(current && current.validation));
  if (current && current.validation) $("validation").textContent = current.validation;

  show($("speak-form"), can("speak"));
  $("speak-label").textContent = current ? "Anything more you'd like them to hear?" : "Say one thing about your own experience";
  $("speak").textContent = current ? "Say more" : "Say it";
  show($("paraphrase-form"), can("paraphrase"));
  if (!can("paraphrase")) paraphraseCoach.reset();
  show($("hint"), Boolean(view.hint) && can("paraphrase")); // a note on the reflection box, only beside it
  $("hint").textContent = view.hint ? `Just for you: you might also reflect “${view.hint.missing.join("”, “")}”.` : "";
  show($("check-row"), can("confirm") && !notQuite);
  show($("clarify-form"), can("clarify") && notQuite);
  show($("validate-form"), can("validate"));
  show($("next-row"), can("pass_floor"));
  $("waiting").textContent = waitingWords(view);
  show($("waiting"), Boolean($("waiting").textContent));

  show($("finish"), can("finish"));
  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  if (view.finished) {
    $("done").textContent = view.step === "done"
      ? "Thank you for listening to each other. Here's what was heard."
      : "This was ended early. That's all right. Here's what you shared before stopping.";
  }
  show($("summary"), Boolean(view.summary));
  if (view.summary) renderSummary($("summary"), view.summary, nameOf);
  show($("back-to-room-row"), view.finished);
  keepWhatWasTyped(view);
}

/** Whose move it is. What the partner is doing now is said only while they are on this page (partnerDoing);
 *  away, the presence line under the heading says where they are, and this line only whose move it is. */
function waitingWords(view) {
  if (view.finished || view.pause || view.waiting_for !== "partner") return "";
  const words = {
    speaking: partnerDoing(`${partnerName} is finding their words. Listen for what matters to them.`),
    paraphrasing: partnerDoing(`${partnerName} is reflecting what they heard.`),
    checking: partnerDoing(`${partnerName} is checking whether you heard it.`),
    reflected: `${partnerName} may say more, or pass the floor to you.`,
  };
  return words[view.step] || `Waiting for ${partnerName}.`; // away: only whose move it is
}

function heardItem(said) {
  const li = document.createElement("li");
  li.append(item(`${nameOf(said.speaker)}: ${said.text}`, "p"));
  if (said.paraphrase) li.append(item(`Heard as: ${said.paraphrase}`, "p", "muted"));
  return li;
}

function item(text, tag = "li", className = "") {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function onSubmit(formId, action, fieldId, key = "text") {
  $(formId).addEventListener("submit", (event) => {
    event.preventDefault();
    submit(action, { [key]: $(fieldId).value }, event.submitter, $(fieldId));
  });
}

$("choose-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const first = root.querySelector("input[name=first]:checked").value;
  const fields = { first_speaker: first };
  if (!$("topic-field").classList.contains("hidden")) fields.topic = $("topic-text").value;
  submit("choose", fields, event.submitter);
});
onSubmit("speak-form", "speak", "speak-text");
onSubmit("paraphrase-form", "paraphrase", "paraphrase-text");
onSubmit("clarify-form", "clarify", "clarify-text");
onSubmit("validate-form", "validate", "validate-text");
$("confirm").addEventListener("click", (event) => submit("confirm", {}, event.target));
$("not-quite").addEventListener("click", () => {
  notQuite = true;
  show($("check-row"), false);
  show($("clarify-form"));
  $("clarify-text").focus();
});
root.querySelectorAll("[data-starter]").forEach((starter) => starter.addEventListener("click", () => {
  $("validate-text").value = starter.dataset.starter;
  $("validate-text").focus();
}));
$("pass-floor").addEventListener("click", (event) => submit("pass_floor", {}, event.target));
$("finish").addEventListener("click", (event) => submit("finish", {}, event.target));
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this for both of you? What you've said so far is kept.")) submit("end", {}, event.target);
});
