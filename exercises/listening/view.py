"""What partners see of listening turns: each one's view while it runs, and the summary at the end."""

from __future__ import annotations

from typing import Any

from exercises.listening.state import (LISTENER, SPEAKER, ListeningState, Statement, Step, current_statement,
                                       stands_corrected)

RESTING = frozenset({"end", "pause", "finish"})  # actions that never move the conversation itself on


def summary(state: ListeningState) -> dict[str, Any]:
    """Statements with their confirmed paraphrase, rounds heard, and who held the floor when.

    `rounds` counts statements heard all the way through (a confirmed paraphrase); `turns` are the
    stretches of holding the floor in which something was said, in order.
    """
    return {
        "topic": state.topic,
        "rounds": sum(1 for s in state.statements if s.confirmed),
        "statements": [_statement(s) for s in state.statements],
        "turns": [{"speaker": turn.speaker, "at": turn.at,
                   "statements": sum(1 for s in state.statements if s.turn == number),
                   "heard": sum(1 for s in state.statements if s.turn == number and s.confirmed)}
                  for number, turn in enumerate(state.turns, start=1)
                  if any(s.turn == number for s in state.statements)],
        "finished_by": state.finished_by,
        "ended_by": state.ended_by,
    }


def _statement(said: Statement) -> dict[str, Any]:
    latest = said.reflections[-1].text if said.reflections else None
    return {"speaker": said.speaker, "text": said.text, "at": said.at, "turn": said.turn,
            "clarifications": list(said.clarifications), "attempts": len(said.reflections),
            "paraphrase": latest if said.confirmed else None, "heard": said.confirmed,
            "validation": said.validation}


def view_of(state: ListeningState, viewer: str, allowed: list[str], finished: bool) -> dict[str, Any]:
    """`viewer`'s view, given what they may do now (the exercise module computes `allowed`)."""
    role = None
    if state.speaker is not None and viewer in state.partners and state.step is not Step.CHOOSING:
        role = SPEAKER if viewer == state.speaker else LISTENER
    current = current_statement(state)
    return {
        "kind": "listening",
        "step": state.step.value,
        "finished": finished,
        "finished_by": state.finished_by,
        "ended_by": state.ended_by,
        "topic": state.topic,
        "topic_by": state.chosen_by,
        "floor_holder": state.speaker if state.step is not Step.CHOOSING else None,
        "first_speaker": state.turns[0].speaker if state.turns else state.speaker,
        "my_role": role,
        "current": _current(current) if current else None,
        "hint": _hint(current) if role == LISTENER and current else None,
        "heard": [_statement(s) for s in state.statements if s.confirmed and s is not current],
        "rounds": sum(1 for s in state.statements if s.confirmed),
        "allowed": allowed,
        "waiting_for": None if finished or state.pause or set(allowed) - RESTING else "partner",
        "pause": state.pause.to_view(viewer) if state.pause else None,
        "summary": summary(state) if finished else None,
    }


def _current(said: Statement) -> dict[str, Any]:
    latest = said.reflections[-1] if said.reflections else None
    return {"speaker": said.speaker, "text": said.text, "clarifications": list(said.clarifications),
            "paraphrase": latest.text if latest else None, "attempts": len(said.reflections),
            "heard": said.confirmed, "validation": said.validation}


def _hint(said: Statement) -> dict[str, Any] | None:
    """The listener's own gentle hint about their latest reflection (words they might also reflect), until
    the speaker confirms it or corrects what it was measured against."""
    if said.confirmed or not said.reflections or not said.reflections[-1].missing or stands_corrected(said):
        return None
    latest = said.reflections[-1]
    return {"overlap": latest.overlap, "missing": list(latest.missing)}
