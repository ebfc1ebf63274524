"""Choosing the check-in evening together, like any change a couple makes: one suggests, the other says yes.

Each change is its own unit of work and commits. A refusal raises `Refused` with a kind sentence for the
person and changes nothing. Only a partner's suggestion can be accepted, and only by the other partner;
either may take a pending suggestion back (the one who made it withdraws, the other declines).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from couples import clock
from couples.accounts import Couple, User
from couples.extensions import db
from couples.rhythm.models import Proposal, Reminder, Schedule
from couples.rhythm.weeks import Weekly

BUSY = "Something else changed at the same moment. Please have another look and try again."


class Refused(Exception):
    """A change that can't be made, with the words the person sees (nothing was changed)."""


def schedule_of(couple_id: int) -> Schedule | None:
    """The couple's agreed check-in evening, if they have one."""
    return db.session.get(Schedule, couple_id)


def proposal_of(couple_id: int) -> Proposal | None:
    """The suggestion waiting for an answer in this couple, if there is one."""
    return db.session.scalars(select(Proposal).where(Proposal.couple_id == couple_id)).first()


def pending(couple: Couple, proposal_id: int) -> Proposal | None:
    """Proposal `proposal_id` if it is this couple's; None for a missing one and another couple's alike."""
    proposal = db.session.get(Proposal, proposal_id)
    return proposal if proposal is not None and proposal.couple_id == couple.id else None


def propose(couple: Couple, user: User, weekly: Weekly) -> Proposal:
    """`user` suggests `weekly` to their partner, in place of any suggestion still waiting (theirs or the
    partner's). Refused when it is the evening they already have."""
    current = schedule_of(couple.id)
    if current is not None and current.weekly == weekly:
        raise Refused("That's already your check-in evening.")
    db.session.execute(delete(Proposal).where(Proposal.couple_id == couple.id))
    proposal = Proposal(couple_id=couple.id, proposed_by_id=user.id, weekday=weekly.weekday,
                        local_time=weekly.local_time, timezone=weekly.timezone, proposed_at=clock.utcnow())
    db.session.add(proposal)
    _commit()
    return proposal


def accept(couple: Couple, user: User, proposal: Proposal) -> Schedule:
    """The partner says yes: the suggestion becomes the couple's check-in evening and stops waiting.
    Refused for one's own suggestion (the partner is the one to say yes)."""
    if proposal.proposed_by_id == user.id:
        partner = couple.partner_of(user)
        raise Refused(f"This is your own suggestion; {partner.display_name if partner else 'your partner'} "
                      "is the one to say yes to it.")
    schedule = schedule_of(couple.id)
    if schedule is None:
        schedule = Schedule(couple_id=couple.id, sequence=0)
        db.session.add(schedule)
    else:
        schedule.sequence += 1  # calendars replace the event they hold only when this grows
    schedule.weekday, schedule.local_time, schedule.timezone = proposal.weekday, proposal.local_time, proposal.timezone
    schedule.agreed_at = clock.utcnow()
    db.session.delete(proposal)
    _commit()
    return schedule


def take_back(proposal: Proposal) -> None:
    """Withdraw (its author) or decline (the partner) a waiting suggestion; the agreed evening stays."""
    db.session.delete(proposal)
    _commit()


def reminders_on(user_id: int) -> bool:
    """Whether the person asked for an email on the check-in's day (off until they do)."""
    reminder = db.session.get(Reminder, user_id)
    return bool(reminder and reminder.email)


def set_reminders(user_id: int, email: bool) -> None:
    """Turn the person's own email reminder on or off."""
    reminder = db.session.get(Reminder, user_id) or Reminder(user_id=user_id)
    reminder.email = email
    db.session.add(reminder)
    _commit()


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError as error:  # both partners changed it in the same instant: one wins, the other asks again
        db.session.rollback()
        raise Refused(BUSY) from error
