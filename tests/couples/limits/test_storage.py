"""The one-process count storage (couples/limits/storage.py): limits' MemoryStorage with its sweep slowed
from every 10 ms to once a second. Counting must stay exact between sweeps, and a sweep must still hand
the memory of finished windows back. The clock is the module's own `time`, replaced here."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import limits.storage.memory as memory
import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from app import create_app
from couples.limits import EXTENSION
from couples.limits.storage import SWEEP_SECONDS, SweptMemoryStorage


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(memory, "time", types.SimpleNamespace(time=fake.time))
    return fake


@pytest.fixture
def storage():
    kept = storage_from_string("hearth-memory://")  # the scheme the app names, registered on import
    assert isinstance(kept, SweptMemoryStorage)
    yield kept
    kept.timer.cancel()


def test_the_app_counts_in_the_swept_storage_by_default(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}", "TESTING": True})
    assert isinstance(app.extensions[EXTENSION].limiter.storage, SweptMemoryStorage)


def test_a_moving_window_counts_exactly_between_sweeps(storage, clock):
    window = MovingWindowRateLimiter(storage)
    three_a_minute = parse("3 per minute")
    assert [window.hit(three_a_minute, "socket:a") for _ in range(4)] == [True, True, True, False]
    assert window.hit(three_a_minute, "socket:b")  # another socket has its own count
    clock.now += 59
    assert not window.hit(three_a_minute, "socket:a")
    clock.now += 2  # the first three have left the window; nothing was swept in between
    assert window.hit(three_a_minute, "socket:a")


def test_a_fixed_window_starts_again_when_it_expires(storage, clock):
    window = FixedWindowRateLimiter(storage)
    twice = parse("2 per 10 seconds")
    assert [window.hit(twice, "k") for _ in range(3)] == [True, True, False]
    clock.now += 11
    assert window.hit(twice, "k")


def test_a_sweep_hands_back_the_keys_of_finished_windows(storage, clock):
    window, fixed = MovingWindowRateLimiter(storage), FixedWindowRateLimiter(storage)
    for n in range(50):
        window.hit(parse("5 per minute"), f"socket:{n}")
        fixed.hit(parse("5 per minute"), f"socket:{n}")
    assert len(storage.events) == 50 and len(storage.expirations) == 50
    clock.now += 61
    storage._MemoryStorage__expire_events()  # what the timer runs
    assert storage.events == {} and storage.expirations == {} and dict(storage.storage) == {}


def test_the_sweep_waits_a_second_not_ten_milliseconds(storage):
    MovingWindowRateLimiter(storage).hit(parse("5 per minute"), "socket:x")
    assert storage.timer.interval == SWEEP_SECONDS == 1.0
    assert storage.timer.daemon  # it never holds a stopping process open


def test_greenlets_hitting_at_once_arm_one_sweep_not_one_each():
    """Under gunicorn's gevent worker every socket is a greenlet. A child process, so gevent's patching
    stays out of this test run; it counts sweeps while 50 greenlets hit for two seconds."""
    script = textwrap.dedent("""
        from gevent import monkey; monkey.patch_all()
        import gevent, time
        from limits import parse
        from limits.strategies import MovingWindowRateLimiter
        from couples.limits.storage import SweptMemoryStorage
        sweeps = []
        class Counted(SweptMemoryStorage):
            STORAGE_SCHEME = ["counted-memory"]
            def _MemoryStorage__expire_events(self):
                sweeps.append(1)
                super()._MemoryStorage__expire_events()
        window = MovingWindowRateLimiter(Counted("counted-memory://"))
        def hitter(n):
            end = time.monotonic() + 2
            while time.monotonic() < end:
                window.hit(parse("100 per minute"), f"socket:{n}")
                gevent.sleep(0.01)
        gevent.joinall([gevent.spawn(hitter, n) for n in range(50)])
        print(len(sweeps))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[3])
    assert int(done.stdout.strip()) <= 3  # about one a second (the first timer may already have fired)
