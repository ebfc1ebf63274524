"""A socket's life: connect (signed in and paired only), the page's beat, and disconnect; presence follows."""

from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_socketio import join_room
from socketio.exceptions import ConnectionRefusedError  # the class flask_socketio hands on

from couples.extensions import socketio
from couples.live import members, presence
from couples.live.members import current_member, socket_id
from couples.live.replies import errors_as_replies
from couples.live.rooms import couple_room


def announce_presence(couple_id: int) -> None:
    """Tell both partners' sockets who of them is online now."""
    socketio.emit("presence", {"online": presence.online(couple_id)}, to=couple_room(couple_id))


def on_connect(auth: Any = None) -> None:
    """Browser opens the socket. Refused unless signed in and paired; broadcasts `presence` to the couple."""
    if not current_user.is_authenticated:
        raise ConnectionRefusedError("Please sign in first.")
    couple = current_user.couple
    if couple is None or not couple.is_complete:
        raise ConnectionRefusedError("Your room opens once your partner has joined.")
    join_room(couple_room(couple.id))
    members.remember(socket_id(), current_user.id, couple.id)
    presence.arrive(socket_id(), current_user.id, couple.id)
    announce_presence(couple.id)


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
    return {"ok": True, "online": presence.still_here(socket_id(), member.user_id, member.couple_id)}
