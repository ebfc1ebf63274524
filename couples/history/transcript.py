"""A session read back as lines of a conversation, from its event log, for one person.

What each line may show follows what that person saw live, and what they keep after a couple ends:
- the shared record is the domain events each act produced (`SessionEvent.outcome`, what both pages
  were told); a check-in's ratings join it only once both partners had given theirs (they were hidden
  until then), as the exercise itself reveals them;
- the viewer's own acts add what only they saw: the coach's private note on their words, the words a
  paraphrase may have missed, a rehearsal draft they did not share (`SessionEvent.fields`);
- in a couple that has ended (a partner left or deleted their account) each keeps what they
  themselves wrote and what both wrote together (agreements); the other's words are not shown.

Nothing here writes; `transcript(...)` is a pure reading of rows already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# What an event says, in the words of a conversation ("Sam appreciated: ...").
PHRASES = {
    "appreciated": "appreciated", "acknowledged": "received it", "won": "shared something that went well",
    "issue_named": "named something hard", "parked": "kept it for later", "requested": "asked for this week",
    "arrived": "arrived", "closed": "closed the week", "listening_opened": "opened listening turns",
    "listening_closed": "closed the listening turns", "chosen": "chose what to talk about", "spoke": "said",
    "paraphrased": "reflected back", "clarified": "added", "validated": "validated",
    "floor_passed": "passed the floor", "proposed": "proposed", "amended": "suggested new wording",
    "asked": "asked", "accepted": "accepted", "not_now": "said not now, for this wording",
    "suggested": "suggested", "withdrawn": "took the suggestion back", "rewritten": "rewrote the line as",
    "line_said": "read their line", "roles_swapped": "swapped roles", "round_finished": "finished a round",
    "paused": "asked for a pause", "resumed": "came back", "finished": "finished", "ended": "ended the session",
}
# A boundary talk's proposals, by the number the talk showed ("proposal 2"; the event's key for it). The
# agreement version an agreed proposal became is said on the acceptance's line (`_agreed`), as the talk said it.
PROPOSALS = {"amended": ("offered proposal {n}", "number"), "accepted": ("accepted proposal {n}", "version"),
             "not_now": ("said not now to proposal {n}", "version")}
AGREED = "You both said yes: it's version {n} of your agreement."
# Bookkeeping both pages used live but a reader does not need (or, for "drafted", the writer's alone).
SKIPPED = frozenset({"ready", "went_back", "arrivals_revealed", "example_shown", "drafted", "ready_to_resume",
                     "agreed", "step_changed"})
NESTED = "listening_"  # exercises/checkin/nested_listening.py names the turns' events listening_<name>
ANSWERS = {"yes": "said yes", "yes_with_change": "said yes, with a change", "not_this_week": "said not this week"}
CHOICES = {"keep": "chose to keep it as it is", "revise": "chose to talk it over again", "retire": "chose to retire it"}
SUGGESTIONS = {"keep": "suggested keeping it", "revise": "suggested talking it over again",
               "retire": "suggested retiring it"}
HIDDEN_UNTIL_BOTH = {"arrived": ("feeling", "connection", "mood"), "closed": ("connection",)}
RATED = frozenset({"feeling", "connection"})  # 1 to 10 (exercises/checkin rules.rating)
# Keys under which an event carries someone's words. An ended couple's reader sees "their words stay with
# them" on every such line of the other partner's, whether the words were left behind (a partner left)
# or emptied (an account was deleted): the two look the same.
WORD_KEYS = ("text", "topic", "need", "why", "consequence", "reply", "mood")
STEPS = {"arrive": "Arrive", "appreciations": "Appreciations", "wins": "What went well", "hard": "What was hard",
         "agreements": "Agreements", "requests": "Requests for the week", "close": "Close"}
COACH_NOTE = "The coach offered you another way to say this."
WORDS_KEPT = "Their words stay with them."


@dataclass(frozen=True)
class Reader:
    """Who reads: their id (as the log writes actors, a string), the names to show, whether the couple ended.

    `names` maps each partner's id to how the viewer knows them ("You", a display name, "Your former
    partner"). `ended` is True once the couple has ended: then only the viewer's own words are shown.
    """

    me: str
    names: Mapping[str, str]
    ended: bool = False


@dataclass(slots=True)
class Line:
    """One moment of a session as the reader may see it.

    `who` is "you", "partner" or "" (a step heading); `text` is the shared words (None when there are
    none, or when they are not the reader's to see); `details` are labelled extras (ratings, a "why");
    `private` holds notes for the reader alone. (Not frozen, for speed: a five-year export makes tens
    of thousands; nothing changes one once made.)
    """

    seq: int
    at: datetime
    who: str
    name: str
    event: str
    says: str
    text: str | None = None
    details: tuple[tuple[str, str], ...] = ()
    private: tuple[str, ...] = ()
    withheld: bool = False
    heading: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (the export's `lines`; see docs/export.md)."""
        return {"seq": self.seq, "at": self.at.isoformat(timespec="seconds") + "Z", "who": self.who,
                "event": self.event, "says": self.says, "text": self.text, "details": dict(self.details),
                "private": list(self.private), "withheld": self.withheld}


def transcript(rows: Iterable[Any], reader: Reader) -> list[Line]:
    """The lines of one session's rows (SessionEvent-like: seq, actor_id, action, fields, outcome, created_at),
    in order, as `reader` may see them."""
    rows = list(rows)
    revealed = _revealed(rows)
    lines: list[Line] = []
    for row in rows:
        mine = str(row.actor_id) == reader.me
        noted = False  # the coach's note on an act goes with its first line only
        for event in row.outcome or ():
            if event.get("name") == "agreed":
                _agreed(lines, event.get("data") or {})
            for line in _lines_of(row, event, mine, revealed, reader):
                if line.private and noted:
                    line.private = ()
                noted = noted or bool(line.private)
                lines.append(line)
        if mine and any(e.get("name") == "drafted" for e in row.outcome or ()):
            text = row.fields.get("text")
            if isinstance(text, str) and text:
                lines.append(Line(row.seq, row.created_at, "you", reader.names.get(reader.me, "You"), "drafted",
                                  "tried a line", None, private=(f"Your draft, not shared: {text}",)))
    if lines and lines[0].event == "arrived":  # a check-in opens on its first step, which no event announces
        lines.insert(0, Line(lines[0].seq, lines[0].at, "", "", "step_changed", STEPS["arrive"], heading=True))
    return lines


def _number(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _agreed(lines: list[Line], data: Mapping[str, Any]) -> None:
    """A talk's agreement, said on its acceptance's line: which version of the agreement the words became."""
    version = _number(data, "agreement_version")
    if version is not None and lines and lines[-1].event == "accepted":
        lines[-1].says += ". " + AGREED.format(n=version)


def _revealed(rows: list[Any]) -> set[str]:
    """The events whose numbers both partners saw: each that both partners gave in this session."""
    givers: dict[str, set[str]] = {}
    for row in rows:
        for event in row.outcome or ():
            if event.get("name") in HIDDEN_UNTIL_BOTH:
                givers.setdefault(event["name"], set()).add(str(event.get("actor")))
    return {name for name, who in givers.items() if len(who) >= 2}


def _lines_of(row: Any, event: Mapping[str, Any], mine: bool, revealed: set[str], reader: Reader) -> list[Line]:
    name = event.get("name", "")
    if name.startswith(NESTED) and name not in (f"{NESTED}opened", f"{NESTED}closed"):
        name = name[len(NESTED):]  # a check-in's listening turns: read as the listening exercise's own
    data = event.get("data") or {}
    if name == "step_changed" and data.get("step") in STEPS:
        return [Line(row.seq, row.created_at, "", "", name, STEPS[data["step"]], heading=True)]
    if name in SKIPPED:
        return []
    actor = str(event.get("actor", row.actor_id))
    own = actor == reader.me
    who = "you" if own else "partner"
    shown_name = reader.names.get(actor, "Your former partner")
    readable = own or not reader.ended
    says, text, details = _wording(name, data)
    if name in HIDDEN_UNTIL_BOTH and (own or name in revealed):
        details = details + tuple((key, f"{row.fields[key]} of 10" if key in RATED else str(row.fields[key]))
                                  for key in HIDDEN_UNTIL_BOTH[name] if row.fields.get(key) not in (None, ""))
    carries_words = name in HIDDEN_UNTIL_BOTH or any(isinstance(data.get(key), str) for key in WORD_KEYS)
    withheld = not readable and carries_words
    if withheld:
        text, details = None, ()
    private = _private_notes(row.fields, reader.ended) if own and mine else ()
    return [Line(row.seq, row.created_at, who, shown_name, name, says, text, details, private, withheld)]


def _wording(name: str, data: Mapping[str, Any]) -> tuple[str, str | None, tuple[tuple[str, str], ...]]:
    """(what happened, the shared words, labelled extras) of one event."""
    says = PHRASES.get(name, name.replace("_", " "))
    details: list[tuple[str, str]] = []
    if name == "answered" and data.get("answer") in ANSWERS:
        says = ANSWERS[data["answer"]]
        if data.get("why"):
            details.append(("why", str(data["why"])))
        return says, None, tuple(details)
    if name == "answered":
        says = "answered"
    if name == "confirmed":
        says = CHOICES.get(str(data.get("choice")), "felt heard")
    if name == "suggested" and data.get("choice") in SUGGESTIONS:
        says = SUGGESTIONS[data["choice"]]
    if name in PROPOSALS and _number(data, PROPOSALS[name][1]):
        says = PROPOSALS[name][0].format(n=_number(data, PROPOSALS[name][1]))
    if name == "paused" and isinstance(data.get("minutes"), int) and data["minutes"] > 0:
        says = f"asked for {pause_length(data['minutes'])}"
    text = data.get("text") or data.get("topic") or data.get("need") or data.get("reply")
    for key in ("why", "consequence"):
        if data.get(key):
            details.append((key, str(data[key])))
    return says, (str(text) if text else None), tuple(details)


def pause_length(minutes: int) -> str:
    """A pause's length as people say it: "a 20-minute pause", "an hour's pause", "a 3-hour pause", and for
    the long ones (until tomorrow evening, a time picked) "a pause of about 36 hours"."""
    if minutes < 60:
        return f"a {minutes}-minute pause"
    if minutes == 60:
        return "an hour's pause"
    if minutes % 60 == 0 and minutes < 24 * 60:
        return f"a {minutes // 60}-hour pause"
    return f"a pause of about {round(minutes / 60)} hours"


def _private_notes(fields: Mapping[str, Any], ended: bool = False) -> tuple[str, ...]:
    """What the coach told the author alone about this act. Once the couple has ended, the words a
    paraphrase "missed" are left out: they are the other partner's, and stay with them."""
    notes = []
    coach = fields.get("coach")
    if isinstance(coach, Mapping) and coach.get("blaming"):
        notes.append(COACH_NOTE)
    listening = fields.get("listening")
    if isinstance(listening, Mapping) and listening.get("missing") and not ended:
        notes.append("Words your reflection might have missed: " + ", ".join(map(str, listening["missing"])))
    return tuple(notes)


__all__ = ["Line", "Reader", "transcript"]
