"""Connecting can't leave a page waiting: twenty pages at once on a fresh process all get in, and any fault
at connect is a refusal with a sentence the page shows (and then tries again)."""

from __future__ import annotations

import requests
from sqlalchemy import func, select, text

from couples.extensions import db, socketio
from couples.live.models import Presence, ServerProcess
from tests.support.accounts import PASSWORD, TOKEN, Person
from tests.support.connecting import connect_at_once
from tests.support.server import ServerProcess as Server

NOT_NOW = "We couldn't open your room just now. We'll try again in a moment."
PAGES = 20


def test_a_fault_at_connect_refuses_the_socket_and_the_next_try_gets_in(app, couple, partner):
    ana, ben = couple
    partner(ben)
    with app.app_context():  # the database refuses to record presence: a real fault, not a stand-in
        db.session.execute(text("ALTER TABLE presence RENAME TO presence_away"))
        db.session.commit()
    refused = socketio.test_client(app, flask_test_client=ana.client)  # used to raise out of the handler
    assert not refused.is_connected()
    with app.app_context():
        db.session.execute(text("ALTER TABLE presence_away RENAME TO presence"))
        db.session.commit()
    again = partner(ana)
    assert again.is_connected()
    assert again.emit("still_here", {}, callback=True)["online"] == sorted([str(ana.id), str(ben.id)])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Presence)) == 2  # the refused one left no row


def signed_in_cookie(url: str, person: Person) -> str:
    """Sign `person` in on the server at `url` through its form; the Cookie header their browser then sends."""
    browser = requests.Session()
    token = next(g for g in TOKEN.search(browser.get(url + "/auth/login", timeout=10).text).groups() if g)
    response = browser.post(url + "/auth/login", data={"email": person.email, "password": PASSWORD,
                                                       "csrf_token": token}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def test_twenty_pages_connecting_at_once_to_a_fresh_process_all_get_in(app, accounts, tmp_path):
    """One `python app.py` (threads, SQLite by default; the test's own database under --db=postgres), just
    started: the first twenty sockets all record the process for presence in the same instant. Then a fault
    of the database at connect reaches the page as a sentence, and the next try gets in."""
    people = [*accounts.couple("ana", "ben", checked=False), *accounts.couple("cleo", "dev", checked=False)]
    server = Server({"DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "HEARTH_LOAD_NLP": "0"},
                    tmp_path / "server.log")
    try:
        server.wait_ready()
        cookies = [signed_in_cookie(server.url, person) for person in people]
        outcomes = connect_at_once(server.url, [cookies[n % len(cookies)] for n in range(PAGES)])
        log = (tmp_path / "server.log").read_text()
        assert outcomes == [("connected", "")] * PAGES, (outcomes, log[-3000:])
        assert "Traceback" not in log and "IntegrityError" not in log, log[-3000:]
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(ServerProcess)) == 1
            db.session.execute(text("ALTER TABLE presence RENAME TO presence_away"))
            db.session.commit()
        assert connect_at_once(server.url, cookies[:1]) == [("refused", NOT_NOW)]
        with app.app_context():
            db.session.execute(text("ALTER TABLE presence_away RENAME TO presence"))
            db.session.commit()
        assert connect_at_once(server.url, cookies[:1]) == [("connected", "")]
    finally:
        server.stop()
