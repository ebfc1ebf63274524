"""Sockets counted against couples/limits' SOCKET_LIMITS: every event per connection (socket id) and per person
(all their sockets, so a new connection starts no new count), and opening a socket per person and per address.

Event counts are kept in the memory of the worker holding the socket (no round trip to Redis on every event). A
connection lives on one worker, and the balancer sends the sockets of one address to one worker (deploy/nginx.conf
hashes the client's address), so that worker's count of a person is all of theirs; someone spreading sockets over
several addresses and workers gets at most one count per worker. Opening a socket is rare, so it is counted in the
app's shared storage (Redis when scaled out), the same on every worker.

Past a limit an event is answered `slow_down` with a sentence saying when to try again and `retry_after` in
seconds, and its handler is never called: nothing is applied, stored or broadcast. A socket past a connect limit
is refused at `connect` (connection.py) with such a sentence, and {"retry_after": seconds} as the refusal's data,
which the page waits before it tries again (static/js/live/live.js).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Literal

from flask_login import current_user
from socketio.exceptions import ConnectionRefusedError  # the class flask_socketio hands on

from couples import limits
from couples.limits import SocketRule
from couples.live import members
from couples.live.members import socket_id
from couples.live.replies import failure
from couples.resend import breather, in_words

CONNECT = "connect"
EVENT_RULES: dict[str, tuple[SocketRule, ...]] = {}
for _rule in limits.SOCKET_LIMITS:
    if _rule.event != CONNECT:
        EVENT_RULES[_rule.event] = (*EVENT_RULES.get(_rule.event, ()), _rule)
CONNECT_RULES = {rule.per: rule for rule in limits.SOCKET_LIMITS if rule.event == CONNECT}


def slow_down(seconds: int) -> dict[str, Any]:
    """The `slow_down` reply: a calm sentence saying when to try again, and `retry_after` in seconds."""
    reply = failure("slow_down", f"You're going a little fast. {breather(seconds)}: you can try again "
                                 f"{in_words(seconds)}.")
    reply["error"]["retry_after"] = seconds
    return reply


def opened_too_often(seconds: int) -> str:
    """The sentence refusing a socket past a connect limit."""
    return f"Your room has been opened many times just now. {breather(seconds)}: we'll connect again " \
           f"{in_words(seconds)}."


def paced(event: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler`, counted per socket and per person against the rules for `event` (an event without one is left
    as it is; `connect` is counted by `count_connect`)."""
    rules = EVENT_RULES.get(event, ())
    if not rules:
        return handler

    @functools.wraps(handler)
    def within_limit(*args: Any) -> Any:
        for rule in rules:
            key = _counted_as(rule)
            seconds = limits.wait(rule.name, rule.rate, key, here=True) if key else 0
            if seconds:
                return slow_down(seconds)
        return handler(*args)

    return within_limit


def _counted_as(rule: SocketRule) -> str | None:
    """Whose count an event of this socket adds to under `rule`; None for a person unknown here (the handler
    refuses that socket as signed out)."""
    if rule.per == "connection":
        return f"socket:{socket_id()}"
    member = members.holder(socket_id())
    if member is not None:
        return f"person:{member.user_id}"
    return f"person:{current_user.id}" if current_user.is_authenticated else None


def count_connect(per: Literal["person", "address"], key: str) -> None:
    """Count a socket opened by one person (`key` their id) or from one address; past the rule's limit,
    ConnectionRefusedError with a sentence saying when the page connects again, and {"retry_after": seconds}."""
    rule = CONNECT_RULES.get(per)
    seconds = limits.wait(rule.name, rule.rate, f"{per}:{key}") if rule else 0
    if seconds:
        raise ConnectionRefusedError(opened_too_often(seconds), {"retry_after": seconds})
