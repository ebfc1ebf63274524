// Two parts of the listening page: the listener's private paraphrase coach, and the closing summary.
import { show } from "../live/live.js";

const PAUSE_MS = 1000;

/** While the listener types a reflection, after a pause in typing, ask the server (for them alone) how it
 *  lands: words they might also reflect, or a gentle note when it argues back. Never blocks sending. */
export function attachParaphraseCoach(field, panel, session) {
  let timer = null;
  let asked = 0; // replies to older drafts are ignored
  // The panel is a polite live region kept in the page while empty (collapsed by CSS), so it is heard as it fills.
  panel.setAttribute("aria-live", "polite");
  show(panel);
  const hide = () => { panel.replaceChildren(); };

  function ask() {
    const text = field.value;
    if (!text.trim()) return hide();
    const mine = ++asked;
    session.socket.emit("coach_paraphrase", { session_id: session.sessionId, text }, (reply) => {
      if (mine !== asked || field.value !== text || !reply || !reply.ok) return;
      render(reply.feedback);
    });
  }

  function render(feedback) {
    panel.replaceChildren();
    if (feedback && feedback.held_back) {
      panel.append(line("Hold that thought for your own turn", "coach-title"));
      if (feedback.rebuttal_text) {
        const words = line("", "coach-words");
        const mark = document.createElement("mark");
        mark.textContent = feedback.rebuttal_text;
        words.append(mark);
        panel.append(words);
      }
      panel.append(line(feedback.new_complaint
        ? "This adds a complaint of your own. It matters, and it can wait for when you hold the floor."
        : "This sounds like your side of it. For now, reflect what you heard; your turn will come.", "coach-why"));
      return show(panel);
    }
    if (feedback && feedback.missing.length && feedback.overlap < 0.75) {
      panel.append(line(`You might also reflect “${feedback.missing.join("”, “")}”.`, "coach-why"));
      return show(panel);
    }
    hide();
  }

  field.addEventListener("input", () => {
    clearTimeout(timer);
    asked++; // anything in flight is now stale
    timer = setTimeout(ask, PAUSE_MS);
  });
  return {
    /** Call when the reflection is sent or can no longer be sent: the coach goes quiet. */
    reset() { clearTimeout(timer); asked++; hide(); },
  };
}

/** The summary both partners see at the end: what was said, how it was heard, who held the floor when.
 *  It speaks of the two of them together: no count per partner, nothing to set one against the other. */
export function renderSummary(container, summary, nameOf) {
  container.replaceChildren(line("What you heard from each other", "summary-title", "h2"));
  if (summary.topic) container.append(line(`Talking about: ${summary.topic}`, "muted"));
  container.append(line(summary.rounds === 1 ? "Together you heard one thing all the way through."
    : summary.rounds ? `Together you heard ${summary.rounds} things all the way through.`
      : "Nothing was heard all the way through this time, and that's all right: you sat down to listen.",
  "rounds"));
  container.lastChild.dataset.testid = "summary-rounds";
  if (summary.turns.length) {
    container.append(line(floorWords(summary.turns.map((turn) => nameOf(turn.speaker))), "turns"));
    container.lastChild.dataset.testid = "summary-turns";
  }
  const list = document.createElement("ol");
  list.className = "summary-statements";
  list.dataset.testid = "summary-statements";
  summary.statements.forEach((said) => {
    const li = document.createElement("li");
    li.append(line(`${nameOf(said.speaker)} said`, "who-said"), line(said.text, "said", "blockquote"));
    said.clarifications.forEach((text) => li.append(line(`And: ${text}`, "muted")));
    li.append(said.paraphrase ? line(`Heard as: ${said.paraphrase}`, "heard-as")
      : line("Not yet heard all the way through.", "muted"));
    if (said.validation) li.append(line(said.validation, "validation"));
    list.append(li);
  });
  container.append(list);
}

/** "You held the floor, then Ben." for the turns taken, in order ("You held the floor." for one). */
function floorWords(names) {
  const [first, ...rest] = names;
  const again = rest.map((name, i) => (names.slice(0, i + 1).includes(name) ? `${lower(name)} again` : lower(name)));
  return `${first} held the floor${again.length ? `, then ${again.join(", then ")}` : ""}.`;
}

const lower = (name) => (name === "You" ? "you" : name);

function line(text, className, tag = "p") {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}
