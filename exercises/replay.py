"""Rebuild a session's state as the fold of its accepted actions."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from exercises.engine import Action


def replay(exercise: ModuleType, partners: tuple[str, str], started_at: str,
           log: Iterable[tuple[str, Action]]) -> Any:
    """The state after applying every (actor, action) of `log`, in order, to a fresh start."""
    state = exercise.start(partners, started_at)
    for actor, action in log:
        state, _events = exercise.apply(state, actor, action)
    return state
