"""Rows of the event log: one `ExerciseSession` per run of an exercise, and its numbered `SessionEvent`s."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from couples.clock import utcnow
from couples.extensions import Model


class ExerciseSession(Model):
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


class SessionEvent(Model):
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


__all__ = ["ExerciseSession", "SessionEvent"]
