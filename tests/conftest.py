"""Fixtures in the flaskr shape: app -> client -> auth, plus partners with live sockets.

The database is SQLite by default. `--db=postgres` (or HEARTH_TEST_DB=postgres) runs the same tests
against the PostgreSQL server this machine starts (127.0.0.1:5432, database `test`).
"""

from __future__ import annotations

import os
import shutil

import pytest

from couples.extensions import socketio
from tests.support.accounts import Accounts
from tests.support.apps import suite_app
from tests.support.database import PostgresDatabase, SqliteTemplate

POSTGRES_URL = os.environ.get("HEARTH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db", choices=("sqlite", "postgres"), default=os.environ.get("HEARTH_TEST_DB", "sqlite"),
                     help="which database the app tests run on")


@pytest.fixture(scope="session")
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A migrated database for the run: a SQLite template copied per test, or PostgreSQL emptied per test."""
    if request.config.getoption("--db") == "postgres":
        return PostgresDatabase(POSTGRES_URL)
    return SqliteTemplate(tmp_path_factory.mktemp("db-template"))


@pytest.fixture
def app(database, tmp_path):
    yield from suite_app(database.fresh(tmp_path))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def accounts(app):
    """Registers people through the real forms and pairs them through the real invitation flow."""
    return Accounts(app)


@pytest.fixture
def couple(accounts):
    """Two partners, signed in and paired: (ana, ben), each with their own browser-like client."""
    return accounts.couple("ana", "ben")


@pytest.fixture
def outsider(accounts):
    """A signed-in person from another couple."""
    return accounts.couple("olga", "oscar")[0]


@pytest.fixture
def partner(app):
    """A factory for a live socket sharing a person's signed-in cookies: `partner(person, page=None)`, where
    `page` is what the page says at connect ("room", "session:<id>", or anything a page might send)."""
    sockets = []

    def connect(person, page=None):
        auth = {"page": page} if page is not None else None
        sock = socketio.test_client(app, flask_test_client=person.client, auth=auth)
        sockets.append(sock)
        return sock

    yield connect
    for sock in sockets:
        if sock.is_connected():
            sock.disconnect()


@pytest.fixture(scope="session", autouse=True)
def _no_instance_leftovers():
    yield
    shutil.rmtree(os.path.join(os.path.dirname(__file__), "..", "instance", "pytest"), ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _no_emails_in_the_instance_folder(tmp_path_factory: pytest.TempPathFactory):
    """An app a test makes without conftest's locmem outbox and without a MAIL_SERVER writes its emails as files:
    into a temporary folder (MAIL_FILE_PATH), never into the instance/mail/ a person running Hearth reads."""
    before = os.environ.get("MAIL_FILE_PATH")
    os.environ["MAIL_FILE_PATH"] = str(tmp_path_factory.mktemp("mail"))
    yield
    if before is None:
        os.environ.pop("MAIL_FILE_PATH", None)
    else:
        os.environ["MAIL_FILE_PATH"] = before
