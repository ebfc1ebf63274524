"""A couple ending, and the couples a person is or was part of.

When a partner leaves, the couple's two memberships become past memberships: the room closes for
both (neither is paired any more, each may pair again), and each keeps a way to read back what they
wrote there (couples.history). Nothing here commits: the caller's unit of work does.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from couples.accounts.models import Couple, Invitation, Membership, PastMembership
from couples.extensions import db


def end_couple(couple: Couple, now: datetime) -> list[int]:
    """Close `couple` at `now`: its memberships become past ones and its open invitations go.

    Returns the ids of the people who were in it (to tell their open pages). Idempotent for a couple
    already ended (returns []).
    """
    if couple.ended_at is not None:
        return []
    people = []
    for membership in list(couple.memberships):
        people.append(membership.user_id)
        db.session.add(PastMembership(couple_id=couple.id, user_id=membership.user_id, slot=membership.slot,
                                      joined_at=membership.joined_at, left_at=now))
        db.session.delete(membership)
    db.session.execute(delete(Invitation).where(Invitation.couple_id == couple.id, Invitation.used_at.is_(None)))
    couple.ended_at = now
    db.session.flush()
    return people


def couples_of(user_id: int) -> list[tuple[int, bool]]:
    """(couple id, ended) for every couple `user_id` is or was in: the current one first, then the past
    ones, most recently left first."""
    current = db.session.scalar(select(Membership.couple_id).where(Membership.user_id == user_id))
    past = db.session.scalars(select(PastMembership.couple_id).where(PastMembership.user_id == user_id)
                              .order_by(PastMembership.left_at.desc()))
    return ([(current, False)] if current is not None else []) + [(couple_id, True) for couple_id in past]


def members_of(couple_id: int) -> list[int]:
    """The ids of everyone who was in `couple_id`, present or past."""
    now = db.session.scalars(select(Membership.user_id).where(Membership.couple_id == couple_id))
    then = db.session.scalars(select(PastMembership.user_id).where(PastMembership.couple_id == couple_id))
    return [*now, *then]
