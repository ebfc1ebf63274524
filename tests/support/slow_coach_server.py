"""`python app.py`, with the reading of one kind of text made slow on purpose (browser tests only).

The first reading of a text holding SLOW_MARKER waits HEARTH_TEST_SLOW_SECONDS, as a busy language
helper would: longer than a page waits for an answer before it goes on.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from couples.coaching import coach  # noqa: E402  (the path above comes first)

SLOW_MARKER = "(slow)"
SECONDS = float(os.environ.get("HEARTH_TEST_SLOW_SECONDS", "10"))
_read = coach.analysis_of
_slowed: set[str] = set()
_lock = threading.Lock()


def slow_analysis_of(text: str) -> dict:
    with _lock:
        first = SLOW_MARKER in text and text not in _slowed
        _slowed.add(text)
    if first:
        time.sleep(SECONDS)
    return _read(text)


coach.analysis_of = slow_analysis_of

if __name__ == "__main__":
    import app

    app.main()
