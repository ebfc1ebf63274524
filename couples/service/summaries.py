"""How a session reads in a list (the room's latest, the history, the room's live lead): which exercise, what
it is about (its scene, agreement or listening topic, as both partners saw it), when, and how it stands:
in progress, finished, or ended early.

Read from the log's rows, never from a fold: a session a deleted partner took part in keeps its rows (their
words emptied) but may no longer replay, and its line must still read well. Two queries for a whole list.

A session finished when the act that ended it was its exercise's last step; it ended early when a partner
ended it (its last event is `ended`) or when it was closed without a last act (the couple ended while it
was live: its `finished_at` is not its last event's moment, as the act that finishes a session writes both).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, tuple_

from couples import log
from couples.extensions import db
from couples.service.kinds import SUBJECTS
from exercises import KINDS

LIVE, FINISHED, ENDED_EARLY = "live", "finished", "ended_early"


@dataclass(frozen=True)
class Summary:
    """One session as a list shows it. `subject` is None for exercises about no one thing (a check-in)."""

    id: int
    kind: str
    title: str  # the exercise's own: "Conflict scripts"
    subject: str | None  # "The dishes, again"
    status: str  # LIVE, FINISHED or ENDED_EARLY
    started_at: datetime  # naive UTC
    started_by_id: int

    @property
    def name(self) -> str:
        """"Conflict scripts: The dishes, again", or the title alone."""
        return f"{self.title}: {self.subject}" if self.subject else self.title

    @property
    def is_live(self) -> bool:
        return self.status == LIVE


def summarize(sessions: Sequence[log.ExerciseSession]) -> list[Summary]:
    """`sessions` as lists show them, in the same order."""
    said = _first_said(sessions)
    last = _last_events(sessions)
    return [Summary(s.id, s.kind, KINDS[s.kind].TITLE, subject_of(s.kind, s.options or {}, said.get(s.id, {})),
                    _status(s, last.get(s.id)), s.started_at, s.started_by_id) for s in sessions]


def subject_of(kind: str, options: Mapping[str, Any], said: Mapping[str, Any]) -> str | None:
    """What a session of `kind` is about: from its start `options`, else from `said` (the data of the first
    domain event that names it); None when it has none, or its words were emptied."""
    where = SUBJECTS.get(kind)
    if where is None:
        return None
    value: Any = options
    for step in where.path:
        value = value.get(step) if isinstance(value, Mapping) else None
    if not (isinstance(value, str) and value.strip()):
        value = said.get(where.key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _status(session: log.ExerciseSession, last: tuple[datetime, list[dict[str, Any]]] | None) -> str:
    if session.finished_at is None:
        return LIVE
    if last is None:
        return ENDED_EARLY
    at, outcome = last
    ended = any(event.get("name") == "ended" for event in outcome or [])
    return ENDED_EARLY if ended or at != session.finished_at else FINISHED


def _last_events(sessions: Sequence[log.ExerciseSession]) -> dict[int, tuple[datetime, list[dict[str, Any]]]]:
    """{session id: (its last event's moment, its domain events)} for the finished ones that have events."""
    keys = [(s.id, s.last_seq) for s in sessions if s.finished_at is not None and s.last_seq]
    if not keys:
        return {}
    event = log.SessionEvent
    rows = db.session.execute(select(event.session_id, event.created_at, event.outcome)
                              .where(tuple_(event.session_id, event.seq).in_(keys)))
    return {session_id: (at, outcome) for session_id, at, outcome in rows}


def _first_said(sessions: Sequence[log.ExerciseSession]) -> dict[int, dict[str, Any]]:
    """{session id: the data of its first domain event that names its subject}, for kinds that name it so."""
    wanted = {s.id: SUBJECTS[s.kind] for s in sessions if s.kind in SUBJECTS and SUBJECTS[s.kind].event}
    if not wanted:
        return {}
    actions = {subject.action for subject in wanted.values()}
    event = log.SessionEvent
    rows = db.session.execute(select(event.session_id, event.outcome)
                              .where(event.session_id.in_(list(wanted)), event.action.in_(actions))
                              .order_by(event.session_id, event.seq))
    found: dict[int, dict[str, Any]] = {}
    for session_id, outcome in rows:
        if session_id in found:
            continue
        data = next((e.get("data") or {} for e in outcome or [] if e.get("name") == wanted[session_id].event), None)
        if data is not None:
            found[session_id] = data
    return found
