"""What never changes about a session once it started (its facts), kept per process, and its progress.

Acts and the room's joins use them to read nothing they already know; every use is
checked against the row by the statement that needs it, so a kept fact can cost a retry, never a
wrong answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from couples.accounts import User
from couples.clock import iso
from couples.extensions import db
from couples.log.models import ExerciseSession
from exercises import IllegalMove

FACTS_KEPT = 4096  # sessions whose facts this process keeps (a few hundred bytes each)
_facts: OrderedDict[tuple[Any, int], Facts] = OrderedDict()  # (database, id) -> facts
_lock = threading.Lock()


@dataclass(frozen=True)
class Facts:
    """What never changes about a session once it has started: whose it is, its kind, partners and start.

    Each process keeps them by database and id, so an append needs no read of the session's row; the
    append's compare-and-swap checks them against the row (a database emptied and reused, as tests do,
    cannot mislead it).
    """

    id: int
    couple_id: int
    kind: str
    partners: tuple[str, str]
    partner_ids: str
    started_at: datetime
    options: dict[str, Any]

    @property
    def started_iso(self) -> str:
        return iso(self.started_at)

    @property
    def key(self) -> tuple[Any, int, str, str]:
        # The database and the session's birth make the key: ids repeat across databases (and emptied ones).
        return db.engine.url, self.id, self.started_at.isoformat(), self.partner_ids

    @classmethod
    def of(cls, session: ExerciseSession) -> Facts:
        return cls(session.id, session.couple_id, session.kind, session.partners, session.partner_ids,
                   session.started_at, dict(session.options or {}))


def session_facts(session_id: int, fresh: bool = False) -> Facts | None:
    """The facts of session `session_id` (kept in this process after the first read), or None if none."""
    key = (db.engine.url, session_id)
    if not fresh:
        with _lock:
            facts = _facts.get(key)
        if facts is not None:
            return facts
    session = db.session.get(ExerciseSession, session_id, populate_existing=fresh)
    return None if session is None else keep(Facts.of(session))


def keep(facts: Facts) -> Facts:
    """Remember `facts` in this process (the oldest are forgotten past FACTS_KEPT)."""
    with _lock:
        _facts[(db.engine.url, facts.id)] = facts
        while len(_facts) > FACTS_KEPT:
            _facts.popitem(last=False)
    return facts


def facts_for_couple(session_id: int, couple_id: int, checked: bool = False) -> Facts:
    """The facts of a session of couple `couple_id`; IllegalMove `not_found` for any other (it learns nothing).

    A kept answer that says "not yours" is read again before it is believed (ids repeat in an emptied
    database). A kept "yours" is believed: the statement that uses it checks it against the row. A caller
    whose next statement checks nothing (leaving a session's page, saying which page a socket is on) passes
    `checked=True`, and the row is read now, so a session since deleted is not found.
    """
    facts = session_facts(session_id, fresh=checked)
    if not checked and (facts is None or facts.couple_id != couple_id):
        facts = session_facts(session_id, fresh=True)
    if facts is None or facts.couple_id != couple_id:
        raise IllegalMove("We couldn't find that exercise.", "not_found")
    return facts


@dataclass(frozen=True)
class Progress:
    """What a page needs of a session besides its facts, read now: how far it has come, and what the
    partners are called (in the order of `Facts.partners`).
    """

    last_seq: int
    live: bool
    names: tuple[str, ...]


def progress(facts: Facts) -> tuple[Facts, Progress]:
    """The session's progress in one small read, with its facts.

    The read also checks the kept facts against the row, as an append's compare-and-swap does: facts kept
    from a database since emptied and reused are read again, and IllegalMove `not_found` is raised if the
    session then belongs to another couple than the one the facts named.
    """
    couple_id = facts.couple_id
    for _attempt in range(2):
        row = db.session.execute(_PROGRESS, _progress_params(facts)).one_or_none()
        if row is not None:
            last_seq, finished_at, *names = row
            return facts, Progress(last_seq, finished_at is None, tuple(name or "" for name in names))
        fresh = session_facts(facts.id, fresh=True)
        if fresh is None or fresh.couple_id != couple_id:
            break
        facts = fresh
    raise IllegalMove("We couldn't find that exercise.", "not_found")


def _name_of(param: str) -> Any:
    return select(User.display_name).where(User.id == bindparam(param)).scalar_subquery()


# The row's last seq and end, and each partner's name, if the row is still the session the facts describe.
# Built once: built per call, building and keying it was a third of every join (py-spy at 500 couples).
_PROGRESS = (select(ExerciseSession.last_seq, ExerciseSession.finished_at, _name_of("first"), _name_of("second"))
             .where(ExerciseSession.id == bindparam("id"), ExerciseSession.couple_id == bindparam("couple_id"),
                    ExerciseSession.started_at == bindparam("started_at")))


def _progress_params(facts: Facts) -> dict[str, Any]:
    first, second = facts.partners
    return {"id": facts.id, "couple_id": facts.couple_id, "started_at": facts.started_at,
            "first": int(first), "second": int(second)}
