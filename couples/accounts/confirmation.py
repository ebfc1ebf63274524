"""Confirming a sign-up's address: the link that is emailed, and the "Check your inbox" answer.

Kept apart from registration.py so that signing in (signin.py) can send a fresh link without importing
the views that register on its blueprint.

The link carries a hash of a random nonce that the browser asking for it keeps in its session: followed
in that browser it confirms and signs in at once; anywhere else, the password chosen at sign-up is asked
first (registration.py says why).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import render_template, session

from couples.accounts import letters, tokens
from couples.accounts.models import User

NONCE = "sign_up_nonce"  # session key


def new_nonce() -> str:
    """A fresh nonce for this browser's session; the hash of it goes into the links sent from here."""
    nonce = secrets.token_urlsafe(16)
    session[NONCE] = nonce
    return nonce


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()[:32]


def same_browser(nonce_hash: str) -> bool:
    """Whether this browser's session holds the nonce a sign-up link was made for."""
    return hmac.compare_digest(_digest(session.get(NONCE, "")), nonce_hash)


def send_link(user: User, target: str | None, nonce: str, attempt_id: str = "") -> None:
    """Email `user` a link (24 h) that confirms their address and goes on to `target` (a path) after. With
    `attempt_id` (pending.PendingSignUp) it applies that attempt's name and password; without, the
    account's own (a right password at sign-in asked for the link: signin.login)."""
    token = tokens.make(tokens.SIGN_UP, user, _digest(nonce), target or "", attempt_id)
    letters.send_soon(letters.sign_up(user.email, letters.link("auth.confirm_sign_up", token=token)))


def check_inbox(email: str) -> str:
    """The one answer to a sign-up (and to signing in before confirming): look in the inbox of `email`."""
    return render_template("accounts/check_inbox.html", email=email, mail_folder=letters.mail_folder())


def unconfirmed_sign_in(user: User, target: str | None) -> str:
    """The right password for an account whose address isn't confirmed yet: a fresh link, and the answer
    a sign-up gets. It tells whoever typed the password only that they made this sign-up and haven't
    followed its link, which they knew; a wrong password is answered as every wrong password is."""
    send_link(user, target, new_nonce())
    return check_inbox(user.email)
