"""Acting in a session under pressure: simultaneous appends, moves judged on an old fold, a shared log."""

from __future__ import annotations

import threading

import pytest

from couples import log, service
from couples.accounts import User
from couples.extensions import db
from couples.log import ExerciseSession, SessionEvent
from exercises import IllegalMove
from tests.support.live import key, start


def test_simultaneous_appends_get_distinct_gapless_numbers(app, couple):
    ana, ben = couple
    session_id = start(ana)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def press(person, text):
        with app.app_context():
            user = db.session.get(User, person.id)
            barrier.wait()
            try:
                outcomes[person.name] = service.act(session_id, user, "appreciate", {"text": text}, key()).event["seq"]
            except IllegalMove as error:  # pragma: no cover - would mean a lost update
                outcomes[person.name] = error

    threads = [threading.Thread(target=press, args=(p, f"from {p.name}")) for p in (ana, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == [1, 2]
    with app.app_context():
        rows = log.load_rows(session_id)
        assert [r.seq for r in rows] == [1, 2]
        session = db.session.get(ExerciseSession, session_id)
        assert session.last_seq == 2
        state = log.state_of(session, fresh=True)
        assert {a.text for a in state.appreciations} == {"from Ana", "from Ben"}


def test_many_appends_from_many_threads_never_lose_or_double(app, couple):
    """Twenty ends-and-restarts race; every accepted append has its own number and nothing is doubled."""
    ana, ben = couple
    session_id = start(ana)
    results = []
    lock = threading.Lock()

    def hammer(person, n):
        with app.app_context():
            user = db.session.get(User, person.id)
            for i in range(n):
                try:
                    seq = service.act(session_id, user, "appreciate", {"text": f"{person.name} {i}"}, key())
                    with lock:
                        results.append(seq.event["seq"])
                except IllegalMove:
                    pass  # "You've shared yours": the machine, not the store, refuses the rest

    threads = [threading.Thread(target=hammer, args=(p, 5)) for p in (ana, ben, ana, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [1, 2]
    with app.app_context():
        assert db.session.query(SessionEvent).filter_by(session_id=session_id).count() == 2


def test_finishing_frees_the_live_slot(app, couple):
    ana, _ = couple
    session_id = start(ana)
    with app.app_context():
        user = db.session.get(User, ana.id)
        service.act(session_id, user, "end", {}, key())
        session = db.session.get(ExerciseSession, session_id)
        assert session.finished_at is not None and session.live_key is None


def _second_appreciation_unseen(session_id: int, ana, ben) -> dict[str, User]:
    """Both partners appreciate; this process keeps its fold after the first, as if another worker had
    appended the second (in that fold, Ana's acknowledging Ben is not yet possible). The users by name."""
    users = {p.name: db.session.get(User, p.id) for p in (ana, ben)}
    service.act(session_id, users["Ana"], "appreciate", {"text": "You fixed the tap."}, key())
    session = db.session.get(ExerciseSession, session_id)
    after_one = log.state_of(session)
    service.act(session_id, users["Ben"], "appreciate", {"text": "You drove me at dawn."}, key())
    log.remember(log.Facts.of(session), 1, after_one)
    return users


def test_a_move_judged_on_an_old_fold_is_judged_again_on_the_log(app, couple):
    """Another process appended meanwhile: a move that is legal now is accepted, not refused as out of turn."""
    ana, ben = couple
    session_id = start(ana)
    with app.app_context():
        users = _second_appreciation_unseen(session_id, ana, ben)
        result = service.act(session_id, users["Ana"], "acknowledge", {}, key())
        assert result.event["seq"] == 3 and not result.duplicate
        session = db.session.get(ExerciseSession, session_id, populate_existing=True)
        assert log.state_of(session) == log.state_of(session, fresh=True)
        with pytest.raises(IllegalMove):  # and a move that is illegal on the log too is still refused
            service.act(session_id, users["Ana"], "appreciate", {"text": "Again?"}, key())


def test_where_processes_share_the_log_an_append_reads_the_newer_rows_first(app, couple):
    """With a message queue, the partner's last move was usually another process's: read it, don't guess."""
    from sqlalchemy import event

    ana, ben = couple
    session_id = start(ana)
    app.config["SOCKETIO_MESSAGE_QUEUE"] = "redis://127.0.0.1:6379/0"  # only read to tell a shared log
    with app.app_context():
        _second_appreciation_unseen(session_id, ana, ben)
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2].split()[0].upper())  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            result = service.act(session_id, ana.id, "acknowledge", {}, key())  # by id, as the room does
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert result.event["seq"] == 3 and not result.duplicate
        assert statements == ["SELECT", "UPDATE", "INSERT"]  # the newer rows, the claim, the event: no retry
        session = db.session.get(ExerciseSession, session_id, populate_existing=True)
        assert log.state_of(session) == log.state_of(session, fresh=True)
