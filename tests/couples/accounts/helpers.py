"""Shared moves for the sign-up, recovery and account tests: newcomers, forms, emails, pages compared."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from markupsafe import escape
from sqlalchemy import select

from couples import clock
from couples.accounts import User
from couples.extensions import db
from tests.support.accounts import PASSWORD, Person
from tests.support.mailbox import from_outbox, link_in, outbox
from tests.support.pages import without_tokens

CHECK_INBOX = "Check your inbox"
SIGN_UP_SUBJECT = "Finish making your Hearth account"
TRIED_SUBJECT = "Someone tried to sign up with your email"


def newcomer(app, email: str = "cleo@example.org", name: str = "Cleo") -> Person:
    """Someone with a browser of their own and no account (yet)."""
    return Person(name=name, email=email, client=app.test_client())


def browser_of(app, person: Person) -> Person:
    """The same person on another browser, signed in there through the form."""
    other = Person(person.name, person.email, app.test_client(), person.id)
    response = other.post("/auth/login", {"email": person.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return other


def register(person: Person, query: str = "", **fields):
    data = {"email": person.email, "display_name": person.name, "password": PASSWORD, **fields}
    return person.post("/auth/register" + query, data, form_path="/auth/register")


def sign_in(person: Person, password: str = PASSWORD, query: str = ""):
    return person.post("/auth/login" + query, {"email": person.email, "password": password},
                       form_path="/auth/login")


def confirm_link(app, to: str, after: int = 0) -> str:
    """The path of the sign-up link in the newest email to `to` (in the outbox past its first `after`)."""
    return link_in(from_outbox(app, to, SIGN_UP_SUBJECT, after=after).body, "/auth/confirm/")


def signed_up(app, person: Person, **fields) -> Person:
    """`person` registered and confirmed through their email's link, in their own browser."""
    before = len(outbox(app))
    assert register(person, **fields).status_code == 200
    response = person.client.get(confirm_link(app, person.email, before))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        person.id = db.session.scalar(select(User.id).filter_by(email=person.email))
    return person


def users(app) -> list[tuple[str, str, bool]]:
    """(email, display name, confirmed) of every account, oldest first."""
    with app.app_context():
        return [(email, name, confirmed is not None) for email, name, confirmed in db.session.execute(
            select(User.email, User.display_name, User.email_confirmed_at).order_by(User.id))]


def alerts(response) -> list[str]:
    return re.findall(r'role="alert">([^<]*)<', response.get_data(as_text=True))


def said(response, sentence: str) -> bool:
    """Whether the page says `sentence`, as written in a template or escaped from the code (a flash, an error)."""
    page = response.get_data(as_text=True)
    return sentence in page or str(escape(sentence)) in page


def signed_in(person: Person) -> bool:
    return person.client.get("/pair/status").status_code == 200


def without_csrf(response) -> str:
    """The page with its CSRF and owner tokens blanked: what must be the same byte for byte for any two answers."""
    return without_tokens(response.get_data(as_text=True))


def set_clock(monkeypatch, moment: datetime) -> None:
    """Hearth's clock (couples.clock.utcnow, as tokens and sign-ups read it) says `moment` from now on."""
    monkeypatch.setattr(clock, "utcnow", lambda: moment)


def later(monkeypatch, by: timedelta) -> None:
    """Hearth's clock jumps `by` ahead of the real one."""
    moment = clock.utcnow() + by
    set_clock(monkeypatch, moment)
