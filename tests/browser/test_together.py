"""Together in two real browsers: the partners arrive at different times, one starts an exercise, the other
joins from the top of the room, and when one closes the browser the other's page says so within the presence
timeout (a short one here, HEARTH_PRESENCE_TIMEOUT)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.audit import prepare
from tests.browser.conftest import PHONE
from tests.browser.steps import pair_up
from tests.support.server import ServerProcess

pytestmark = pytest.mark.browser

PRESENCE_TIMEOUT = 6  # seconds: a process or socket unheard this long no longer counts as here


@pytest.fixture
def together(browser, tmp_path):
    """Ana's and Ben's phones on a server with a short presence timeout; each context is closed at the end
    unless the test closed it (as a person closes their browser)."""
    server = ServerProcess({"DATABASE_URL": f"sqlite:///{tmp_path / 'together.sqlite'}",
                            "HEARTH_QUICK_EXIT_URL": "about:blank",
                            "HEARTH_PRESENCE_TIMEOUT": str(PRESENCE_TIMEOUT)}, tmp_path / "server.log")
    contexts = []
    try:
        server.wait_ready()
        for _ in range(2):
            context = browser.new_context(viewport=PHONE, base_url=server.url, device_scale_factor=2)
            prepare(context)
            contexts.append(context)
        yield contexts
    finally:
        for context in contexts:
            context.close()  # a second close of one the test closed does nothing
        server.stop()


def start_a_rehearsal(page: Page) -> None:
    """Choose "The dishes, again" in the scene library, play Robin, and start."""
    page.goto("/scenes/")
    page.get_by_test_id("scene-dishes").click()
    page.get_by_test_id("role-robin").check()
    page.get_by_test_id("start-rehearsal").click()
    expect(page.get_by_role("heading", name="Conflict scripts")).to_be_visible()


def test_arriving_apart_joining_from_the_top_and_a_browser_closed(together, tmp_path, audit):
    ana_context, ben_context = together
    ana, ben = ana_context.new_page(), ben_context.new_page()
    pair_up(ana, ben)

    # Both in the room: what Ana starts leads Ben's room at once, and goes when it ends.
    ana.get_by_test_id("start-appreciation").click()
    expect(ben.get_by_test_id("live-lead")).to_have_text("Ana started Appreciation round. Join them")
    expect(ana.get_by_test_id("partner-presence")).to_have_text("Ben is in your room.")
    ana.once("dialog", lambda dialog: dialog.accept())
    ana.get_by_test_id("end").click()
    expect(ben.get_by_test_id("live-lead")).to_have_count(0)

    # Ben steps away to his own space; Ana starts a rehearsal without him, and he arrives later.
    ben.goto("/me/")
    start_a_rehearsal(ana)
    expect(ana.get_by_test_id("partner-presence")).to_have_text("Ben isn't here right now.")
    ben.goto("/")
    lead = ben.get_by_test_id("live-lead")
    expect(lead).to_have_text("Ana started Conflict scripts: The dishes, again. Join them")
    expect(ben.get_by_test_id("presence")).to_have_text("Ana is in Conflict scripts.")
    expect(ana.get_by_test_id("partner-presence")).to_have_text("Ben is in your room.")
    expect(ben.get_by_test_id("history")).to_contain_text("Conflict scripts: The dishes, again")
    audit(ben, "ben: the room, led by what Ana started")
    ben.screenshot(path=tmp_path / "room-live-lead.png", full_page=True)

    # Start on something else while it is live: the page names what Ana started, and nothing else starts.
    ben.get_by_test_id("start-checkin").click()
    expect(ben.get_by_role("heading", name="One thing at a time")).to_be_visible()
    expect(ben.get_by_test_id("already-live-what")).to_have_text(
        "A moment ago, Ana started Conflict scripts: The dishes, again.")
    audit(ben, "ben: one thing at a time")
    ben.get_by_role("link", name="Back to your room").click()

    ben.get_by_test_id("live-join").click()
    expect(ben.get_by_role("heading", name="Conflict scripts")).to_be_visible()
    expect(ben.get_by_test_id("partner-presence")).to_have_text("Ana is here with you.")
    expect(ana.get_by_test_id("partner-presence")).to_have_text("Ben is here with you.")
    expect(ana.get_by_test_id("partner-presence-heard")).to_have_text("Ben is here with you.")  # once it held
    audit(ben, "ben: a rehearsal, Ana here")
    ben.screenshot(path=tmp_path / "exercise-presence.png", full_page=True)

    # Ana closes her browser: Ben's page says so within the presence timeout, and says it aloud once.
    ana_context.close()
    expect(ben.get_by_test_id("partner-presence")).to_have_text("Ana has left for now.",
                                                                timeout=(PRESENCE_TIMEOUT + 15) * 1000)
    expect(ben.get_by_test_id("partner-presence-heard")).to_have_text("Ana has left for now.")
    expect(ben.locator("body.partner-away")).to_have_count(1)
    audit(ben, "ben: a rehearsal, Ana gone")
    ben.screenshot(path=tmp_path / "exercise-partner-left.png", full_page=True)
