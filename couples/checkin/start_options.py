"""How a weekly check-in starts: this week's prompts, the agreements due for review, and past weeks.

Computed when a partner presses Start (`POST /sessions` with kind "checkin") and stored with the
session, so every replay starts from the same place:
  prompts         one per step, drawn with a stored `seed`, never one the couple's last
                  exercises.checkin.FRESH_FOR check-ins showed for that step (so the wording stays
                  fresh over months)
  due_agreements  couples.agreements.due_for_review(couple, today): listed in step 5
  history         connection before/after of recent check-ins, for the summary's small chart
                  (only ratings both partners already saw: an unrevealed rating stays private)
  hard_step       False when either partner has set hard conversations aside (couples.safety): the
                  week then skips "what was hard", and both see the same shorter ritual
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from couples import log, safety
from couples.accounts import Couple, User
from couples.agreements import due_for_review
from couples.clock import utcnow
from exercises import checkin

HISTORY_WEEKS = 8


def past_check_ins(couple: Couple, limit: int = HISTORY_WEEKS) -> list[log.ExerciseSession]:
    """The couple's check-ins, newest first."""
    return log.sessions_of(couple, limit, kind=checkin.KIND)


def recent_prompt_ids(sessions: list[log.ExerciseSession]) -> dict[str, list[str]]:
    """The prompt ids the last checkin.FRESH_FOR check-ins showed, by step, newest first ({} before the first)."""
    recent: dict[str, list[str]] = {}
    for session in sessions[:checkin.FRESH_FOR]:
        prompts = (session.options or {}).get("prompts") or {}
        for step, prompt in prompts.items():
            if isinstance(prompt, Mapping) and isinstance(prompt.get("id"), str):
                recent.setdefault(step, []).append(prompt["id"])
    return recent


def connection_history(sessions: list[log.ExerciseSession]) -> list[dict[str, Any]]:
    """Oldest first: each finished check-in's connection before and after, per partner, as both saw it."""
    weeks = []
    for session in reversed(sessions):
        if session.is_live:
            continue
        people = checkin.summary(log.state_of(session, fresh=True))["partners"]
        ratings = {p: [v["connection_before"], v["connection_after"]] for p, v in people.items()}
        if any(value is not None for pair in ratings.values() for value in pair):
            weeks.append({"date": session.started_at.date().isoformat(), "connection": ratings})
    return weeks


def checkin_options(couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The start options of a new check-in (JSON-ready keyword arguments of exercises.checkin.start)."""
    sessions = past_check_ins(couple, max(HISTORY_WEEKS, checkin.FRESH_FOR))
    seed = secrets.randbelow(2**31)
    return {"prompts": checkin.draw(seed, recent_prompt_ids(sessions)),
            "due_agreements": due_for_review(couple.id, utcnow().date()),
            "history": connection_history(sessions[:HISTORY_WEEKS]), "seed": seed,
            "hard_step": not any(safety.set_aside(member.id) for member in couple.members)}
