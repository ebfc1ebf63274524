"""Each person's own space (/me): the attachment reflection, its history, sharing it, and when to ask for help.

Private by default: every reflection is its author's alone (another person's is a 404, their partner's
included). Sharing is a deliberate act on the result page, and what the partner then sees in their
room is the plain-language reflection, never the ratings, the means or a label. Usable before pairing.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select, update
from werkzeug.wrappers import Response
from wtforms import HiddenField
from wtforms.validators import AnyOf

from couples.accounts import User
from couples.clock import utcnow
from couples.extensions import db
from couples.forms import AnswerField, EmptyForm
from couples.personal import entries, reflection
from couples.personal.models import Entry, Reflection
from exercises import rehearsal

bp = Blueprint("personal", __name__, url_prefix="/me")
RATING_NEEDED = "Please choose how much this is like you, from 1 to 7."


class ReflectionForm(FlaskForm):
    """One rating per statement in reflection.STATEMENTS (added below)."""


for _statement in reflection.STATEMENTS:
    setattr(ReflectionForm, _statement.id, AnswerField(  # a 1-7 rating: one not on the scale is asked again
        _statement.text, [(value, str(value)) for value in range(reflection.LOW, reflection.HIGH + 1)],
        RATING_NEEDED, coerce=int))


class ShareForm(FlaskForm):
    choice = HiddenField(validators=[AnyOf(("share", "stop"))])


def mine() -> list[Reflection]:
    """The signed-in person's reflections, newest first."""
    return list(db.session.scalars(select(Reflection).where(Reflection.user_id == current_user.id)
                                   .order_by(Reflection.taken_at.desc(), Reflection.id.desc())))


def my_reflection(reflection_id: int) -> Reflection:
    """The signed-in person's own reflection; 404 for anyone else's (it looks like a missing one)."""
    found = db.session.get(Reflection, reflection_id)
    if found is None or found.user_id != current_user.id:
        abort(404)
    return found


def shared_by(user_id: int) -> Reflection | None:
    """The reflection a person chose to share with their partner, if any."""
    return db.session.scalars(select(Reflection).where(Reflection.user_id == user_id,
                                                       Reflection.shared_at.is_not(None))).first()


def stop_sharing(user_ids: list[int]) -> None:
    """Make every reflection of these people their own again (a couple ended: what was shared with one
    partner must not follow its author to the next). Nothing is committed."""
    db.session.execute(update(Reflection).where(Reflection.user_id.in_(user_ids)).values(shared_at=None))


def reading_of(row: Reflection) -> reflection.Reading:
    return reflection.Reading(anxiety=row.anxiety, avoidance=row.avoidance)


@bp.route("/")
@login_required
def index() -> str:
    """The person's own space."""
    taken = mine()
    counts = dict(db.session.execute(select(Entry.kind, func.count()).where(Entry.user_id == current_user.id)
                                     .group_by(Entry.kind)).all())
    return render_template("personal/index.html", latest=taken[0] if taken else None,
                           reading=reading_of(taken[0]) if taken else None, kinds=entries.KINDS, counts=counts,
                           scenes=list(rehearsal.library().items()), empty_form=EmptyForm())


@bp.route("/reflection", methods=["GET", "POST"])
@login_required
def take() -> str | Response:
    """The statements; a complete set of ratings is kept and its reflection shown."""
    form = ReflectionForm()
    if form.validate_on_submit():
        ratings = {s.id: getattr(form, s.id).data for s in reflection.STATEMENTS}
        reading = reflection.read(ratings)
        row = Reflection(user_id=current_user.id, ratings=ratings, anxiety=reading.anxiety,
                         avoidance=reading.avoidance)
        db.session.add(row)
        db.session.commit()
        return redirect(url_for("personal.result", reflection_id=row.id))
    return render_template("personal/reflection.html", form=form,
                           statements=[getattr(form, s.id) for s in reflection.STATEMENTS])


@bp.route("/reflection/<int:reflection_id>")
@login_required
def result(reflection_id: int) -> str:
    """One reflection's plain words, where it sits on each dimension, and the earlier ones to compare."""
    row = my_reflection(reflection_id)
    earlier = [r for r in mine() if r.id != row.id]
    return render_template("personal/result.html", row=row, reading=reading_of(row), share_form=ShareForm(),
                           earlier=[(r, reading_of(r)) for r in earlier], partner=_partner(),
                           shared=shared_by(current_user.id))


@bp.route("/reflection/<int:reflection_id>/share", methods=["POST"])
@login_required
def share(reflection_id: int) -> Response:
    """Share this reflection's words with the partner (and stop sharing any other), or stop sharing it."""
    row, form = my_reflection(reflection_id), ShareForm()
    if not form.validate_on_submit():
        abort(400)
    if _partner() is None:
        flash("Once you've paired up, you can share this with your partner.", "info")
        return redirect(url_for("personal.result", reflection_id=row.id))
    for other in mine():
        other.shared_at = None
    if form.choice.data == "share":
        row.shared_at = utcnow()
        flash("Shared. Your partner sees these sentences in your room, nothing more.", "info")
    else:
        flash("It's yours alone again.", "info")
    db.session.commit()
    return redirect(url_for("personal.result", reflection_id=row.id))


@bp.route("/help")
def help_page() -> str:
    """When to ask for help: what counselling and therapy can offer, and how to look for them."""
    return render_template("personal/help.html")


def _partner() -> User | None:
    """The partner, once paired (sharing waits until then)."""
    couple = current_user.couple
    return couple.partner_of(current_user) if couple else None
