"""The event log: start sessions, append accepted actions, rebuild state. The one module that knows
both rows and exercise domain objects.

Appends are optimistic: an action is applied to the state folded from the log, then the session's
`last_seq` moves forward only if nobody else moved it meanwhile (compare-and-swap in the database).
The loser of a race re-reads the log and tries again on the new state, so two partners pressing at
the same instant get distinct, gapless sequence numbers across any number of server processes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from couples.extensions import db
from couples.accounts.models import Couple, ExerciseSession, SessionEvent, User, utcnow
from couples.log.facts import Facts, Progress, facts_for_couple, iso as _iso, keep, progress, session_facts
from exercises import KINDS, Action, IllegalMove, exercise, replay
from exercises.replay import apply_all

__all__ = ["Appended", "Facts", "Progress", "StoreConflict", "append", "client_event", "facts_for_couple",
           "fold", "load_rows", "progress", "session_facts", "sessions_of", "start_session", "state_at", "state_of"]

APPEND_ATTEMPTS = 8
STATES_KEPT = 4096  # live sessions whose latest fold this process keeps (a few KB each)
_states: OrderedDict[tuple[Any, ...], tuple[int, Any]] = OrderedDict()
_states_lock = threading.Lock()


class StoreConflict(Exception):
    """The log kept moving under us; the caller should ask the partner to try again."""


@dataclass(frozen=True)
class Appended:
    """The result of one append: its row (as a client sees it), the new state, and whether it was a repeat."""

    session: Facts
    event: dict[str, Any]
    state: Any
    duplicate: bool
    care: bool = False  # the sent text suggested danger: its author is shown the care note


def start_session(couple: Couple, user: User, kind: str,
                  options: dict[str, Any] | None = None) -> tuple[Facts, bool]:
    """The couple's live session of `kind`, started now by `user` unless one is live; (its facts, created).

    `options` are the keyword arguments for the exercise's start() (JSON-ready); they are kept with the
    session so every replay starts the same way. The facts are kept in this process for the pages that
    open the session next.
    """
    if kind not in KINDS:
        raise IllegalMove("That exercise doesn't exist.", "unknown_exercise")
    if not couple.is_complete:
        raise IllegalMove("Exercises start once your partner has joined.", "needs_two")
    live_key = f"{couple.id}:{kind}"
    existing = db.session.scalar(select(ExerciseSession).filter_by(live_key=live_key))
    if existing:
        return keep(Facts.of(existing)), False
    partner_ids = ",".join(str(m.user_id) for m in couple.memberships)
    row = ExerciseSession(couple_id=couple.id, kind=kind, live_key=live_key, partner_ids=partner_ids,
                          started_by_id=user.id, options=dict(options or {}))
    exercise(kind).start(row.partners, "", **row.options)  # options the exercise refuses never reach the log
    db.session.add(row)
    try:
        db.session.flush()
        facts = Facts.of(row)  # before the commit expires the row, which would cost a read to refresh
        db.session.commit()
    except IntegrityError:  # the partner started it in the same instant: join theirs
        db.session.rollback()
        theirs = db.session.scalars(select(ExerciseSession).filter_by(live_key=live_key)).one()
        return keep(Facts.of(theirs)), False
    return keep(facts), True


def load_rows(session_id: int, after_seq: int = 0, up_to: int | None = None) -> list[SessionEvent]:
    """The session's accepted actions numbered above `after_seq` (and at most `up_to`), in order."""
    query = select(SessionEvent).where(SessionEvent.session_id == session_id, SessionEvent.seq > after_seq)
    if up_to is not None:
        query = query.where(SessionEvent.seq <= up_to)
    return list(db.session.scalars(query.order_by(SessionEvent.seq)))


def fold(session: ExerciseSession, rows: list[SessionEvent] | None = None) -> Any:
    """The session's state, rebuilt from its log."""
    rows = load_rows(session.id) if rows is None else rows
    return replay(exercise(session.kind), session.partners, _iso(session.started_at), _log(rows),
                  **(session.options or {}))


def _log(rows: list[SessionEvent]) -> list[tuple[str, Action]]:
    """Rows as the (actor, action) log the exercise folds."""
    return [(str(row.actor_id), Action(row.action, row.fields, _iso(row.created_at))) for row in rows]


