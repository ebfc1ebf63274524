// Listening turns inside the check-in's "what was hard" step. Every move goes out as the check-in's
// `listen` action with {move, ...}; the nested view (view.listening) decides what is shown.
import { show } from "../live/live.js";
import { attachCoach } from "../live/coach.js";
import { emptied, unsent } from "../live/kept.js";
import { attachParaphraseCoach } from "./listening_parts.js";

const FORMS = [
  ["speak", "Say one thing about your own experience", "I feel… when… and I'd love…", 600, "Say it"],
  ["paraphrase", "What I hear is…", "What I hear is that you…", 800, "This is what I heard"],
  ["clarify", "What would you add or put differently?", "Mostly I meant…", 400, "Send"],
  ["validate", "If you like, say why it makes sense", "That makes sense, because…", 400, "Share it"],
];

/** Build the nested listening panel into `root`. `send(move, fields, button, field)` acts; returns
 *  {render, reset, drafts}. */
export function attachNestedListening(root, { partnerName, socket, sessionId, send, partnerDoing = (words) => words }) {
  root.replaceChildren();
  const el = (tag, className = "", text = "") => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const title = el("h2", "", "Listening turns"); // the hard step has no heading: this one follows the h1
  const floor = el("p", "floor-who");
  floor.dataset.testid = "floor-who";
  const statement = el("blockquote", "said");
  statement.dataset.testid = "statement";
  const paraphrase = el("blockquote", "said heard-back");
  paraphrase.dataset.testid = "paraphrase";
  const validation = el("p", "validation");
  const hint = el("p", "hint");
  hint.dataset.testid = "hint";
  const waiting = el("p", "muted");
  waiting.dataset.testid = "nested-waiting";
  root.append(title, floor, statement, paraphrase, validation, waiting);

  const forms = {};
  const coaches = [];
  let paraphraseCoach = null; // the listener's live coach, quieted whenever reflecting isn't theirs to do
  FORMS.forEach(([move, label, placeholder, max, button]) => {
    const form = el("form", "hidden");
    const id = `nested-${move}-text`;
    const labelEl = el("label", "", label);
    labelEl.htmlFor = id;
    const area = el("textarea");
    Object.assign(area, { id, maxLength: max, rows: 2, placeholder });
    area.dataset.testid = id;
    const submit = el("button", "button", button);
    submit.type = "submit";
    submit.dataset.testid = `nested-${move}`;
    form.append(labelEl, area, submit);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(move, { text: area.value }, submit, area);
    });
    forms[move] = form;
    root.append(form);
    if (move === "paraphrase") { // the listener hears, privately, how their reflection lands
      const panel = el("div", "coach");
      panel.dataset.testid = "nested-paraphrase-coach";
      area.insertAdjacentElement("afterend", panel);
      paraphraseCoach = attachParaphraseCoach(area, panel, { socket, sessionId });
      coaches.push(paraphraseCoach);
    } else {
      coaches.push(attachCoach(area, socket));
    }
  });
  root.insertBefore(hint, forms.clarify);

  const row = el("div", "row");
  const buttons = {};
  [["confirm", "That's it", "button"], ["not_quite", "Not quite", "button secondary"],
    ["pass_floor", `Pass the floor to ${partnerName}`, "button secondary"],
    ["finish", "We're done for now", "button small secondary"], ["end", "Stop the turns here", "link"]]
    .forEach(([move, label, className]) => {
      const b = el("button", className, label);
      b.type = "button";
      b.dataset.testid = `nested-${move.replace("_", "-")}`;
      buttons[move] = b;
      row.append(b);
    });
  root.append(row);
  let notQuite = false;
  buttons.not_quite.addEventListener("click", () => { notQuite = true; show(forms.clarify); show(buttons.confirm, false); });
  ["confirm", "pass_floor", "finish", "end"].forEach((move) => buttons[move].addEventListener("click",
    (event) => send(move, {}, event.target, null)));

  return {
    render(view) {
      const can = (move) => view.allowed.includes(move);
      const speaking = view.my_role === "speaker";
      if (!can("clarify")) notQuite = false;
      title.textContent = view.topic ? `Listening turns: ${view.topic}` : "Listening turns";
      floor.textContent = speaking ? "You hold the floor. Say what's true for you."
        : `${partnerName} holds the floor. You're listening.`;
      const current = view.current;
      show(statement, Boolean(current));
      if (current) statement.textContent = [current.text, ...current.clarifications].join(" · ");
      const reflected = current && current.paraphrase && view.step !== "paraphrasing";
      show(paraphrase, Boolean(reflected));
      if (reflected) paraphrase.textContent = current.paraphrase;
      show(validation, Boolean(current && current.validation));
      if (current && current.validation) validation.textContent = current.validation;
      if (!can("paraphrase")) paraphraseCoach.reset(); // a newer turn never shows the last one's notes
      show(hint, Boolean(view.hint) && can("paraphrase")); // a note on the reflection box, shown only beside it
      hint.textContent = view.hint ? `Just for you: you might also reflect “${view.hint.missing.join("”, “")}”.` : "";
      ["speak", "paraphrase", "validate"].forEach((move) => show(forms[move], can(move)));
      show(forms.clarify, can("clarify") && notQuite);
      show(buttons.confirm, can("confirm") && !notQuite);
      show(buttons.not_quite, can("clarify") && !notQuite);
      ["pass_floor", "finish", "end"].forEach((move) => show(buttons[move], can(move)));
      waiting.textContent = view.waiting_for === "partner" ? partnerDoing(`${partnerName} is taking their part. Take your time.`) : "";
      show(waiting, Boolean(waiting.textContent));
    },
    reset() { coaches.forEach((coach) => coach.reset()); },
    /** The words typed in the turns' boxes and not sent, taken out of them (for the page to keep). */
    drafts() {
      const areas = [...root.querySelectorAll("textarea")];
      const words = unsent(areas);
      emptied(areas);
      return words;
    },
  };
}
