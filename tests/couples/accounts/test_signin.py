"""Signing in and out over HTTP: the happy paths, then a table for every way each can go wrong. (Signing up:
test_registration.py.)"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from markupsafe import escape
from sqlalchemy import select

from couples.accounts import User
from couples.extensions import db
from tests.support.accounts import PASSWORD, Person

NO_MATCH = "That email and password don't match. Please try again."


def newcomer(app, email: str = "cleo@example.org") -> Person:
    """Someone with a browser and no account yet."""
    return Person(name="Cleo", email=email, client=app.test_client())


def sign_in(person: Person, query: str = "", **fields):
    data = {"email": person.email, "password": PASSWORD, **fields}
    return person.post("/auth/login" + query, data, form_path="/auth/login")


def users(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(select(User.email, User.display_name).order_by(User.id))]


def alerts(response) -> list[str]:
    return re.findall(r'role="alert">([^<]*)<', response.get_data(as_text=True))


def signed_in(person: Person) -> bool:
    return person.client.get("/pair/status").status_code == 200


def test_sign_out_then_back_in(accounts):
    ana = accounts.person("ana")
    response = ana.post("/auth/logout", {}, form_path="/pair/")
    assert (response.status_code, response.headers["Location"]) == (302, "/auth/login")
    assert "You&#39;re signed out." in ana.client.get("/auth/login").get_data(as_text=True)
    assert not signed_in(ana)
    response = sign_in(ana, email=" ANA@example.org ", remember="y")
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert signed_in(ana)


@pytest.mark.parametrize("method, status", [("get", 405), ("post", 400)], ids=["GET", "POST-without-csrf"])
def test_sign_out_needs_a_post_with_its_csrf_token(accounts, method, status):
    ana = accounts.person("ana")
    assert getattr(ana.client, method)("/auth/logout").status_code == status
    assert signed_in(ana)


@pytest.mark.parametrize("path", ["/auth/register", "/auth/login"])
def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(app, accounts, path):
    accounts.person("ana")
    browser = app.test_client()
    response = browser.post(path, data={"email": "ana@example.org", "display_name": "Ana", "password": PASSWORD})
    assert response.status_code == 400
    assert "Nothing was changed." in response.get_data(as_text=True)
    assert users(app) == [("ana@example.org", "Ana")]
    assert browser.get("/pair/status").status_code == 302


@pytest.mark.parametrize("email, password", [
    ("ana@example.org", "a quiet evening walk!"),
    ("ana@example.org", "A QUIET EVENING WALK"),
    ("nobody@example.org", PASSWORD),
    ("anna@example.org", PASSWORD),
], ids=["wrong-password", "password-in-capitals", "unknown-email", "near-miss-email"])
def test_a_failed_sign_in_never_says_which_part_was_wrong(accounts, email, password):
    ana = accounts.person("ana")
    ana.post("/auth/logout", {}, form_path="/pair/")
    response = sign_in(ana, email=email, password=password)
    assert response.status_code == 422
    assert alerts(response) == [str(escape(NO_MATCH))]
    page = response.get_data(as_text=True).lower()
    assert "no account" not in page and "unknown" not in page and "not found" not in page
    assert not signed_in(ana)


@pytest.mark.parametrize("fields, sentence", [
    ({"email": ""}, "Please tell us your email."),
    ({"password": ""}, "Please enter your password."),
])
def test_an_empty_sign_in_field_is_named(accounts, fields, sentence):
    ana = accounts.person("ana")
    ana.post("/auth/logout", {}, form_path="/pair/")
    response = sign_in(ana, **fields)
    assert (response.status_code, alerts(response)) == (422, [sentence])
    assert not signed_in(ana)


NEXT_TARGETS = [  # (?next=..., where the browser is sent)
    ("/pair/", "/pair/"),
    ("/pair/join/ABCD2345?from=text", "/pair/join/ABCD2345?from=text"),
    ("//evil.example", "/"),
    ("///evil.example", "/"),
    ("https://evil.example", "/"),
    ("http:evil.example", "/"),
    ("evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("/\\evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("/\t/evil.example", "/"),
]


@pytest.mark.parametrize("target, expected", NEXT_TARGETS, ids=[repr(t) for t, _ in NEXT_TARGETS])
def test_next_only_leads_to_a_path_on_this_site(app, accounts, target, expected):
    query = "?next=" + quote(target, safe="")
    ana = accounts.person("ana")
    ana.post("/auth/logout", {}, form_path="/pair/")
    response = sign_in(ana, query=query)
    assert (response.status_code, response.headers["Location"]) == (302, expected)


@pytest.mark.parametrize("path", ["/pair/", "/pair/status", "/pair/join/ABCD2345", "/sessions/1"])
def test_pages_for_members_send_a_stranger_to_sign_in_and_back(accounts, client, path):
    response = client.get(path)
    location = urlsplit(response.headers["Location"])
    assert (response.status_code, location.path) == (302, "/auth/login")
    assert parse_qs(location.query)["next"] == [path]
    assert "Please sign in to continue." in client.get(response.headers["Location"]).get_data(as_text=True)
    ana = accounts.person("ana")
    ana.post("/auth/logout", {}, form_path="/pair/")
    assert sign_in(ana, query="?" + location.query).headers["Location"] == path


def test_a_stranger_at_home_sees_the_welcome(client):
    response = client.get("/")
    assert response.status_code == 200 and "Create an account" in response.get_data(as_text=True)
