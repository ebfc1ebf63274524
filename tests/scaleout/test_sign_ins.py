"""Sign-ins across two gunicorn workers with PostgreSQL and Redis: signing out through one worker closes the
socket the same browser holds on the other, and the copies of its cookies (the session's, "keep me signed in")
are worth nothing there either, while the remember cookie alone signs in there until then; and twenty pages
connecting at once to a fresh worker all get in."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.scaleout.conftest import GUNICORN
from tests.support.connecting import connect_at_once
from tests.support.remote import REMEMBER_COOKIE, SESSION_COOKIE, RemotePerson, couple
from tests.support.server import ServerProcess

pytestmark = pytest.mark.scaleout


def count(database_url: str, sql: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as conn:
        found = conn.scalar(text(sql))
    engine.dispose()
    return int(found or 0)


def copied(url: str, cookie: str, path: str) -> requests.Response:
    """GET `path` on `url` from a browser holding only `cookie` ("name=value"), as whoever copied it would."""
    return requests.get(url + path, headers={"Cookie": cookie}, allow_redirects=False, timeout=10)


def in_the_room(url: str, cookie: str) -> bool:
    """Whether `cookie` alone opens the couple's room on `url`: its page, and its live lead (which needs a sign-in)."""
    page, lead = copied(url, cookie, "/"), copied(url, cookie, "/room/live")
    return page.status_code == 200 and 'data-testid="room-links"' in page.text and lead.status_code == 200


def sent_to_sign_in(url: str, cookie: str) -> bool:
    """Whether `cookie` alone is a stranger's on `url`: the room's live lead sends it to the sign-in page, and the
    front page is the welcome, not the room."""
    page, lead = copied(url, cookie, "/"), copied(url, cookie, "/room/live")
    return (lead.status_code == 302 and urlsplit(lead.headers["Location"]).path == "/auth/login"
            and page.status_code == 200 and 'data-testid="room-links"' not in page.text)


def token_in(remember_cookie: str) -> str:
    """The sign-in token a remember cookie ("remember_token=<token>|<digest>") carries."""
    return remember_cookie.partition("=")[2].rsplit("|", 1)[0]


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


@pytest.mark.parametrize("name", [REMEMBER_COOKIE, SESSION_COOKIE])
def test_a_cookie_copied_before_signing_out_is_refused_over_http_by_the_other_worker(workers, name):
    """Ana signs in on a laptop through A with "Keep me signed in"; someone copies one of its cookies. It opens the
    room through B until she signs out through A; then, sent to B alone, it is a stranger's."""
    worker_a, worker_b = workers
    ana, _ = couple(worker_a.url, worker_b.url, ("Ana", "Ben"))
    laptop = RemotePerson("Ana", worker_a.url).sign_in(remember=True)
    copy = laptop.cookie(name)
    assert in_the_room(worker_b.url, copy)
    response = laptop.post("/auth/logout", {}, form_path="/account/sign-ins/")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"
    assert sent_to_sign_in(worker_b.url, copy)
    assert sent_to_sign_in(worker_a.url, copy)
    # Only that sign-in ended: her other browser (signed in when she confirmed her email) is still in.
    assert in_the_room(worker_b.url, ana.cookie(SESSION_COOKIE))


def test_the_remember_cookie_alone_signs_in_on_the_other_worker_and_is_new_at_every_sign_in(workers):
    """A browser that dropped its session cookie and kept the remember cookie is still signed in, on the worker
    that did not sign it in too; each sign-in's remember cookie carries a token of its own, and signing in
    again on the same browser ends the sign-in it held, and that cookie with it."""
    worker_a, worker_b = workers
    couple(worker_a.url, worker_b.url, ("Ana", "Ben"))
    laptop = RemotePerson("Ana", worker_a.url).sign_in(remember=True)
    phone = RemotePerson("Ana", worker_b.url).sign_in(remember=True)
    first, phones = laptop.cookie(REMEMBER_COOKIE), phone.cookie(REMEMBER_COOKIE)
    assert in_the_room(worker_b.url, first) and in_the_room(worker_a.url, phones)
    again = laptop.sign_in(remember=True).cookie(REMEMBER_COOKIE)
    assert len({token_in(first), token_in(phones), token_in(again)}) == 3, (first, phones, again)
    assert in_the_room(worker_b.url, again) and in_the_room(worker_b.url, phones)
    assert sent_to_sign_in(worker_b.url, first)


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
