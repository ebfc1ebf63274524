"""A pause any exercise offers: either partner may call it, no reason needed; both come back together.

While paused nothing can be said; either partner may still end the exercise, and the pause ends with
it (`lifted`: an ended session shows no pause). A pause lasts the length people say: a number of
`minutes` ("20 minutes", "an hour"), or `until` a moment the page works out in the person's own time
("until tomorrow evening" is 19:00 the next day there; "a time I pick"). It lasts from a minute up to
two days. Time is passed in with the action (`action.at`); there is no clock here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from exercises.fields import NONE, Text, Whole, fields_table
from exercises.moves import Action, Event, IllegalMove

DEFAULT_MINUTES = 20
MIN_MINUTES = 1
MAX_MINUTES = 48 * 60  # "until tomorrow evening", called just after midnight, is 43 hours away
ACTIONS = ("pause", "resume")
# minutes and until: checked by call(); a page sends one of them, or neither for the default 20 minutes.
FIELDS = fields_table({"pause": {"minutes": Whole(required=False), "until": Text(required=False)}, "resume": NONE})
TOO_LONG = "A pause can last from a minute up to two days."


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
    """The pause's length in whole minutes, from `minutes` (20 when left out), checked."""
    value = action.get("minutes", DEFAULT_MINUTES)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_MINUTES <= value <= MAX_MINUTES:
        raise IllegalMove(TOO_LONG, "bad_pause")
    return value


def moment(text: str) -> datetime:
    """An ISO 8601 moment ('Z' or an offset; a moment without one is read as UTC), as an aware datetime.

    ValueError when it isn't one.
    """
    parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def stamp(at: datetime) -> str:
    """A moment in the one form pauses keep: UTC, to the second, with 'Z'."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def later(at: str, minutes: int) -> str:
    """`at` (ISO 8601, 'Z' allowed) plus `minutes`, in the same form ('' when `at` is '')."""
    if not at:
        return ""
    return stamp(moment(at) + timedelta(minutes=minutes))


def length(action: Action) -> tuple[int, str]:
    """(minutes, back_at) of the pause `action` asks for: `until` a moment after `action.at`, or `minutes`.

    IllegalMove "bad_pause" when both are given, when `until` isn't a moment, or when the pause would
    last less than a minute or more than two days.
    """
    until = action.get("until")
    if until is None:
        minutes = minutes_from(action)
        return minutes, later(action.at, minutes)
    if action.get("minutes") is not None:
        raise IllegalMove("Please choose one length for the pause.", "bad_pause")
    try:
        back, start = moment(str(until)), moment(action.at)
    except ValueError:
        raise IllegalMove("Please choose when you'd like to come back.", "bad_pause") from None
    seconds = (back - start).total_seconds()
    if not MIN_MINUTES * 60 <= seconds <= MAX_MINUTES * 60:
        raise IllegalMove(TOO_LONG, "bad_pause")
    return math.ceil(seconds / 60), stamp(back)


def call(state: Any, actor: str, action: Action) -> tuple[Any, list[Event]]:
    """A partner calls a pause."""
    if state.pause is not None:
        raise IllegalMove("You're already taking a pause.", "paused")
    minutes, back_at = length(action)
    pause = Pause(called_by=actor, started_at=action.at, minutes=minutes, back_at=back_at)
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


def lifted(state: Any) -> Any:
    """The state without its pause: what an exercise's end does, so an ended session shows no pause."""
    return replace(state, pause=None)
