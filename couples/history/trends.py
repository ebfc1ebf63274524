"""How the practice is going, week by week: what the trends page draws, read from the event log.

Weeks are ISO weeks (Monday to Sunday) in UTC, named by their Monday. The page looks back over the
last TREND_WEEKS calendar weeks, this one included, so five years of check-ins cost what one year does.

  ratings      each finished check-in's feeling and connection (arriving and closing) per partner, only as
               both saw them: `exercises.checkin.summary` leaves out a rating whose partner never answered
               too, and so does this page; two check-ins in one week are averaged
  coaching     of the viewer's own sent messages the coach read (`fields["coach"]`), the share it offered
               another way to say (`blaming`). Only ever the viewer's own: a figure with the partner's in
               it would let one work out the other's
  paraphrases  in finished listening turns (on their own, or in a check-in's hard step), the statements
               whose first paraphrase the speaker answered, and of those, how many were "That's it" at once
               (a rehearsal's paraphrase is never confirmed or corrected, so it has no first try to count)
  reviews      finished agreement reviews that decided something: on time (decided on or before the day
               the agreement was due) or late, by the week they were decided

Two reads: the window's sessions, then their events in one query; finished sessions are folded here
from those rows (`log.state_of` would read each session's log again).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Any

from sqlalchemy import and_, or_, select

from couples.clock import iso
from couples.extensions import db
from couples.log import ExerciseSession, SessionEvent
from exercises import Action, IllegalMove, checkin, exercise, listening, replay
from exercises.boundary import agreement_review

TREND_WEEKS = 52
FOLDED = (checkin.KIND, listening.KIND, agreement_review.KIND)
RATINGS = ("feeling", "arriving", "closing")
Week = date  # the Monday that names an ISO week
logger = logging.getLogger(__name__)


def monday_of(day: date) -> Week:
    """The Monday starting `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def window_start(today: date) -> Week:
    """The first Monday the page looks back to."""
    return monday_of(today) - timedelta(weeks=TREND_WEEKS - 1)


def trends_of(couple_id: int, viewer_id: int, today: date) -> dict[str, Any]:
    """Everything the trends page shows `viewer_id`, JSON-ready; each series keyed "you" or "partner"."""
    since = datetime.combine(window_start(today), datetime.min.time())
    sessions, rows = _read(couple_id, viewer_id, since)
    by_session: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_session[row.session_id].append(row)
    folded = ((session, _fold(session, by_session[session.id])) for session in sessions)
    states = [(session, state) for session, state in folded if state is not None]
    me = str(viewer_id)
    return {
        "ratings": ratings([(s.started_at.date(), checkin.summary(st)) for s, st in states if s.kind == checkin.KIND],
                           me),
        "coaching": coaching([(r.created_at.date(), r.fields) for r in rows if r.actor_id == viewer_id]),
        "paraphrases": paraphrases([(s.started_at.date(), _statements(s.kind, st)) for s, st in states]),
        "reviews": reviews([st for s, st in states if s.kind == agreement_review.KIND]),
    }


def _read(couple_id: int, viewer_id: int, since: datetime) -> tuple[list[ExerciseSession], list[Any]]:
    """The window's finished sessions the page folds, and in one query their events with the viewer's own."""
    folded = and_(ExerciseSession.kind.in_(FOLDED), ExerciseSession.finished_at.is_not(None),
                  ExerciseSession.started_at >= since)
    sessions = list(db.session.scalars(select(ExerciseSession).where(ExerciseSession.couple_id == couple_id, folded)
                                       .order_by(ExerciseSession.started_at, ExerciseSession.id)))
    events = (select(SessionEvent.session_id, SessionEvent.actor_id, SessionEvent.action, SessionEvent.fields,
                     SessionEvent.created_at)
              .join(ExerciseSession, SessionEvent.session_id == ExerciseSession.id)
              .where(ExerciseSession.couple_id == couple_id, SessionEvent.created_at >= since,
                     or_(SessionEvent.actor_id == viewer_id, folded))
              .order_by(SessionEvent.session_id, SessionEvent.seq))
    return sessions, list(db.session.execute(events))


def _fold(session: ExerciseSession, rows: Iterable[Any]) -> Any:
    """The finished session's state, replayed from its rows (as `log.state_of(session, fresh=True)` would),
    or None for a log that no longer replays: one session left out is better than no page at all."""
    moves = [(str(row.actor_id), Action(row.action, row.fields, iso(row.created_at))) for row in rows]
    try:
        return replay(exercise(session.kind), session.partners, iso(session.started_at), moves,
                      **(session.options or {}))
    except IllegalMove as error:
        logger.warning("trends: session %s no longer replays (%s); left out", session.id, error.code)
        return None


def _statements(kind: str, state: Any) -> list[dict[str, Any]]:
    """The listening statements of a finished session: its own, or those of each check-in issue talked through."""
    if kind == listening.KIND:
        return list(listening.summary(state)["statements"])
    if kind == checkin.KIND:
        issues = [person["issue"] for person in checkin.summary(state)["partners"].values()]
        return [said for issue in issues if issue and issue["listening"] for said in issue["listening"]["statements"]]
    return []


def ratings(check_ins: Sequence[tuple[date, dict[str, Any]]], me: str) -> dict[str, Any]:
    """Each week's ratings per partner ("you", "partner"): feeling, connection arriving and closing, or None."""
    found: dict[Week, dict[str, dict[str, list[int]]]] = defaultdict(
        lambda: {who: {name: [] for name in RATINGS} for who in ("you", "partner")})
    for day, summary in check_ins:
        for partner_id, said in summary["partners"].items():
            who = "you" if partner_id == me else "partner"
            given = {"feeling": said["feeling"], "arriving": said["connection_before"],
                     "closing": said["connection_after"]}
            for name, value in given.items():
                if value is not None:  # None: not revealed to both, so not shown to either
                    found[monday_of(day)][who][name].append(value)
    weeks = sorted(week for week, people in found.items() if any(v for p in people.values() for v in p.values()))
    return {"weeks": [week_label(w) for w in weeks],
            **{who: {name: [_mean(found[w][who][name]) for w in weeks] for name in RATINGS}
               for who in ("you", "partner")}}


def coaching(sent: Sequence[tuple[date, dict[str, Any]]]) -> dict[str, Any]:
    """Each week's count of one person's messages the coach read, and how many it offered another way to say."""
    read: dict[Week, int] = defaultdict(int)
    coached: dict[Week, int] = defaultdict(int)
    for day, fields in sent:
        coach = fields.get("coach") if isinstance(fields, dict) else None
        if isinstance(coach, dict):
            read[monday_of(day)] += 1
            coached[monday_of(day)] += bool(coach.get("blaming"))
    return _shares(read, coached, "read", "coached")


def paraphrases(sessions: Sequence[tuple[date, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Each week's statements whose first paraphrase was answered, and how many were confirmed at once."""
    answered: dict[Week, int] = defaultdict(int)
    first_try: dict[Week, int] = defaultdict(int)
    for day, statements in sessions:
        for said in statements:
            if said["heard"] or said["clarifications"]:  # the speaker said "That's it" or "Not quite"
                answered[monday_of(day)] += 1
                first_try[monday_of(day)] += said["heard"] and said["attempts"] == 1
    return _shares(answered, first_try, "answered", "first_try")


def reviews(states: Iterable[agreement_review.ReviewState]) -> dict[str, Any]:
    """Each week's reviews decided on or before their agreement's due day, and those decided after it."""
    counts: dict[Week, dict[str, int]] = defaultdict(lambda: {"on_time": 0, "late": 0})
    for state in states:
        if state.decided is None or not state.decided_on:
            continue  # ended before both agreed on what to do: nothing was reviewed
        decided, due = date.fromisoformat(state.decided_on), date.fromisoformat(state.agreement.next_review)
        counts[monday_of(decided)]["on_time" if decided <= due else "late"] += 1
    weeks = sorted(counts)
    return {"weeks": [week_label(w) for w in weeks], "on_time": [counts[w]["on_time"] for w in weeks],
            "late": [counts[w]["late"] for w in weeks]}


def _shares(totals: dict[Week, int], parts: dict[Week, int], total_name: str, part_name: str) -> dict[str, Any]:
    weeks = sorted(week for week, total in totals.items() if total)
    return {"weeks": [week_label(w) for w in weeks], total_name: [totals[w] for w in weeks],
            part_name: [parts[w] for w in weeks], "percent": [round(100 * parts[w] / totals[w]) for w in weeks]}


def _mean(values: list[int]) -> float | int | None:
    if not values:
        return None
    mean = round(fmean(values), 1)
    return int(mean) if mean.is_integer() else mean


def week_label(week: Week) -> dict[str, str]:
    """A week as the charts and tables name it: its Monday, short ("5 Jan") and long ("Week of 5 Jan 2026")."""
    return {"monday": week.isoformat(), "short": f"{week.day} {week:%b}", "long": f"Week of {week.day} {week:%b %Y}"}


def is_empty(trends: dict[str, Any]) -> bool:
    """Whether there is nothing at all to draw yet."""
    return not any(series["weeks"] for series in trends.values())
