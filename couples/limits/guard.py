"""The limits of table.py put on an app: one Flask-Limiter per app, the views the table names wrapped.

Why wrap `app.view_functions[endpoint]` (with Flask-Limiter's own `shared_limit` decorator) rather than
decorate the views where they are written, or check in a `before_request`: the table stays the one place
that says what is limited, the view modules stay as they are, and Flask-Limiter still does the counting,
including counting after the response (`deduct_when`, for "failures") which a `before_request` cannot.
Every rule is a *shared* limit whose scope is the rule's name, so a rule's endpoints share one count and
two rules (or two views) never do: Flask-Limiter files decorated limits by the view function's qualified
name, and the scope, not that name, makes the storage key (tests/couples/test_limits.py checks both).

Why one Limiter per app rather than one unbound extension in couples/extensions.py: a Limiter keeps its
storage and its decorated limits on itself, so one instance bound to a second app (every test builds its
own) would count the first app's requests in the second's storage. `init_app` runs after the blueprints
are registered, since it wraps their views.

Storage: RATELIMIT_STORAGE_URI when set; else the Redis of SOCKETIO_MESSAGE_QUEUE when the app is scaled
out (every worker must see the same counts); else memory (one process). Keys are prefixed by
RATELIMIT_KEY_PREFIX, by default the Socket.IO channel, which already tells deployments sharing one Redis
apart. If the storage fails, the limiter counts in memory until it is back (and logs it): a Redis hiccup
must not keep couples out.
"""

from __future__ import annotations

import fnmatch
import logging
import math
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from flask import Flask, Response, current_app, g
from flask_limiter import Limiter, RequestLimit
from limits import RateLimitItem, parse_many
from limits.strategies import MovingWindowRateLimiter

from couples import resend
from couples.limits import storage  # registers the "hearth-memory" scheme with limits
from couples.limits.keys import KEYS, address
from couples.limits.table import LIMITS, SOCKET_LIMITS, UNREADABLE_FRAMES, Rule

EXTENSION = "hearth_limiter"
LOCAL = "hearth_limiter_here"  # this process's own counts
STRATEGY = "moving-window"  # exact: no doubled burst at a window's edge, and Retry-After says the real wait
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Count `app`'s requests against LIMITS; a request past one gets `too_fast`'s answer (429)."""
    config = app.config
    overrides = _checked_overrides(config.get("RATELIMIT_OVERRIDES") or {})
    limiter = Limiter(address, storage_uri=storage_uri(config), key_prefix=key_prefix(config), strategy=STRATEGY,
                      on_breach=too_fast, swallow_errors=True, in_memory_fallback_enabled=True,
                      headers_enabled=False)
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    # Counts no other process needs (`allow(..., here=True)`), with the same moving window, kept per app.
    app.extensions[LOCAL] = MovingWindowRateLimiter(storage.SweptMemoryStorage())
    for rule in LIMITS:
        for endpoint in endpoints_of(app, rule):
            limit = limiter.shared_limit(overrides.get(rule.name, rule.rate), scope=rule.name,
                                         key_func=KEYS[rule.key], methods=list(rule.methods),
                                         deduct_when=_failure_of(rule) if rule.counts == "failures" else None)
            view: Callable[..., Any] = app.view_functions[endpoint]
            app.view_functions[endpoint] = limit(view)


def storage_uri(config: Mapping[str, Any]) -> str:
    """Where counts are kept: RATELIMIT_STORAGE_URI, else the Socket.IO Redis when scaled out, else memory."""
    if config.get("RATELIMIT_STORAGE_URI"):
        return str(config["RATELIMIT_STORAGE_URI"])
    queue = config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    return queue if queue.startswith(("redis://", "rediss://")) else f"{storage.SCHEME}://"


def key_prefix(config: Mapping[str, Any]) -> str:
    """What every count's key starts with: RATELIMIT_KEY_PREFIX, else this deployment's Socket.IO channel."""
    return str(config.get("RATELIMIT_KEY_PREFIX") or f"hearth:{config.get('SOCKETIO_CHANNEL', 'flask-socketio')}")


def endpoints_of(app: Flask, rule: Rule) -> list[str]:
    """The app's endpoints a rule names (patterns expanded); names no view has yet are skipped."""
    return sorted({endpoint for pattern in rule.endpoints for endpoint in app.view_functions
                   if fnmatch.fnmatchcase(endpoint, pattern)})


