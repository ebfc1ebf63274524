// The pause every exercise offers: a calm screen with a countdown and a breathing guide, and a way back
// that needs both partners. `view.pause` comes from the server; nothing here decides anything.
// The pause screen is a modal dialog: focus moves to its heading when it opens (for both partners), the
// rest of the exercise is inert meanwhile, Escape keeps focus inside it, and when the pause ends focus
// goes back to where it was. The chooser opened by "Take a pause" closes on Escape, focus back on it.
// Its lengths are the ones people say, shortest first; "until tomorrow evening" and "a time I pick" are
// worked out here, in this person's own time, and sent as the moment to come back (`until`).
import { show } from "./live.js";
import { isShown } from "./announce.js";
import { clock, dayTime } from "../dates.js";

const EVENING = 19; // "tomorrow evening" is 19:00 the next day, where this person is
const CHOICES = [["20", "20 minutes"], ["60", "An hour"], ["evening", "Until tomorrow evening"],
  ["pick", "Until a time I pick"]];

/** The moment a chosen length comes back, as a Date (`now` for tests): minutes from now, 19:00 tomorrow, or
 *  the next time the clock shows `picked` ("HH:MM"; today if that is still at least a minute away). */
export function backAt(choice, picked, now = new Date()) {
  if (choice === "evening") {
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, EVENING, 0, 0, 0);
  }
  if (choice === "pick") {
    const [hours, minutes] = (picked || "").split(":").map(Number);
    if (!Number.isInteger(hours) || !Number.isInteger(minutes)) return null;
    const at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes, 0, 0);
    if (at.getTime() - now.getTime() < 60_000) at.setDate(at.getDate() + 1);
    return at;
  }
  return new Date(now.getTime() + Number(choice) * 60_000);
}

/** "at 19:00", "tomorrow at 19:00" or "on Sun 24 Jan 2027, 19:00": when a pause ends, in this person's own
 *  time, written as every page writes times (../dates.js). */
export function whenWords(at, now = new Date()) {
  const day = (date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.round((day(at) - day(now)) / 86_400_000);
  if (days <= 0) return `at ${clock(at)}`;
  if (days === 1) return `tomorrow at ${clock(at)}`;
  return `on ${dayTime(at)}`;
}

/** Build the pause controls into `root`; `act(name, fields)` sends an action. Returns {render(view, partnerName)}. */
export function attachPause(root, act) {
  root.innerHTML = `
    <div class="pause-call">
      <button class="link" type="button" data-testid="pause-open">Take a pause</button>
      <form class="pause-form hidden" data-testid="pause-form">
        <label for="pause-minutes">How long would you like to pause?</label>
        <select id="pause-minutes" data-testid="pause-minutes"></select>
        <p class="pause-pick hidden"><label for="pause-until">Come back at</label>
          <input type="time" id="pause-until" data-testid="pause-until"></p>
        <p class="pause-back muted" data-testid="pause-back" aria-live="polite"></p>
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
  const picked = $("#pause-until");
  CHOICES.forEach(([value, label]) => select.append(new Option(label, value)));
  /** The chooser says when the pause would end, as the person changes it (or asks for a time, until one is picked). */
  const preview = () => {
    show($(".pause-pick"), select.value === "pick");
    const at = backAt(select.value, picked.value);
    $(".pause-back").textContent = at ? `You'd come back ${whenWords(at)}.` : "Choose the time you'd like to come back.";
  };
  select.addEventListener("change", preview);
  picked.addEventListener("input", preview);
  let ticking = null;
  let before = null; // what had focus when the pause began; null while no pause is on
  const opener = $("[data-testid=pause-open]");
  const closeForm = () => { show($(".pause-form"), false); opener.focus(); };

  opener.addEventListener("click", () => { show($(".pause-form")); preview(); select.focus(); });
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
    const at = backAt(select.value, picked.value);
    if (!at) { picked.focus(); return; }
    show($(".pause-form"), false);
    // Minutes for the plain lengths; the moment itself for a time of day, so the server needs no time zone.
    act("pause", /^\d+$/.test(select.value) ? { minutes: Number(select.value) } : { until: at.toISOString() });
  });
  $("[data-testid=resume]").addEventListener("click", () => act("resume", {}));
  $("[data-testid=pause-end]").addEventListener("click", () => {
    if (window.confirm("End this exercise for both of you? What you've said so far is kept.")) act("end", {});
  });

  return {
    render(view, me, partnerName) {
      const pause = view.pause; // null once the session ends: the engine lifts a pause with its exercise
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

function countdown(backAtText) {
  const back = new Date(backAtText);
  const left = Math.round((back.getTime() - Date.now()) / 1000);
  if (Number.isNaN(left)) return "";
  const when = whenWords(back);
  if (left <= 0) return `It's time to come back, when you're both ready (the pause ended ${when}).`;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = String(left % 60).padStart(2, "0");
  const clock = hours ? `${hours} h ${String(minutes).padStart(2, "0")} min` : `${minutes}:${seconds}`;
  return `${clock} left · back ${when}`;
}
