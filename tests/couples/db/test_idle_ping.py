"""A pooled PostgreSQL connection whose server side died is replaced before use once it sat idle.

Real PostgreSQL: the connection's backend is ended with pg_terminate_backend, as a database restart
or an idle-link timeout would end it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from couples.db import ping_when_idle
from tests.conftest import POSTGRES_URL


@pytest.fixture
def engines():
    url = make_url(POSTGRES_URL).set(database="postgres")  # no tables needed; never the suite's `test`
    made = []

    def engine(idle_seconds: float):
        made.append(create_engine(url, pool_size=1, max_overflow=0))
        ping_when_idle(made[-1], idle_seconds)
        return made[-1]

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine, admin
    for each in made + [admin]:
        each.dispose()


def _backend(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _end(admin, pid: int) -> None:
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()


def test_a_connection_idle_past_the_limit_is_pinged_and_replaced(engines):
    engine, admin = engines
    pooled = engine(idle_seconds=0)  # every returned connection counts as idle
    first = _backend(pooled)
    _end(admin, first)
    second = _backend(pooled)  # the ping failed, the pool opened a new connection: no error reaches us
    assert second != first


def test_a_connection_back_a_moment_ago_is_used_without_a_round_trip(engines):
    engine, admin = engines
    pooled = engine(idle_seconds=3600)
    first = _backend(pooled)
    _end(admin, first)
    with pytest.raises(OperationalError):  # not pinged: the dead link shows on first use...
        _backend(pooled)
    assert _backend(pooled) != first  # ...and the pool drops it, so the next request is served
