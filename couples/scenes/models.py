"""Rows for conflict scripts: a couple's own scenes, and one person's private solo practice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model

CUSTOM_PREFIX = "custom-"  # a couple's own scene is addressed as custom-<id>; shipped ones by their own id


class CustomScene(Model):
    """A scene a couple wrote from a real, recurring conflict; only the two of them see it."""

    __tablename__ = "custom_scenes"

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(80))
    scene: Mapped[dict[str, Any]] = mapped_column(JSON)  # checked by exercises.rehearsal.scenes on save
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def ref(self) -> str:
        """How pages and forms name this scene."""
        return f"{CUSTOM_PREFIX}{self.id}"


class SoloRun(Model):
    """One person rehearsing a scene alone; private to them (never shown on a couple's pages)."""

    __tablename__ = "solo_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scene_ref: Mapped[str] = mapped_column(String(70))
    role_id: Mapped[str] = mapped_column(String(30))
    scene: Mapped[dict[str, Any]] = mapped_column(JSON)  # the scene as it was when practice began
    # {"<line index>": {"attempts": [{"text", "reason", "kinds"}], "example_shown": bool, "accepted": str|None}}
    rewrites: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


__all__ = ["CUSTOM_PREFIX", "CustomScene", "SoloRun"]
