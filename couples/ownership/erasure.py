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

from sqlalchemy import delete, select, update
from werkzeug.security import generate_password_hash

from couples import log
from couples.accounts import User, couples_of, end_couple
from couples.extensions import db
from couples.ownership.fates import ID_LISTS, SHARED, fate_of, person_columns

STAND_IN_NAME = "Your former partner"


def erase(user: User, now: datetime) -> int:
    """Delete `user`'s account as one unit of work (committed, or rolled back whole on any error).

    Returns the stand-in's id. Their couple, if any, ends first; its room is then closed for the partner.
    """
    person_id = user.id
    try:
        couple_ids = [couple_id for couple_id, _ended in couples_of(person_id)]
        if user.couple is not None:
            log.close_live_sessions(user.couple.id, now)
            end_couple(user.couple, now)
        stand_in = User(email=f"former-{secrets.token_hex(12)}@hearth.invalid", display_name=STAND_IN_NAME,
                        password_hash=generate_password_hash(secrets.token_urlsafe(32)), former=True,
                        created_at=now)
        db.session.add(stand_in)
        db.session.flush()
        log.anonymise(couple_ids, person_id, stand_in.id)
        for table, column in person_columns():
            if fate_of(table, column) == SHARED:
                db.session.execute(update(table).where(column == person_id).values({column.name: stand_in.id}))
            else:
                db.session.execute(delete(table).where(column == person_id))
        for name in ID_LISTS:
            _rename_in_lists(name, str(person_id), str(stand_in.id))
        db.session.execute(delete(User).where(User.id == person_id))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return stand_in.id


def _rename_in_lists(qualified: str, old: str, new: str) -> None:
    table_name, column_name = qualified.split(".")
    table = db.metadata.tables[table_name]
    column, key = table.c[column_name], list(table.primary_key.columns)[0]
    for row_id, ids in db.session.execute(select(key, column).where(column.contains(old))):
        parts = (ids or "").split(",")
        if old in parts:
            db.session.execute(update(table).where(key == row_id)
                               .values({column_name: ",".join(new if p == old else p for p in parts)}))
