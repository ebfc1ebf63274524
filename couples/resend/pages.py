"""GET /send-again/token: a fresh CSRF token for the "send it again" page, asked for just before it sends.

Flask-WTF keeps the token's secret in the session. The page's own token was made for the session the
browser had when the page was drawn; signing in again in another tab may give the browser another session
(and so another secret), so the page asks for a token that matches whatever session it has now.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

bp = Blueprint("resend", __name__, url_prefix="/send-again")


@bp.route("/token")
def token() -> Response:
    """{"csrf_token": a token for this browser's session now, "signed_in": whether it is signed in}."""
    response = jsonify(csrf_token=generate_csrf(), signed_in=bool(current_user.is_authenticated))
    response.headers["Cache-Control"] = "no-store"
    return response
