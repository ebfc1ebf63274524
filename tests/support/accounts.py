"""People for tests, made through the real pages: register, follow the emailed link, sign in, invite, join."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from tests.support.mailbox import from_outbox, link_in, outbox

PASSWORD = "a quiet evening walk"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on `path`."""
    html = client.get(path).get_data(as_text=True)
    match = TOKEN.search(html) or re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return next(group for group in match.groups() if group)


@dataclass
class Person:
    name: str
    email: str
    client: FlaskClient
    id: int = 0

    def post(self, path: str, data: dict, form_path: str | None = None, **kwargs):
        """POST a form the way a browser does, with the CSRF token from the page that shows it. The response
        is closed, as a server closes it once sent: only then do the emails it sends go out (see
        couples/accounts/letters.py); what it holds can still be read."""
        token = csrf_token(self.client, form_path or path)
        response = self.client.post(path, data={**data, "csrf_token": token}, **kwargs)
        response.close()
        return response


@contextmanager
def sign_up_emails_kept(app: Flask) -> Iterator[None]:
    """Meanwhile `app` keeps the emails it sends in its locmem outbox, whatever it otherwise sends them
    through (tests/couples/rhythm send to a real SMTP server): making a person for a test sends a sign-up
    email that test isn't about."""
    mailman = app.extensions["mailman"]
    backend, mailman.backend = mailman.backend, "locmem"
    try:
        yield
    finally:
        mailman.backend = backend


class Accounts:
    def __init__(self, app: Flask) -> None:
        self.app = app

    def person(self, name: str) -> Person:
        """A registered, signed-in person named `name`: signed up through the form, then in through the link
        in the email that sends (taken out of the outbox again: no test after reads it)."""
        person = Person(name=name.title(), email=f"{name}@example.org", client=self.app.test_client())
        with sign_up_emails_kept(self.app):
            before = len(outbox(self.app))
            response = person.post("/auth/register", {"email": person.email, "display_name": person.name,
                                                      "password": PASSWORD})
            assert response.status_code == 200, response.get_data(as_text=True)
            assert "Check your inbox" in response.get_data(as_text=True)
            email = from_outbox(self.app, person.email, after=before)
            outbox(self.app).remove(email)
        response = person.client.get(link_in(email.body, "/auth/confirm/"))
        assert (response.status_code, response.headers["Location"]) == (302, "/"), response.get_data(as_text=True)
        from couples.accounts import User
        from couples.extensions import db
        with self.app.app_context():
            person.id = db.session.query(User.id).filter_by(email=person.email).scalar()
        return person

    def invite(self, person: Person) -> str:
        """The invitation code `person` gets when they press 'Invite my partner'."""
        person.post("/pair/invite", {}, form_path="/pair/")
        html = person.client.get("/pair/").get_data(as_text=True)
        match = re.search(r'data-testid="invite-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', html)
        assert match, "no invitation code shown"
        return match.group(1)

    def join(self, person: Person, code: str):
        return person.post("/pair/join", {"code": code}, form_path="/pair/")

    def couple(self, first: str, second: str, checked: bool = True) -> tuple[Person, Person]:
        """Two people, paired; with `checked`, each has answered the private safety check with no concern."""
        one, two = self.person(first), self.person(second)
        response = self.join(two, self.invite(one))
        assert response.status_code == 302, response.get_data(as_text=True)
        if checked:
            self.safety_check(one)
            self.safety_check(two)
        return one, two

    def safety_check(self, person: Person, **answers: str):
        """`person` answers the private safety check through its form: "never" unless `answers` say otherwise."""
        from couples.safety.screening import QUESTIONS
        data = {question.id: answers.get(question.id, "never") for question in QUESTIONS}
        response = person.post("/safety/check", data)
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
