"""A forgotten password, over a real SMTP server on loopback (aiosmtpd): the same answer for every address,
a link that works for an hour and once, and after it every sign-in ended but this browser's."""

from __future__ import annotations

from datetime import timedelta


from tests.couples.accounts.helpers import browser_of, later, newcomer, register, said, sign_in, signed_in, without_csrf
from tests.support.accounts import PASSWORD, TOKEN, Accounts
from tests.support.mailbox import link_in
from tests.support import smtp
from tests.support.smtp import BASE, body_of
from tests.support.pages import signatures_a_second_apart

NEW_PASSWORD = "a slow morning by the sea"
SENT = "If there's an account for that address, a link is on its way. It works for an hour, once."


inbox, app = smtp.inbox, smtp.app_mailing_to_inbox  # fixtures: an SMTP server, the app sending to it (not conftest's)


def forgot(person, email: str | None = None):
    return person.post("/auth/forgot", {"email": email or person.email}, form_path="/auth/forgot")


def reset_link(inbox, to: str, count: int = 1) -> str:
    email = inbox.wait_for(to, count)
    assert email["Subject"] == "A new password for Hearth"
    return link_in(body_of(email), "/auth/reset/")


def test_the_sign_in_page_offers_a_way_back(client):
    assert 'href="/auth/forgot">Forgot your password?</a>' in client.get("/auth/login").get_data(as_text=True)


def test_every_address_gets_the_same_answer_and_only_an_account_gets_an_email(app, accounts, inbox, monkeypatch):
    signatures_a_second_apart(monkeypatch)
    accounts.person("ana")
    stranger = newcomer(app)
    known, unknown = forgot(stranger, "  ANA@example.org "), forgot(stranger, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert without_csrf(known) == without_csrf(unknown)
    assert said(known, SENT)
    inbox.wait_for("ana@example.org")
    assert [email["To"] for email in inbox.emails] == ["ana@example.org"]
    assert inbox.emails[0]["From"] == "Hearth <hearth@hearth.example>"


def test_the_link_sets_a_new_password_once_and_ends_every_other_sign_in(app, accounts, inbox):
    ana = accounts.person("ana")
    laptop = browser_of(app, ana)
    stranger = newcomer(app, "ana@example.org", "Ana")
    forgot(stranger)
    link = reset_link(inbox, "ana@example.org")
    assert f"{BASE}/auth/reset/" in body_of(inbox.emails[-1])
    page = stranger.client.get(link)
    assert page.status_code == 200 and said(page, "Choose a new password")

    for fields, sentence in [
        ({"password": NEW_PASSWORD, "password_again": NEW_PASSWORD + "!"}, "The two passwords aren't the same."),
        ({"password": "password123", "password_again": "password123"}, "That password is easy to guess."),
        ({"password": "short", "password_again": "short"}, "Please choose a password of at least 10 characters."),
    ]:
        refused = stranger.post(link, fields)
        assert refused.status_code == 422 and said(refused, sentence)

    done = stranger.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert (done.status_code, done.headers["Location"]) == (302, "/")
    home = stranger.client.get("/", follow_redirects=True)
    assert said(home, "Your new password is set, and you're signed in.")
    assert not said(home, "Is this the name")  # a confirmed account's name was chosen by its owner
    assert signed_in(stranger) and not signed_in(ana) and not signed_in(laptop)

    again = newcomer(app).client.get(link)
    assert again.status_code == 410 and said(again, "only once") and 'href="/auth/forgot"' in again.get_data(
        as_text=True)
    assert sign_in(newcomer(app, "ana@example.org"), PASSWORD).status_code == 422
    assert sign_in(newcomer(app, "ana@example.org"), NEW_PASSWORD).status_code == 302


def test_a_link_lasts_an_hour(app, accounts, inbox, monkeypatch):
    accounts.person("ana")
    stranger = newcomer(app, "ana@example.org")
    forgot(stranger)
    link = reset_link(inbox, "ana@example.org")
    later(monkeypatch, timedelta(minutes=59))
    assert stranger.client.get(link).status_code == 200
    later(monkeypatch, timedelta(minutes=2))
    expired = stranger.client.get(link)
    assert expired.status_code == 410 and said(expired, "Send me a new link")
    refused = stranger.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}, form_path="/auth/forgot")
    assert refused.status_code == 410 and sign_in(newcomer(app, "ana@example.org"), PASSWORD).status_code == 302


def test_a_second_link_and_a_password_changed_meanwhile_end_the_first(app, accounts, inbox):
    ana = accounts.person("ana")
    forgot(ana)
    first = reset_link(inbox, ana.email)
    forgot(ana)
    second = reset_link(inbox, ana.email, count=2)
    assert ana.post(second, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}).status_code == 302
    assert ana.client.get(first).status_code == 410  # one new password ends every link sent before it

    forgot(ana)
    third = reset_link(inbox, ana.email, count=3)
    changed = ana.post("/account/password", {"current_password": NEW_PASSWORD, "password": PASSWORD,
                                             "password_again": PASSWORD}, form_path="/account/")
    assert changed.status_code == 302
    assert ana.client.get(third).status_code == 410


def test_a_reset_confirms_an_address_never_confirmed_and_asks_about_the_name(app, inbox):
    """Someone signed up with Cleo's address as "Impostor"; Cleo sets a password of her own. She lands on her
    account page, asked whether that is the name her partner should see, so a name she never chose is seen."""
    squatter, cleo = newcomer(app, name="Impostor"), newcomer(app)
    register(squatter)
    inbox.wait_for(cleo.email)  # the sign-up link, never followed
    forgot(cleo)
    link = reset_link(inbox, cleo.email, count=2)
    response = cleo.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, "/account/")
    page = cleo.client.get("/account/")
    assert said(page, "Is this the name you'd like your partner to see?") and 'value="Impostor"' in page.get_data(
        as_text=True)
    assert signed_in(cleo)
    assert sign_in(newcomer(app), NEW_PASSWORD).status_code == 302
    assert sign_in(newcomer(app), PASSWORD).status_code == 422  # the squatter's password opens nothing


def test_links_point_at_hearth_whatever_host_the_request_named(app, accounts, inbox):
    accounts.person("ana")
    browser, evil = app.test_client(), {"Host": "evil.example"}
    token = TOKEN.search(browser.get("/auth/forgot", headers=evil).get_data(as_text=True)).group(1)
    response = browser.post("/auth/forgot", data={"email": "ana@example.org", "csrf_token": token}, headers=evil)
    response.close()  # as a server does: the email goes out then
    assert response.status_code == 200
    body = body_of(inbox.wait_for("ana@example.org"))
    assert f"{BASE}/auth/reset/" in body and "evil.example" not in body


def test_a_person_made_for_a_test_sends_nothing_to_the_smtp_server(app, inbox):
    """tests/support/accounts.py keeps sign-up emails aside, so an inbox holds only what a test is about."""
    Accounts(app).person("ana")
    assert inbox.emails == []
