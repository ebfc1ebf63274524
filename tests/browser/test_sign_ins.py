"""Sign-ins in the browser: signing out on one phone closes the room on another at once (it leaves for the
sign-in page), and a room that can't connect says why and gets in by itself once it can."""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests.browser.audit import prepare
from tests.browser.conftest import PHONE
from tests.browser.steps import pair_up, register, sign_in

pytestmark = pytest.mark.browser


def test_signing_out_everywhere_else_closes_the_room_on_the_other_phone(browser, live_server, two_partners, audit):
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    prepare(context)
    try:
        phone = context.new_page()  # Ana's other phone, signed in too
        sign_in(phone, "ana@example.org")
        expect(phone.get_by_role("heading", name="Your room")).to_be_visible()
        expect(phone.get_by_test_id("presence")).to_contain_text("Ben is here with you")

        ana.goto("/account/sign-ins/")
        expect(ana.get_by_test_id("sign-in")).to_have_count(2)
        expect(ana.get_by_test_id("this-browser")).to_have_count(1)
        audit(ana, "ana: where she's signed in")
        ana.get_by_role("button", name="Sign out everywhere else").click()
        expect(ana.get_by_test_id("sign-in")).to_have_count(1)

        # Closed by the server at once, and the page leaves for the sign-in page: nothing of the room stays on a
        # screen someone else may be holding, and going back doesn't bring it up again.
        expect(phone).to_have_url(re.compile(r"/auth/login$"))
        expect(phone.get_by_role("button", name="Sign in")).to_be_visible()
        phone.go_back()
        expect(phone).not_to_have_url(re.compile(r"/$"))  # the room's address is not in the history any more
        assert "Ben" not in phone.content()
    finally:
        context.close()


def test_a_room_that_cannot_connect_says_why_and_gets_in_by_itself(live_server, two_partners, tmp_path):
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    database = sqlite3.connect(tmp_path / "browser.sqlite")
    try:
        database.execute("ALTER TABLE presence RENAME TO presence_away")  # the database can't record presence
        database.commit()
        ana.reload()
        expect(ana.get_by_test_id("presence")).to_contain_text("We couldn't open your room just now.")
        database.execute("ALTER TABLE presence_away RENAME TO presence")
        database.commit()
        expect(ana.get_by_test_id("presence")).to_contain_text("Ben is here with you")  # a later try got in
    finally:
        database.close()


@pytest.mark.parametrize("leave_by", ["sign out", "quick exit"])
def test_a_phone_that_dropped_its_session_cookie_still_signs_out(browser, live_server, two_partners, leave_by):
    """Kept signed in by the remember cookie alone, every token on the open page is stale: signing out (or the
    quick exit) must still end the sign-in, or the next person to pick up the phone is let in."""
    ana, _ben = two_partners
    register(ana, "Ana")
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    prepare(context)
    try:
        phone = context.new_page()
        sign_in(phone, "ana@example.org", remember=True)
        expect(phone).not_to_have_url(re.compile(r"/auth/login"))
        phone.goto("/account/")
        kept = [c for c in context.cookies() if c["name"] != "session"]
        assert any(c["name"] == "remember_token" for c in kept), [c["name"] for c in context.cookies()]
        context.clear_cookies()
        context.add_cookies(kept)  # the phone let the session go; the page still shows its old token
        if leave_by == "sign out":
            phone.get_by_role("button", name="Sign out").click()
            expect(phone).to_have_url(re.compile(r"/auth/login$"))
        else:
            with phone.expect_request("**/safety/quick-exit") as sent:
                phone.get_by_test_id("quick-exit").click()
            assert sent.value.response() is None or sent.value.response().status == 204
        check = context.new_page()
        check.goto("/account/")
        expect(check).to_have_url(re.compile(r"/auth/login"))  # signed out: the account page asks to sign in
    finally:
        context.close()
