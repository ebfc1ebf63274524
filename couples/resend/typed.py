"""What a person typed into a refused form, read back from the request to be put in a form again.

Passwords are never written back into a page: their boxes come back empty, to be typed again. The CSRF token
is never copied (the page gets a fresh one). Anything else comes back as it was sent, to be escaped by Jinja:
long or several-line text in a text area, a ticked box ticked, other values in one-line boxes, a token a form
carries for its own reasons (a reset link's) kept hidden, and so the writer's `_owner` token (owner.py) and
the `_labels` the page sent.

Labels are the form's own: static/js/resend/owner.js sends `_labels`, a JSON object of field name to the text
of its <label for=...>, with every form. Only labels of fields actually sent are used, each cut to LABEL_MAX
characters (Jinja escapes them). Without it (a browser without JavaScript), KNOWN names Hearth's forms use;
anything else is "Your words". A password box is always "<label> (type it again)".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from flask import request

from couples.resend.owner import LABELS_FIELD, OWNER_FIELD, carried

CSRF_FIELD = "csrf_token"
LONG = 80  # characters: past this a one-line box hides most of the words, so a text area shows them
WORTH_COPYING = 200  # characters: a one-line field longer than this is words worth a "Copy" button
LABEL_MAX = 120  # characters of a label sent by the page; Hearth's longest is 62
LABELS_MAX = 8_000  # characters of the whole `_labels` field read; more is not a page of ours
TICKED = ("y", "on")  # what a ticked WTForms BooleanField or a bare checkbox sends
FALLBACK = "Your words"
PASSWORD = "Your password"
AGAIN = " (type it again)"

# Field names of Hearth's forms with free text (their boxes are text areas) and their labels, for a form sent
# without `_labels`. (label, free text)
KNOWN: dict[str, tuple[str, bool]] = {
    "situation": ("The situation, in a few words", False),
    "happened": ("What happened", True),
    "felt": ("What I felt", True),
    "did": ("What I did", True),
    "helped": ("What helped, or might next time", True),
    "text": ("Your words", True),
    "email": ("Email", False),
    "new_email": ("Your new email", False),
    "display_name": ("What should your partner see you as?", False),
    "code": ("Invitation code", False),
    "remember": ("Keep me signed in on this device", False),
}
SECRET_LABELS = {"current_password": "Your current password", "password_again": "Your new password again"}

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
    def long(self) -> bool:
        """Whether this is words worth copying: a free-text box of Hearth's, several lines, or a long line."""
        return self.words and (KNOWN.get(self.name, ("", False))[1] or "\n" in self.value
                               or len(self.value) > WORTH_COPYING)

    @property
    def rows(self) -> int:
        """Rows for a text area showing all of it (about 60 characters a row), at most 16."""
        return min(16, max(self.value.count("\n") + 2, len(self.value) // 60 + 2))


def typed_fields() -> list[Typed]:
    """The fields of the current request's form, in the order sent; empty for a request without one. The
    `_owner` token is kept only when it verifies (a forged one is dropped, never echoed)."""
    fields: list[Typed] = []
    secrets_seen: set[str] = set()
    labels = sent_labels()
    for name, value in request.form.items(multi=True):
        if name == CSRF_FIELD:
            continue
        lowered = name.lower()
        if name == OWNER_FIELD:
            if carried() == "valid" and not any(field.name == name for field in fields):
                fields.append(Typed(name, "", value, "kept"))
        elif name == LABELS_FIELD:
            if labels and not any(field.name == name for field in fields):
                fields.append(Typed(name, "", json.dumps(labels), "kept"))
        elif "password" in lowered:
            if name not in secrets_seen:
                secrets_seen.add(name)
                fields.append(Typed(name, secret_label(name, labels), "", "secret"))
        elif "token" in lowered:
            fields.append(Typed(name, "", value, "kept"))
        elif value in TICKED:
            fields.append(Typed(name, label_for(name, labels), value, "tick"))
        else:
            long = "\n" in value or len(value) > LONG or KNOWN.get(name, ("", False))[1]
            fields.append(Typed(name, label_for(name, labels), value, "text" if long else "line"))
    return fields


def sent_labels() -> dict[str, str]:
    """The `_labels` the page sent, for fields this form sent: names to label texts, each trimmed and cut to
    LABEL_MAX characters; {} when missing or not a JSON object of strings."""
    raw = request.form.get(LABELS_FIELD, "")[:LABELS_MAX] if request.method == "POST" else ""
    try:
        sent = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(sent, dict):
        return {}
    present = set(request.form.keys())
    return {name: " ".join(label.split())[:LABEL_MAX] for name, label in sent.items()
            if isinstance(name, str) and isinstance(label, str) and name in present and label.strip()}


def label_for(name: str, labels: dict[str, str]) -> str:
    """The form's own label for a field, else the one Hearth's forms give that name, else "Your words"."""
    return labels.get(name) or KNOWN.get(name, (FALLBACK, False))[0]


def secret_label(name: str, labels: dict[str, str]) -> str:
    """A password box's label, saying it must be typed again: "Your password (type it again)"."""
    label = SECRET_LABELS.get(name) or labels.get(name) or PASSWORD
    if label.lower() == "password":
        label = PASSWORD
    return label + AGAIN


def anything_typed(fields: list[Typed]) -> bool:
    """Whether the form carried anything beyond its token (a bare button carries nothing)."""
    return any(field.shape != "kept" for field in fields)
