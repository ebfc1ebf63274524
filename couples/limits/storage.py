"""The one-process storage for rate-limit counts: limits' own MemoryStorage, swept once a second.

limits 5.8's MemoryStorage re-arms a 10 ms timer on every hit that walks every key (taking each key's lock,
a gevent lock under gunicorn) to drop expired entries. Every open socket owns a few keys (couples/live/pacing.py),
so at 500 couples that sweep alone took 85 % of the server process (py-spy, bench/realtime.py, 2026-11-29;
docs/performance.md) and the room stalled. Counting stays exact without the sweep: a moving-window hit
compares timestamps (`acquire_entry`, `get_moving_window`) and a counter checks its own expiry on read
(`get`); the sweep only hands memory back, so once a second is plenty (keys live at most as long as
their longest window plus a second). The parent's sweep keeps an empty list for every key it ever saw; this
one drops those too.

Chosen by the "hearth-memory://" storage URI (guard.storage_uri's default); Redis, when scaled out, expires
keys itself.
"""

from __future__ import annotations

import threading

from limits.storage import MemoryStorage

SWEEP_SECONDS = 1.0
SCHEME = "hearth-memory"


class SweptMemoryStorage(MemoryStorage):
    """MemoryStorage whose expired entries are dropped at most once every SWEEP_SECONDS (not every 10 ms),
    and whose sweep also drops a key's emptied list (limits keeps one per key ever seen, one per socket here)."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str) -> None:
        self._arming = threading.Lock()
        self._armed = False
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.timer.cancel()  # the first 10 ms timer the parent armed

    def _MemoryStorage__schedule_expiry(self) -> None:  # limits calls its private hooks by their mangled names
        # One timer at a time. The parent asks `timer.is_alive()`, but under gevent `Timer.start()` yields
        # before the new timer counts as alive, so every greenlet hitting meanwhile armed one more: measured
        # 33 sweeps a second from 50 greenlets instead of one (tests/couples/limits/test_storage.py).
        with self._arming:
            if self._armed:
                return
            self._armed = True
        self.timer = threading.Timer(SWEEP_SECONDS, self._MemoryStorage__expire_events)
        self.timer.daemon = True
        self.timer.start()

    def _MemoryStorage__expire_events(self) -> None:
        self._armed = False  # a hit during this sweep arms the next one
        super()._MemoryStorage__expire_events()  # type: ignore[misc]  # the parent's own sweep
        for key in [key for key, events in self.events.items() if not events]:
            with self.locks[key]:
                if not self.events.get(key):
                    self.events.pop(key, None)
            self.locks.pop(key, None)
