"""Helpers for socket tests: start a session over HTTP, act over the socket, read what arrived."""

from __future__ import annotations

import itertools
import re

from tests.support.accounts import Person

_keys = itertools.count(1)


def start(person: Person, kind: str = "appreciation") -> int:
    """Press Start in the room; returns the session id the page opens."""
    response = person.post("/sessions", {"kind": kind}, form_path="/")
    assert response.status_code == 302, response.status_code
    found = re.search(r"/sessions/(\d+)$", response.headers["Location"])
    assert found, response.headers["Location"]
    return int(found.group(1))


def key() -> str:
    return f"test-key-{next(_keys):06d}"


def act(sock, session_id: int, action: str, idempotency_key: str | None = None, **fields):
    """Emit `act` and return the acknowledgement."""
    return sock.emit("act", {"session_id": session_id, "action": action, "fields": fields,
                             "idempotency_key": idempotency_key or key()}, callback=True)


def joined(sock, session_id: int, last_seq: int = 0) -> dict:
    """Emit `join_session` as a session page does on (re)connect; the reply, which must be ok."""
    reply = sock.emit("join_session", {"session_id": session_id, "last_seq": last_seq}, callback=True)
    assert reply["ok"], reply
    return reply


def received(sock, name: str) -> list[dict]:
    """The payloads of every `name` event this socket got since the last call."""
    return [message["args"][0] for message in sock.get_received() if message["name"] == name]
