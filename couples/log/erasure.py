"""The log's part when a couple ends or a person deletes their account.

A couple that ends closes its live sessions where they stand (no outcome is settled: nobody finished
them). A deleted person's part of a shared session is anonymised in place: every mention of their id
(the session's partners, each event's actor, ids inside the stored options, fields and domain events)
becomes the id of a stand-in account with no name, email or sign-in, so the fold still holds together;
the words they wrote and the coaching they alone saw are removed, and so is what a partner's private
paraphrase feedback echoed of them (the words a reflection "missed" or "caught").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from couples.extensions import db
from couples.log.models import ExerciseSession, SessionEvent

# Keys under which a person's own words are kept, in an action's fields and in its domain events.
WORD_KEYS = frozenset({"text", "mood", "topic", "why", "need", "consequence", "reply"})
# What only the author saw: the server's coaching on their words.
COACHING_KEYS = frozenset({"coach", "listening"})
ECHO_KEYS = frozenset({"missing", "overlap"})  # paraphrase feedback: words of the statement being reflected


def close_live_sessions(couple_id: int, now: datetime) -> int:
    """End every live session of `couple_id` where it stands (its live slot frees); how many there were."""
    result = db.session.execute(update(ExerciseSession)
                                .where(ExerciseSession.couple_id == couple_id, ExerciseSession.finished_at.is_(None))
                                .values(finished_at=now, live_key=None))
    return int(getattr(result, "rowcount", 0) or 0)


def anonymise(couple_ids: list[int], person_id: int, stand_in_id: int) -> int:
    """Replace `person_id` by `stand_in_id` in the sessions of `couple_ids` and remove their words and
    coaching (see the module docstring); how many sessions were touched. Nothing is committed.
    """
    old, new = str(person_id), str(stand_in_id)
    sessions = list(db.session.scalars(select(ExerciseSession).where(ExerciseSession.couple_id.in_(couple_ids))))
    touched = 0
    for session in sessions:
        if old not in session.partners:
            continue
        touched += 1
        session.partner_ids = ",".join(new if p == old else p for p in session.partners)
        session.options = _renamed(session.options or {}, old, new)
        if session.started_by_id == person_id:
            session.started_by_id = stand_in_id
        events = db.session.scalars(select(SessionEvent).where(SessionEvent.session_id == session.id))
        for event in events:
            theirs = event.actor_id == person_id
            fields = _without_words(event.fields, coaching=True) if theirs else _without_echo(event.fields)
            event.fields = _renamed(fields, old, new)
            event.outcome = [_renamed({**item, "data": _without_words(item.get("data") or {}, coaching=False)}
                                      if str(item.get("actor")) == old else item, old, new)
                             for item in event.outcome or []]
            if theirs:
                event.actor_id = stand_in_id
    db.session.flush()
    return touched


def _without_words(values: dict[str, Any], coaching: bool) -> dict[str, Any]:
    """`values` with a person's words emptied (and, with `coaching`, the coaching they alone saw dropped)."""
    kept = {}
    for key, value in values.items():
        if coaching and key in COACHING_KEYS:
            continue
        kept[key] = "" if key in WORD_KEYS and isinstance(value, str) else value
    return kept


def _without_echo(fields: dict[str, Any]) -> dict[str, Any]:
    """A partner's fields without the words their paraphrase feedback echoed of the person who left."""
    listening = fields.get("listening")
    if not isinstance(listening, dict):
        return fields
    return {**fields, "listening": {k: ([] if k in ECHO_KEYS and isinstance(v, list) else v)
                                    for k, v in listening.items()}}


def _renamed(value: Any, old: str, new: str, key: str | None = None) -> Any:
    """`value` with every string `old` (as a key or an id value, never inside someone's words) read as `new`."""
    if isinstance(value, dict):
        return {(new if k == old else k): _renamed(v, old, new, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, old, new, key) for v in value]
    if isinstance(value, str) and value == old and key not in WORD_KEYS:
        return new
    return value
