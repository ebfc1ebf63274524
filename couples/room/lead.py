"""The room leads with what is live: "Ana started Conflict scripts: The dishes, again. Join them".

One template (templates/room/_live_lead.html) says it, on the room page and in the fragment the page fetches
again when a session starts (`session_started`) or finishes (`session_finished`, sent here to the couple's
room when an act finishes a session). The page that refuses a second exercise while one is live names that
one the same way (templates/room/busy.html).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask.blueprints import BlueprintSetupState

from couples import service
from couples.accounts import Couple, User
from couples.clock import utcnow
from couples.extensions import socketio
from couples.live import couple_room
from couples.log import ExerciseSession, Facts

log = logging.getLogger(__name__)
SENTENCE_ENDS = (".", "!", "?", "…")


@dataclass(frozen=True)
class Lead:
    """A live session as the room's lead says it to one viewer."""

    summary: service.Summary
    mine: bool  # the viewer started it
    by: str  # who started it: the partner's name ("You" when mine)
    minutes: int  # since it started, rounded down

    @property
    def stop(self) -> str:
        """The full stop its sentence needs ("" after a subject that already ends one: "Why money?")."""
        return "" if self.summary.name.endswith(SENTENCE_ENDS) else "."


def leads_for(couple: Couple, viewer: User, now: datetime | None = None) -> list[Lead]:
    """The couple's live sessions as the room's lead tells `viewer`, newest first (usually one or none)."""
    return leads_of(service.live_sessions(couple.id), couple, viewer, now)


def leads_of(sessions: list[ExerciseSession], couple: Couple, viewer: User,
             now: datetime | None = None) -> list[Lead]:
    """`sessions` (live ones of `couple`) as the room's lead tells `viewer`."""
    now = now or utcnow()
    names = {member.id: member.display_name for member in couple.members}
    return [Lead(summary, summary.started_by_id == viewer.id,
                 "You" if summary.started_by_id == viewer.id else names.get(summary.started_by_id, "Your partner"),
                 max(0, int((now - summary.started_at).total_seconds() // 60)))
            for summary in service.summarize(sessions)]


def tell_the_room(facts: Facts, **_extra: Any) -> None:
    """A session finished: tell both partners' pages (`session_finished` {"session_id"}), so the room's lead
    lets it go. Connected to service.session_finished when the room is registered; logs, never raises."""
    try:
        socketio.emit("session_finished", {"session_id": facts.id}, to=couple_room(facts.couple_id))
    except Exception:  # the act is committed; the room shows the truth at its next load
        log.exception("the room could not be told that session %s finished", facts.id)


def listen(_state: BlueprintSetupState) -> None:
    """Hear when a session finishes (once per process; connecting the same receiver again changes nothing)."""
    service.session_finished.connect(tell_the_room, weak=False)
