"""Sign-ins the server can end: copies of a cookie die with the sign-in, open sockets close, and a person sees
and ends their own sign-ins (and nobody else's)."""

from __future__ import annotations

import time

import re
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from app import create_app
from couples.accounts import SignIn, User
from couples.accounts.signins import SEEN_EVERY, device_of
from couples.clock import utcnow
from couples.extensions import db
from tests.support.accounts import PASSWORD, Accounts, Person, csrf_token
from tests.support.live import act, start

PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
         "Mobile Safari/537.36")
LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SIGNED_OUT = {"ok": False, "error": {"code": "not_signed_in",
                                     "message": "You've been signed out. Please sign in again to carry on."}}


def signed_in(client) -> bool:
    return client.get("/pair/status").status_code == 200


def sign_in(app, person: Person, user_agent: str = LAPTOP, **fields) -> Person:
    """The same person signing in on another browser (a client of its own) through the sign-in form."""
    browser = Person(person.name, person.email, app.test_client(), person.id)
    browser.client.environ_base["HTTP_USER_AGENT"] = user_agent
    response = browser.post("/auth/login", {"email": person.email, "password": PASSWORD, **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def sign_out(person: Person):
    return person.post("/auth/logout", {}, form_path="/account/sign-ins/")


def copy_cookie(app, person: Person, name: str):
    """A fresh browser holding only `person`'s cookie `name`, as someone who copied it would."""
    cookie = person.client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    thief = app.test_client()
    thief.set_cookie(name, cookie.value)
    return thief


def rows(app, user_id: int) -> list[SignIn]:
    with app.app_context():
        found = list(db.session.scalars(select(SignIn).where(SignIn.user_id == user_id).order_by(SignIn.id)))
        db.session.expunge_all()
        return found


def test_signing_out_ends_a_copy_of_the_session_cookie(app, accounts):
    ana = accounts.person("ana")
    copy = copy_cookie(app, ana, "session")
    assert signed_in(copy)
    sign_out(ana)
    assert not signed_in(ana.client) and not signed_in(copy)
    assert rows(app, ana.id)[-1].ended_at is not None


def test_the_remember_cookie_is_new_each_time_guarded_and_dies_at_sign_out(app, accounts):
    ana = accounts.person("ana")
    first = sign_in(app, ana, remember="y")
    second = sign_in(app, ana, remember="y")
    one, two = (browser.client.get_cookie("remember_token") for browser in (first, second))
    assert one is not None and two is not None and one.value != two.value
    assert one.http_only and one.same_site == "Lax" and not one.secure  # plain HTTP here: see the secure test
    assert timedelta(days=29) < one.expires - datetime.now(UTC) <= timedelta(days=30)
    assert re.fullmatch(r"\d+\.[\w-]{43}", one.value.rsplit("|", 1)[0])  # a sign-in's token, not the person's id

    alone = copy_cookie(app, first, "remember_token")
    assert signed_in(alone)  # the remember cookie alone signs a browser in...
    assert sign_out(first).status_code == 302
    assert first.client.get_cookie("remember_token") is None  # gone from the browser that signed out
    later = app.test_client()
    later.set_cookie("remember_token", one.value)
    assert not signed_in(alone) and not signed_in(later)  # ...until its sign-in ends, for every copy of it
    assert signed_in(second.client) and signed_in(ana.client)  # other sign-ins go on


def test_the_remember_cookie_is_secure_whenever_session_cookies_are(database, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                      "SQLALCHEMY_DATABASE_URI": database.fresh(tmp_path), "SESSION_COOKIE_SECURE": True})
    try:
        ana = Accounts(app).person("ana")
        browser = Person(ana.name, ana.email, app.test_client(), ana.id)
        response = browser.post("/auth/login", {"email": ana.email, "password": PASSWORD, "remember": "y"})
        cookies = response.headers.getlist("Set-Cookie")
        remember = next(c for c in cookies if c.startswith("remember_token="))
        assert "Secure" in remember and "HttpOnly" in remember and "SameSite=Lax" in remember
        assert all("Secure" in c for c in cookies)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_signing_out_closes_the_sockets_it_opened_and_a_raced_socket_can_do_nothing(app, couple, partner):
    ana, ben = couple
    session_id = start(ana)
    tab, other_tab, ben_sock = partner(ana), partner(ana), partner(ben)
    assert tab.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)["ok"]
    ben_sock.get_received()
    sign_out(ana)
    assert not tab.is_connected() and not other_tab.is_connected()
    presence = [m["args"][0]["online"] for m in ben_sock.get_received() if m["name"] == "presence"]
    assert presence[-1] == [str(ben.id)]  # Ben's page sees Ana leave

    # A socket whose close never arrived (a lost message) acts as nobody once its sign-in is read again.
    ben_browser = sign_in(app, ben)
    late = partner(ben_browser)
    assert late.emit("still_here", {}, callback=True)["ok"]  # its sign-in now counts as live, unread, for a while
    with app.app_context():
        db.session.execute(update(SignIn).where(SignIn.user_id == ben.id).values(ended_at=utcnow()))
        db.session.commit()
    time.sleep(app.config["HEARTH_SIGN_IN_RECHECK_SECONDS"] + 0.1)
    assert act(late, session_id, "appreciate", text="You made tea.") == SIGNED_OUT
    assert late.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True) == SIGNED_OUT
    assert late.emit("coach", {"text": "You never listen to me."}, callback=True) == SIGNED_OUT
    assert late.emit("coach_paraphrase", {"session_id": session_id, "text": "You felt tired."},
                     callback=True) == SIGNED_OUT
    assert late.emit("still_here", {}, callback=True) == SIGNED_OUT
    with app.app_context():
        from couples.log import SessionEvent
        assert db.session.scalar(select(SessionEvent.id).where(SessionEvent.session_id == session_id)) is None


