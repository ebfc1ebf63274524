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

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from couples.extensions import db
from couples.models import Couple, ExerciseSession, SessionEvent, User, utcnow
from exercises import KINDS, Action, IllegalMove, exercise, replay
from exercises.replay import apply_all

APPEND_ATTEMPTS = 8
STATES_KEPT = 4096  # live sessions whose latest fold this process keeps (a few KB each)
_states: OrderedDict[tuple[str, int, str, str], tuple[int, Any]] = OrderedDict()
_states_lock = threading.Lock()


class StoreConflict(Exception):
    """The log kept moving under us; the caller should ask the partner to try again."""


@dataclass(frozen=True)
class Appended:
    """The result of one append: its row (as a client sees it), the new state, and whether it was a repeat."""

    session: ExerciseSession
    event: dict[str, Any]
    state: Any
    duplicate: bool
    care: bool = False  # the sent text suggested danger: its author is shown the care note


def start_session(couple: Couple, user: User, kind: str,
                  options: dict[str, Any] | None = None) -> tuple[ExerciseSession, bool]:
    """The couple's live session of `kind`, started now by `user` unless one is live; (session, created).

    `options` are the keyword arguments for the exercise's start() (JSON-ready); they are kept with the
    session so every replay starts the same way.
    """
    if kind not in KINDS:
        raise IllegalMove("That exercise doesn't exist.", "unknown_exercise")
    if not couple.is_complete:
        raise IllegalMove("Exercises start once your partner has joined.", "needs_two")
    live_key = f"{couple.id}:{kind}"
    existing = db.session.scalar(select(ExerciseSession).filter_by(live_key=live_key))
    if existing:
        return existing, False
    partner_ids = ",".join(str(m.user_id) for m in couple.memberships)
    row = ExerciseSession(couple_id=couple.id, kind=kind, live_key=live_key, partner_ids=partner_ids,
                          started_by_id=user.id, options=dict(options or {}))
    exercise(kind).start(row.partners, "", **row.options)  # options the exercise refuses never reach the log
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # the partner started it in the same instant: join theirs
        db.session.rollback()
        return db.session.scalars(select(ExerciseSession).filter_by(live_key=live_key)).one(), False
    return row, True


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
    """The session's state as of its event `session.last_seq`: this process's last fold plus any newer rows.

    The fold of the same rows is always the same state, so a state kept by number can be trusted across
    processes; only the rows this process has not yet seen are read and applied.
    """
    key = _state_key(session)
    with _states_lock:
        seq, state = _states.get(key, (0, None))
    if state is None or seq > session.last_seq:
        seq, state = 0, exercise(session.kind).start(session.partners, _iso(session.started_at),
                                                     **(session.options or {}))
    if seq < session.last_seq:
        state = apply_all(exercise(session.kind), state, _log(load_rows(session.id, seq, up_to=session.last_seq)))
    _remember(key, session.last_seq, state)
    return state


def _state_key(session: ExerciseSession) -> tuple[str, int, str, str]:
    # The database and the session's birth make the key: ids repeat across databases (and emptied ones).
    return str(db.engine.url), session.id, session.started_at.isoformat(), session.partner_ids


def _remember(key: tuple[str, int, str, str], seq: int, state: Any) -> None:
    with _states_lock:
        _states[key] = (seq, state)
        _states.move_to_end(key)
        while len(_states) > STATES_KEPT:
            _states.popitem(last=False)


def append(session_id: int, user: User, name: str, fields: dict[str, Any], idempotency_key: str,
           prepare: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None,
           settle: Callable[[ExerciseSession, Any], None] | None = None) -> Appended:
    """Apply one action of `user` and append it to the log; a repeated idempotency key is not applied twice.

    `prepare(state, fields)` may add server-computed fields (coaching) before the exercise sees them;
    what it returns is what the log keeps, so a replay never needs to compute them again.
    `settle(session, new_state)` runs when the action finishes the session, inside the same transaction
    as the final event (an agreement is written together with the acceptance that made it, or not at all).
    """
    for _attempt in range(APPEND_ATTEMPTS):
        session = db.session.get(ExerciseSession, session_id, populate_existing=True)
        repeat = db.session.scalar(select(SessionEvent).filter_by(session_id=session_id,
                                                                   idempotency_key=idempotency_key))
        if repeat is not None:
            if repeat.actor_id != user.id or repeat.action != name:
                raise IllegalMove("That message id was already used for something else.", "bad_key")
            return Appended(session, client_event(repeat), state_at(session), True, _care(repeat.fields))
        state = state_at(session)
        if not session.is_live:
            raise IllegalMove("This exercise has already finished.", "finished")
        now = utcnow()
        module = exercise(session.kind)
        kept = prepare(state, fields) if prepare else dict(fields)
        new_state, events = module.apply(state, str(user.id), Action(name, kept, _iso(now)))
        row = SessionEvent(session_id=session_id, seq=session.last_seq + 1, actor_id=user.id, action=name,
                           fields=kept, outcome=[e.to_dict() for e in events],
                           idempotency_key=idempotency_key, created_at=now)
        try:
            finished = module.is_finished(new_state)
            if _claim_seq(session, now, finished=finished):
                db.session.add(row)
                if finished and settle is not None:
                    settle(session, new_state)
                db.session.commit()
                _remember(_state_key(session), row.seq, new_state)
                return Appended(session, client_event(row), new_state, False, _care(kept))
        except (IntegrityError, OperationalError):  # a concurrent append won this number, or a lock timed out
            pass
        db.session.rollback()
    raise StoreConflict("So much happened at once that this didn't go through. Please try again.")


def _claim_seq(session: ExerciseSession, now: Any, finished: bool) -> bool:
    """Move `last_seq` on by one if nobody else has since we read it (the database decides)."""
    values: dict[str, Any] = {"last_seq": ExerciseSession.last_seq + 1}
    if finished:
        values.update(finished_at=now, live_key=None)
    result = db.session.execute(
        update(ExerciseSession)
        .where(ExerciseSession.id == session.id, ExerciseSession.last_seq == session.last_seq)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def client_event(row: SessionEvent) -> dict[str, Any]:
    """An event row as the page receives it."""
    return {"seq": row.seq, "actor": str(row.actor_id), "action": row.action, "at": _iso(row.created_at),
            "events": row.outcome}


def sessions_of(couple: Couple, limit: int = 20) -> list[ExerciseSession]:
    """The couple's sessions, newest first."""
    query = (select(ExerciseSession).filter_by(couple_id=couple.id)
             .order_by(ExerciseSession.started_at.desc(), ExerciseSession.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def _care(fields: dict[str, Any]) -> bool:
    coach = fields.get("coach")
    return isinstance(coach, dict) and bool(coach.get("care"))


def _iso(moment: Any) -> str:
    return moment.isoformat(timespec="seconds") + "Z" if moment else ""
