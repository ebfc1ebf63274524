"""The answers to a request Hearth could not take just now, in one shape each for pages and for scripts.

A page's form comes back as the "send it again" page (templates/resend/send_again.html): what was typed, in
a form posting to the same address with a fresh token, and a short sentence saying why. A page's script
(a fetch sending or asking for JSON) gets {"ok": false, "error": {"code", "message"}} as the socket replies
do (docs/protocol.md), plus "retry_after" in seconds when waiting is the answer.

  slow_down     429, past a rate limit (couples/limits): Retry-After and when to try again, in words
  page_expired  400, a form whose CSRF token no longer matches the sign-in (open a long while, or the phone
                dropped its cookie while the person is still signed in through "keep me signed in")
  signed_out    400 for a token the browser lost with its cookie, 401 for a form sent after signing out;
                the words stay on screen to copy, with a sign-in link that opens a new tab; "Send again" only
                when the form carried its writer's `_owner` token (owner.py), else "sign in and paste it"
  someone_else  409, a form whose `_owner` names someone other than who is signed in now (or is forged):
                the words on screen to copy, never sent, never saved as the person signed in

A form with nothing long to copy (signing in, an invitation code) offers "Try again", not "Send again" and
"Copy my words".
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import Response, jsonify, make_response, render_template, request, url_for
from flask_login import current_user

from couples.resend.owner import carried, sent_by_someone_else
from couples.resend.typed import Typed, typed_fields

SOMEONE_ELSE = ("These words were written while someone else was signed in here, so we haven't saved them. "
                "Copy them if they're yours.")
SHORT_WAIT = 10 * 60  # seconds: up to this a wait is "a short breather"; longer is "a while"


def wants_json() -> bool:
    """Whether the request came from a page's script: it sent JSON, or it asks for JSON above HTML."""
    return request.is_json or request.accept_mimetypes.best_match(("text/html", "application/json")) == \
        "application/json"


def in_words(seconds: int) -> str:
    """How long to wait, as a person would say it: "in a few seconds", "in about a minute", "in about 12 minutes"."""
    if seconds < 45:
        return "in a few seconds"
    if seconds < 90:
        return "in about a minute"
    minutes = math.ceil(seconds / 60)
    if minutes < 50:
        return f"in about {minutes} minutes"
    if minutes < 90:
        return "in about an hour"
    return f"in about {round(minutes / 60)} hours"


def breather(seconds: int) -> str:
    """How a wait of `seconds` is named: up to SHORT_WAIT "Let's take a short breather"; an hour's wait (a sign-in
    limit) "Let's pause here for a while". The forms' page and the socket's replies say it the same way."""
    return "Let's take a short breather" if seconds <= SHORT_WAIT else "Let's pause here for a while"


def slow_down(seconds: int) -> Response:
    """429 with Retry-After: a calm sentence fitting the wait (`breather`), and what the person typed, ready to send
    again."""
    title = "A short breather" if seconds <= SHORT_WAIT else "Let's pause for a while"
    message = f"{breather(seconds)}. You can try again {in_words(seconds)}."
    response = _answer(429, "slow_down", message, title=title, retry_after=seconds)
    response.headers["Retry-After"] = str(seconds)
    return response


def from_this_site() -> bool:
    """Whether one of Hearth's own pages sent the request: its Origin (or, lacking one, its Referer) names this
    host. Browsers send Origin with every form POST. A form posted from another site is never given back: its
    "Send again" would send that site's words with this person's sign-in, the very thing the token stops."""
    source = request.headers.get("Origin") or request.referrer or ""
    return source not in ("", "null") and urlsplit(source).netloc == request.host


def form_refused() -> Response | None:
    """A form whose CSRF check failed: 400, its words given back to send again (or to copy, if signed out);
    None for one another site sent (the plain error page answers it)."""
    if not wants_json() and not from_this_site():
        return None
    if current_user.is_authenticated or request.blueprint == "auth":  # signing in or up needs no sign-in first
        return _answer(400, "page_expired", "This page was open for a while, so we need you to send it once more. "
                       "Nothing was changed. What you wrote is here, ready when you are.",
                       title="Let's send that again")
    return signed_out(400)


def signed_out(status: int = 401) -> Response:
    """A form sent by someone no longer signed in: their words on screen, to copy or to send after signing in."""
    if wants_json():
        return _answer(status, "signed_out", "You've been signed out. Nothing was changed. Copy what you wrote, sign "
                       "in again in a new tab, then come back and try again.", title="")
    if carried() != "valid":  # no token says whose words these are: whoever signs in next must not send them
        return _answer(status, "signed_out", "You've been signed out on this device. Nothing was changed. What you "
                       "wrote is here: copy it, sign in again, then paste it where it goes.",
                       title="You've been signed out", needs_sign_in=True, can_send=False)
    return _answer(status, "signed_out", "You've been signed out on this device. Nothing was changed. What you "
                   "wrote is safe here, to copy or to send.", title="You've been signed out", needs_sign_in=True)


def someone_else() -> Response:
    """409: words written while another person was signed in (their `_owner` names someone else, or was
    forged): on screen to copy, never sent again from here."""
    return _answer(409, "someone_else", SOMEONE_ELSE, title="These words weren't saved", can_send=False)


def _answer(status: int, code: str, message: str, *, title: str, retry_after: int | None = None,
            needs_sign_in: bool = False, can_send: bool = True) -> Response:
    if code != "someone_else" and request.method == "POST" and sent_by_someone_else():
        return someone_else()  # whatever else went wrong, these words are never offered to send as this person
    if wants_json():
        error: dict[str, object] = {"code": code, "message": message}
        if retry_after is not None:
            error["retry_after"] = retry_after
        response = jsonify(ok=False, error=error)
        response.status_code = status
        return response
    fields: list[Typed] = typed_fields() if request.method == "POST" else []
    long_words = any(field.long for field in fields)
    page = render_template("resend/send_again.html", title=title, message=message, fields=fields,
                           action=request.full_path.rstrip("?"), method=request.method, code=code,
                           needs_sign_in=needs_sign_in, token_url=url_for("resend.token"),
                           sign_in_url=url_for("auth.login"), can_send=can_send, long_words=long_words,
                           words=any(field.words for field in fields),
                           forgot_url=url_for("auth.forgot_password") if request.endpoint == "auth.login" else None)
    return make_response(page, status)
