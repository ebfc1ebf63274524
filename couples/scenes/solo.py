"""Solo practice: one person rehearses a scene alone, Hearth reading the other role. Private to that person.

Nothing here touches the couple's sessions, sockets or rooms: the partner is never told, and solo
progress appears only on the person's own /solo page. Like every conflict tool it opens only past the
private safety check (couples/safety). Drafts are coached over small JSON requests
(CSRF in the X-CSRFToken header) and judged on the server by the same rule as a live rehearsal. Each request's
body is read by its schema below (couples/schemas.py, as the socket's payloads are): a field it doesn't name, a
missing one, a value of another type or text that isn't clean is `bad_request`, with a kind sentence.
"""

from __future__ import annotations

from typing import Annotated, Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from pydantic import Field
from sqlalchemy import select

import nlp
from couples import coaching, safety
from couples.accounts import paired_couple
from couples.clock import utcnow
from couples.extensions import db
from couples.forms import EmptyForm
from couples.scenes.library import find_scene
from couples.scenes.models import SoloRun
from couples.schemas import BadPayload, CleanText, Draft, Schema, json_body, refused
from exercises import rehearsal
from exercises.rehearsal import REWRITE_MAX, judge, parse, reason_sentence
from nlp import reads_as_i_statement

bp = Blueprint("solo", __name__)
bp.register_error_handler(BadPayload, refused)
LineIndex = Annotated[int, Field(ge=0)]  # a line of the scene, counted from 0; whose it is, the view judges


class Rewrite(Schema):
    """`rewrite`: {"line", "text"}, a try at one of the person's rewrite lines."""

    line: LineIndex
    text: CleanText


class Line(Schema):
    """`example`: {"line"}, the line whose example rewrite is asked for."""

    line: LineIndex


class Finish(Schema):
    """`finish`: {}."""