def state_at(session: ExerciseSession) -> Any:
    """The session's state as of its event `session.last_seq` (see `state_of`)."""
    return state_of(Facts.of(session), session.last_seq)


def state_of(facts: Facts, last_seq: int | None = None) -> Any:
    """The session's state as of its event `last_seq` (None: its newest row): this process's last fold
    plus any newer rows.

    The fold of the same rows is always the same state, so a state kept by number can be trusted across
    processes; only the rows this process has not yet seen are read and applied.
    """
    seq, state = _kept_state(facts, trust_until=last_seq)
    if last_seq is None or seq < last_seq:
        rows = load_rows(facts.id, seq, up_to=last_seq)
        state = apply_all(exercise(facts.kind), state, _log(rows))
        if last_seq is None:
            last_seq = rows[-1].seq if rows else seq
    _remember(facts.key, last_seq, state)
    return state


def _kept_state(facts: Facts, trust_until: int | None = None) -> tuple[int, Any]:
    """This process's last fold of the session (seq, state), or its start (0, state) if none is kept."""
    with _states_lock:
        seq, state = _states.get(facts.key, (0, None))
    if state is None or (trust_until is not None and seq > trust_until):
        return 0, exercise(facts.kind).start(facts.partners, facts.started_iso, **facts.options)
    return seq, state


def shared_log() -> bool:
    """Whether other server processes may append to this process's sessions (a message queue joins them).

    Then an append first reads the rows it has not folded yet (one small read) instead of trying its old
    fold, failing the compare-and-swap and reading everything again: in a couple split across two
    processes, the partner's last move is nearly always the other process's.
    """
    return bool(current_app.config.get("SOCKETIO_MESSAGE_QUEUE"))


def _is_kept(facts: Facts) -> bool:
    with _states_lock:
        return facts.key in _states


def _last_seq(session_id: int) -> int:
    return db.session.scalar(select(ExerciseSession.last_seq).where(ExerciseSession.id == session_id)) or 0


def _remember(key: tuple[Any, ...], seq: int, state: Any) -> None:
    with _states_lock:
        _states[key] = (seq, state)
        _states.move_to_end(key)
        while len(_states) > STATES_KEPT:
            _states.popitem(last=False)


def append(session_id: int, user: User | int, name: str, fields: dict[str, Any], idempotency_key: str,
           prepare: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None,
           settle: Callable[[ExerciseSession, Any], None] | None = None,
           couple_id: int | None = None) -> Appended:
    """Apply one action of `user` and append it to the log; a repeated idempotency key is not applied twice.

    `prepare(state, fields)` may add server-computed fields (coaching) before the exercise sees them;
    what it returns is what the log keeps, so a replay never needs to compute them again.
    `settle(session, new_state)` runs when the action finishes the session, inside the same transaction
    as the final event (an agreement is written together with the acceptance that made it, or not at all).
    With `couple_id`, a session of another couple is refused as if it did not exist.

    The usual path of one process reads nothing: this process's facts and last fold of the session are
    applied, and one UPDATE moves `last_seq` on only if the row still matches them. Where several
    processes share the log, the rows newer than the fold are read first (usually the partner's last
    move). When the UPDATE matches nothing (another process appended meanwhile, or the kept facts are
    stale) the row and the newer log are read and the action tried again.
    """
    actor_id = user if isinstance(user, int) else user.id
    facts = facts_for_couple(session_id, couple_id) if couple_id is not None else session_facts(session_id)
    kept_seq: int | None = None  # None: trust this process's fold; a number: the row's last_seq, just read
    if facts is not None and (shared_log() or not _is_kept(facts)):
        state_of(facts)  # fold in what other processes appended since this one last folded the session
    for _attempt in range(APPEND_ATTEMPTS):
        if facts is None or (couple_id is not None and facts.couple_id != couple_id):
            raise IllegalMove("We couldn't find that exercise.", "not_found")
        module = exercise(facts.kind)
        if kept_seq is None:
            seq, state = _kept_state(facts)
        else:
            seq, state = kept_seq, state_of(facts, kept_seq)
        now = utcnow()
        try:
            if module.is_finished(state):
                raise IllegalMove("This exercise has already finished.", "finished")
            kept = prepare(state, fields) if prepare else dict(fields)
            new_state, events = module.apply(state, str(actor_id), Action(name, kept, _iso(now)))
        except IllegalMove:
            repeat = _repeat(session_id, actor_id, name, idempotency_key)
            if repeat is not None:
                return repeat
            if kept_seq is None:  # judged on this process's fold: another process may have moved on since
                newest = _last_seq(session_id)
                if newest > seq:
                    kept_seq = newest
                    continue
            raise
        finished = module.is_finished(new_state)
        row = {"session_id": session_id, "seq": seq + 1, "actor_id": actor_id, "action": name, "fields": kept,
               "outcome": [e.to_dict() for e in events], "idempotency_key": idempotency_key, "created_at": now}
        try:
            if _claim_seq(facts, seq, now, finished=finished):
                db.session.connection().execute(_INSERT_EVENT, row)
                if finished and settle is not None:
                    settle(db.session.get(ExerciseSession, session_id, populate_existing=True), new_state)
                db.session.commit()
                _remember(facts.key, seq + 1, new_state)
                return Appended(facts, client_event(row), new_state, False, _care(kept))
        except (IntegrityError, OperationalError):  # a concurrent append won this number, or a lock timed out
            pass
        db.session.rollback()
        repeat = _repeat(session_id, actor_id, name, idempotency_key)
        if repeat is not None:
            return repeat
        facts = session_facts(session_id, fresh=True)
        kept_seq = _last_seq(session_id)
    raise StoreConflict("So much happened at once that this didn't go through. Please try again.")


