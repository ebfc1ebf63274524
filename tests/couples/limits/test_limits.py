"""Limits on trying: sign-ins per account and per address, registrations, invitation codes, the password asked
again; each limited person gets a calm 429 page with what they typed (never the password) and Retry-After.

The app here is the suite's, with some rules made tiny through RATELIMIT_OVERRIDES (as a deployment could);
the invitation-code test runs the shipped numbers.
"""

from __future__ import annotations

import os
import re
import time
import uuid

import pytest
import redis

from app import create_app
from couples.limits import LIMITS, allow, storage_uri
from tests.support.accounts import PASSWORD, csrf_token

TINY = {"sign-in per account": "3 per hour", "sign-in per address": "5 per hour",
        "registration per address": "6 per hour", "password asked again": "3 per hour",
        "sign-up link password per address": "3 per hour"}
REDIS_URL = os.environ.get("HEARTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
START_REDIS = "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no"


def make_app(url: str, **config):
    return create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "SQLALCHEMY_DATABASE_URI": url,
                       "HEARTH_LOAD_NLP": False, "MAIL_BACKEND": "locmem", "RATELIMIT_OVERRIDES": TINY, **config})


@pytest.fixture
def app(database, tmp_path):
    """The suite's app with the tiny limits above (the fixtures `client` and `accounts` use it)."""
    app = make_app(database.fresh(tmp_path))
    yield app
    with app.app_context():
        from couples.extensions import db
        db.session.remove()
        db.engine.dispose()


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def sign_in(client, email: str, password: str, **extra: str):
    token = csrf_token(client, "/auth/login")
    return client.post("/auth/login", data={"email": email, "password": password, "csrf_token": token, **extra})


def test_sign_ins_to_one_account_are_limited_from_any_number_of_addresses(app, accounts):
    ana = accounts.person("ana")
    for n in range(3):
        assert sign_in(from_address(app, f"198.51.100.{n}"), ana.email, "not her password").status_code == 422
    late = from_address(app, "198.51.100.77")
    held = sign_in(late, " ANA@example.org ", "not her password")  # the same, typed otherwise
    assert held.status_code == 429
    # A reset still works while the account is held: the breather says so.
    assert '<a href="/auth/forgot" data-testid="forgot-password">Forgot your password? Set a new one</a>' in \
        held.get_data(as_text=True)
    token = csrf_token(late, "/auth/forgot")
    assert late.post("/auth/forgot", data={"email": ana.email, "csrf_token": token}).status_code == 200
    assert sign_in(late, ana.email, PASSWORD).status_code == 429  # the right password waits too
    assert sign_in(late, "ben@example.org", "a guess").status_code == 422  # another account is not held


def test_sign_ins_from_one_address_are_limited_across_accounts(app):
    client = from_address(app, "203.0.113.9")
    for n in range(5):
        assert sign_in(client, f"someone{n}@example.org", "a guess at it").status_code == 422
    assert sign_in(client, "someone-else@example.org", "a guess at it").status_code == 429
    assert sign_in(from_address(app, "203.0.113.10"), "someone-else@example.org", "a guess").status_code == 422


def test_signing_in_fine_never_counts(app, accounts):
    ana = accounts.person("ana")
    client = from_address(app, "198.51.100.20")
    for _ in range(12):  # four times the account's limit and twice the address's
        assert sign_in(client, ana.email, PASSWORD).status_code == 302
    for _ in range(3):
        assert sign_in(client, ana.email, "not her password").status_code == 422
    assert sign_in(client, ana.email, "not her password").status_code == 429


