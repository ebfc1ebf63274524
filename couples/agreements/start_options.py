"""How boundary talks and reviews start: their options, computed when a partner presses Start (`POST /sessions`).

  boundary, with `agreement_id`: a revision, seeded with the agreement's current text.
  boundary, without: a new talk; if the couple's last talk ended with a proposal still open,
            it is picked up (seeded with that proposal) so nothing they wrote is lost.
  review,   with `agreement_id`: the agreement as it stands now; without, the one whose review
            comes soonest (Start in the room).
An agreement of another couple, or none, is a 404: a stranger learns nothing. What a finished talk or
review leaves behind is in outcomes.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort
from sqlalchemy import select

from couples import log
from couples.accounts import Couple, User
from couples.agreements.models import Agreement
from couples.agreements.store import agreement_of, summary
from couples.extensions import db
from exercises import IllegalMove
from exercises.boundary import agreement_review, talk


def _requested(couple: Couple, form: Mapping[str, str]) -> Agreement | None:
    """The agreement the form names, if any; 404 when it names one that isn't the couple's."""
    if not form.get("agreement_id"):
        return None
    agreement = agreement_of(couple.id, form.get("agreement_id"))
    if agreement is None:
        abort(404)
    if not agreement.is_active:
        raise IllegalMove("That agreement has been retired. You can start a new talk about it any time.", "retired")
    return agreement


def _busy(live: log.ExerciseSession | None, agreement: Agreement | None, sentence: str) -> None:
    """Refuse to start about one agreement while the couple's live session of that kind is about another."""
    if live is None:
        return
    theirs = (live.options or {}).get("agreement_id") or ((live.options or {}).get("agreement") or {}).get("id")
    if agreement is not None and theirs != agreement.id:
        raise IllegalMove(sentence, "busy")


def seed_of(agreement: Agreement) -> dict[str, Any]:
    """An agreement's current words as a revision's seed: which version they are, and whose need."""
    version = agreement.current
    return {"need": version.need, "why": version.why, "consequence": version.consequence,
            "review_every_weeks": version.review_every_weeks, "agreement_version": version.number,
            "needed_by": str(agreement.proposed_by_id)}


def boundary_options(couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """A revision seeded with the current text, a proposal picked up from last time, or a fresh talk."""
    agreement = _requested(couple, form)
    live = log.live_session(couple.id, talk.KIND)
    _busy(live, agreement, "You're in the middle of another boundary talk. Finish or end that one first.")
    if live is not None:
        return dict(live.options or {})  # joining the live talk
    if agreement is not None:
        return {"agreement_id": agreement.id, "seed": seed_of(agreement)}
    return picked_up(couple)


def picked_up(couple: Couple) -> dict[str, Any]:
    """The open proposal of the couple's last boundary talk, if it ended without agreement."""
    last = db.session.scalar(select(log.ExerciseSession).filter_by(couple_id=couple.id, kind=talk.KIND)
                             .order_by(log.ExerciseSession.id.desc()).limit(1))
    if last is None or last.is_live:
        return {}
    state = log.state_of(last, fresh=True)
    wording = talk.open_proposal(state)
    if wording is None:
        return {}
    seed: dict[str, Any] = {**wording.to_dict(), "picked_up_from": last.id, "needed_by": talk.need_owner(state)}
    options: dict[str, Any] = {"seed": seed}
    revising = agreement_of(couple.id, state.agreement_id) if state.agreement_id else None
    if revising is not None and revising.is_active:
        options["agreement_id"] = revising.id
        seed.update(agreement_version=revising.current_version, needed_by=str(revising.proposed_by_id))
    return options


def review_options(couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The agreement under review, as it stands now."""
    agreement = _requested(couple, form)
    live = log.live_session(couple.id, agreement_review.KIND)
    _busy(live, agreement, "You're in the middle of reviewing another agreement. Finish or end that one first.")
    if live is not None:
        return dict(live.options or {})
    agreement = agreement or first_to_review(couple)
    current = agreement.current  # the page shows the words field by field; the exercise reads the summary
    return {"agreement": {**summary(agreement), "review_every_weeks": agreement.review_every_weeks,
                          "why": current.why, "consequence": current.consequence}}


def first_to_review(couple: Couple) -> Agreement:
    """The couple's active agreement whose review comes soonest (Start in the room names no agreement)."""
    agreement = db.session.scalar(select(Agreement).filter_by(couple_id=couple.id, status="active")
                                  .order_by(Agreement.next_review, Agreement.id).limit(1))
    if agreement is None:
        raise IllegalMove("There's nothing to review yet. Agreements come from a boundary talk.", "no_agreements")
    return agreement
