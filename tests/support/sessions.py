"""Whole sessions played through the service layer (the same unit of work a socket act uses), for tests
that need a couple's past: history, export, leaving and deletion."""

from __future__ import annotations

from flask import Flask

from couples import service
from couples.accounts import User
from couples.extensions import db
from tests.support.accounts import Person
from tests.support.live import key


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
