"""Forms every package's pages share (Flask-WTF, with CSRF): a bare button, and Start for an exercise."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField
from wtforms.validators import DataRequired

from exercises import is_blank


def stripped(value: str | None) -> str | None:
    """People paste emails and codes with spaces or a newline around them; those aren't part of it. Text that
    holds nothing visible (only zero-width or direction characters) becomes empty, so "required" catches it."""
    if not isinstance(value, str):
        return value
    return "" if is_blank(value) else value.strip()


def refuse(field: Field, message: str) -> None:
    """Show `message` under `field`, beside what its own validators said."""
    field.errors = [*field.errors, message]


class EmptyForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""


class StartForm(FlaskForm):
    """Start an exercise of `kind` (or join the one already live), from the room or an agreement or scene page."""

    kind = HiddenField(validators=[DataRequired()])
