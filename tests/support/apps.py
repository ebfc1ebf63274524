"""The suite's app, built one way for every fixture that needs its own (conftest's `app`, and modules that replace
it with some settings of their own: tiny limits, email over a real SMTP server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask

SUITE = {"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": True,
         "MAIL_BACKEND": "locmem"}  # emails are kept in app.extensions["mailman"].outbox (tests/support/mailbox.py)


def suite_app(database_url: str, **config: Any) -> Iterator[Flask]:
    """The suite's app on `database_url` with `config` on top, its database connections closed after (the body of
    a pytest fixture: `yield from suite_app(database.fresh(tmp_path), RATELIMIT_OVERRIDES=TINY)`)."""
    from app import create_app
    from couples.extensions import db

    app = create_app({**SUITE, "SQLALCHEMY_DATABASE_URI": database_url, **config})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