class SoloError(Exception):
    """A request solo practice can't take; the sentence is safe to show."""

    def __init__(self, message: str, code: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.status = code, status


@bp.errorhandler(SoloError)
def _refused(error: SoloError):
    return jsonify(ok=False, error={"code": error.code, "message": str(error)}), error.status


def my_run(run_id: int) -> SoloRun:
    """The signed-in person's own solo run; 404 for anyone else's (they look like missing ones)."""
    run = db.session.get(SoloRun, run_id)
    if run is None or run.user_id != current_user.id:
        abort(404)
    return run


@bp.route("/scenes/<ref>/solo", methods=["GET", "POST"])
@login_required
def begin(ref: str):
    scene = find_scene(paired_couple(), ref)  # before pairing: the shipped scenes, to practise alone
    if scene is None:
        abort(404)
    closed = safety.page_gate(rehearsal.KIND)  # practising a conflict script alone is a conflict tool too
    if closed is not None:
        return closed
    form = EmptyForm()
    role = request.form.get("role", "")
    if form.validate_on_submit() and role in scene.role_ids:
        run = SoloRun(user_id=current_user.id, scene_ref=ref, role_id=role, scene={**scene.to_dict(), "id": ref},
                      rewrites={})
        db.session.add(run)
        db.session.commit()
        return redirect(url_for("solo.practice", run_id=run.id))
    return render_template("scenes/solo_begin.html", ref=ref, scene=scene, form=form,
                           problem="Please choose a role to play." if form.is_submitted() else None)


@bp.route("/solo/<int:run_id>")
@login_required
def practice(run_id: int):
    run = my_run(run_id)
    closed = safety.page_gate(rehearsal.KIND) if run.finished_at is None else None
    if closed is not None:
        return closed
    scene = parse(run.scene)
    script = {"title": scene.title, "situation": scene.situation, "me": run.role_id, "finished": bool(run.finished_at),
              "roles": {role.id: role.name for role in scene.roles},
              "lines": [{"role": line.role, "text": line.text, "rewrite": line.rewrite,
                         # Hearth reads the other role's rewrite lines the kind way
                         "hearth_says": line.model_rewrite if line.rewrite and line.role != run.role_id else None}
                        for line in scene.lines],
              "accepted": {index: record["accepted"] for index, record in (run.rewrites or {}).items()
                           if record.get("accepted")}}
    return render_template("scenes/solo.html", run=run, scene=scene, script=script)


def _my_rewrite_line(run: SoloRun, index: int) -> int:
    lines = run.scene["lines"]
    if not index < len(lines) or not lines[index]["rewrite"] or lines[index]["role"] != run.role_id:
        raise SoloError("That isn't one of your lines to rewrite.", "not_your_line")
    return index


def _text(text: str) -> str:
    """The words of a try (clean already: the schema's), trimmed; empty or past REWRITE_MAX refused kindly."""
    if not text.strip():
        raise SoloError("Please write your I statement first.", "empty_text")
    if len(text.strip()) > REWRITE_MAX:
        raise SoloError(f"That's a lot to hold at once. Please keep it under {REWRITE_MAX:,} characters.", "too_long")
    return text.strip()


def _record(run: SoloRun, index: int, **changes: Any) -> dict[str, Any]:
    rewrites = dict(run.rewrites or {})
    record = {"attempts": [], "example_shown": False, "accepted": None, **rewrites.get(str(index), {})}
    for key, value in changes.items():
        record[key] = record[key] + [value] if key == "attempts" else value
    rewrites[str(index)] = record
    run.rewrites = rewrites  # a new dict, so the JSON column is saved
    return record


@bp.route("/solo/<int:run_id>/coach", methods=["POST"])
@login_required
def coach(run_id: int):
    """A draft, after a pause in typing: the same private coaching as the live page's `coach` event."""
    my_run(run_id)
    return jsonify(ok=True, analysis=coaching.draft_reply(json_body(Draft).text))


@bp.route("/solo/<int:run_id>/rewrite", methods=["POST"])
@login_required
def rewrite(run_id: int):
    """A try at one of the person's rewrite lines: accepted when free of blame, an I statement, and on the scene's
    topic (`judge`, as in a live rehearsal)."""
    run = my_run(run_id)
    body = json_body(Rewrite)
    index, text = _my_rewrite_line(run, body.line), _text(body.text)
    if (run.rewrites or {}).get(str(index), {}).get("accepted"):
        raise SoloError("You've already found your words for this line.", "not_now")
    analysis = nlp.analyze(text)
    coach = {"blaming": analysis.blaming, "kinds": sorted({f.kind for f in analysis.flags}), "care": analysis.care,
             "i_statement": reads_as_i_statement(text)}
    reason = judge(text, coach, run.scene["topic_words"])
    _record(run, index, attempts={"text": text, "reason": reason, "kinds": coach["kinds"]},
            accepted=None if reason else text)
    db.session.commit()
    return jsonify(ok=True, accepted=not reason, reason=reason, why=reason_sentence(reason),
                   care_note=coaching.CARE_NOTE if analysis.care else None)


@bp.route("/solo/<int:run_id>/example", methods=["POST"])
@login_required
def example(run_id: int):
    """The scene's example rewrite for one of the person's lines (noted, so a first try is counted fairly)."""
    run = my_run(run_id)
    index = _my_rewrite_line(run, json_body(Line).line)
    _record(run, index, example_shown=True)
    db.session.commit()
    return jsonify(ok=True, example=run.scene["lines"][index]["model_rewrite"])


@bp.route("/solo/<int:run_id>/finish", methods=["POST"])
@login_required
def finish(run_id: int):
    run = my_run(run_id)
    json_body(Finish)
    run.finished_at = run.finished_at or utcnow()
    db.session.commit()
    return jsonify(ok=True, summary=run_summary(run))


def run_summary(run: SoloRun) -> dict[str, Any]:
    """One solo run in numbers: rewrites accepted, of them on the first try, and tries in all."""
    records = (run.rewrites or {}).values()
    accepted = [r for r in records if r.get("accepted")]
    return {"rewrites": len(accepted), "attempts": sum(len(r.get("attempts", [])) for r in records),
            "first_try": sum(1 for r in accepted if len(r["attempts"]) == 1 and not r.get("example_shown"))}


def solo_copy(user_id: int) -> list[dict[str, Any]]:
    """A person's solo practice for their readable export, oldest first: [{"date" (naive UTC, for the `day`
    filter), "title", "rewrites": [the I statements accepted]}]; the drafts that were not accepted stay in the JSON
    copy only."""
    runs = db.session.scalars(select(SoloRun).filter_by(user_id=user_id).order_by(SoloRun.started_at, SoloRun.id))
    return [{"date": run.started_at, "title": (run.scene or {}).get("title", "A scene"),
             "rewrites": [r["accepted"] for r in (run.rewrites or {}).values() if r.get("accepted")]} for run in runs]


@bp.route("/solo")
@login_required
def mine():
    """The person's own solo practice, newest first; nobody else ever sees this page's contents."""
    runs = list(db.session.scalars(select(SoloRun).filter_by(user_id=current_user.id)
                                   .order_by(SoloRun.started_at.desc(), SoloRun.id.desc()).limit(50)))
    return render_template("scenes/solo_mine.html", runs=[(run, run_summary(run)) for run in runs])
