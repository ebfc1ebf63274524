// What a screen reader hears while the partner acts, and where focus goes when a control disappears.
//
// Each exercise page has one polite live region (#announce). The partner's accepted action is said
// there once, in a sentence; the author's own actions and everything private (a rewrite that wasn't
// accepted yet, coaching) are never announced to the other.

// What this page calls its steps, by id (the check-in names them: nameSteps), for sentences that say where to.
const stepTitles = new Map();

/** Tell the sentences what the page's steps are called: [{id, title}] (a view's `steps`). */
export function nameSteps(steps) {
  (steps || []).forEach(({ id, title }) => stepTitles.set(id, title));
}

/** "<partner> went back to <step>." for a step back that moved both partners. */
function wentBack(event) {
  const title = stepTitles.get(event.data.to);
  return title ? `{p} went back to “${title}”.` : "{p} went back a step.";
}

// Event name -> sentence ({p} is the partner's name), or a function of the event that returns one.
const SENTENCES = {
  appreciated: "{p} shared an appreciation.",
  acknowledged: "{p} received your appreciation.",
  arrived: "{p} has shared how they're arriving.",
  arrivals_revealed: "You can both see how you're arriving now.",
  won: "{p} named a small win.",
  issue_named: "{p} named something that was hard.",
  parked: "{p} set that aside for later.",
  listening_opened: "{p} opened listening turns.",
  listening_closed: "The listening turns are closed.",
  requested: "{p} made a request for the week.",
  closed: "{p} shared how connected they feel.",
  ready: "{p} is ready to move on.",
  went_back: wentBack,
  chosen: (event) => (event.data.first_speaker === event.actor
    ? "{p} holds the floor. You're listening." : "{p} chose what to talk about. You hold the floor."),
  spoke: "{p} said what's on their mind. Say back what you heard when you're ready.",
  paraphrased: "{p} said back what they heard.",
  confirmed: (event) => (event.data.choice ? `{p} confirmed: ${event.data.choice}.` : "{p} says you heard it right."),
  clarified: "{p} said a little more.",
  validated: "{p} said what makes sense to them.",
  floor_passed: "{p} passed the floor to you.",
  finished: "{p} finished the listening turns.",
  proposed: "{p} proposed a boundary.",
  amended: "{p} suggested a change.",
  asked: "{p} asked a question.",
  answered: "{p} answered.",
  not_now: "{p} would like a little more time with this.",
  accepted: "{p} accepted.",
  agreed: "You both agreed. It's written down.",
  suggested: "{p} made a suggestion.",
  withdrawn: "{p} took their suggestion back.",
  line_said: "{p} said their line.",
  rewritten: "{p} found their I statement.",
  roles_swapped: "You've swapped roles.",
  round_finished: "The round is finished.",
  paused: "{p} asked for a pause. No reason is needed.",
  ready_to_resume: "{p} is ready to come back.",
  resumed: "You're both back.",
  ended: "{p} ended the exercise. What you said is kept.",
  step_changed: "You're both on to the next step.",
};

/** The one sentence for an accepted action of the partner (its domain events), or "" to say nothing. */
export function sentenceFor(events, partnerName) {
  const named = events.filter((event) => SENTENCES[event.name]);
  const chosen = named.find((event) => event.name !== "step_changed") || named[0];
  if (!chosen) return "";
  const sentence = SENTENCES[chosen.name];
  return (typeof sentence === "function" ? sentence(chosen) : sentence).replaceAll("{p}", partnerName);
}

/** A function that says `text` in the polite live `region` (already in the page, so it is always heard). */
export function announcer(region) {
  let timer = null;
  return (text) => {
    if (!text) return;
    clearTimeout(timer);
    region.textContent = "";
    // A fresh node after a tick: screen readers announce a change, even of the same words as before.
    timer = setTimeout(() => { region.textContent = text; }, 60);
  };
}

/** Whether `element` is on screen and usable: in the page, laid out, not inside a hidden part, not disabled. */
export const isShown = (element) => Boolean(element && element.isConnected && element.getClientRects().length
  && !element.closest(".hidden") && !element.disabled);

/** Keep focus where a keyboard user can go on from: if the focused control was hidden, removed or
 *  disabled (focus fell to the page), move it to the next meaningful place in `root`: an open dialog's
 *  heading, the finished exercise's closing words (#done), the page's marked next step
 *  ([data-focus-next]; the first one after the lost control, if any follows it), the first text box,
 *  or the page's heading. */
export function keepFocus(root, previous) {
  const active = document.activeElement;
  if (active && active !== document.body && active !== document.documentElement && isShown(active)) return;
  if (previous && previous !== document.body && isShown(previous)) { previous.focus(); return; }
  const after = (element) => previous && previous.isConnected
    && Boolean(previous.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  const marked = [...root.querySelectorAll("[data-focus-next]")];
  const candidates = [
    ...root.querySelectorAll("[role=dialog] h2"),
    ...root.querySelectorAll("#done"),
    ...marked.filter(after),
    ...marked,
    ...root.querySelectorAll("textarea, input[type=text], input:not([type]), select"),
    ...root.querySelectorAll("h1"),
  ];
  const target = candidates.find(isShown);
  if (!target) return;
  if (!target.matches("textarea, input, select, button, a[href]")) target.setAttribute("tabindex", "-1");
  target.focus();
}
