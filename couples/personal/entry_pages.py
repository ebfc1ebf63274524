"""The journal, toolkit, gratitude and affirmations pages of a person's own space (/me/<kind>/), and search.

One set of views serves every kind in entries.KINDS. Every entry is its author's alone: another
person's is a 404 (the partner's included), lists and search hold only one's own, and a gratitude entry
"brought to check-in" is offered on its author's check-in page only.
"""

from __future__ import annotations

import re
from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from couples import coaching
from couples.extensions import db
from couples.forms import EmptyForm, stripped
from couples.personal import entries
from couples.personal.models import Entry, PersonalSetting, Reflection
from couples.personal.pages import bp, reading_of
from couples.schemas import BadPayload, Draft, json_body, refused

SEARCH_MAX = 100
bp.register_error_handler(BadPayload, refused)  # the journal coach's JSON body, read by its schema


def form_class(kind: entries.Kind) -> type[FlaskForm]:
    """A form with one field per entries.Field of `kind`."""
    attrs: dict[str, Any] = {}
    for field in kind.fields:
        cls = TextAreaField if field.long else StringField
        needed = DataRequired("Please add a few words here first.") if field.required else Optional()
        attrs[field.name] = cls(field.label, filters=[stripped], validators=[
            needed, Length(max=field.limit, message=f"Please keep this to {field.limit:,} characters or fewer.")],
            render_kw={"maxlength": field.limit})
    return type(f"{kind.name.title()}Form", (FlaskForm,), attrs)


FORMS = {name: form_class(kind) for name, kind in entries.KINDS.items()}


class FlagForm(FlaskForm):
    flag = HiddenField(validators=[DataRequired()])


def kind_of(name: str) -> entries.Kind:
    kind = entries.KINDS.get(name)
    if kind is None:
        abort(404)
    return kind


def entries_of(user_id: int, kind: str | None = None, newest_first: bool = True) -> list[Entry]:
    """A person's entries (of one kind), newest or oldest first."""
    query = select(Entry).where(Entry.user_id == user_id)
    if kind is not None:
        query = query.where(Entry.kind == kind)
    order = (Entry.created_at.desc(), Entry.id.desc()) if newest_first else (Entry.created_at, Entry.id)
    return list(db.session.scalars(query.order_by(*order)))


def my_entries(kind: str | None = None) -> list[Entry]:
    """The signed-in person's entries (of one kind), newest first."""
    return entries_of(current_user.id, kind)


def my_entry(kind: str, entry_id: int) -> Entry:
    """The signed-in person's own entry of `kind`; 404 for anyone else's (it looks like a missing one)."""
    entry = db.session.get(Entry, entry_id)
    if entry is None or entry.user_id != current_user.id or entry.kind != kind:
        abort(404)
    return entry


@bp.route("/<kind_name>/", methods=["GET", "POST"])
@login_required
def entry_list(kind_name: str) -> str | Response:
    """A kind's entries and the form to add one."""
    kind = kind_of(kind_name)
    form = FORMS[kind.name]()
    if form.validate_on_submit():
        db.session.add(Entry(user_id=current_user.id, kind=kind.name, flags={},
                             fields={f.name: getattr(form, f.name).data or "" for f in kind.fields}))
        db.session.commit()
        flash("Kept.", "info")
        return redirect(url_for("personal.entry_list", kind_name=kind.name))
    rows = my_entries(kind.name)
    return render_template("personal/entries.html", kind=kind, form=form, rows=rows, flag_form=FlagForm(),
                           coached=kind.name == "journal" and coaches_journal(current_user.id),
                           empty_form=EmptyForm(), starters=entries.STARTERS if kind.name == "toolkit" else (),
                           common=entries.most_common_situations(r.fields for r in reversed(rows))
                           if kind.name == "journal" else [])


@bp.route("/<kind_name>/<int:entry_id>", methods=["GET", "POST"])
@login_required
def entry_edit(kind_name: str, entry_id: int) -> str | Response:
    """One entry, to read and change (adding what helped to a journal entry later, say)."""
    kind = kind_of(kind_name)
    entry = my_entry(kind.name, entry_id)
    form = FORMS[kind.name](data=entry.fields if request.method == "GET" else None)
    if form.validate_on_submit():
        entry.fields = {f.name: getattr(form, f.name).data or "" for f in kind.fields}
        db.session.commit()
        flash("Saved.", "info")
        return redirect(url_for("personal.entry_list", kind_name=kind.name))
    return render_template("personal/entry.html", kind=kind, form=form, entry=entry, empty_form=EmptyForm())


@bp.route("/<kind_name>/<int:entry_id>/flag", methods=["POST"])
@login_required
def entry_flag(kind_name: str, entry_id: int) -> Response:
    """Turn one of an entry's yes/no choices on or off."""
    kind = kind_of(kind_name)
    entry, form = my_entry(kind.name, entry_id), FlagForm()
    if not form.validate_on_submit() or form.flag.data not in {name for name, _off, _on in kind.flags}:
        abort(400)
    flags = {**(entry.flags or {}), form.flag.data: not (entry.flags or {}).get(form.flag.data, False)}
    if form.flag.data == "bring_to_checkin":
        flags.pop("offered_in", None)  # marked (again): offered in the next check-in that opens
    entry.flags = flags
    db.session.commit()
    return redirect(url_for("personal.entry_list", kind_name=kind.name, _anchor=f"entry-{entry.id}"))