def _repeat(session_id: int, actor_id: int, name: str, idempotency_key: str) -> Appended | None:
    """The answer to an action already in the log under `idempotency_key`, or None if it is new."""
    row = db.session.scalar(select(SessionEvent).filter_by(session_id=session_id, idempotency_key=idempotency_key))
    if row is None:
        return None
    if row.actor_id != actor_id or row.action != name:
        raise IllegalMove("That message id was already used for something else.", "bad_key")
    session = db.session.get(ExerciseSession, session_id, populate_existing=True)
    return Appended(Facts.of(session), client_event(row), state_at(session), True, _care(row.fields))


def _claim_seq(facts: Facts, seq: int, now: Any, finished: bool) -> bool:
    """Move `last_seq` from `seq` to `seq + 1` if the row still matches what we know (the database decides)."""
    params = {"claim_id": facts.id, "claim_seq": seq, "claim_next": seq + 1, "claim_couple": facts.couple_id,
              "claim_started": facts.started_at}
    if finished:
        params["claim_finished"] = now
    result = db.session.connection().execute(_CLAIM_LAST if finished else _CLAIM, params)
    return result.rowcount == 1


def _claim_statement(finished: bool) -> Any:
    # Built once with bound parameters, so SQLAlchemy finds its compiled form without rebuilding it per act.
    table = ExerciseSession.__table__
    values: dict[str, Any] = {"last_seq": bindparam("claim_next")}
    if finished:
        values.update(finished_at=bindparam("claim_finished"), live_key=None)
    return (update(table)
            .where(table.c.id == bindparam("claim_id"), table.c.last_seq == bindparam("claim_seq"), table.c.finished_at.is_(None),
                   table.c.couple_id == bindparam("claim_couple"),
                   table.c.started_at == bindparam("claim_started"))
            .values(**values))


_CLAIM, _CLAIM_LAST = _claim_statement(False), _claim_statement(True)
_INSERT_EVENT = insert(SessionEvent.__table__)


_EVENT_FIELDS = ("seq", "actor_id", "action", "created_at", "outcome")


def client_event(row: SessionEvent | dict[str, Any]) -> dict[str, Any]:
    """An event row (a SessionEvent, or the values just inserted) as the page receives it."""
    values = row if isinstance(row, dict) else {name: getattr(row, name) for name in _EVENT_FIELDS}
    return {"seq": values["seq"], "actor": str(values["actor_id"]), "action": values["action"],
            "at": _iso(values["created_at"]), "events": values["outcome"]}


def sessions_of(couple: Couple, limit: int = 20) -> list[ExerciseSession]:
    """The couple's sessions, newest first."""
    query = (select(ExerciseSession).filter_by(couple_id=couple.id)
             .order_by(ExerciseSession.started_at.desc(), ExerciseSession.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def _care(fields: dict[str, Any]) -> bool:
    coach = fields.get("coach")
    return isinstance(coach, dict) and bool(coach.get("care"))
