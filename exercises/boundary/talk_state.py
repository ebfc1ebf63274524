"""The boundary talk's state and its wording: what a version says, and the checks on what is written.

Split from exercises/boundary.py (the script) so each reads at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from exercises.engine import Action, IllegalMove, clean_text
from exercises.moves import is_blank
from exercises.pause import Pause

NEED_MAX = 200
WHY_MAX = 1000
CONSEQUENCE_MAX = 500
DEFAULT_WEEKS = 4
MIN_WEEKS, MAX_WEEKS = 1, 52
_MINE = re.compile(r"\b(i|i'm|i'll|i'd|i've|me|my|myself|mine)\b", re.IGNORECASE)


class Step(Enum):
    PROPOSING = "proposing"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"
    ENDED = "ended"


@dataclass(frozen=True)
class Wording:
    """What one version of a boundary says."""

    need: str
    why: str
    consequence: str | None = None
    review_every_weeks: int = DEFAULT_WEEKS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"need": self.need, "why": self.why, "consequence": self.consequence,
                "review_every_weeks": self.review_every_weeks}


@dataclass(frozen=True)
class Version:
    number: int  # 1, 2, ... within this talk
    author: str
    wording: Wording
    at: str
    why_flagged: bool = False  # the coach heard blame in the why; shown to its author only


@dataclass(frozen=True)
class Question:
    asker: str
    to: str
    text: str
    at: str
    answer: str | None = None
    answered_at: str | None = None

    def to_view(self) -> dict[str, Any]:
        """What both partners see of a question."""
        return {"asker": self.asker, "to": self.to, "text": self.text, "at": self.at, "answer": self.answer,
                "answered_at": self.answered_at}


@dataclass(frozen=True)
class NotNow:
    by: str
    version: int
    at: str

    def to_view(self) -> dict[str, Any]:
        """What both partners see of a "not now"."""
        return {"by": self.by, "version": self.version, "at": self.at}


@dataclass(frozen=True)
class Seed:
    """Words a talk starts from: an agreement's current text (revising), or a proposal picked up."""

    wording: Wording
    agreement_version: int | None = None
    picked_up_from: int | None = None  # the session whose open proposal this is

    def to_view(self) -> dict[str, Any]:
        """What both partners see of the seed."""
        return {**self.wording.to_dict(), "agreement_version": self.agreement_version,
                "picked_up_from": self.picked_up_from}


@dataclass(frozen=True)
class BoundaryState:
    step: Step
    partners: tuple[str, str]
    versions: tuple[Version, ...] = ()
    accepted_by: tuple[str, ...] = ()  # who has accepted the current version, in order (its author first)
    questions: tuple[Question, ...] = ()
    not_now: NotNow | None = None
    proposer: str | None = None  # who opened the talk's first proposal
    agreement_id: int | None = None  # the agreement being revised, if any
    seed: Seed | None = None
    agreed_at: str | None = None
    ended_by: str | None = None
    pause: Pause | None = None


def partner_of(state: BoundaryState, who: str) -> str:
    """The other partner."""
    first, second = state.partners
    return second if who == first else first


def author_of(state: BoundaryState) -> str | None:
    """Who wrote the current version."""
    return state.versions[-1].author if state.versions else None


def open_question(state: BoundaryState) -> Question | None:
    """The question still waiting for an answer, if any."""
    return next((q for q in reversed(state.questions) if q.answer is None), None)


def weeks_from(value: Any) -> int:
    """How often to review, in whole weeks (1 to 52), checked."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_WEEKS <= value <= MAX_WEEKS:
        raise IllegalMove("Reviews can come every week up to once a year (1 to 52 weeks).", "bad_weeks")
    return value


def _consequence(action: Action) -> str | None:
    value = action.get("consequence")
    if value is None or (isinstance(value, str) and is_blank(value)):
        return None
    text = clean_text(action, "consequence", CONSEQUENCE_MAX, "what you'll do")
    if not _MINE.search(text.replace("\u2019", "'")):
        raise IllegalMove("A consequence here is about your own action, like “I'll step away for 20 minutes.” "
                          "Please write it as something you will do.", "not_my_action")
    return text


def wording_from(action: Action, base: Wording | None) -> Wording:
    """The wording an action writes; fields it leaves out are kept from `base` (an amendment)."""
    fields = action.fields
    if base is None or "need" in fields:
        need = clean_text(action, "need", NEED_MAX, "what you need")
    else:
        need = base.need
    if base is None or "why" in fields:
        why = clean_text(action, "why", WHY_MAX, "why it matters to you")
    else:
        why = base.why
    consequence = _consequence(action) if base is None or "consequence" in fields else base.consequence
    if "review_every_weeks" in fields and fields["review_every_weeks"] not in (None, ""):
        weeks = weeks_from(fields["review_every_weeks"])
    else:
        weeks = base.review_every_weeks if base else DEFAULT_WEEKS
    return Wording(need=need, why=why, consequence=consequence, review_every_weeks=weeks)


def seed_from(seed: dict[str, Any] | None) -> Seed | None:
    """A checked seed from a session's start options."""
    if not seed:
        return None
    if not isinstance(seed, dict):
        raise IllegalMove("That talk couldn't be prepared. Please try again.", "bad_seed")
    wording = wording_from(Action("seed", {k: seed.get(k) for k in ("need", "why", "consequence",
                                                                     "review_every_weeks")}), None)
    return Seed(wording=wording, agreement_version=seed.get("agreement_version"),
                picked_up_from=seed.get("picked_up_from"))


def check_version(state: BoundaryState, action: Action) -> int:
    """The version number an acceptance names, if it is still the current one."""
    value = action.get("version")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise IllegalMove("Please say which version you're accepting.", "bad_version")
    current = state.versions[-1].number
    if value != current:
        raise IllegalMove(f"That version has changed since you read it. Have a look at version {current}, "
                          "and accept it if it feels right.", "stale_version")
    return value
