"""What partners send an exercise and what they are told back: `Action`, `Event`, `IllegalMove`.

Shared by the engine, the pause every exercise offers, and each exercise's rules; it imports nothing
of theirs, so none of them import each other in a circle.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


class IllegalMove(Exception):
    """An action the exercise does not allow now; `str(error)` is a kind sentence for the actor."""

    def __init__(self, message: str, code: str = "illegal_move") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Action:
    """What a partner asks for: a name, its fields, and when the server received it (ISO 8601)."""

    name: str
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    at: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def get(self, key: str, default: Any = None) -> Any:
        """One field of the action, or `default`."""
        return self.fields.get(key, default)


@dataclass(frozen=True)
class Event:
    """Something that happened in a session, as both partners may be told it."""

    name: str
    actor: str
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"name": self.name, "actor": self.actor, "data": dict(self.data)}


def is_blank(value: str) -> bool:
    """Whether a text holds nothing a reader could see: only spaces, or invisible format characters
    (zero-width spaces and joiners, direction marks, a byte-order mark: Unicode category Cf)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value)


def clean_text(action: Action, key: str = "text", max_chars: int = 2000, label: str = "a few words") -> str:
    """The action's text field, trimmed; IllegalMove when it is missing, empty (nothing visible) or too long."""
    value = action.get(key)
    if not isinstance(value, str) or is_blank(value):
        raise IllegalMove(f"Please write {label} first.", "empty_text")
    value = value.strip()
    if len(value) > max_chars:
        raise IllegalMove(
            f"That's a lot to hold at once. Please keep it under {max_chars:,} characters.", "too_long"
        )
    return value


def two_partners(partners: Iterable[object], sentence: str) -> tuple[str, str]:
    """The couple's two partner ids, as text; IllegalMove `needs_two` (with `sentence`) unless two different ones."""
    pair = tuple(str(p) for p in partners)
    if len(pair) != 2 or pair[0] == pair[1]:
        raise IllegalMove(sentence, "needs_two")
    return pair[0], pair[1]
