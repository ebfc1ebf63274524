"""The event log's narrow operations: start a session, read rows, fold them, claim a number, insert an event.

The one module that knows both rows and exercise domain objects. Each operation does one thing in
the caller's transaction and never commits, except `start_session`, which is its own unit of work;
the act that uses the others (read, apply, coach, settle, append, commit) is couples/service/acts.py.

Appends are optimistic: `claim_seq` moves a session's `last_seq` forward only if nobody else moved it
meanwhile (compare-and-swap in the database), so two partners pressing at the same instant get
distinct, gapless sequence numbers across any number of server processes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any, cast

from flask import current_app
from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from couples.accounts import Couple, User
from couples.clock import iso
from couples.extensions import db
from couples.log.facts import Facts, keep
from couples.log.models import ExerciseSession, SessionEvent
from exercises import KINDS, Action, IllegalMove, apply_all, exercise, replay

BUSY = "So much happened at once that this didn't go through. Please try again."
STATES_KEPT = 4096  # live sessions whose latest fold this process keeps (a few KB each)
_states: OrderedDict[tuple[Any, ...], tuple[int, Any]] = OrderedDict()
_states_lock = threading.Lock()


class StoreConflict(Exception):
    """The log kept moving under us (or a session's turn stayed busy); the partner is asked to try again."""

    def __init__(self, message: str = BUSY) -> None:
        super().__init__(message)


def start_session(couple: Couple, user: User, kind: str,
                  options: dict[str, Any] | None = None, none_live: bool = False) -> tuple[Facts, bool]:
    """The couple's live session of `kind`, started now by `user` unless one is live; (its facts, created).

    `options` are the keyword arguments for the exercise's start() (JSON-ready); they are kept with the
    session so every replay starts the same way. The facts are kept in this process for the pages that
    open the session next. `none_live`: the caller has just read, in this transaction, that no session of
    `kind` is live, so it is not asked again (a start racing it still meets the unique live key).
    """
    if kind not in KINDS:
        raise IllegalMove("That exercise doesn't exist.", "unknown_exercise")
    if not couple.is_complete:
        raise IllegalMove("Exercises start once your partner has joined.", "needs_two")
    existing = None if none_live else live_session(couple.id, kind)
    if existing:
        return keep(Facts.of(existing)), False
    partner_ids = ",".join(str(m.user_id) for m in couple.memberships)
    row = ExerciseSession(couple_id=couple.id, kind=kind, live_key=_live_key(couple.id, kind),
                          partner_ids=partner_ids, started_by_id=user.id, options=dict(options or {}))
    exercise(kind).start(row.partners, "", **row.options)  # options the exercise refuses never reach the log
    db.session.add(row)
    try:
        db.session.flush()
        facts = Facts.of(row)  # before the commit expires the row, which would cost a read to refresh
        db.session.commit()
    except IntegrityError:  # the partner started it in the same instant: join theirs
        db.session.rollback()
        theirs = live_session(couple.id, kind)
        if theirs is None:
            raise
        return keep(Facts.of(theirs)), False
    return keep(facts), True


def _live_key(couple_id: int, kind: str) -> str:
    return f"{couple_id}:{kind}"


def live_session(couple_id: int, kind: str) -> ExerciseSession | None:
    """The couple's session of `kind` in progress, if any (at most one per kind)."""
    return db.session.scalar(select(ExerciseSession).filter_by(live_key=_live_key(couple_id, kind)))


def session_row(session_id: int) -> ExerciseSession | None:
    """The session's row as the database has it now (never an older copy this transaction read)."""
    return db.session.get(ExerciseSession, session_id, populate_existing=True)


def load_rows(session_id: int, after_seq: int = 0, up_to: int | None = None) -> list[SessionEvent]:
    """The session's accepted actions numbered above `after_seq` (and at most `up_to`), in order."""
    query = select(SessionEvent).where(SessionEvent.session_id == session_id, SessionEvent.seq > after_seq)
    if up_to is not None:
        query = query.where(SessionEvent.seq <= up_to)
    return list(db.session.scalars(query.order_by(SessionEvent.seq)))


def _log(rows: list[SessionEvent]) -> list[tuple[str, Action]]:
    """Rows as the (actor, action) log the exercise folds."""
    return [(str(row.actor_id), Action(row.action, row.fields, iso(row.created_at))) for row in rows]


def state_of(session: Facts | ExerciseSession, up_to: int | None = None, fresh: bool = False) -> Any:
    """The session's state: the fold of its log up to event `up_to`.

    `up_to` None means as far as the log goes (for a row just read: its `last_seq`). The fold of the same
    rows is always the same state, so this process keeps its last fold of each session by number and
    reads and applies only the rows it has not seen. `fresh` folds the whole log and keeps nothing
    (pages looking back at finished sessions, and tests comparing the two).
    """
    if isinstance(session, ExerciseSession):
        up_to = session.last_seq if up_to is None else up_to
        facts = Facts.of(session)
    else:
        facts = session
    if fresh:
        return replay(exercise(facts.kind), facts.partners, facts.started_iso,
                      _log(load_rows(facts.id, up_to=up_to)), **facts.options)
    seq, state = kept_fold(facts, trust_until=up_to)
    if up_to is None or seq < up_to:
        rows = load_rows(facts.id, seq, up_to=up_to)
        state = apply_all(exercise(facts.kind), state, _log(rows))
        if up_to is None:
            up_to = rows[-1].seq if rows else seq
    remember(facts, up_to, state)
    return state


def kept_fold(facts: Facts, trust_until: int | None = None) -> tuple[int, Any]:
    """This process's last fold of the session (seq, state), or its start (0, state) if none is kept."""
    with _states_lock:
        seq, state = _states.get(facts.key, (0, None))
    if state is None or (trust_until is not None and seq > trust_until):
        return 0, exercise(facts.kind).start(facts.partners, facts.started_iso, **facts.options)
    return seq, state


def is_kept(facts: Facts) -> bool:
    """Whether this process keeps a fold of the session."""
    with _states_lock:
        return facts.key in _states


def remember(facts: Facts, seq: int, state: Any) -> None:
    """Keep `state` as this process's fold of the session up to event `seq` (oldest forgotten past STATES_KEPT)."""
    with _states_lock:
        _states[facts.key] = (seq, state)
        _states.move_to_end(facts.key)
        while len(_states) > STATES_KEPT:
            _states.popitem(last=False)


def shared_log() -> bool:
    """Whether other server processes may append to this process's sessions (a message queue joins them).

    Then an act first reads the rows it has not folded yet (one small read) instead of trying its old
    fold, failing the compare-and-swap and reading everything again: in a couple split across two
    processes, the partner's last move is nearly always the other process's.
    """
    return bool(current_app.config.get("SOCKETIO_MESSAGE_QUEUE"))


def last_seq(session_id: int) -> int:
    """The number of the session's newest event, as the database has it now."""
    return db.session.scalar(select(ExerciseSession.last_seq).where(ExerciseSession.id == session_id)) or 0


def claim_seq(facts: Facts, seq: int, now: datetime, finished: bool) -> bool:
    """Move `last_seq` from `seq` to `seq + 1` if the row still matches what we know (the database decides).

    With `finished`, the same statement ends the session (its live slot frees for the next one).
    """
    params: dict[str, Any] = {"claim_id": facts.id, "claim_seq": seq, "claim_next": seq + 1,
                              "claim_couple": facts.couple_id, "claim_started": facts.started_at}
    if finished:
        params["claim_finished"] = now
    result = db.session.connection().execute(_CLAIM_LAST if finished else _CLAIM, params)
    return result.rowcount == 1


def insert_event(values: dict[str, Any]) -> None:
    """Insert one event row (session_id, seq, actor_id, action, fields, outcome, idempotency_key, created_at)."""
    db.session.connection().execute(_INSERT_EVENT, values)


def event_with_key(session_id: int, idempotency_key: str) -> SessionEvent | None:
    """The session's event sent under `idempotency_key`, if one was accepted."""
    return db.session.scalar(select(SessionEvent).filter_by(session_id=session_id, idempotency_key=idempotency_key))


def _claim_statement(finished: bool) -> Any:
    # Built once with bound parameters, so SQLAlchemy finds its compiled form without rebuilding it per act.
    table = cast(Table, ExerciseSession.__table__)  # a declarative model's table is a Table
    values: dict[str, Any] = {"last_seq": bindparam("claim_next")}
    if finished:
        values.update(finished_at=bindparam("claim_finished"), live_key=None)
    return (update(table)
            .where(table.c.id == bindparam("claim_id"), table.c.last_seq == bindparam("claim_seq"),
                   table.c.finished_at.is_(None), table.c.couple_id == bindparam("claim_couple"),
                   table.c.started_at == bindparam("claim_started"))
            .values(**values))


_CLAIM, _CLAIM_LAST = _claim_statement(False), _claim_statement(True)
_INSERT_EVENT = insert(cast(Table, SessionEvent.__table__))
_EVENT_FIELDS = ("seq", "actor_id", "action", "created_at", "outcome")


def client_event(row: SessionEvent | dict[str, Any]) -> dict[str, Any]:
    """An event row (a SessionEvent, or the values just inserted) as the page receives it."""
    values = row if isinstance(row, dict) else {name: getattr(row, name) for name in _EVENT_FIELDS}
    return {"seq": values["seq"], "actor": str(values["actor_id"]), "action": values["action"],
            "at": iso(values["created_at"]), "events": values["outcome"]}


def sessions_of(couple: Couple, limit: int = 20, kind: str | None = None) -> list[ExerciseSession]:
    """The couple's sessions (of `kind`, if given), newest first."""
    query = select(ExerciseSession).filter_by(couple_id=couple.id)
    if kind is not None:
        query = query.filter_by(kind=kind)
    query = query.order_by(ExerciseSession.started_at.desc(), ExerciseSession.id.desc()).limit(limit)
    return list(db.session.scalars(query))
