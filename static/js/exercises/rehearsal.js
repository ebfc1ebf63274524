// A rehearsal of a conflict scene: renders this partner's own view and sends their actions.
// Text is always set with textContent; the coach under each box is private to its author.
import { show } from "../live/live.js";
import { openExercisePage } from "../live/exercise_page.js";
import { keptWords, unsent } from "../live/kept.js";

const { $, me, partnerName, coaches, submit, partnerDoing } = openExercisePage(render, {
  coached: ["rewrite-text", "paraphrase-text"],
});
const error = $("error");
const kept = keptWords($("kept"));
let shownLine = null; // the line the boxes were last cleared for

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The words of a scripted line, with the words Hearth heard blame in marked. */
function marked(text, flagged, className) {
  const p = element("p", className);
  let rest = text;
  for (const words of flagged || []) {
    const at = rest.toLowerCase().indexOf(words.toLowerCase());
    if (at < 0) continue;
    p.append(rest.slice(0, at), element("mark", "", rest.slice(at, at + words.length)));
    rest = rest.slice(at + words.length);
  }
  p.append(rest);
  return p;
}

function who(view, roleId) {
  const role = view.scene.roles.find((r) => r.id === roleId);
  return `${role.name} (${role.player === me ? "you" : partnerName})`;
}

function renderLine(view, line) {
  const item = element("li", "line");
  const mine = view.scene.roles.find((r) => r.id === line.role).player === me;
  item.classList.add(mine ? "mine" : "theirs");
  item.classList.toggle("current", !line.said);
  item.dataset.testid = `line-${line.index}`;
  item.append(element("span", "who", who(view, line.role)));
  item.append(marked(line.text, line.flagged, line.rewritten ? "words crossed" : "words"));
  if (line.rewrite && !line.rewritten) item.append(element("p", "to-rewrite", "A line to say again as an I statement"));
  if (line.rewritten) item.append(element("p", "rewritten", line.rewritten));
  if (line.paraphrase) {
    const heard = element("p", "heard", `${mine ? partnerName : "You"} heard: “${line.paraphrase}”`);
    heard.dataset.testid = `heard-${line.index}`;
    item.append(heard);
  }
  return item;
}

function renderTries(view) {
  $("tries").replaceChildren(...view.my_tries.map((attempt) => {
    const item = element("li", "try");
    item.append(element("span", "try-text", `“${attempt.text}”`), element("span", "try-why", attempt.why));
    return item;
  }));
  show($("example"), Boolean(view.example));
  if (view.example) $("example").textContent = view.example;
}

/** Whether "What changed" is the page's account of the scene: once a round is through (the swap) and once the
 *  rehearsal is over, with a rewrite to show. Then it stands in for the script, which would say the same lines
 *  and rewrites again; while a round is played the script is shown and the summary waits. */
function summaryShown(view) {
  return view.summary.length > 0 && (view.finished || view.step === "swap");
}

function renderSummary(view) {
  show($("summary"), summaryShown(view));
  show($("summary-private"), view.summary.some((row) => row.my_tries.length));
  $("summary-list").replaceChildren(...view.summary.map((row) => {
    const item = element("li", "summary-row");
    const writer = row.writer === me ? "you" : partnerName;
    item.append(element("p", "summary-head", `Round ${row.round} · ${row.role}, played by ${writer}`));
    item.append(marked(row.original, row.flagged, "words crossed"));
    // Words, not counts: nothing here sets one partner's tries against the other's.
    if (row.rewrite) item.append(element("p", "rewritten", row.rewrite));
    else item.append(element("p", "muted", "Not rewritten this time."));
    if (row.paraphrase) item.append(element("p", "heard", `Heard as: “${row.paraphrase}”`));
    if (row.my_tries.length) { // the note that only this person sees them is said once, above the list
      const list = element("ul", "tries");
      list.setAttribute("aria-label", `Your earlier tries, round ${row.round}`);
      row.my_tries.forEach((attempt) => list.append(element("li", "try-text", `“${attempt.text}”`)));
      item.append(list);
    }
    return item;
  }));
}

function waitingText(view) {
  if (view.finished || view.pause || view.step === "swap") return "";
  const current = view.current;
  if (!current) return "";
  // What the partner is doing is said only while they are on this page (the presence line says where they are).
  if (view.phase === "say" && !current.mine) return partnerDoing(`${partnerName} is saying their line.`);
  if (view.phase === "rewrite" && !current.mine) {
    return partnerDoing(`${partnerName} is finding an I statement for this line…`);
  }
  if (view.phase === "listen" && current.mine) return partnerDoing(`Now ${partnerName} says what they heard.`);
  return "";
}

function render(view) {
  show(error, false);
  const can = (action) => view.allowed.includes(action);
  $("scene-title").textContent = view.scene.title;
  show($("scene-title"), Boolean(view.scene.title)); // an empty heading is hidden until the view names the scene
  $("situation").textContent = view.scene.situation;
  const mine = view.scene.roles.find((r) => r.player === me);
  const theirs = view.scene.roles.find((r) => r.player !== me);
  $("cast").textContent = `Round ${view.round} of ${view.rounds}: you play ${mine.name}, ${partnerName} plays ${theirs.name}.`;
  $("script").replaceChildren(...view.lines.map((line) => renderLine(view, line)));
  show($("script"), !summaryShown(view));

  const lineKey = view.current ? `${view.round}:${view.current.index}:${view.phase}` : null;
  if (lineKey !== shownLine) { // a new line: fresh, empty boxes
    shownLine = lineKey;
    if (view.finished && view.ended_by && view.ended_by !== me) { // ended while this person was writing
      kept.offer(`${partnerName} ended the rehearsal while you were still writing. What you wrote is kept here, `
        + "just for you.", unsent([$("rewrite-text"), $("paraphrase-text")]), $("done"));
    }
    $("rewrite-text").value = "";
    $("paraphrase-text").value = "";
    coaches.forEach((coach) => coach.reset());
  }
  show($("say-panel"), can("advance"));
  show($("rewrite-form"), can("rewrite"));
  $("show-example").classList.toggle("hidden", !can("show_example"));
  renderTries(view);
  show($("paraphrase-form"), can("paraphrase"));
  show($("swap-panel"), can("swap"));
  const waiting = waitingText(view);
  $("waiting").textContent = waiting;
  show($("waiting"), Boolean(waiting));
  renderSummary(view);
  show($("end"), can("end") && !view.pause);
  show($("done"), view.finished);
  if (view.finished) {
    const who = view.ended_by === me ? "You" : partnerName; // true of whoever ended it, on both screens
    $("done").textContent = view.step === "done"
      ? "You played it from both sides. Thank you for practising together."
      : `${who} ended the rehearsal here. That's all right: everything you found is kept.`;
  }
  show($("back-to-room-row"), view.finished);
}

$("say").addEventListener("click", (event) => submit("advance", {}, event.target));
$("rewrite-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submit("rewrite", { text: $("rewrite-text").value }, event.submitter);
});
$("show-example").addEventListener("click", (event) => submit("show_example", {}, event.target));
$("paraphrase-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submit("paraphrase", { text: $("paraphrase-text").value }, event.submitter);
});
$("swap").addEventListener("click", (event) => submit("swap", {}, event.target));
$("end").addEventListener("click", (event) => {
  if (window.confirm("End this rehearsal for both of you?")) submit("end", {}, event.target);
});
