"""SQLite's settings on every connection: WAL, the chosen durability (NORMAL unless told), secure delete."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from couples.db import tune

LEVELS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}  # PRAGMA synchronous answers a number


def pragmas(engine) -> tuple[str, str, int]:
    with engine.connect() as conn:
        return (conn.execute(text("PRAGMA journal_mode")).scalar_one(),
                LEVELS[conn.execute(text("PRAGMA synchronous")).scalar_one()],
                conn.execute(text("PRAGMA secure_delete")).scalar_one())


def test_the_app_database_uses_the_measured_default(app):
    from couples.extensions import db
    assert app.config["HEARTH_SQLITE_SYNCHRONOUS"] == "NORMAL"  # docs/performance.md: FULL cost too much p95
    with app.app_context():
        if db.engine.dialect.name == "sqlite":  # (the PostgreSQL run: its server's own durability, fsync on)
            assert pragmas(db.engine)[1:] == ("NORMAL", 1)


@pytest.mark.parametrize("mode", ["FULL", "NORMAL", "normal"])
def test_each_new_connection_gets_wal_and_the_chosen_durability(tmp_path, mode):
    engine = create_engine(f"sqlite:///{tmp_path / 'hearth.sqlite'}")
    tune(engine, mode)
    tune(engine, "NORMAL" if mode == "FULL" else "FULL")  # a second call changes nothing
    assert pragmas(engine) == ("wal", mode.upper(), 1)
    engine.dispose()


def test_a_setting_that_could_lose_the_file_is_refused(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'hearth.sqlite'}")
    with pytest.raises(ValueError, match="FULL, NORMAL"):
        tune(engine, "OFF")
