// The boundary talk page: renders this partner's view of the talk and sends their actions.
// Partner-written text is only ever set with textContent.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";

let lastView = null;
const { $, me, partnerName, submit } = openExercisePage((view) => { lastView = view; render(view); }, {
  coached: ["need", "why", "consequence", "ask-text", "answer-text"],
});
const error = $("error");
const LABELS = { need: "What's needed", why: "Why it matters", consequence: "If it's crossed", review_every_weeks: "Review" };

let composing = null; // "amend" while this partner is writing a change
let seeded = false; // the seed fills the form once

const who = (id) => (id === me ? "you" : partnerName);
const weeksText = (n) => (n === 1 ? "every week" : `every ${n} weeks`);

function fill(wording) {
  $("need").value = wording.need || "";
  $("why").value = wording.why || "";
  $("consequence").value = wording.consequence || "";
  const weeks = String(wording.review_every_weeks || 4);
  if (![...$("weeks").options].some((o) => o.value === weeks)) $("weeks").append(new Option(weeksText(Number(weeks)), weeks));
  $("weeks").value = weeks;
}

function diffInto(container, pairs) {
  container.replaceChildren();
  pairs.forEach(([op, text]) => {
    const piece = document.createElement(op === "added" ? "ins" : op === "removed" ? "del" : "span");
    piece.textContent = text;
    container.append(piece);
  });
}

function changesInto(list, changes) {
  list.replaceChildren();
  Object.entries(changes).forEach(([field, pairs]) => {
    const term = document.createElement("dt");
    term.textContent = LABELS[field] || field;
    const detail = document.createElement("dd");
    detail.className = "diff";
    diffInto(detail, pairs);
    list.append(term, detail);
  });
}

function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  const proposing = can("propose");
  if (!can("amend")) composing = composing === "amend" ? null : composing;
  if (proposing && view.seed && !seeded) { fill(view.seed); seeded = true; }

  show($("seed-note"), Boolean(view.seed) && view.step === "proposing");
  $("seed-note").textContent = view.agreement_id
    ? "You're revising an agreement. Its current words are filled in; change whatever you'd like."
    : "Picked up where you left off last time. Change it, or start from a blank page.";

  show($("compose"), proposing || composing === "amend");
  $("compose-title").textContent = proposing
    ? (view.agreement_id ? "How would you word it now?" : "What do you need?") : "Suggest a change";
  $("compose-send").textContent = proposing ? "Propose it" : "Offer this version";
  show($("compose-cancel"), composing === "amend");
  show($("start-fresh"), proposing && Boolean(view.seed));

  renderCurrent(view, can);
  renderQuestions(view);
  renderHistory(view);

  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  show($("done-link"), view.agreed);
  if (view.finished) {
    $("done-text").textContent = view.agreed
      ? "You both said yes to the same words. It's written down in your agreements."
      : "You ended the talk without agreeing, and that's all right. What's on the table is kept for next time.";
  }
}

function renderCurrent(view, can) {
  const current = view.current;
  show($("current"), Boolean(current));
  if (!current) return;
  $("current-head").textContent = `Version ${current.number} · worded by ${who(current.author)}`;
  $("current-weeks").textContent = `review ${weeksText(current.review_every_weeks)}`;
  $("current-need").textContent = current.need;
  $("current-why").textContent = current.why;
  $("current-consequence").textContent = current.consequence || "";
  show($("current-consequence"), Boolean(current.consequence));
  show($("current-consequence-label"), Boolean(current.consequence));
  const changed = Object.keys(current.changes).length > 0;
  show($("current-changes-box"), changed);
  if (changed) changesInto($("current-changes"), current.changes);
  show($("why-flag"), current.why_flagged === true && !view.finished);

  let status;
  if (view.agreed) status = `You both accepted version ${current.number}.`;
  else if (current.author === me) status = `You offered version ${current.number}, so it has your yes. Waiting for ${partnerName}.`;
  else status = `${partnerName} offered version ${current.number} and says yes to it. Accept it, ask, or suggest a change.`;
  const notNow = view.not_now;
  if (!view.finished && notNow && notNow.version === current.number) {
    status += notNow.by === me ? " You said not now; it stays open." : ` ${partnerName} said not now. It stays open for you both.`;
  }
  $("accepts").textContent = status;

  $("accept").textContent = `Accept version ${current.number}`;
  $("accept").dataset.version = String(current.number);
  show($("accept"), can("accept"));
  show($("amend-open"), can("amend") && composing !== "amend");
  $("amend-open").textContent = current.author === me ? "Change my wording" : "Suggest a change";
  show($("not-now"), can("not_now"));
  show($("ask-form"), can("ask"));
  show($("answer-form"), can("answer"));
  if (view.open_question) $("answer-label").textContent = `${partnerName} asks: “${view.open_question.text}”`;
}

