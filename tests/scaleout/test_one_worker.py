"""Both documented worker classes: one gunicorn process on SQLite serves a whole round.

deploy/gunicorn.conf.py boots gevent unless told otherwise (a greenlet per WebSocket) and offers
`HEARTH_WORKER=gthread` (an OS thread per WebSocket). This runs each for real: gunicorn's worker,
Socket.IO in the matching mode, two partners over real WebSockets.
"""

from __future__ import annotations

import sys

import pytest

from tests.support.database import migrate
from tests.support.remote import couple
from tests.support.server import ServerProcess

pytestmark = pytest.mark.scaleout
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"]


@pytest.mark.parametrize("chosen, booted", [(None, "gevent"), ("gthread", "gthread")])
def test_one_worker_serves_a_whole_round(tmp_path, chosen, booted):
    url = f"sqlite:///{tmp_path / 'one.sqlite'}"
    migrate(url)
    env = {"DATABASE_URL": url, **({"HEARTH_WORKER": chosen} if chosen else {})}
    server = ServerProcess(env, tmp_path / "one.log", command=GUNICORN)
    try:
        server.wait_ready()
        ana, ben = couple(server.url, server.url, ("Ana", "Ben"))
        ana_sock, ben_sock = ana.socket(), ben.socket()  # real WebSockets
        try:
            session_id = ana.start()
            ana_sock.join(session_id), ben_sock.join(session_id)
            assert ana_sock.act(session_id, "appreciate", text="You waited for me at the station.")["seq"] == 1
            assert ben_sock.act(session_id, "acknowledge")["seq"] == 2
            assert ben_sock.act(session_id, "appreciate", text="You remembered my mum's birthday.")["seq"] == 3
            assert ana_sock.act(session_id, "acknowledge")["seq"] == 4
            for sock in (ana_sock, ben_sock):
                sock.wait_for(lambda s: len(s.events("session_event")) >= 4)
                assert [e["event"]["seq"] for e in sock.events("session_event")] == [1, 2, 3, 4]
            assert ben_sock.events("session_event")[-1]["view"]["step"] == "done"
        finally:
            ana_sock.close(), ben_sock.close()
    finally:
        server.stop()
    assert f"Using worker: {booted}" in (tmp_path / "one.log").read_text()  # gunicorn names the worker it booted
