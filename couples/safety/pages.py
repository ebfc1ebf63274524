"""The quick exit every page offers, and the page that says honestly what it can and cannot do.

The quick exit (static/js/safety/quick_exit.js) signs the person out here, then leaves for a neutral
page that replaces the current history entry, so the back button finds only the sign-in page. Its
destination is a setting (HEARTH_QUICK_EXIT_URL) a deployment may change for its own region.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from couples.accounts import ends_access, sign_out

bp = Blueprint("safety", __name__, url_prefix="/safety")


@bp.app_context_processor
def quick_exit() -> dict[str, Any]:
    """`quick_exit_url` for every page's quick exit."""
    return {"quick_exit_url": current_app.config["HEARTH_QUICK_EXIT_URL"]}


@bp.route("/")
def about() -> str:
    """What the quick exit does and doesn't do, and how to browse more privately; open to anyone."""
    return render_template("safety/about.html")


@bp.route("/quick-exit", methods=["POST"])
@ends_access  # a page open for hours, its token stale, must still sign the person out
def leave() -> tuple[str, int]:
    """Sent by the quick exit as it leaves (a beacon, with the page's CSRF token): ends the sign-in at once."""
    sign_out()  # on the server too: the sign-in, its cookies and its open sockets end here
    return "", 204
