"""Which exercises exist, by the `kind` name the server and pages use."""

from __future__ import annotations

from types import MappingProxyType, ModuleType

from exercises import appreciation
from exercises import boundary, review
from exercises import listening
from exercises import checkin
from exercises import rehearsal

KINDS: MappingProxyType[str, ModuleType] = MappingProxyType({
    appreciation.KIND: appreciation,
    boundary.KIND: boundary,
    review.KIND: review,
    listening.KIND: listening,
    checkin.KIND: checkin,
    rehearsal.KIND: rehearsal,
})


def exercise(kind: str) -> ModuleType:
    """The module for `kind`; KeyError when there is none."""
    return KINDS[kind]
