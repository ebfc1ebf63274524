"""The couple's room: who is here, exercises to start, sessions past and present."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired

from couples.log import options as session_options
from couples.log import store
from couples.extensions import db, socketio
from couples.accounts.models import ExerciseSession
from couples.live.session_events import couple_room
from exercises import KINDS, IllegalMove

bp = Blueprint("room", __name__)


class StartForm(FlaskForm):
    kind = HiddenField(validators=[DataRequired()])


def paired_couple():
    """The signed-in person's couple, or None while they are not yet paired."""
    couple = current_user.couple
    return couple if couple is not None and couple.is_complete else None


@bp.route("/")
def home():
    if not current_user.is_authenticated:
        return render_template("welcome.html")
    couple = paired_couple()
    if couple is None:
        return redirect(url_for("pairing.start"))
    partner = couple.partner_of(current_user)
    return render_template("room/room.html", partner=partner, exercises=KINDS, start_form=StartForm(),
                           sessions=store.sessions_of(couple))


@bp.route("/sessions", methods=["POST"])
@login_required
def start_session():
    """Start an exercise (or join the one already live), tell the partner, and open it."""
    couple = paired_couple()
    form = StartForm()
    if couple is None or not form.validate_on_submit() or form.kind.data not in KINDS:
        abort(400)
    by, room = current_user.display_name, couple_room(couple.id)  # read now: the store's commit expires both
    try:
        options = session_options.options_for(form.kind.data, couple, current_user, request.form)
        session, created = store.start_session(couple, current_user, form.kind.data, options)
    except IllegalMove as error:
        flash(str(error), "info")
        return redirect(url_for("room.home"))
    if created:
        socketio.emit("session_started", {"session_id": session.id, "kind": session.kind, "by": by}, to=room)
    return redirect(url_for("room.session_page", session_id=session.id))


@bp.route("/sessions/<int:session_id>")
@login_required
def session_page(session_id: int):
    couple = paired_couple()
    session = db.session.get(ExerciseSession, session_id)
    if couple is None or session is None or session.couple_id != couple.id:
        abort(404)  # another couple's session and a missing one look the same
    module = KINDS[session.kind]
    return render_template(f"exercises/{session.kind}.html", session=session, title=module.TITLE,
                           partner=couple.partner_of(current_user))
