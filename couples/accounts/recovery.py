"""Getting back in with a forgotten password (routes on the `auth` blueprint).

  GET/POST /auth/forgot          ask for a link; the answer is the same page and words for every address
  GET/POST /auth/reset/<token>   the emailed link (one hour, once): a new password twice, then signed in

The answer to a request never says whether the address has an account, and takes no longer when it has
one: after the same single lookup, the email is made and handed to a thread that starts once the answer
has gone out (letters.send_soon), so no SMTP round trip is timed. For an address with no account nothing
happens. bench/account_answers.py measures both: medians of 8.6 to 11.5 ms with an account and 10.2 to
12.3 ms without, in four runs of 60 to 100 asks each, the middle halves overlapping.

The token (tokens.RESET) is bound to a hash of the account's email and password hash, so it is single use
without a table: setting the new password kills it and every other reset link sent before it
(tokens.py says why that rather than a stored, hashed token). Setting it also ends every sign-in of the
account (a person who lost control of their password gets it back everywhere), signs this browser in
afresh, and confirms an address not yet confirmed: the link came through its inbox. The name on such an
account was typed at a sign-up that may have been someone else's (pending.py), so that first time lands on
the account page asking whether it is the name the partner should see.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from couples import clock
from couples.accounts import letters, pending, signins, tokens
from couples.accounts.forms import ForgotForm, ResetForm
from couples.accounts.models import User
from couples.accounts.signin import bp, normalise_email
from couples.extensions import db


@bp.route("/forgot", methods=["GET", "POST"])
def forgot_password() -> ResponseReturnValue:
    """Ask for a reset link: the same answer for every well-formed address."""
    form = ForgotForm()
    if not form.validate_on_submit():
        return render_template("accounts/forgot.html", form=form), 200 if request.method == "GET" else 422
    user = db.session.scalar(select(User).filter_by(email=normalise_email(form.email.data or ""), former=False))
    if user is not None:
        token = tokens.make(tokens.RESET, user)
        letters.send_soon(letters.reset(user.email, letters.link("auth.reset_password", token=token)))
    return render_template("accounts/forgot_sent.html", mail_folder=letters.mail_folder())


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    """The reset link: choose a new password; every sign-in ends and this browser is signed in anew."""
    reading = tokens.read(tokens.RESET, token)
    if reading is None:
        return render_template("accounts/link_dead.html", kind="reset"), 410
    user, form = reading.user, ResetForm()
    if not form.validate_on_submit():
        return render_template("accounts/reset.html", form=form), 200 if request.method == "GET" else 422
    user.set_password(form.password.data or "")
    first_time = user.email_confirmed_at is None
    if first_time:  # the account's name was typed at a sign-up that may not have been theirs: ask
        user.email_confirmed_at = clock.utcnow()
        pending.settle(user.email)
    db.session.commit()
    signins.end_all(user.id)
    signins.start(user)
    flash("Your new password is set, and you're signed in. Anywhere else you were signed in, you're signed out "
          "now, so only you are in.", "success")
    if first_time:
        flash(f"Is this the name you'd like your partner to see? It says {user.display_name} now; you can "
              "change it here.", "info")
        return redirect(url_for("account.index"))
    return redirect(url_for("room.home"))
