"""Each exercise kind's server side, in literal tables: what a session of it starts with, what a finished
one leaves behind outside its log, and what it is about (its subject, for the room and history lists).

Start options are computed when a partner presses Start (`options_for(couple, user, form)` -> the
JSON-ready keyword arguments of the exercise's start()) and stored with the session, so a replay
starts from the same prompts, agreement or scene. An outcome (`settle(session, state)`) runs inside the
transaction that appends the session's final event, so it is written with that event or not at all.
A subject (`SUBJECTS`) is the scene, agreement or topic a session is about, as both partners saw it: found in
its start options, or else in the first domain event that named it (a listening topic is chosen in the
session). A kind missing from a table needs no options, leaves nothing behind, or has no subject.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from couples.accounts import Couple, User
from couples.agreements import boundary_options, review_options, settle_boundary, settle_review
from couples.checkin import checkin_options
from couples.log import ExerciseSession
from couples.scenes import rehearsal_options
from exercises import checkin, listening, rehearsal
from exercises.boundary import agreement_review, talk

OptionsFor = Callable[[Couple, User, Mapping[str, str]], dict[str, Any]]
Settle = Callable[[ExerciseSession, Any], None]

START_OPTIONS: Mapping[str, OptionsFor] = MappingProxyType({
    checkin.KIND: checkin_options,
    talk.KIND: boundary_options,
    agreement_review.KIND: review_options,
    rehearsal.KIND: rehearsal_options,
})

OUTCOMES: Mapping[str, Settle] = MappingProxyType({
    talk.KIND: settle_boundary,
    agreement_review.KIND: settle_review,
})


@dataclass(frozen=True)
class Subject:
    """Where a kind's subject is: the start options' value at `path`, else `key` in the data of the first
    domain event named `event`, made by an action named `action`."""

    path: tuple[str, ...]
    action: str | None = None
    event: str | None = None
    key: str = ""


SUBJECTS: Mapping[str, Subject] = MappingProxyType({
    rehearsal.KIND: Subject(("scene", "title")),
    agreement_review.KIND: Subject(("agreement", "title")),
    talk.KIND: Subject(("seed", "need"), action="propose", event="proposed", key="need"),
    listening.KIND: Subject(("topic",), action="choose", event="chosen", key="topic"),
})


def options_for(kind: str, couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The start options for a new session of `kind` ({} for exercises that need none)."""
    builder = START_OPTIONS.get(kind)
    return builder(couple, user, form) if builder else {}
