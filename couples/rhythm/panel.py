"""What the room shows of the week: the next check-in, a suggestion waiting, what is due, and weeks kept.

`panel(couple, user)` is the context of templates/rhythm/_panel.html, computed for one partner's room. It
holds only what both partners see in their room anyway: the agreed evening, agreements due for review
before the next check-in (couples.agreements), the requests the last finished check-in made (they were
shared in it), and a kind count of the weeks that held a check-in. Never a count of nought, never a word
of failure: a quiet week gets a gentle note.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from couples import clock, log
from couples.accounts import Couple, User
from couples.agreements import due_for_review
from couples.extensions import db
from couples.rhythm.models import Schedule
from couples.rhythm.schedule import proposal_of, schedule_of
from couples.rhythm.weeks import KEPT_WEEKS, WEEKDAYS, kept_words, soon_words, weeks_kept, when_words
from exercises import checkin

REQUESTS_FRESH = timedelta(days=14)  # requests from an older check-in are last season's, not this week's
ANSWERED = {"yes": "said yes", "yes_with_change": "said yes, with a change", "not_this_week": "said not this week"}


def panel(couple: Couple, user: User, now: datetime | None = None) -> dict[str, Any]:
    """The room's view of the week for `user`, at `now` (UTC, naive; the clock's now by default):
    {"schedule": {"when", "soon", "timezone"} | None, "proposal": {"id", "when", "timezone", "mine", "by",
    "partner"} | None, "due": [agreement summaries], "requests": [{"by", "text", "answered_by", "answer", "why"}],
    "kept": str | None, "quiet_note": str | None}."""
    now = now or clock.utcnow()
    names = {str(member.id): member.display_name for member in couple.members}
    partner = couple.partner_of(user)
    view: dict[str, Any] = {"schedule": None, "proposal": None, "due": [], "kept": None, "quiet_note": None,
                            "requests": requests_made(couple, names, now)}
    proposal = proposal_of(couple.id)
    if proposal is not None:
        view["proposal"] = {"id": proposal.id, "when": when_words(proposal.weekly, every=True),
                            "timezone": proposal.timezone, "mine": proposal.proposed_by_id == user.id,
                            "by": names.get(str(proposal.proposed_by_id), "Your partner"),
                            "partner": partner.display_name if partner else "your partner"}
    schedule = schedule_of(couple.id)
    if schedule is not None:
        view.update(week_ahead(couple, schedule, now))
    return view


def week_ahead(couple: Couple, schedule: Schedule, now: datetime) -> dict[str, Any]:
    """The next check-in, the agreements due for review by then, and the weeks kept so far."""
    weekly = schedule.weekly
    start = weekly.next_start(now)
    soon = soon_words(start, now)
    days = [weekly.local(started).date() for started in db.session.scalars(
        select(log.ExerciseSession.started_at).where(
            log.ExerciseSession.couple_id == couple.id, log.ExerciseSession.kind == checkin.KIND,
            log.ExerciseSession.started_at >= now - timedelta(weeks=KEPT_WEEKS + 2)))]
    kept = weeks_kept(weekly.weekday, days, since=weekly.local(schedule.agreed_at).date(),
                      today=weekly.local(now).date())
    fresh_start = soon.capitalize() if soon in ("tonight", "today", "tomorrow") else WEEKDAYS[weekly.weekday]
    return {"schedule": {"when": when_words(weekly), "soon": soon, "timezone": weekly.timezone},
            "due": due_for_review(couple.id, start.date()),
            "kept": kept_words(kept),
            "quiet_note": f"Last week went by without a check-in, and that's all right. {fresh_start} is a fresh "
                          "start." if kept.last_week_quiet else None}


def requests_made(couple: Couple, names: dict[str, str], now: datetime) -> list[dict[str, Any]]:
    """The requests of the couple's last finished check-in, if it finished in the last two weeks, with the
    partner's answer in words (read from its folded log)."""
    finished = next((s for s in log.sessions_of(couple, 8, kind=checkin.KIND) if not s.is_live), None)
    if finished is None or finished.finished_at is None or now - finished.finished_at > REQUESTS_FRESH:
        return []
    state = log.state_of(finished, fresh=True)
    return [{"by": names.get(request.author, "One of you"), "text": request.text,
             "answered_by": next((name for who, name in names.items() if who != request.author), "Your partner"),
             "answer": ANSWERED.get(request.answer or ""),
             "why": request.why if request.answer == "yes_with_change" else None} for request in state.requests]
