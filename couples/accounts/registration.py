"""Signing up without telling anyone which emails have accounts (routes on the `auth` blueprint).

  GET/POST /auth/register          the form; every valid answer is the same "Check your inbox" page
  GET/POST /auth/confirm/<token>   the emailed link: confirms the address, signs in, goes on to `next`

Whatever the address, a valid sign-up hashes the typed password (scrypt: the slow part), answers the
same page, sets a fresh nonce in the session, and sends one email after the answer (letters.send_soon):
  - a new address: an account is made, unconfirmed, and the email holds a link that works for 24 hours;
  - an address whose sign-up was never confirmed: the account stays as it is, and a new link goes;
  - an address with an account: the email says someone tried to sign up, with links to sign in and to
    set a new password. Nothing changes.
In the first two, what was typed is kept as an attempt of its own (pending.py says why a row and not the
link) that the link names: only following that link applies its name and password, so a stranger signing
up again with someone's address changes nothing of theirs. Following one confirms the address and kills
the others (tokens.py).
The page, its words and its cookie (a random nonce every time) are the same each way (tests/couples/
accounts/test_registration.py), and so, within the noise, is its time (bench/account_answers.py: medians
of 173 and 179 ms for an address with an account and a new one, each inside the other's middle half);
what differs happens in the owner's inbox.

Why the nonce: anyone can sign up with anyone's address. Had the link alone confirmed and signed in,
someone could sign up with their partner's address and a password of their own, wait for the partner to
follow "the link in the email", and then read everything written in that account (account
pre-hijacking). So the link signs in at once only in the browser that asked for it (its session holds
the nonce whose hash the link carries); opened anywhere else, it first asks for the password chosen at
sign-up, which the owner of a sign-up made by someone else doesn't know, and the link does nothing.

A link followed while signed in as another account is refused (that account's page must never silently
become this one's); followed again in the account it made, it says so.

Unconfirmed accounts can't sign in (signin.login answers the right password with a fresh link:
confirmation.unconfirmed_sign_in). Sign-ups not confirmed within STALE are removed at a later sign-up.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from couples import clock
from couples.accounts import confirmation, letters, pending, signins, tokens
from couples.accounts.forms import ConfirmForm, RegisterForm
from couples.accounts.models import User
from couples.accounts.signin import bp, normalise_email, safe_next
from couples.extensions import db
from couples.forms import refuse

STALE = tokens.SIGN_UP.lasts * 7  # an unconfirmed sign-up is kept a week, for a late "sign in" to resend its link
WRONG_PASSWORD = ("That isn't the password this account was made with. If you didn't sign up for Hearth, "
                  "you can close this page: nothing happens.")


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Sign up: the form, then for every valid answer the same "Check your inbox" page."""
    form = RegisterForm()
    if not form.validate_on_submit():
        return render_template("accounts/register.html", form=form), 200 if request.method == "GET" else 422
    draft = User(email=normalise_email(form.email.data or ""), display_name=form.display_name.data or "")
    draft.set_password(form.password.data or "")  # on every path, new address or not
    draft.learn_time_zone(form.time_zone.data)  # kept only by an account this sign-up makes
    sign_up(draft, request.args.get("next"), confirmation.new_nonce())
    return confirmation.check_inbox(draft.email)


def sign_up(draft: User, target: str | None, nonce: str) -> None:
    """Make, renew or leave alone the account for `draft.email`, and send the one email that fits."""
    now = clock.utcnow()
    for _attempt in range(2):  # a sign-up racing another for the same new address finds it the second time
        db.session.execute(delete(User).where(User.email_confirmed_at.is_(None), User.former.is_(False),
                                              User.created_at < now - STALE))
        pending.sweep(now - tokens.SIGN_UP.lasts)
        user = db.session.scalar(select(User).filter_by(email=draft.email))
        if user is not None and user.email_confirmed_at is not None:
            db.session.commit()
            letters.send_soon(letters.already_there(user.email))
            return
        if user is None:
            user = User(email=draft.email, display_name=draft.display_name, password_hash=draft.password_hash,
                        time_zone=draft.time_zone, created_at=now)
            db.session.add(user)
        else:  # kept another week for its links; its name and password stay until a link is followed
            user.created_at = now
        attempt = pending.attempt(draft.email, draft.display_name, draft.password_hash, now)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            continue
        confirmation.send_link(user, target, nonce, attempt.id)
        return


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_sign_up(token: str) -> ResponseReturnValue:
    """The sign-up link: apply its attempt, confirm the address and sign in (in another browser, after
    that attempt's password). Signed in as another account: refused, nothing changed."""
    naming = tokens.naming(tokens.SIGN_UP, token)
    if current_user.is_authenticated and naming is not None and naming.user_id != current_user.id:
        return render_template("accounts/another_account.html"), 403
    # Links sent before attempts were kept carry two strings; they apply the account as it stands.
    reading = tokens.read(tokens.SIGN_UP, token, extras=3) or tokens.read(tokens.SIGN_UP, token, extras=2)
    if reading is None or reading.user.email_confirmed_at is not None:
        return _dead(naming)
    attempt_id = reading.extra[2] if len(reading.extra) == 3 else ""
    attempt = db.session.get(pending.PendingSignUp, attempt_id) if attempt_id else None
    if attempt_id and (attempt is None or attempt.email != reading.user.email):
        return _dead(naming)  # swept after a day
    user, (nonce_hash, target) = reading.user, reading.extra[:2]
    form = ConfirmForm()
    if not confirmation.same_browser(nonce_hash):
        if not form.validate_on_submit():
            return render_template("accounts/confirm.html", form=form), 200 if request.method == "GET" else 422
        chosen = User(password_hash=attempt.password_hash) if attempt else user  # unsaved: only to check
        if not chosen.check_password(form.password.data or ""):
            refuse(form.password, WRONG_PASSWORD)
            return render_template("accounts/confirm.html", form=form), 422
    if attempt is not None:
        user.display_name, user.password_hash = attempt.display_name, attempt.password_hash
    user.learn_time_zone(form.time_zone.data)  # from the password page, when the link was opened elsewhere
    user.email_confirmed_at = clock.utcnow()
    pending.settle(user.email)
    db.session.commit()
    session.pop(confirmation.NONCE, None)
    signins.start(user)
    flash(f"Welcome, {user.display_name}. Your email is confirmed.", "success")
    return redirect(safe_next(target))


def _dead(naming: tokens.Naming | None) -> ResponseReturnValue:
    """The page for a spent or stale sign-up link; "You're already signed in" in the account it made."""
    here = naming is not None and current_user.is_authenticated and naming.user_id == current_user.id
    return render_template("accounts/link_dead.html", kind="sign_up", here=here), 410
