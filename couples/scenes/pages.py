"""The scene library: shipped scenes and the couple's own, a form to write one, and the couple's progress.

Only the two partners of a couple see their own scenes and progress; anyone else gets a 404, the same
as for a scene that doesn't exist. A rehearsal is started from a scene's page with the room's
`POST /sessions` (kind "rehearsal", the scene and the role the starter plays).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from couples import log
from couples.accounts import Couple, paired_couple
from couples.extensions import db
from couples.forms import StartForm
from couples.scenes import library as scene_library
from couples.scenes.form import SceneForm, blame_in_examples, scene_from
from couples.scenes.models import CustomScene
from exercises import rehearsal
from exercises.rehearsal import library, parse

bp = Blueprint("scenes", __name__, url_prefix="/scenes")
CHART_SESSIONS = 12


def my_couple():
    """The signed-in person's complete couple; 404 while they have none (nothing here to show yet)."""
    couple = paired_couple()
    if couple is None:
        abort(404)
    return couple


def live_rehearsal(couple: Couple) -> log.ExerciseSession | None:
    """The couple's rehearsal in progress, if any (one at a time)."""
    return log.live_session(couple.id, rehearsal.KIND)


@bp.route("/")
@login_required
def index():
    couple = my_couple()
    own = [(row.ref, scene_library.find_scene(couple, row.ref)) for row in scene_library.custom_scenes(couple)]
    return render_template("scenes/index.html", shipped=list(library().items()),
                           own=[(ref, scene) for ref, scene in own if scene], live=live_rehearsal(couple))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    couple = my_couple()
    form = SceneForm()
    problems: list[str] = []
    if form.validate_on_submit():
        data, problems = scene_from(form)
        if not problems:
            problems = blame_in_examples(parse(data))
        if not problems:
            row = CustomScene(couple_id=couple.id, author_id=current_user.id, title=data["title"], scene=data)
            db.session.add(row)
            db.session.flush()
            row.scene = {**data, "id": row.ref}
            db.session.commit()
            return redirect(url_for("scenes.detail", ref=row.ref))
    status = 422 if form.is_submitted() else 200
    return render_template("scenes/new.html", form=form, problems=problems), status


@bp.route("/progress")
@login_required
def progress():
    couple = my_couple()
    played = []
    for session in scene_library.rehearsals_of(couple):
        if not session.options:
            continue
        summary = rehearsal.progress(log.state_of(session, fresh=True))
        played.append({**summary, "date": session.started_at, "session_id": session.id,
                       "live": session.is_live})
    practised = {item["scene_id"] for item in played if item["rounds_done"]}
    # What the two of you did together, in words: no count of first tries, nothing to set one against the other.
    totals = {"scenes": len(practised), "rewrites": sum(i["rewrites"] for i in played), "sessions": len(played)}
    return render_template("scenes/progress.html", played=list(reversed(played)), totals=totals,
                           chart=_chart(played[-CHART_SESSIONS:]))


def _chart(played: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bars for the inline chart: the I statements each rehearsal found (height in percent of the tallest)."""
    top = max([item["rewrites"] for item in played] + [1])
    return [{"date": item["date"], "title": item["title"], "rewrites": item["rewrites"],
             "height": round(100 * item["rewrites"] / top)} for item in played]


@bp.route("/<ref>")
@login_required
def detail(ref: str):
    couple = my_couple()
    scene = scene_library.find_scene(couple, ref)
    if scene is None:
        abort(404)  # another couple's scene and a missing one look the same
    return render_template("scenes/detail.html", ref=ref, scene=scene, start_form=StartForm(),
                           live=live_rehearsal(couple), partner=couple.partner_of(current_user),
                           own=ref not in library())
