"""Sign-ins across two gunicorn workers with PostgreSQL and Redis: signing out through one worker closes the
socket the same browser holds on the other, and twenty pages connecting at once to a fresh worker all get in."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.scaleout.conftest import GUNICORN
from tests.support.connecting import connect_at_once
from tests.support.remote import couple
from tests.support.server import ServerProcess

pytestmark = pytest.mark.scaleout


def count(database_url: str, sql: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as conn:
        found = conn.scalar(text(sql))
    engine.dispose()
    return int(found or 0)


def test_signing_out_through_one_worker_closes_the_socket_on_the_other(workers, database_url):
    worker_a, worker_b = workers
    ana, ben = couple(worker_a.url, worker_b.url, ("Ana", "Ben"))
    far = ana.socket(worker_b.url)  # the balancer sent Ana's second tab to B
    near = ana.socket(worker_a.url)
    ben_sock = ben.socket(worker_b.url)
    cookie = ana.cookie_header()
    try:
        response = ana.post("/auth/logout", {}, form_path="/account/sign-ins/")
        assert response.status_code == 302
        far.wait_for(lambda s: not s.client.connected)  # closed by worker B, told through Redis
        near.wait_for(lambda s: not s.client.connected)
        ben_id = str(count(database_url, "SELECT id FROM users WHERE email = 'ben@example.org'"))
        # Ben sees her leave. Each worker announces presence when one of its sockets closes, and the two
        # announcements may cross in Redis; his page's beat (`still_here`) answers from the database.
        ben_sock.wait_for(lambda s: [ben_id] in [event["online"] for event in s.events("presence")])
        assert ben_sock.call("still_here", {})["online"] == [ben_id]
        # The cookie the tab had is worth nothing now, on either worker.
        assert connect_at_once(worker_b.url, [cookie]) == [
            ("refused", "You've been signed out. Please sign in again to carry on.")]
    finally:
        far.close(), near.close(), ben_sock.close()


@pytest.mark.parametrize("worker_class", ["gthread", "gevent"])
def test_twenty_pages_connecting_at_once_to_a_fresh_worker_all_get_in(database_url, message_queue, tmp_path,
                                                                       worker_class):
    """A gunicorn worker just started on PostgreSQL: its first twenty sockets all record the process for
    presence in the same instant (with OS threads they truly overlap; greenlets take turns at each query)."""
    env = {"DATABASE_URL": database_url, "SOCKETIO_MESSAGE_QUEUE": message_queue, "HEARTH_WORKER": worker_class,
           "SOCKETIO_CHANNEL": f"hearth-scaleout-{uuid.uuid4().hex}", "HEARTH_THREADS": "64"}
    server = ServerProcess(env, tmp_path / "worker.log", command=GUNICORN)
    try:
        server.wait_ready()
        ana, ben = couple(server.url, server.url, ("Ana", "Ben"))  # over HTTP, which records no presence
        assert count(database_url, "SELECT count(*) FROM server_processes") == 0
        outcomes = connect_at_once(server.url, [ana.cookie_header(), ben.cookie_header()] * 10)
    finally:
        server.stop()
    log = (tmp_path / "worker.log").read_text()
    assert outcomes == [("connected", "")] * 20, (outcomes, log[-3000:])
    assert "Traceback" not in log and "IntegrityError" not in log, log[-3000:]
    assert count(database_url, "SELECT count(*) FROM server_processes") == 1
