// The weekly check-in page: shows this partner's own view, step by step, and sends their actions.
// The server decides everything; the page shows what `view.allowed` permits. Text goes in with textContent.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";
import { nameSteps } from "../live/announce.js";
import { emptied, keptWords, unsent } from "../live/kept.js";
import { attachNestedListening } from "./checkin_listening.js";
import { renderCheckinSummary } from "./checkin_summary.js";
import { day } from "../dates.js";

const { root, $, me, partnerName, session, coaches, submit, partnerDoing } = openExercisePage(render, {
  coached: ["mood", "appreciate-text", "win-text", "issue-text", "request-text", "why-text"],
});
const partnerId = root.dataset.partner;
const error = $("error");
const STEPS = ["arrive", "appreciations", "wins", "hard", "agreements", "requests", "close"];
const ANSWERS = { yes: "Yes", yes_with_change: "Yes, with a change", not_this_week: "Not this week" };

const nested = attachNestedListening($("nested"), {
  partnerName, socket: session.socket, sessionId: session.sessionId, partnerDoing,
  send: (move, fields, button, field) => submit("listen", { move, ...fields }, button, field),
});
coaches.push(nested); // its coaches go quiet on every send too
const kept = keptWords($("kept"));
const drafts = ["mood", "appreciate-text", "win-text", "issue-text", "request-text", "why-text"].map((id) => $(id));
["feeling", "arrive-connection", "close-connection"].forEach((id) => {
  $(id).addEventListener("input", () => { $(`${id}-value`).textContent = $(id).value; });
});

function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  nameSteps(view.steps); // so "Ben went back to …" can name the step
  renderProgress(view);
  renderWentBack(view);
  STEPS.forEach((step) => show($(`step-${step}`), view.step === step));
  $("prompt").textContent = view.prompt || "";
  show($("prompt"), Boolean(view.prompt) && !view.finished);
  $("waiting").textContent = waitingWords(view);
  show($("waiting"), Boolean($("waiting").textContent));

  renderArrive(view, can);
  renderAppreciations(view, can);
  show($("win-form"), can("win"));
  said($("win-mine"), "Your win", view.wins.mine);
  said($("win-theirs"), `${partnerName}'s win`, view.wins.theirs, `${partnerName}'s win will appear here.`);
  renderHard(view, can);
  renderAgreements(view);
  renderRequests(view, can);
  show($("close-form"), can("close"));
  $("close-status").textContent = view.close.mine && !view.close.revealed
    ? `Thank you. You'll both see the week's summary once ${partnerName} has answered too.` : "";

  show($("step-row"), !view.finished && !view.pause && (can("ready") || can("back")));
  show($("ready"), can("ready"));
  show($("back"), can("back"));
  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  if (view.finished) {
    $("done").textContent = view.step === "done"
      ? "You made time for each other this week. Here's your week together, saved in your room."
      : "This check-in was ended early. That's all right. What you shared is kept below.";
  }
  show($("summary"), Boolean(view.summary));
  if (view.summary) renderCheckinSummary($("summary"), view.summary, [[me, "You"], [partnerId, partnerName]]);
  show($("back-to-room-row"), view.finished);
  if (view.finished && view.ended_by && view.ended_by !== me) { // ended while this person was still writing
    const words = [...unsent(drafts), ...nested.drafts()];
    kept.offer(`${partnerName} ended the check-in while you were still writing. What you wrote is kept here, `
      + "just for you.", words, $("done"));
    emptied(drafts);
  }
}

/** A step back the partner took (it moved both of them) is said on this screen until both move on (in other
 *  words than the live region's "<partner> went back to …", so no sentence is on the page twice). */
function renderWentBack(view) {
  const back = view.went_back;
  const theirs = Boolean(back && back.by !== me && !view.finished);
  show($("went-back"), theirs);
  $("went-back").textContent = theirs ? `${partnerName} took you both back to “${back.title}”.` : "";
}

function renderProgress(view) {
  const index = view.steps.findIndex((s) => s.id === view.step);
  $("progress-label").textContent = index >= 0
    ? `Step ${index + 1} of ${view.steps.length} · ${view.steps[index].title}` : (view.finished ? "Finished" : "");
  $("progress-dots").replaceChildren(...view.steps.map((s, i) => {
    const li = document.createElement("li");
    li.className = index < 0 || i < index ? "done-step" : i === index ? "current" : "";
    li.title = s.title;
    li.textContent = s.title;
    if (i === index) li.setAttribute("aria-current", "step");
    return li;
  }));
}

