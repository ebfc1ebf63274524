"""Which exercises exist, by the `kind` name the server and pages use."""

from __future__ import annotations

from types import MappingProxyType, ModuleType

from exercises import appreciation, checkin, listening, rehearsal
from exercises.boundary import agreement_review, talk

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
