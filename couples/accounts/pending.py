"""Sign-up attempts waiting for their link: each one's name and password, kept apart from the account.

Anyone can sign up with anyone's address, so what a sign-up typed (a name, a password) may belong to a
stranger. Nothing typed at sign-up reaches the account until the inbox's owner follows the link that attempt
sent: a second sign-up with the same unconfirmed address adds an attempt here and leaves the account's row
as it was; following a link applies that link's attempt (registration.confirm_sign_up), and every other
attempt of the address goes.

Why a row rather than the name and password hash inside the link itself: a link is signed, not encrypted,
so whoever reads the email (a mail provider, a forwarded copy, a stranger's inbox when the sign-up was a
squatter's) could read the hash and try passwords against it offline, for as long as the email is kept.
Here it lives a day at most and never leaves the server; the link names only a random id.

  pending_sign_ups   id (22 url-safe characters, random), email (as normalised), display_name,
                     password_hash (scrypt, as User keeps it), created_at (UTC)

Keyed by email, not by account id: an attempt concerns an address, and an account deleted or replaced in
the meantime already kills its links (tokens.py: the id and mark they carry). Attempts older than a link
lasts (tokens.SIGN_UP, 24 hours) are swept at the next sign-up; an address's attempts go when it is
confirmed (by its link or a password reset).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import String, delete
from sqlalchemy.orm import Mapped, mapped_column

from couples.clock import utcnow
from couples.extensions import Model, db


class PendingSignUp(Model):
    """One sign-up attempt for an address not yet confirmed: what it typed, until its link is followed."""

    __tablename__ = "pending_sign_ups"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def attempt(email: str, display_name: str, password_hash: str, now: datetime) -> PendingSignUp:
    """A new attempt for `email` with a random id, added to the session (the caller commits)."""
    row = PendingSignUp(id=secrets.token_urlsafe(16), email=email, display_name=display_name,
                        password_hash=password_hash, created_at=now)
    db.session.add(row)
    return row


def sweep(older_than: datetime) -> None:
    """Drop attempts made before `older_than` (their links are dead anyway); the caller commits."""
    db.session.execute(delete(PendingSignUp).where(PendingSignUp.created_at < older_than))


def settle(email: str) -> None:
    """Drop every attempt for `email`: its address is confirmed, what was typed elsewhere is void."""
    db.session.execute(delete(PendingSignUp).where(PendingSignUp.email == email))
