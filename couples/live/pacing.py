"""Socket events counted per connection (socket id), against couples/limits' SOCKET_LIMITS. A connection
lives on one worker, so its counts are kept in that worker's memory even when scaled out (no round trip to
Redis on every event). Past its limit an event is answered `slow_down` and its handler is never called:
nothing is applied, stored or broadcast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from couples import limits
from couples.live.members import socket_id
from couples.live.replies import failure

SLOW_DOWN = "You're going a little fast. Give it a moment and try again."
RULES = {rule.event: rule for rule in limits.SOCKET_LIMITS}


def paced(event: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler`, counted per socket against the rule for `event` (an event without one is left as it is)."""
    rule = RULES.get(event)
    if rule is None:
        return handler

    @functools.wraps(handler)
    def within_limit(*args: Any) -> Any:
        if not limits.allow(rule.name, rule.rate, f"socket:{socket_id()}", here=True):
            return failure("slow_down", SLOW_DOWN)
        return handler(*args)

    return within_limit
