"""Rows of a person's own space, read by their own pages only (and by their partner only where they chose to share)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
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


__all__ = ["Reflection"]
