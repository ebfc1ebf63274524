"""Two real gunicorn workers sharing PostgreSQL and Redis on this machine, as behind a load balancer.

The run gets its own PostgreSQL database (`hearth_scaleout_<pid>`, created, migrated, dropped at the end)
and its own Redis channel, so it never collides with the `--db=postgres` suite on database `test`, with
another run, or with `make workers`. No skips: if PostgreSQL or Redis is down, the tests fail saying so.
"""

from __future__ import annotations

import os
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_URL
from tests.support.database import migrate
from tests.support.server import ServerProcess

REDIS_URL = os.environ.get("HEARTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PRESENCE_TIMEOUT = 3  # seconds; short so a dead process's sockets stop counting within a test
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"]
START_AGAIN = ("PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; "
               "Redis: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no")


def _admin_engine():
    return create_engine(make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _drop_leftovers(conn) -> None:
    """Drop databases of earlier runs whose pytest process is gone (a run killed before its teardown)."""
    for (name,) in conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE 'hearth_scaleout_%'")):
        pid = int(name.rsplit("_", 1)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except PermissionError:
            pass


@pytest.fixture(scope="session")
def scaleout_database():
    """The URL of a migrated PostgreSQL database of this run's own."""
    name = f"hearth_scaleout_{os.getpid()}"
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            _drop_leftovers(conn)
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure here means the server isn't usable
        pytest.fail(f"Scale-out tests need PostgreSQL at {POSTGRES_URL}: {error}\nStart it: {START_AGAIN}",
                    pytrace=False)
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    migrate(url)
    engine = create_engine(url)
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    engine.dispose()
    yield url, tables
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def message_queue():
    """Redis, checked to answer."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Scale-out tests need Redis at {REDIS_URL}: {error}\nStart it: {START_AGAIN}", pytrace=False)
    return REDIS_URL


@pytest.fixture
def database_url(scaleout_database):
    """This run's database, emptied for the test."""
    url, tables = scaleout_database
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def workers(database_url, message_queue, tmp_path):
    """Two gunicorn workers (deploy/gunicorn.conf.py) sharing the database, Redis and a channel of their own."""
    env = {"DATABASE_URL": database_url, "SOCKETIO_MESSAGE_QUEUE": message_queue,
           "SOCKETIO_CHANNEL": f"hearth-scaleout-{uuid.uuid4().hex}", "HEARTH_THREADS": "64",
           "HEARTH_PRESENCE_TIMEOUT": str(PRESENCE_TIMEOUT)}
    servers = [ServerProcess(env, tmp_path / f"worker-{n}.log", command=GUNICORN) for n in (1, 2)]
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.wait_ready(), servers))
        yield servers
    finally:
        for server in servers:
            server.stop()
