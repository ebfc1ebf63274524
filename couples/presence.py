"""Who is in the room right now, kept in the database so every server process sees the same answer.

Each open socket is a row, refreshed by the page's `still_here` beat. A row not refreshed within the
timeout is stale: its process may have died without saying goodbye, so it no longer counts.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from couples.extensions import db
from couples.models import Presence, utcnow


def arrive(sid: str, user_id: int, couple_id: int) -> None:
    """Record an open socket of a member."""
    db.session.merge(Presence(sid=sid, user_id=user_id, couple_id=couple_id, seen_at=utcnow()))
    db.session.commit()


def touch(sid: str, user_id: int, couple_id: int) -> None:
    """Refresh a socket's row (re-creating it if a cleanup removed it)."""
    arrive(sid, user_id, couple_id)


def leave(sid: str) -> None:
    """Forget a closed socket."""
    db.session.execute(delete(Presence).where(Presence.sid == sid))
    db.session.commit()


def online(couple_id: int) -> list[str]:
    """Ids (as strings) of the couple's members with a live socket, sorted."""
    since = utcnow() - timedelta(seconds=current_app.config["PRESENCE_TIMEOUT_SECONDS"])
    query = select(Presence.user_id).where(Presence.couple_id == couple_id, Presence.seen_at >= since).distinct()
    return sorted(str(user_id) for user_id in db.session.scalars(query))


def sweep() -> int:
    """Remove stale rows; returns how many went."""
    since = utcnow() - timedelta(seconds=current_app.config["PRESENCE_TIMEOUT_SECONDS"])
    result = db.session.execute(delete(Presence).where(Presence.seen_at < since))
    db.session.commit()
    return result.rowcount