def _failed(response: Response) -> bool:
    """A response that is not a redirect (these forms redirect when they worked), nor a refusal for going
    too fast (waiting is not another failure, and must not make the wait longer)."""
    return not 300 <= response.status_code < 400 and response.status_code != 429


def _failure_of(rule: Rule) -> Callable[[Response], bool]:
    """What counts as a failure for `rule`: a response not a redirect (nor a 429), and, when the rule names a
    `failed_when` flag, only one whose view set that flag on `g` (it refused the password, or the code)."""
    if not rule.failed_when:
        return _failed
    flag = rule.failed_when

    def refused(response: Response) -> bool:
        return _failed(response) and bool(g.get(flag))

    return refused


def too_fast(breached: RequestLimit) -> Response:
    """The calm answer past a limit: 429 with Retry-After, the form given back (or JSON for a page's fetch)."""
    seconds = max(1, math.ceil(breached.window.reset_time - time.time()))
    return resend.slow_down(seconds)


def _checked_overrides(overrides: Mapping[str, str]) -> dict[str, str]:
    """RATELIMIT_OVERRIDES read strictly: a rule's name (or "socket <event>") to a rate the table could hold."""
    names = {rule.name for rule in LIMITS} | {rule.name for rule in SOCKET_LIMITS} | {UNREADABLE_FRAMES.name}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ValueError(f"RATELIMIT_OVERRIDES names no rule called {', '.join(unknown)}; the rules are "
                         f"{', '.join(sorted(names))}")
    for rate in overrides.values():
        parse_many(rate)  # raises ValueError on a rate it cannot read
    return dict(overrides)


def wait(name: str, rate: str, key: str, here: bool = False) -> int:
    """Count one more of `name` for `key` against `rate` (or its override): 0 when it is within the rate, else the
    seconds until it would be (the part of the rate that refused it lets one more in then; a refusal is not
    counted). In the app's storage, or with `here` in this process's own memory: right for a key that only this
    process ever counts, such as one socket's (a connection lives on one worker), and it spares every socket event
    a round trip per part of the rate to Redis when scaled out. A hit refused by a later part still counts in the
    earlier ones. A storage failure allows (logged), as for requests."""
    limiter: Limiter = current_app.extensions[EXTENSION]
    if not limiter.enabled:  # RATELIMIT_ENABLED off: Flask-Limiter counts nothing, and neither does this
        return 0
    items = _parsed(current_app.config.get("RATELIMIT_OVERRIDES", {}).get(name, rate))
    identifiers = (key_prefix(current_app.config), key, name)
    try:
        strategy = current_app.extensions[LOCAL] if here else limiter.limiter
        for item in items:  # stops at the first refusal
            if not strategy.hit(item, *identifiers):
                return max(1, math.ceil(strategy.get_window_stats(item, *identifiers).reset_time - time.time()))
        return 0
    except Exception:  # a storage that is down must not stop a couple mid-exercise
        log.exception("rate limit storage failed; allowing %s", name)
        return 0


def allow(name: str, rate: str, key: str, here: bool = False) -> bool:
    """Count one more of `name` for `key` against `rate`, as `wait` does; False once the rate is reached."""
    return wait(name, rate, key, here) == 0


@lru_cache(maxsize=64)
def _parsed(rate: str) -> list[RateLimitItem]:
    return parse_many(rate)

