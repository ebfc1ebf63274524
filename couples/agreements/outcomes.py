"""What a finished boundary talk or review leaves behind: an agreement, its next version, or its next date.

Each runs inside the transaction that appends the session's final event (couples/service/acts.py),
so the outcome is written together with that event or not at all; it only adds or changes rows
through `db.session`, never commits. An agreed talk writes the Agreement (or its next version); a
finished review keeps it (the next date moves on), retires it, or records that a revision was asked for.
"""

from __future__ import annotations

from datetime import datetime

from couples.agreements.models import Agreement, AgreementVersion
from couples.agreements.store import agreement_of
from couples.clock import utcnow
from couples.extensions import db
from couples.log import ExerciseSession
from exercises import IllegalMove
from exercises.boundary import agreement_review, talk


def _moment(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "")) if at else datetime.min


def _still_active(session: ExerciseSession, agreement_id: int) -> Agreement:
    agreement = agreement_of(session.couple_id, agreement_id)
    if agreement is None or not agreement.is_active:
        raise IllegalMove("This agreement was retired while you talked. Nothing was changed.", "stale_agreement")
    return agreement


def settle_boundary(session: ExerciseSession, state: talk.BoundaryState) -> None:
    """An agreed talk writes its agreement, or the next version of the agreement it revised: the version
    number the talk told both partners (`talk.becomes_version`), or nothing at all."""
    if state.step is not talk.Step.AGREED:
        return
    final = state.versions[-1]
    words = final.wording
    today = agreement_review.day_of(state.agreed_at or "")
    if state.agreement_id is not None:
        agreement = _still_active(session, state.agreement_id)
        number = agreement.current_version + 1
    else:
        owner = talk.need_owner(state) or state.proposer or final.author
        agreement = Agreement(couple_id=session.couple_id, proposed_by_id=int(owner), next_review=today)
        db.session.add(agreement)
        db.session.flush()
        number = 1
    promised = talk.becomes_version(state)
    if promised is not None and promised != number:  # the talk named another version: say so, change nothing
        raise IllegalMove("This agreement changed while you talked. Nothing was changed; have a look at it "
                          "and start the revision again.", "stale_agreement")
    db.session.add(AgreementVersion(
        agreement_id=agreement.id, number=number, need=words.need, why=words.why, consequence=words.consequence,
        review_every_weeks=words.review_every_weeks, author_id=int(final.author),
        accepted_by_ids=",".join(state.accepted_by), accepted_at=_moment(state.agreed_at or ""),
        session_id=session.id))
    agreement.current_version = number
    agreement.review_every_weeks = words.review_every_weeks
    agreement.next_review = agreement_review.next_review_after(today, words.review_every_weeks)
    db.session.flush()
    db.session.expire(agreement, ["versions"])


def settle_review(session: ExerciseSession, state: agreement_review.ReviewState) -> None:
    """A finished review: keep moves the next date on, retire lets it rest, revise is recorded as reviewed."""
    if state.decided is None:
        return
    agreement = _still_active(session, state.agreement.id)
    agreement.last_reviewed_on = agreement_review.day_of(state.decided_on or "")
    if state.decided == "keep":
        agreement.next_review = agreement_review.day_of(state.next_review or "")
    elif state.decided == "retire":
        agreement.status = "retired"
        agreement.retired_at = utcnow()
