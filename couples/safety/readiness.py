"""Whether hard conversations are open for a person, and the gates conflict tools pass through.

A person's readiness is theirs alone:
  NEEDS_CHECK  no safety check yet, or the last one is older than HEARTH_SAFETY_CHECK_DAYS
  OPEN         a recent check with no concern (or a concern they chose to go on past)
  CLOSED       their last check raised a concern and they haven't chosen to go on
  NOT_NOW      they set hard conversations aside themselves, for any reason
What a partner may learn is one bit, `set_aside(partner)`: CLOSED and NOT_NOW look the same ("not now",
which anyone may choose), and NEEDS_CHECK looks like OPEN (whether someone took the check is theirs too).

Conflict tools (CONFLICT_KINDS) are boundary talks, conflict scripts and listening turns; the check-in's
hard step is the actions in HARD_ACTIONS, and it is left out of a check-in started while either partner
has set hard conversations aside.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import Enum
from types import MappingProxyType
from typing import Any

from flask import current_app
from sqlalchemy import select

from couples.accounts import User
from couples.clock import utcnow
from couples.extensions import db
from couples.safety import screening
from couples.safety.models import HardTalkChoice, SafetyCheck
from exercises import IllegalMove, checkin, listening, rehearsal
from exercises.boundary import talk


class Readiness(Enum):
    NEEDS_CHECK = "needs_check"
    OPEN = "open"
    CLOSED = "closed"
    NOT_NOW = "not_now"


CONFLICT_KINDS = frozenset({talk.KIND, rehearsal.KIND, listening.KIND})
HARD_ACTIONS: Mapping[str, frozenset[str]] = MappingProxyType({
    checkin.KIND: frozenset({"name_issue", "open_listening", "listen"}),
})
ALWAYS_ALLOWED_MOVES = frozenset({"end"})  # stepping out of listening turns is never refused

CHECK_FIRST = ("Before hard conversations, there's a short private check, just for you. "
               "It takes about two minutes.")
SET_ASIDE_BY_ME = "Hard conversations are set aside for you for now. You can change that on your own page."
PARTNER_SET_ASIDE = ("{name} has set hard conversations aside for now. "
                     "You can park what was named and go on with the rest of the check-in together.")


def set_aside_by_partner(name: str) -> str:
    """What a partner is told when hard conversations can't start: the same for any reason."""
    return f"{name} has set hard conversations aside for now. Appreciations and the check-in are here for you both."


def latest_check(user_id: int) -> SafetyCheck | None:
    """The person's most recent safety check, or None."""
    return db.session.scalars(select(SafetyCheck).where(SafetyCheck.user_id == user_id)
                              .order_by(SafetyCheck.taken_at.desc(), SafetyCheck.id.desc()).limit(1)).first()


def readiness_of(user_id: int, now: datetime | None = None) -> Readiness:
    """The person's own readiness for hard conversations (see the module's docstring)."""
    check, choice = latest_check(user_id), db.session.get(HardTalkChoice, user_id)
    if check is not None and check.concern and check.go_on_at is None:
        return Readiness.CLOSED
    if choice is not None and choice.not_now:
        return Readiness.NOT_NOW
    period = timedelta(days=current_app.config["HEARTH_SAFETY_CHECK_DAYS"])
    if check is None or check.taken_at < (now or utcnow()) - period:
        return Readiness.NEEDS_CHECK
    return Readiness.OPEN


def set_aside(user_id: int) -> bool:
    """All a partner may know: whether this person has hard conversations set aside ("not now")."""
    return readiness_of(user_id) in (Readiness.CLOSED, Readiness.NOT_NOW)


def is_gated(kind: str, action: str | None = None) -> bool:
    """Whether opening `kind` (action None) or taking `action` in it passes the safety gate."""
    if kind in CONFLICT_KINDS:
        return True
    return action is not None and action in HARD_ACTIONS.get(kind, ())


def gate(user_id: int, kind: str, action: str | None = None, partner_id: int | None = None) -> None:
    """Raise IllegalMove when `user_id` may not open `kind` or take `action` in it now; return quietly if they may.

    Codes: "safety_check" (their private check is due) and "set_aside" (they set hard conversations aside,
    or a concern keeps them closed), in words for them alone; with `partner_id`, "partner_set_aside" when
    the partner has (the one bit a partner may learn), so a check-in under way opens no new hard talk.
    """
    if not is_gated(kind, action):
        return
    readiness = readiness_of(user_id)
    if readiness is Readiness.NEEDS_CHECK:
        raise IllegalMove(CHECK_FIRST, "safety_check")
    if readiness is not Readiness.OPEN:
        raise IllegalMove(SET_ASIDE_BY_ME, "set_aside")
    if partner_id is not None and set_aside(partner_id):
        partner = db.session.get(User, partner_id)
        raise IllegalMove(PARTNER_SET_ASIDE.format(name=partner.display_name if partner else "Your partner"),
                          "partner_set_aside")


def record_check(user_id: int, answers: Mapping[str, Any]) -> SafetyCheck:
    """Keep one answered check (ValueError for missing answers) and commit; returns it."""
    reading = screening.read(answers)
    kept = {question.id: answers[question.id] for question in screening.QUESTIONS}
    check = SafetyCheck(user_id=user_id, answers=kept, concern=reading.concern)
    db.session.add(check)
    db.session.commit()
    return check


def go_on(user_id: int) -> None:
    """After a concern, the person chooses to open conflict tools anyway (until their next check)."""
    check = latest_check(user_id)
    if check is not None and check.concern and check.go_on_at is None:
        check.go_on_at = utcnow()
    _choose(user_id, not_now=False)


def choose_not_now(user_id: int, not_now: bool) -> None:
    """Set hard conversations aside (True) or open them again (False); a concern still keeps them closed."""
    _choose(user_id, not_now)


def _choose(user_id: int, not_now: bool) -> None:
    choice = db.session.get(HardTalkChoice, user_id) or HardTalkChoice(user_id=user_id)
    choice.not_now, choice.changed_at = not_now, utcnow()
    db.session.add(choice)
    db.session.commit()


def forget(user_id: int) -> None:
    """Delete every answer the person gave to the safety check, and commit. Hard conversations closed by a
    concern stay set aside (as a "not now"), so neither the person's protection nor what their partner
    sees changes until they open them again themselves."""
    closed = readiness_of(user_id) is Readiness.CLOSED
    db.session.query(SafetyCheck).filter_by(user_id=user_id).delete()
    if closed:
        _choose(user_id, not_now=True)  # commits
    else:
        db.session.commit()
