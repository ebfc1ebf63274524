"""Rows of presence: each open socket, and each server process holding sockets, with when it last beat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model


class Presence(Model):
    """One open socket of a signed-in member, held by one server process."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_couple_seen", "couple_id", "seen_at"),)

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the socket arrived
    process_id: Mapped[str] = mapped_column(String(80), index=True)
    # The sign-in (couples.accounts.SignIn) whose cookie opened the socket: ending it closes the socket.
    # No foreign key: a row here lives only as long as its socket, and must never hold up deleting a sign-in.
    sign_in_id: Mapped[int | None] = mapped_column(index=True)


class ServerProcess(Model):
    """A server process that holds sockets; its sockets count only while it keeps beating."""

    __tablename__ = "server_processes"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["Presence", "ServerProcess"]
