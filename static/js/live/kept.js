// Words a person typed that their partner's move took the box away from: the partner chose the topic
// first, or ended the exercise while they were still writing. Nothing typed vanishes without a word: the
// page says what happened and offers the words back, in a box of their own to copy or reuse. They stay
// on this page only (never sent, never stored), and go when the person lets them go or leaves the page.
import { show } from "./live.js";

/** The words in `fields` not yet sent: typed, and not just the box's starting text. */
export function unsent(fields) {
  return fields.filter((field) => field && field.value.trim() && field.value.trim() !== field.defaultValue.trim())
    .map((field) => field.value.trim());
}

/** Empty `fields` back to their starting text (their words are kept elsewhere now). */
export function emptied(fields) {
  fields.forEach((field) => { if (field) field.value = field.defaultValue; });
}

/** Build the kept-words box into `container` (hidden until words are offered). Returns
 *  {offer(sentence, words, after), render(uses)}: `uses` are [{label, testid, when, use(words)}], buttons shown
 *  while `when` is true that put the words to work (a use that takes them lets the box go). */
export function keptWords(container) {
  container.classList.add("notice", "kept", "hidden");
  container.dataset.testid = "kept";
  const el = (tag, className = "", text = "") => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const why = el("p", "kept-why");
  why.dataset.testid = "kept-why";
  const label = el("label", "", "Your words, kept for you");
  label.htmlFor = "kept-text";
  const box = el("textarea");
  Object.assign(box, { id: "kept-text", rows: 3 });
  box.dataset.testid = "kept-text";
  const row = el("div", "row");
  const copy = el("button", "button small secondary", "Copy");
  copy.type = "button";
  copy.dataset.testid = "kept-copy";
  const letGo = el("button", "link", "Let them go");
  letGo.type = "button";
  letGo.dataset.testid = "kept-dismiss";
  const said = el("p", "muted kept-said");
  said.setAttribute("aria-live", "polite");
  row.append(copy, letGo);
  container.replaceChildren(why, label, box, row, said);
  let uses = [];

  copy.addEventListener("click", async () => {
    box.select();
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      document.execCommand("copy"); // an older browser, or a page not allowed the clipboard: the selection
    }
    said.textContent = "Copied.";
  });
  letGo.addEventListener("click", () => { show(container, false); box.value = ""; });

  function drawUses() {
    row.querySelectorAll("[data-use]").forEach((button) => button.remove());
    uses.filter((use) => use.when()).forEach((use) => {
      const button = el("button", "button small", use.label);
      button.type = "button";
      button.dataset.use = "";
      button.dataset.testid = use.testid;
      button.addEventListener("click", () => {
        use.use(box.value);
        show(container, false);
        box.value = "";
      });
      row.insertBefore(button, copy);
    });
  }

  return {
    /** Say `sentence` and keep `words` (a list, joined by blank lines; added to any already kept). With
     *  `after`, the box moves to just after that element (the closing words of a finished exercise). */
    offer(sentence, words, after = null) {
      if (!words.length) return;
      if (after) after.after(container);
      why.textContent = sentence;
      box.value = [box.value.trim(), ...words].filter(Boolean).join("\n\n");
      said.textContent = "";
      show(container);
      drawUses();
    },
    /** Redraw the buttons that reuse the words, for what the person may do now. */
    render(nextUses = uses) {
      uses = nextUses;
      if (!container.classList.contains("hidden")) drawUses();
    },
  };
}
