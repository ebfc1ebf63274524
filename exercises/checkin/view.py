"""What partners see of a check-in: each one's view while it runs, and the week's summary at the end."""

from __future__ import annotations

from typing import Any

from exercises import listening
from exercises.checkin.state import (TITLES, Appreciation, CheckinState, Issue, Request, Step, all_by, both_answered,
                                     by, partner_of)

RESTING = frozenset({"end", "pause", "back"})  # actions that never move the check-in itself on
NESTED_HIDDEN = frozenset({"pause", "resume"})  # the check-in's own pause holds nested listening turns


def view_of(state: CheckinState, viewer: str, allowed: list[str], partner_allowed: list[str], finished: bool,
            steps: list[str]) -> dict[str, Any]:
    """`viewer`'s view, given what each partner may do now (the exercise module computes both)."""
    partner = partner_of(state, viewer)
    current = state.step.value if state.step in TITLES else None
    return {
        "kind": "checkin",
        "step": state.step.value,
        "steps": [{"id": step, "title": TITLES[Step(step)]} for step in steps],
        "step_number": steps.index(current) + 1 if current in steps else None,
        "prompt": state.prompts[current]["text"] if current else None,
        "finished": finished,
        "ended_by": state.ended_by,
        "ready": {"me": viewer in state.ready, "partner": partner in state.ready},
        "went_back": _went_back(state) if not finished else None,
        "waiting_for": _waiting_for(state, viewer, allowed, partner_allowed, finished),
        "arrive": _hidden_until_both(state, viewer, "arrivals", _arrival),
        "appreciations": {"mine": [_appreciation(a) for a in all_by(state.appreciations, viewer)],
                          "theirs": [_appreciation(a) for a in all_by(state.appreciations, partner)]},
        "wins": {"mine": _text(by(state.wins, viewer)), "theirs": _text(by(state.wins, partner))},
        "issues": {"mine": _issue(by(state.issues, viewer)), "theirs": _issue(by(state.issues, partner))},
        "listening": _nested(state, viewer),
        "agreements": [{"id": a.id, "title": a.title, "text": a.text, "version": a.version,
                        "next_review": a.next_review, "url": f"/agreements/{a.id}"} for a in state.due_agreements],
        "requests": {"mine": _request(by(state.requests, viewer)), "theirs": _request(by(state.requests, partner))},
        "close": _hidden_until_both(state, viewer, "closings", lambda c: {"connection": c.connection}),
        "allowed": allowed,
        "pause": state.pause.to_view(viewer) if state.pause else None,
        "summary": summary(state) if finished else None,
    }


def summary(state: CheckinState) -> dict[str, Any]:
    """The week, as both saw it: connection before and after, what was appreciated, won, hard and asked."""
    people = {}
    for partner in state.partners:
        arrival = by(state.arrivals, partner) if both_answered(state.arrivals, state) else None
        closing = by(state.closings, partner) if both_answered(state.closings, state) else None
        before, after = arrival.connection if arrival else None, closing.connection if closing else None
        people[partner] = {
            "feeling": arrival.feeling if arrival else None, "mood": arrival.mood if arrival else None,
            "connection_before": before, "connection_after": after,
            "connection_change": after - before if before is not None and after is not None else None,
            "appreciations": [a.text for a in all_by(state.appreciations, partner)],
            "win": _text(by(state.wins, partner)),
            "issue": _issue(by(state.issues, partner)),
            "request": _request(by(state.requests, partner)),
        }
    return {
        "partners": people,
        "for_later": [i.text for i in state.issues if i.status == "parked"],
        "agreements": [{"id": a.id, "title": a.title, "url": f"/agreements/{a.id}"} for a in state.due_agreements],
        "history": [{"date": week["date"], "connection": {p: list(v) for p, v in week["connection"].items()}}
                    for week in state.history],
        "finished_together": state.step is Step.DONE,
        "ended_by": state.ended_by,
    }


def _went_back(state: CheckinState) -> dict[str, Any] | None:
    """Who took both back a step, and to which: {"by", "to", "title"}, until both move on again."""
    back = state.went_back
    if back is None:
        return None
    return {"by": back.by, "to": back.to.value, "title": TITLES[back.to]}


def _hidden_until_both(state: CheckinState, viewer: str, items: str, shown: Any) -> dict[str, Any]:
    """Mine as I gave it; the partner's only once both have answered (before that, only that they did)."""
    answers = getattr(state, items)
    mine, theirs = by(answers, viewer), by(answers, partner_of(state, viewer))
    revealed = both_answered(answers, state)
    return {"mine": shown(mine) if mine else None, "theirs": shown(theirs) if revealed else None,
            "partner_answered": theirs is not None, "revealed": revealed}


def _arrival(arrival: Any) -> dict[str, Any]:
    return {"feeling": arrival.feeling, "connection": arrival.connection, "mood": arrival.mood}


def _appreciation(item: Appreciation) -> dict[str, Any]:
    return {"number": item.number, "text": item.text, "received": item.acknowledged}


def _text(item: Any) -> str | None:
    return item.text if item else None


def _issue(item: Issue | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"author": item.author, "text": item.text, "status": item.status,
            "listening": dict(item.listening) if item.listening else None}


def _request(item: Request | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"text": item.text, "answer": item.answer, "why": item.why}


def _nested(state: CheckinState, viewer: str) -> dict[str, Any] | None:
    """The nested listening turns as `viewer` sees them, without their own pause (the check-in's covers it)."""
    if state.listening is None:
        return None
    nested = listening.view(state.listening, viewer)
    nested["allowed"] = [a for a in nested["allowed"] if a not in NESTED_HIDDEN]
    return nested


def _waiting_for(state: CheckinState, viewer: str, allowed: list[str], partner_allowed: list[str],
                 finished: bool) -> str | None:
    """'partner' when the viewer waits on their partner, 'me' when the partner waits on the viewer, else None."""
    if finished or state.pause:
        return None
    if state.listening is not None:
        return None  # the nested turns say who holds the floor
    if len(state.ready) == 1:
        return "partner" if viewer in state.ready else "me"
    mine, theirs = set(allowed) - RESTING, set(partner_allowed) - RESTING
    if not mine and theirs:
        return "partner"
    if mine and not theirs:
        return "me"
    return None
