"""Rebuild a session's state as the fold of its accepted actions."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from exercises.engine import Action


def apply_all(exercise: ModuleType, state: Any, log: Iterable[tuple[str, Action]]) -> Any:
    """The state after applying every (actor, action) of `log`, in order, to `state`."""
    for actor, action in log:
        state, _events = exercise.apply(state, actor, action)
    return state


def replay(exercise: ModuleType, partners: tuple[str, str], started_at: str,
           log: Iterable[tuple[str, Action]], **options: Any) -> Any:
    """The state after applying every (actor, action) of `log`, in order, to a fresh start."""
    return apply_all(exercise, exercise.start(partners, started_at, **options), log)
