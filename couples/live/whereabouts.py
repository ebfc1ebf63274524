"""Which page each open socket is on, beside its presence row: the room, or one session's page.

A page says where it is when its socket connects (`auth: {"page": "room"}` or `{"page": "session:<id>"}`);
the server keeps it only after checking that the session is the couple's own. A socket that said nothing
(an older page) has no row here, and counts as somewhere else in Hearth. Rows live as long as their socket:
presence.leave and presence.sweep remove them with the presence rows.
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from couples.extensions import Model

ROOM = "room"


class SocketPage(Model):
    """The page one open socket was opened by: "room", or "session:<id>" for that session's page."""

    __tablename__ = "socket_pages"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)  # presence.sid of the same socket
    page: Mapped[str] = mapped_column(String(40))


def session_page(session_id: int) -> str:
    """The name of session `session_id`'s page, as pages and the presence broadcast write it."""
    return f"session:{session_id}"


__all__ = ["ROOM", "SocketPage", "session_page"]
