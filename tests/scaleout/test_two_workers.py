"""Two server processes, one partner on each, sharing PostgreSQL and Redis as behind a load balancer.

Ana's browser landed on worker A and Ben's on worker B: everything one of them does must reach the
other live, once and in order, through the message queue; the log's numbers are decided by the
database, not by either process; and when a worker dies the partner moves to the other and loses nothing.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from tests.scaleout.conftest import PRESENCE_TIMEOUT
from tests.support.remote import Listener, couple

pytestmark = pytest.mark.scaleout


def seqs(listener: Listener, session_id: int) -> list[int]:
    return [e["event"]["seq"] for e in listener.events("session_event") if e["session_id"] == session_id]


def online(listener: Listener) -> list[str]:
    return listener.call("still_here", {})["online"]


def query(database_url: str, sql: str, **params) -> list:
    engine = create_engine(database_url)
    with engine.connect() as conn:
        found = list(conn.scalars(text(sql), params))
    engine.dispose()
    return found


def logged_seqs(database_url: str, session_id: int) -> list[int]:
    """The sequence numbers in the log, as the database holds them."""
    return query(database_url, "SELECT seq FROM session_events WHERE session_id = :s ORDER BY seq", s=session_id)


def user_id(database_url: str, person) -> str:
    return str(query(database_url, "SELECT id FROM users WHERE email = :e", e=person.email)[0])


def test_partners_on_two_workers_share_the_room_and_survive_one_dying(workers, database_url):
    worker_a, worker_b = workers
    ana, ben = couple(worker_a.url, worker_b.url, ("Ana", "Ben"))
    ana_sock, ben_sock = ana.socket(), ben.socket()
    try:
        ben_id = user_id(database_url, ben)
        both = sorted([user_id(database_url, ana), ben_id])
        # Ben connecting on B is announced to Ana on A.
        ana_sock.wait_for(lambda s: any(p["online"] == both for p in s.events("presence")))

        session_id = ana.start()  # over HTTP on A; Ben hears it on B
        ben_sock.wait_for(lambda s: [e["session_id"] for e in s.events("session_started")] == [session_id])
        ana_sock.join(session_id), ben_sock.join(session_id)

        assert ana_sock.act(session_id, "appreciate", text="You made soup when I was ill.")["seq"] == 1
        assert ben_sock.act(session_id, "appreciate", text="You listened all evening.")["seq"] == 2
        assert ana_sock.act(session_id, "acknowledge", reply="Thank you")["seq"] == 3
        for sock in (ana_sock, ben_sock):
            sock.wait_for(lambda s: len(seqs(s, session_id)) >= 3)
        assert seqs(ana_sock, session_id) == seqs(ben_sock, session_id) == [1, 2, 3]
        ben_view = ben_sock.events("session_event")[-1]["view"]
        assert ben_view["theirs"]["text"] == "You made soup when I was ill." and ben_view["mine"]["received"]

        worker_a.kill()  # SIGKILL: no goodbye, Ana's presence row is left behind
        ana_sock.wait_for(lambda s: not s.client.connected, timeout=10)
        assert ben_sock.act(session_id, "acknowledge")["seq"] == 4  # Ben goes on while Ana is away

        # Ana's row stops counting once it is older than the timeout; Ben's beat says so.
        gone_by = time.monotonic() + PRESENCE_TIMEOUT + 5
        while online(ben_sock) != [ben_id] and time.monotonic() < gone_by:
            time.sleep(0.5)
        assert online(ben_sock) == [ben_id]

        ana_sock = ana.socket(worker_b.url)  # the page reconnects; the balancer sends it to B
        caught_up = ana_sock.join(session_id, last_seq=3)
        assert [e["seq"] for e in caught_up["events"]] == [4] and caught_up["last_seq"] == 4
        assert caught_up["view"]["step"] == "done"
        ben_sock.wait_for(lambda s: s.events("presence")[-1]["online"] == both)
        assert seqs(ben_sock, session_id) == [1, 2, 3, 4]
        assert logged_seqs(database_url, session_id) == [1, 2, 3, 4]
    finally:
        ana_sock.close(), ben_sock.close()


def test_appends_from_two_workers_at_the_same_instant_get_distinct_gapless_numbers(workers, database_url):
    worker_a, worker_b = workers
    ana, ben = couple(worker_a.url, worker_b.url, ("Ana", "Ben"))
    # Two sockets per partner, one on each worker, so every race is also a race between processes.
    socks = {"ana": [ana.socket(worker_a.url), ana.socket(worker_b.url)],
             "ben": [ben.socket(worker_b.url), ben.socket(worker_a.url)]}
    watchers = [socks["ana"][0], socks["ben"][0]]
    rounds = 6
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(rounds):
                session_id = (ana if _ % 2 else ben).start()
                for sock in watchers:
                    sock.join(session_id)
                # Both appreciate at once (from different workers), then both acknowledge at once.
                firsts = _at_once(pool, session_id,
                                  [(socks["ana"][0], "appreciate", {"text": "You laughed at my joke."}),
                                   (socks["ben"][0], "appreciate", {"text": "You carried the shopping."})])
                # Ana presses twice, on both workers at the same instant: one lands, the other is refused.
                seconds = _at_once(pool, session_id, [(socks["ana"][0], "acknowledge", {}),
                                                      (socks["ana"][1], "acknowledge", {}),
                                                      (socks["ben"][1], "acknowledge", {})])
                assert sorted(r["seq"] for r in firsts) == [1, 2], firsts
                landed = [r for r in seconds if r["ok"]]
                refused = [r for r in seconds if not r["ok"]]
                assert sorted(r["seq"] for r in landed) == [3, 4], seconds
                assert len(refused) == 1 and refused[0]["error"]["code"] in {"not_now", "wrong_step", "finished"}
                for sock in watchers:
                    sock.wait_for(lambda s, sid=session_id: len(seqs(s, sid)) >= 4)
                    assert seqs(sock, session_id) == [1, 2, 3, 4]
                assert logged_seqs(database_url, session_id) == [1, 2, 3, 4]
    finally:
        for sock in socks["ana"] + socks["ben"]:
            sock.close()


def _at_once(pool, session_id, moves):
    """Send every (socket, action, fields) in the same instant; their acknowledgements, in order."""
    barrier = threading.Barrier(len(moves))

    def send(move):
        sock, action, fields = move
        barrier.wait()
        return sock.call("act", {"session_id": session_id, "action": action, "fields": fields,
                                 "idempotency_key": f"race-{id(move)}-{time.monotonic_ns()}"})

    return list(pool.map(send, moves))
