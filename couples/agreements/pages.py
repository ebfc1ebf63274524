"""The agreements page: every agreement of the couple with its history, reviews, and export.

Every page here is the couple's own: an agreement of another couple is a 404, the same as one that
doesn't exist. The room shows agreements due for review through `agreements_due()` in templates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required

from couples import dates, log
from couples.accounts import Couple, paired_couple
from couples.agreements.models import Agreement, AgreementVersion
from couples.agreements.store import agreement_of, agreements_of, due_for_review
from couples.agreements.story import story_of
from couples.clock import utcnow
from couples.forms import StartForm
from exercises.boundary import agreement_diff, agreement_review

bp = Blueprint("agreements", __name__, url_prefix="/agreements")
REVIEWS_SHOWN = 200  # the couple's most recent reviews read for one agreement's page
FIELD_LABELS = {"need": "What's needed", "why": "Why it matters", "consequence": "If it's crossed",
                "review_every_weeks": "Review"}


def today() -> date:
    """Today's date (UTC), the one place the agreements pages read the clock."""
    return utcnow().date()


def my_couple() -> Couple:
    """The signed-in partner's couple; 404 while they have none (nothing to show, nothing to learn)."""
    couple = paired_couple()
    if couple is None:
        abort(404)
    return couple


def names_of(couple: Couple) -> dict[str, str]:
    """Partner ids (as strings) to display names."""
    return {str(member.id): member.display_name for member in couple.members}


def history(agreement: Agreement) -> list[dict[str, Any]]:
    """Each accepted version, newest first: the steps of the talk that led to it (`story`, see story.py), and
    for a version with no talk on record what changed from the one before."""
    shown, before = [], None
    stories = story_of(agreement)
    for version in agreement.versions:
        words = wording(version)
        shown.append({"version": version, "words": words, "changes": agreement_diff.version_changes(before, words),
                      "story": stories.get(version.number, [])})
        before = words
    return shown[::-1]


def wording(version: AgreementVersion) -> dict[str, Any]:
    """A version's words as the diff reads them."""
    return {"need": version.need, "why": version.why, "consequence": version.consequence,
            "review_every_weeks": version.review_every_weeks}


def ordered(agreements: list[Agreement], on: date) -> list[Agreement]:
    """Due ones first, then active ones by their next review, then retired ones."""
    return sorted(agreements, key=lambda a: (not a.is_due(on), not a.is_active, a.next_review, a.id))


@bp.app_context_processor
def due_agreements() -> dict[str, Any]:
    """`agreements_due()` for the room: the couple's agreements whose review date has come."""

    def agreements_due() -> list[dict[str, Any]]:
        couple = paired_couple()
        return due_for_review(couple.id, today()) if couple is not None else []

    return {"agreements_due": agreements_due}


@bp.app_template_filter("nice_date")
def nice_date(iso: str) -> str:
    """An ISO date as people read it: 5 Jan 2027 (couples.dates.day, the one format of every page)."""
    return dates.day(iso)


@bp.route("/")
@login_required
def index():
    couple = my_couple()
    on = today()
    return render_template("agreements/index.html", agreements=ordered(agreements_of(couple.id), on), today=on,
                           names=names_of(couple), start_form=StartForm())


@bp.route("/<int:agreement_id>")
@login_required
def detail(agreement_id: int):
    couple = my_couple()
    agreement = agreement_of(couple.id, agreement_id)
    if agreement is None:
        abort(404)  # another couple's agreement and a missing one look the same
    reviews = [session for session in log.sessions_of(couple, limit=REVIEWS_SHOWN, kind=agreement_review.KIND)
               if ((session.options or {}).get("agreement") or {}).get("id") == agreement.id]
    return render_template("agreements/detail.html", agreement=agreement, history=history(agreement), today=today(),
                           names=names_of(couple), labels=FIELD_LABELS, start_form=StartForm(),
                           field_text=agreement_diff.field_text, reviews=reviews)


@bp.route("/export.html")
@login_required
def export_html():
    couple = my_couple()
    return render_template("agreements/export.html", agreements=ordered(agreements_of(couple.id), today()),
                           names=names_of(couple), now=utcnow())


@bp.route("/export.md")
@login_required
def export_markdown():
    couple = my_couple()
    text = as_markdown(ordered(agreements_of(couple.id), today()), names_of(couple), utcnow(),
                       dates.reader_of(current_user))
    return Response(text, mimetype="text/markdown",
                    headers={"Content-Disposition": 'attachment; filename="our-agreements.md"'})


_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text: str | None) -> str:
    """Partner-written text, safe inside Markdown (its marks are shown, not obeyed)."""
    return _MARKDOWN_MARKS.sub(r"\\\1", " ".join((text or "").split()))


def as_markdown(agreements: list[Agreement], names: dict[str, str], now: datetime, reader: dates.Reader) -> str:
    """All agreements as one readable Markdown document, written at `now` (naive UTC) for `reader`: every date
    in the one format of the pages ("24 Jan 2027"), on the reader's calendar."""
    def day(moment: Any) -> str:
        return dates.day(moment, reader)

    lines = ["# Our agreements", "", f"_As of {day(now)}._", ""]
    if not agreements:
        lines += ["No agreements yet.", ""]
    for agreement in agreements:
        current = agreement.current
        lines += [f"## {md(current.need)}", "", f"- **Why it matters:** {md(current.why)}"]
        if current.consequence:
            lines.append(f"- **If it's crossed:** {md(current.consequence)}")
        accepted = " and ".join(names.get(who, "a partner") for who in current.accepted_by)
        lines += [f"- **Proposed by:** {md(names.get(str(agreement.proposed_by_id), 'a partner'))}",
                  f"- **Accepted by:** {md(accepted)} on {day(current.accepted_at)}",
                  f"- **Status:** {agreement.status}" + (f" since {day(agreement.retired_at)}"
                                                        if agreement.retired_at else ""),
                  f"- **Version:** {current.number}"]
        if agreement.is_active:
            weeks = {"review_every_weeks": agreement.review_every_weeks}
            every = agreement_diff.field_text(weeks, "review_every_weeks")
            lines.append(f"- **Next review:** {day(agreement.next_review)} ({every})")
        lines.append("")
    return "\n".join(lines)
