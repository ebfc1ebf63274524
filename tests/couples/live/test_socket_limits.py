"""Socket events are counted per connection: past a limit the sender hears `slow_down` and nothing is applied,
stored or broadcast; another connection, the partner's, and the same one a moment later are untouched."""

from __future__ import annotations

import time

import pytest
from limits import parse_many

from app import create_app
from couples.limits import SOCKET_LIMITS
from tests.support.live import act, received, start

ACTS = 4
WINDOW = 2  # seconds: short, so the test sees the count let go
SLOW_DOWN = {"ok": False, "error": {"code": "slow_down",
                                    "message": "You're going a little fast. Give it a moment and try again."}}


@pytest.fixture
def app(database, tmp_path):
    """The suite's app with tiny socket limits (the fixtures `couple` and `partner` use it)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": True,
                      "MAIL_BACKEND": "locmem", "SQLALCHEMY_DATABASE_URI": database.fresh(tmp_path),
                      "RATELIMIT_OVERRIDES": {"socket act": f"{ACTS} per {WINDOW} seconds",
                                              "socket coach": "3 per minute"}})
    yield app
    with app.app_context():
        from couples.extensions import db
        db.session.remove()
        db.engine.dispose()


def test_an_act_flood_is_stopped_with_nothing_stored_past_the_limit(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    for sock in (ana_sock, ben_sock):
        assert sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)["ok"]
    ben_sock.get_received()
    replies = [act(ana_sock, session_id, "pause" if n % 2 == 0 else "resume") for n in range(30)]
    assert all(reply != SLOW_DOWN for reply in replies[:ACTS]) and replies[ACTS:] == [SLOW_DOWN] * (30 - ACTS)
    stored = [reply["seq"] for reply in replies if reply.get("ok")]
    assert stored and len(stored) <= ACTS
    assert [e["event"]["seq"] for e in received(ben_sock, "session_event")] == stored  # nothing else reached Ben
    caught_up = ben_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    assert [e["seq"] for e in caught_up["events"]] == stored  # nor the log

    assert act(partner(ana), session_id, "resume")["ok"] in (True, False)  # a new connection has its own count
    assert act(ana_sock, session_id, "resume") == SLOW_DOWN
    time.sleep(WINDOW + 0.2)
    assert act(ana_sock, session_id, "resume") != SLOW_DOWN  # and a breath later the first one acts again


def test_coach_requests_are_counted_per_connection(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    replies = [ana_sock.emit("coach", {"text": "You never listen."}, callback=True) for _ in range(5)]
    assert [reply["ok"] for reply in replies[:3]] == [True] * 3 and replies[3:] == [SLOW_DOWN] * 2
    assert ben_sock.emit("coach", {"text": "You never listen."}, callback=True)["ok"]
    assert ana_sock.emit("still_here", {}, callback=True)["ok"]  # other events keep their own counts


def test_the_shipped_socket_limits_leave_room_for_a_fast_typist_and_the_benchmark():
    """Every rule allows at least twice what the page sends at its fastest: a coach request after each pause
    of a second in typing (static/js/live/coach.js), an act every 5 s per partner in bench/realtime.py, a beat
    every 15 s; and none lets a flood through (the fuzzing stored 300 acts a second)."""
    fastest = {"act": 1 / 5, "coach": 1.0, "coach_paraphrase": 1.0, "still_here": 1 / 15}
    for rule in SOCKET_LIMITS:
        per_second = min(item.amount / item.get_expiry() for item in parse_many(rule.rate))
        assert per_second >= 2 * fastest.get(rule.event, 0), rule
        assert min(item.amount for item in parse_many(rule.rate)) <= 60, rule
