"""SQLite, the one-machine default, tuned for a threaded server: readers never wait for the writer.

Write-ahead logging lets the room's many reads (presence, catch-up) go on while one partner's action
is written, and synchronous=NORMAL is the setting SQLite recommends with it (a power cut may lose the
last moments, never the file's integrity). secure_delete overwrites what is deleted (a deleted account's
words), whatever the SQLite build's default. Only the engines handed to `write_ahead` are tuned.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, event


def write_ahead(engine: Engine) -> None:
    """Set WAL, synchronous=NORMAL and secure_delete on each new connection of `engine` (not other databases)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _pragmas):
        event.listen(engine, "connect", _pragmas)


def _pragmas(connection: Any, _record: Any) -> None:
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left readable in the file
        cursor.close()
