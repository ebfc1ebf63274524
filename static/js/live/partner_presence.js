// Where the partner is, seen from an exercise page: here (on this page), in the room, elsewhere in Hearth, or
// not here at all. From the same presence the room uses: the `presence` broadcast (who is online, and the
// pages their sockets said they are on, couples/live/connection.py) and each beat's reply (who is online).
//
// The line under the heading changes at once; a screen reader hears a change only once it has held for
// SETTLE_MS (the partner passing through the room between two pages says nothing), and never the beat.

const SETTLE_MS = 4000;

/** Watch the partner for the page of session `sessionId`. `line` is the visible presence line (with a
 *  .presence-text inside), `heard` a polite live region; `onChange(place)` hears every change of place.
 *  Places: "unknown" (not heard yet, or our own connection is down), "here", "room", "elsewhere", "left"
 *  (gone after being here), "away" (not in Hearth's live pages, and not seen here since this page opened). */
export function watchPartner({ socket, line, heard, partnerId, partnerName, sessionId, onChange = () => {} }) {
  const thisPage = `session:${sessionId}`;
  let pages = null; // the partner's pages as last broadcast; null until told
  let place = "unknown";
  let everHere = false;
  let said = null;
  let settling = null;

  const WORDS = {
    unknown: `Checking whether ${partnerName} is here…`,
    here: `${partnerName} is here with you.`,
    room: `${partnerName} is in your room.`,
    elsewhere: `${partnerName} is elsewhere in Hearth.`,
    left: `${partnerName} has left for now.`,
    away: `${partnerName} isn't here right now.`,
  };

  function placeOf(online) {
    if (!online.includes(partnerId)) return everHere ? "left" : "away";
    if (pages === null) return ["here", "room"].includes(place) ? place : "elsewhere"; // the broadcast says where
    if (pages.includes(thisPage)) return "here";
    return pages.includes("room") ? "room" : "elsewhere";
  }

  function moveTo(next) {
    if (next === "here") everHere = true;
    if (next === place) return;
    place = next;
    line.classList.toggle("online", next === "here");
    line.dataset.place = next;
    line.querySelector(".presence-text").textContent = WORDS[next];
    clearTimeout(settling);
    if (next !== "unknown") {
      settling = setTimeout(() => {
        if (WORDS[next] !== said && said !== null) heard.textContent = WORDS[next];
        said = WORDS[next];
      }, said === null ? 0 : SETTLE_MS);
    }
    onChange(next);
  }

  socket.on("presence", ({ online, pages: where }) => {
    pages = where ? where[partnerId] || [] : pages;
    if (!online.includes(partnerId)) pages = null;
    moveTo(placeOf(online));
  });
  socket.on("disconnect", () => { pages = null; moveTo("unknown"); });

  return {
    /** Who of the couple is online, without where (a beat's reply): only a partner gone is news here, as
     *  every arrival is broadcast with its page (a process that died without a goodbye is found this way). */
    heardBeat: (online) => {
      if (online.includes(partnerId) || place === "unknown") return;
      pages = null;
      moveTo(placeOf(online));
    },
    place: () => place,
  };
}
