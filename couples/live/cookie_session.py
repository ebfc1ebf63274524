"""The signed session cookie is read once per socket, not once per socket event.

Flask-SocketIO gives every event a request context; pushing one makes Flask verify and decode the
session cookie of the socket's handshake (an HMAC, a zlib inflate and JSON: about a tenth of an
event's time), only for Flask-SocketIO to replace that session at once with the copy it keeps for the
socket since it connected. When that copy exists, it is the session: it is returned without reading
the cookie again. HTTP requests and a socket's first event read the cookie as always.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSessionInterface

SOCKET_COPY = "saved_session"  # where Flask-SocketIO keeps a socket's copy in the socket's WSGI environ


class CookieSessionsReadOncePerSocket(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, but a socket event gets the socket's kept copy without a new read."""

    def open_session(self, app: Flask, request: Request) -> Any:
        kept = request.environ.get(SOCKET_COPY)
        if kept is not None:
            return kept
        return super().open_session(app, request)
