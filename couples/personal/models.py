"""Rows of a person's own space, read by their own pages only (and by their partner only where they chose to share)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model


class Reflection(Model):
    """One time a person took the attachment reflection: their ratings, the two means, and whether the
    plain-language reflection is shared with their partner (at most one of a person's is)."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON)
    anxiety: Mapped[float]
    avoidance: Mapped[float]
    shared_at: Mapped[datetime | None]


class Entry(Model):
    """One thing a person keeps in their own space: its kind (couples/personal/entries.py KINDS), its words
    by field, and its yes/no choices (bring to check-in; show in the room or on the pause screen)."""

    __tablename__ = "personal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    flags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonalSetting(Model):
    """A person's own choices for their space: whether the coach reads their journal as they write."""

    __tablename__ = "personal_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    coach_journal: Mapped[bool] = mapped_column(default=False)


__all__ = ["Entry", "PersonalSetting", "Reflection"]
