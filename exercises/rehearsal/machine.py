"""Rehearse a hard conversation before you need it: a scene from a common conflict, two roles, played live.

The script, as a couple lives it:
  1. The scene unfolds line by line; whoever plays a line's role says it and moves the scene on.
  2. At a line marked for rewriting, its player writes it again as an I statement, coached as they type.
     It is accepted when it carries no blame, speaks from "I" about a feeling or need, and still names the
     scene's topic; otherwise the try is counted and they may try again, or ask to see an example.
  3. Once it is accepted, the partner answers with a listening paraphrase (an answer back is held back).
  4. After the last line, the two swap roles and play it once more; then both see what changed.
Either partner may pause (both come back together) or end the rehearsal; nothing said is lost.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from exercises.engine import (ANY, EITHER, SAME, Action, Event, IllegalMove, Machine, Transition, all_of, clean_text,
                              two_partners)
from exercises.fields import NONE, Fields, Text
from exercises.rehearsal.rules import Attempt, Rewrite, judge, rebuttal_sentence
from exercises.rehearsal.scenes import SceneError, parse
from exercises.rehearsal.state import (ENDS, KIND, LISTENER, ROUNDS, SPEAKER, RehearsalState, Step, current_line,
                                       current_rewrite, is_finished, paraphrase_target, partner_of, player, role_of)
from exercises.rehearsal.view import progress, view_of

TITLE = "Conflict scripts"
BLURB = "Rehearse a hard conversation before you need it, rewriting blaming lines as I statements."
REWRITE_MAX = 400
PARAPHRASE_MAX = 1000
ANALYZED = {"rewrite": "text", "paraphrase": "text"}  # the server adds fields["coach"]
I_STATEMENTS = frozenset({"rewrite"})  # ... and for a rewrite, coach["i_statement"]
PARAPHRASED = {"paraphrase": "text"}  # the server adds fields["listening"]
FIELDS: dict[str, Fields] = {"advance": NONE, "rewrite": {"text": Text()}, "show_example": NONE,
                              "paraphrase": {"text": Text()}, "swap": NONE, "end": NONE}
def start(partners: tuple[str, str], at: str = "", scene: dict[str, Any] | None = None,
          cast: dict[str, str] | None = None, flagged: list[list[str]] | None = None) -> RehearsalState:
    """A rehearsal of `scene` (a scene dict) with `cast` mapping each role id to a partner id."""
    partners = two_partners(partners, "A rehearsal needs both partners.")
    try:
        chosen = parse(scene)
    except SceneError as error:
        raise IllegalMove(f"That scene can't be rehearsed yet: {error}", "bad_scene") from None
    cast = dict(cast) if cast else dict(zip(chosen.role_ids, partners, strict=True))
    if set(cast) != set(chosen.role_ids) or set(cast.values()) != set(partners):
        raise IllegalMove("Each of you plays one of the scene's two roles.", "bad_cast")
    words = tuple(tuple(str(w) for w in ws) for ws in (flagged or []))
    first = Step.REWRITE if chosen.lines[0].rewrite else Step.LINE
    return RehearsalState(step=first, partners=partners, scene=chosen,
                          cast=tuple((role, cast[role]) for role in chosen.role_ids), flagged=words)


def _next_index(state: RehearsalState) -> int | None:
    upcoming = 0 if state.step is Step.SWAP else state.line + 1
    return upcoming if upcoming < len(state.scene.lines) else None


# Route guards: exactly one allows, choosing where moving on leads.
def _to_line(state: RehearsalState, actor: str) -> str | None:
    upcoming = _next_index(state)
    return None if upcoming is not None and not state.scene.lines[upcoming].rewrite else "next is not a plain line"


def _to_rewrite(state: RehearsalState, actor: str) -> str | None:
    upcoming = _next_index(state)
    return None if upcoming is not None and state.scene.lines[upcoming].rewrite else "next is not a rewrite"


def _to_swap(state: RehearsalState, actor: str) -> str | None:
    return None if _next_index(state) is None and state.round < ROUNDS else "not the end of the first round"


def _to_done(state: RehearsalState, actor: str) -> str | None:
    return None if _next_index(state) is None and state.round >= ROUNDS else "not the end of the last round"


def _not_yet_accepted(state: RehearsalState, actor: str) -> str | None:
    if paraphrase_target(state):
        return "Your I statement is in. Now your partner says what they heard."
    return None


def _example_not_shown(state: RehearsalState, actor: str) -> str | None:
    record = current_rewrite(state)
    return "The example is already showing, just above your words." if record and record.example_shown else None


def _rewrite_accepted(state: RehearsalState, actor: str) -> str | None:
    if not paraphrase_target(state):
        return "Your partner is still finding their words. You'll answer once their I statement is in."
    return None


def _roles(state: RehearsalState, actor: str) -> frozenset[str]:
    if actor not in state.partners:
        return frozenset()
    line = current_line(state)
    if line is None or state.step not in (Step.LINE, Step.REWRITE):
        return frozenset({EITHER})
    return frozenset({EITHER, SPEAKER if player(state, line.role) == actor else LISTENER})


# Effects: check the input, return the new state and what happened.
def _move_on(state: RehearsalState, actor: str, events: list[Event]) -> tuple[RehearsalState, list[Event]]:
    upcoming = _next_index(state)
    if upcoming is not None:
        return replace(state, line=upcoming), events
    done = replace(state, line=len(state.scene.lines), rounds_done=state.round)
    return done, [*events, Event("round_finished", actor, {"round": state.round})]


def _advance(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    return _move_on(state, actor, [Event("line_said", actor, {"line": state.line})])


def _with_record(state: RehearsalState, record: Rewrite) -> RehearsalState:
    others = tuple(r for r in state.rewrites if (r.round, r.line) != (record.round, record.line))
    return replace(state, rewrites=(*others, record))


def _record(state: RehearsalState, actor: str) -> Rewrite:
    return current_rewrite(state) or Rewrite(round=state.round, line=state.line, writer=actor)


def _rewrite(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    text = clean_text(action, max_chars=REWRITE_MAX, label="your I statement")
    coach = action.get("coach")
    if not isinstance(coach, dict):
        raise IllegalMove("We couldn't read that just now. Please send it again.", "not_checked")
    reason = judge(text, coach, state.scene.topic_words)
    record = _record(state, actor)
    attempt = Attempt(text=text, reason=reason, kinds=tuple(coach.get("kinds") or ()), at=action.at)
    record = replace(record, attempts=(*record.attempts, attempt), accepted=None if reason else text)
    if reason:  # only the writer's own view shows why; the partner learns nothing of the draft
        return _with_record(state, record), [Event("drafted", actor, {"line": state.line})]
    return _with_record(state, record), [Event("rewritten", actor, {"line": state.line, "text": text})]


def _show_example(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    record = replace(_record(state, actor), example_shown=True)
    return _with_record(state, record), [Event("example_shown", actor, {"line": state.line})]


def _paraphrase(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    text = clean_text(action, max_chars=PARAPHRASE_MAX, label="what you heard")
    listening = action.get("listening") or {}
    if isinstance(listening, dict) and listening.get("rebuttal"):
        raise IllegalMove(rebuttal_sentence(listening.get("rebuttal_text")), "held_back")
    record = replace(_record(state, actor), paraphrase=text, listener=actor)
    events = [Event("paraphrased", actor, {"line": state.line, "text": text})]
    return _move_on(_with_record(state, record), actor, events)


def _swap(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    (first, a), (second, b) = state.cast
    swapped = replace(state, cast=((first, b), (second, a)), round=state.round + 1, line=0)
    return swapped, [Event("roles_swapped", actor, {"round": state.round + 1})]


def _end(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    return replace(state, ended_by=actor), [Event("ended", actor)]


MACHINE: Machine[RehearsalState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.LINE,
    ends=ENDS,
    table=(
        # Where a line leads depends on the scene: the next line, a line to rewrite, the swap, the end.
        Transition("advance", Step.LINE, Step.LINE, SPEAKER, _to_line),
        Transition("advance", Step.LINE, Step.REWRITE, SPEAKER, _to_rewrite),
        Transition("advance", Step.LINE, Step.SWAP, SPEAKER, _to_swap),
        Transition("advance", Step.LINE, Step.DONE, SPEAKER, _to_done),
        Transition("rewrite", Step.REWRITE, SAME, SPEAKER, _not_yet_accepted),
        Transition("show_example", Step.REWRITE, SAME, SPEAKER, all_of(_not_yet_accepted, _example_not_shown)),
        Transition("paraphrase", Step.REWRITE, Step.LINE, LISTENER, all_of(_rewrite_accepted, _to_line)),
        Transition("paraphrase", Step.REWRITE, Step.REWRITE, LISTENER, all_of(_rewrite_accepted, _to_rewrite)),
        Transition("paraphrase", Step.REWRITE, Step.SWAP, LISTENER, all_of(_rewrite_accepted, _to_swap)),
        Transition("paraphrase", Step.REWRITE, Step.DONE, LISTENER, all_of(_rewrite_accepted, _to_done)),
        Transition("swap", Step.SWAP, Step.LINE, EITHER, _to_line),
        Transition("swap", Step.SWAP, Step.REWRITE, EITHER, _to_rewrite),
        Transition("swap", Step.SWAP, Step.SWAP, EITHER, _to_swap),
        Transition("swap", Step.SWAP, Step.DONE, EITHER, _to_done),
        Transition("end", ANY, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"advance": _advance, "rewrite": _rewrite, "show_example": _show_example, "paraphrase": _paraphrase,
             "swap": _swap, "end": _end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: RehearsalState, actor: str, action: Action) -> tuple[RehearsalState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    return MACHINE.run(state, actor, action)


def allowed_actions(state: RehearsalState, who: str) -> list[str]:
    """What `who` may do now."""
    return MACHINE.allowed_actions(state, who)


def view(state: RehearsalState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees now (see view.py)."""
    return view_of(state, viewer, allowed_actions(state, viewer))


__all__ = ["ANALYZED", "BLURB", "FIELDS", "I_STATEMENTS", "KIND", "LISTENER", "MACHINE", "PARAPHRASED",
           "PARAPHRASE_MAX", "REWRITE_MAX", "ROUNDS", "SPEAKER", "TITLE", "RehearsalState", "Step", "allowed_actions",
           "apply", "current_line", "current_rewrite", "is_finished", "paraphrase_target", "partner_of", "player",
           "progress", "role_of", "start", "view"]
