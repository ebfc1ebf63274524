"""What a page may send with each action: the kind of every field, declared as data beside each exercise's table.

An exercise reads its fields in `apply`; its FIELDS table says the same to the server, which builds one payload
schema per action from it (couples/live/payloads.py): a field the action doesn't declare is refused, and so is a
value of another kind, before the exercise sees the action. The exercise still judges what a value means
(empty, too long, out of range, out of turn), with its own kind sentences.

  Text()         free words; the server hands them on cleaned (NFC, printable: couples/text.py)
  Whole()        a whole number from `low` to `high` (never true or false, never digits in a string)
  Choice(...)    one of a few words
  PartnerId()    one of the partners, by user id as the page writes it: "12"
  Moves(...)     an action that carries a nested exercise's action: {"move": <its name>, ...its own fields}
A field is required unless declared `required=False`; an optional field may be left out or be null.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeAlias

ROW_ID_MAX = 2**31 - 1  # the largest number every database's INTEGER holds (PostgreSQL's is 32-bit): ids, versions


@dataclass(frozen=True)
class Text:
    """Free words."""

    required: bool = True


@dataclass(frozen=True)
class Whole:
    """A whole number from `low` to `high`; the exercise judges the range that makes sense (a rating's 1-10)."""

    low: int = 0
    high: int = ROW_ID_MAX
    required: bool = True


@dataclass(frozen=True)
class Choice:
    """One of `options`."""

    options: tuple[str, ...]
    required: bool = True


@dataclass(frozen=True)
class PartnerId:
    """A partner, by user id as text ("12"), as a page names a person."""

    required: bool = True


Kind: TypeAlias = Text | Whole | Choice | PartnerId
Fields: TypeAlias = Mapping[str, Kind]


@dataclass(frozen=True)
class Moves:
    """The fields of an action that carries another exercise's actions: `key` names one of `actions`, whose own
    fields ride beside it (the check-in's `listen` carries a listening turn's move)."""

    actions: Mapping[str, Fields]
    key: str = "move"


Declared: TypeAlias = Fields | Moves  # what one action carries
NONE: Fields = MappingProxyType({})  # an action that carries nothing


def fields_table(declared: Mapping[str, Declared]) -> Mapping[str, Declared]:
    """A read-only copy of an exercise's FIELDS table."""
    return MappingProxyType({action: _frozen(fields) for action, fields in declared.items()})


def _frozen(fields: Declared) -> Declared:
    if isinstance(fields, Moves):
        return Moves(MappingProxyType({move: MappingProxyType(dict(own)) for move, own in fields.actions.items()}),
                     fields.key)
    return MappingProxyType(dict(fields))
