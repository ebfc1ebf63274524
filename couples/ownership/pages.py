"""Your data: take it with you, leave your couple, or delete your account.

  GET  /your-data              what each choice does, in plain words
  GET  /your-data/export.json  everything you can see, as JSON (docs/export.md)
  GET  /your-data/export.html  the same, as a page to read or print
  GET/POST /your-data/leave    leave your couple (password asked again)
  GET/POST /your-data/delete   delete your account (password asked again)
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from werkzeug.wrappers import Response as Redirect
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from wtforms import PasswordField
from wtforms.validators import DataRequired

from couples.accounts import User, couples_of
from couples.clock import utcnow
from couples.extensions import db
from couples.forms import refuse
from couples.ownership.erasure import erase
from couples.ownership.export import export_for, readable_for, to_json
from couples.ownership.leaving import leave

bp = Blueprint("ownership", __name__, url_prefix="/your-data")
WRONG_PASSWORD = "That isn't your password. Nothing has changed."
ERASE_ATTEMPTS = 3


class PasswordAgainForm(FlaskForm):
    """Asks for the person's password once more before something that cannot be undone."""

    password = PasswordField("Your password", validators=[DataRequired("Please enter your password to go on.")])

    def is_theirs(self) -> bool:
        """Whether the form is valid and holds the signed-in person's password (else the field says why)."""
        if not self.validate_on_submit():
            return False
        if not current_user.check_password(self.password.data or ""):
            refuse(self.password, WRONG_PASSWORD)
            g.password_refused = True  # what the "password asked again" limit counts (couples/limits)
            return False
        return True


@bp.route("/")
@login_required
def index() -> str:
    couple = current_user.couple
    partner = couple.partner_of(current_user) if couple is not None else None
    return render_template("ownership/index.html", couple=couple, partner=partner)


def _filename(extension: str) -> str:
    return f"hearth-{utcnow().date().isoformat()}.{extension}"


@bp.route("/export.json")
@login_required
def export_json() -> Response:
    document = export_for(current_user, utcnow())
    return Response(to_json(document), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{_filename("json")}"',
                             "Cache-Control": "no-store"})


@bp.route("/export.html")
@login_required
def export_html() -> Response:
    document = export_for(current_user, utcnow())
    page = render_template("ownership/export.html", doc=document, readable=readable_for(current_user))
    return Response(page, mimetype="text/html",
                    headers={"Content-Disposition": f'attachment; filename="{_filename("html")}"',
                             "Cache-Control": "no-store"})


@bp.route("/leave", methods=["GET", "POST"])
@login_required
def leave_couple() -> str | Redirect | tuple[str, int]:
    couple = current_user.couple
    if couple is None or not couple.is_complete:
        if couples_of(current_user.id):  # a couple that has just ended (a second tap lands here): say so there
            return redirect(url_for("pairing.start"))
        flash("You're not in a couple right now, so there's nothing to leave.", "info")
        return redirect(url_for("ownership.index"))
    partner = couple.partner_of(current_user)
    form = PasswordAgainForm()
    if form.is_theirs():
        try:
            leave(couple, utcnow())
        except IntegrityError:  # ended in the same instant (a second tap, or the partner): it is done either way
            db.session.rollback()
        return redirect(url_for("pairing.start"))  # which says the room has closed
    status = 422 if form.is_submitted() else 200
    return render_template("ownership/leave.html", form=form, partner=partner), status


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> str | Redirect | tuple[str, int]:
    form = PasswordAgainForm()
    if form.is_theirs():
        user_id = current_user.id
        for _attempt in range(ERASE_ATTEMPTS):
            user = db.session.get(User, user_id, populate_existing=True)
            if user is None:
                break  # a second tap deleted it a moment ago
            try:
                erase(user, utcnow())
                break
            except IntegrityError:  # the partner left or deleted in the same instant: read again, try again
                continue
        else:
            raise RuntimeError("the account could not be deleted after several tries")
        logout_user()  # only once it is gone: a failure leaves the person signed in, able to try again
        flash("Your account has been deleted. Take good care of yourself.", "info")
        return redirect(url_for("room.home"))
    status = 422 if form.is_submitted() else 200
    couple = current_user.couple
    return render_template("ownership/delete.html", form=form,
                           in_couple=couple is not None and couple.is_complete), status
