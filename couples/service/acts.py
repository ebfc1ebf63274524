"""Acting in a session: one unit of work reads the state, coaches and applies the action, settles what a
finishing act leaves behind, appends the event and commits (the service layer of cosmicpython's
`handlers.allocate`; the log keeps only narrow operations).

The usual path of one process reads nothing: this process's facts and last fold of the session are
used, and one UPDATE moves `last_seq` on only if the row still matches them. Where several processes
share the log, the rows newer than the fold are read first (usually the partner's last move). When the
UPDATE matches nothing (another process appended meanwhile, or the kept facts are stale) the row and
the newer log are read and the action tried again, up to APPEND_ATTEMPTS times.

An act that finishes its session sends `session_finished` (its Facts) once committed, so whatever shows
what is live (the room's lead) can let it go; a receiver must never raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from blinker import Namespace
from sqlalchemy.exc import IntegrityError, OperationalError

from couples import coaching, log, safety
from couples.accounts import User
from couples.clock import iso, utcnow
from couples.extensions import db
from couples.log import Facts, StoreConflict
from couples.service.kinds import OUTCOMES
from exercises import Action, Event, IllegalMove, exercise

APPEND_ATTEMPTS = 8
session_finished = Namespace().signal("session-finished")  # sent with the session's Facts, after the commit


@dataclass(frozen=True)
class Acted:
    """One accepted act: its event (as a page receives it), the new state, and whether it was a repeat."""

    session: Facts
    event: dict[str, Any]
    state: Any
    duplicate: bool
    care_note: str | None = None  # the sent text suggested danger: the note its author is shown


def act(session_id: int, actor: User | int, name: str, fields: dict[str, Any], idempotency_key: str,
        couple_id: int | None = None) -> Acted:
    """Apply one action of `actor` to session `session_id` and append it to the log, as one unit of work.

    `fields` are the action's own (checked by the socket's payload schema); the server adds its coaching
    to them before the exercise sees them, and what it returns is what the log keeps, so a replay never
    runs spaCy again. A repeated `idempotency_key` is answered as before, not applied twice. With
    `couple_id`, a session of another couple is refused as if it did not exist. Raises IllegalMove
    (a kind sentence for the actor; "safety_check", "set_aside" or "partner_set_aside" for a check-in's
    hard-step action while the private check is due or either partner has hard conversations set aside;
    ending listening turns is never refused), or StoreConflict when the log kept moving for every attempt.
    """
    actor_id = actor if isinstance(actor, int) else actor.id
    facts = log.facts_for_couple(session_id, couple_id) if couple_id is not None else log.session_facts(session_id)
    if facts is not None and name in safety.HARD_ACTIONS.get(facts.kind, ()) and (
            fields.get("move") not in safety.ALWAYS_ALLOWED_MOVES):  # the check-in's hard step, until both may
        partner = next((int(p) for p in facts.partners if p != str(actor_id)), None)
        safety.gate(actor_id, facts.kind, name, partner_id=partner)
    if facts is not None and (log.shared_log() or not log.is_kept(facts)):
        log.state_of(facts)  # fold in what other processes appended since this one last folded the session
    known: int | None = None  # None: trust this process's fold; a number: the log's last_seq, just read
    for _attempt in range(APPEND_ATTEMPTS):
        if facts is None or (couple_id is not None and facts.couple_id != couple_id):
            raise IllegalMove("We couldn't find that exercise.", "not_found")
        seq, state = log.kept_fold(facts) if known is None else (known, log.state_of(facts, known))
        now = utcnow()
        try:
            kept, new_state, events = _decide(facts.kind, state, actor_id, name, fields, now)
        except IllegalMove:
            repeat = _repeat(session_id, actor_id, name, idempotency_key)
            if repeat is not None:
                return repeat
            if known is None:  # judged on this process's fold: another process may have moved on since
                newest = log.last_seq(session_id)
                if newest > seq:
                    known = newest
                    continue
            raise
        values = {"session_id": session_id, "seq": seq + 1, "actor_id": actor_id, "action": name, "fields": kept,
                  "outcome": [event.to_dict() for event in events], "idempotency_key": idempotency_key,
                  "created_at": now}
        if _append(facts, seq, values, new_state):
            if exercise(facts.kind).is_finished(new_state):
                session_finished.send(facts)
            return Acted(facts, log.client_event(values), new_state, False, coaching.care_note_of(kept))
        repeat = _repeat(session_id, actor_id, name, idempotency_key)
        if repeat is not None:
            return repeat
        facts = log.session_facts(session_id, fresh=True)
        known = log.last_seq(session_id)
    raise StoreConflict()


def _decide(kind: str, state: Any, actor_id: int, name: str, fields: dict[str, Any],
            now: datetime) -> tuple[dict[str, Any], Any, list[Event]]:
    """Coach the action's words and apply it: (its fields as the log keeps them, the new state, its events)."""
    module = exercise(kind)
    if module.is_finished(state):
        raise IllegalMove("This exercise has already finished.", "finished")
    kept = coaching.enrich(module, state, name, fields)
    new_state, events = module.apply(state, str(actor_id), Action(name, kept, iso(now)))
    return kept, new_state, events


def _append(facts: Facts, seq: int, values: dict[str, Any], new_state: Any) -> bool:
    """Claim number seq + 1, insert the event, settle a finishing act's outcome and commit, or roll back
    and say False when another append won the number (or a lock timed out).
    """
    finished = exercise(facts.kind).is_finished(new_state)
    try:
        if log.claim_seq(facts, seq, values["created_at"], finished=finished):
            log.insert_event(values)
            settle = OUTCOMES.get(facts.kind)
            if finished and settle is not None:
                row = log.session_row(facts.id)
                assert row is not None  # the claim just matched it
                settle(row, new_state)
            db.session.commit()
            log.remember(facts, seq + 1, new_state)
            return True
    except (IntegrityError, OperationalError):  # a concurrent append won this number, or a lock timed out
        pass
    db.session.rollback()
    return False


def _repeat(session_id: int, actor_id: int, name: str, idempotency_key: str) -> Acted | None:
    """The answer to an action already in the log under `idempotency_key`, or None if it is new."""
    row = log.event_with_key(session_id, idempotency_key)
    if row is None:
        return None
    if row.actor_id != actor_id or row.action != name:
        raise IllegalMove("That message id was already used for something else.", "bad_key")
    session = log.session_row(session_id)
    assert session is not None  # it holds the event just found
    return Acted(Facts.of(session), log.client_event(row), log.state_of(session), True,
                 coaching.care_note_of(row.fields))
