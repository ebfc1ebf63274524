"""What an exercise is started with, decided by the server when a partner presses Start.

An exercise whose start() takes more than the partners and the time registers a function here
(kind -> options_for(couple, user, form) -> dict of JSON-ready keyword arguments). The result is
stored with the session, so a replay starts from the same prompts, agreements or scene.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from couples.accounts.models import Couple, User

OptionsFor = Callable[[Couple, User, Mapping[str, str]], dict[str, Any]]
_BUILDERS: dict[str, OptionsFor] = {}


def register(kind: str) -> Callable[[OptionsFor], OptionsFor]:
    """Decorator: `fn` builds the start options for sessions of `kind`."""

    def wrap(fn: OptionsFor) -> OptionsFor:
        _BUILDERS[kind] = fn
        return fn

    return wrap


def options_for(kind: str, couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The start options for a new session of `kind` ({} for exercises that need none)."""
    builder = _BUILDERS.get(kind)
    return builder(couple, user, form) if builder else {}
