// The pairing page: a button that copies the invitation link, and, while waiting for the partner to use it,
// a look every few seconds that goes to the room when they do.
import { goTo } from "../safety/leaving.js";

const SHOWN_FOR = 2500; // ms the button says "Copied" before it offers to copy again

const copyButton = document.querySelector("[data-copies]");
if (copyButton) {
  const link = document.getElementById(copyButton.dataset.copies);
  const said = document.querySelector("[data-testid=copy-said]");
  const label = copyButton.textContent;
  let settle;
  copyButton.hidden = false;
  copyButton.addEventListener("click", async () => {
    const copied = await copy(link);
    copyButton.textContent = copied ? "Copied" : "Selected";
    said.textContent = copied ? "The link is copied. Paste it in a message to your partner."
      : "The link is selected. Copy it, then paste it in a message to your partner.";
    clearTimeout(settle);
    settle = setTimeout(() => { copyButton.textContent = label; said.textContent = ""; }, SHOWN_FOR);
  });
}

// The link on the clipboard (true), or, where the clipboard is out of reach (an older browser, a page not
// served over HTTPS), the link selected in its box for the person to copy themselves (false).
async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length); // iOS selects nothing with select() alone
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

const waiting = document.getElementById("waiting");
if (waiting) {
  const check = async () => {
    try {
      const response = await fetch(waiting.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok && (await response.json()).paired) return goTo(waiting.dataset.roomUrl);
    } catch (error) { /* offline for a moment: try again */ }
    setTimeout(check, 3000);
  };
  setTimeout(check, 3000);
}
