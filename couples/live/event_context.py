"""A socket event's request context, freed the moment the event is done."""

from __future__ import annotations

from flask import has_request_context, request


def forget_routing_miss(_error: BaseException | None = None) -> None:
    """Teardown of every request context, a socket event's included: drop the routing miss it may hold.

    Flask-SocketIO gives each socket event a request context for the Socket.IO path, which no Flask
    route matches, so the context keeps a NotFound whose traceback refers back to the context: a cycle
    that only the garbage collector's full passes freed (about seventy objects per event; the passes
    then stopped every room for 100-200 ms at a time under load). Dropping it lets each event's objects
    go the moment the event is done.
    """
    if has_request_context() and request.routing_exception is not None:
        request.routing_exception = None