@bp.route("/<kind_name>/<int:entry_id>/delete", methods=["POST"])
@login_required
def entry_delete(kind_name: str, entry_id: int) -> str | Response:
    """Delete an entry for good, once the person has confirmed it (the first press asks)."""
    kind = kind_of(kind_name)
    entry = my_entry(kind.name, entry_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if request.form.get("confirm") != "yes":
        return render_template("personal/delete.html", kind=kind, entry=entry, empty_form=EmptyForm(),
                               summary=entries.summary(entry.fields))
    db.session.delete(entry)
    db.session.commit()
    flash("Deleted.", "info")
    return redirect(url_for("personal.entry_list", kind_name=kind.name))


@bp.route("/toolkit/starter", methods=["POST"])
@login_required
def add_starter() -> Response:
    """Add one of the gentle starters to one's own toolkit."""
    number = request.form.get("starter", "")
    if not EmptyForm().validate_on_submit() or not re.fullmatch(r"[0-9]{1,3}", number) or (
            int(number) >= len(entries.STARTERS)):
        abort(400)
    words = entries.STARTERS[int(number)]
    if any(row.fields.get("text") == words for row in my_entries("toolkit")):
        flash("That one is already in your toolkit.", "info")
    else:
        db.session.add(Entry(user_id=current_user.id, kind="toolkit", flags={}, fields={"text": words}))
        db.session.commit()
        flash("Added to your toolkit.", "info")
    return redirect(url_for("personal.entry_list", kind_name="toolkit"))


def coaches_journal(user_id: int) -> bool:
    """Whether the person turned on the coach for their journal (off until they do)."""
    setting = db.session.get(PersonalSetting, user_id)
    return bool(setting and setting.coach_journal)


@bp.route("/journal/coaching", methods=["POST"])
@login_required
def toggle_journal_coaching() -> Response:
    """Turn the private coach on or off for one's own journal."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    setting = db.session.get(PersonalSetting, current_user.id) or PersonalSetting(user_id=current_user.id)
    setting.coach_journal = not coaches_journal(current_user.id)
    db.session.add(setting)
    db.session.commit()
    flash("The coach will read your journal as you write, for you alone." if setting.coach_journal
          else "The coach won't read your journal.", "info")
    return redirect(url_for("personal.entry_list", kind_name="journal"))


@bp.route("/coach", methods=["POST"])
@login_required
def coach() -> Response | tuple[Response, int]:
    """A journal draft, after a pause in typing, read by the private coach: only if its author turned it on. The
    body is {"text"} (couples/schemas.py `Draft`); anything else is `bad_request` with a kind sentence."""
    if not coaches_journal(current_user.id):
        return jsonify(ok=False, error={"code": "coach_off", "message": "The coach is off for your journal."}), 403
    return jsonify(ok=True, analysis=coaching.draft_reply(json_body(Draft).text))


@bp.route("/search", methods=["GET", "POST"])
@login_required
def search() -> str:
    """One's own entries that hold the words searched for. The words go in a POST, so they are never in an
    address, the browser's history or a server log."""
    query = " ".join(request.form.get("q", "").split())[:SEARCH_MAX] if EmptyForm().validate_on_submit() else ""
    found = [e for e in my_entries() if e.kind in entries.KINDS and entries.matches(e.fields, query)] if query else []
    return render_template("personal/search.html", query=query, found=found, kinds=entries.KINDS,
                           empty_form=EmptyForm())


def brought_to_checkin(user_id: int, session_id: int) -> dict[str, list[str]]:
    """The gratitude and small wins a person marked to bring to check-in, oldest first, for them alone:
    {"appreciation": thank-yous, "win": small wins}, each offered in that step of the check-in.

    Each is brought to one check-in, the first one they open after marking it (this one, `session_id`):
    it is offered again on that check-in's page, never in a later one, unless they mark it again.
    """
    offered: dict[str, list[str]] = {"appreciation": [], "win": []}
    first_time = False
    for row in entries_of(user_id, "gratitude", newest_first=False):
        flags = row.flags or {}
        if not flags.get("bring_to_checkin") or flags.get("offered_in", session_id) != session_id:
            continue
        if "offered_in" not in flags:
            row.flags, first_time = {**flags, "offered_in": session_id}, True
        offered["win" if flags.get("small_win") else "appreciation"].append(str(row.fields.get("text", "")))
    if first_time:  # a reload of the same check-in writes nothing
        db.session.commit()
    return offered


def affirmations(user_id: int, where: str) -> list[str]:
    """A person's affirmations marked to show `where` ("show_in_room" or "show_on_pause")."""
    return [str(row.fields.get("text", "")) for row in entries_of(user_id, "affirmation", newest_first=False)
            if (row.flags or {}).get(where)]


def readable_copy(user_id: int) -> list[dict[str, Any]]:
    """Everything in a person's own space as plain sections for their readable export, oldest first:
    [{"title": str, "items": [{"date": datetime (naive UTC: the page's `day` filter shows it on the reader's
    calendar), "lines": [(label, words)]}]}]. Reflections appear as the sentences their result page shows, never
    as numbers."""
    sections = []
    for kind in entries.KINDS.values():
        rows = entries_of(user_id, kind.name, newest_first=False)
        if rows:
            items = [{"date": row.created_at,
                      "lines": [(f.label, row.fields[f.name]) for f in kind.fields if row.fields.get(f.name)]
                      + [(on.split(" (")[0], "yes") for name, _off, on in kind.flags if row.flags.get(name)]}
                     for row in rows]
            sections.append({"title": kind.title, "items": items})
    taken = db.session.scalars(select(Reflection).where(Reflection.user_id == user_id).order_by(Reflection.taken_at))
    reflections = [{"date": row.taken_at, "lines": [("", words) for words in reading_of(row).reflection()]}
                   for row in taken]
    if reflections:
        sections.append({"title": "Your reflections", "items": reflections})
    return sections
