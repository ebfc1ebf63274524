"""The quick exit, as a person in a hurry uses it: one tap or Escape twice, and the back button finds
only the sign-in page, never what was on the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.audit import prepare
from tests.browser.conftest import PHONE
from tests.browser.steps import pair_up, sign_in, start_together

pytestmark = pytest.mark.browser


def test_one_tap_leaves_and_the_back_button_finds_no_way_in(two_partners, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    start_together(ana, ben, "appreciation", "Appreciation round")
    ana.get_by_test_id("appreciate-text").fill("You kept my secret about the party.")
    quick = ana.get_by_test_id("quick-exit")
    expect(quick).to_be_visible()
    audit(ana, "ana: an exercise, the quick exit in its corner")
    quick.click()
    expect(ana).to_have_url("about:blank")
    ana.go_back()  # the exercise page was replaced: back leads to where the room was, now signed out
    expect(ana.get_by_role("link", name="Create an account")).to_be_visible()
    expect(ana.get_by_role("heading", name="Your room")).to_have_count(0)
    assert "secret about the party" not in ana.content()
    ana.go_back()  # and further back, the pages before ask for a sign-in too
    expect(ana.get_by_role("heading", name="Your room")).to_have_count(0)


def test_escape_twice_leaves_even_from_a_pause(two_partners):
    ana, ben = two_partners
    pair_up(ana, ben)
    start_together(ana, ben, "listening", "Listening turns")
    ben.get_by_test_id("pause-open").click()
    ben.keyboard.press("Escape")  # closes the chooser: that Escape is spent, it is not half of a quick exit
    ben.keyboard.press("Escape")
    expect(ben.get_by_role("heading", name="Listening turns")).to_be_visible()
    ben.get_by_test_id("pause-open").click()
    ben.get_by_test_id("pause").click()
    expect(ben.get_by_role("heading", name="Taking a pause")).to_be_focused()
    expect(ben.get_by_test_id("quick-exit")).to_be_visible()  # the page behind the dialog is inert, not it
    ben.keyboard.press("Escape")
    ben.keyboard.press("Escape")
    expect(ben).to_have_url("about:blank")
    ben.go_back()
    expect(ben.get_by_role("link", name="Create an account")).to_be_visible()
    expect(ben.get_by_test_id("pause-screen")).to_have_count(0)


def test_the_quick_exit_is_the_second_stop_for_a_keyboard(two_partners):
    ana, _ = two_partners
    ana.goto("/auth/login")
    ana.keyboard.press("Tab")
    expect(ana.get_by_role("link", name="Skip to the page")).to_be_focused()
    ana.keyboard.press("Tab")
    expect(ana.get_by_test_id("quick-exit")).to_be_focused()
    ana.keyboard.press("Enter")
    expect(ana).to_have_url("about:blank")


def test_a_room_closed_by_the_quick_exits_own_sign_out_does_not_call_the_page_back(browser, live_server, two_partners):
    """The quick exit signs out as it leaves, and the server closes this page's socket for that sign-out. CI saw
    the closed socket's "leave for the sign-in page" win over the neutral page. Here the socket is closed while
    the quick exit is under way (a second phone signs this one out): the page says so and goes nowhere."""
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    prepare(context)
    try:
        phone = context.new_page()
        sign_in(phone, "ana@example.org")
        expect(phone.get_by_test_id("presence")).to_contain_text("Ben is here with you")
        phone.evaluate("import('/static/js/safety/leaving.js').then((module) => module.markLeaving())")

        ana.goto("/account/sign-ins/")
        ana.get_by_role("button", name="Sign out everywhere else").click()

        expect(phone.get_by_test_id("presence")).to_contain_text("You've been signed out")
        assert not phone.url.endswith("/auth/login")
    finally:
        context.close()
