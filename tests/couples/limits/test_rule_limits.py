"""The limits on sign-ups per email, on password resets per address and on the coach over plain requests, each
shown working: within the limit all goes through, one past it gets the calm 429 with Retry-After (the form back
with what was typed, never a password; JSON with retry_after for a page's script), and the count is the rule's
own key's (another email, address or person goes on).

The app here is the suite's, with these rules made tiny through RATELIMIT_OVERRIDES (as tests/couples/limits/
test_limits.py does for the others).
"""

from __future__ import annotations

import re

import pytest

from tests.support.apps import suite_app
from tests.couples.accounts.helpers import CHECK_INBOX, SIGN_UP_SUBJECT, said, signed_in
from tests.support.accounts import PASSWORD, Person, csrf_token
from tests.support.mailbox import from_outbox, link_in, outbox

TINY = {"registration per email": "2 per hour", "password reset per address": "3 per hour",
        "coach requests": "3 per minute"}
AN_HOUR = "Let's pause here for a while. You can try again in about an hour."
A_MINUTE = "Let's take a short breather. You can try again in about a minute."
NEW_PASSWORD = "a slow morning by the sea"
RESET_SUBJECT = "A new password for Hearth"


@pytest.fixture
def app(database, tmp_path):
    """The suite's app with the tiny limits above (the fixtures `client`, `accounts` and `couple` use it)."""
    yield from suite_app(database.fresh(tmp_path), RATELIMIT_OVERRIDES=TINY)


def from_address(app, address: str) -> Person:
    """Someone with no account, in a browser of their own at `address`."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Person(name="Cleo", email="cleo@example.org", client=client)


def register(person: Person, email: str, name: str = "Cleo", password: str = PASSWORD, **headers: str):
    return person.post("/auth/register", {"email": email, "display_name": name, "password": password},
                       headers=headers)


def forgot(person: Person, email: str, **headers: str):
    return person.post("/auth/forgot", {"email": email}, headers=headers)


def html(response) -> str:
    return response.get_data(as_text=True)


def held_for(response, longest: int) -> bool:
    """A 429 whose Retry-After is a whole number of seconds, at most `longest`."""
    return response.status_code == 429 and 0 < int(response.headers["Retry-After"]) <= longest


def given_back_to(response) -> str:
    """Where the "send it again" form posts."""
    form = re.search(r'<form method="post" action="([^"]+)" id="send-again"', html(response))
    assert form, "no send-again form"
    return form.group(1)


def sign_up_emails(app, to: str) -> int:
    return sum(1 for mail in outbox(app) if mail.to == [to] and mail.subject == SIGN_UP_SUBJECT)


def test_sign_ups_for_one_email_are_limited_from_any_address(app):
    """Every try counts, a refused one too; a third sign-up for the address waits, wherever it comes from."""
    typo = register(from_address(app, "198.51.100.1"), "cleo@example.org", password="short")
    assert typo.status_code == 422
    fine = register(from_address(app, "198.51.100.2"), "cleo@example.org")
    assert fine.status_code == 200 and CHECK_INBOX in html(fine)
    from_outbox(app, "cleo@example.org", SIGN_UP_SUBJECT)

    held = register(from_address(app, "198.51.100.3"), "cleo@example.org", name="Cleo <b>")
    assert held_for(held, 3600) and int(held.headers["Retry-After"]) > 3500
    assert said(held, AN_HOUR) and CHECK_INBOX not in html(held)
    assert 'value="cleo@example.org"' in html(held) and 'value="Cleo &lt;b&gt;"' in html(held)
    assert PASSWORD not in html(held) and 'type="password"' in html(held)  # an empty box to type it again
    assert given_back_to(held) == "/auth/register"
    assert register(from_address(app, "198.51.100.4"), "  CLEO@Example.ORG ").status_code == 429  # the same inbox

    other = register(from_address(app, "198.51.100.3"), "dora@example.org", name="Dora")
    assert other.status_code == 200 and CHECK_INBOX in html(other)  # another address's count is its own
    from_outbox(app, "dora@example.org", SIGN_UP_SUBJECT)
    assert sign_up_emails(app, "cleo@example.org") == 1  # nothing more reached Cleo's inbox


def test_a_script_past_the_sign_up_limit_gets_json_with_retry_after(app):
    someone = from_address(app, "198.51.100.5")
    for _ in range(2):
        assert register(someone, "cleo@example.org").status_code == 200
    held = register(someone, "cleo@example.org", Accept="application/json")
    assert held.status_code == 429
    body = held.get_json()
    assert body["ok"] is False and body["error"]["code"] == "slow_down" and body["error"]["message"] == AN_HOUR
    assert body["error"]["retry_after"] == int(held.headers["Retry-After"])


def test_asking_for_reset_links_and_using_them_share_one_count_per_address(app, accounts):
    """Asking for links (for any inbox) and setting a password through one count toward the same limit; opening
    a link to look at it does not. Past it the form comes back, never the password, and nothing changes."""
    accounts.person("ana")
    here = from_address(app, "198.51.100.70")
    assert forgot(here, "ana@example.org").status_code == 200
    assert forgot(here, "nobody@example.org").status_code == 200  # another inbox, the same address
    link = link_in(from_outbox(app, "ana@example.org", RESET_SUBJECT).body, "/auth/reset/")
    for _ in range(3):
        assert here.client.get(link).status_code == 200
    mismatched = here.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD + "!"})
    assert mismatched.status_code == 422

    held = here.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert held_for(held, 3600) and said(held, AN_HOUR)
    assert NEW_PASSWORD not in html(held) and html(held).count('type="password"') == 2  # both boxes empty
    assert given_back_to(held) == link
    asked = forgot(here, "cleo@example.org")
    assert held_for(asked, 3600) and said(asked, AN_HOUR)
    assert 'value="cleo@example.org"' in html(asked) and given_back_to(asked) == "/auth/forgot"

    elsewhere = from_address(app, "198.51.100.71")  # another address's count is its own: the link still works
    assert forgot(elsewhere, "cleo@example.org").status_code == 200
    done = elsewhere.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert (done.status_code, done.headers["Location"]) == (302, "/") and signed_in(elsewhere)


def test_a_script_past_the_reset_limit_gets_json_with_retry_after(app):
    here = from_address(app, "198.51.100.72")
    for n in range(3):
        assert forgot(here, f"someone{n}@example.org").status_code == 200
    held = forgot(here, "someone@example.org", Accept="application/json")
    assert held.status_code == 429
    error = held.get_json()["error"]
    assert error["code"] == "slow_down" and error["message"] == AN_HOUR
    assert error["retry_after"] == int(held.headers["Retry-After"])


@pytest.fixture
def coached(couple):
    """Ana and Ben, each with the coach on for their journal, and Ana's solo run of a scene (its path)."""
    ana, ben = couple
    for person in (ana, ben):
        assert person.post("/me/journal/coaching", {}, form_path="/me/journal/").status_code == 302
    started = ana.post("/scenes/dishes/solo", {"role": "robin"})
    assert started.status_code == 302
    return ana, ben, started.headers["Location"]


