"""Socket.IO room names, computed from ids the server trusts, never taken from the client.

  couple:<couple id>                       every socket of both partners (presence, session_started)
  session:<session id>:user:<user id>      one partner's sockets on one session's page (their own view)
"""

from __future__ import annotations


def couple_room(couple_id: int) -> str:
    """The room of every socket of both partners of a couple."""
    return f"couple:{couple_id}"


def viewer_room(session_id: int, user_id: int | str) -> str:
    """The room of one partner's sockets on one session's page."""
    return f"session:{session_id}:user:{user_id}"
