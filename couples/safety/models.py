"""Rows only their own person ever reads: the answers to their private safety check, and their own choice
to set hard conversations aside. No page, event, export or history of the partner reads these tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model


class SafetyCheck(Model):
    """One time a person answered the safety check: their answers, what they mean, and whether they chose
    to go on to conflict tools anyway after a concern.
    """

    __tablename__ = "safety_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    concern: Mapped[bool]
    go_on_at: Mapped[datetime | None]


class HardTalkChoice(Model):
    """A person's own "not now" for hard conversations, which anyone may choose for any reason."""

    __tablename__ = "hard_talk_choices"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    not_now: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["HardTalkChoice", "SafetyCheck"]
