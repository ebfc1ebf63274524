"""Signing up, in and out (Flask-Login; scrypt-hashed passwords; CSRF on every form).

The blueprint keeps the name "auth" its URLs have always had (/auth/login, `url_for("auth.login")`).
Each sign-in is a row the server can end (signins.py): the cookies carry its token, never a bare user id.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from couples.accounts import confirmation, signins
from couples.accounts.forms import LoginForm
from couples.accounts.models import Couple, Membership, User
from couples.extensions import db
from couples.forms import refuse

bp = Blueprint("auth", __name__, url_prefix="/auth")

# Built once: options made per call cost SQLAlchemy a fresh cache key (and a tenth of a page's time) every time.
# The partner comes too: most pages name them, and a lazy load of them was 3 % of starting a session.
_WITH_COUPLE = (joinedload(User.membership).joinedload(Membership.couple).joinedload(Couple.memberships)
                .joinedload(Membership.user),)


def load_user(token: str) -> User | None:
    """The person a live sign-in token ("<sign-in id>.<secret>") names, with that sign-in attached, their
    membership, couple and the couple's memberships: one query (every request and socket connect asks)."""
    found = signins.signed_in(token, *_WITH_COUPLE)
    if found is None:
        return None
    sign_in_id, user = found
    if user.former:  # a deleted account's stand-in never signs in
        return None
    user.sign_in_id, user.sign_in_token = sign_in_id, token
    return user


def paired_couple() -> Couple | None:
    """The signed-in person's couple once both partners are in it; None before (or when signed out)."""
    if not current_user.is_authenticated:
        return None
    couple = current_user.couple
    return couple if couple is not None and couple.is_complete else None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site."""
    # Browsers read "\\" as "/" and drop tabs and newlines, so "/\\evil.example" and "/\t/evil.example"
    # would leave the site: refuse both before looking at the shape.
    if not target or "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return url_for("room.home")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc:
        return target
    return url_for("room.home")


def sign_in_first() -> Response:
    """Where a page that needs a sign-in sends a stranger: the sign-in page, which comes back to it after.

    A safety page or a page of one's own space is never named in the sign-in page's address: after a quick
    exit, the back button would show it to whoever holds the phone.

    A browser whose cookies still name a sign-in that has ended (signed out elsewhere, a new password, a
    month unseen) hears that it was signed out here, in one sentence whatever ended it and whoever did;
    its dead cookies are dropped, so it hears it once.
    """
    if session.get("_user_id") is not None:  # Flask-Login's key: it named a sign-in load_user found over
        logout_user()
        flash("You were signed out on this device. Please sign in again.", "info")
    else:
        flash("Please sign in to continue.", "info")
    if request.blueprint in ("safety", "personal"):
        return redirect(url_for("auth.login"))
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _password_matches(user: User | None, password: str) -> bool:
    """Check the password, spending the same hashing time whether or not the account exists."""
    if user is None:
        check_password_hash(_unknown_account_hash(), password)
        return False
    return user.check_password(password)


@lru_cache(maxsize=1)
def _unknown_account_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).filter_by(email=normalise_email(form.email.data or "")))
        if _password_matches(user, form.password.data or "") and user is not None:
            if user.email_confirmed_at is None:  # its sign-up link not yet followed: a fresh one, no sign-in
                return confirmation.unconfirmed_sign_in(user, request.args.get("next"))
            user.learn_time_zone(form.time_zone.data)  # committed with the sign-in
            signins.start(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")))
        # One sentence for both cases, so nobody learns which accounts exist.
        refuse(form.password, "That email and password don't match. Please try again.")
    return render_template("accounts/login.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/logout", methods=["POST"])
@signins.ends_access  # a page whose token went stale still signs out
@login_required
def logout():
    signins.sign_out()  # ended on the server first: copies of its cookies and its open sockets end with it
    flash("You're signed out. Take good care.", "info")
    return redirect(url_for("auth.login"))