def test_a_limited_person_gets_a_calm_page_with_what_they_typed_but_never_the_password(app):
    client = from_address(app, "203.0.113.30")
    for n in range(5):
        sign_in(client, f"someone{n}@example.org", "a guess at it")
    response = sign_in(client, "mira<b>@example.org", "my secret phrase", remember="y")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= 3600
    # An hour's wait is no "short breather": the sentence fits the wait.
    assert "Let&#39;s pause here for a while. You can try again in about an hour." in html
    assert "short breather" not in html and "60 minutes" not in html
    assert 'data-testid="forgot-password"' in html  # every limited answer of signing in offers a reset
    assert 'value="mira&lt;b&gt;@example.org"' in html  # the email back, escaped
    assert "my secret phrase" not in html and 'type="password"' in html  # an empty box to type it again
    assert 'name="remember" value="y" checked' in html
    form = re.search(r'<form method="post" action="([^"]+)" id="send-again"', html)
    assert form and form.group(1) == "/auth/login"
    assert re.search(r'name="csrf_token" value="[^"]+"', html)


def test_a_limited_script_gets_json_it_can_show(app):
    client = from_address(app, "203.0.113.31")
    for n in range(5):
        sign_in(client, f"someone{n}@example.org", "a guess at it")
    token = csrf_token(client, "/auth/login")
    response = client.post("/auth/login", data={"email": "a@example.org", "password": "x", "csrf_token": token},
                           headers={"Accept": "application/json"})
    assert response.status_code == 429
    error = response.get_json()["error"]
    assert response.get_json()["ok"] is False and error["code"] == "slow_down"
    assert error["retry_after"] == int(response.headers["Retry-After"]) and "try again in about" in error["message"]


