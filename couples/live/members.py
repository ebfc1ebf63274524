"""Who each open socket belongs to, kept in this process from `connect` to `disconnect`.

A socket is opened by a signed-in partner of a complete couple, and a complete couple never changes
its members, so the (user, couple) found at connect stays true for the socket's life. Keeping it
here spares every later event of that socket a user load and a membership query: the room's busiest
handlers (`act`, `still_here`) then touch the database only to do their work.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import request
from flask_login import current_user

from exercises import IllegalMove

_members: dict[str, Member] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class Member:
    """The partner holding a socket, and their couple."""

    user_id: int
    couple_id: int

    @property
    def actor(self) -> str:
        """The partner as the exercises name them."""
        return str(self.user_id)


def remember(sid: str, user_id: int, couple_id: int) -> Member:
    """Record who opened socket `sid` (called by the `connect` handler once it has let them in)."""
    member = Member(user_id, couple_id)
    with _guard:
        _members[sid] = member
    return member


def forget(sid: str) -> Member | None:
    """Drop a closed socket; who held it, if it was let in."""
    with _guard:
        return _members.pop(sid, None)


def socket_id() -> str:
    """The id of the socket whose event is being handled."""
    return request.sid  # type: ignore[attr-defined]  # Flask-SocketIO sets it on each event's request


def current_member() -> Member:
    """The partner behind the socket of the event being handled.

    Falls back to the signed-in user for a socket this process never saw connect (it cannot happen
    with a real server; it keeps handlers correct if it ever does).
    """
    member = _members.get(socket_id())
    if member is not None:
        return member
    membership = current_user.membership if current_user.is_authenticated else None
    if membership is None:
        raise IllegalMove("Please sign in again to carry on.", "not_signed_in")
    return remember(socket_id(), current_user.id, membership.couple_id)


def count() -> int:
    """Open sockets this process holds."""
    return len(_members)
