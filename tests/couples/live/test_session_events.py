"""The live room with two partners, Ana and Ben, and Olga from another couple."""

from __future__ import annotations

import pytest

from couples.extensions import socketio
from couples.live import PROTOCOL
from tests.support.live import act, joined, key, received, start


def test_anonymous_sockets_are_refused(app):
    anonymous = socketio.test_client(app, flask_test_client=app.test_client())
    assert not anonymous.is_connected()


def test_unpaired_people_have_no_room_yet(app, accounts):
    alone = accounts.person("alone")
    sock = socketio.test_client(app, flask_test_client=alone.client)
    assert not sock.is_connected()


def test_presence_shows_who_is_here(couple, partner):
    ana, ben = couple
    ana_sock = partner(ana)
    assert received(ana_sock, "presence")[-1]["online"] == [str(ana.id)]
    ben_sock = partner(ben)
    assert received(ana_sock, "presence")[-1]["online"] == sorted([str(ana.id), str(ben.id)])
    ben_sock.disconnect()
    assert received(ana_sock, "presence")[-1]["online"] == [str(ana.id)]
    assert ana_sock.emit("still_here", {}, callback=True) == {"ok": True, "online": [str(ana.id)]}


def test_partners_see_each_others_events_and_the_outsider_sees_nothing(couple, outsider, partner):
    ana, ben = couple
    ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)
    session_id = start(ana)
    assert received(ben_sock, "session_started") == [{"session_id": session_id, "kind": "appreciation",
                                                      "by": "Ana"}]
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    olga_sock.get_received()

    reply = act(ana_sock, session_id, "appreciate", text="You fixed my bike <b>with care</b>.")
    assert reply == {"ok": True, "seq": 1, "duplicate": False, "care_note": None}
    (to_ben,) = received(ben_sock, "session_event")
    assert to_ben["event"]["seq"] == 1 and to_ben["event"]["action"] == "appreciate"
    assert to_ben["view"]["theirs"]["text"] == "You fixed my bike <b>with care</b>."  # text, escaped by the page
    assert to_ben["view"]["allowed"] == ["appreciate", "acknowledge", "end", "pause"]
    (to_ana,) = received(ana_sock, "session_event")
    assert to_ana["view"]["mine"]["text"].startswith("You fixed")

    assert act(ben_sock, session_id, "acknowledge", reply="Thank you")["ok"]
    assert act(ben_sock, session_id, "appreciate", text="You waited up for me.")["ok"]
    assert act(ana_sock, session_id, "acknowledge")["ok"]
    final = received(ben_sock, "session_event")[-1]
    assert final["event"]["seq"] == 4 and final["view"]["finished"] and final["view"]["step"] == "done"
    assert received(olga_sock, "session_event") == [] and received(olga_sock, "session_started") == []
    assert [p["online"] for p in received(olga_sock, "presence")] == []


def test_a_stranger_naming_another_couples_session_learns_nothing(couple, outsider, partner):
    ana, _ = couple
    session_id = start(ana)
    olga_sock = partner(outsider)
    missing = olga_sock.emit("join_session", {"session_id": 99999, "last_seq": 0}, callback=True)
    theirs = olga_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    assert theirs == missing == {"ok": False, "error": {"code": "not_found",
                                                       "message": "We couldn't find that exercise."}}
    assert act(olga_sock, session_id, "appreciate", text="hi")["error"]["code"] == "not_found"
    assert outsider.client.get(f"/sessions/{session_id}").status_code == 404


