"""Test databases, migrated by the real Alembic migrations (never by create_all)."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text

from app import MIGRATIONS, create_app


def migrate(url: str) -> None:
    """Run every migration against `url`."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        from couples.extensions import db
        db.engine.dispose()


class SqliteTemplate:
    """One migrated SQLite file, copied for every test (fast, and each test has its own)."""

    def __init__(self, folder: Path) -> None:
        self.template = folder / "template.sqlite"
        migrate(f"sqlite:///{self.template}")

    def fresh(self, tmp_path: Path) -> str:
        target = tmp_path / "hearth.sqlite"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"


class PostgresDatabase:
    """The machine's PostgreSQL, rebuilt from migrations once, emptied before every test."""

    def __init__(self, url: str) -> None:
        self.url = url
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        migrate(url)
        engine = create_engine(url)
        self.tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
        engine.dispose()

    def fresh(self, tmp_path: Path) -> str:
        engine = create_engine(self.url)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(self.tables)} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return self.url
