"""Reviewing an agreement together: keep it, revise it, or retire it, and only when both say so.

The script, as a couple lives it:
  1. Either partner suggests what to do with the agreement: keep, revise or retire.
  2. The other partner confirms it (naming the same choice), or suggests something else instead;
     the partner who suggested may withdraw while they wait.
  3. Once confirmed: keep moves the next review on (decided day + every N weeks), retire lets the
     agreement rest, revise finishes here and opens a boundary talk seeded with the current text.
Dates come in with the action (`action.at`); there is no clock here. Either partner may pause or end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any

from exercises.engine import EITHER, Action, Event, IllegalMove, Machine, Transition, two_partners
from exercises.fields import NONE, Choice, Fields
from exercises.pause import Pause

KIND = "review"
TITLE = "Agreement review"
BLURB = "Look at one of your agreements together: keep it, revise it, or let it rest."
CHOICES = ("keep", "revise", "retire")
FIELDS: dict[str, Fields] = {"suggest": {"choice": Choice(CHOICES)}, "confirm": {"choice": Choice(CHOICES)},
                              "withdraw": NONE, "end": NONE}


class Step(Enum):
    CHOOSING = "choosing"
    CONFIRMING = "confirming"
    DONE = "done"
    ENDED = "ended"


@dataclass(frozen=True)
class UnderReview:
    """The agreement as it stood when the review started."""

    id: int
    title: str
    text: str
    version: int
    review_every_weeks: int
    next_review: str

    def to_view(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"id": self.id, "title": self.title, "text": self.text, "version": self.version,
                "review_every_weeks": self.review_every_weeks, "next_review": self.next_review}


@dataclass(frozen=True)
class Suggestion:
    by: str
    choice: str
    at: str


@dataclass(frozen=True)
class ReviewState:
    step: Step
    partners: tuple[str, str]
    agreement: UnderReview
    suggestion: Suggestion | None = None
    decided: str | None = None  # keep, revise or retire, once both said so
    decided_on: str | None = None  # ISO date
    confirmed_by: tuple[str, ...] = ()
    next_review: str | None = None  # ISO date, after keep
    ended_by: str | None = None
    pause: Pause | None = None


def next_review_after(today: date, weeks: int) -> date:
    """When an agreement kept on `today` is next reviewed."""
    return today + timedelta(weeks=weeks)


def day_of(at: str) -> date:
    """The calendar day (UTC) of an ISO 8601 moment."""
    try:
        return date.fromisoformat(at[:10])
    except (TypeError, ValueError):
        raise IllegalMove("We couldn't tell what day it is. Please try again.", "bad_time") from None


def start(partners: tuple[str, str], at: str = "", agreement: dict[str, Any] | None = None) -> ReviewState:
    """A review of one agreement (its summary as the server found it) by the two partners."""
    partners = two_partners(partners, "A review needs both partners.")
    try:
        under = UnderReview(**{k: (agreement or {})[k] for k in UnderReview.__dataclass_fields__})
    except (KeyError, TypeError):
        raise IllegalMove("Please choose which agreement to review.", "no_agreement") from None
    return ReviewState(step=Step.CHOOSING, partners=partners, agreement=under)


def _choice(action: Action) -> str:
    choice = action.get("choice")
    if choice not in CHOICES:
        raise IllegalMove("Please choose keep, revise or retire.", "bad_choice")
    return choice


def _standing(state: ReviewState) -> Suggestion:
    """The suggestion on the table (the confirming step always has one)."""
    if state.suggestion is None:
        raise IllegalMove("There's no suggestion to answer yet.", "wrong_step")
    return state.suggestion


# Guards: (state, actor) -> refusal sentence or None.
def _suggested_by_partner(state: ReviewState, actor: str) -> str | None:
    return "You've made your suggestion. It's your partner's turn." if _standing(state).by == actor else None


def _suggested_by_me(state: ReviewState, actor: str) -> str | None:
    return None if _standing(state).by == actor else "Only the partner who suggested it can take it back."


def _roles(state: ReviewState, actor: str) -> frozenset[str]:
    return frozenset({EITHER}) if actor in state.partners else frozenset()


# Effects.
def _suggest(state: ReviewState, actor: str, action: Action) -> tuple[ReviewState, list[Event]]:
    choice = _choice(action)
    if state.suggestion is not None and state.suggestion.choice == choice:
        raise IllegalMove(f"Your partner already suggested {choice}. You can confirm it.", "same_choice")
    suggestion = Suggestion(by=actor, choice=choice, at=action.at)
    return replace(state, suggestion=suggestion), [Event("suggested", actor, {"choice": choice})]


def _confirm(state: ReviewState, actor: str, action: Action) -> tuple[ReviewState, list[Event]]:
    choice, suggestion = _choice(action), _standing(state)
    if choice != suggestion.choice:
        raise IllegalMove(f"The suggestion has changed to {suggestion.choice}. "
                          "Have a look, and confirm it if it feels right.", "stale_choice")
    if actor == suggestion.by:
        raise IllegalMove(f"You suggested {choice}. Your partner needs to confirm it too.", "own_choice")
    today = day_of(action.at)
    after = (next_review_after(today, state.agreement.review_every_weeks).isoformat() if choice == "keep" else None)
    new = replace(state, decided=choice, decided_on=today.isoformat(), next_review=after,
                  confirmed_by=(suggestion.by, actor))
    return new, [Event("confirmed", actor, {"choice": choice, "next_review": after})]


def _withdraw(state: ReviewState, actor: str, action: Action) -> tuple[ReviewState, list[Event]]:
    return replace(state, suggestion=None), [Event("withdrawn", actor)]


def _end(state: ReviewState, actor: str, action: Action) -> tuple[ReviewState, list[Event]]:
    return replace(state, ended_by=actor), [Event("ended", actor)]


MACHINE: Machine[ReviewState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.CHOOSING,
    ends=(Step.DONE, Step.ENDED),
    table=(
        Transition("suggest", Step.CHOOSING, Step.CONFIRMING, EITHER),
        Transition("suggest", Step.CONFIRMING, Step.CONFIRMING, EITHER, _suggested_by_partner),
        Transition("confirm", Step.CONFIRMING, Step.DONE, EITHER),
        Transition("withdraw", Step.CONFIRMING, Step.CHOOSING, EITHER, _suggested_by_me),
        Transition("end", Step.CHOOSING, Step.ENDED, EITHER),
        Transition("end", Step.CONFIRMING, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"suggest": _suggest, "confirm": _confirm, "withdraw": _withdraw, "end": _end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: ReviewState, actor: str, action: Action) -> tuple[ReviewState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    return MACHINE.run(state, actor, action)


def allowed_actions(state: ReviewState, who: str) -> list[str]:
    """What `who` may do now (confirming is for the partner who didn't suggest)."""
    allowed = MACHINE.allowed_actions(state, who)
    mine = state.suggestion is not None and state.suggestion.by == who
    return [name for name in allowed if not (name == "confirm" and mine)]


def is_finished(state: ReviewState) -> bool:
    """Whether the review has reached an end."""
    return state.step in MACHINE.ends


def view(state: ReviewState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees: the agreement, the open suggestion and, at the end, what both decided."""
    suggestion = state.suggestion
    return {
        "kind": KIND,
        "step": state.step.value,
        "finished": is_finished(state),
        "ended_by": state.ended_by,
        "agreement": state.agreement.to_view(),
        "suggestion": {"by": suggestion.by, "choice": suggestion.choice, "at": suggestion.at} if suggestion else None,
        "decided": state.decided,
        "decided_on": state.decided_on,
        "confirmed_by": list(state.confirmed_by),
        "next_review": state.next_review,
        "allowed": allowed_actions(state, viewer),
        "waiting_for": "partner" if state.step is Step.CONFIRMING and suggestion is not None
        and suggestion.by == viewer and not state.pause else None,
        "pause": state.pause.to_view(viewer) if state.pause else None,
    }
