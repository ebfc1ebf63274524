"""A pause any exercise offers: either partner may call it, no reason needed; both come back together.

While paused nothing can be said; either partner may still end the exercise. The pause has a
countdown (20 minutes by default, the time a flooded body needs to settle) and a time to come back,
never more than 24 hours away. Time is passed in with the action; there is no clock here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from exercises.fields import NONE, Whole, fields_table
from exercises.moves import Action, Event, IllegalMove

DEFAULT_MINUTES = 20
MIN_MINUTES = 1
MAX_MINUTES = 24 * 60
ACTIONS = ("pause", "resume")
FIELDS = fields_table({"pause": {"minutes": Whole(required=False)}, "resume": NONE})  # minutes: checked by call()


@dataclass(frozen=True)
class Pause:
    called_by: str
    started_at: str
    minutes: int
    back_at: str
    ready: frozenset[str] = frozenset()  # partners who said they are ready to come back

    def to_view(self, viewer: str) -> dict[str, Any]:
        """What a partner's pause screen shows."""
        return {"called_by": self.called_by, "started_at": self.started_at, "minutes": self.minutes,
                "back_at": self.back_at, "i_am_ready": viewer in self.ready, "ready": sorted(self.ready)}


def minutes_from(action: Action) -> int:
    """The pause's length in whole minutes, checked."""
    value = action.get("minutes", DEFAULT_MINUTES)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_MINUTES <= value <= MAX_MINUTES:
        raise IllegalMove("A pause can last from a minute up to 24 hours.", "bad_pause")
    return value


def later(at: str, minutes: int) -> str:
    """`at` (ISO 8601, 'Z' allowed) plus `minutes`, in the same form."""
    if not at:
        return ""
    moment = datetime.fromisoformat(at.replace("Z", "+00:00")) + timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def call(state: Any, actor: str, action: Action) -> tuple[Any, list[Event]]:
    """A partner calls a pause."""
    if state.pause is not None:
        raise IllegalMove("You're already taking a pause.", "paused")
    minutes = minutes_from(action)
    pause = Pause(called_by=actor, started_at=action.at, minutes=minutes, back_at=later(action.at, minutes))
    return replace(state, pause=pause), [Event("paused", actor, {"minutes": minutes, "back_at": pause.back_at})]


def resume(state: Any, actor: str, action: Action) -> tuple[Any, list[Event]]:
    """A partner is ready to come back; the exercise goes on when both are."""
    if state.pause is None:
        raise IllegalMove("There's no pause to come back from.", "not_paused")
    if actor in state.pause.ready:
        raise IllegalMove("You're ready. We're waiting for your partner to be ready too.", "not_now")
    ready = state.pause.ready | {actor}
    if ready >= set(state.partners):
        return replace(state, pause=None), [Event("resumed", actor)]
    return replace(state, pause=replace(state.pause, ready=ready)), [Event("ready_to_resume", actor)]
