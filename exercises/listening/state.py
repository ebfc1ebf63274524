"""The state of listening turns: who holds the floor, what was said, and how it was reflected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from exercises.pause import Pause

SPEAKER = "speaker"  # the partner holding the floor
LISTENER = "listener"
MAX_TOPIC = 120
MAX_STATEMENT = 600  # "one short statement": a few sentences at most
MAX_PARAPHRASE = 800
MAX_CLARIFICATION = 400
MAX_VALIDATION = 400


class Step(Enum):
    CHOOSING = "choosing"  # picking a topic and who holds the floor first
    SPEAKING = "speaking"  # the floor holder is writing a statement
    PARAPHRASING = "paraphrasing"  # the listener reflects it
    CHECKING = "checking"  # the speaker says "That's it" or "Not quite"
    REFLECTED = "reflected"  # heard: validate, say more, pass the floor, or finish
    DONE = "done"
    ENDED = "ended"


@dataclass(frozen=True)
class Turn:
    """One stretch of holding the floor."""

    speaker: str
    at: str


@dataclass(frozen=True)
class Reflection:
    """One paraphrase attempt; `overlap`/`missing` are the listener's private hint, never the speaker's."""

    text: str
    at: str
    overlap: float | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """One short statement, its clarifications, the reflections of it, and whether it was heard."""

    speaker: str
    text: str
    at: str
    turn: int  # 1 for the first floor holding
    clarifications: tuple[str, ...] = ()
    reflections: tuple[Reflection, ...] = ()
    confirmed: bool = False
    validation: str | None = None


@dataclass(frozen=True)
class ListeningState:
    step: Step
    partners: tuple[str, str]
    topic: str | None = None
    chosen_by: str | None = None  # who sent the topic and first speaker (None when `start` was given both)
    speaker: str | None = None  # the floor holder
    statements: tuple[Statement, ...] = ()
    turns: tuple[Turn, ...] = ()
    finished_by: str | None = None
    ended_by: str | None = None
    pause: Pause | None = None


def partner_of(state: ListeningState, who: str) -> str:
    """The other partner."""
    first, second = state.partners
    return second if who == first else first


def listener_of(state: ListeningState) -> str | None:
    """The partner listening now (None before anyone holds the floor)."""
    return partner_of(state, state.speaker) if state.speaker else None


def current_statement(state: ListeningState) -> Statement | None:
    """The statement being reflected or just heard, if the floor holder has said one this turn."""
    if not state.statements or state.statements[-1].turn != len(state.turns):
        return None
    return state.statements[-1]


def paraphrase_target(state: ListeningState) -> str:
    """What a paraphrase should reflect now: what the speaker stands by, their latest clarification or else
    the statement ('' when nothing is waiting to be reflected).

    "Not quite" and a clarification correct what went before ("No, it's not the money, it's the silence"),
    so the words a reflection is measured against, and its hint, come from the correction alone.
    """
    current = current_statement(state)
    if current is None or current.confirmed:
        return ""
    return current.clarifications[-1] if current.clarifications else current.text


def stands_corrected(said: Statement) -> bool:
    """Whether the speaker clarified after the latest reflection (whose hint then speaks to words they
    have since corrected, and is withdrawn)."""
    return len(said.clarifications) >= len(said.reflections)


def held_back(state: ListeningState, feedback: Mapping[str, Any]) -> bool:
    """Whether a paraphrase argues back or brings a new complaint (and so waits for the listener's own turn).

    Echoing the speaker's own words ("...but felt alone" after they said "but", in the statement or a
    clarification) is reflecting, not arguing.
    """
    if feedback.get("new_complaint"):
        return True
    if not feedback.get("rebuttal"):
        return False
    phrase = feedback.get("rebuttal_text")
    if not isinstance(phrase, str) or not phrase.strip():
        return True
    current = current_statement(state)
    said = " ".join((current.text, *current.clarifications)) if current else ""
    return not _says(said, phrase)


# A listener reflects in their own voice: the speaker's "you never listen" comes back as "I never listen".
_MIRROR = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
           "i've": "you've", "i'd": "you'd", "i'll": "you'll", "you": "i", "your": "my", "yours": "mine",
           "yourself": "myself", "you're": "i'm", "you've": "i've", "you'd": "i'd", "you'll": "i'll"}


def _says(text: str, phrase: str) -> bool:
    """Whether `text` holds `phrase` as whole words, in the speaker's voice or mirrored into the listener's."""
    words = re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))
    wanted = " ".join(re.findall(r"[a-z']+", phrase.lower().replace("\u2019", "'")))
    said, mirrored = " ".join(words), " ".join(_MIRROR.get(w, w) for w in words)
    return bool(wanted) and (f" {wanted} " in f" {said} " or f" {wanted} " in f" {mirrored} ")
