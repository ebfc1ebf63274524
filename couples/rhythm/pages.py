"""The rhythm page (/rhythm): choosing the check-in evening together, its calendar file, one's reminders,
and the one-click way out of reminders that needs no sign-in.

Every page but the unsubscribe link is the signed-in partner's own couple's: with no couple it is a 404,
and another couple's suggestion is a 404 the same as a missing one (nothing learned). A form that can't be
read is shown again with kind words under the field, nothing of it lost and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable

import click
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from couples import clock
from couples.accounts import Couple, paired_couple
from couples.extensions import csrf
from couples.forms import EmptyForm
from couples.rhythm import ics, reminders
from couples.rhythm.forms import ProposalForm, ReminderForm
from couples.rhythm.models import Proposal
from couples.rhythm.panel import panel
from couples.rhythm.schedule import (Refused, accept, pending, proposal_of, propose, reminders_on, schedule_of,
                                     set_reminders, take_back)
from couples.rhythm.weeks import soon_words, when_words, zone_words

bp = Blueprint("rhythm", __name__, url_prefix="/rhythm")
bp.add_app_template_global(zone_words)  # the room includes templates/rhythm/_panel.html too


def my_couple() -> Couple:
    """The signed-in partner's couple; 404 while they have none (nothing to choose together yet)."""
    couple = paired_couple()
    if couple is None:
        abort(404)
    return couple


@bp.route("/")
@login_required
def page(proposal_form: ProposalForm | None = None, status: int = 200) -> tuple[str, int]:
    """The couple's check-in evening (or the suggestion waiting), the form to suggest one, the calendar
    download and one's own reminder choice."""
    couple = my_couple()
    schedule = schedule_of(couple.id)
    if proposal_form is None:
        proposal_form = ProposalForm(data={"weekday": schedule.weekday, "local_time": f"{schedule.local_time:%H:%M}",
                                           "timezone": schedule.timezone} if schedule else
                                     {"weekday": 6, "local_time": "20:00", "timezone": ""})
    now = clock.utcnow()
    agreed = None
    if schedule is not None:
        agreed = {"when": when_words(schedule.weekly, every=True), "timezone": schedule.timezone,
                  "soon": soon_words(schedule.weekly.next_start(now), now)}
    return render_template("rhythm/page.html", agreed=agreed, week=panel(couple, current_user, now),
                           proposal_form=proposal_form,
                           reminder_form=ReminderForm(data={"email": reminders_on(current_user.id)}),
                           partner=couple.partner_of(current_user)), status


@bp.route("/propose", methods=["POST"])
@login_required
def suggest() -> Response | tuple[str, int]:
    """Suggest a check-in evening to one's partner (replacing a suggestion still waiting)."""
    couple, form = my_couple(), ProposalForm()
    if not form.validate_on_submit():
        return page(proposal_form=form, status=400)
    try:
        proposal = propose(couple, current_user, form.weekly())
    except Refused as refusal:
        flash(str(refusal), "info")
        return redirect(url_for("rhythm.page"))
    partner = couple.partner_of(current_user)
    flash(f"Suggested: {when_words(proposal.weekly, every=True)}. "
          f"{partner.display_name if partner else 'Your partner'} will see it in your room.", "info")
    return redirect(url_for("rhythm.page"))


def _moved_on(couple: Couple) -> Response:
    """An answer to a suggestion no longer waiting (changed or taken back since the page was drawn): say
    what is waiting now. Another couple's suggestion reads the same as a stale one of one's own."""
    waiting = proposal_of(couple.id)
    if waiting is not None and waiting.proposed_by_id != current_user.id:
        flash("The suggestion changed while you were looking. Here is the new one.", "info")
    elif waiting is not None:
        flash("Your newer suggestion is the one waiting now.", "info")
    else:
        flash("That suggestion isn't waiting any more. Either of you can suggest a time.", "info")
    return redirect(url_for("rhythm.page"))


