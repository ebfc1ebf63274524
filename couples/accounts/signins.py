"""Sign-ins the server knows about and can end: one per browser, and the page that lists them.

A sign-in is a row (`SignIn`) and a token "<sign-in id>.<secret>" that Flask-Login keeps in the session
cookie and in the remember cookie (its "alternative tokens": `User.get_id()` returns the token). Only a
sha256 of the secret is stored. Ending a sign-in (signing out, "sign out everywhere", a new password) makes
both cookies worthless at once, and `sign_ins_ended` tells couples.live to close that sign-in's open
sockets on every worker.

  start(user, remember)            a new sign-in, and this browser signed in with it (issue: the row alone)
  signed_in(token, *options)       the sign-in a token names and its user, if live (signin.load_user asks)
  end(sign_in), end_all(user_id, except_id), sign_out(), current_sign_in_id()
  /account/sign-ins                "Where you're signed in", and the buttons that end them
  @ends_access                     a view that only ends access runs on a stale page too (`ending_allowed`)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from blinker import Namespace
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import validate_csrf
from sqlalchemy import Select, bindparam, delete, or_, select, update
from sqlalchemy.orm.interfaces import ORMOption
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from couples.accounts.models import SignIn, User
from couples.clock import utcnow
from couples.extensions import csrf, db
from couples.forms import EmptyForm
from couples.ids import row_id
from couples.resend import from_this_site

bp = Blueprint("sign_ins", __name__, url_prefix="/account/sign-ins")

# Sent after the commit that ended sign-ins, with `ids` (a list of sign-in ids): couples.live closes their
# sockets. A signal, so that accounts need know nothing of sockets.
sign_ins_ended = Namespace().signal("sign-ins-ended")

View = TypeVar("View", bound=Callable[..., Any])


def ending_allowed() -> bool:
    """Whether a request that only ends access (signing out, the quick exit, ending a sign-in) may run: its CSRF
    token is good, or, when the token has gone stale (a page open for hours, a phone that dropped its session
    cookie while the remember cookie kept the person signed in), one of Hearth's own pages sent it: its Origin
    (or Referer) names this host (OWASP's "verifying origin with standard headers"). Ending is the safe way to
    fail: a stale page must never leave someone signed in on a shared device. Another site cannot end anyone's
    sign-in this way: its requests carry its own Origin, and SameSite=Lax sends them without our cookies."""
    try:
        validate_csrf(request.form.get("csrf_token") or request.headers.get("X-CSRFToken"))
        return True
    except ValidationError:
        return from_this_site()


def ends_access(view: View) -> View:
    """Mark a POST view that only ends access: the app-wide CSRF check is replaced by `ending_allowed` (400 when
    neither holds), so "Sign out" and the quick exit work on a page whose token went stale."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not ending_allowed():
            abort(400)
        return view(*args, **kwargs)

    return csrf.exempt(checked)


# last_seen_at is written at most this often: a page view is then a read, not a write, nearly always.
SEEN_EVERY = timedelta(minutes=5)


def start(user: User, remember: bool = False) -> SignIn:
    """Sign `user` in on this browser with a new sign-in (committed): the session cookie, and with `remember`
    the remember cookie too, carry its token, new at every sign-in. A sign-in this browser held before
    (another account's, or a second sign-in) ends: a browser holds one."""
    if current_user.is_authenticated:
        sign_out()
    sign_in, token = issue(user.id, device_of(request.headers.get("User-Agent", "")))
    db.session.commit()
    user.sign_in_id, user.sign_in_token = sign_in.id, token
    login_user(user, remember=remember)
    return sign_in


def issue(user_id: int, device: str) -> tuple[SignIn, str]:
    """A new sign-in of `user_id` on `device` and its token, added to the session (the caller commits).

    Sign-ins of theirs that ended, or went unseen, longer ago than a remember cookie lasts are cleared
    away here, so the table holds a person's live sign-ins and a few recent ones. (Ended rows stay that
    long so that SQLite, which may reuse the highest id of a deleted row, never gives an ended sign-in's id
    to a new one while a socket of the old one could still be open.)
    """
    secret, now = secrets.token_urlsafe(32), utcnow()
    db.session.execute(delete(SignIn).where(SignIn.user_id == user_id, or_(
        SignIn.ended_at < now - _idle_limit(), SignIn.last_seen_at < now - _idle_limit())))
    sign_in = SignIn(user_id=user_id, secret_hash=_hash(secret), created_at=now, last_seen_at=now,
                     device=device[:60])
    db.session.add(sign_in)
    db.session.flush()
    return sign_in, f"{sign_in.id}.{secret}"


def signed_in(token: str, *options: ORMOption) -> tuple[int, User] | None:
    """(sign-in id, user) of the live sign-in `token` names, or None: a malformed token, a wrong secret, an
    ended sign-in, or one unseen for as long as a remember cookie lasts. One query reads the sign-in and its
    user together, with `options` for the user (what else to load with them). The sign-in's last_seen_at is
    brought up to date when older than SEEN_EVERY, and only when the session holds no work yet (the start of
    a request or a socket event), so nothing else is ever committed with it."""
    digits, _, secret = token.partition(".")
    sign_in_id = row_id(digits)
    if sign_in_id is None or not secret:
        return None
    untouched = not db.session().in_transaction()  # the scoped session's own Session knows
    found = db.session.execute(_with_user(options), {"id": sign_in_id}).unique().first()
    now = utcnow()
    if found is None:
        return None
    sign_in, user = found
    if (sign_in.ended_at is not None or sign_in.last_seen_at < now - _idle_limit()
            or not hmac.compare_digest(_hash(secret), sign_in.secret_hash)):
        return None
    if untouched and now - sign_in.last_seen_at >= SEEN_EVERY:
        sign_in.last_seen_at = now
        db.session.commit()
    return sign_in.id, user


# Built once, and once more per tuple of options a caller passes (signin.load_user passes the same built tuple
# each time): adding the options per call cost a new statement and its cache key, about 60 us of every request
# and socket connect (issue 21).
_WITH_USER = select(SignIn, User).join(User, User.id == SignIn.user_id).where(SignIn.id == bindparam("id"))
_WITH_OPTIONS: dict[tuple[ORMOption, ...], Select[SignIn, User]] = {(): _WITH_USER}
_OPTION_TUPLES_KEPT = 16  # callers pass a few built tuples; options made per call are not kept (keyed by identity)


def _with_user(options: tuple[ORMOption, ...]) -> Select[SignIn, User]:
    """`_WITH_USER` with `options` added, the statement kept for the next call with the same tuple."""
    statement = _WITH_OPTIONS.get(options)
    if statement is None:
        statement = _WITH_USER.options(*options)
        if len(_WITH_OPTIONS) < _OPTION_TUPLES_KEPT:
            _WITH_OPTIONS[options] = statement
    return statement


def end(sign_in: SignIn) -> None:
    """End `sign_in` (committed) and close its open sockets; ending one already ended changes nothing."""
    if sign_in.ended_at is None:
        sign_in.ended_at = utcnow()
        db.session.commit()
        sign_ins_ended.send(_app(), ids=[sign_in.id])


def end_all(user_id: int, except_id: int | None = None) -> int:
    """End every live sign-in of `user_id` but `except_id` (committed), and close their open sockets.
    Returns how many were ended. After a password change: `end_all(user.id, except_id=current_sign_in_id())`."""
    query = select(SignIn.id).where(SignIn.user_id == user_id, SignIn.ended_at.is_(None))
    if except_id is not None:
        query = query.where(SignIn.id != except_id)
    ids = list(db.session.scalars(query))
    if ids:
        db.session.execute(update(SignIn).where(SignIn.id.in_(ids), SignIn.ended_at.is_(None))
                           .values(ended_at=utcnow()))
        db.session.commit()
        sign_ins_ended.send(_app(), ids=ids)
    return len(ids)


def sign_out() -> None:
    """End this browser's sign-in on the server, then forget it here (both cookies)."""
    sign_in_id = current_sign_in_id()
    if sign_in_id is not None:
        sign_in = db.session.get(SignIn, sign_in_id)
        if sign_in is not None:
            end(sign_in)
    logout_user()


def current_sign_in_id() -> int | None:
    """The id of the sign-in this request (or socket) came with; None when nobody is signed in."""
    return current_user.sign_in_id if current_user.is_authenticated else None


def _app() -> Any:
    """The app itself (not its proxy): the sender of `sign_ins_ended`."""
    return current_app._get_current_object()  # type: ignore[attr-defined]  # a LocalProxy; its stubs say Flask


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _idle_limit() -> timedelta:
    """A sign-in unseen for as long as a remember cookie lasts is over, even if its session cookie lives on
    (phones seldom close their browsers)."""
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration if isinstance(duration, timedelta) else timedelta(seconds=duration)


# (what the User-Agent says, what a person calls it), first match wins: Edge and Opera say "Chrome" too,
# Chrome says "Safari", an iPhone says "like Mac OS X" and Android says "Linux".
BROWSERS = (("Edg", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
            ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("CrOS", "ChromeOS"), ("Macintosh", "Mac"), ("Linux", "Linux"))


def device_of(user_agent: str) -> str:
    """A short label a person recognises ("Firefox on Android", "Chrome on Windows") from a User-Agent
    header; "A browser" when it names nothing we know. The header itself is never kept."""
    head = user_agent[:512]
    browser = next((name for mark, name in BROWSERS if mark in head), None)
    system = next((name for mark, name in SYSTEMS if mark in head), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return f"{browser or 'A browser'}{f' on {system}' if system else ''}"
    return "A browser"


@bp.route("/", methods=["GET"])
@login_required
def index() -> str:
    """Where you're signed in: every live sign-in, this browser's first, then the most recently seen."""
    now = utcnow()
    live = list(db.session.scalars(select(SignIn).where(
        SignIn.user_id == current_user.id, SignIn.ended_at.is_(None), SignIn.last_seen_at >= now - _idle_limit())
        .order_by(SignIn.last_seen_at.desc(), SignIn.id.desc())))
    here = current_sign_in_id()
    live.sort(key=lambda sign_in: sign_in.id != here)  # stable: the rest keep their order
    return render_template("accounts/sign_ins.html", sign_ins=live, here=here, form=EmptyForm(),
                           seen=_when_seen(now))


@bp.route("/<int:sign_in_id>/end", methods=["POST"])
@ends_access
@login_required
def end_one(sign_in_id: int) -> Response:
    """Sign out one browser of one's own; another person's sign-in (or none) is a 404 like any missing page."""
    sign_in = db.session.get(SignIn, sign_in_id)
    if sign_in is None or sign_in.user_id != current_user.id:
        abort(404)
    if sign_in.id == current_sign_in_id():
        sign_out()
        flash("You're signed out. Take good care.", "info")
        return redirect(url_for("auth.login"))
    end(sign_in)
    flash(f"{sign_in.device} is signed out.", "info")
    return redirect(url_for("sign_ins.index"))


@bp.route("/end-others", methods=["POST"])
@ends_access
@login_required
def end_others() -> Response:
    """Sign out everywhere but this browser."""
    ended = end_all(current_user.id, except_id=current_sign_in_id())
    flash("You're signed out everywhere else." if ended else "You weren't signed in anywhere else.", "info")
    return redirect(url_for("sign_ins.index"))


@bp.route("/end-all", methods=["POST"])
@ends_access
@login_required
def end_everywhere() -> Response:
    """Sign out everywhere, this browser too."""
    end_all(current_user.id)
    logout_user()
    flash("You're signed out on every device.", "info")
    return redirect(url_for("auth.login"))


def _when_seen(now: datetime) -> Any:
    """A template helper: how long ago a moment was, in a person's words ("just now", "3 hours ago")."""

    def seen(moment: datetime) -> str:
        minutes = int((now - moment).total_seconds() // 60)
        if minutes < SEEN_EVERY.total_seconds() // 60:
            return "just now"
        if minutes < 60:
            return f"{minutes} minutes ago"
        if minutes < 48 * 60:
            hours = minutes // 60
            return "an hour ago" if hours == 1 else f"{hours} hours ago"
        return f"{minutes // (24 * 60)} days ago"

    return seen
