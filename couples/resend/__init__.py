"""Nothing typed is lost: a form Hearth refuses for a reason not the person's words comes back with them.

  typed.py    what was typed into the refused form (never a password, never the token), field by field
  answers.py  the "send it again" page (or JSON for a page's script): slow_down, page_expired, signed_out
  pages.py    /send-again/token: a fresh token, asked for by the page just before it sends again
  owner.py    whose words a form carries: the signed `_owner` token every signed-in page's forms send

`init_app` answers a failed CSRF check (a form open a long while, a phone that dropped its cookie) and a form
sent after signing out with that page; couples/limits answers going too fast with it (`slow_down`). Only a
form one of Hearth's own pages sent is given back (`from_this_site`: its Origin names this host); one that
another site posted gets the plain error page, so a "Send again" can never carry a stranger's words.

Every POST carrying `_owner` is checked before its view runs (`_writer_checked`): a token that doesn't verify or
names someone other than the person signed in gets `someone_else` (409) and the view never runs, so words
written by one person are never saved as another who signed in on the same browser meanwhile.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from flask import Flask, render_template, request
from flask_login import current_user
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError

from couples.extensions import login_manager
from couples.resend import pages
from couples.resend.answers import (breather, form_refused, from_this_site, in_words, signed_out, slow_down,
                                    someone_else, wants_json)
from couples.resend.owner import OWNER_FIELD, owner_token, sent_by_someone_else
from couples.resend.typed import anything_typed, typed_fields

_ours: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def init_app(app: Flask) -> None:
    """Give refused forms back in `app`; call it after accounts.init_app (it keeps sign-in's own answer for
    everything but a form or a script's request sent while signed out)."""
    app.register_blueprint(pages.bp)
    app.register_error_handler(CSRFError, _refused)
    app.before_request(_writer_checked)
    app.context_processor(_owner_meta)
    sign_in_first = login_manager.unauthorized_callback
    if sign_in_first is not None and sign_in_first not in _ours:
        login_manager.unauthorized_handler(_keeping_words(sign_in_first))


def _writer_checked() -> ResponseReturnValue | None:
    """Before every view: a POST whose `_owner` is forged or names someone else is answered, not run."""
    if request.method == "POST" and OWNER_FIELD in request.form and sent_by_someone_else():
        return someone_else()
    return None


def _owner_meta() -> dict[str, Callable[[], str]]:
    """`owner_token()` for templates/base.html's <meta name="hearth-owner"> (signed-in pages only)."""
    return {"owner_token": lambda: owner_token(int(current_user.id))}


def _refused(error: CSRFError) -> ResponseReturnValue:
    """A failed CSRF check: the form given back, or (sent from another site) the plain "didn't work" page."""
    return form_refused() or (render_template("error.html", code=400), 400)


def _keeping_words(sign_in_first: Callable[..., Any]) -> Callable[..., Any]:
    """Flask-Login's answer to a stranger, except that words sent after signing out (in another tab, or a
    sign-in that ended) come back on screen instead of being dropped on the way to the sign-in page."""

    def unauthorized() -> Any:
        if wants_json() or (request.method == "POST" and from_this_site() and anything_typed(typed_fields())):
            return signed_out(401)
        return sign_in_first()

    _ours.add(unauthorized)
    return unauthorized


__all__ = ["breather", "from_this_site", "in_words", "init_app", "signed_out", "slow_down", "wants_json"]
