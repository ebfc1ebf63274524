"""Rows: people, couples, invitations, exercise sessions and their event log, presence."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from couples.extensions import db


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (how every timestamp is stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    membership: Mapped[Membership | None] = relationship(back_populates="user", uselist=False)

    def set_password(self, password: str) -> None:
        """Keep only a slow, salted hash (scrypt) of the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Whether `password` is this person's password."""
        return check_password_hash(self.password_hash, password)

    @property
    def couple(self) -> Couple | None:
        return self.membership.couple if self.membership else None


class Couple(db.Model):
    __tablename__ = "couples"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="couple", order_by="Membership.slot", lazy="selectin"
    )

    @property
    def members(self) -> list[User]:
        return [m.user for m in self.memberships]

    def partner_of(self, user: User) -> User | None:
        """The other member, or None while the couple waits for them."""
        return next((u for u in self.members if u.id != user.id), None)

    @property
    def is_complete(self) -> bool:
        return len(self.memberships) == 2


class Membership(db.Model):
    """A person's place in a couple; slots 1 and 2 make a couple hold two people at most."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("couple_id", "slot", name="uq_memberships_couple_slot"),
        CheckConstraint("slot IN (1, 2)", name="slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    slot: Mapped[int]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    couple: Mapped[Couple] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(back_populates="membership", lazy="joined")


class Invitation(db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    couple: Mapped[Couple] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    def is_open(self, now: datetime) -> bool:
        """Unused and not yet expired."""
        return self.used_at is None and now < self.expires_at


class ExerciseSession(db.Model):
    """One run of an exercise by a couple; its truth is its event log."""

    __tablename__ = "exercise_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    # "couple:kind" while the session is live, NULL after: at most one live session per kind per couple,
    # decided by the database when both partners press Start at once.
    live_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    partner_ids: Mapped[str] = mapped_column(String(80))  # "a,b": the partners, in the order the state uses
    # Keyword arguments the exercise's start() was given (prompts drawn, agreements due...), so a replay
    # starts from exactly the same place.
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    last_seq: Mapped[int] = mapped_column(default=0)
    events: Mapped[list[SessionEvent]] = relationship(
        back_populates="session", order_by="SessionEvent.seq", lazy="raise_on_sql"
    )

    @property
    def partners(self) -> tuple[str, str]:
        first, second = self.partner_ids.split(",")
        return first, second

    @property
    def is_live(self) -> bool:
        return self.finished_at is None


class SessionEvent(db.Model):
    """One accepted action of a session, numbered gaplessly from 1 (the database decides the number)."""

    __tablename__ = "session_events"
    __table_args__ = (
        UniqueConstraint("session_id", "seq", name="uq_session_events_session_seq"),
        UniqueConstraint("session_id", "idempotency_key", name="uq_session_events_session_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exercise_sessions.id"))
    seq: Mapped[int]
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    outcome: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # the domain events the action produced
    idempotency_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    session: Mapped[ExerciseSession] = relationship(back_populates="events")


class Presence(db.Model):
    """One open socket of a signed-in member, held by one server process."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_couple_seen", "couple_id", "seen_at"),)

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the socket arrived
    process_id: Mapped[str] = mapped_column(String(80), index=True)


class ServerProcess(db.Model):
    """A server process that holds sockets; its sockets count only while it keeps beating."""

    __tablename__ = "server_processes"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["Couple", "ExerciseSession", "Invitation", "Membership", "Presence", "ServerProcess", "SessionEvent",
           "User"]
