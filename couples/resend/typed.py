"""What a person typed into a refused form, read back from the request to be put in a form again.

Passwords are never written back into a page: their boxes come back empty, to be typed again. The CSRF token
is never copied (the page gets a fresh one). Anything else comes back as it was sent, to be escaped by Jinja:
long or several-line text in a text area, a ticked box ticked, other values in one-line boxes, a token a form
carries for its own reasons (a reset link's) kept hidden. Labels are made from the field names ("display_name"
becomes "Display name"): the form that was refused is not at hand to ask for its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flask import request

CSRF_FIELD = "csrf_token"
LONG = 80  # characters: past this a one-line box hides most of the words, so a text area shows them
TICKED = ("y", "on")  # what a ticked WTForms BooleanField or a bare checkbox sends

Shape = Literal["line", "text", "tick", "secret", "kept"]


@dataclass(frozen=True)
class Typed:
    """One field of the refused form: its name, a label for it, its value ("" for a secret) and its shape."""

    name: str
    label: str
    value: str
    shape: Shape

    @property
    def words(self) -> bool:
        """Whether this is something the person wrote (what "Copy my words" copies)."""
        return self.shape in ("line", "text") and bool(self.value.strip())

    @property
    def rows(self) -> int:
        """Rows for a text area showing all of it (about 60 characters a row), at most 16."""
        return min(16, max(self.value.count("\n") + 2, len(self.value) // 60 + 2))


def typed_fields() -> list[Typed]:
    """The fields of the current request's form, in the order sent; empty for a request without one."""
    fields: list[Typed] = []
    secrets_seen: set[str] = set()
    for name, value in request.form.items(multi=True):
        if name == CSRF_FIELD:
            continue
        lowered = name.lower()
        if "password" in lowered:
            if name not in secrets_seen:
                secrets_seen.add(name)
                fields.append(Typed(name, label_for(name), "", "secret"))
        elif "token" in lowered:
            fields.append(Typed(name, label_for(name), value, "kept"))
        elif value in TICKED:
            fields.append(Typed(name, label_for(name), value, "tick"))
        else:
            fields.append(Typed(name, label_for(name), value, "text" if "\n" in value or len(value) > LONG else "line"))
    return fields


def label_for(name: str) -> str:
    """A label from a field's name: "display_name" -> "Display name", "current-password" -> "Current password"."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Your words"


def anything_typed(fields: list[Typed]) -> bool:
    """Whether the form carried anything beyond its token (a bare button carries nothing)."""
    return any(field.shape != "kept" for field in fields)
