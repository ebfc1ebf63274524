"""Forms every package's pages share (Flask-WTF, with CSRF): a bare button, Start for an exercise, the
radio group every questionnaire asks with, and `stripped`, the filter of every free-text field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in WTForms 3.3; types lag
from wtforms.validators import DataRequired, InputRequired, ValidationError

from couples.text import clean


def stripped(value: str | None) -> str | None:
    """The filter of every free-text field (names, emails, codes, journal entries, scenes...): the text cleaned
    as every socket payload is (couples/text.py: NFC, "\n" line breaks), then trimmed, since people paste
    emails and codes with spaces or a newline around them. Text that holds nothing visible (only zero-width
    or direction characters) becomes empty, so "required" catches it. A character no keyboard sends, or one
    that hides or reorders words (NUL, a direction override), raises ValueError with a kind sentence, which
    WTForms shows under the field; the person's text stays in the box."""
    if not isinstance(value, str):
        return value
    return clean(value).strip()


def refuse(field: Field, message: str) -> None:
    """Show `message` under `field`, beside what its own validators said."""
    field.errors = [*field.errors, message]


class EmptyForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""


class StartForm(FlaskForm):
    """Start an exercise of `kind` (or join the one already live), from the room or an agreement or scene page."""

    kind = HiddenField(validators=[DataRequired()])


class AnswerField(RadioField):
    """One question's radio group (the safety check's, the reflection's): an answer left out, one that isn't
    among `choices` ((value, label) pairs), or one that can't be read as one (with `coerce`), are all met
    with the same kind words, `message`."""

    def __init__(self, label: str, choices: Iterable[tuple[Any, str]], message: str, **kwargs: Any) -> None:
        super().__init__(label, choices=[SelectChoice(value, text) for value, text in choices],
                         validators=[InputRequired(message)], **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.message) from error

    def pre_validate(self, form: FlaskForm) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(self.message) from error

