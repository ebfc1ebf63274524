// The boundary talk page: renders this partner's view of the talk and sends their actions.
// Partner-written text is only ever set with textContent. Words on the table are "proposal N" (numbered
// within the talk); the accepted one becomes "version M" of the agreement (`view.becomes_version`), the
// number the agreements pages, the history and the export show. The need is one partner's (`needed_by`):
// the form and every proposal say whose it is and who worded it.
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
let blank = false; // this partner chose to start from a blank page instead of the words picked up

const who = (id) => (id === me ? "you" : partnerName);
const weeksText = (n) => (n === 1 ? "every week" : `every ${n} weeks`);

/** Whose need the talk is about. Before the first proposal it is the seed's owner, unless this partner
 *  starts a proposal picked up from a blank page (a revision stays its agreement's): exercises/boundary/talk.py. */
function needOwner(view) {
  if (view.step !== "proposing") return view.needed_by || view.proposer;
  if (!view.needed_by || (blank && !view.agreement_id)) return me;
  return view.needed_by;
}

/** "your need, in your words", "Sam's need, reworded by you"... for one proposal. */
function whoseWords(version, owner) {
  const whose = owner === me ? "your need" : `${partnerName}'s need`;
  if (version.author === owner) return `${whose}, in ${owner === me ? "your" : `${partnerName}'s`} words`;
  return `${whose}, reworded by ${who(version.author)}`;
}

/** The form's labels say whose need is being written: yours, or your partner's in their voice. */
function labelForm(owner) {
  const mine = owner === me;
  $("need-label").textContent = mine ? "What I need" : `What ${partnerName} needs`;
  $("why-label").textContent = mine ? "Why it matters to me" : `Why it matters to ${partnerName}`;
  $("why-hint").textContent = mine ? "An “I” sentence works best: how it feels for you, what you need."
    : `It's ${partnerName}'s need: keep it in ${partnerName}'s voice, as an “I” sentence.`;
  $("consequence-label").textContent = mine ? "If it's crossed, what I'll do" : `If it's crossed, what ${partnerName} will do`;
  $("consequence-hint").textContent = mine ? "Something you will do, not something they must."
    : `Something ${partnerName} will do, in ${partnerName}'s words (“I'll …”).`;
}

/** Which version of the agreement the accepted proposal is (or becomes). */
function agreementVersion(view) {
  return view.becomes_version ? `version ${view.becomes_version} of your agreement` : "the next version of your agreement";
}

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
  const revising = view.seed && view.seed.agreement_version ? `version ${view.seed.agreement_version} of your agreement` : "your agreement";
  $("seed-note").textContent = view.agreement_id
    ? `You're revising ${revising}. Its current words are filled in; change whatever you'd like.`
    : "Picked up where you left off last time. Change it, or start from a blank page.";

  const owner = needOwner(view);
  labelForm(owner);
  show($("compose"), proposing || composing === "amend");
  $("compose-title").textContent = proposing
    ? (view.agreement_id ? "How would you word it now?" : owner === me ? "What do you need?" : `Picking up ${partnerName}'s need`)
    : "Suggest a change";
  $("compose-send").textContent = proposing ? "Propose it" : `Offer it as proposal ${view.versions.length + 1}`;
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
      ? `You both said yes to proposal ${view.current.number}: it's ${agreementVersion(view)} now.`
      : "You ended the talk without agreeing, and that's all right. What's on the table is kept for next time.";
  }
}

function renderCurrent(view, can) {
  const current = view.current;
  show($("current"), Boolean(current));
  if (!current) return;
  $("current-title").textContent = view.agreed ? "What you both said yes to" : "On the table";
  const owner = needOwner(view);
  $("current-head").textContent = `Proposal ${current.number} · ${whoseWords(current, owner)}`;
  $("becomes").textContent = `Once you both say yes, it's ${agreementVersion(view)}.`;
  show($("becomes"), !view.finished);
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

  let status = ""; // once finished, the closing words say what happened
  if (!view.finished && current.author === me) status = `You offered proposal ${current.number}, so it has your yes. Waiting for ${partnerName}.`;
  else if (!view.finished) status = `${partnerName} offered proposal ${current.number} and says yes to it. Accept it, ask, or suggest a change.`;
  const notNow = view.not_now;
  if (!view.finished && notNow && notNow.version === current.number) {
    status += notNow.by === me ? " You said not now; it stays open." : ` ${partnerName} said not now. It stays open for you both.`;
  }
  $("accepts").textContent = status;
  show($("accepts"), Boolean(status));

  $("accept").textContent = `Accept proposal ${current.number}`;
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
  $("history-summary").textContent = `Every proposal (${view.versions.length})`;
  const owner = needOwner(view);
  $("versions").replaceChildren(...view.versions.slice().reverse().map((version) => {
    const item = document.createElement("li");
    item.className = "version";
    const head = document.createElement("p");
    head.className = "version-head";
    head.textContent = `Proposal ${version.number} · ${whoseWords(version, owner)}`;
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
  if (action === "propose" && blank) fields.from = "blank";
  const reply = await submit(action, fields, event.submitter);
  if (reply.ok && action === "amend") { composing = null; show($("compose"), false); }
});
$("amend-open").addEventListener("click", () => {
  composing = "amend";
  const current = lastView && lastView.current;
  if (current) fill(current);
  show($("compose"));
  show($("compose-cancel"));
  if (lastView) labelForm(needOwner(lastView));
  $("compose-title").textContent = "Suggest a change";
  $("compose-send").textContent = `Offer it as proposal ${lastView ? lastView.versions.length + 1 : 2}`;
  show($("amend-open"), false);
  $("need").focus();
});
$("compose-cancel").addEventListener("click", () => {
  composing = null;
  show($("compose"), false);
  show($("amend-open"));
});
$("start-fresh").addEventListener("click", () => {
  blank = true;
  fill({ review_every_weeks: 4 });
  if (lastView) render(lastView);
  $("need").focus();
});
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
