"""The appreciation round: each partner shares one appreciation, the other receives it.

The script, as a couple lives it:
  1. Either partner writes one specific appreciation of the other (in any order, or at once).
  2. Each partner acknowledges the appreciation they received, with an optional short reply.
  3. When both appreciations are acknowledged, the round is done.
Either partner may pause (both come back together) or end the round early; nothing said is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from exercises.engine import EITHER, Action, Event, Machine, Transition, all_of, clean_text, two_partners
from exercises.fields import NONE, Fields, Text
from exercises.pause import Pause

KIND = "appreciation"
TITLE = "Appreciation round"
BLURB = "Each of you shares one thing you're glad about in the other, and receives theirs."
MAX_CHARS = 1000
ANALYZED = {"appreciate": "text", "acknowledge": "reply"}  # the server reads these for the care note
FIELDS: dict[str, Fields] = {"appreciate": {"text": Text()}, "acknowledge": {"reply": Text(required=False)},
                              "end": NONE}


class Step(Enum):
    SHARING = "sharing"
    DONE = "done"
    ENDED = "ended"


@dataclass(frozen=True)
class Appreciation:
    author: str
    text: str
    at: str
    acknowledged_at: str | None = None
    reply: str | None = None


@dataclass(frozen=True)
class RoundState:
    step: Step
    partners: tuple[str, str]
    appreciations: tuple[Appreciation, ...] = ()
    ended_by: str | None = None
    pause: Pause | None = None


def start(partners: tuple[str, str], at: str = "") -> RoundState:
    """A new round for the two partners (ids as strings)."""
    partners = two_partners(partners, "An appreciation round needs both partners.")
    return RoundState(step=Step.SHARING, partners=partners)


def partner_of(state: RoundState, who: str) -> str:
    """The other partner."""
    first, second = state.partners
    return second if who == first else first


def written_by(state: RoundState, who: str) -> Appreciation | None:
    """The appreciation `who` wrote, if any."""
    return next((a for a in state.appreciations if a.author == who), None)


# Guards: (state, actor) -> refusal sentence or None.
def _not_yet_written(state: RoundState, actor: str) -> str | None:
    if written_by(state, actor):
        return "You've shared yours. Now it's your partner's moment."
    return None


def _partner_has_written(state: RoundState, actor: str) -> str | None:
    if not written_by(state, partner_of(state, actor)):
        return "Your partner is still writing theirs. It will appear here when they share it."
    return None


def _not_yet_acknowledged(state: RoundState, actor: str) -> str | None:
    received = written_by(state, partner_of(state, actor))
    if received and received.acknowledged_at:
        return "You've already received this one."
    return None


def _mine_was_received(state: RoundState, actor: str) -> str | None:
    mine = written_by(state, actor)
    return None if mine and mine.acknowledged_at else "waiting for your partner to receive yours"


def _roles(state: RoundState, actor: str) -> frozenset[str]:
    return frozenset({EITHER}) if actor in state.partners else frozenset()


# Effects: check the input, return the new state and what happened.
def _appreciate(state: RoundState, actor: str, action: Action) -> tuple[RoundState, list[Event]]:
    text = clean_text(action, max_chars=MAX_CHARS, label="what you appreciate")
    item = Appreciation(author=actor, text=text, at=action.at)
    return replace(state, appreciations=(*state.appreciations, item)), [Event("appreciated", actor, {"text": text})]


def _acknowledge(state: RoundState, actor: str, action: Action) -> tuple[RoundState, list[Event]]:
    reply = action.get("reply") or None
    if reply is not None:
        reply = clean_text(action, key="reply", max_chars=MAX_CHARS, label="a reply")
    author = partner_of(state, actor)
    items = tuple(
        replace(a, acknowledged_at=action.at or "now", reply=reply) if a.author == author else a
        for a in state.appreciations
    )
    return replace(state, appreciations=items), [Event("acknowledged", actor, {"reply": reply})]


def _end(state: RoundState, actor: str, action: Action) -> tuple[RoundState, list[Event]]:
    return replace(state, ended_by=actor), [Event("ended", actor)]


_can_acknowledge = all_of(_partner_has_written, _not_yet_acknowledged)

MACHINE: Machine[RoundState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.SHARING,
    ends=(Step.DONE, Step.ENDED),
    table=(
        Transition("appreciate", Step.SHARING, Step.SHARING, EITHER, _not_yet_written),
        Transition("acknowledge", Step.SHARING, Step.DONE, EITHER, all_of(_can_acknowledge, _mine_was_received)),
        Transition("acknowledge", Step.SHARING, Step.SHARING, EITHER, _can_acknowledge),
        Transition("end", Step.SHARING, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"appreciate": _appreciate, "acknowledge": _acknowledge, "end": _end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: RoundState, actor: str, action: Action) -> tuple[RoundState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    return MACHINE.run(state, actor, action)


def allowed_actions(state: RoundState, who: str) -> list[str]:
    """What `who` may do now."""
    return MACHINE.allowed_actions(state, who)


def is_finished(state: RoundState) -> bool:
    """Whether the round has reached an end."""
    return state.step in MACHINE.ends


def view(state: RoundState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees: both appreciations once shared (an appreciation is meant to be received)."""
    partner = partner_of(state, viewer)
    mine, theirs = written_by(state, viewer), written_by(state, partner)
    allowed = allowed_actions(state, viewer)  # once: the buttons, and whether the viewer waits (as checkin's view)
    return {
        "kind": KIND,
        "step": state.step.value,
        "finished": is_finished(state),
        "ended_by": state.ended_by,
        "mine": _item(mine),
        "theirs": _item(theirs),
        "allowed": allowed,
        "waiting_for": _waiting_for(state, allowed),
        "pause": state.pause.to_view(viewer) if state.pause else None,
    }


def _item(item: Appreciation | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"text": item.text, "at": item.at, "received": item.acknowledged_at is not None, "reply": item.reply}


def _waiting_for(state: RoundState, allowed: list[str]) -> str | None:
    """'partner' when the viewer, who may do `allowed` now, has done all they can for now, else None."""
    if is_finished(state) or state.pause or set(allowed) - {"end", "pause"}:
        return None
    return "partner"
