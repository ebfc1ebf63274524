"""Leaving a couple: the room closes for both, each keeps what they wrote, either may pair again."""

from __future__ import annotations

from datetime import datetime

from couples import log
from couples.accounts import Couple, end_couple
from couples.extensions import db, socketio
from couples.live import couple_room


def leave(couple: Couple, now: datetime) -> list[int]:
    """End `couple` at `now` as one unit of work (committed): its live sessions stop where they stand, its
    memberships become past ones (couples.accounts.end_couple), and both partners' open pages are told
    (`room_closed`, to the couple's room). Returns the ids of the two people.
    """
    log.close_live_sessions(couple.id, now)
    people = end_couple(couple, now)
    db.session.commit()
    socketio.emit("room_closed", {}, to=couple_room(couple.id))
    return people
