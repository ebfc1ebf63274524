"""Leaving a couple: the room closes for both, each keeps what they wrote, either may pair again."""

from __future__ import annotations

from datetime import datetime

from couples import log, personal
from couples.accounts import Couple, end_couple
from couples.extensions import db, socketio
from couples.live import couple_room


def leave(couple: Couple, now: datetime) -> list[int]:
    """End `couple` at `now` as one unit of work (committed): its live sessions stop where they stand, its
    memberships become past ones (couples.accounts.end_couple), a reflection either shared becomes theirs
    alone again, and both partners' open pages are told (`room_closed`, to the couple's room). Returns the
    ids of the two people. Raises IntegrityError when the couple was ended meanwhile (a second tap, or
    both partners at once): nothing of this call is kept.
    """
    log.close_live_sessions(couple.id, now)
    people = end_couple(couple, now)
    personal.stop_sharing(people)  # a reflection shared with this partner must not follow anyone to the next
    db.session.commit()
    socketio.emit("room_closed", {}, to=couple_room(couple.id))
    return people
