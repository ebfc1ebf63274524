// While waiting for a partner to use the invitation, look every few seconds and go to the room when they do.
import { goTo } from "../safety/leaving.js";

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
