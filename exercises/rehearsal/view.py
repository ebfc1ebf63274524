"""What each partner sees of a rehearsal, and what a finished one adds to the couple's progress.

A writer's tries that weren't accepted, and why, are shown to the writer alone, and so is how many tries
a line took and whether the example helped: the partner is never shown a count to set against their own.
Both see the scene so far, the accepted I statements, their answers, and after a round the summary.
"""

from __future__ import annotations

from typing import Any

from exercises.rehearsal import state as r
from exercises.rehearsal.rules import Rewrite, reason_sentence


def view_of(state: r.RehearsalState, viewer: str, allowed: list[str]) -> dict[str, Any]:
    """What `viewer` sees now, given the actions `allowed` to them."""
    line = r.current_line(state) if state.step in (r.Step.LINE, r.Step.REWRITE) else None
    record = r.current_rewrite(state) if line else None
    mine = line is not None and r.player(state, line.role) == viewer
    return {
        "kind": r.KIND,
        "step": state.step.value,
        "phase": _phase(state, record),
        "finished": r.is_finished(state),
        "ended_by": state.ended_by,
        "round": state.round,
        "rounds": r.ROUNDS,
        "rounds_done": state.rounds_done,
        "scene": {"id": state.scene.id, "title": state.scene.title, "situation": state.scene.situation,
                  "roles": [{"id": role.id, "name": role.name, "player": r.player(state, role.id)}
                            for role in state.scene.roles]},
        "my_role": r.role_of(state, viewer) if viewer in state.partners else None,
        "lines": _lines(state),
        "current": None if line is None else {"index": state.line, "role": line.role, "mine": mine,
                                              "rewrite": line.rewrite},
        "example": state.scene.lines[state.line].model_rewrite if mine and record and record.example_shown else None,
        "my_tries": _tries(record) if mine and record else [],
        "summary": summary(state, viewer),
        "allowed": allowed,
        "waiting_for": _waiting_for(state, viewer, allowed),
        "pause": state.pause.to_view(viewer) if state.pause else None,
    }


def _phase(state: r.RehearsalState, record: Rewrite | None) -> str:
    if state.step is r.Step.REWRITE:
        return "listen" if record and record.accepted else "rewrite"
    return {r.Step.LINE: "say"}.get(state.step, state.step.value)


def _lines(state: r.RehearsalState) -> list[dict[str, Any]]:
    """The lines of this round so far (said, and the current one), with this round's rewrites."""
    shown = state.scene.lines[:state.line + 1]
    records = {rec.line: rec for rec in state.rewrites if rec.round == state.round}
    out = []
    for index, line in enumerate(shown):
        record = records.get(index)
        out.append({"index": index, "role": line.role, "name": state.scene.role(line.role).name,
                    "text": line.text, "rewrite": line.rewrite, "said": index < state.line,
                    "flagged": list(_flagged(state, index)) if line.rewrite else [],
                    "rewritten": record.accepted if record else None,
                    "paraphrase": record.paraphrase if record else None})
    return out


def _flagged(state: r.RehearsalState, index: int) -> tuple[str, ...]:
    return state.flagged[index] if index < len(state.flagged) else ()


def _tries(record: Rewrite) -> list[dict[str, Any]]:
    return [{"text": a.text, "reason": a.reason, "why": reason_sentence(a.reason), "kinds": list(a.kinds)}
            for a in record.attempts if a.reason]


def summary(state: r.RehearsalState, viewer: str) -> list[dict[str, Any]]:
    """Every rewrite of the rounds played, once a round is over: the script's flagged words, the new words.

    The writer alone also sees their own tries that weren't accepted, how many tries it took and whether the
    example was shown (None in the partner's rows).
    """
    if not state.rounds_done and state.step is not r.Step.ENDED:
        return []
    rows = []
    for record in sorted(state.rewrites, key=lambda rec: (rec.round, rec.line)):
        line = state.scene.lines[record.line]
        mine = record.writer == viewer
        rows.append({"round": record.round, "line": record.line, "role": state.scene.role(line.role).name,
                     "writer": record.writer, "original": line.text, "flagged": list(_flagged(state, record.line)),
                     "rewrite": record.accepted, "paraphrase": record.paraphrase,
                     "attempts": len(record.attempts) if mine else None,
                     "first_try": record.first_try if mine else None,
                     "example_shown": record.example_shown if mine else None,
                     "my_tries": _tries(record) if mine else []})
    return rows


def _waiting_for(state: r.RehearsalState, viewer: str, allowed: list[str]) -> str | None:
    """'partner' when the viewer has done all they can for now, else None."""
    if r.is_finished(state) or state.pause or set(allowed) - {"end", "pause"}:
        return None
    return "partner"


def progress(state: r.RehearsalState) -> dict[str, Any]:
    """What one rehearsal adds to the couple's progress: the scene, rounds played, rewrites and first tries."""
    accepted = [rec for rec in state.rewrites if rec.accepted]
    return {"scene_id": state.scene.id, "title": state.scene.title, "rounds_done": state.rounds_done,
            "rewrites": len(accepted), "first_try": sum(rec.first_try for rec in accepted),
            "attempts": sum(len(rec.attempts) for rec in state.rewrites)}
