"""Whose words a form carries: a signed owner token, so "Send again" only ever saves words as their writer.

Every page drawn for a signed-in person carries `<meta name="hearth-owner" content=token>` (templates/base.html);
static/js/resend/owner.js copies it into a hidden `_owner` field of every same-origin POST form as it is sent.
The token is the person's id signed with SECRET_KEY (itsdangerous, salt "form-owner"): nobody can write one
for someone else. A form sent after signing out keeps it on the "send it again" page, so when a different
person has signed in in another tab meanwhile, the words come back to copy instead of going into their account.

  owner_token(user_id)  the token for a person
  owner_of(token)       the person it names, or None for a token that doesn't verify
  sent_by_someone_else  whether this request's `_owner` is forged or names someone other than who is signed in
"""

from __future__ import annotations

from typing import Literal

from flask import current_app, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

OWNER_FIELD = "_owner"
LABELS_FIELD = "_labels"
SALT = "form-owner"

Carried = Literal["none", "valid", "forged"]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def owner_token(user_id: int) -> str:
    """The signed token naming `user_id` (URL-safe text, about 40 characters; it never expires: it only
    says who wrote, and a page may stay open for days)."""
    return str(_serializer().dumps(user_id))


def owner_of(token: str) -> int | None:
    """The user id `token` names, or None if it is not one Hearth signed with this SECRET_KEY."""
    try:
        owner = _serializer().loads(token)
    except BadSignature:
        return None
    return owner if isinstance(owner, int) and not isinstance(owner, bool) else None


def carried() -> Carried:
    """What the current request's form says of its writer: no token ("none", a browser without JavaScript or a
    form not from a signed-in page), one Hearth signed ("valid"), or one it did not ("forged")."""
    token = request.form.get(OWNER_FIELD) if request.method == "POST" else None
    if not token:
        return "none"
    return "valid" if owner_of(token) is not None else "forged"


def sent_by_someone_else() -> bool:
    """Whether this POST's `_owner` doesn't verify, or names someone other than the person signed in now.

    Signed out, a token that verifies is let through: the view asks for a sign-in (and the words come back
    with their token kept) or needs none (signing in, a link from an inbox); no one's account is written."""
    token = request.form.get(OWNER_FIELD) if request.method == "POST" else None
    if not token:
        return False
    owner = owner_of(token)
    if owner is None:
        return True
    return bool(current_user.is_authenticated) and owner != current_user.id
