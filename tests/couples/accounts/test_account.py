"""The account page: a new name (shown escaped everywhere), a new email only once its link is followed (the
old address told, nothing of the partner in it), a new password that ends every other sign-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from markupsafe import escape

from tests.couples.accounts.helpers import (alerts, browser_of, later, newcomer, said, sign_in, signed_in, users,
                                            without_csrf)
from tests.support.accounts import PASSWORD, csrf_token
from tests.support.mailbox import from_outbox, link_in, outbox
from tests.support.pages import signatures_a_second_apart

WRONG_PASSWORD = "That isn't your password. Nothing has changed."
NEW_PASSWORD = "a slow morning by the sea"
SCRIPT_NAME = '<img src=x onerror=alert(1)> & "Ana"'


def change(person, what: str, **fields):
    return person.post(f"/account/{what}", fields, form_path="/account/")


def value_of(response, field: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{field}"[^>]*>', response.get_data(as_text=True))
    assert match, f"no {field} field"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def test_the_page_has_each_part_and_the_top_bar_leads_to_it(accounts, client):
    ana = accounts.person("ana")
    room = ana.client.get("/pair/").get_data(as_text=True)
    assert 'href="/account/" data-testid="account-link">Account</a>' in room
    page = ana.client.get("/account/")
    assert page.status_code == 200
    for words in ("Your name", "Your email", "Your password", 'href="/account/sign-ins/"', 'href="/your-data/"'):
        assert words in page.get_data(as_text=True)
    assert value_of(page, "display_name") == "Ana" and "ana@example.org" in page.get_data(as_text=True)
    assert client.get("/account/").status_code == 302  # a stranger is sent to sign in


def test_a_new_name_is_what_the_partner_sees_and_html_in_it_stays_text(couple):
    ana, ben = couple
    response = change(ana, "name", display_name=SCRIPT_NAME)
    assert (response.status_code, response.headers["Location"]) == (302, "/account/")
    pages = [ana.client.get("/account/"), ben.client.get("/"), ana.client.get("/")]
    for page in pages:
        assert "<img src=x" not in page.get_data(as_text=True)
        assert str(escape(SCRIPT_NAME)) in page.get_data(as_text=True)
    assert said(pages[0], f"Your partner will see you as {SCRIPT_NAME} from now on.")


@pytest.mark.parametrize("name, sentence", [
    ("", "Please add a name your partner will recognise."),
    ("\u200b\u2060", "Please add a name your partner will recognise."),
    ("n" * 61, "Please keep your name to 60 characters or fewer."),
])
def test_a_name_that_cannot_be_kept_says_why(accounts, name, sentence):
    ana = accounts.person("ana")
    response = change(ana, "name", display_name=name)
    assert response.status_code == 422 and alerts(response) == [str(escape(sentence))]
    assert users(ana.client.application)[0][1] == "Ana"


def test_a_new_email_changes_only_through_its_link_and_the_old_address_is_told(app, couple):
    ana, ben = couple
    before = len(outbox(app))
    response = change(ana, "email", new_email=" Ana.New@Example.org ", email_password=PASSWORD)
    assert response.status_code == 302
    assert said(ana.client.get("/account/"), "We've sent a link to ana.new@example.org.")
    assert users(app)[0][0] == "ana@example.org"  # not yet

    email = from_outbox(app, "ana.new@example.org", "Your new email for Hearth", after=before)
    link = link_in(email.body, "/account/email/")
    elsewhere = newcomer(app, "ana@example.org")  # the new inbox read on another device: sign in, come back
    first = elsewhere.client.get(link)
    assert first.status_code == 302 and first.headers["Location"].startswith("/auth/login?next=")
    assert said(elsewhere.client.get(first.headers["Location"]), "Please sign in to continue.")
    back = sign_in(elsewhere, query=first.headers["Location"].removeprefix("/auth/login"))
    assert (back.status_code, back.headers["Location"]) == (302, link)
    page = elsewhere.client.get(link)
    assert page.status_code == 200 and said(page, "Use this email?") and users(app)[0][0] == "ana@example.org"
    assert elsewhere.post(link, {}).status_code == 302
    assert users(app)[0][0] == "ana.new@example.org"

    notice = from_outbox(app, "ana@example.org", "Your Hearth email has changed", after=before)
    for private in ("ana.new", "Ben", "Ana"):
        assert private not in notice.body  # not the new address, nothing of the partner
    again = elsewhere.client.get(link)  # once; and the page says what is true: it did change
    assert again.status_code == 410 and said(again, "This address is already the one Hearth writes to.")
    assert not said(again, "Your email is as it was")
    assert sign_in(newcomer(app, "ana@example.org")).status_code == 422
    assert sign_in(newcomer(app, "ana.new@example.org")).status_code == 302
    assert signed_in(ana)  # her own sign-in goes on


def test_an_email_link_opened_while_someone_else_is_signed_in_changes_nothing(app, accounts):
    """Third, signed in on a shared computer, opens Fourth's link: not "Use this email?" under Third's name,
    but a kind refusal; neither account changes, by a look or by a press."""
    third, fourth = accounts.person("third"), accounts.person("fourth")
    before = len(outbox(app))
    change(fourth, "email", new_email="fourth.c@example.com", email_password=PASSWORD)
    link = link_in(from_outbox(app, "fourth.c@example.com", after=before).body, "/account/email/")
    page = third.client.get(link)
    assert page.status_code == 403 and said(page, "This link is for another account. Sign out and open it again.")
    assert not said(page, "Use this email?")
    pressed = third.client.post(link, data={"csrf_token": csrf_token(third.client, "/account/")})
    assert pressed.status_code == 403
    assert users(app) == [("third@example.org", "Third", True), ("fourth@example.org", "Fourth", True)]
    assert outbox(app)[before + 1:] == []  # nobody told of a change that didn't happen
    assert fourth.client.get(link).status_code == 200  # still good for Fourth


def test_a_stale_email_link_says_only_that_it_is_dead(app, accounts, monkeypatch):
    ana = accounts.person("ana")
    before = len(outbox(app))
    change(ana, "email", new_email="ana.new@example.org", email_password=PASSWORD)
    link = link_in(from_outbox(app, "ana.new@example.org", after=before).body, "/account/email/")
    later(monkeypatch, timedelta(hours=24, minutes=1))
    page = ana.client.get(link)
    assert page.status_code == 410 and said(page, "more than a day old")
    assert not said(page, "already the one Hearth writes to") and not said(page, "Your email is as it was")
    assert users(app)[0][0] == "ana@example.org"


def test_a_wrong_password_keeps_the_email_typed_and_changes_nothing(app, accounts):
    ana = accounts.person("ana")
    before = len(outbox(app))
    response = change(ana, "email", new_email="ana.new@example.org", email_password="not my password at all")
    assert response.status_code == 422 and alerts(response) == [str(escape(WRONG_PASSWORD))]
    assert value_of(response, "new_email") == "ana.new@example.org"
    assert value_of(response, "email_password") in (None, "")  # a password is never sent back
    assert value_of(response, "display_name") == "Ana"
    assert outbox(app)[before:] == []


def test_asking_for_an_address_that_has_an_account_answers_the_same_and_tells_only_that_address(
        app, accounts, monkeypatch):
    signatures_a_second_apart(monkeypatch)
    ana, _ben = accounts.person("ana"), accounts.person("ben")
    before = len(outbox(app))
    pages = []
    for address in ("ben@example.org", "nobody@example.org"):
        assert change(ana, "email", new_email=address, email_password=PASSWORD).status_code == 302
        page = ana.client.get("/account/")
        assert said(page, f"We've sent a link to {address}.")
        pages.append(without_csrf(page).replace(address, "(the address)"))
    assert pages[0] == pages[1]
    note = from_outbox(app, "ben@example.org", "Your email and Hearth", after=before)
    assert "/account/email/" not in note.body and "already has a Hearth account" in note.body
    assert users(app)[:2] == [("ana@example.org", "Ana", True), ("ben@example.org", "Ben", True)]


def test_a_link_to_an_address_that_gained_an_account_meanwhile_changes_nothing(app, accounts):
    ana = accounts.person("ana")
    before = len(outbox(app))
    change(ana, "email", new_email="cleo@example.org", email_password=PASSWORD)
    link = link_in(from_outbox(app, "cleo@example.org", after=before).body, "/account/email/")
    accounts.person("cleo")
    response = ana.post(link, {})
    assert response.status_code == 409 and said(response, "That address is taken")
    assert users(app) == [("ana@example.org", "Ana", True), ("cleo@example.org", "Cleo", True)]


def test_a_new_password_needs_the_current_one_and_ends_every_other_sign_in(app, accounts):
    ana = accounts.person("ana")
    laptop, phone = browser_of(app, ana), browser_of(app, ana)
    wrong = change(ana, "password", current_password="not my password at all", password=NEW_PASSWORD,
                   password_again=NEW_PASSWORD)
    assert wrong.status_code == 422 and alerts(wrong) == [str(escape(WRONG_PASSWORD))]
    mismatch = change(ana, "password", current_password=PASSWORD, password=NEW_PASSWORD, password_again="other")
    assert mismatch.status_code == 422 and said(mismatch, "The two passwords aren't the same.")
    weak = change(ana, "password", current_password=PASSWORD, password="1234567890", password_again="1234567890")
    assert weak.status_code == 422 and said(weak, "That password is easy to guess.")
    assert signed_in(laptop) and signed_in(phone)

    done = change(ana, "password", current_password=PASSWORD, password=NEW_PASSWORD, password_again=NEW_PASSWORD)
    assert done.status_code == 302
    assert said(ana.client.get("/account/"), "Anywhere else you were signed in, you're signed out now.")
    assert signed_in(ana) and not signed_in(laptop) and not signed_in(phone)
    assert sign_in(newcomer(app, "ana@example.org"), PASSWORD).status_code == 422
    assert sign_in(newcomer(app, "ana@example.org"), NEW_PASSWORD).status_code == 302
