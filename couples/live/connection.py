"""A socket's life: connect (signed in and paired only), the page's beat, and disconnect; presence follows.

A page says at connect which page it is (`auth`: {"page": "room"} or {"page": "session:<id>"}, the id one of
the couple's sessions; another name is kept as nothing said), and the `presence` broadcast tells both
partners who is online and on which page, so an exercise page can say the partner is here, in the room,
elsewhere in Hearth, or gone. `auth` is read by its schema (payloads.Connect) before the cookie's sign-in: any
other shape (another key, a page that isn't clean text of at most 40 characters) refuses the socket with
NOT_UNDERSTOOD and {"code": "bad_request"}; no `auth` at all is a page that says nothing.

A socket ends with the sign-in that opened it: `sign_ins_ended` (sent by couples.accounts after the commit
that ended them) closes their sockets through the Socket.IO server, whose Redis manager hands a socket on
another worker to that worker. Any failure at connect refuses the socket with a sentence the page shows
before it tries again (static/js/live/live.js); a page is never left waiting for an answer. Opening sockets is
limited per address and per person (pacing.count_connect, couples/limits' SOCKET_LIMITS): past either, the
refusal says when the page connects again and carries {"retry_after": seconds} for it.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import session
from flask_login import current_user
from flask_socketio import join_room
from socketio.exceptions import ConnectionRefusedError  # the class flask_socketio hands on

from couples import limits
from couples.log import facts_for_couple
from couples.extensions import db, socketio
from couples.ids import row_id
from couples.live import members, pacing, payloads, presence
from couples.live.members import SIGNED_OUT, current_member, socket_id
from couples.live.replies import errors_as_replies
from couples.live.rooms import couple_room
from couples.live.whereabouts import ROOM, session_page
from exercises import IllegalMove

log = logging.getLogger(__name__)

NOT_NOW = "We couldn't open your room just now. We'll try again in a moment."
SESSION = "session:"  # a session's page name, before its id (whereabouts.session_page)


def announce_presence(couple_id: int) -> None:
    """Tell both partners' sockets who of them is online now, and on which pages:
    {"online": [user id, ...], "pages": {user id: ["room", "session:12", ...]}} (ids as strings, sorted)."""
    where = presence.whereabouts(couple_id)
    socketio.emit("presence", {"online": list(where), "pages": where}, to=couple_room(couple_id))


def on_connect(auth: Any = None) -> None:
    """Browser opens the socket, saying which page it is (`auth`, optional: payloads.Connect). Refused unless
    signed in and paired, and for an `auth` of another shape; broadcasts `presence` to the couple.

    Every refusal is a `connect_error` with a kind sentence; a fault of ours says so, and the page tries again.
    """
    try:
        couple_id = _let_in(auth)
    except ConnectionRefusedError:
        db.session.rollback()
        raise
    except Exception as error:  # never leave a page waiting at "Checking whether your partner is here"
        db.session.rollback()
        log.exception("a socket could not connect")
        raise ConnectionRefusedError(NOT_NOW) from error
    try:
        announce_presence(couple_id)
    except Exception:  # the socket is in; the pages' next beats (every 15 s) say who is here instead
        db.session.rollback()
        log.exception("presence could not be announced")


def page_said(auth: Any) -> str | None:
    """The page name a connecting socket's `auth` holds (payloads.Connect), None when it sent none; any other
    shape refuses the socket, kindly (never a fault of ours, never logged), as a payload schema refuses an event."""
    try:
        return payloads.page_said(auth)
    except payloads.BadPayload as refusal:
        raise ConnectionRefusedError(str(refusal), {"code": refusal.code}) from None


def page_named(page: str | None, couple_id: int) -> str | None:
    """The page a connecting socket says it is on (`page_said`): "room", "session:<id>" for one of the couple's
    own sessions, or None for anything else (nothing said, another couple's session, a name we don't know)."""
    if page == ROOM:
        return ROOM
    session_id = row_id(page.removeprefix(SESSION)) if page is not None and page.startswith(SESSION) else None
    if session_id is None:
        return None
    try:
        facts = facts_for_couple(session_id, couple_id, checked=True)  # a page name claims; nothing else checks it
    except IllegalMove:  # not theirs, or no such session: a stranger learns nothing, and is somewhere
        return None
    return session_page(facts.id)


def _let_in(auth: Any = None) -> int:
    """Record the socket of a signed-in partner of a complete couple, and the page it says it is on; their
    couple's id, or refused. Sockets opened too often, from one address or by one person, are refused first, and
    an `auth` of another shape than payloads.Connect before the cookie's sign-in is read."""
    pacing.count_connect("address", limits.address())  # before the cookie's sign-in is even read
    said = page_said(auth)
    if not current_user.is_authenticated:  # a cookie naming a sign-in that has ended was signed out
        raise ConnectionRefusedError(SIGNED_OUT if session.get("_user_id") else "Please sign in first.")
    pacing.count_connect("person", str(current_user.id))
    couple = current_user.couple
    if couple is None or not couple.is_complete:
        raise ConnectionRefusedError("Your room opens once your partner has joined.")
    sid, user_id, sign_in_id = socket_id(), current_user.id, current_user.sign_in_id
    page = page_named(said, couple.id)
    members.remember(sid, user_id, couple.id, sign_in_id)
    try:
        presence.arrive(sid, user_id, couple.id, sign_in_id, page)
        # Signed out elsewhere in the same instant? That sign-out looked for this socket's row before it was
        # written; reading the sign-in again after writing the row means one of the two always sees the other.
        if not members.still_signed_in(sign_in_id, fresh=True):
            raise ConnectionRefusedError(SIGNED_OUT)
    except Exception:  # refused: python-socketio calls no `disconnect` for it, so forget it here
        members.forget(sid)
        db.session.rollback()
        presence.leave(sid)
        raise
    join_room(couple_room(couple.id))
    return int(couple.id)


def on_disconnect(reason: Any = None) -> None:
    """Socket closed. Broadcasts `presence` to the couple."""
    member = members.forget(socket_id())
    presence.leave(socket_id())
    if member is not None:
        announce_presence(member.couple_id)


@errors_as_replies
def on_still_here(payload: Any = None) -> dict[str, Any]:
    """Page beats every 15 s. Replies with who is online; broadcasts nothing."""
    member = current_member()
    return {"ok": True, "online": presence.still_here(socket_id(), member.user_id, member.couple_id,
                                                      member.sign_in_id)}


def sign_ins_ended(_sender: Any, ids: list[int], **_extra: Any) -> None:
    """Close every open socket of these sign-ins, on whichever worker holds it (connected to
    couples.accounts.sign_ins_ended by couples.live.init_app). A failure here is logged, never raised: the
    sign-in has ended all the same, and every later event of such a socket is refused (`current_member`)."""
    members.ended(ids)
    try:
        for sid in presence.sockets_of(ids):
            # With a message queue, python-socketio's pub/sub manager publishes the disconnect when the socket
            # is not this process's, and the worker holding it closes it (socketio/pubsub_manager.py).
            socketio.server.disconnect(sid)  # type: ignore[attr-defined]  # set by init_app; not in its stubs
    except Exception:
        db.session.rollback()
        log.exception("the sockets of ended sign-ins %s could not all be closed", ids)
