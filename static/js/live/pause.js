// The pause every exercise offers: a calm screen with a countdown and a breathing guide, and a way back
// that needs both partners. `view.pause` comes from the server; nothing here decides anything.
import { show } from "./live.js";

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
    <section class="pause-screen hidden" data-testid="pause-screen" role="dialog" aria-labelledby="pause-title">
      <h2 id="pause-title">Taking a pause</h2>
      <p class="pause-who"></p>
      <p class="countdown" data-testid="countdown" aria-live="off"></p>
      <div class="breath" aria-hidden="true"><span></span></div>
      <p class="breath-words">Breathe in for four, hold, and out for six. Your body settles first; the words can wait.</p>
      <p class="pause-ready muted"></p>
      <div class="row"><button class="button" type="button" data-testid="resume">I'm ready to come back</button>
      <button class="link" type="button" data-testid="pause-end">End for today</button></div>
    </section>`;
  const $ = (selector) => root.querySelector(selector);
  const select = $("#pause-minutes");
  CHOICES.forEach(([minutes, label]) => select.append(new Option(label, String(minutes))));
  let ticking = null;

  $("[data-testid=pause-open]").addEventListener("click", () => show($(".pause-form")));
  $("[data-testid=pause-cancel]").addEventListener("click", () => show($(".pause-form"), false));
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
      clearInterval(ticking);
      if (!pause) return;
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