/** The line about whose move it is. What the partner is doing now ("is still answering", "is waiting for you")
 *  is said only while they are on this page; away, the presence line under the heading says where they are. */
function waitingWords(view) {
  if (view.finished || view.pause || view.listening) return "";
  if (view.waiting_for === "partner") {
    if (view.ready.me) return `You're ready. Waiting for ${partnerName} to be ready too.`;
    if (view.step === "arrive") {
      return `${partnerDoing(`${partnerName} is still answering. `)}You'll see each other's answers together.`;
    }
    if (view.step === "close") return "";
    return `Waiting for ${partnerName}.`;
  }
  if (view.waiting_for === "me") {
    return view.ready.partner ? `${partnerName} is ready when you are.` : partnerDoing(`${partnerName} is waiting for you.`);
  }
  return "";
}

function renderArrive(view, can) {
  show($("arrive-form"), can("arrive"));
  const { mine, theirs } = view.arrive;
  const words = (a) => `Feeling ${a.feeling}/10 · connected ${a.connection}/10 · “${a.mood}”`;
  said($("arrive-mine"), "You", mine && words(mine));
  // Said once on the screen: once this person has answered, the waiting line above speaks of the partner.
  const pending = view.arrive.partner_answered ? `${partnerName} has answered. You'll see both answers together.`
    : mine ? "" : `${partnerName}'s answers will show here once you've both answered.`;
  said($("arrive-theirs"), partnerName, theirs && words(theirs), pending);
}

function renderAppreciations(view, can) {
  show($("appreciate-form"), can("appreciate"));
  const { mine, theirs } = view.appreciations;
  // Whether each was received is said once for the list, not once per item (no sentence twice on a screen).
  $("apprec-mine").replaceChildren(...mine.map((a) => item(a.text, "", a.received)));
  $("apprec-mine-status").textContent = receivedWords(mine, partnerName, `Waiting for ${partnerName} to receive`);
  $("apprec-theirs").replaceChildren(...theirs.map((a) => {
    const li = item(a.text, "", a.received);
    if (!a.received && can("acknowledge")) {
      li.append(button("I received this", "acknowledge", () => ({ number: a.number })));
    }
    return li;
  }));
  $("apprec-theirs-status").textContent = theirs.length ? receivedWords(theirs, "You", "")
    : `${partnerName}'s appreciations will appear here.`;
}

/** One line for a list of appreciations: that `who` received them, how many so far, or that they wait
 *  (`waiting` "" to say nothing while some wait: their buttons say it). */
function receivedWords(items, who, waiting) {
  const done = items.filter((a) => a.received).length;
  const one = items.length === 1;
  if (!items.length || (!done && !waiting)) return "";
  if (done === items.length) return `${who} received ${one ? "it" : "each one"}.`;
  if (!waiting) return "";
  return done ? `${who} has received ${done} of ${items.length} so far.` : `${waiting} ${one ? "it" : "them"}.`;
}

let turnsOpen = false; // whether the last view had listening turns running

function renderHard(view, can) {
  if (turnsOpen && !view.listening) { // the turns closed (either of them may close them): nothing typed is lost
    kept.offer("The listening turns closed before you sent this. What you wrote is kept here, just for you.",
      nested.drafts());
  }
  turnsOpen = Boolean(view.listening);
  show($("issue-form"), can("name_issue"));
  const issues = [["You", view.issues.mine], [partnerName, view.issues.theirs]].filter(([, i]) => i);
  $("issues").replaceChildren(...issues.map(([who, issue]) => {
    // One sentence per issue, naming who named it, so two issues never carry the same words.
    const status = { open: "", talking: ": you're talking it through now", talked: ", and you talked it through",
      parked: "; it's parked for later" }[issue.status];
    const li = item(issue.text, `${who} named this${status}.`);
    li.dataset.testid = `issue-${issue.author === me ? "mine" : "theirs"}`;
    if (issue.status === "open") {
      const row = document.createElement("div");
      row.className = "row";
      if (can("open_listening")) row.append(button("Talk it through now", "open-listening", () => ({ issue: issue.author })));
      if (can("park")) row.append(button("Park it for later", "park", () => ({ issue: issue.author }), "button small secondary"));
      li.append(row);
    }
    return li;
  }));
  show($("nested"), Boolean(view.listening));
  if (view.listening) nested.render(view.listening);
}

