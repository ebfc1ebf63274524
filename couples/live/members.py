"""Who each open socket belongs to, kept in this process from `connect` to `disconnect`.

A socket is opened by a signed-in partner of a complete couple, and a complete couple never changes
its members, so the (user, couple) found at connect stays true for the socket's life. Keeping it
here spares every later event of that socket a user load and a membership query: the room's busiest
handlers (`act`, `still_here`) then touch the database only to do their work.

The sign-in that opened the socket can end while it is open (signing out, elsewhere too). Its sockets are
then closed on every worker (connection.sign_ins_ended). In case that message is lost, every event also
checks that the sign-in is still live (`current_member`), reading it again at most every couple of seconds;
a connect reads it afresh, after recording the socket, so a sign-out racing the connect is never missed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import current_app, request
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


def holder(sid: str) -> Member | None:
    """Who opened socket `sid`, as recorded at connect (None for a socket this process never let in); their
    sign-in is not read again here (`current_member` does that)."""
    return _members.get(sid)


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


def still_signed_in(sign_in_id: int | None, fresh: bool = False) -> bool:
    """Whether sign-in `sign_in_id` is live. A sign-in read as live counts as live in this process for the
    next `HEARTH_SIGN_IN_RECHECK_SECONDS` (2 s by default) without another read, unless `fresh`; ending it
    here forgets that at once (`ended`), and on another worker its sockets are closed through the message
    queue, so the wait only matters when that message is lost. A read is one primary-key select on a
    connection of its own, handed back at once (through db.session it would open a transaction that holds a
    pooled connection across the coach's parse and the wait for broadcast order; at 500 couples the pool ran
    dry). Every socket event asks, so this read was 7 % of the server's time at 500 couples on SQLite and
    12 % on PostgreSQL (py-spy, bench/realtime.py, docs/performance.md)."""
    if sign_in_id is None:
        return False
    now = time.monotonic()
    if not fresh and _live_until.get(sign_in_id, 0.0) > now:
        return True
    with db.engine.connect() as connection:
        live = connection.scalar(_LIVE, {"id": sign_in_id}) is not None
    if live:
        if len(_live_until) >= _LIVE_KEPT:  # forget the lapsed ones; a busy process keeps a few thousand
            for known in [k for k, until in list(_live_until.items()) if until <= now]:
                _live_until.pop(known, None)
        _live_until[sign_in_id] = now + current_app.config["HEARTH_SIGN_IN_RECHECK_SECONDS"]
    else:
        _live_until.pop(sign_in_id, None)
    return live


def ended(sign_in_ids: list[int]) -> None:
    """Forget that these sign-ins were live (they have just ended): their sockets' next events read again."""
    for sign_in_id in sign_in_ids:
        _live_until.pop(sign_in_id, None)


_live_until: dict[int, float] = {}  # sign-in id -> monotonic time until which it counts as live unread
_LIVE_KEPT = 4096
# Built once: a statement made per call cost a third of the check in building and keying it for the cache.
_LIVE = select(SignIn.id).where(SignIn.id == bindparam("id"), SignIn.ended_at.is_(None))


def count() -> int:
    """Open sockets this process holds."""
    return len(_members)
