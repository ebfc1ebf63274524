"""What a person keeps in their own space, as one literal table of kinds (pure: no Flask, no database).

  journal      a trigger journal: the situation, what happened, what one felt and did, what helped
  toolkit      one's own coping strategies (STARTERS are gentle ones to add with a tap)
  gratitude    gratitude and small wins; one marked "bring to check-in" is offered, to its author only,
               in the next weekly check-in: a thank-you in its appreciation step, a small win in its wins step
  affirmation  one's own kind words, shown where the person chooses (their room, the pause screen)
Each field has a limit in characters; words are kept as typed (HTML is shown as text, never run).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    limit: int
    required: bool = True
    long: bool = False  # a text area rather than one line


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    flags: tuple[tuple[str, str, str], ...] = ()  # (name, words while off, words while on) of its yes/no choices


KINDS: Mapping[str, Kind] = {
    "journal": Kind("journal", "Trigger journal",
                    "When something sets you off, write it down while it's fresh. Over time you'll see what "
                    "comes up most, and what helps.",
                    (Field("situation", "The situation, in a few words", 120),
                     Field("happened", "What happened", 2000, long=True),
                     Field("felt", "What I felt", 1000, required=False, long=True),
                     Field("did", "What I did", 1000, required=False, long=True),
                     Field("helped", "What helped, or might next time", 1000, required=False, long=True))),
    "toolkit": Kind("toolkit", "Coping toolkit",
                    "What helps you come back to yourself in a hard moment. It's one tap away on every pause "
                    "screen.",
                    (Field("text", "Something that helps me", 300),)),
    "gratitude": Kind("gratitude", "Gratitude and small wins",
                      "Small things count. Mark one to bring to your next check-in; it will be offered to you "
                      "there, and you decide whether to share it.",
                      (Field("text", "Something I'm grateful for, or a small win", 500, long=True),),
                      flags=(("bring_to_checkin", "Bring it to our next check-in",
                               "Coming to the next check-in (tap to undo)"),
                             ("small_win", "It's a small win of mine", "A small win of mine (tap to undo)"))),
    "affirmation": Kind("affirmation", "Affirmations",
                        "Kind words to yourself, in your own voice, shown where you choose.",
                        (Field("text", "Something kind to tell myself", 200),),
                        flags=(("show_in_room", "Show it in my room", "Shown in my room (tap to hide)"),
                               ("show_on_pause", "Show it on the pause screen",
                                "Shown on the pause screen (tap to hide)"))),
}

STARTERS = (
    "Breathe in for four, out for six, five times over.",
    "Name five things I can see and three I can hear.",
    "Take a ten-minute walk before I answer.",
    "Put a hand on my chest and say: this is hard, and I can go slowly.",
    "Drink a glass of water and wash my face.",
    "Write the feeling down before I say it.",
)


def summary(fields: Mapping[str, Any]) -> str:
    """One line that names an entry: its situation or its text."""
    return str(fields.get("situation") or fields.get("text") or "")


def most_common_situations(entries: Iterable[Mapping[str, Any]], top: int = 5) -> list[tuple[str, int]]:
    """The situations written most often (matched ignoring case and spaces), as first written, with counts."""
    first_seen: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for fields in entries:
        situation = " ".join(str(fields.get("situation", "")).split())
        if situation:
            key = situation.casefold()
            first_seen.setdefault(key, situation)
            counts[key] += 1
    return [(first_seen[key], count) for key, count in counts.most_common(top) if count > 1]


def matches(fields: Mapping[str, Any], query: str) -> bool:
    """Whether any of an entry's words hold `query` (ignoring case)."""
    needle = query.casefold()
    return any(needle in str(value).casefold() for value in fields.values() if isinstance(value, str))