function renderQuestions(view) {
  show($("questions-panel"), view.questions.length > 0);
  $("questions").replaceChildren(...view.questions.map((q) => {
    const item = document.createElement("li");
    const asked = document.createElement("p");
    asked.className = "q";
    asked.textContent = `${q.asker === me ? "You" : partnerName} asked: ${q.text}`;
    const answer = document.createElement("p");
    answer.className = "muted";
    answer.textContent = q.answer === null ? "Waiting for an answer." : `${q.to === me ? "You" : partnerName}: ${q.answer}`;
    item.append(asked, answer);
    return item;
  }));
}

function renderHistory(view) {
  show($("history-panel"), view.versions.length > 1);
  $("history-summary").textContent = `Every version (${view.versions.length})`;
  $("versions").replaceChildren(...view.versions.slice().reverse().map((version) => {
    const item = document.createElement("li");
    item.className = "version";
    const head = document.createElement("p");
    head.className = "version-head";
    head.textContent = `Version ${version.number} · worded by ${who(version.author)}`;
    item.append(head);
    if (Object.keys(version.changes).length) {
      const list = document.createElement("dl");
      list.className = "changes";
      changesInto(list, version.changes);
      item.append(list);
    } else {
      const words = document.createElement("p");
      words.textContent = `${version.need} — ${version.why}${version.consequence ? ` If it's crossed: ${version.consequence}` : ""}`;
      item.append(words);
    }
    return item;
  }));
}

$("wording-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = { need: $("need").value, why: $("why").value, consequence: $("consequence").value.trim() || null,
    review_every_weeks: Number($("weeks").value) };
  const action = composing === "amend" ? "amend" : "propose";
  const reply = await submit(action, fields, event.submitter);
  if (reply.ok && action === "amend") { composing = null; show($("compose"), false); }
});
$("amend-open").addEventListener("click", () => {
  composing = "amend";
  const current = lastView && lastView.current;
  if (current) fill(current);
  show($("compose"));
  show($("compose-cancel"));
  $("compose-title").textContent = "Suggest a change";
  $("compose-send").textContent = "Offer this version";
  show($("amend-open"), false);
  $("need").focus();
});
$("compose-cancel").addEventListener("click", () => {
  composing = null;
  show($("compose"), false);
  show($("amend-open"));
});
$("start-fresh").addEventListener("click", () => fill({ review_every_weeks: 4 }));
$("accept").addEventListener("click", (event) => submit("accept", { version: Number(event.target.dataset.version) }, event.target));
$("not-now").addEventListener("click", (event) => submit("not_now", {}, event.target));
$("ask-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if ((await submit("ask", { text: $("ask-text").value }, event.submitter)).ok) $("ask-text").value = "";
});
$("answer-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if ((await submit("answer", { text: $("answer-text").value }, event.submitter)).ok) $("answer-text").value = "";
});
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this talk for both of you? What's on the table is kept for next time.")) submit("end", {}, event.target);
});
