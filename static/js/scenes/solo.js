// Solo practice: Hearth reads the other role, the person says their lines and rewrites the marked ones.
// Drafts are coached and tries judged on the server over small JSON requests; nothing here uses the
// couple's live socket, so the partner is never told.
import { show } from "../live/live.js";
import { attachCoach, showCareNote } from "../live/coach.js";

const root = document.getElementById("solo");
const run = root.dataset.run;
const script = JSON.parse(root.dataset.script);
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = (id) => document.getElementById(id);
const HEARTH_READS_MS = 900;
let cursor = 0;

async function post(path, body) {
  const response = await fetch(`/solo/${run}/${path}`, {
    method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify(body), credentials: "same-origin",
  });
  try { return await response.json(); } catch { return { ok: false, error: { message: "We couldn't reach Hearth just now. Please try again." } }; }
}

// The coach speaks the same socket-like language as on a live page: emit("coach", {text}, reply).
const coach = attachCoach($("rewrite-text"), { emit: (name, payload, reply) => post("coach", payload).then(reply) });

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function addLine(index, rewritten) {
  const line = script.lines[index];
  const mine = line.role === script.me;
  const item = element("li", `line ${mine ? "mine" : "theirs"}`, "");
  item.dataset.testid = `line-${index}`;
  item.append(element("span", "who", mine ? `${script.roles[line.role]} (you)` : `${script.roles[line.role]} (Hearth reads)`));
  const kinder = rewritten || line.hearth_says;
  item.append(element("p", kinder ? "words crossed" : "words", line.text));
  if (kinder) item.append(element("p", "rewritten", kinder));
  $("script").append(item);
  return item;
}

function fail(message) {
  $("error").textContent = message;
  show($("error"));
}

function step() {
  show($("say-panel"), false);
  show($("rewrite-form"), false);
  show($("error"), false);
  if (cursor >= script.lines.length) return finish();
  const line = script.lines[cursor];
  const accepted = (script.accepted || {})[String(cursor)];
  if (line.role !== script.me || accepted) {
    addLine(cursor, accepted);
    cursor += 1;
    setTimeout(step, line.role !== script.me ? HEARTH_READS_MS : 0);
    return;
  }
  const item = addLine(cursor);
  item.classList.add("current");
  if (!line.rewrite) return show($("say-panel"));
  $("rewrite-text").value = "";
  show($("why"), false);
  show($("example"), false);
  show($("show-example"));
  show($("rewrite-form"));
}

async function finish() {
  const reply = await post("finish", {});
  if (!reply.ok) return fail(reply.error.message);
  const { rewrites, first_try: firstTry } = reply.summary;
  $("done").textContent = `That's the scene. You found ${rewrites} I ${rewrites === 1 ? "statement" : "statements"}`
    + `${firstTry ? `, ${firstTry} on the first try` : ""}. Every try counts. Only you can see this.`;
  show($("done"));
}

$("say").addEventListener("click", () => {
  document.querySelector("#script .current")?.classList.remove("current");
  cursor += 1;
  step();
});

$("rewrite-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = event.submitter;
  if (button.getAttribute("aria-disabled") === "true") return; // already sent; aria-disabled keeps the focus
  button.setAttribute("aria-disabled", "true");
  coach.reset();
  try {
    const reply = await post("rewrite", { line: cursor, text: $("rewrite-text").value });
    if (!reply.ok) return fail(reply.error.message);
    if (reply.care_note) showCareNote($("care"), reply.care_note);
    if (!reply.accepted) {
      $("why").textContent = reply.why;
      return show($("why"));
    }
    const current = document.querySelector("#script .current");
    current.querySelector(".words").classList.add("crossed");
    current.append(element("p", "rewritten", $("rewrite-text").value.trim()));
    current.classList.remove("current");
    cursor += 1;
    step();
  } finally { button.removeAttribute("aria-disabled"); }
});

$("show-example").addEventListener("click", async () => {
  const reply = await post("example", { line: cursor });
  if (!reply.ok) return fail(reply.error.message);
  $("example").textContent = reply.example;
  show($("example"));
  show($("show-example"), false);
});

step();
