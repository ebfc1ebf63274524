"""The couple's room: who is here, exercises to start, sessions past and present."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from couples import log, personal, rhythm, safety, service
from couples.accounts import paired_couple
from couples.extensions import db, socketio
from couples.forms import StartForm
from couples.live import couple_room
from exercises import KINDS, IllegalMove

bp = Blueprint("room", __name__)


@bp.route("/")
def home():
    if not current_user.is_authenticated:
        return render_template("welcome.html")
    couple = paired_couple()
    if couple is None:
        return redirect(url_for("pairing.start"))
    partner = couple.partner_of(current_user)
    hard_talk = {"kinds": safety.CONFLICT_KINDS, "mine_set_aside": safety.set_aside(current_user.id),
                 "partner_set_aside": partner is not None and safety.set_aside(partner.id)}
    shared = personal.shared_by(partner.id) if partner is not None else None
    return render_template("room/room.html", partner=partner, exercises=KINDS, start_form=StartForm(),
                           sessions=log.sessions_of(couple, limit=5), hard_talk=hard_talk,
                           partner_reflection=personal.reading_of(shared).reflection() if shared else None,
                           my_affirmations=personal.affirmations(current_user.id, "show_in_room"),
                           rhythm=rhythm.panel(couple, current_user))


@bp.route("/sessions", methods=["POST"])
@login_required
def start_session():
    """Start an exercise (or join the one already live), tell the partner, and open it."""
    couple = paired_couple()
    form = StartForm()
    kind = form.kind.data or ""
    if couple is None or not form.validate_on_submit() or kind not in KINDS:
        abort(400)
    by, room = current_user.display_name, couple_room(couple.id)  # read now: the store's commit expires both
    closed = safety.page_gate(kind)  # the private check first, or this person's own page when set aside
    if closed is not None:
        return closed
    partner = couple.partner_of(current_user)
    if kind in safety.CONFLICT_KINDS and partner is not None and safety.set_aside(partner.id):
        flash(safety.set_aside_by_partner(partner.display_name), "info")
        return redirect(url_for("room.home"))
    try:
        session, created = service.start(couple, current_user, kind, request.form)
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
    session = db.session.get(log.ExerciseSession, session_id)
    if couple is None or session is None or session.couple_id != couple.id:
        abort(404)  # another couple's session and a missing one look the same
    closed = safety.page_gate(session.kind) if session.is_live else None  # a finished one is only read
    if closed is not None:
        return closed
    module, partner = KINDS[session.kind], couple.partner_of(current_user)
    # A conflict tool started before the partner set hard conversations aside: say so, the same for any reason.
    partner_set_aside = (session.is_live and session.kind in safety.CONFLICT_KINDS and partner is not None
                         and safety.set_aside(partner.id))
    # What this person keeps in their own space and chose to bring here: for their page alone.
    own = {"pause": personal.affirmations(current_user.id, "show_on_pause"),
           "bring": personal.brought_to_checkin(current_user.id, session.id)
           if session.kind == "checkin" and session.is_live
           else {"appreciation": [], "win": []}}
    return render_template(f"exercises/{session.kind}.html", session=session, title=module.TITLE,
                           partner=partner, partner_set_aside=partner_set_aside, own=own)
