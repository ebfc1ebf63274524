"""The boundary talk's state and its wording: what a proposal says, and the checks on what is written.

Split from exercises/boundary.py (the script) so each reads at once.

Two numbers, never mixed up: inside a talk each wording on the table is a proposal, numbered 1, 2, ...
(`Version.number`, the `version` an acceptance names; the couple reads "proposal 2"). The accepted proposal
becomes one version of the agreement (`AgreementVersion.number` in couples/agreements): version 1 of a new
agreement, or the next version of the one being revised; `becomes_version` says which, before and after.
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
    """One proposal of the talk (the couple reads "proposal N"; not a version of the agreement)."""

    number: int  # 1, 2, ... within this talk
    author: str  # who worded it (the need may be the other partner's: `need_owner`)
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
    agreement_version: int | None = None  # the agreement's version these words are (revising)
    picked_up_from: int | None = None  # the session whose open proposal this is
    needed_by: str | None = None  # whose need these words are (the agreement's proposer, or the earlier talk's)

    def to_view(self) -> dict[str, Any]:
        """What both partners see of the seed."""
        return {**self.wording.to_dict(), "agreement_version": self.agreement_version,
                "picked_up_from": self.picked_up_from, "needed_by": self.needed_by}


@dataclass(frozen=True)
class BoundaryState:
    step: Step
    partners: tuple[str, str]
    versions: tuple[Version, ...] = ()
    accepted_by: tuple[str, ...] = ()  # who has accepted the current version, in order (its author first)
    questions: tuple[Question, ...] = ()
    not_now: NotNow | None = None
    proposer: str | None = None  # who opened the talk's first proposal
    needed_by: str | None = None  # whose need the talk is about, once the first proposal is made
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


def need_owner(state: BoundaryState) -> str | None:
    """Whose need the talk is about: decided by the first proposal, foretold by the seed before it."""
    if state.needed_by is not None:
        return state.needed_by
    seeded = state.seed.needed_by if state.seed else None
    return seeded if seeded in state.partners else None


def becomes_version(state: BoundaryState) -> int | None:
    """The agreement version an accepted proposal becomes: 1 for a new agreement, the next one when revising
    (None if the seed didn't say which version it revises)."""
    if state.agreement_id is None:
        return 1
    revised = state.seed.agreement_version if state.seed else None
    return revised + 1 if isinstance(revised, int) and not isinstance(revised, bool) else None


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
    needed_by = seed.get("needed_by")
    return Seed(wording=wording, agreement_version=seed.get("agreement_version"),
                picked_up_from=seed.get("picked_up_from"), needed_by=str(needed_by) if needed_by else None)


def check_version(state: BoundaryState, action: Action) -> int:
    """The proposal number an acceptance names (its `version` field), if it is still the one on the table."""
    value = action.get("version")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise IllegalMove("Please say which proposal you're accepting.", "bad_version")
    current = state.versions[-1].number
    if value != current:
        raise IllegalMove(f"The proposal has changed since you read it. Have a look at proposal {current}, "
                          "and accept it if it feels right.", "stale_version")
    return value
