"""Rows of people and couples: accounts, their sign-ins, the two memberships of a couple, and invitations to pair."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from couples.clock import utcnow
from couples.dates import zone_named
from couples.extensions import Model


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A stand-in left where a deleted account's part of shared sessions was: no email, no name, no sign-in.
    former: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the person followed the link emailed at sign-up; None until then, and such an account can't sign in.
    email_confirmed_at: Mapped[datetime | None]
    # The IANA zone dates and times are shown in ("Asia/Kolkata"): the browser's, learned at sign-up or sign-in,
    # or chosen on the account page; None until then (couples.dates falls back, and says so).
    time_zone: Mapped[str | None] = mapped_column(String(64))
    membership: Mapped[Membership | None] = relationship(back_populates="user", uselist=False)
    # Not columns: the sign-in this object was loaded through (or just started), set by couples.accounts.signins
    # (`__allow_unmapped__` lets the ORM pass over their plain annotations). Flask-Login keeps `get_id()` in
    # the session and the remember cookie.
    __allow_unmapped__ = True
    sign_in_id: int | None = None
    sign_in_token: str | None = None

    def get_id(self) -> str:
        """The sign-in token "<sign-in id>.<secret>" (Flask-Login's alternative tokens): what the session
        and remember cookies carry, so they stop working the moment that sign-in ends. RuntimeError for a
        person not signed in through couples.accounts.signins (a bare user id would outlive sign-out)."""
        if self.sign_in_token is None:
            raise RuntimeError("sign people in with couples.accounts.signins.start(user), not login_user")
        return self.sign_in_token

    def __eq__(self, other: object) -> bool:
        """The same person, whichever browser each object was signed in through (UserMixin compared get_id,
        which names a sign-in); an account not yet saved is equal only to itself."""
        return self is other or (isinstance(other, User) and self.id is not None and other.id == self.id)

    __hash__ = UserMixin.__hash__

    def set_password(self, password: str) -> None:
        """Keep only a slow, salted hash (scrypt) of the password, NFC-normalised (see `_composed`)."""
        self.password_hash = generate_password_hash(_composed(password))

    def check_password(self, password: str) -> bool:
        """Whether `password` is this person's password, however their keyboard composed its accents."""
        return check_password_hash(self.password_hash, _composed(password))

    @property
    def couple(self) -> Couple | None:
        return self.membership.couple if self.membership else None

    def learn_time_zone(self, said: str | None) -> None:
        """Keep the zone a browser said at sign-up or sign-in, while none is known yet (one chosen on the
        account page stays chosen); a zone we don't know, or nothing, is let go."""
        if self.time_zone is None and (zone := zone_named(said)):
            self.time_zone = zone


def _composed(password: str) -> str:
    """The password in Unicode's composed form (NFC): "café" typed as e + combining accent on one keyboard
    and as a single é on another is the same phrase to the person, so it must be to the hash."""
    return unicodedata.normalize("NFC", password)


class SignIn(Model):
    """One browser's sign-in: what its cookies name, ended by signing out (or everywhere, or a new password).

    Only a hash of the secret is kept (sha256, hex): a copy of this table signs nobody in.
    """

    __tablename__ = "sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)  # to within signins.SEEN_EVERY
    device: Mapped[str] = mapped_column(String(60))  # "Firefox on Android": a label, never the raw User-Agent
    ended_at: Mapped[datetime | None]


class Couple(Model):
    __tablename__ = "couples"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]  # when a partner left: the room is closed, its records stay readable
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


class Membership(Model):
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


class PastMembership(Model):
    """A person's place in a couple that has ended: what lets them read back what they wrote there."""

    __tablename__ = "past_memberships"
    __table_args__ = (UniqueConstraint("couple_id", "user_id", name="uq_past_memberships_couple_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int]
    joined_at: Mapped[datetime]
    left_at: Mapped[datetime] = mapped_column(default=utcnow)
    couple: Mapped[Couple] = relationship()


class Invitation(Model):
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


__all__ = ["Couple", "Invitation", "Membership", "PastMembership", "SignIn", "User"]
