"""The socket protocol as one table: every event a browser sends and the handler that answers it.

docs/protocol.md describes each event; a test keeps the two, and the handlers registered, the same.
"""

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from couples.live import coach_events, connection, session_events

PROTOCOL: Mapping[str, Callable[..., Any]] = MappingProxyType({
    "connect": connection.on_connect,
    "disconnect": connection.on_disconnect,
    "still_here": connection.on_still_here,
    "join_session": session_events.on_join_session,
    "leave_session": session_events.on_leave_session,
    "act": session_events.on_act,
    "coach": coach_events.on_coach,
    "coach_paraphrase": coach_events.on_coach_paraphrase,
})
