// The "send it again" page (couples/resend): what was typed comes back in a form posting where it first went.
// Just before sending, it asks for a token matching this browser's session now: signing in again in another
// tab may have given it a new one, and the page's own token belongs to the old. "Copy my words" copies what
// was written, for someone who would rather paste it elsewhere (or who must: words Hearth can't tell are the
// signed-in person's come back in no form at all, only to copy).
const form = document.getElementById("send-again");
const wordsBox = document.querySelector("[data-words]");
const note = document.getElementById("send-again-note");
const copied = document.getElementById("copied");
let sending = false;

function say(words) {
  note.textContent = words;
  note.hidden = false;
}

async function freshToken() {
  const response = await fetch(form.dataset.tokenUrl, {
    headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store",
  });
  return response.json();
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  sending = true;
  try {
    const fresh = await freshToken();
    if (form.dataset.needsSignIn !== undefined && !fresh.signed_in) {
      const button = form.querySelector("[data-testid=send-again-button]").textContent.trim();
      say(`You're not signed in here yet. Sign in in the other tab, then press "${button}".`);
      sending = false;
      return;
    }
    form.querySelector("input[name=csrf_token]").value = fresh.csrf_token;
  } catch {
    // Offline, or Hearth is restarting: send with the token the page has; the answer will say what to do.
  }
  HTMLFormElement.prototype.submit.call(form); // a field named "submit" would hide form.submit
});

function typedWords() {
  return [...wordsBox.querySelectorAll("textarea, input[type=text]")]
    .map((field) => field.value.trim()).filter(Boolean).join("\n\n");
}

async function copy(words) {
  try {
    await navigator.clipboard.writeText(words);
  } catch {
    // No clipboard API (a page served over plain HTTP): copy through a selected, off-screen text area.
    const area = document.createElement("textarea");
    area.value = words;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

document.querySelector("[data-testid=copy-words]")?.addEventListener("click", async () => {
  await copy(typedWords());
  copied.textContent = "Copied.";
});
