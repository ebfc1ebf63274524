"""The server's side of `nlp.worker`: one helper process per server process, asked over a pipe.

`Helper.ask(request)` returns the worker's JSON-ready answer, or None whenever the helper cannot
give one right now (still loading its model, gone, slow past its timeout, or the text was refused);
the caller then reads the message in its own process, so nothing a partner writes waits on the
helper or is lost with it. A helper that dies is started again on a later request.

It works the same with OS threads and with gevent (whose monkey-patching makes the pipe, the reader
thread and the events cooperative).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

ANSWER_SECONDS = 10.0  # past this, the request is read in-process instead
RESTART_SECONDS = 5.0  # at most one start per this long, so a helper that cannot start is not hammered


class _Waiter:
    __slots__ = ("event", "reply")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.reply: dict[str, Any] | None = None


class Helper:
    """A worker process reading messages with the spaCy model `model`, for this process only."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Waiter] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = 0  # the pid that started the process (a forked child must start its own)
        self._ready = False
        self._last_start = 0.0
        self.answered = 0  # requests the helper answered (for tests and the benchmark)

    @property
    def ready(self) -> bool:
        """Whether this process's worker is up, has its model loaded, and can be asked."""
        return self._ready and self._running

    @property
    def _running(self) -> bool:
        """Whether a worker started by this process (not one inherited across a fork) is still alive."""
        return self._owner == os.getpid() and self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The worker's process id, if one was started."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker in the background unless it runs or was started a moment ago."""
        with self._lock:
            if self._running:  # ready, or still loading its model
                return
            if time.monotonic() - self._last_start < RESTART_SECONDS and self._owner == os.getpid():
                return
            self._last_start = time.monotonic()
            self._ready = False
            if self._process is not None and self._owner == os.getpid():
                _reap(self._process)
            self._owner = os.getpid()
            self._process = subprocess.Popen(
                [sys.executable, "-m", "nlp.worker", self.model], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            threading.Thread(target=self._read, args=(self._process,), name="nlp-helper-reader",
                             daemon=True).start()

    def ask(self, request: dict[str, Any], timeout: float = ANSWER_SECONDS) -> dict[str, Any] | None:
        """The worker's result for `request` ({"op": ..., ...}), or None if it cannot answer now."""
        if not self.ready:
            self.start()
            return None
        waiter = _Waiter()
        with self._lock:
            process = self._process
            if process is None or process.stdin is None:
                return None
            number = next(self._ids)
            self._pending[number] = waiter
            try:
                process.stdin.write((json.dumps({**request, "id": number}) + "\n").encode())
                process.stdin.flush()
            except (OSError, ValueError):  # the worker is gone; the reader notices and fails the rest
                self._pending.pop(number, None)
                return None
        if not waiter.event.wait(timeout):
            with self._lock:
                self._pending.pop(number, None)
            log.warning("the nlp helper took over %.0f s to answer; reading in-process", timeout)
            return None
        reply = waiter.reply
        if not reply or not reply.get("ok"):
            return None
        self.answered += 1
        return reply["result"]

    def stop(self) -> None:
        """Close the worker's input (it exits) and wait for it briefly."""
        with self._lock:
            process, self._process, self._ready = self._process, None, False
        if process is not None:
            try:
                if process.stdin:
                    process.stdin.close()
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait(timeout=5)

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        try:
            first = process.stdout.readline()
            hello = json.loads(first) if first.strip() else {}
            if not hello.get("ready"):
                log.warning("the nlp helper did not start (%s); reading in-process", hello.get("error", "no answer"))
                return
            with self._lock:
                if self._process is process:
                    self._ready = True
            for line in process.stdout:
                try:
                    reply = json.loads(line)
                except ValueError:
                    continue
                with self._lock:
                    waiter = self._pending.pop(reply.get("id"), None)
                if waiter is not None:
                    waiter.reply = reply
                    waiter.event.set()
        finally:
            with self._lock:
                if self._process is process:
                    self._ready = False
                    failed, self._pending = self._pending, {}
                else:
                    failed = {}
            for waiter in failed.values():  # their callers read in-process at once
                waiter.event.set()
            if process.stdout:
                process.stdout.close()


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Close what is left of a worker that has exited."""
    if process.stdin is not None:
        try:
            process.stdin.close()
        except OSError:
            pass
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


_helpers: dict[str, Helper] = {}
_helpers_lock = threading.Lock()


def helper_for(model: str) -> Helper:
    """This process's helper for `model` (one per model), created on first use and not yet started."""
    with _helpers_lock:
        if model not in _helpers:
            _helpers[model] = Helper(model)
        return _helpers[model]
