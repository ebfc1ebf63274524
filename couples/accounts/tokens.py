"""The signed links Hearth emails about an account: what each carries, how long it lasts, what ends it.

Each link is an itsdangerous `URLSafeTimedSerializer` token, signed with the app's SECRET_KEY and salted
by its purpose, so a link made for one thing is never read as another. Its timestamp comes from
`couples.clock` (tests move that clock). Every token carries the account's id and a `mark`: the first 16
hex digits of sha256(email + password hash) at the time it was made. A token is only good while the
mark still matches, which is what makes links single-use without a table of them:

  SIGN_UP    24 hours; also refused once the address is confirmed. It also names the sign-up attempt it
             was sent for (pending.py): following it applies that attempt's name and password, which
             changes the hash, so every other sign-up link of the address dies then
  RESET      1 hour; setting the new password changes the hash, so the link (and every other reset link
             sent before it) dies the moment it is used, and when the password or email changes any other way
  NEW_EMAIL  24 hours; changing the address changes the mark

Why a mark and not a stored, hashed token row: nothing to write when a link is sent (a reset request for
an account costs the same as one for nobody), nothing to sweep afterwards, and the link dies with exactly
the state it was meant to change. The cost: a link can't be withdrawn on its own before it expires,
except by changing the password. A token's payload is readable by whoever holds the link (signed, not
encrypted): it holds an id, the mark (a hash of a salted hash) and, for some, an address or a path.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from couples import clock
from couples.accounts.models import User
from couples.extensions import db


@dataclass(frozen=True)
class Purpose:
    """What a link is for: its salt, and how long it lasts."""

    salt: str
    lasts: timedelta


SIGN_UP = Purpose("hearth-sign-up", timedelta(hours=24))
RESET = Purpose("hearth-password-reset", timedelta(hours=1))
NEW_EMAIL = Purpose("hearth-email-change", timedelta(hours=24))


class _ClockSigner(TimestampSigner):
    """itsdangerous's timestamps, read from Hearth's clock instead of time.time()."""

    def get_timestamp(self) -> int:
        return int(clock.utcnow().replace(tzinfo=UTC).timestamp())


def mark(user: User) -> str:
    """What a link for `user` is bound to: 16 hex digits of sha256 over their email and password hash."""
    return hashlib.sha256(f"{user.email}\n{user.password_hash}".encode()).hexdigest()[:16]


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose.salt, signer=_ClockSigner)


def make(purpose: Purpose, user: User, *extra: str) -> str:
    """A token for `purpose` naming `user` as they are now, carrying `extra` strings."""
    return _serializer(purpose).dumps([user.id, mark(user), *extra])


@dataclass(frozen=True)
class Reading:
    """A token that holds: the account it names, and the strings it carries."""

    user: User
    extra: tuple[str, ...]


def read(purpose: Purpose, token: str, extras: int = 0) -> Reading | None:
    """The account and `extras` strings of a good `purpose` token; None if it is forged, for another
    purpose, older than the purpose lasts, shaped wrong, or its account has changed or gone since."""
    try:
        payload: Any = _serializer(purpose).loads(token, max_age=int(purpose.lasts.total_seconds()))
    except (BadSignature, ValueError, TypeError):  # SignatureExpired is a BadSignature
        return None
    if not (isinstance(payload, list) and len(payload) == 2 + extras and isinstance(payload[0], int)
            and all(isinstance(part, str) for part in payload[1:])):
        return None
    user = db.session.get(User, payload[0])
    if user is None or user.former or not hmac.compare_digest(mark(user), payload[1]):
        return None
    return Reading(user, tuple(payload[2:]))


@dataclass(frozen=True)
class Naming:
    """What a token made by Hearth says, read without asking whether it still holds (its age, its mark)."""

    user_id: int
    extra: tuple[str, ...]


def naming(purpose: Purpose, token: str) -> Naming | None:
    """The account id and strings a `purpose` token was made with, if Hearth signed it; None if forged or
    shaped wrong. Only for telling a dead link's opener the truth about it (it was spent, it is another
    account's): never for doing what the link was for, which `read` alone decides."""
    try:
        payload: Any = _serializer(purpose).loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(payload, list) and len(payload) >= 2 and isinstance(payload[0], int)
            and all(isinstance(part, str) for part in payload[1:])):
        return None
    return Naming(payload[0], tuple(payload[2:]))
