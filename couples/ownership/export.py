"""Everything a person can see in Hearth, as one document they can take with them (docs/export.md).

The shape (SCHEMA, version EXPORT_VERSION):
  {"schema": "hearth-export", "version": 1, "exported_at": ISO 8601 UTC,
   "you": {"display_name", "email", "joined": ISO},
   "couples": [{"ended": bool, "partner": name as you know them,
                "sessions": [{"id", "kind", "title", "started_at", "finished_at", "lines": [line...]}],
                "agreements": [{"id", "status", "created_at", "next_review", "review_every_weeks",
                                "versions": [{"number", "need", "why", "consequence", "accepted_at", "written_by"}]}]}],
   "yours_alone": {table name: [row as {column: value}]}}
A line is a couples.history.Line (JSON: its `to_dict()`, which `to_json` applies): what the session
showed you, with the coach's notes to you.
The partner's private rows (their space, their safety answers, their coaching) are never in it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import json
from functools import cached_property

import orjson
from sqlalchemy import Text, cast, select

from couples import log, personal, scenes
from couples.accounts import User, couples_of, members_of
from couples.agreements import Agreement
from couples.extensions import db
from couples.history import FORMER, Line, people_of, reader_for, transcript
from couples.ownership.fates import PRIVATE, fate_of, person_columns
from exercises import KINDS

SCHEMA, EXPORT_VERSION = "hearth-export", 1


def readable_for(user: User) -> dict[str, Any]:
    """What the readable page shows of the person's own things, in words (not the JSON's raw rows):
    {"own_space": personal.readable_copy(...), "solo": scenes.solo_copy(...)}."""
    return {"own_space": personal.readable_copy(user.id), "solo": scenes.solo_copy(user.id)}


def export_for(user: User, now: datetime) -> dict[str, Any]:
    """The export document of `user` (see the module docstring); JSON-ready."""
    return {"schema": SCHEMA, "version": EXPORT_VERSION, "exported_at": _iso(now),
            "you": {"display_name": user.display_name, "email": user.email, "joined": _iso(user.created_at)},
            "couples": [_couple(user, couple_id, ended) for couple_id, ended in couples_of(user.id)],
            "yours_alone": _private_rows(user.id)}


def to_json(document: dict[str, Any]) -> str:
    """The export document as compact JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_plain_line)


def _plain_line(value: Any) -> dict[str, Any]:
    if isinstance(value, Line):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} is not part of an export")


def _couple(user: User, couple_id: int, ended: bool) -> dict[str, Any]:
    sessions = list(db.session.scalars(select(log.ExerciseSession).where(log.ExerciseSession.couple_id == couple_id)
                                       .order_by(log.ExerciseSession.started_at, log.ExerciseSession.id)))
    rows_by_session: dict[int, list[Any]] = {s.id: [] for s in sessions}
    events = log.SessionEvent
    # Plain rows, not ORM objects (five years of weekly check-ins are several thousand events), and each
    # action's fields left as text until a line needs them: most lines read only the shared outcome.
    query = (select(events.session_id, events.seq, events.actor_id, cast(events.fields, Text).label("fields_json"),
                    events.outcome, events.created_at)
             .where(events.session_id.in_(list(rows_by_session) or [-1]))
             .order_by(events.session_id, events.seq))
    for row in db.session.execute(query):
        rows_by_session[row.session_id].append(_Row(row))
    people = people_of(sessions)
    others = [person for person in members_of(couple_id) if person != user.id]
    partner_row = db.session.get(User, others[0]) if others else None
    partner = (partner_row.display_name if partner_row is not None and not ended and not partner_row.former
               else FORMER)
    out_sessions = []
    for session in sessions:
        reader = reader_for(session, user, ended, people)
        out_sessions.append({"id": session.id, "kind": session.kind, "title": KINDS[session.kind].TITLE,
                             "started_at": _iso(session.started_at), "finished_at": _iso(session.finished_at),
                             "lines": transcript(rows_by_session[session.id], reader)})
    agreements = list(db.session.scalars(select(Agreement).where(Agreement.couple_id == couple_id)
                                         .order_by(Agreement.created_at, Agreement.id)))
    return {"ended": ended, "partner": partner, "sessions": out_sessions,
            "agreements": [_agreement(a, user.id) for a in agreements]}


class _Row:
    """An event row whose `fields` are decoded from JSON only when first read."""

    def __init__(self, row: Any) -> None:
        self.seq, self.actor_id, self.outcome, self.created_at = row.seq, row.actor_id, row.outcome, row.created_at
        self._fields_json = row.fields_json

    @cached_property
    def fields(self) -> dict[str, Any]:
        return orjson.loads(self._fields_json) if self._fields_json else {}  # the engine's own codec


def _agreement(agreement: Agreement, me: int) -> dict[str, Any]:
    return {"id": agreement.id, "status": agreement.status, "created_at": _iso(agreement.created_at),
            "next_review": _iso(agreement.next_review), "review_every_weeks": agreement.review_every_weeks,
            "versions": [{"number": v.number, "need": v.need, "why": v.why, "consequence": v.consequence,
                          "accepted_at": _iso(v.accepted_at),
                          "written_by": "you" if v.author_id == me else "partner"} for v in agreement.versions]}


def _private_rows(user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of the person's own tables (fates PRIVATE), column by column, oldest first."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, column in person_columns():
        if fate_of(table, column) != PRIVATE:
            continue
        rows = db.session.execute(select(table).where(column == user_id)
                                  .order_by(*table.primary_key.columns)).mappings()
        out[table.name] = [{key: _plain(value) for key, value in row.items() if key != column.name} for row in rows]
    return out


def _plain(value: Any) -> Any:
    return _iso(value) if isinstance(value, (date, datetime)) else value


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return value.isoformat()