def test_registrations_from_one_address_are_limited(app):
    client = from_address(app, "198.51.100.40")
    for n in range(6):
        token = csrf_token(client, "/auth/register")
        response = client.post("/auth/register", data={"email": f"p{n}@example.org", "display_name": f"P{n}",
                                                        "password": PASSWORD, "csrf_token": token})
        assert response.status_code != 429
    token = csrf_token(client, "/auth/register")
    response = client.post("/auth/register", data={"email": "late@example.org", "display_name": "Lately",
                                                    "password": PASSWORD, "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 'value="late@example.org"' in html and 'value="Lately"' in html and PASSWORD not in html
    assert from_address(app, "198.51.100.41").get("/auth/register").status_code == 200


def test_nobody_can_fill_an_inbox_with_reset_links(app, accounts):
    ana = accounts.person("ana")
    (rule,) = [r for r in LIMITS if r.name == "password reset per email"]
    allowed = int(rule.rate.split()[0])
    answers = []
    for n in range(allowed + 2):  # from a new address each time: the count is the inbox's
        client = from_address(app, f"198.51.100.{100 + n}")
        token = csrf_token(client, "/auth/forgot")
        answers.append(client.post("/auth/forgot", data={"email": ana.email, "csrf_token": token}).status_code)
    assert 429 not in answers[:allowed] and answers[allowed:] == [429, 429]


def test_two_rules_never_share_a_count(app, accounts):
    """Limits are filed by rule, not by view: filling one rule's count leaves every other rule's alone."""
    client = from_address(app, "198.51.100.50")
    for n in range(5):
        sign_in(client, f"someone{n}@example.org", "a guess")
    assert sign_in(client, "x@example.org", "a guess").status_code == 429
    token = csrf_token(client, "/auth/register")
    response = client.post("/auth/register", data={"email": "new@example.org", "display_name": "New",
                                                   "password": PASSWORD, "csrf_token": token})
    assert response.status_code != 429


def test_guessing_invitation_codes_is_stopped_soon(database, tmp_path, accounts_for, capsys):
    """Before limits, 300 guesses took under two seconds. Now the guesser is stopped at the table's number, and
    opening invitation links counts toward the same limit as typing codes."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                      "MAIL_BACKEND": "locmem", "SQLALCHEMY_DATABASE_URI": database.fresh(tmp_path)})
    guesser = accounts_for(app).person("guesser")
    (rule,) = [r for r in LIMITS if r.name == "invitation codes per person"]
    allowed = int(rule.rate.split()[0])
    token = csrf_token(guesser.client, "/pair/")
    began, answers, times = time.perf_counter(), [], []
    for n in range(300):
        guess = guesser.client.post("/pair/join", data={"code": f"ABCD{n:04d}", "csrf_token": token})
        answers.append(guess.status_code)
        times.append(time.perf_counter() - began)
    first_stop = answers.index(429)
    with capsys.disabled():
        print(f"\ninvitation codes: 300 guesses, the first {first_stop} answered ({times[first_stop - 1]:.2f} s), "
              f"stopped from guess {first_stop + 1}; {times[-1]:.2f} s in all")
    assert first_stop == allowed and set(answers[first_stop:]) == {429}
    assert guesser.client.get("/pair/join/ABCD9999").status_code == 429  # a link is a guess too


@pytest.fixture
def accounts_for():
    from tests.support.accounts import Accounts
    return Accounts


def test_the_wait_is_said_in_words_that_fit_it():
    from couples.resend.answers import in_words
    assert [in_words(s) for s in (10, 60, 5 * 60, 45 * 60, 59 * 60, 3600, 3 * 3600)] == [
        "in a few seconds", "in about a minute", "in about 5 minutes", "in about 45 minutes", "in about an hour",
        "in about an hour", "in about 3 hours"]


def test_only_a_link_whose_code_cant_be_used_counts_as_a_guess(database, tmp_path, accounts_for):
    """Opening a partner's open invitation link (or one's own) again and again is no guess; a dead one is."""
    app = make_app(database.fresh(tmp_path), RATELIMIT_OVERRIDES={"invitation codes per person": "3 per hour"})
    people = accounts_for(app)
    inviter, invited = people.person("ines"), people.person("ivo")
    code = people.invite(inviter)
    for _ in range(6):
        assert invited.client.get(f"/pair/join/{code}").status_code == 200
        assert inviter.client.get(f"/pair/join/{code}").status_code == 200
    for n in range(3):
        assert invited.client.get(f"/pair/join/ZZZZ999{n}").status_code == 200  # "can't be used": a guess
    assert invited.client.get("/pair/join/ZZZZ9999").status_code == 429
    assert invited.client.get(f"/pair/join/{code}").status_code == 429  # once limited, the wait is the answer
    assert inviter.client.get("/pair/join/ZZZZ9999").status_code == 200  # the count is the guesser's


def test_only_a_wrong_password_counts_against_the_password_asked_again(app, accounts):
    """A name too long, one of only invisible characters, an email typo: none of them a guess, none counts."""
    ana = accounts.person("ana")
    for name in ("x" * 200, "\u200b\u200b", "", "y" * 300):
        assert ana.post("/account/name", {"display_name": name}, form_path="/account/").status_code == 422
    for typo in ("ana@@example", "not an email", "ana@example"):
        refused = ana.post("/account/email", {"new_email": typo, "email_password": PASSWORD}, form_path="/account/")
        assert refused.status_code == 422
    assert ana.post("/account/name", {"display_name": "Ana M"}, form_path="/account/").status_code == 302
    for _ in range(3):  # the tiny rule: 3 wrong passwords an hour, across the forms that ask
        assert ana.post("/account/password", {"current_password": "not it", "password": "another long phrase",
                                              "password_again": "another long phrase"},
                        form_path="/account/").status_code == 422
    limited = ana.post("/account/email", {"new_email": "ana.new@example.org", "email_password": PASSWORD},
                       form_path="/account/")
    assert limited.status_code == 429
    assert ana.post("/account/name", {"display_name": "Ana"}, form_path="/account/").status_code == 302  # no password


def test_the_password_asked_again_is_limited(app, accounts):
    ana = accounts.person("ana")
    for _ in range(3):
        assert ana.post("/your-data/delete", {"password": "not it"}).status_code == 422
    response = ana.post("/your-data/delete", {"password": PASSWORD})
    assert response.status_code == 429 and PASSWORD not in response.get_data(as_text=True)
    assert ana.client.get("/your-data/").status_code == 200  # still here, still signed in


def test_by_default_the_address_is_the_peers_own_and_no_header_chooses_another(app):
    """The audit's finding: with the header trusted from any private or loopback peer by default, a client on the
    same network (or behind Docker's port publishing) chose its own address: 192.0.2.78 after 192.0.2.77 was held
    got 422. By default (HEARTH_TRUSTED_PROXIES=0) X-Forwarded-For is never read."""
    assert app.config["RATELIMIT_TRUSTED_PROXIES"] == 0
    for peer in ("127.0.0.1", "172.17.0.1"):  # this machine; Docker's bridge
        client = from_address(app, peer)
        for n in range(5):
            assert sign_in(client, f"s{n}@example.org", "x").status_code == 422
        token = csrf_token(client, "/auth/login")
        for forwarded in ("192.0.2.77", "192.0.2.78", "203.0.113.1, 192.0.2.79"):
            response = client.post("/auth/login", data={"email": "s@example.org", "password": "x", "csrf_token": token},
                                   headers={"X-Forwarded-For": forwarded})
            assert response.status_code == 429, (peer, forwarded)


def test_the_address_behind_a_proxy_is_the_one_it_forwards_and_nobody_else_can_choose_it(database, tmp_path):
    """Behind a proxy (deploy/nginx.conf) a deployment sets HEARTH_TRUSTED_PROXIES=1: the last hop, which the proxy
    wrote, is the client's, and only a loopback or private peer (the proxy) is believed."""
    app = make_app(database.fresh(tmp_path), RATELIMIT_TRUSTED_PROXIES=1)
    proxy = from_address(app, "127.0.0.1")
    for n in range(5):
        token = csrf_token(proxy, "/auth/login")
        proxy.post("/auth/login", data={"email": f"s{n}@example.org", "password": "x", "csrf_token": token},
                   headers={"X-Forwarded-For": "192.0.2.1, 198.51.100.60"})
    token = csrf_token(proxy, "/auth/login")
    forwarded = {"email": "s@example.org", "password": "x", "csrf_token": token}
    assert proxy.post("/auth/login", data=forwarded, headers={"X-Forwarded-For": "198.51.100.60"}).status_code == 429
    assert proxy.post("/auth/login", data=forwarded, headers={"X-Forwarded-For": "198.51.100.61"}).status_code == 422
    outside = from_address(app, "8.8.8.8")  # a client on the internet writing the header itself is not believed
    for n in range(5):
        token = csrf_token(outside, "/auth/login")
        response = outside.post("/auth/login", data={"email": f"o{n}@example.org", "password": "x",
                                                     "csrf_token": token}, headers={"X-Forwarded-For": f"10.0.0.{n}"})
        assert response.status_code == 422
    token = csrf_token(outside, "/auth/login")
    assert outside.post("/auth/login", data={"email": "o@example.org", "password": "x", "csrf_token": token},
                        headers={"X-Forwarded-For": "10.0.0.99"}).status_code == 429


def test_an_override_naming_no_rule_stops_the_app_from_starting(tmp_path):
    with pytest.raises(ValueError, match="no rule called sign-in per acount"):
        make_app(f"sqlite:///{tmp_path / 'x.sqlite'}", RATELIMIT_OVERRIDES={"sign-in per acount": "1 per hour"})


def test_counts_live_in_the_socket_redis_once_scaled_out():
    assert storage_uri({"SOCKETIO_MESSAGE_QUEUE": None}) == "hearth-memory://"
    assert storage_uri({"SOCKETIO_MESSAGE_QUEUE": "redis://10.0.0.5:6379/0"}) == "redis://10.0.0.5:6379/0"
    assert storage_uri({"SOCKETIO_MESSAGE_QUEUE": "redis://q/0", "RATELIMIT_STORAGE_URI": "redis://l/1"}) == \
        "redis://l/1"


def test_two_app_instances_on_one_redis_share_the_count(database, tmp_path):
    """Two workers behind a balancer: a guesser moving between them is counted once, in Redis."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"This test needs Redis at {REDIS_URL}: {error}\nStart it: {START_REDIS}", pytrace=False)
    prefix = f"hearth-test-{uuid.uuid4().hex}"  # this run's own keys
    url = database.fresh(tmp_path)
    one, two = (make_app(url, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix) for _ in range(2))
    clients = [from_address(one, "198.51.100.90"), from_address(two, "198.51.100.90")]
    for n in range(5):
        assert sign_in(clients[n % 2], f"g{n}@example.org", "a guess").status_code == 422
    assert sign_in(clients[1], "g@example.org", "a guess").status_code == 429
    assert sign_in(clients[0], "g@example.org", "a guess").status_code == 429
    keys = redis.Redis.from_url(REDIS_URL).keys(f"*{prefix}*")
    assert keys, "the counts are in Redis, under this run's prefix"
    redis.Redis.from_url(REDIS_URL).delete(*keys)


def test_wait_says_how_long_until_one_more_is_allowed(app):
    """`wait` counts as `allow` does, and past a limit says when the part of the rate that refused lets one in."""
    from couples.limits import wait
    with app.app_context():
        assert [wait("socket act", "2 per minute; 3 per hour", "socket:w", here=True) for _ in range(2)] == [0, 0]
        assert 58 <= wait("socket act", "2 per minute; 3 per hour", "socket:w", here=True) <= 60
        assert [wait("socket connect per person", "1 per minute", "person:w") for _ in range(2)][1] >= 58  # shared
        assert wait("socket act", "3 per minute; 2 per hour", "socket:h", here=True) == 0
        assert wait("socket act", "3 per minute; 2 per hour", "socket:h", here=True) == 0
        assert 3590 <= wait("socket act", "3 per minute; 2 per hour", "socket:h", here=True) <= 3600


def test_a_socket_is_counted_in_its_own_workers_memory_even_when_scaled_out(database, tmp_path):
    """A connection lives on one worker, so its events' counts never need Redis: every socket event would
    otherwise pay a round trip per part of its rate (bench/realtime.py, docs/performance.md)."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"This test needs Redis at {REDIS_URL}: {error}\nStart it: {START_REDIS}", pytrace=False)
    prefix = f"hearth-test-{uuid.uuid4().hex}"
    app = make_app(database.fresh(tmp_path), RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix)
    server = redis.Redis.from_url(REDIS_URL)
    with app.app_context():
        counted = [allow("socket act", "3 per minute; 10 per hour", "socket:abc", here=True) for _ in range(5)]
        assert counted == [True, True, True, False, False]
        assert server.keys(f"*{prefix}*") == []
        assert allow("socket act", "3 per minute", "socket:abc")  # the shared storage keeps counts of its own
        keys = server.keys(f"*{prefix}*")
        assert keys
        server.delete(*keys)
    (tmp_path / "other").mkdir()
    other = make_app(database.fresh(tmp_path / "other"), RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix)
    with other.app_context():  # another app (a test's, or another worker) starts from nothing
        assert allow("socket act", "3 per minute", "socket:abc", here=True)


def test_guessing_the_password_behind_a_sign_up_link_is_limited(app):
    """A sign-up link opened in another browser asks for the password chosen at sign-up: guesses are limited."""
    from tests.couples.accounts.helpers import confirm_link
    from tests.support.accounts import Person
    someone = Person(name="Cleo", email="cleo@example.org", client=from_address(app, "198.51.100.60"))
    someone.post("/auth/register", {"email": someone.email, "display_name": "Cleo", "password": PASSWORD})
    link = confirm_link(app, someone.email)
    holder = Person(name="Cleo", email=someone.email, client=from_address(app, "198.51.100.61"))
    for _ in range(3):
        assert holder.post(link, {"password": "a guess at her password"}).status_code == 422
    limited = holder.post(link, {"password": PASSWORD})
    assert limited.status_code == 429 and limited.headers["Retry-After"]
