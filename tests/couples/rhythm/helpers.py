"""Shared moves for the rhythm tests: the clock set by hand, an evening chosen together, check-ins seeded."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import update

from couples import clock, service
from couples.accounts import User
from couples.extensions import db
from couples.log import ExerciseSession
from tests.support.accounts import Person

_keys = itertools.count(1)


def set_clock(monkeypatch, moment: datetime) -> None:
    """Hearth's clock (couples.clock.utcnow, as the rhythm reads it) says `moment` (UTC, naive) from now on."""
    monkeypatch.setattr(clock, "utcnow", lambda: moment)


def suggest(person: Person, weekday: int = 6, local_time: str = "20:00", timezone: str = "Europe/Berlin"):
    """`person` suggests an evening on /rhythm; the response (not followed)."""
    return person.post("/rhythm/propose", {"weekday": str(weekday), "local_time": local_time, "timezone": timezone},
                       form_path="/rhythm/")


def proposal_id(app, couple_person: Person) -> int:
    """The id of the suggestion waiting in `couple_person`'s couple."""
    from couples.rhythm import Proposal
    with app.app_context():
        user = db.session.get(User, couple_person.id)
        return db.session.query(Proposal.id).filter_by(couple_id=user.couple.id).scalar()


def agree(app, proposer: Person, accepter: Person, **evening) -> None:
    """`proposer` suggests an evening and `accepter` accepts it: the couple's check-in from then on."""
    assert suggest(proposer, **evening).status_code == 302
    number = proposal_id(app, proposer)
    response = accepter.post(f"/rhythm/proposals/{number}/accept", {}, form_path="/rhythm/")
    assert response.status_code == 302, response.get_data(as_text=True)


def _act(session_id: int, user: User, name: str, **fields) -> None:
    service.act(session_id, user, name, fields, f"rhythm-test-{next(_keys):06d}")


def finished_checkin(app, ana: Person, ben: Person, started: datetime, with_requests: bool = False) -> int:
    """A check-in of Ana and Ben that started at `started` (UTC, naive) and finished 40 minutes later: with
    `with_requests`, walked through the whole ritual (each asks something for the week), else ended early."""
    with app.app_context():
        one, two = db.session.get(User, ana.id), db.session.get(User, ben.id)
        facts, _ = service.start(one.couple, one, "checkin", {})
        if with_requests:
            _walk(facts.id, one, two)
        else:
            _act(facts.id, one, "end")
        db.session.execute(update(ExerciseSession).where(ExerciseSession.id == facts.id).values(
            started_at=started, finished_at=started + timedelta(minutes=40), live_key=None))
        db.session.commit()
        return facts.id


def _walk(session_id: int, ana: User, ben: User) -> None:
    _act(session_id, ana, "arrive", feeling=4, connection=3, mood="frazzled")
    _act(session_id, ben, "arrive", feeling=8, connection=7, mood="hopeful")
    moves = [
        [(ana, "appreciate", {"text": "You made soup when I was tired."}),
         (ben, "appreciate", {"text": "You waited up for me."}), (ana, "acknowledge", {}), (ben, "acknowledge", {})],
        [(ana, "win", {"text": "Our Sunday walk."}), (ben, "win", {"text": "The shelf is up."})],
        [(ben, "name_issue", {"text": "Friday's change of plans stung."}), (ana, "park", {"issue": str(ben.id)})],
        [(ana, "request", {"text": "This week it would help me if we ate together once."}),
         (ben, "request", {"text": "This week it would help me if you texted when late."}),
         (ben, "answer", {"answer": "yes"}),
         (ana, "answer", {"answer": "yes_with_change", "why": "Most days; Thursday is hard."})],
    ]
    for person in (ana, ben):
        _act(session_id, person, "ready")
    for step in moves:
        for person, name, fields in step:
            _act(session_id, person, name, **fields)
        for person in (ana, ben):
            _act(session_id, person, "ready")
    _act(session_id, ana, "close", connection=7)
    _act(session_id, ben, "close", connection=8)


def couple_of(app, person: Person) -> int:
    with app.app_context():
        return db.session.get(User, person.id).couple.id



