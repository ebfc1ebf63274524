"""The sign-up link and the new-address link, over a real SMTP server on loopback (aiosmtpd): each email is read
from the server, its link points at HEARTH_BASE_URL, and the link does its work once."""

from __future__ import annotations


from tests.couples.accounts.helpers import (CHECK_INBOX, SIGN_UP_SUBJECT, newcomer, register, said, sign_in,
                                            signed_in, users)
from tests.support.accounts import PASSWORD
from tests.support.mailbox import link_in
from tests.support import smtp
from tests.support.smtp import BASE, body_of

SENDER = "Hearth <hearth@hearth.example>"


inbox, app = smtp.inbox, smtp.app_mailing_to_inbox  # fixtures: an SMTP server, the app sending to it (not conftest's)


def test_the_sign_up_link_comes_through_the_mail_server_and_works_once(app, inbox):
    cleo = newcomer(app)
    response = register(cleo)
    assert response.status_code == 200 and said(response, CHECK_INBOX)
    email = inbox.wait_for("cleo@example.org")
    assert (email["Subject"], email["From"]) == (SIGN_UP_SUBJECT, SENDER)
    body = body_of(email)
    assert f"{BASE}/auth/confirm/" in body and "Cleo" not in body  # no name typed at sign-up reaches the inbox
    assert users(app) == [("cleo@example.org", "Cleo", False)]

    link = link_in(body, "/auth/confirm/")
    done = cleo.client.get(link)
    assert (done.status_code, done.headers["Location"]) == (302, "/")
    assert users(app) == [("cleo@example.org", "Cleo", True)] and signed_in(cleo)
    assert cleo.client.get(link).status_code == 410  # once
    assert newcomer(app).client.get(link).status_code == 410
    assert [mail["To"] for mail in inbox.emails] == ["cleo@example.org"]


def test_the_new_address_link_comes_through_the_mail_server_and_works_once(app, accounts, inbox):
    ana = accounts.person("ana")  # her sign-up email is kept aside (tests/support/accounts.py)
    asked = ana.post("/account/email", {"new_email": "ana.new@example.org", "email_password": PASSWORD},
                     form_path="/account/")
    assert (asked.status_code, asked.headers["Location"]) == (302, "/account/")
    email = inbox.wait_for("ana.new@example.org")
    assert (email["Subject"], email["From"]) == ("Your new email for Hearth", SENDER)
    body = body_of(email)
    assert f"{BASE}/account/email/" in body and "Ana" not in body

    link = link_in(body, "/account/email/")
    page = ana.client.get(link)
    assert page.status_code == 200 and said(page, "Use this email?")
    assert users(app)[0][0] == "ana@example.org"  # looking changes nothing
    done = ana.post(link, {})
    assert (done.status_code, done.headers["Location"]) == (302, "/account/")
    assert users(app)[0][0] == "ana.new@example.org"

    notice = inbox.wait_for("ana@example.org")  # the old address is told, through the same server
    assert notice["Subject"] == "Your Hearth email has changed" and "ana.new" not in body_of(notice)
    again = ana.client.get(link)
    assert again.status_code == 410 and said(again, "This address is already the one Hearth writes to.")
    assert sign_in(newcomer(app, "ana.new@example.org")).status_code == 302
    assert sign_in(newcomer(app, "ana@example.org")).status_code == 422
    assert [mail["To"] for mail in inbox.emails] == ["ana.new@example.org", "ana@example.org"]
