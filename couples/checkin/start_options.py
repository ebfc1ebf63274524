"""How a weekly check-in starts: this week's prompts, the agreements due for review, and past weeks.

Computed when a partner presses Start (`POST /sessions` with kind "checkin") and stored with the
session, so every replay starts from the same place:
  prompts         one per step, drawn with a stored `seed`, never the one the couple's previous
                  check-in showed for that step (so the wording stays fresh over months)
  due_agreements  couples.agreements.store.due_for_review(couple, today): listed in step 5
  history         connection before/after of recent check-ins, for the summary's small chart
                  (only ratings both partners already saw: an unrevealed rating stays private)
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from couples.agreements import store as agreements_store
from couples.log import options as session_options
from couples.log import store
from couples.extensions import db
from couples.accounts.models import Couple, ExerciseSession, User, utcnow
from exercises import checkin
from exercises.checkin import draw

HISTORY_WEEKS = 8


def past_check_ins(couple: Couple, limit: int = HISTORY_WEEKS) -> list[ExerciseSession]:
    """The couple's check-ins, newest first."""
    query = (select(ExerciseSession).filter_by(couple_id=couple.id, kind=checkin.KIND)
             .order_by(ExerciseSession.started_at.desc(), ExerciseSession.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def last_prompt_ids(sessions: list[ExerciseSession]) -> dict[str, str]:
    """The prompt ids the most recent check-in showed, by step ({} before the first)."""
    if not sessions:
        return {}
    prompts = (sessions[0].options or {}).get("prompts") or {}
    return {step: prompt["id"] for step, prompt in prompts.items() if isinstance(prompt, Mapping)}


def connection_history(sessions: list[ExerciseSession]) -> list[dict[str, Any]]:
    """Oldest first: each finished check-in's connection before and after, per partner, as both saw it."""
    weeks = []
    for session in reversed(sessions):
        if session.is_live:
            continue
        people = checkin.summary(store.fold(session))["partners"]
        ratings = {p: [v["connection_before"], v["connection_after"]] for p, v in people.items()}
        if any(value is not None for pair in ratings.values() for value in pair):
            weeks.append({"date": session.started_at.date().isoformat(), "connection": ratings})
    return weeks


@session_options.register(checkin.KIND)
def checkin_options(couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The start options of a new check-in (JSON-ready keyword arguments of exercises.checkin.start)."""
    sessions = past_check_ins(couple)
    seed = secrets.randbelow(2**31)
    return {"prompts": draw(seed, last_prompt_ids(sessions)),
            "due_agreements": agreements_store.due_for_review(couple.id, utcnow().date()),
            "history": connection_history(sessions), "seed": seed}
