"""The couple's room: what is live (its lead), who is here, exercises to start, sessions past and present.

  GET  /              the room (or the welcome page, or pairing)
  GET  /room/live     the room's lead alone, as the room page fetches it again when a session starts or ends
  POST /sessions      start an exercise (or join the live one of its kind); while another is live, a page
                      that names it and offers to join it (409), and nothing starts
  GET  /sessions/<id> a session's page
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from couples import log, personal, rhythm, safety, service
from couples.accounts import paired_couple
from couples.extensions import db, socketio
from couples.forms import StartForm
from couples.live import couple_room
from couples.room.lead import leads_for, leads_of, listen
from exercises import KINDS, IllegalMove, checkin, listening, rehearsal
from exercises.boundary import agreement_review, talk

bp = Blueprint("room", __name__)
bp.record_once(listen)
# The order of "Start something together": the weekly ritual the couple comes for first, then the gentle
# ones, then the hard conversations. Every kind the registry has appears once.
ROOM_ORDER = (checkin.KIND, "appreciation", listening.KIND, talk.KIND, agreement_review.KIND, rehearsal.KIND)
# Kinds about one thing a couple chooses elsewhere: their entry in the room leads to choosing it.
CHOSEN_ELSEWHERE = {rehearsal.KIND: "scenes.index"}
PAST_SHOWN = 5


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
    exercises = {kind: KINDS[kind] for kind in ROOM_ORDER}
    return render_template("room/room.html", partner=partner, exercises=exercises, start_form=StartForm(),
                           chosen_elsewhere=CHOSEN_ELSEWHERE, leads=leads_for(couple, current_user),
                           sessions=service.summarize(log.sessions_of(couple, limit=PAST_SHOWN)),
                           hard_talk=hard_talk,
                           partner_reflection=personal.reading_of(shared).reflection() if shared else None,
                           my_affirmations=personal.affirmations(current_user.id, "show_in_room"),
                           rhythm=rhythm.panel(couple, current_user))


@bp.route("/room/live")
@login_required
def live_lead():
    """The room's lead alone (an HTML fragment; empty while nothing is live), for the room page's script."""
    couple = paired_couple()
    if couple is None:
        abort(404)
    return render_template("room/_live_lead.html", leads=leads_for(couple, current_user))


@bp.route("/sessions", methods=["POST"])
@login_required
def start_session():
    """Start an exercise (or join the one of its kind already live), tell the partner, and open it.

    While another exercise is live, nothing starts: a page names it and offers to join it (409). A rehearsal
    asked for without a scene leads to choosing one; it never starts on a scene nobody chose.
    """
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
    if kind == rehearsal.KIND and not (request.form.get("scene") or "").strip() and (
            log.live_session(couple.id, kind) is None):
        return redirect(url_for(CHOSEN_ELSEWHERE[kind]))
    try:
        session, created = service.start(couple, current_user, kind, request.form, one_at_a_time=True)
    except service.AlreadyLive as busy:
        return already_live(busy.session_id, kind)
    except IllegalMove as error:
        flash(str(error), "info")
        return redirect(url_for("room.home"))
    if created:
        socketio.emit("session_started", {"session_id": session.id, "kind": session.kind, "by": by}, to=room)
    return redirect(url_for("room.session_page", session_id=session.id))


def already_live(session_id: int, wanted: str) -> tuple[str, int]:
    """The page for a Start pressed while session `session_id` is live: it names that one, offers to join
    it, and says the exercise asked for can start once it ends (409: nothing was started)."""
    couple = paired_couple()
    row = db.session.get(log.ExerciseSession, session_id)
    assert couple is not None and row is not None  # the start just found it live for this couple
    (lead,) = leads_of([row], couple, current_user)
    return render_template("room/busy.html", lead=lead, wanted=KINDS[wanted].TITLE), 409


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
