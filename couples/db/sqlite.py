"""SQLite, the one-machine default, tuned for a threaded server: readers never wait for the writer.

Write-ahead logging lets the room's many reads (presence, catch-up) go on while one partner's action
is written, and synchronous=NORMAL is the setting SQLite recommends with it (a power cut may lose the
last moments, never the file's integrity). PostgreSQL connections are left as they are.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def tune(connection: Any, _record: Any) -> None:
    """Set WAL and synchronous=NORMAL on each new SQLite connection."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
