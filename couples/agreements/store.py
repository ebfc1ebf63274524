"""Reading and writing the couple's agreements: the one place that turns rows into plain facts.

Dates are passed in (`today`); nothing here reads the clock, so the review rules are easy to test.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from couples.agreements.models import Agreement, AgreementVersion
from couples.extensions import db
from couples.ids import row_id


def agreements_of(couple_id: int) -> list[Agreement]:
    """Every agreement of the couple, active first, then by next review date."""
    query = select(Agreement).filter_by(couple_id=couple_id).order_by(
        Agreement.status, Agreement.next_review, Agreement.id)
    return list(db.session.scalars(query))


def agreement_of(couple_id: int, agreement_id: object) -> Agreement | None:
    """The couple's agreement with this id (an int, or its digits as a form sends them), or None: another
    couple's agreement looks missing, and so does an id no row could have (couples/ids.py)."""
    found = row_id(agreement_id)
    agreement = db.session.get(Agreement, found) if found is not None else None
    return agreement if agreement is not None and agreement.couple_id == couple_id else None


def agreement_text(version: AgreementVersion) -> str:
    """An agreement's wording as one readable paragraph."""
    text = f"{version.need} — {version.why}"
    if version.consequence:
        text += f" If it's crossed: {version.consequence}"
    return text


def summary(agreement: Agreement) -> dict[str, Any]:
    """An agreement as a plain dict: {id, title, text, version, next_review (ISO date)}."""
    current = agreement.current
    return {"id": agreement.id, "title": current.need, "text": agreement_text(current),
            "version": current.number, "next_review": agreement.next_review.isoformat()}


def due_for_review(couple_id: int, today: date) -> list[dict[str, Any]]:
    """The couple's active agreements whose review date has come, soonest first, as plain dicts."""
    query = (select(Agreement)
             .where(Agreement.couple_id == couple_id, Agreement.status == "active", Agreement.next_review <= today)
             .order_by(Agreement.next_review, Agreement.id))
    return [summary(agreement) for agreement in db.session.scalars(query)]
