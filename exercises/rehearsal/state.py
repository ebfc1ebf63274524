"""A rehearsal's state, and the questions every part of the exercise asks of it (whose line, which rewrite).

The machine (machine.py) and the views (view.py) both read it; neither imports the other's module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from exercises.pause import Pause
from exercises.rehearsal.rules import Rewrite
from exercises.rehearsal.scenes import Line, Scene

KIND = "rehearsal"
ROUNDS = 2
SPEAKER, LISTENER = "speaker", "listener"  # the player of the current line's role, and the other partner


class Step(Enum):
    LINE = "line"  # a line waits for its player to say it
    REWRITE = "rewrite"  # a line to rewrite, then the partner's paraphrase
    SWAP = "swap"  # the first round is done: swap roles and play again
    DONE = "done"
    ENDED = "ended"


@dataclass(frozen=True)
class RehearsalState:
    step: Step
    partners: tuple[str, str]
    scene: Scene
    cast: tuple[tuple[str, str], ...]  # (role id, partner id) for the round being played
    flagged: tuple[tuple[str, ...], ...] = ()  # per line: the words the server heard blame in, in the script
    round: int = 1
    line: int = 0  # the current line; past the end between rounds and after the last
    rewrites: tuple[Rewrite, ...] = ()
    rounds_done: int = 0
    ended_by: str | None = None
    pause: Pause | None = None


def player(state: RehearsalState, role_id: str) -> str:
    """The partner playing `role_id` this round."""
    return dict(state.cast)[role_id]


def role_of(state: RehearsalState, who: str) -> str:
    """The role id `who` plays this round."""
    return next(role for role, partner in state.cast if partner == who)


def partner_of(state: RehearsalState, who: str) -> str:
    """The other partner."""
    first, second = state.partners
    return second if who == first else first


def current_line(state: RehearsalState) -> Line | None:
    """The line being played now, or None between rounds and after the last."""
    return state.scene.lines[state.line] if state.line < len(state.scene.lines) else None


def current_rewrite(state: RehearsalState) -> Rewrite | None:
    """This round's record of the current line's rewrite, once it has one."""
    return next((r for r in state.rewrites if (r.round, r.line) == (state.round, state.line)), None)


def paraphrase_target(state: RehearsalState) -> str:
    """What the listener paraphrases: the accepted I statement of the current line ('' before one)."""
    record = current_rewrite(state)
    return record.accepted or "" if record else ""


ENDS = (Step.DONE, Step.ENDED)


def is_finished(state: RehearsalState) -> bool:
    """Whether the rehearsal has reached an end."""
    return state.step in ENDS
