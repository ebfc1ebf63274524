"""Listening turns inside the check-in's "what was hard" step: opened on a named issue, run as nested
moves (`listen` with {move, ...}), and folded back into the issue with their summary when they end.

The nested turns keep their own roles (speaker, listener); the check-in's pause holds them, so their
own pause is never used.
"""

from __future__ import annotations

from dataclasses import replace

from exercises import listening
from exercises.checkin.state import CheckinState, Issue, open_issue, with_issue
from exercises.engine import Action, Event, IllegalMove

PAUSE_MOVES = frozenset({"pause", "resume"})


def open_listening(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    """Open listening turns on an open issue, its author holding the floor first."""
    issue = open_issue(state, action)
    nested = listening.start(state.partners, action.at, topic=topic_of(issue), first_speaker=issue.author)
    state = replace(with_issue(state, replace(issue, status="talking")), listening=nested)
    return state, [Event("listening_opened", actor, {"issue": issue.author, "first_speaker": issue.author})]


def listen(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    """One move of the nested turns; when they finish or end, the check-in is back in its hard step."""
    move = action.get("move")
    if not isinstance(move, str) or not move:
        raise IllegalMove("Which part of the listening turns is that?", "bad_choice")
    if move in PAUSE_MOVES:
        raise IllegalMove("Use the check-in's pause; it holds the listening turns too.", "not_now")
    fields = {key: value for key, value in action.fields.items() if key != "move"}
    nested, nested_events = listening.apply(state.listening, actor, Action(move, fields, action.at))
    events = [Event(f"listening_{e.name}", e.actor, e.data) for e in nested_events]
    if not listening.is_finished(nested):
        return replace(state, listening=nested), events
    talked = next(i for i in state.issues if i.status == "talking")
    return close_turns(replace(state, listening=nested)), [
        *events, Event("listening_closed", actor, {"issue": talked.author})]


def close_turns(state: CheckinState) -> CheckinState:
    """The state with any running turns folded into their issue (talked, with their summary)."""
    if state.listening is None:
        return state
    talking = next(i for i in state.issues if i.status == "talking")
    talked = replace(talking, status="talked", listening=listening.summary(state.listening))
    return replace(with_issue(state, talked), listening=None)


def paraphrase_target(state: CheckinState) -> str:
    """What a nested paraphrase should reflect: only while the listener is reflecting ('' otherwise)."""
    nested = state.listening
    if nested is None or nested.step is not listening.Step.PARAPHRASING:
        return ""
    return listening.paraphrase_target(nested)


def may_paraphrase(state: CheckinState, who: str) -> bool:
    """Whether `who` is the listener reflecting in the nested turns right now."""
    nested = state.listening
    return nested is not None and "paraphrase" in listening.allowed_actions(nested, who)


def topic_of(issue: Issue) -> str:
    """The issue's words as a listening topic (cut at a word with an ellipsis when long)."""
    if len(issue.text) <= listening.MAX_TOPIC:
        return issue.text
    return issue.text[:listening.MAX_TOPIC - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
