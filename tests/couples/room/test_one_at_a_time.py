"""One exercise at a time: Start on another exercise while one is live names the live one and offers to join it,
and starts nothing; two partners pressing Start on two exercises at the same moment get one session."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import func, select

from couples.extensions import db
from couples.log import ExerciseSession
from tests.couples.room.reading import one
from tests.support.live import act, received, start


def sessions_of(app) -> list[tuple[int, str, bool]]:
    with app.app_context():
        rows = db.session.execute(select(ExerciseSession.id, ExerciseSession.kind, ExerciseSession.finished_at)
                                  .order_by(ExerciseSession.id))
        return [(session_id, kind, finished is None) for session_id, kind, finished in rows]


def test_start_on_another_exercise_while_one_is_live_names_it_and_starts_nothing(app, couple):
    ana, ben = couple
    session_id = start(ana, "listening")
    response = ben.post("/sessions", {"kind": "checkin"}, form_path="/")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert one(html, "already-live-what").text == "A moment ago, Ana started Listening turns."
    assert "Join them, or end it first; then you can start Weekly check-in." in html
    assert one(html, "busy-join").text == "Join them"
    assert one(html, "busy-join").attrs["href"] == f"/sessions/{session_id}"
    assert sessions_of(app) == [(session_id, "listening", True)]

    mine = ana.post("/sessions", {"kind": "appreciation"}, form_path="/").get_data(as_text=True)
    assert one(mine, "already-live-what").text == "A moment ago, you started Listening turns."
    assert one(mine, "busy-join").text == "Go back to it"
    assert sessions_of(app) == [(session_id, "listening", True)]


def test_start_on_the_live_exercise_joins_it_and_once_it_ends_another_can_start(app, couple, partner):
    ana, ben = couple
    session_id = start(ana, "appreciation")
    assert start(ben, "appreciation") == session_id  # the same exercise: Ben joins Ana's
    assert act(partner(ben), session_id, "end")["ok"]
    check_in = start(ben, "checkin")
    assert sessions_of(app) == [(session_id, "appreciation", False), (check_in, "checkin", True)]


def press(person, kind: str, barrier: threading.Barrier, answers: dict) -> None:
    """`person` presses Start on `kind` as soon as the other is ready to press too."""
    barrier.wait()
    answers[person.name] = person.post("/sessions", {"kind": kind}, form_path="/")


def test_two_partners_pressing_start_on_two_exercises_at_the_same_moment_get_one(app, couple, outsider, partner):
    ana, ben = couple
    ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)
    for round_number in range(3):
        barrier, answers = threading.Barrier(2), dict[str, Any]()
        threads = [threading.Thread(target=press, args=(ana, "appreciation", barrier, answers)),
                   threading.Thread(target=press, args=(ben, "checkin", barrier, answers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert sorted(r.status_code for r in answers.values()) == [302, 409], round_number
        live = [s for s in sessions_of(app) if s[2]]
        assert len(live) == 1, live
        (session_id, kind, _) = live[0]
        started = received(ana_sock, "session_started")
        assert [s["session_id"] for s in started] == [session_id] == [
            s["session_id"] for s in received(ben_sock, "session_started")]
        refused = next(r for r in answers.values() if r.status_code == 409).get_data(as_text=True)
        assert f'href="/sessions/{session_id}"' in refused  # the one refused is offered the one that started
        assert act(ana_sock, session_id, "end")["ok"]
    assert received(olga_sock, "session_started") == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ExerciseSession)) == 3


def test_conflict_scripts_lead_to_choosing_a_scene_rather_than_starting_on_one_nobody_chose(app, couple):
    ana, _ = couple
    room = ana.client.get("/").get_data(as_text=True)
    entry = one(room, "start-rehearsal")
    assert (entry.tag, entry.attrs["href"], entry.text) == ("a", "/scenes/", "Choose a scene")
    response = ana.post("/sessions", {"kind": "rehearsal"}, form_path="/")  # a form without its scene
    assert (response.status_code, response.headers["Location"]) == (302, "/scenes/")
    assert sessions_of(app) == []


def statements_of(app, request) -> list[str]:
    """The SQL statements sent while `request()` runs, each by its verb and what it names ("UPDATE couples")."""
    from sqlalchemy import event

    sent: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        words = statement.split()
        sent.append(" ".join(words[:3] if words[0] == "INSERT" else words[:2]))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return sent


def test_a_start_reads_and_writes_four_statements_and_joining_the_live_one_three(app, couple):
    """Pressing Start: the sign-in with the person and couple (one read), the couple's row held, the live sessions
    read under the hold, the session inserted. Pressed again while it is live: the same, with nothing inserted.
    (Issue 21: each statement of a Start is one the round of an appreciation pays for.)"""
    from tests.support.accounts import csrf_token

    ana, _ben = couple
    token = csrf_token(ana.client, "/")
    responses = []

    def press_start() -> None:
        responses.append(ana.client.post("/sessions", data={"kind": "appreciation", "csrf_token": token}))

    first = statements_of(app, press_start)
    again = statements_of(app, press_start)
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0].headers["Location"] == responses[1].headers["Location"]  # the live one, joined
    assert first == ["SELECT sign_ins.id,", "UPDATE couples", "SELECT exercise_sessions.id,",
                     "INSERT INTO exercise_sessions"], first
    assert again == ["SELECT sign_ins.id,", "UPDATE couples", "SELECT exercise_sessions.id,"], again
    assert [(kind, live) for _id, kind, live in sessions_of(app)] == [("appreciation", True)]
