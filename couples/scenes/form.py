"""The form a couple writes their own scene with, and how its script box becomes a scene dict.

The script is one row per line, starting with a role's name and a colon. A row starting with
"I statement:" under a line marks that line for rewriting and gives the example rewrite:

    Robin: You never text when you're running late.
    I statement: I get worried when I don't hear from you. A quick text would help.
    Sam: My phone died.
"""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

import nlp
from couples.forms import stripped
from exercises.rehearsal import Scene, has_markup, problems

I_STATEMENT = re.compile(r"^\s*i[ -]?statement\s*:\s*(.*)$", re.IGNORECASE)
ROLE_IDS = ("one", "two")


def no_markup(form: FlaskForm, field: Any) -> None:
    """Plain words only: HTML tags are refused with a kind sentence."""
    if isinstance(field.data, str) and has_markup(field.data):
        raise ValidationError("Please leave HTML (like <b> or <script>) out; plain words are all a scene needs.")


class SceneForm(FlaskForm):
    title = StringField("A short title", filters=[stripped], validators=[
        DataRequired("Please give your scene a title."), Length(max=80, message="A title of up to 80 characters."),
        no_markup])
    situation = TextAreaField("The situation", filters=[stripped], validators=[
        DataRequired("Please describe the moment the scene starts in."),
        Length(max=500, message="Please keep the situation to 500 characters or fewer."), no_markup])
    role_one = StringField("First role's name", filters=[stripped], validators=[
        DataRequired("Please name the first role."), Length(max=30, message="A name of up to 30 characters."),
        no_markup])
    role_two = StringField("Second role's name", filters=[stripped], validators=[
        DataRequired("Please name the second role."), Length(max=30, message="A name of up to 30 characters."),
        no_markup])
    topic_words = StringField("Topic words", filters=[stripped], validators=[
        DataRequired("Please add a few words the scene is about."),
        Length(max=300, message="A handful of words is plenty."), no_markup])
    script = TextAreaField("The scene, one line per row", filters=[stripped], validators=[
        DataRequired("Please write the scene's lines."),
        Length(max=6000, message="That's a long scene. Please keep it to 12 lines."), no_markup])


def script_lines(script: str, names: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The lines of a script box and any problems with its rows; `names` maps a lowercase name to a role id."""
    lines: list[dict[str, Any]] = []
    out: list[str] = []
    for number, row in enumerate(script.splitlines(), 1):
        if not row.strip():
            continue
        statement = I_STATEMENT.match(row)
        if statement:
            if not lines or lines[-1]["rewrite"]:
                out.append(f"Row {number} is an I statement without a line of its own just above it to rewrite.")
            else:
                lines[-1].update(rewrite=True, model_rewrite=statement.group(1).strip())
            continue
        name, colon, text = row.partition(":")
        role = names.get(name.strip().lower())
        if not colon or role is None:
            out.append(f"Row {number} should start with one of your two role names and a colon, "
                       f"like “{next(iter(names.values()), '')}: …”." if not names else
                       f"Row {number} should start with {' or '.join(_titles(names))} and a colon.")
            continue
        lines.append({"role": role, "text": text.strip(), "rewrite": False})
    return lines, out


def _titles(names: dict[str, str]) -> list[str]:
    return [name.title() for name in names]


def scene_from(form: SceneForm) -> tuple[dict[str, Any], list[str]]:
    """The scene dict the form describes, and every reason it can't be saved yet ([] when it can)."""
    role_names = (form.role_one.data or "", form.role_two.data or "")
    names = {name.lower(): role for name, role in zip(role_names, ROLE_IDS, strict=True) if name}
    lines, out = script_lines(form.script.data or "", names)
    words = [w.lower() for w in re.split(r"[,\s]+", form.topic_words.data or "") if w]
    data = {"id": "custom-new", "title": form.title.data, "situation": form.situation.data,
            "roles": [{"id": role, "name": name} for role, name in zip(ROLE_IDS, role_names, strict=True)],
            "topic_words": words, "lines": lines}
    return data, out + problems(data)


def blame_in_examples(scene: Scene) -> list[str]:
    """Sentences for example rewrites that nlp still hears blame in (an example must be a good one)."""
    out = []
    for number, line in enumerate(scene.lines, 1):
        if line.rewrite and line.model_rewrite:
            analysis = nlp.analyze(line.model_rewrite)
            if analysis.blaming or analysis.care:
                heard = ", ".join(f"“{flag.text}”" for flag in analysis.flags)
                out.append(f"The I statement for line {number} still sounds a little blaming to Hearth"
                           f"{f' ({heard})' if heard else ''}. Try starting with how you feel, then what you need.")
    return out
