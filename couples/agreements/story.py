"""How each version of an agreement came to be: every step of the talk (or talks) that led to it.

Read from the talks' event logs as both partners saw them live (each act's shared outcome: the coach's
notes and anything private never appear). `story_of(agreement)` maps each version number to its steps,
oldest first; a version written before talks were linked to it has none. A step is a plain dict:
  {"event": "proposed" | "amended" | "asked" | "answered" | "not_now" | "accepted" | "ended" | "picked_up",
   "by": the partner's id as text ("" for picked_up),
   "number": the proposal's number in its talk, as the talk showed it (proposed, amended, not_now, accepted),
   "wording": {need, why, consequence, review_every_weeks} (proposed, amended),
   "changes": {field: [[op, text], ...]} against the words before it (proposed, amended),
   "seeded": whether a first proposal started from earlier words (an agreement's, or a talk's picked up),
   "text": the question or the answer (asked, answered),
   "becomes": the agreement version the accepted proposal became (accepted)}
A talk that picked up an earlier talk's open proposal tells that talk's steps first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from couples import log
from couples.agreements.models import Agreement, AgreementVersion
from couples.extensions import db
from exercises.boundary import agreement_diff, talk

EARLIER_TALKS_MAX = 10  # talks followed back through "picked up from" for one version


def story_of(agreement: Agreement) -> dict[int, list[dict[str, Any]]]:
    """Each version's steps by its number (versions with no talk on record are left out)."""
    return {version.number: steps for version in agreement.versions if (steps := version_story(version))}


def version_story(version: AgreementVersion) -> list[dict[str, Any]]:
    """The steps of the talks that led to one version, oldest first."""
    if version.session_id is None:
        return []
    steps: list[dict[str, Any]] = []
    for index, (session, rows) in enumerate(_talks_behind(version.session_id)):
        if index:
            steps.append({"event": "picked_up", "by": ""})
        steps += _steps(rows, _seed_words(session, rows), version.number)
    return steps


def _talks_behind(session_id: int) -> list[tuple[log.ExerciseSession, list[log.SessionEvent]]]:
    """The talk that wrote a version and the earlier ones whose open proposal it picked up, oldest first."""
    chain: list[tuple[log.ExerciseSession, list[log.SessionEvent]]] = []
    session = db.session.get(log.ExerciseSession, session_id)
    while session is not None and len(chain) < EARLIER_TALKS_MAX:
        rows = log.load_rows(session.id)
        chain.append((session, rows))
        earlier = _seed(session).get("picked_up_from")
        if not isinstance(earlier, int) or _from_blank(session, rows):
            break
        before = db.session.get(log.ExerciseSession, earlier)
        if before is None or before.couple_id != session.couple_id or before.kind != talk.KIND:
            break
        session = before
    return chain[::-1]


def _seed(session: log.ExerciseSession) -> Mapping[str, Any]:
    seed = (session.options or {}).get("seed")
    return seed if isinstance(seed, Mapping) else {}


def _from_blank(session: log.ExerciseSession, rows: list[log.SessionEvent]) -> bool:
    """Whether a talk's first proposal was written afresh, leaving the words picked up behind."""
    revising = (session.options or {}).get("agreement_id") is not None
    first = next((row for row in rows if row.action == "propose"), None)
    return not revising and first is not None and (first.fields or {}).get("from") == "blank"


def _seed_words(session: log.ExerciseSession, rows: list[log.SessionEvent]) -> dict[str, Any] | None:
    seed = _seed(session)
    if not seed or _from_blank(session, rows):
        return None
    return {field: seed.get(field) for field in agreement_diff.FIELDS}


def _steps(rows: list[log.SessionEvent], before: dict[str, Any] | None, becomes: int) -> list[dict[str, Any]]:
    """One talk's steps from its rows; `before` is the words its first proposal started from, if any."""
    steps: list[dict[str, Any]] = []
    seeded = before is not None
    for row in rows:
        for event in row.outcome or ():
            name, data = event.get("name"), event.get("data") or {}
            step: dict[str, Any] = {"event": name, "by": str(event.get("actor", row.actor_id))}
            if name in ("proposed", "amended"):
                words = {field: data.get(field) for field in agreement_diff.FIELDS}
                step.update(number=data.get("number"), wording=words, seeded=seeded,
                            changes=agreement_diff.version_changes(before, words))
                before = words
            elif name in ("asked", "answered"):
                step["text"] = data.get("text")
            elif name in ("not_now", "accepted"):
                step["number"] = data.get("version")
                if name == "accepted":
                    step["becomes"] = becomes
            elif name != "ended":
                continue
            steps.append(step)
    return steps


__all__ = ["story_of", "version_story"]
