"""The parts of the authorization matrix (tests/couples/test_authorization_matrix.py) that are no table: the
routes an app serves, the actions of an exercise, what counts as the sign-in page or a leak, and the sockets
a case opens."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from app import create_app
from couples.extensions import db, socketio
from exercises import KINDS, pause
from tests.support.marked_world import MARK, Caller

SKIPPED_ENDPOINTS = {"static"}  # the same files for everyone
SKIPPED_METHODS = {"HEAD", "OPTIONS"}


@functools.cache
def routes() -> list[tuple[str, str, list[str], list[str]]]:
    """(rule, endpoint, methods, parameters) of every route the app has, but static files (read once, from an
    app of its own made as the tests are collected)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "HEARTH_LOAD_NLP": False})
    found = [(rule.rule, rule.endpoint, sorted(set(rule.methods or ()) - SKIPPED_METHODS), list(rule.arguments))
             for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED_ENDPOINTS]
    with app.app_context():
        db.engine.dispose()
    return sorted(found)


def actions_of(kind: str) -> list[str]:
    """Every action an exercise's table names, with the pause every pausable exercise has; its ending last,
    so that Ana's other actions meet the rules of a session still going."""
    machine = KINDS[kind].MACHINE
    names = {row.action for row in machine.rows} | (set(pause.ACTIONS) if machine.pausable else set())
    return sorted(names, key=lambda name: (name == machine.end_action, name))


def leaks(text: str) -> bool:
    """Whether `text` holds a word of Ana and Ben's (their MARK, in any case)."""
    return MARK in text.lower()


def to_sign_in(response: Any) -> bool:
    """Whether `response` sends its browser to the sign-in page."""
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"


@dataclass
class Room:
    """The sockets one case opens, closed after it."""

    app: Flask
    caller: Callable[[str], Caller]  # a role -> who plays it (World.caller)
    sockets: list[Any] = field(default_factory=list)

    def connect(self, role: str, page: str | None = None) -> Any:
        """A test socket sharing the signed-in cookies of whoever plays `role`, saying at connect it is on `page`
        (its `auth`) when given."""
        auth = {"page": page} if page is not None else None
        sock = socketio.test_client(self.app, flask_test_client=self.caller(role).client(), auth=auth)
        self.sockets.append(sock)
        return sock

    def close(self) -> None:
        for sock in self.sockets:
            if sock.is_connected():
                sock.disconnect()


def rooms_of(sock: Any) -> set[str]:
    """The rooms a test socket is in, besides its own."""
    server = socketio.server  # type: ignore[attr-defined]  # the python-socketio server init_app built
    sid = server.manager.sid_from_eio_sid(sock.eio_sid, "/")
    return set(server.rooms(sid)) - {sid}
