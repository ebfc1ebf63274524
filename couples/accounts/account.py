"""The account page: one's name, email and password, and the way to where one is signed in and to one's data.

  GET  /account/                     the page (templates/accounts/account.html)
  POST /account/name                 a new display name
  POST /account/email                a new address (password asked): a link goes to it; nothing changes yet
  GET/POST /account/email/<token>    that link, signed in as the account that asked: the address changes,
                                    and the old one is told it did
  POST /account/password             a new password (current one asked): every other sign-in ends
  POST /account/time-zone            the time zone dates and times are shown in (couples/dates.py)

A refused form comes back with what was typed (but passwords) and a kind sentence under the field. Asking
for a new address answers the same whether or not it already has an account: the address itself hears
which (letters.new_address or letters.address_in_use); the page doesn't. The notice to the old address
says only that it changed: not the new address (the old inbox may be one someone else can read), nothing
of a partner.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from couples import clock, dates
from couples.accounts import letters, pending, signins, tokens
from couples.accounts.forms import EmailForm, NameForm, PasswordForm, TimeZoneForm
from couples.accounts.models import User
from couples.accounts.signin import normalise_email
from couples.extensions import db
from couples.forms import EmptyForm, refuse

bp = Blueprint("account", __name__, url_prefix="/account")
WRONG_PASSWORD = "That isn't your password. Nothing has changed."


def _page(name: NameForm | None = None, email: EmailForm | None = None, password: PasswordForm | None = None,
          zone: TimeZoneForm | None = None, status: int = 200) -> ResponseReturnValue:
    """The page, with the form that was just sent (and refused) as it came, the others fresh."""
    forms = {"name_form": name or NameForm(formdata=None, display_name=current_user.display_name),
             "email_form": email or EmailForm(formdata=None),
             "password_form": password or PasswordForm(formdata=None),
             "zone_form": zone or TimeZoneForm(formdata=None, time_zone=current_user.time_zone or "")}
    return render_template("accounts/account.html", **forms, shown_in=_shown_in()), status


def _shown_in() -> dict[str, str | None]:
    """Which zone the signed-in person's dates are shown in, and why: {"zone": "Asia/Kolkata" | ...,
    "because": "chosen" (theirs) | "checkin" (their couple's check-in zone, theirs unknown) | "unknown" (UTC)}."""
    reader = dates.reader_of(current_user)
    because = "chosen" if current_user.time_zone else ("unknown" if reader.says_utc else "checkin")
    return {"zone": str(reader.zone), "because": because}


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    return _page()


@bp.route("/name", methods=["POST"])
@login_required
def change_name() -> ResponseReturnValue:
    """A new display name: what the partner sees from their next page on."""
    form = NameForm()
    if not form.validate_on_submit():
        return _page(name=form, status=422)
    current_user.display_name = form.display_name.data or ""
    db.session.commit()
    flash(f"Your partner will see you as {current_user.display_name} from now on.", "success")
    return redirect(url_for("account.index"))


def _password_holds(field: Any) -> bool:
    """Whether the current password typed in `field` is right (an empty one is the form's own error); a wrong
    one is refused on the field and counted by the "password asked again" limit (couples/limits)."""
    if field.data and not current_user.check_password(field.data):
        refuse(field, WRONG_PASSWORD)
        g.password_refused = True
        return False
    return True


@bp.route("/time-zone", methods=["POST"])
@login_required
def change_time_zone() -> ResponseReturnValue:
    """The zone one's dates and times are shown in, from the next page on (a city alone will do: "Kolkata")."""
    form = TimeZoneForm()
    if not form.validate_on_submit():
        return _page(zone=form, status=422)
    current_user.time_zone = dates.zone_named(form.time_zone.data)
    db.session.commit()
    flash(f"Dates and times are shown in {dates.zone_words(current_user.time_zone)} time from now on.", "success")
    return redirect(url_for("account.index"))


@bp.route("/email", methods=["POST"])
@login_required
def change_email() -> ResponseReturnValue:
    """Ask for a new address: a link goes to it (or, if it has an account, a note saying nothing changed)."""
    form = EmailForm()
    valid = form.validate_on_submit()
    valid = _password_holds(form.email_password) and valid
    new = normalise_email(form.new_email.data or "")
    if valid and new == current_user.email:
        refuse(form.new_email, "That's the address you have now.")
        valid = False
    if not valid:
        return _page(email=form, status=422)
    holder = db.session.scalar(select(User).filter_by(email=new))
    if holder is None or holder.email_confirmed_at is None:
        token = tokens.make(tokens.NEW_EMAIL, current_user, new)
        letters.send_soon(letters.new_address(new, letters.link("account.confirm_email", token=token)))
    else:
        letters.send_soon(letters.address_in_use(new))
    flash(f"We've sent a link to {new}. Your email changes when you follow it; until then it stays "
          f"{current_user.email}.", "info")
    return redirect(url_for("account.index"))


@bp.route("/email/<token>", methods=["GET", "POST"])
@login_required
def confirm_email(token: str) -> ResponseReturnValue:
    """The link sent to a new address: a button (mail scanners open links; only a person presses), then the
    change, and a notice to the old address. Only the account that asked may follow it: a stranger signs in
    first and comes back; someone signed in as another account is told so and nothing changes (else the
    page would ask "Use this email?" under their name and change someone else's account)."""
    naming = tokens.naming(tokens.NEW_EMAIL, token)
    if naming is not None and naming.user_id != current_user.id:
        return render_template("accounts/another_account.html"), 403
    reading = tokens.read(tokens.NEW_EMAIL, token, extras=1)
    if reading is None:  # spent (then the address is already theirs), stale, or not ours
        already = naming is not None and naming.extra == (current_user.email,)
        return render_template("accounts/link_dead.html", kind="email", already=already), 410
    user, (new,) = reading.user, reading.extra
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template("accounts/confirm_email.html", form=form, new=new), 200
    old = user.email
    # A sign-up never confirmed may hold the address; whoever follows this link owns its inbox.
    db.session.execute(delete(User).where(User.email == new, User.email_confirmed_at.is_(None),
                                          User.former.is_(False)))
    pending.settle(new)
    user.email, user.email_confirmed_at = new, clock.utcnow()
    try:
        db.session.commit()
    except IntegrityError:  # the address has an account of its own now
        db.session.rollback()
        return render_template("accounts/confirm_email.html", form=form, new=new, taken=True), 409
    letters.send_soon(letters.address_changed(old))
    flash(f"Your email is now {new}.", "success")
    return redirect(url_for("account.index"))


@bp.route("/password", methods=["POST"])
@login_required
def change_password() -> ResponseReturnValue:
    """A new password, the current one asked: every other sign-in ends (this one stays)."""
    form = PasswordForm()
    valid = form.validate_on_submit()
    valid = _password_holds(form.current_password) and valid
    if not valid:
        return _page(password=form, status=422)
    current_user.set_password(form.password.data or "")
    db.session.commit()
    ended = signins.end_all(current_user.id, except_id=signins.current_sign_in_id())
    flash("Your new password is set." + (" Anywhere else you were signed in, you're signed out now." if ended
                                         else ""), "success")
    return redirect(url_for("account.index"))
