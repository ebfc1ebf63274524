// The private coach under a text box: after a pause in typing it reads the draft (on the server, with
// spaCy) and, if it hears blame, explains why and offers an "I" statement. It never blocks sending,
// never speaks mid-word or after sending, and nothing of it reaches the partner. Its panel is a polite
// live region that stays in the page while empty (collapsed by CSS), so a screen reader hears it fill.
const PAUSE_MS = 1000;

/** Attach a coach to `field` (textarea or input), using the page's live `socket`. Returns {reset()}. */
export function attachCoach(field, socket, { title = "A thought before you send" } = {}) {
  const panel = document.createElement("div");
  panel.className = "coach";
  panel.setAttribute("aria-live", "polite");
  panel.dataset.testid = "coach";
  field.insertAdjacentElement("afterend", panel);
  let timer = null;
  let asked = 0; // replies to older drafts are ignored
  let declined = null; // the draft the author chose to keep as written

  const hide = () => { panel.className = "coach"; panel.replaceChildren(); };

  function ask() {
    const text = field.value;
    if (!text.trim() || text === declined) return hide();
    const mine = ++asked;
    socket.emit("coach", { text }, (reply) => {
      if (mine !== asked || field.value !== text || !reply) return;
      // Past the coach's limit the draft is read once the wait it names is over, unless the author typed on.
      if (!reply.ok && reply.error && reply.error.code === "slow_down") {
        timer = setTimeout(ask, 1000 * (reply.error.retry_after || 1));
        return;
      }
      if (reply.ok) render(reply.analysis);
    });
  }

  function render(analysis) {
    panel.replaceChildren();
    if (!analysis || (!analysis.blaming && !analysis.care)) return hide();
    if (analysis.care) {
      panel.className = "coach care";
      panel.append(paragraph(analysis.care_note, "care-note"));
      return;
    }
    panel.className = "coach";
    panel.append(paragraph(title, "coach-title"));
    const words = document.createElement("p");
    words.className = "coach-words";
    analysis.flags.forEach((flag) => {
      const mark = document.createElement("mark");
      mark.textContent = flag.text;
      words.append(mark, " ");
    });
    panel.append(words);
    const reasons = [...new Set(analysis.flags.map((flag) => flag.explanation))];
    reasons.forEach((reason) => panel.append(paragraph(reason, "coach-why")));
    if (analysis.suggestion) {
      panel.append(paragraph("You could say:", "coach-label"));
      const quote = document.createElement("blockquote");
      quote.className = "coach-suggestion";
      quote.dataset.testid = "coach-suggestion";
      quote.textContent = analysis.suggestion;
      panel.append(quote);
    }
    const row = document.createElement("div");
    row.className = "coach-actions";
    if (analysis.suggestion) { // one way to take it: the words go in the box, nothing is sent, the cursor waits
      row.append(button("Use these words", "coach-use", () => { // at their end, to change or send as they are
        field.value = analysis.suggestion; changed(); hide();
        field.focus(); // the button is gone: back to the words
        field.setSelectionRange(field.value.length, field.value.length);
      }));
    }
    row.append(button("Keep my words", "coach-keep", () => { declined = field.value; hide(); field.focus(); }));
    panel.append(row);
  }

  function changed() {
    field.dispatchEvent(new Event("coach-changed", { bubbles: true }));
  }

  field.addEventListener("input", () => {
    clearTimeout(timer);
    asked++; // anything in flight is now stale
    timer = setTimeout(ask, PAUSE_MS);
  });

  return {
    /** Call when the text is sent: the coach goes quiet and forgets the draft. */
    reset() { clearTimeout(timer); asked++; declined = null; hide(); },
  };
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

function button(label, testid, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button small secondary";
  b.textContent = label;
  b.dataset.testid = testid;
  b.addEventListener("click", onClick);
  return b;
}

/** Show the calm care note after a sent message, if the server asked for it. `container` is a polite live
 *  region already in the page (empty until now), so the note is heard as it appears. */
export function showCareNote(container, note) {
  if (!note) return;
  container.replaceChildren(paragraph(note, "care-note"));
  container.className = "coach care";
}

/** Words that suggest danger wait for their author: the note, what was (not) done, and a plain choice.
 *  `onKeep()` keeps it private (nothing is sent); `onShare()` sends it after all. */
export function showCareHold(container, note, sentence, { onKeep, onShare, partnerName = "your partner" }) {
  const row = document.createElement("div");
  row.className = "coach-actions";
  const close = () => { container.replaceChildren(); container.className = ""; };
  const keep = button("Keep it private", "care-keep", () => { close(); onKeep(); });
  const share = button(`Share it with ${partnerName} anyway`, "care-share", () => { close(); onShare(); });
  row.append(keep, share);
  container.replaceChildren(paragraph(note, "care-note"), paragraph(sentence, "care-held"), row);
  container.className = "coach care";
  keep.focus(); // the choice is theirs to make before anything else
}
