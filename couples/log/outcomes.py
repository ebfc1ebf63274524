"""What a finished session leaves behind outside its log (an agreement, a saved summary...).

An exercise kind registers `settle(session, state)`; it runs inside the transaction that appends the
session's final event, so the outcome is written together with that event or not at all. It must only
add or change rows through `db.session`, never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from couples.accounts.models import ExerciseSession

Settle = Callable[[ExerciseSession, Any], None]
_SETTLERS: dict[str, Settle] = {}


def register(kind: str) -> Callable[[Settle], Settle]:
    """Decorator: `fn` settles finished sessions of `kind`."""

    def wrap(fn: Settle) -> Settle:
        _SETTLERS[kind] = fn
        return fn

    return wrap


def settle(session: ExerciseSession, state: Any) -> None:
    """Write what a finished session leaves behind, if its kind leaves anything."""
    settler = _SETTLERS.get(session.kind)
    if settler is not None:
        settler(session, state)


def settler_for(kind: str) -> Settle | None:
    """`settle` for sessions of `kind` if that kind leaves anything behind, else None (nothing to load)."""
    return settle if kind in _SETTLERS else None
