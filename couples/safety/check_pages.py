"""The private safety check and each person's own page about hard conversations.

  /safety/check                the questions (one form; answers kept for this person only)
  /safety/hard-conversations   where they stand, help if they need it, and their choices: go on anyway,
                               set hard conversations aside ("not now"), open them again, forget answers
Nothing here is ever shown to, sent to or hinted at the partner: a partner learns only whether hard
conversations are set aside (couples/safety/readiness.py `set_aside`), the same for any reason.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField
from wtforms.validators import AnyOf

from couples.accounts import safe_next
from couples.forms import AnswerField
from couples.safety import readiness, screening
from couples.safety.pages import bp
from exercises import IllegalMove

ANSWER_NEEDED = "Please choose an answer (\u201cI'd rather not say\u201d is fine)."
CHOICES = ("go_on", "not_now", "open", "forget")


class SafetyCheckForm(FlaskForm):
    """One radio group per question in screening.QUESTIONS (added below), and where to go afterwards."""

    next = HiddenField()


for _question in screening.QUESTIONS:
    setattr(SafetyCheckForm, _question.id, AnswerField(_question.text, screening.CHOICES, ANSWER_NEEDED))


class ChoiceForm(FlaskForm):
    choice = HiddenField(validators=[AnyOf(CHOICES)])
    next = HiddenField()


@bp.route("/check", methods=["GET", "POST"])
@login_required
def check() -> str | Response:
    """The questions; a concern leads to the person's own page, otherwise back to where they were going."""
    form = SafetyCheckForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        answers = {q.id: getattr(form, q.id).data for q in screening.QUESTIONS}
        kept = readiness.record_check(current_user.id, answers)
        target = safe_next(form.next.data)
        if kept.concern:
            return redirect(url_for("safety.hard_conversations", next=target))
        flash("Thank you. Hard conversations are open whenever you both are ready.", "info")
        return redirect(target)
    return render_template("safety/check.html", form=form,
                           questions=[getattr(form, q.id) for q in screening.QUESTIONS])


@bp.route("/hard-conversations", methods=["GET", "POST"])
@login_required
def hard_conversations() -> str | Response:
    """The person's own page: where they stand with hard conversations, and what they can choose."""
    form = ChoiceForm()
    if form.validate_on_submit():
        choice = form.choice.data
        if choice == "go_on":
            readiness.go_on(current_user.id)
            return redirect(safe_next(form.next.data))
        if choice == "forget":
            readiness.forget(current_user.id)
            flash("Your answers are gone. Hearth will ask again before the next hard conversation.", "info")
        else:
            readiness.choose_not_now(current_user.id, choice == "not_now")
        return redirect(url_for("safety.hard_conversations"))
    state = readiness.readiness_of(current_user.id)
    return render_template("safety/hard_conversations.html", state=state.value, form=form,
                           next=safe_next(request.args.get("next")), has_answers=readiness.latest_check(
                               current_user.id) is not None)


def page_gate(kind: str) -> Response | None:
    """For a page of conflict tool `kind`: a redirect to the private check (first time, or a few months
    on) or to the person's own page (hard conversations set aside), else None: the page may open."""
    try:
        readiness.gate(current_user.id, kind)
    except IllegalMove as shut:
        here = request.full_path.rstrip("?") if request.method == "GET" else url_for("room.home", ready=kind)
        page = "safety.check" if shut.code == "safety_check" else "safety.hard_conversations"
        return redirect(url_for(page, next=here))
    return None
