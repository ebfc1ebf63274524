"""The trends page: how the practice is going, week by week, drawn for the two of you (and one part for you alone).

Only a member of a complete couple sees it, and only their own couple's: the page names no ids, so
there is nothing of another couple to ask for. Someone not yet paired is sent to pairing, as the room does.
The numbers reach the page's script as JSON in a `<script type="application/json">` element (the
Content-Security-Policy runs no inline script); each chart has the same numbers in a table.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from couples.accounts import paired_couple
from couples.clock import utcnow
from couples.history.trends import TREND_WEEKS, is_empty, trends_of

bp = Blueprint("trends", __name__, url_prefix="/trends")


@bp.route("")
@login_required
def trends():
    """The couple's trends as the signed-in partner may see them."""
    couple = paired_couple()
    if couple is None:
        return redirect(url_for("pairing.start"))
    partner = couple.partner_of(current_user)
    shown = trends_of(couple.id, current_user.id, utcnow().date())
    return render_template("history/trends.html", trends=shown, empty=is_empty(shown), weeks=TREND_WEEKS,
                           partner_name=partner.display_name if partner else "Your partner")