def _answer(proposal_id: int, respond: Callable[[Couple, Proposal], str]) -> Response:
    """Answer proposal `proposal_id` with `respond` (which returns what to tell the person, or raises
    Refused), once the suggestion is known to be still waiting and the form is the person's own."""
    couple = my_couple()
    proposal = pending(couple, proposal_id)
    if proposal is None:
        return _moved_on(couple)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        flash(respond(couple, proposal), "info")
    except Refused as refusal:
        flash(str(refusal), "info")
    return redirect(url_for("rhythm.page"))


@bp.route("/proposals/<int:proposal_id>/accept", methods=["POST"])
@login_required
def accept_proposal(proposal_id: int) -> Response:
    """Say yes to the partner's suggestion: it becomes the couple's check-in evening."""
    def respond(couple: Couple, proposal: Proposal) -> str:
        schedule = accept(couple, current_user, proposal)
        return f"Your check-in: {when_words(schedule.weekly, every=True)}. Add it to your calendar below, if you like."
    return _answer(proposal_id, respond)


@bp.route("/proposals/<int:proposal_id>/decline", methods=["POST"])
@login_required
def decline_proposal(proposal_id: int) -> Response:
    """Take back one's own suggestion, or say "not this one" to the partner's; the agreed evening stays."""
    def respond(_couple: Couple, proposal: Proposal) -> str:
        mine = proposal.proposed_by_id == current_user.id
        take_back(proposal)
        if mine:
            return "Your suggestion is withdrawn."
        return "Thanks for saying so. Either of you can suggest another time."
    return _answer(proposal_id, respond)


@bp.route("/reminders", methods=["POST"])
@login_required
def choose_reminders() -> Response:
    """Turn one's own email reminder on or off (it is off until one turns it on)."""
    my_couple()
    form = ReminderForm()
    if not form.validate_on_submit():
        abort(400)
    set_reminders(current_user.id, bool(form.email.data))
    flash("We'll email you on the morning of your check-in." if form.email.data else "No more reminder emails.",
          "info")
    return redirect(url_for("rhythm.page"))


@bp.route("/checkin.ics")
@login_required
def calendar_file() -> Response:
    """The couple's weekly check-in as an .ics file (text/calendar) to add to one's own calendar; 404 until
    the couple has agreed an evening."""
    couple = my_couple()
    schedule = schedule_of(couple.id)
    if schedule is None:
        abort(404)
    body = ics.checkin_calendar(schedule.weekly, schedule.agreed_at, schedule.sequence,
                                ics.uid_for(couple.id, current_app.config["SECRET_KEY"]),
                                url_for("room.home", _external=True), clock.utcnow())
    return current_app.response_class(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'attachment; filename="hearth-checkin.ics"', "Cache-Control": "no-store"})


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: a mail client POSTs here with no session and no form; the signed token is the proof
def unsubscribe(token: str) -> tuple[str, int]:
    """GET: a page with one button to stop reminder emails. POST (that button, or a mail client's one-click
    `List-Unsubscribe=One-Click`): stop them, no sign-in needed. A token that isn't ours is a kind 404."""
    if request.method == "POST":
        done = reminders.unsubscribe(token)
        return render_template("rhythm/unsubscribe.html", token=token, done=done, valid=done), 200 if done else 404
    valid = reminders.token_is_valid(token)
    return render_template("rhythm/unsubscribe.html", token=token, done=False, valid=valid), 200 if valid else 404


@bp.cli.command("send-reminders")
def send_reminders() -> None:
    """Email today's check-in reminders to partners who asked for them (run it hourly: cron or a systemd timer)."""
    app = current_app
    with app.test_request_context(base_url=app.config["HEARTH_BASE_URL"]):  # links in emails are absolute
        sent = reminders.send_due(clock.utcnow())
    click.echo(f"Check-in reminders sent: {sent}.")

