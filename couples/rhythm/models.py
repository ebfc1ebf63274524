"""Rows of a couple's weekly rhythm: the check-in evening they agreed, a proposal waiting for the partner, and
each person's own reminder choice."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model
from couples.rhythm.weeks import Weekly


class Schedule(Model):
    """The couple's check-in: a weekday (0 Monday .. 6 Sunday) and a local time in an IANA time zone, agreed
    by both. `sequence` counts the times it changed, so calendars update the one event they already hold."""

    __tablename__ = "rhythm_schedules"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),)

    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True)
    weekday: Mapped[int]
    local_time: Mapped[time]
    timezone: Mapped[str] = mapped_column(String(64))
    agreed_at: Mapped[datetime] = mapped_column(default=utcnow)
    sequence: Mapped[int] = mapped_column(default=0)

    @property
    def weekly(self) -> Weekly:
        return Weekly(self.weekday, self.local_time, self.timezone)


class Proposal(Model):
    """A check-in evening one partner suggested and the other hasn't answered yet (at most one per couple;
    a new one takes its place, with a new id: an Accept pressed on a page showing the old one finds nothing)."""

    __tablename__ = "rhythm_proposals"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
                      {"sqlite_autoincrement": True})  # SQLite would hand a deleted row's id to the next one

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), unique=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]
    local_time: Mapped[time]
    timezone: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def weekly(self) -> Weekly:
        return Weekly(self.weekday, self.local_time, self.timezone)


class Reminder(Model):
    """One person's reminder choice: an email on the check-in's day (off until they turn it on), and the
    local date of the last one sent, so a second run the same day sends nothing."""

    __tablename__ = "rhythm_reminders"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[bool] = mapped_column(default=False)
    last_sent_on: Mapped[date | None]


__all__ = ["Proposal", "Reminder", "Schedule"]
