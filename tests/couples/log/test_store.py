"""The log's fold: what this process keeps of a session always equals the fold of the log itself."""

from __future__ import annotations

from couples import log, service
from couples.accounts import User
from couples.extensions import db
from couples.log import ExerciseSession
from tests.support.live import key, start


def test_the_kept_state_always_equals_the_fold_of_the_log(app, couple):
    """A process keeps its last fold by number; rows another process appended meanwhile are applied on top."""
    ana, ben = couple
    session_id = start(ana)
    with app.app_context():
        users = {p.name: db.session.get(User, p.id) for p in (ana, ben)}
        service.act(session_id, users["Ana"], "appreciate", {"text": "You fixed the tap."}, key())
        session = db.session.get(ExerciseSession, session_id)
        after_one = log.state_of(session)
        assert after_one == log.state_of(session, fresh=True)
        service.act(session_id, users["Ben"], "acknowledge", {}, key())
        service.act(session_id, users["Ben"], "appreciate", {"text": "You drove me at dawn."}, key())
        # As if another worker had appended those two: this process still holds the fold after event 1.
        session = db.session.get(ExerciseSession, session_id, populate_existing=True)
        log.remember(log.Facts.of(session), 1, after_one)
        assert session.last_seq == 3 and log.state_of(session) == log.state_of(session, fresh=True)
        # A kept state newer than the log (an emptied database reusing ids) is never trusted.
        log.remember(log.Facts.of(session), 9, after_one)
        assert log.state_of(session) == log.state_of(session, fresh=True)