function renderAgreements(view) {
  $("agreements").replaceChildren(...view.agreements.map((a) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = a.url;
    link.textContent = a.title;
    link.dataset.testid = "agreement-link";
    li.append(link, paragraph(`Due for review since ${day(a.next_review)}`, "muted"));
    return li;
  }));
}

function renderRequests(view, can) {
  show($("request-form"), can("request"));
  show($("answer-form"), can("answer"));
  const answered = (r, by) => (r.answer ? `${by}: ${ANSWERS[r.answer]}${r.why ? `, ${r.why}` : ""}` : `${by} hasn't answered yet.`);
  const { mine, theirs } = view.requests;
  said($("request-mine"), "You asked", mine && mine.text);
  if (mine) $("request-mine").append(paragraph(answered(mine, partnerName), "muted"));
  said($("request-theirs"), `${partnerName} asked`, theirs && theirs.text, `${partnerName}'s request will appear here.`);
  if (theirs && theirs.answer) $("request-theirs").append(paragraph(answered(theirs, "You"), "muted"));
}

function said(container, who, text, waiting = "") {
  container.replaceChildren();
  if (text) {
    container.append(paragraph(who, "who-said"));
    const quote = document.createElement("blockquote");
    quote.className = "said";
    quote.textContent = text;
    container.append(quote);
  } else if (waiting) {
    container.append(paragraph(waiting, "muted"));
  }
}

function item(text, note, received = false) {
  const li = document.createElement("li");
  if (text) {
    const quote = document.createElement("blockquote");
    quote.className = "said";
    quote.textContent = text;
    li.append(quote);
  }
  if (received) li.classList.add("received");
  if (note) li.append(paragraph(note, "muted"));
  return li;
}

function button(label, action, fields, className = "button small") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = label;
  b.dataset.testid = action;
  b.addEventListener("click", () => submit(action.replace("-", "_"), fields(), b));
  return b;
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

function onSubmit(formId, action, fieldsOf, field = null) {
  $(formId).addEventListener("submit", (event) => {
    event.preventDefault();
    submit(action, fieldsOf(), event.submitter, field);
  });
}

onSubmit("arrive-form", "arrive", () => ({ feeling: Number($("feeling").value),
  connection: Number($("arrive-connection").value), mood: $("mood").value }), $("mood"));
onSubmit("appreciate-form", "appreciate", () => ({ text: $("appreciate-text").value }), $("appreciate-text"));
onSubmit("win-form", "win", () => ({ text: $("win-text").value }), $("win-text"));
onSubmit("issue-form", "name_issue", () => ({ text: $("issue-text").value }), $("issue-text"));
// The request box starts with a sentence to finish; sent as it is, it would ask the partner for nothing.
const unfinished = (text) => text.trim().replace(/[\s.,…]+$/u, "").toLowerCase();
$("request-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const box = $("request-text");
  if (unfinished(box.value) === unfinished(box.defaultValue)) {
    error.textContent = "Please finish the sentence with what would help you this week.";
    show(error);
    box.setAttribute("aria-describedby", "error");
    box.focus();
    return;
  }
  submit("request", { text: box.value }, event.submitter, box);
});
onSubmit("answer-form", "answer", () => {
  const fields = { answer: root.querySelector("input[name=answer]:checked").value };
  if ($("why-text").value.trim()) fields.why = $("why-text").value;
  return fields;
}, $("why-text"));
onSubmit("close-form", "close", () => ({ connection: Number($("close-connection").value) }));
$("ready").addEventListener("click", (event) => submit("ready", {}, event.target));
$("back").addEventListener("click", (event) => submit("back", {}, event.target));
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this check-in for both of you? What you've shared is kept.")) submit("end", {}, event.target);
});

// What the person brought from their own space (rendered for them alone): "Use this" puts it in its step's box,
// to change or share as they choose; nothing is sent until they press Share it.
document.querySelectorAll("[data-bring]").forEach((button) => {
  button.addEventListener("click", () => {
    const box = $(button.dataset.into);
    const typed = box.value.trim(); // what they already wrote stays: the offer joins it, it never replaces it
    box.value = typed && !typed.includes(button.dataset.bring) ? `${typed}\n${button.dataset.bring}` : (typed || button.dataset.bring);
    box.dispatchEvent(new Event("input", { bubbles: true })); // the private coach reads it too
    box.focus();
  });
});
