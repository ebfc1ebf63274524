"""A connect's `auth` in tests: what the server answers a socket it refuses at connect (the test client keeps only
that it was refused, so the packet is read on its way out), and what the couple's sockets and rows hold, to see that
a refused connect kept nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from socketio import packet
from sqlalchemy import func, select

from couples.extensions import db, socketio
from couples.live.models import Presence
from couples.live.whereabouts import SocketPage
from couples.schemas import NOT_UNDERSTOOD

# What a socket whose `auth` isn't payloads.Connect's shape is answered: `connect_error`'s message and data.
AUTH_REFUSED = {"message": NOT_UNDERSTOOD, "data": {"code": "bad_request"}}


@contextmanager
def refusals() -> Iterator[list[Any]]:
    """Every CONNECT_ERROR the server sends while open, its data ({"message", "data"?}), in order. Open it after
    the test clients it watches are made: each test client puts its own sender on the server as it is made."""
    sent: list[Any] = []
    server = socketio.server  # type: ignore[attr-defined]  # set by init_app
    send = server._send_packet  # the test clients' own

    def keep(eio_sid: str, pkt: packet.Packet) -> None:
        if pkt.packet_type == packet.CONNECT_ERROR:
            sent.append(pkt.data)
        send(eio_sid, pkt)

    server._send_packet = keep
    try:
        yield sent
    finally:
        server._send_packet = send


def connect_again(sock: Any, auth: Any) -> Any:
    """Connect the test client `sock` (not connected) again saying `auth`: None when it is let in (then
    disconnected again), else what the server refused it with."""
    with refusals() as sent:
        sock.connect(auth=auth)
    if sock.is_connected():
        assert sent == [], sent
        sock.disconnect()
        return None
    (refused,) = sent
    return refused


def kept_rows(app: Flask) -> tuple[int, int]:
    """How many presence rows and page rows there are: a refused socket adds to neither."""
    with app.app_context():
        counts = (db.session.scalar(select(func.count()).select_from(Presence)) or 0,
                  db.session.scalar(select(func.count()).select_from(SocketPage)) or 0)
        db.session.remove()
    return counts
