"""Who is in the room right now, kept in the database so every server process sees the same answer.

Each open socket is a row written when it connects and deleted when it closes, tagged with the server
process that holds it. Each process keeps one row of its own fresh (at most one write every
BEAT_SECONDS, carried by its sockets' `still_here` beats), so a page's beat costs no write of its own.
A process that dies without saying goodbye stops beating, and after the timeout none of its sockets
count: presence stays true however a process ends.

Where a socket's page is (the room, or a session's page) is a row of its own (whereabouts.py), written at
arrival and gone with the socket, so each page can say where the partner is: here, in the room, elsewhere.

Both rows are written with one atomic upsert (INSERT ... ON CONFLICT DO UPDATE, on SQLite and PostgreSQL
alike), never a read then an insert: twenty pages connecting at once to a fresh process all write its row
in the same instant, and a read-then-insert lost that race with a duplicate key.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, Insert, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from couples.clock import utcnow
from couples.extensions import db
from couples.live.models import Presence, ServerProcess
from couples.live.whereabouts import SocketPage

BEAT_SECONDS = 10  # at most; never more than a third of the presence timeout
_identity: tuple[int, str] | None = None  # (pid, id): a forked worker gets an id of its own
_last_beat: dict[str, datetime] = {}  # database URL -> when this process last wrote its beat there
_guard = threading.Lock()
_naming = threading.Lock()


def process_id() -> str:
    """This server process's name in the presence tables (host, pid and a random part).

    Named under a lock: the first sockets of a fresh process ask in the same instant, and two names for one
    process would leave the sockets recorded under the first to stop counting once only the second beats.
    """
    global _identity
    with _naming:
        if _identity is None or _identity[0] != os.getpid():
            _identity = (os.getpid(), f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}")
        return _identity[1]


def beat(force: bool = False) -> None:
    """Say this process is alive, at most once every BEAT_SECONDS (unless `force`).

    Only a socket's beat (or arrival) brings the write, so a process with sockets keeps its row fresh
    as long as each page beats more often than the presence timeout (pages beat every 15 s).
    """
    now = utcnow()
    key = str(db.engine.url)
    every = min(BEAT_SECONDS, current_app.config["PRESENCE_TIMEOUT_SECONDS"] / 3)
    with _guard:
        last = _last_beat.get(key)
        if not force and last is not None and now - last < timedelta(seconds=every):
            return
        _last_beat[key] = now
    _upsert(ServerProcess, "id", {"id": process_id(), "seen_at": now})
    db.session.commit()


def arrive(sid: str, user_id: int, couple_id: int, sign_in_id: int | None, page: str | None = None) -> None:
    """Record an open socket of a member, opened with sign-in `sign_in_id`, held by this process, and the
    page it is on ("room" or "session:<id>", already checked as the couple's own; None keeps what is known)."""
    beat(force=True)
    _upsert(Presence, "sid", {"sid": sid, "user_id": user_id, "couple_id": couple_id, "seen_at": utcnow(),
                       "process_id": process_id(), "sign_in_id": sign_in_id})
    if page is not None:
        _upsert(SocketPage, "sid", {"sid": sid, "page": page})
    db.session.commit()


def _upsert(model: type[Presence] | type[ServerProcess] | type[SocketPage], key: str, row: dict[str, Any]) -> None:
    """Insert `row`, or update the row whose primary key `key` it shares, as one statement (no read first,
    so no race)."""
    dialect: Any = {"postgresql": postgresql, "sqlite": sqlite}[db.engine.dialect.name]  # the two Hearth runs on
    insert = dialect.insert(model).values(row)
    statement: Insert = insert.on_conflict_do_update(
        index_elements=[key], set_={name: insert.excluded[name] for name in row if name != key})
    db.session.execute(statement)


def sockets_of(sign_in_ids: list[int]) -> list[str]:
    """The ids of the open sockets, on any process, opened by these sign-ins."""
    return list(db.session.scalars(select(Presence.sid).where(Presence.sign_in_id.in_(sign_in_ids))))


def still_here(sid: str, user_id: int, couple_id: int, sign_in_id: int | None) -> list[str]:
    """A page's beat: keep this process's row fresh; who of the couple is online (as `online`).

    The beating partner is online by definition; if the answer leaves them out, a sweep took this
    socket's row (this process looked dead for a while), so it is put back. The usual beat costs one
    read and no write.
    """
    beat()
    here = online(couple_id)
    if str(user_id) not in here:
        arrive(sid, user_id, couple_id, sign_in_id)
        here = online(couple_id)
    return here


def leave(sid: str) -> None:
    """Forget a closed socket, and the page it was on."""
    db.session.execute(delete(Presence).where(Presence.sid == sid))
    db.session.execute(delete(SocketPage).where(SocketPage.sid == sid))
    db.session.commit()


def _since() -> datetime:
    return utcnow() - timedelta(seconds=current_app.config["PRESENCE_TIMEOUT_SECONDS"])


def online(couple_id: int) -> list[str]:
    """Ids (as strings) of the couple's members with a socket on a living process, sorted."""
    return sorted(str(user_id) for user_id in db.session.scalars(_ONLINE, {"couple_id": couple_id,
                                                                         "since": _since()}))


# Built once: every page's beat asks (a statement built per call is built and keyed for the cache each time).
_ONLINE = (select(Presence.user_id).join(ServerProcess, ServerProcess.id == Presence.process_id)
           .where(Presence.couple_id == bindparam("couple_id"), ServerProcess.seen_at >= bindparam("since"))
           .distinct())


def whereabouts(couple_id: int) -> dict[str, list[str]]:
    """Where each online member of the couple is: {user id (as a string): the pages of their open sockets,
    sorted ("room", "session:12"; [] while none said)}. Its keys are `online(couple_id)`; one query."""
    pages: dict[str, set[str]] = {}
    for user_id, page in db.session.execute(_WHEREABOUTS, {"couple_id": couple_id, "since": _since()}):
        seen = pages.setdefault(str(user_id), set())
        if page is not None:
            seen.add(page)
    return {user: sorted(pages[user]) for user in sorted(pages)}


_WHEREABOUTS = (select(Presence.user_id, SocketPage.page).join(ServerProcess, ServerProcess.id == Presence.process_id)
                .outerjoin(SocketPage, SocketPage.sid == Presence.sid)
                .where(Presence.couple_id == bindparam("couple_id"), ServerProcess.seen_at >= bindparam("since")))


def sweep() -> int:
    """Remove the sockets of processes that stopped beating, and those processes; returns sockets removed."""
    dead = select(ServerProcess.id).where(ServerProcess.seen_at < _since())
    result = db.session.execute(delete(Presence).where(Presence.process_id.in_(dead)))
    db.session.execute(delete(Presence).where(Presence.process_id.not_in(select(ServerProcess.id))))
    db.session.execute(delete(ServerProcess).where(ServerProcess.seen_at < _since()))
    db.session.execute(delete(SocketPage).where(SocketPage.sid.not_in(select(Presence.sid))))
    db.session.commit()
    return cast(CursorResult[Any], result).rowcount