def test_illegal_moves_are_told_to_the_sender_only_and_change_nothing(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    reply = act(ana_sock, session_id, "acknowledge")
    assert reply["ok"] is False and "still writing" in reply["error"]["message"]
    assert received(ben_sock, "session_event") == [] and received(ana_sock, "session_event") == []
    assert joined(ben_sock, session_id)["last_seq"] == 0


@pytest.mark.parametrize("payload", [
    None, "hello", [], {"session_id": "1"}, {"session_id": True}, {"session_id": -3},
    {"session_id": 1, "action": "appreciate"},  # no idempotency key
    {"session_id": 1, "action": "<script>", "idempotency_key": "k" * 12},
    {"session_id": 1, "action": "appreciate", "idempotency_key": "short"},
    {"session_id": 1, "action": "appreciate", "idempotency_key": "k" * 12, "fields": ["text"]},
    {"session_id": 1, "action": "appreciate", "idempotency_key": "k" * 12, "fields": {"text": {"nested": 1}}},
    {"session_id": 1, "action": "appreciate", "idempotency_key": "k" * 12, "fields": {"text": "x" * 6000}},
])
def test_malformed_or_oversized_messages_get_a_kind_error(couple, partner, payload):
    ana, _ = couple
    start(ana)
    reply = partner(ana).emit("act", payload, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] in {"bad_request", "not_found"}
    assert reply["error"]["message"].endswith(".")


def test_a_reconnect_catches_up_with_no_loss_and_no_duplicate(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    act(ana_sock, session_id, "appreciate", text="You cooked.")
    seen = received(ben_sock, "session_event")[-1]["event"]["seq"]
    ben_sock.disconnect()  # the lid closes
    act(ana_sock, session_id, "end")
    ben_again = partner(ben)  # the lid opens
    reply = joined(ben_again, session_id, last_seq=seen)
    assert [e["seq"] for e in reply["events"]] == [2]
    assert reply["events"][0]["action"] == "end" and reply["view"]["step"] == "ended"
    assert reply["view"]["theirs"]["text"] == "You cooked."


def test_a_retried_idempotency_key_is_applied_once(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    same = key()
    first = act(ana_sock, session_id, "appreciate", idempotency_key=same, text="You called my mum.")
    again = act(ana_sock, session_id, "appreciate", idempotency_key=same, text="You called my mum.")
    assert first == {"ok": True, "seq": 1, "duplicate": False, "care_note": None}
    assert again == {"ok": True, "seq": 1, "duplicate": True, "care_note": None}
    assert len(received(ben_sock, "session_event")) == 1
    reused = act(ana_sock, session_id, "end", idempotency_key=same)
    assert reused["ok"] is False and reused["error"]["code"] == "bad_key"


def test_both_pressing_start_at_once_gives_one_session(couple, partner):
    ana, ben = couple
    assert start(ana) == start(ben)


def test_a_finished_session_takes_no_more_actions(couple, partner):
    ana, _ = couple
    sock = partner(ana)
    session_id = start(ana)
    assert act(sock, session_id, "end")["ok"]
    late = act(sock, session_id, "appreciate", text="late")
    assert late["ok"] is False and late["error"]["code"] == "finished"
    assert start(ana) != session_id  # a new round can start


def test_every_handler_is_registered_on_a_fresh_app_and_written_down_in_the_protocol(app):
    """docs/protocol.md and the handlers agree: every documented browser event is handled, and vice versa."""
    import re
    from pathlib import Path

    protocol = Path("docs/protocol.md").read_text()
    browser_section = protocol.split("## Events the browser sends")[1].split("\n## ")[0]
    documented = set(re.findall(r"^#{3,4} `([a-z_]+)`", browser_section, re.M))
    documented |= set(re.findall(r"^#### `([a-z_]+)` —", protocol, re.M))
    # `connect` is documented by its `auth`; "*" is no event but the catch-all for names no handler knows (frames.py)
    handled = set(socketio.server.handlers["/"]) - {"disconnect", "*"}
    assert documented == handled
    assert set(socketio.server.handlers["/"]) - {"*"} == set(PROTOCOL)  # the one table says what is registered
    assert {"still_here", "join_session", "leave_session", "act", "coach", "coach_paraphrase"} <= handled


def test_sockets_of_a_process_that_stopped_beating_stop_counting(app, couple, partner):
    """A worker killed outright never says goodbye; once its beat is old, its sockets are not 'here'."""
    from datetime import timedelta

    from couples.clock import utcnow
    from couples.extensions import db
    from couples.live import presence
    from couples.live.models import Presence, ServerProcess

    ana, ben = couple
    ana_sock = partner(ana)
    with app.app_context():
        couple_id = db.session.get(Presence, list(db.session.scalars(db.select(Presence.sid)))[0]).couple_id
        db.session.add(ServerProcess(id="elsewhere:1", seen_at=utcnow()))
        db.session.add(Presence(sid="ben-on-another-worker", user_id=ben.id, couple_id=couple_id,
                                process_id="elsewhere:1"))
        db.session.commit()
    assert ana_sock.emit("still_here", {}, callback=True)["online"] == sorted([str(ana.id), str(ben.id)])
    with app.app_context():
        db.session.get(ServerProcess, "elsewhere:1").seen_at = utcnow() - timedelta(seconds=120)
        db.session.commit()
    assert ana_sock.emit("still_here", {}, callback=True)["online"] == [str(ana.id)]
    with app.app_context():
        assert presence.sweep() == 1
        assert db.session.get(ServerProcess, "elsewhere:1") is None
        assert db.session.query(Presence).filter_by(user_id=ana.id).count() == 1  # the living are kept


def test_a_beat_puts_back_a_socket_that_a_sweep_took(app, couple, partner):
    """A worker wrongly swept as dead (a long pause, a clock jump) heals on its sockets' next beat."""
    from couples.extensions import db
    from couples.live.models import Presence

    ana, _ = couple
    sock = partner(ana)
    with app.app_context():
        db.session.query(Presence).delete()
        db.session.commit()
    assert sock.emit("still_here", {}, callback=True)["online"] == [str(ana.id)]


def test_socket_events_leave_no_garbage_cycles_behind(couple, partner):
    """Each event's request context goes when the event ends. It used to keep the routing miss of the
    Socket.IO path, whose traceback tied it and dozens of objects into a cycle for the collector."""
    import gc

    from flask.ctx import RequestContext

    sock = partner(couple[0])
    sock.emit("still_here", {}, callback=True)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # whatever the collector finds is kept in gc.garbage to be looked at
    try:
        for _ in range(40):
            assert sock.emit("still_here", {}, callback=True)["ok"]
        gc.collect()
        stranded = [o for o in gc.garbage if isinstance(o, RequestContext)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert stranded == []  # it was one per event


def test_a_socket_reads_the_session_cookie_once_not_per_event(couple, partner, monkeypatch):
    """Flask-SocketIO replaces each event's session with the socket's own copy; decoding it again was waste."""
    from flask.sessions import SecureCookieSessionInterface

    ana, ben = couple
    ana_sock, _ = partner(ana), partner(ben)
    session_id = start(ana)
    joined(ana_sock, session_id)
    decoded = []
    original = SecureCookieSessionInterface.open_session
    monkeypatch.setattr(SecureCookieSessionInterface, "open_session",
                        lambda self, app, request: decoded.append(request.path) or original(self, app, request))
    assert act(ana_sock, session_id, "appreciate", text="You made soup.")["ok"]
    assert ana_sock.emit("still_here", {}, callback=True)["ok"]
    assert decoded == []
    assert ana.client.get("/").status_code == 200 and decoded == ["/"]  # pages still read their cookie


def test_a_session_gone_since_its_facts_were_kept_is_not_found_on_leaving_or_connecting(app, couple, partner):
    """Kept facts say whose a session is; a session deleted since (ids come back in an emptied database, and in
    SQLite after the newest rows go) is not found by the events whose own statement checks nothing."""
    from sqlalchemy import delete

    from couples.extensions import db
    from couples.live.connection import page_named
    from couples.log.models import ExerciseSession, SessionEvent

    ana, _ = couple
    ana_sock = partner(ana)
    session_id = start(ana)
    joined(ana_sock, session_id)  # its facts are kept in this process now
    with app.app_context():
        couple_id = db.session.get(ExerciseSession, session_id).couple_id
        assert page_named(f"session:{session_id}", couple_id) == f"session:{session_id}"
        db.session.execute(delete(SessionEvent).where(SessionEvent.session_id == session_id))
        db.session.execute(delete(ExerciseSession).where(ExerciseSession.id == session_id))
        db.session.commit()
        assert page_named(f"session:{session_id}", couple_id) is None
        db.session.remove()
    assert ana_sock.emit("leave_session", {"session_id": session_id}, callback=True) == {
        "ok": False, "error": {"code": "not_found", "message": "We couldn't find that exercise."}}
    assert ana_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)["error"][
        "code"] == "not_found"