def test_a_socket_of_an_ended_sign_in_is_refused_at_connect_saying_so(app, couple, partner):
    ana, _ = couple
    copy = copy_cookie(app, ana, "session")
    sign_out(ana)
    from couples.extensions import socketio
    sock = socketio.test_client(app, flask_test_client=copy)
    assert not sock.is_connected()


def test_sign_out_everywhere_else_and_everywhere(app, couple, partner):
    ana, _ = couple
    phone, laptop = sign_in(app, ana, PHONE), sign_in(app, ana, LAPTOP)
    phone_sock, laptop_sock = partner(phone), partner(laptop)
    page = laptop.client.get("/account/sign-ins/").get_data(as_text=True)
    assert page.count('data-testid="sign-in"') == 3
    assert "<bdi>Chrome on Android</bdi>" in page and "<bdi>Firefox on Windows</bdi>" in page
    assert len(re.findall(r'data-testid="this-browser"', page)) == 1
    this = re.search(r'data-sign-in="(\d+)">\s*<h2><bdi>([^<]+)</bdi> <span class="muted" data-testid="this-browser"',
                     page)
    assert this and this.group(2) == "Firefox on Windows"  # this browser comes first, marked

    response = laptop.post("/account/sign-ins/end-others", {}, form_path="/account/sign-ins/")
    assert response.status_code == 302
    assert signed_in(laptop.client) and not signed_in(phone.client) and not signed_in(ana.client)
    assert not phone_sock.is_connected() and laptop_sock.is_connected()
    page = laptop.client.get("/account/sign-ins/").get_data(as_text=True)
    assert page.count('data-testid="sign-in"') == 1 and "You&#39;re signed out everywhere else." in page

    again = sign_in(app, ana, PHONE)
    response = laptop.post("/account/sign-ins/end-all", {}, form_path="/account/sign-ins/")
    assert (response.status_code, response.headers["Location"]) == (302, "/auth/login")
    assert "You&#39;re signed out on every device." in laptop.client.get("/auth/login").get_data(as_text=True)
    assert not signed_in(laptop.client) and not signed_in(again.client)
    assert not laptop_sock.is_connected()
    assert all(row.ended_at is not None for row in rows(app, ana.id))


ENDED_HERE = "You were signed out on this device. Please sign in again."
SIGN_IN_FIRST = "Please sign in to continue."


def words_on_the_way_in(client, path: str = "/account/") -> list[str]:
    """The notes on the sign-in page a signed-out browser is sent to from `path`."""
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return [note.replace("&#39;", "'") for note in re.findall(r'class="flash[^"]*" role="status">([^<]*)<', page)]


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_a_browser_whose_sign_in_ended_elsewhere_is_told_so_once(app, accounts, cookie):
    """After a new password, the other browser (by its session cookie, or its remember cookie alone) hears
    that it was signed out on this device, in words that say nothing of why or by whom; then, its dead
    cookies dropped, the ordinary words. A browser that never signed in never hears it."""
    ana = accounts.person("ana")
    laptop = sign_in(app, ana, LAPTOP, remember="y")
    browser = laptop.client if cookie == "session" else copy_cookie(app, laptop, cookie)
    new = "a slow morning by the sea"
    changed = ana.post("/account/password", {"current_password": PASSWORD, "password": new, "password_again": new},
                       form_path="/account/")
    assert changed.status_code == 302
    assert words_on_the_way_in(browser) == [ENDED_HERE]  # that sentence alone: nothing of why, or who
    assert words_on_the_way_in(browser) == [SIGN_IN_FIRST]
    assert words_on_the_way_in(app.test_client()) == [SIGN_IN_FIRST]


