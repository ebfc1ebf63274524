"""Deleting an account, in one transaction.

The person's account, their private rows and their sign-in bookkeeping are removed; in what they did
with a partner, a stand-in account (no email anyone can use, no name, no password, never able to sign
in: `User.former`) takes their place, and their words and private coaching are removed from the
shared log (couples/log/erasure.py). If they were in a couple, it ends first (couples/ownership/leaving.py).
What goes where is one table, couples/ownership/fates.py.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from werkzeug.security import generate_password_hash

from couples import log
from couples.accounts import User, couples_of, members_of
from couples.extensions import db
from couples.ownership.fates import ID_LISTS, SHARED, fate_of, person_columns
from couples.ownership.leaving import close, room_closed

STAND_IN_NAME = "Your former partner"


def erase(user: User, now: datetime) -> int | None:
    """Delete `user`'s account as one unit of work (committed, or rolled back whole on any error).

    Their couple, if any, ends first, and its open pages are told (`room_closed`) once it is done.
    Returns the stand-in's id, or None when nothing shared named them (no stand-in was needed).
    """
    person_id = user.id
    closing = user.couple.id if user.couple is not None and user.couple.is_complete else None
    try:
        couple_ids = [couple_id for couple_id, _ended in couples_of(person_id)]
        if user.couple is not None:
            close(user.couple, now)
        stand_in_id = _stand_in(now) if couple_ids or _named_in_shared_rows(person_id) else None
        if stand_in_id is not None:
            log.anonymise(couple_ids, person_id, stand_in_id)
        for table, column in person_columns():
            if fate_of(table, column) == SHARED and stand_in_id is not None:
                db.session.execute(update(table).where(column == person_id).values({column.name: stand_in_id}))
            elif fate_of(table, column) != SHARED:
                db.session.execute(delete(table).where(column == person_id))
        if stand_in_id is not None:
            for name in ID_LISTS:
                _rename_in_lists(name, str(person_id), str(stand_in_id))
        db.session.execute(delete(User).where(User.id == person_id))
        named = {stand_in_id} if stand_in_id is not None else set()
        for couple_id in couple_ids:
            if not _anyone_left(couple_id):
                named |= _forget_couple(couple_id)  # both partners gone: nobody can read it any more
        _drop_unused_stand_ins(named)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    if closing is not None:
        room_closed(closing)
    _fold_write_ahead_log()
    return stand_in_id


def _anyone_left(couple_id: int) -> bool:
    """Whether someone with an account (not a stand-in) is or was in `couple_id`."""
    return db.session.scalar(select(User.id).where(User.id.in_(members_of(couple_id)), User.former.is_(False))
                             .limit(1)) is not None


def _forget_couple(couple_id: int) -> set[int]:
    """Delete every row that belongs to `couple_id`, found through the schema's foreign keys (a session's
    events through its session, an agreement's versions through its agreement...), children first.
    Returns the ids of the people those rows named (SHARED columns): stand-ins among them may now be unused."""
    couples = db.metadata.tables["couples"]
    owned: dict[str, Any] = {}
    for table in db.metadata.sorted_tables:  # parents before children
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent is couples:
                owned[table.name] = fk.parent == couple_id
            elif parent.name in owned and table.name not in owned:
                owned[table.name] = fk.parent.in_(select(fk.column).where(owned[parent.name]))
    named: set[int] = set()
    for table, column in person_columns():
        if table.name in owned and fate_of(table, column) == SHARED:
            named |= {person for person in db.session.scalars(select(column).where(owned[table.name]).distinct())
                      if person is not None}
    for table in reversed(db.metadata.sorted_tables):
        if table.name in owned:
            db.session.execute(delete(table).where(owned[table.name]))
    db.session.execute(delete(couples).where(couples.c.id == couple_id))
    return named


def _drop_unused_stand_ins(candidates: set[int]) -> None:
    """Delete the stand-ins among `candidates` that no row names any more (their couple forgotten). Only
    these are looked at: every stand-in ever made would cost each deletion more than the one before."""
    if not candidates:
        return
    for stand_in in db.session.scalars(select(User.id).where(User.id.in_(candidates), User.former.is_(True))).all():
        if not _named_in_shared_rows(stand_in):
            db.session.execute(delete(User).where(User.id == stand_in))


def _fold_write_ahead_log() -> None:
    """On SQLite, fold the write-ahead log into the database now, so deleted words do not linger in the
    -wal file until the next automatic checkpoint (SQLite's secure_delete then overwrites them)."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _stand_in(now: datetime) -> int:
    """A new stand-in account: no email anyone can use, no name of a person, a password nobody knows."""
    stand_in = User(email=f"former-{secrets.token_hex(12)}@hearth.invalid", display_name=STAND_IN_NAME,
                    password_hash=generate_password_hash(secrets.token_urlsafe(32)), former=True, created_at=now)
    db.session.add(stand_in)
    db.session.flush()
    return stand_in.id


def _named_in_shared_rows(person_id: int) -> bool:
    """Whether any row other people keep (a SHARED column) names `person_id`."""
    return any(db.session.scalar(select(column).where(column == person_id).limit(1)) is not None
               for table, column in person_columns() if fate_of(table, column) == SHARED)


def _rename_in_lists(qualified: str, old: str, new: str) -> None:
    table_name, column_name = qualified.split(".")
    table = db.metadata.tables[table_name]
    column, key = table.c[column_name], list(table.primary_key.columns)[0]
    for row_id, ids in db.session.execute(select(key, column).where(column.contains(old))):
        parts = (ids or "").split(",")
        if old in parts:
            db.session.execute(update(table).where(key == row_id)
                               .values({column_name: ",".join(new if p == old else p for p in parts)}))
