"""Socket payloads for schema tests: a session of every exercise kind, a valid example of every action's fields
(built from its declaration in exercises/fields.py), and the log as it stands, to see that nothing changed."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from couples.extensions import db
from couples.limits import SOCKET_LIMITS
from couples.log import ExerciseSession, SessionEvent
from exercises import KINDS, Choice, Declared, Kind, Moves, PartnerId, Text, Whole, action_fields
from tests.support.accounts import Person
from tests.support.sessions import agree, start

EVERY_ACTION = [(kind, action) for kind in KINDS for action in action_fields(kind)]


def unpaced(app: Flask) -> Flask:
    """`app` with every socket limit lifted (couples/limits' overrides): these tests send thousands of events."""
    app.config["RATELIMIT_OVERRIDES"] = {**app.config.get("RATELIMIT_OVERRIDES", {}),
                                         **{rule.name: "1000000 per second" for rule in SOCKET_LIMITS}}
    return app


def many_sockets(app: Flask) -> Flask:
    """`app` with the limits on opening sockets and on a person's events (over all their sockets) lifted, for tests
    that open hundreds of sockets of the same few people from one address within a minute (the authorization
    matrix); each socket's own event limits stay."""
    app.config["RATELIMIT_OVERRIDES"] = {**app.config.get("RATELIMIT_OVERRIDES", {}),
                                         **{rule.name: "1000000 per second" for rule in SOCKET_LIMITS
                                            if rule.per != "connection"}}
    return app


def sessions_of_every_kind(app: Flask, ana: Person, ben: Person) -> dict[str, int]:
    """One live session of each exercise kind, started by Ana (a review needs an agreement: one is agreed first)."""
    _talk, agreement_id = agree(app, ana, ben)
    options = {"review": {"agreement_id": str(agreement_id)}}
    return {kind: start(app, ana, kind, **options.get(kind, {})) for kind in KINDS}


def example(kind: Kind) -> Any:
    """A value a page would send for a field of `kind`."""
    if isinstance(kind, Text):
        return "Thank you for waiting up for me."
    if isinstance(kind, Whole):
        return max(kind.low, 3)
    if isinstance(kind, Choice):
        return kind.options[0]
    assert isinstance(kind, PartnerId)
    return "1"


def valid_fields(declared: Declared) -> dict[str, Any]:
    """Every field `declared` names, with a value of its kind (a nested action: its first move)."""
    if isinstance(declared, Moves):
        move, own = next(iter(declared.actions.items()))
        return {declared.key: move, **valid_fields(own)}
    return {name: example(kind) for name, kind in declared.items()}


def log_as_it_stands(app: Flask) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every event of the log and every session's progress, to compare before and after."""
    with app.app_context():
        events = [(e.session_id, e.seq, e.action, e.fields, e.idempotency_key)
                  for e in db.session.scalars(select(SessionEvent).order_by(SessionEvent.session_id, SessionEvent.seq))]
        sessions = [(s.id, s.last_seq, s.finished_at) for s in db.session.scalars(select(ExerciseSession)
                                                                                  .order_by(ExerciseSession.id))]
        db.session.remove()
    return events, sessions