def test_signing_out_here_is_not_news_on_the_way_back_in(app, accounts):
    ana = accounts.person("ana")
    sign_out(ana)
    ana.client.get("/auth/login")  # where signing out lands, its own note read there
    assert words_on_the_way_in(ana.client) == [SIGN_IN_FIRST]


def test_signing_out_one_other_browser_leaves_the_rest(app, accounts):
    ana = accounts.person("ana")
    phone = sign_in(app, ana, PHONE)
    phone_id = rows(app, ana.id)[-1].id
    response = ana.post(f"/account/sign-ins/{phone_id}/end", {}, form_path="/account/sign-ins/")
    assert response.status_code == 302
    assert not signed_in(phone.client) and signed_in(ana.client)
    assert "Chrome on Android is signed out." in ana.client.get("/account/sign-ins/").get_data(as_text=True)
    # Pressed twice (or from two tabs): nothing more happens, nothing fails.
    assert ana.post(f"/account/sign-ins/{phone_id}/end", {}, form_path="/account/sign-ins/").status_code == 302


@pytest.mark.parametrize("whose", ["another-persons", "missing", "past-any-row"])
def test_nobody_can_end_a_sign_in_that_is_not_theirs(app, couple, outsider, whose):
    ana, _ = couple
    ana_sign_in = rows(app, ana.id)[-1].id
    target = {"another-persons": ana_sign_in, "missing": ana_sign_in + 1000, "past-any-row": 2**63}[whose]
    response = outsider.post(f"/account/sign-ins/{target}/end", {}, form_path="/account/sign-ins/")
    assert response.status_code == 404
    assert signed_in(ana.client) and signed_in(outsider.client)
    assert rows(app, ana.id)[-1].ended_at is None


def test_a_stranger_is_sent_to_sign_in(client):
    response = client.get("/account/sign-ins/")
    assert (response.status_code, response.headers["Location"]) == (302, "/auth/login?next=/account/sign-ins/")


def test_a_post_without_its_csrf_token_ends_nothing(app, accounts):
    ana = accounts.person("ana")
    phone = sign_in(app, ana, PHONE)
    phone_id = rows(app, ana.id)[-1].id
    for path in ("/account/sign-ins/end-others", "/account/sign-ins/end-all", f"/account/sign-ins/{phone_id}/end"):
        assert ana.client.post(path).status_code == 400
    assert signed_in(ana.client) and signed_in(phone.client)


OURS = {"Origin": "http://localhost"}  # the test client's host: a page of Hearth's own sent it
ELSEWHERE = {"Origin": "https://elsewhere.example"}


def stale_browser(app, person: Person) -> Person:
    """`person` on a phone that kept only its remember cookie (it dropped the session cookie): signed in still,
    and every token its open page holds has gone stale."""
    phone = sign_in(app, person, PHONE, remember="y")
    phone.client.delete_cookie("session")
    assert signed_in(phone.client)
    return phone


@pytest.mark.parametrize("path", ["/auth/logout", "/safety/quick-exit", "/account/sign-ins/end-all"])
def test_a_stale_page_of_our_own_still_signs_out(app, accounts, path):
    ana = accounts.person("ana")
    phone = stale_browser(app, ana)
    copy = copy_cookie(app, phone, "remember_token")
    response = phone.client.post(path, data={"csrf_token": "stale"}, headers=OURS)
    assert response.status_code in (204, 302), response.get_data(as_text=True)
    assert not signed_in(phone.client) and not signed_in(copy)


@pytest.mark.parametrize("path", ["/auth/logout", "/safety/quick-exit", "/account/sign-ins/end-all",
                                  "/account/sign-ins/end-others"])
def test_another_site_cannot_end_a_sign_in_without_the_token(app, accounts, path):
    ana = accounts.person("ana")
    phone = sign_in(app, ana, PHONE)
    for headers in (ELSEWHERE, {}):  # another site's Origin, or none at all: the token is the only proof left
        assert ana.client.post(path, data={"csrf_token": "stale"}, headers=headers).status_code == 400
    assert signed_in(ana.client) and signed_in(phone.client)


def test_signing_out_another_browser_from_a_stale_page_ends_that_one_only(app, accounts):
    ana = accounts.person("ana")
    laptop = stale_browser(app, ana)
    phone = sign_in(app, ana, PHONE)
    phone_id = rows(app, ana.id)[-1].id
    response = laptop.client.post(f"/account/sign-ins/{phone_id}/end", data={"csrf_token": "stale"}, headers=OURS)
    assert response.status_code == 302
    assert signed_in(laptop.client) and not signed_in(phone.client)


