"""Leaving a couple: the room closes for both, each keeps what they wrote, either may pair again."""

from __future__ import annotations

from datetime import datetime

from couples import log, personal
from couples.accounts import Couple, end_couple
from couples.extensions import db, socketio
from couples.live import couple_room


def leave(couple: Couple, now: datetime) -> list[int]:
    """End `couple` at `now` as one unit of work (committed), then tell both partners' open pages
    (`room_closed`, to the couple's room). Returns the ids of the two people. Raises IntegrityError when
    the couple was ended meanwhile (a second tap, or both partners at once): nothing of this call is kept.
    """
    people = close(couple, now)
    db.session.commit()
    room_closed(couple.id)
    return people


def close(couple: Couple, now: datetime) -> list[int]:
    """End `couple` at `now` in the caller's transaction (nothing committed, nobody told): its live sessions
    stop where they stand, its memberships become past ones (couples.accounts.end_couple), and a reflection
    either partner shared becomes theirs alone again. Returns the ids of the people who were in it."""
    log.close_live_sessions(couple.id, now)
    people = end_couple(couple, now)
    personal.stop_sharing(people)  # a reflection shared with this partner must not follow anyone to the next
    return people


def room_closed(couple_id: int) -> None:
    """Tell every open page of the couple that its room has closed (after the commit that closed it)."""
    socketio.emit("room_closed", {}, to=couple_room(couple_id))
