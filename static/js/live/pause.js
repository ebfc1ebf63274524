// The pause every exercise offers: a calm screen with a countdown and a breathing guide, and a way back
// that needs both partners. `view.pause` comes from the server; nothing here decides anything.
// The pause screen is a modal dialog: focus moves to its heading when it opens (for both partners), the
// rest of the exercise is inert meanwhile, Escape keeps focus inside it, and when the pause ends focus
// goes back to where it was. The chooser opened by "Take a pause" closes on Escape, focus back on it.
import { show } from "./live.js";
import { isShown } from "./announce.js";

const CHOICES = [[20, "20 minutes"], [10, "10 minutes"], [30, "30 minutes"], [60, "An hour"], [240, "This evening"],
  [1440, "Tomorrow"]];

/** Build the pause controls into `root`; `act(name, fields)` sends an action. Returns {render(view, partnerName)}. */
export function attachPause(root, act) {
  root.innerHTML = `
    <div class="pause-call">
      <button class="link" type="button" data-testid="pause-open">Take a pause</button>
      <form class="pause-form hidden" data-testid="pause-form">
        <label for="pause-minutes">Let's take a break and come back in</label>
        <select id="pause-minutes" data-testid="pause-minutes"></select>
        <div class="row"><button class="button" type="submit" data-testid="pause">Pause for both of us</button>
        <button class="link" type="button" data-testid="pause-cancel">Not now</button></div>
      </form>
    </div>
    <section class="pause-screen hidden" data-testid="pause-screen" role="dialog" aria-modal="true"
             aria-labelledby="pause-title" aria-describedby="pause-words">
      <h2 id="pause-title" tabindex="-1">Taking a pause</h2>
      <p class="pause-who"></p>
      <p class="countdown" data-testid="countdown" aria-live="off"></p>
      <div class="breath" aria-hidden="true"><span></span></div>
      <p class="breath-words" id="pause-words">Breathe in for four, hold, and out for six. Your body settles first; the words can wait.</p>
      <p class="pause-ready muted"></p>
      <div class="row"><button class="button" type="button" data-testid="resume">I'm ready to come back</button>
      <button class="link" type="button" data-testid="pause-end">End for today</button></div>
    </section>`;
  const $ = (selector) => root.querySelector(selector);
  const extras = document.getElementById("pause-extras"); // this person's affirmations and toolkit link
  if (extras) $(".pause-ready").before(extras.content.cloneNode(true));
  const select = $("#pause-minutes");
  CHOICES.forEach(([minutes, label]) => select.append(new Option(label, String(minutes))));
  let ticking = null;
  let before = null; // what had focus when the pause began; null while no pause is on
  const opener = $("[data-testid=pause-open]");
  const closeForm = () => { show($(".pause-form"), false); opener.focus(); };

  opener.addEventListener("click", () => { show($(".pause-form")); select.focus(); });
  $("[data-testid=pause-cancel]").addEventListener("click", closeForm);
  $(".pause-form").addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); closeForm(); } // consumed: not half a quick exit
  });
  $(".pause-screen").addEventListener("keydown", (event) => {
    if (event.key === "Escape") $("#pause-title").focus(); // the pause holds (twice: the quick exit leaves)
    if (event.key !== "Tab") return;
    // Tab goes round the dialog's own controls (the page behind is inert, but the browser's own UI is not).
    const stops = [...$(".pause-screen").querySelectorAll("button, a[href]")].filter(isShown);
    if (!stops.length) return;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    const at = document.activeElement;
    if (event.shiftKey && (at === first || at === $("#pause-title"))) { event.preventDefault(); last.focus(); }
    if (!event.shiftKey && at === last) { event.preventDefault(); first.focus(); }
  });
  $(".pause-form").addEventListener("submit", (event) => {
    event.preventDefault();
    show($(".pause-form"), false);
    act("pause", { minutes: Number(select.value) });
  });
  $("[data-testid=resume]").addEventListener("click", () => act("resume", {}));
  $("[data-testid=pause-end]").addEventListener("click", () => {
    if (window.confirm("End this exercise for both of you? What you've said so far is kept.")) act("end", {});
  });

  return {
    render(view, me, partnerName) {
      const pause = view.pause;
      const allowed = view.allowed || [];
      show($(".pause-call"), !pause && allowed.includes("pause"));
      show($(".pause-screen"), Boolean(pause));
      document.body.classList.toggle("paused", Boolean(pause));
      setInert(root, Boolean(pause));
      clearInterval(ticking);
      if (!pause) {
        if (before !== null) { // the pause just ended: back to where they were
          const back = before;
          before = null;
          if (isShown(back)) back.focus();
        }
        return;
      }
      if (before === null) { // the pause just began: into the dialog
        before = document.activeElement && document.activeElement !== document.body
          && !root.contains(document.activeElement) ? document.activeElement : opener;
        $("#pause-title").focus();
      }
      $(".pause-who").textContent = pause.called_by === me
        ? "You asked for a pause. Thank you for looking after the two of you."
        : `${partnerName} asked for a pause. No reason is needed.`;
      const others = pause.ready.filter((id) => id !== me);
      $(".pause-ready").textContent = pause.i_am_ready
        ? `You're ready. Waiting for ${partnerName}.`
        : (others.length ? `${partnerName} is ready when you are.` : "");
      show($("[data-testid=resume]"), allowed.includes("resume"));
      show($("[data-testid=pause-end]"), allowed.includes("end"));
      const tick = () => { $(".countdown").textContent = countdown(pause.back_at); };
      tick();
      ticking = setInterval(tick, 1000);
    },
  };
}

/** While paused, everything on the page but the pause screen is inert (no focus, no clicks, not read), so
 *  Tab stays inside the dialog; live regions and alerts stay, so what the partner does is still heard. */
function setInert(pauseRoot, on) {
  for (let node = pauseRoot; node.parentElement && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling === node || sibling.matches("[aria-live], [role=alert], script, .quick-exit-bar")) continue;
      sibling.inert = on;
    }
  }
}

function countdown(backAt) {
  const left = Math.round((Date.parse(backAt) - Date.now()) / 1000);
  const at = new Date(backAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (Number.isNaN(left)) return "";
  if (left <= 0) return `It's ${at}: time to come back, when you're both ready.`;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = String(left % 60).padStart(2, "0");
  const clock = hours ? `${hours} h ${String(minutes).padStart(2, "0")} min` : `${minutes}:${seconds}`;
  return `${clock} left · back at ${at}`;
}
