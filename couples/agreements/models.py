"""Rows for the couple's agreements: one `Agreement` and the versions both partners accepted."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from couples.accounts import User
from couples.clock import utcnow
from couples.extensions import Model

STATUSES = ("active", "retired")


class Agreement(Model):
    """A boundary both partners agreed to; its words live in its versions, the newest is current."""

    __tablename__ = "agreements"
    __table_args__ = (CheckConstraint("status IN ('active', 'retired')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="active")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    review_every_weeks: Mapped[int] = mapped_column(default=4)
    next_review: Mapped[date]
    last_reviewed_on: Mapped[date | None]
    retired_at: Mapped[datetime | None]
    current_version: Mapped[int] = mapped_column(default=1)
    proposed_by: Mapped[User] = relationship(lazy="joined")
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number", lazy="selectin"
    )

    @property
    def current(self) -> AgreementVersion:
        """The version both partners accepted last."""
        return next(v for v in self.versions if v.number == self.current_version)

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def is_due(self, today: date) -> bool:
        """Whether its review date has come."""
        return self.is_active and self.next_review <= today


class AgreementVersion(Model):
    """One wording of an agreement, accepted by both partners at the end of a negotiation."""

    __tablename__ = "agreement_versions"
    __table_args__ = (
        UniqueConstraint("agreement_id", "number", name="uq_agreement_versions_agreement_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int]
    need: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text)
    consequence: Mapped[str | None] = mapped_column(Text)
    review_every_weeks: Mapped[int] = mapped_column(default=4)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # who wrote this wording
    accepted_by_ids: Mapped[str] = mapped_column(String(80))  # "a,b": both partners, in acceptance order
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("exercise_sessions.id"))
    agreement: Mapped[Agreement] = relationship(back_populates="versions")

    @property
    def accepted_by(self) -> tuple[str, ...]:
        return tuple(self.accepted_by_ids.split(",")) if self.accepted_by_ids else ()


__all__ = ["Agreement", "AgreementVersion", "STATUSES"]
