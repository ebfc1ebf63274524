"""The database engine, tuned for how Hearth uses it: SQLite in WAL mode, pooled connections pinged when idle.

`tune(engine)` is what the factory calls once per app; settings that decide the engine (pool sizes,
SQLite's timeout) are in couples/config.py.
"""

from sqlalchemy import Engine

from couples.db.idle_ping import ping_when_idle
from couples.db.sqlite import write_ahead


def tune(engine: Engine, sqlite_synchronous: str = "NORMAL") -> None:
    """Tune `engine` for Hearth (idempotent): WAL on SQLite with `sqlite_synchronous` (FULL or NORMAL,
    see couples/db/sqlite.py), and a ping only for connections that sat idle."""
    write_ahead(engine, sqlite_synchronous)
    ping_when_idle(engine)


__all__ = ["ping_when_idle", "tune", "write_ahead"]