def coach(person: Person, path: str = "/me/coach", text: str = "You never listen to me."):
    token = csrf_token(person.client, "/me/journal/")
    return person.client.post(path, json={"text": text}, headers={"X-CSRFToken": token})


def test_the_journal_coach_and_the_solo_coach_share_one_count_per_person(app, coached):
    """Past the limit the page's script hears when to try again (its draft stays in the page); the partner, on
    the same address, and the person's other browsers are counted as the rule says: per person."""
    ana, ben, run = coached
    replies = [coach(ana), coach(ana, f"{run}/coach"), coach(ana)]
    assert [reply.status_code for reply in replies] == [200] * 3
    assert all(reply.get_json()["ok"] and reply.get_json()["analysis"]["blaming"] for reply in replies)

    held = coach(ana, f"{run}/coach")
    assert held_for(held, 60)
    assert held.get_json() == {"ok": False, "error": {"code": "slow_down", "message": A_MINUTE,
                                                      "retry_after": int(held.headers["Retry-After"])}}
    assert coach(ana).status_code == 429  # the journal's coach waits too

    laptop = Person(ana.name, ana.email, app.test_client(), ana.id)  # Ana signed in on another browser
    assert laptop.post("/auth/login", {"email": ana.email, "password": PASSWORD}).status_code == 302
    assert coach(laptop).status_code == 429

    for _ in range(3):  # Ben, from the same address, has his own count
        answer = coach(ben)
        assert answer.status_code == 200 and answer.get_json()["analysis"]["blaming"]
