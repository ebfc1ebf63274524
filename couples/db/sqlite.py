"""SQLite, the one-machine default, tuned for a threaded server: readers never wait for the writer.

Write-ahead logging lets the room's many reads (presence, catch-up) go on while one partner's action
is written. `synchronous` decides what a power cut can cost (https://www.sqlite.org/pragma.html#pragma_synchronous):
with FULL, WAL is synced at every commit, so an act acknowledged to both partners survives a power
cut; with NORMAL (SQLite's recommendation for speed with WAL), the last commits before the cut may be
lost, never the file's integrity. Hearth defaults to NORMAL (HEARTH_SQLITE_SYNCHRONOUS): measured side by
side at 500 couples (bench/realtime.py --synchronous FULL,NORMAL, docs/performance.md), FULL's sync at every
commit multiplied the partner's p95 wait several times over, far past the 15 % the project allows for it;
a deployment that prefers durability to speed sets FULL. secure_delete overwrites what is deleted (a deleted
account's words), whatever the SQLite build's default. Only the engines handed to `write_ahead` are tuned.
"""

from __future__ import annotations

import sqlite3
import weakref
from typing import Any

from sqlalchemy import Engine, event

SYNCHRONOUS = ("FULL", "NORMAL")  # the two settings that make sense with WAL (OFF risks the file itself)
_tuned: weakref.WeakSet[Engine] = weakref.WeakSet()


def write_ahead(engine: Engine, synchronous: str = "NORMAL") -> None:
    """Set WAL, `synchronous` (FULL or NORMAL) and secure_delete on each new connection of `engine`.

    Other databases are left alone; an engine is tuned once (a second call changes nothing).
    Raises ValueError for any other `synchronous`.
    """
    mode = synchronous.upper()
    if mode not in SYNCHRONOUS:
        raise ValueError(f"HEARTH_SQLITE_SYNCHRONOUS must be one of {', '.join(SYNCHRONOUS)}, not {synchronous!r}")
    if engine.dialect.name != "sqlite" or engine in _tuned:
        return
    _tuned.add(engine)

    def pragmas(connection: Any, _record: Any) -> None:
        if isinstance(connection, sqlite3.Connection):
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={mode}")
            cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left readable in the file
            cursor.close()

    event.listen(engine, "connect", pragmas)
