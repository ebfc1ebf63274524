"""Partners hear a session's events in the order of their sequence numbers, across server processes.

The database numbers appends without help (couples/log/store.py), but numbering is not delivery: when
worker A commits event 1 and worker B commits event 2 a moment later, B may publish before A, and a
page would hear 2 before 1 (the scale-out tests saw it). Holding a session's turn from the append to
the end of its broadcast makes publication order equal sequence order; Redis and each worker's
listener then keep that order to every socket.

On PostgreSQL the turn is an advisory lock (every worker shares it; a dead worker's lock goes with its
connection). It is held on a connection from a small pool of its own, taken only after the request
has handed its own connection back: a thread never holds one pool's connection while waiting for the
other's, so many partners acting at once cannot starve each other of connections (they did, for the
30 s of the pool timeout, when the lock shared the request's pool). On SQLite, which one process
serves, the turn is a lock in that process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from couples.extensions import db
from couples.log import StoreConflict

LOCK_SPACE = 0x4845  # the advisory-lock key space of Hearth's session turns ("HE")
WAIT_SECONDS = 10
_LOCAL_TURNS = tuple(threading.Lock() for _ in range(1024))  # striped: bounded, whatever the number of sessions
_lock_pools: dict[URL, Engine] = {}  # database URL -> the pool its turn locks use (one per database)
_lock_pools_guard = threading.Lock()


@contextmanager
def broadcast_in_order(session_id: int) -> Iterator[None]:
    """Hold `session_id`'s turn from its append to the end of its broadcast, so broadcasts leave in order.

    StoreConflict if the turn isn't free within WAIT_SECONDS.
    """
    # End the request's read transaction: hold no connection while waiting. An act that read nothing yet (the
    # usual one: its facts and fold are kept) has none, and committing nothing still cost ~25 us (issue 21).
    if db.session().in_transaction():
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with _advisory_lock(session_id):
            yield
        return
    lock = _LOCAL_TURNS[session_id % len(_LOCAL_TURNS)]
    if not lock.acquire(timeout=WAIT_SECONDS):
        raise StoreConflict()
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _advisory_lock(session_id: int) -> Iterator[None]:
    # A connection of its own: the append commits (and hands back) the request's connection meanwhile.
    # The lock pool runs in autocommit with lock_timeout set once per connection, so taking and giving
    # back a turn is one round trip each.
    try:
        conn = _lock_pool().connect()
    except PoolTimeout as error:  # every lock connection busy for 10 s: ask the partner to try again
        raise StoreConflict() from error
    with conn:
        try:
            conn.execute(text("SELECT pg_advisory_lock(:space, :id)"), {"space": LOCK_SPACE, "id": session_id})
        except OperationalError as error:
            raise StoreConflict() from error
        try:
            yield
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:space, :id)"), {"space": LOCK_SPACE, "id": session_id})
            except OperationalError:  # the connection broke: its locks went with it, and so does it
                conn.invalidate()


def _lock_pool() -> Engine:
    url = db.engine.url
    with _lock_pools_guard:
        if url not in _lock_pools:
            _lock_pools[url] = create_engine(
                url, isolation_level="AUTOCOMMIT", pool_size=5, max_overflow=5, pool_timeout=WAIT_SECONDS,
                pool_recycle=300, connect_args={"options": f"-c lock_timeout={WAIT_SECONDS * 1000}"})
        return _lock_pools[url]
