"""Whole sessions played through the service layer (the same unit of work a socket act uses), for tests
that need a couple's past: history, export, leaving and deletion."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from couples import service
from couples.accounts import User
from couples.extensions import db
from tests.support.accounts import Person
from tests.support.live import key


def start(app: Flask, person: Person, kind: str, **form: str) -> int:
    """`person` starts a session of `kind` (with the start form's fields) through the service layer; its id."""
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user is not None and user.couple is not None
        facts, created = service.start(user.couple, user, kind, form)
        assert created
        return facts.id


def acts(app: Flask, session_id: int, moves: list[tuple[Person, str, dict[str, object]]]) -> None:
    """Each (person, action, fields) of `moves`, in order, through the service layer."""
    with app.app_context():
        for person, name, fields in moves:
            service.act(session_id, person.id, name, dict(fields), key())


def agree(app: Flask, proposer: Person, accepter: Person, need: str = "No phones at dinner") -> tuple[int, int]:
    """A boundary talk in which `proposer` proposes `need` and `accepter` accepts it: (talk id, agreement id)."""
    from couples.agreements import Agreement
    talk = start(app, proposer, "boundary")
    acts(app, talk, [(proposer, "propose", {"need": need, "why": "I feel close when we talk.",
                                            "review_every_weeks": 4}), (accepter, "accept", {"version": 1})])
    with app.app_context():
        agreement_id = db.session.scalar(select(Agreement.id).order_by(Agreement.id.desc()).limit(1))
        assert agreement_id is not None
        return talk, agreement_id


def play_checkin(app: Flask, one: Person, two: Person, words: str = "", close: bool = True) -> int:
    """A weekly check-in from arrival to close by `one` (who starts) and `two`; every text `one` or `two`
    writes ends with " <words>-<name>" so a test can look for it. Returns the session id."""
    with app.app_context():
        first, second = db.session.get(User, one.id), db.session.get(User, two.id)
        assert first is not None and second is not None and first.couple is not None
        facts, _created = service.start(first.couple, first, "checkin", {})
        session_id = facts.id

        def say(person: User, action: str, **fields: object) -> None:
            service.act(session_id, person, action, dict(fields), key())

        def mark(person: User, text: str) -> str:
            return f"{text} {words}-{person.display_name.lower()}" if words else text

        say(first, "arrive", feeling=4, connection=3, mood=mark(first, "tired"))
        say(second, "arrive", feeling=6, connection=5, mood=mark(second, "hopeful"))
        for person in (first, second):
            say(person, "ready")
        say(first, "appreciate", text=mark(first, "You made soup when I was tired."))
        say(second, "appreciate", text=mark(second, "You always make me laugh."))
        say(first, "acknowledge")
        say(second, "acknowledge")
        for person in (first, second):
            say(person, "ready")
        say(first, "win", text=mark(first, "Our Sunday walk."))
        say(second, "win", text=mark(second, "The shelf is up."))
        for person in (first, second):
            say(person, "ready")
        say(second, "name_issue", text=mark(second, "You never listen to me about Fridays."))
        say(first, "park", issue=str(second.id))
        for person in (first, second):
            say(person, "ready")
        say(first, "request", text=mark(first, "It would help me if we ate together once."))
        say(second, "request", text=mark(second, "It would help me if you texted when late."))
        say(second, "answer", answer="yes")
        say(first, "answer", answer="not_this_week", why=mark(first, "Late shifts all week."))
        for person in (first, second):
            say(person, "ready")
        if close:
            say(first, "close", connection=6)
            say(second, "close", connection=7)
        return session_id
