"""The socket protocol as one table: every event a browser sends and the handler that answers it.

docs/protocol.md describes each event; a test keeps the two, and the handlers registered, the same. Each
handler reads its payload with its schema (payloads.py: bad_request for anything else).

`connect` and `disconnect` are Socket.IO's own: it calls them as a socket opens and closes. A page (or
anyone with a raw client) can also send an event by those names, and python-socketio would hand it to the
same handlers: a hand-sent `disconnect` told the partner the person had left while their socket stayed
open. Those are refused here (`socketio_only`). The other names Socket.IO reserves (`connect_error`,
`disconnecting`, `newListener`, `removeListener`), and any name without a handler, are refused by the catch-all
(frames.unknown_event).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from flask import request

from couples.extensions import socketio
from couples.live import coach_events, connection, payloads, session_events
from couples.live.replies import errors_as_replies, failure

RESERVED = "That's a name Hearth keeps for itself. Please refresh the page and try again."


def socketio_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler` of a reserved event (`connect`, `disconnect`), run when Socket.IO opens or closes a socket;
    the same name sent as an event by the page is refused (`bad_request`), with nothing done or broadcast.

    python-socketio calls `connect` while the socket is still connecting and `disconnect` once it has begun
    to close it; a socket it counts as connected can only be sending an event of its own.
    """

    @functools.wraps(handler)
    def from_socketio(*args: Any) -> Any:
        if socketio.server.manager.is_connected(request.sid, request.namespace):  # type: ignore[attr-defined]  # set by Flask-SocketIO
            return failure("bad_request", RESERVED)
        return handler(*args)

    return from_socketio


@errors_as_replies
def _still_here(payload: Any) -> dict[str, Any]:
    """`still_here` with its payload read by its schema ({}); connection.on_still_here answers it."""
    payloads.parse(payloads.StillHere, payload)
    return connection.on_still_here(payload)


PROTOCOL: Mapping[str, Callable[..., Any]] = MappingProxyType({
    "connect": socketio_only(connection.on_connect),
    "disconnect": socketio_only(connection.on_disconnect),
    "still_here": _still_here,
    "join_session": session_events.on_join_session,
    "leave_session": session_events.on_leave_session,
    "act": session_events.on_act,
    "coach": coach_events.on_coach,
    "coach_paraphrase": coach_events.on_coach_paraphrase,
})
