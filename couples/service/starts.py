"""Starting a session: the options its kind computes, then the log's start (or the live one of that kind
joined); and, when a partner presses Start, one exercise at a time: nothing starts while another is live.

Two partners pressing Start on two different exercises in the same instant must not both start one (each
would then wait for the other in an exercise the other never opened). So a start first takes the couple's
row for itself (an UPDATE, held until the start commits: a row lock on PostgreSQL, the write lock on SQLite),
and only then looks for a live session: whichever start comes second sees the first one's session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from sqlalchemy import Table, bindparam, select, update

from couples import log
from couples.accounts import Couple, User
from couples.extensions import db
from couples.log import Facts
from couples.service.kinds import options_for


class AlreadyLive(Exception):
    """Another exercise is live for the couple: `session_id` names it, to join or to end before another starts."""

    def __init__(self, session_id: int) -> None:
        super().__init__(f"session {session_id} is live")
        self.session_id = session_id


def start(couple: Couple, user: User, kind: str, form: Mapping[str, str], *,
          one_at_a_time: bool = False) -> tuple[Facts, bool]:
    """The couple's live session of `kind`, started by `user` with its kind's options unless one is live.

    Returns (its facts, whether it was created now). With `one_at_a_time` (a partner pressing Start: the
    room's rule), raises AlreadyLive while a session of another kind is live for the couple, and nothing
    starts; without it, sessions of other kinds may be live beside it (tests building a couple's past).
    Raises IllegalMove with a kind sentence when the kind's options can't be made (no agreement to review,
    an unknown scene...) or the couple isn't complete; an agreement or scene of another couple is a 404.
    Ends its transaction either way, so the couple's row is never held past the start.
    """
    options = options_for(kind, couple, user, form)
    if not one_at_a_time:
        return log.start_session(couple, user, kind, options)
    couple_id = couple.id
    _hold_starts(couple_id)
    try:
        live = live_sessions(couple_id)
        other = next((s.id for s in live if s.kind != kind), None)
        if other is not None:
            raise AlreadyLive(other)
        same = next((s for s in live if s.kind == kind), None)  # read under the hold: no need to ask again
        if same is not None:
            return log.keep(log.Facts.of(same)), False
        facts, created = log.start_session(couple, user, kind, options, none_live=True)  # commits what it creates
    finally:
        db.session.rollback()  # a start that created nothing lets go of the couple's row here
    return facts, created


def _hold_starts(couple_id: int) -> None:
    """Take the couple's row until this transaction ends: the next start of this couple waits for it.

    The same UPDATE as an ORM one, sent on the session's connection in its transaction: it changes no column
    (ended_at = ended_at), so no object needs synchronizing, and the ORM's bulk-update path cost about 150 us
    of CPU a start for nothing (issue 21).
    """
    db.session.connection().execute(_HOLD, {"hold_couple": couple_id})


def live_sessions(couple_id: int) -> list[log.ExerciseSession]:
    """The couple's sessions in progress, newest first (one, unless started before one-at-a-time)."""
    return list(db.session.scalars(_LIVE, {"live_couple": couple_id}))


# Built once with bound parameters: built per call, building and keying them was more than half of each
# statement's cost on every Start (the room's lead reads the live sessions the same way).
_COUPLES = cast(Table, Couple.__table__)  # a declarative model's table is a Table
_HOLD = (update(_COUPLES).where(_COUPLES.c.id == bindparam("hold_couple"))
         .values(ended_at=_COUPLES.c.ended_at))
_LIVE = (select(log.ExerciseSession)
         .where(log.ExerciseSession.couple_id == bindparam("live_couple"), log.ExerciseSession.finished_at.is_(None))
         .order_by(log.ExerciseSession.started_at.desc(), log.ExerciseSession.id.desc()))
