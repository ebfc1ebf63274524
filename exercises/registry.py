"""Which exercises exist, by the `kind` name the server and pages use, and what a page may send to each."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from exercises import appreciation, checkin, listening, rehearsal
from exercises.boundary import agreement_review, talk
from exercises.fields import Declared

KINDS: MappingProxyType[str, ModuleType] = MappingProxyType({
    appreciation.KIND: appreciation,
    talk.KIND: talk,
    agreement_review.KIND: agreement_review,
    listening.KIND: listening,
    checkin.KIND: checkin,
    rehearsal.KIND: rehearsal,
})


def exercise(kind: str) -> ModuleType:
    """The module for `kind`; KeyError when there is none."""
    return KINDS[kind]


def action_fields(kind: str) -> Mapping[str, Declared]:
    """What a page may send with each action of `kind` (its table's and the pause's): action -> declared fields.
    KeyError when there is no such kind."""
    fields: Mapping[str, Declared] = KINDS[kind].MACHINE.fields
    return fields


for _kind, _module in KINDS.items():  # every exercise a server offers says what each of its actions carries
    if _module.MACHINE.declared is None:
        raise ValueError(f"{_kind}: its Machine declares no fields (exercises/fields.py)")