def test_the_quick_exit_ends_the_sign_in_on_the_server(app, accounts):
    ana = accounts.person("ana")
    copy = copy_cookie(app, ana, "session")
    response = ana.client.post("/safety/quick-exit", data={"csrf_token": csrf_token(ana.client, "/pair/")})
    assert response.status_code == 204
    assert not signed_in(copy)


def test_a_sign_in_is_seen_at_most_every_few_minutes_and_ends_when_unseen_for_a_month(app, accounts):
    ana = accounts.person("ana")
    with app.app_context():
        earlier = utcnow() - SEEN_EVERY - timedelta(seconds=30)
        db.session.execute(update(SignIn).where(SignIn.user_id == ana.id).values(last_seen_at=earlier))
        db.session.commit()
    assert signed_in(ana.client)
    seen = rows(app, ana.id)[-1].last_seen_at
    assert seen > earlier + SEEN_EVERY
    assert signed_in(ana.client) and rows(app, ana.id)[-1].last_seen_at == seen  # no write this time

    with app.app_context():
        db.session.execute(update(SignIn).where(SignIn.user_id == ana.id)
                           .values(last_seen_at=utcnow() - timedelta(days=31)))
        db.session.commit()
    assert not signed_in(ana.client)


def test_the_same_passphrase_typed_on_another_keyboard_signs_in(app, accounts):
    composed = unicodedata.normalize("NFC", "un café au lait, s'il vous plaît")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    ana = accounts.person("ana")
    with app.app_context():
        user = db.session.get(User, ana.id)
        user.set_password(decomposed)  # chosen on a keyboard that types e + a combining accent
        db.session.commit()
        assert user.check_password(composed) and user.check_password(decomposed)
        assert not user.check_password("un cafe au lait, s'il vous plait")
    browser = Person(ana.name, ana.email, app.test_client(), ana.id)
    response = browser.post("/auth/login", {"email": ana.email, "password": composed})  # typed with é
    assert response.status_code == 302 and signed_in(browser.client)


def test_deleting_an_account_deletes_its_sign_ins(app, accounts):
    ana = accounts.person("ana")
    copy = copy_cookie(app, ana, "session")
    sign_in(app, ana, PHONE)
    response = ana.post("/your-data/delete", {"password": PASSWORD})
    assert response.status_code == 302
    assert rows(app, ana.id) == []
    assert not signed_in(copy)


@pytest.mark.parametrize("user_agent, device", [
    (PHONE, "Chrome on Android"),
    (LAPTOP, "Firefox on Windows"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
     "Safari/537.36 Edg/126.0.0.0", "Edge on Mac"),
    ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
     "Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux"),
    ("curl/8.5.0", "A browser"),
    ("", "A browser"),
    ("x" * 10_000, "A browser"),
])
def test_a_device_is_named_as_a_person_would_name_it(user_agent, device):
    assert device_of(user_agent) == device


def test_a_live_sign_in_is_read_again_after_the_recheck_and_forgotten_at_once_when_it_ends(app, couple):
    """Every socket event asks whether its sign-in is live; a live answer holds for HEARTH_SIGN_IN_RECHECK_SECONDS
    without a read, ending the sign-in in this process forgets it at once, and a connect always reads afresh."""
    from couples.live import members
    ana, _ben = couple
    with app.app_context():
        sign_in_id = db.session.scalar(select(SignIn.id).where(SignIn.user_id == ana.id))
        assert members.still_signed_in(sign_in_id)
        db.session.execute(update(SignIn).where(SignIn.id == sign_in_id).values(ended_at=utcnow()))
        db.session.commit()
        assert members.still_signed_in(sign_in_id)  # within the recheck: not read again
        assert not members.still_signed_in(sign_in_id, fresh=True)  # what a connect asks
        db.session.execute(update(SignIn).where(SignIn.id == sign_in_id).values(ended_at=None))
        db.session.commit()
        assert members.still_signed_in(sign_in_id)
        members.ended([sign_in_id])  # what ending it here does, beside closing its sockets
        db.session.execute(update(SignIn).where(SignIn.id == sign_in_id).values(ended_at=utcnow()))
        db.session.commit()
        assert not members.still_signed_in(sign_in_id)
        time.sleep(app.config["HEARTH_SIGN_IN_RECHECK_SECONDS"] + 0.1)
        assert not members.still_signed_in(sign_in_id) and not members.still_signed_in(None)
