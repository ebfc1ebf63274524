"""Who each open socket belongs to, kept in this process from `connect` to `disconnect`.

A socket is opened by a signed-in partner of a complete couple, and a complete couple never changes
its members, so the (user, couple) found at connect stays true for the socket's life. Keeping it
here spares every later event of that socket a user load and a membership query: the room's busiest
handlers (`act`, `still_here`) then touch the database only to do their work.

The sign-in that opened the socket can end while it is open (signing out, elsewhere too). Its sockets are
then closed on every worker (connection.sign_ins_ended); in case that message is lost or races a connect,
every event also checks, with one primary-key read, that the sign-in is still live (`current_member`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import request
from flask_login import current_user
from sqlalchemy import bindparam, select

from couples.accounts import SignIn
from couples.extensions import db
from exercises import IllegalMove

SIGNED_OUT = "You've been signed out. Please sign in again to carry on."

_members: dict[str, Member] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class Member:
    """The partner holding a socket, their couple, and the sign-in whose cookie opened it."""

    user_id: int
    couple_id: int
    sign_in_id: int | None = None

    @property
    def actor(self) -> str:
        """The partner as the exercises name them."""
        return str(self.user_id)


def remember(sid: str, user_id: int, couple_id: int, sign_in_id: int | None) -> Member:
    """Record who opened socket `sid` (called by the `connect` handler once it has let them in)."""
    member = Member(user_id, couple_id, sign_in_id)
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
    """The partner behind the socket of the event being handled, while the sign-in that opened it lasts.

    IllegalMove "not_signed_in" once that sign-in has ended. Falls back to the signed-in user for a socket
    this process never saw connect (it cannot happen with a real server; it keeps handlers correct if it
    ever does).
    """
    member = _members.get(socket_id())
    if member is None:
        membership = current_user.membership if current_user.is_authenticated else None
        if membership is None:
            raise IllegalMove(SIGNED_OUT, "not_signed_in")
        member = remember(socket_id(), current_user.id, membership.couple_id, current_user.sign_in_id)
    if not still_signed_in(member.sign_in_id):
        raise IllegalMove(SIGNED_OUT, "not_signed_in")
    return member


def still_signed_in(sign_in_id: int | None) -> bool:
    """Whether sign-in `sign_in_id` is live: one primary-key read, once per socket event however many times
    the handler asks (the answer is kept on the event's own request object, which Flask-SocketIO makes
    afresh for every event)."""
    if sign_in_id is None:
        return False
    event = request._get_current_object()  # type: ignore[attr-defined]  # a LocalProxy; its stubs say Request
    known = getattr(event, _KEPT, None)
    if known is None or known[0] != sign_in_id:
        # On a connection of its own, handed back at once: through db.session the read would open a
        # transaction that holds a pooled connection for the rest of the handler, across the coach's parse
        # and the wait for the session's broadcast order; under load (500 couples) the pool ran dry.
        with db.engine.connect() as connection:
            live = connection.scalar(_LIVE, {"id": sign_in_id})
        known = (sign_in_id, live is not None)
        setattr(event, _KEPT, known)
    return bool(known[1])


_KEPT = "hearth_live_sign_in"
# Built once: a statement made per call cost a third of the check in building and keying it for the cache.
_LIVE = select(SignIn.id).where(SignIn.id == bindparam("id"), SignIn.ended_at.is_(None))


def count() -> int:
    """Open sockets this process holds."""
    return len(_members)
