"""Signing up: one "Check your inbox" answer for every address, a link that confirms and signs in, and no
way to learn from the page, its cookie or a sign-in whether an address has an account."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from flask.sessions import SecureCookieSessionInterface
from markupsafe import escape
from sqlalchemy import func, select

from app import create_app
from couples.accounts import User, tokens
from couples.accounts.pending import PendingSignUp
from couples.accounts.confirmation import NONCE
from couples.extensions import db
from tests.couples.accounts.helpers import (CHECK_INBOX, SIGN_UP_SUBJECT, TRIED_SUBJECT, alerts, confirm_link, later,
                                            newcomer, register, said, sign_in, signed_in, signed_up, users,
                                            without_csrf)
from tests.couples.accounts.test_signin import NEXT_TARGETS
from tests.support.accounts import PASSWORD, TOKEN
from tests.support.mailbox import folder_named_in, from_outbox, in_folder, link_in, outbox
from tests.support.pages import signatures_a_second_apart

SHORT = "Please choose a password of at least 10 characters."
GUESSABLE = "That password is easy to guess. A short phrase only you know works well."
NOT_EMAIL = "That doesn't look like an email address."
SCRIPT_NAME = '<script>alert("hi")</script> & Co'
OTHER_PASSWORD = "another long evening"


def test_a_sign_up_sends_a_link_that_confirms_the_address_and_signs_in(app):
    cleo = newcomer(app)
    response = register(cleo, email="  Cleo@Example.ORG ")
    assert response.status_code == 200 and CHECK_INBOX in response.get_data(as_text=True)
    assert said(response, "We've sent an email to") and "cleo@example.org" in response.get_data(as_text=True)
    assert users(app) == [("cleo@example.org", "Cleo", False)]
    assert not signed_in(cleo)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert PASSWORD not in user.password_hash and user.check_password(PASSWORD)

    email = from_outbox(app, "cleo@example.org", SIGN_UP_SUBJECT)
    assert "Cleo" not in email.body  # a name typed by whoever signed up never reaches the address's inbox
    link = link_in(email.body, "/auth/confirm/")
    assert "http://127.0.0.1:5000/auth/confirm/" in email.body  # on HEARTH_BASE_URL, whatever the Host header
    response = cleo.client.get(link)
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert users(app) == [("cleo@example.org", "Cleo", True)]
    home = cleo.client.get("/", follow_redirects=True)
    assert home.request.path == "/pair/" and "Welcome, Cleo. Your email is confirmed." in home.get_data(as_text=True)

    again = cleo.client.get(link)  # a link does its work once; opened again in the account it made, it says so
    assert again.status_code == 410 and said(again, "You're already signed in.")
    assert not said(again, "simply sign in")
    elsewhere = newcomer(app).client.get(link)
    assert elsewhere.status_code == 410 and said(elsewhere, "This link doesn't work any more")
    assert 'href="/auth/register" data-testid="sign-up-again"' in elsewhere.get_data(as_text=True)
    assert 'href="/auth/forgot" data-testid="forgot-password"' in elsewhere.get_data(as_text=True)
    assert not said(elsewhere, "we'll send a fresh link")  # advice that could not work for a squatted sign-up


def test_every_sign_up_gets_the_same_page_and_cookie_and_only_the_inbox_hears_the_difference(app, monkeypatch):
    signatures_a_second_apart(monkeypatch)
    """A new address, an address whose sign-up was never confirmed, and one with an account: the same page
    byte for byte (but the CSRF token), and a session cookie holding the same keys (a fresh random nonce)."""
    first, stranger = newcomer(app), newcomer(app, name="Not Cleo")
    new, unconfirmed = register(first), register(newcomer(app))
    signed_up(app, newcomer(app))
    before = len(outbox(app))
    existing = register(stranger, password=OTHER_PASSWORD)
    assert [page.status_code for page in (new, unconfirmed, existing)] == [200] * 3
    assert without_csrf(new) == without_csrf(unconfirmed) == without_csrf(existing)
    cookies = [_session(app, person.client) for person in (first, stranger)]
    assert set(cookies[0]) == set(cookies[1]) and NONCE in cookies[0] and cookies[0][NONCE] != cookies[1][NONCE]

    email = from_outbox(app, "cleo@example.org", TRIED_SUBJECT, after=before)
    assert link_in(email.body, "/auth/login") and link_in(email.body, "/auth/forgot")
    assert users(app) == [("cleo@example.org", "Cleo", True)]  # nothing changed: not the name, not the password
    assert sign_in(stranger, OTHER_PASSWORD).status_code == 422
    assert sign_in(stranger, PASSWORD).status_code == 302


def _session(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return SecureCookieSessionInterface().get_signing_serializer(app).loads(cookie.value)


def test_signing_up_again_changes_nothing_until_a_link_is_followed_and_that_link_applies_its_own(app):
    cleo = newcomer(app)
    register(cleo)
    first = confirm_link(app, cleo.email)
    before = len(outbox(app))
    register(cleo, display_name="Cleopatra", password=OTHER_PASSWORD)
    second = confirm_link(app, cleo.email, after=before)
    assert first != second and users(app) == [("cleo@example.org", "Cleo", False)]  # nothing yet
    assert cleo.client.get(second).status_code == 302
    assert users(app) == [("cleo@example.org", "Cleopatra", True)]
    assert newcomer(app).client.get(first).status_code == 410  # the others die once one is followed
    assert sign_in(newcomer(app), PASSWORD).status_code == 422
    assert sign_in(newcomer(app), OTHER_PASSWORD).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PendingSignUp)) == 0  # nothing typed is kept


@pytest.mark.parametrize("squatter_first", [False, True], ids=["owner first", "squatter first"])
def test_a_squatted_sign_up_leaves_the_owner_with_their_own_name_and_password(app, squatter_first):
    """Someone signs up with Cleo's address (name "Impostor", a password of their own) before or after Cleo
    does: Cleo's own link, in her browser, makes the account hers as she typed it; the squatter's password
    opens nothing, and the squatter's link, in Cleo's inbox, dies with hers."""
    cleo, squatter = newcomer(app), newcomer(app, name="Impostor")
    order = [(squatter, OTHER_PASSWORD), (cleo, PASSWORD)] if squatter_first else [(cleo, PASSWORD),
                                                                                    (squatter, OTHER_PASSWORD)]
    links = {}
    for person, password in order:
        before = len(outbox(app))
        register(person, password=password)
        links[person.name] = confirm_link(app, cleo.email, after=before)
    response = cleo.client.get(links["Cleo"])
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert users(app) == [("cleo@example.org", "Cleo", True)]
    assert sign_in(newcomer(app), OTHER_PASSWORD).status_code == 422
    assert sign_in(newcomer(app), PASSWORD).status_code == 302
    assert newcomer(app).client.get(links["Impostor"]).status_code == 410


def test_an_attempt_opened_in_another_browser_asks_for_that_attempts_password(app):
    cleo, squatter = newcomer(app), newcomer(app, name="Impostor")
    register(squatter, password=OTHER_PASSWORD)
    before = len(outbox(app))
    register(cleo)
    link = confirm_link(app, cleo.email, after=before)
    phone = newcomer(app)
    refused = phone.post(link, {"password": OTHER_PASSWORD})  # the squatter's password is not this attempt's
    assert refused.status_code == 422 and users(app) == [("cleo@example.org", "Impostor", False)]
    assert phone.post(link, {"password": PASSWORD}).status_code == 302
    assert users(app) == [("cleo@example.org", "Cleo", True)] and signed_in(phone)


def test_a_link_sent_before_attempts_were_kept_still_confirms(app):
    """Links emailed before this change carry no attempt: they confirm the account as it stands."""
    cleo = newcomer(app)
    register(cleo)
    with app.test_request_context():
        user = db.session.scalar(select(User))
        old_link = "/auth/confirm/" + tokens.make(tokens.SIGN_UP, user, "0" * 32, "/pair/")
    phone = newcomer(app)
    assert phone.client.get(old_link).status_code == 200  # another browser: the password first
    response = phone.post(old_link, {"password": PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, "/pair/")
    assert users(app) == [("cleo@example.org", "Cleo", True)]


def test_a_sign_up_link_opened_while_signed_in_as_someone_else_switches_nothing(app, accounts):
    ana = accounts.person("ana")
    cleo = newcomer(app)
    register(cleo)
    link = confirm_link(app, cleo.email)
    for response in (ana.client.get(link), ana.post(link, {"password": PASSWORD}, form_path="/account/")):
        assert response.status_code == 403
        assert said(response, "This link is for another account. Sign out and open it again.")
    assert users(app) == [("ana@example.org", "Ana", True), ("cleo@example.org", "Cleo", False)]
    assert ana.client.get("/account/").get_data(as_text=True).count("ana@example.org") >= 1
    assert cleo.client.get(link).status_code == 302  # still good for Cleo


def test_an_unconfirmed_account_cannot_sign_in_and_the_right_password_sends_a_fresh_link(app):
    cleo = newcomer(app)
    register(cleo)
    wrong = sign_in(newcomer(app), "not the right password")
    assert wrong.status_code == 422 and alerts(wrong) == [str(escape("That email and password don't match. "
                                                                    "Please try again."))]
    before = len(outbox(app))
    laptop = newcomer(app)
    right = sign_in(laptop, query="?next=/pair/")
    assert right.status_code == 200 and CHECK_INBOX in right.get_data(as_text=True)
    assert not signed_in(laptop)
    response = laptop.client.get(confirm_link(app, cleo.email, after=before))  # in the browser that signed in
    assert (response.status_code, response.headers["Location"]) == (302, "/pair/")
    assert signed_in(laptop)


def test_a_link_opened_in_another_browser_asks_for_the_password_chosen_at_sign_up(app):
    """Someone signs up with Cleo's address and a password of their own; Cleo follows the link in her email.
    Without the password nothing happens: she is never let into an account someone else can sign in to."""
    someone = newcomer(app)
    register(someone, query="?next=/me/")
    link = confirm_link(app, someone.email)
    cleo = newcomer(app)
    page = cleo.client.get(link)
    assert page.status_code == 200 and said(page, "type the password you chose")
    form = {"password": "a guess at someone's password"}
    refused = cleo.post(link, form)
    assert refused.status_code == 422 and said(refused, "That isn't the password this account was made with.")
    assert users(app) == [("cleo@example.org", "Cleo", False)] and not signed_in(cleo)

    response = cleo.post(link, {"password": PASSWORD})  # the person who did sign up, on their phone
    assert (response.status_code, response.headers["Location"]) == (302, "/me/")
    assert signed_in(cleo) and users(app) == [("cleo@example.org", "Cleo", True)]


def test_a_sign_up_link_lasts_a_day(app, monkeypatch):
    cleo = newcomer(app)
    register(cleo)
    link = confirm_link(app, cleo.email)
    later(monkeypatch, timedelta(hours=24, minutes=1))
    response = cleo.client.get(link)
    assert response.status_code == 410 and said(response, "more than a day old")
    assert users(app) == [("cleo@example.org", "Cleo", False)]


def test_sign_ups_never_confirmed_are_cleared_after_a_week(app, monkeypatch):
    register(newcomer(app, "old@example.org"))
    later(monkeypatch, timedelta(days=7, minutes=1))
    register(newcomer(app))
    assert users(app) == [("cleo@example.org", "Cleo", False)]


BAD_SIGN_UPS = [  # (fields that differ from a good sign-up, the sentence shown)
    ({"password": ""}, "Please choose a password."),
    ({"password": "short1!"}, SHORT),
    ({"password": "nine char"}, SHORT),
    ({"password": "password123"}, GUESSABLE),
    ({"password": "PassWord12"}, GUESSABLE),
    ({"password": "abababababab"}, GUESSABLE),
    ({"display_name": ""}, "Please add a name your partner will recognise."),
    ({"display_name": "   "}, "Please add a name your partner will recognise."),
    ({"display_name": "n" * 61}, "Please keep your name to 60 characters or fewer."),
    ({"display_name": "\u200b\u200d\u2060"}, "Please add a name your partner will recognise."),  # nothing visible
    ({"email": ""}, "Please tell us your email."),
    ({"email": "cleo"}, NOT_EMAIL),
    ({"email": "cleo@"}, NOT_EMAIL),
    ({"email": "@example.org"}, NOT_EMAIL),
    ({"email": "cleo@example"}, NOT_EMAIL),
    ({"email": "cleo smith@example.org"}, NOT_EMAIL),
    ({"email": "cleo@@example.org"}, NOT_EMAIL),
    ({"email": "<cleo>@example.org"}, NOT_EMAIL),
    ({"email": "c" * 250 + "@example.org"}, "That email is longer than any we can keep."),
]


@pytest.mark.parametrize("fields, sentence", BAD_SIGN_UPS, ids=lambda value: repr(value)[:40])
def test_a_bad_sign_up_says_why_creates_nobody_and_sends_nothing(app, accounts, fields, sentence):
    accounts.person("ana")
    cleo = newcomer(app)
    response = register(cleo, **fields)
    assert response.status_code == 422
    assert alerts(response) == [str(escape(sentence))]
    assert users(app) == [("ana@example.org", "Ana", True)]
    assert outbox(app) == []


@pytest.mark.parametrize("target, expected", NEXT_TARGETS, ids=[repr(t) for t, _ in NEXT_TARGETS])
def test_the_link_goes_on_only_to_a_path_on_this_site(app, target, expected):
    cleo = newcomer(app)
    register(cleo, query="?next=" + quote(target, safe=""))
    response = cleo.client.get(confirm_link(app, cleo.email))
    assert (response.status_code, response.headers["Location"]) == (302, expected)


def test_html_in_a_display_name_is_kept_as_typed_and_always_shown_escaped(app, accounts):
    cleo = signed_up(app, newcomer(app), display_name=SCRIPT_NAME)
    assert users(app) == [("cleo@example.org", SCRIPT_NAME, True)]
    welcome = cleo.client.get("/", follow_redirects=True)  # the flash says "Welcome, <name>."
    code = accounts.invite(cleo)
    ben = accounts.person("ben")
    pages = [welcome, cleo.client.get("/pair/"), ben.client.get(f"/pair/join/{code}")]
    assert accounts.join(ben, code).status_code == 302
    pages += [cleo.client.get("/"), ben.client.get("/"), cleo.client.get("/account/")]
    assert [page.status_code for page in pages] == [200] * 6
    for page in pages:
        assert "<script>alert" not in page.get_data(as_text=True)
        assert str(escape(SCRIPT_NAME)) in page.get_data(as_text=True)
    # the partner's name for the page's script travels in an escaped data attribute
    assert f'data-partner-name="{escape(SCRIPT_NAME)}"' in pages[4].get_data(as_text=True)


def test_without_a_mail_server_the_emails_are_files_and_the_page_says_where(database, tmp_path):
    """The embedded default: no MAIL_SERVER, so emails are written to a folder the page names (absolute)."""
    folder = tmp_path / "mail"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                      "SQLALCHEMY_DATABASE_URI": database.fresh(tmp_path), "MAIL_FILE_PATH": str(folder)})
    try:
        cleo = newcomer(app)
        page = register(cleo)
        assert "no mail server set up yet" in page.get_data(as_text=True)
        assert folder_named_in(page.get_data(as_text=True)) == folder and os.path.isabs(folder)
        forgot = cleo.post("/auth/forgot", {"email": "nobody@example.org"})
        assert folder_named_in(forgot.get_data(as_text=True)) == folder
        from tests.support.mailbox import from_folder
        response = cleo.client.get(from_folder(folder, cleo.email, "/auth/confirm/"))
        assert response.status_code == 302 and signed_in(cleo)
        assert [mail["Subject"] for _, mail in in_folder(folder)] == [SIGN_UP_SUBJECT]
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize(("peer", "host", "shown"), [("127.0.0.1", "localhost:5000", True),
                                                   ("::1", "[::1]:5000", True),
                                                   ("203.0.113.9", "localhost", False),
                                                   ("127.0.0.1", "hearth.example.org", False),
                                                   ("10.0.0.4", "10.0.0.2:5000", False)])
def test_only_the_person_at_the_machine_is_shown_the_mail_folder(database, tmp_path, peer, host, shown):
    """A deployment that forgot MAIL_SERVER writes files too, but never tells a stranger where they live: a peer on
    another machine, or anyone reaching it through a proxy on this one (the host is then its public name)."""
    from couples.accounts.letters import mail_folder
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                      "SQLALCHEMY_DATABASE_URI": database.fresh(tmp_path), "MAIL_FILE_PATH": str(tmp_path / "mail")})
    try:
        with app.test_request_context("/auth/forgot", base_url=f"http://{host}/",
                                      environ_base={"REMOTE_ADDR": peer}):
            assert (mail_folder() == str(tmp_path / "mail")) is shown
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_when_emails_are_sent_the_page_names_no_folder(app):
    assert "mail-folder" not in register(newcomer(app)).get_data(as_text=True)


def test_the_email_goes_out_only_once_the_answer_has(app):
    """The answer is sent before the email's thread starts (letters.send_soon), so no page waits for mail."""
    browser = app.test_client()
    token = TOKEN.search(browser.get("/auth/register").get_data(as_text=True)).group(1)
    response = browser.post("/auth/register", data={"email": "cleo@example.org", "display_name": "Cleo",
                                                    "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 200
    time.sleep(0.2)
    assert outbox(app) == []
    response.close()  # what a server does once the answer is sent
    assert from_outbox(app, "cleo@example.org", SIGN_UP_SUBJECT)
