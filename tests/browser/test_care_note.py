"""The care note stands between words that suggest danger and the partner, even when the server is slow."""

from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.audit import prepare
from tests.browser.steps import pair_up, start_together
from tests.support.server import ServerProcess

pytestmark = pytest.mark.browser
DANGER = "Thank you for the tea. I'm scared of what you'll do when you get home. (slow)"


@pytest.fixture
def slow_partners(browser, tmp_path):
    """Two partners on a server whose first reading of a "(slow)" text takes 10 s (the page waits 8 s)."""
    server = ServerProcess({"DATABASE_URL": f"sqlite:///{tmp_path / 'slow.sqlite'}",
                            "HEARTH_QUICK_EXIT_URL": "about:blank", "HEARTH_TEST_SLOW_SECONDS": "10"},
                           tmp_path / "server.log",
                           command=[sys.executable, "tests/support/slow_coach_server.py"])
    contexts = []
    try:
        server.wait_ready()
        contexts = [browser.new_context(viewport=PHONE, base_url=server.url) for _ in range(2)]
        for context in contexts:
            prepare(context)
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.set_default_timeout(20000)
        yield pages
        for number, page in enumerate(pages, 1):
            page.screenshot(path=tmp_path / f"last-screen-{number}.png", full_page=True)
    finally:
        for context in contexts:
            context.close()
        server.stop()


def test_a_slow_answer_still_brings_the_note_and_nothing_reaches_the_partner_unchosen(slow_partners, audit,
                                                                                      tmp_path):
    ana, ben = slow_partners
    pair_up(ana, ben)
    start_together(ana, ben, "appreciation", "Appreciation round")
    ana.get_by_test_id("appreciate-text").fill(DANGER)
    share = ana.get_by_test_id("appreciate")
    share.click()

    # The page does not freeze while the server reads slowly: it says so and lets her go on.
    expect(ana.get_by_test_id("connection")).to_contain_text("Still sending", timeout=9500)
    expect(share).not_to_have_attribute("aria-disabled", "true")
    # The late answer still brings the note, with her choice; nothing has reached Ben.
    keep = ana.get_by_test_id("care-keep")
    expect(keep).to_be_visible(timeout=15000)
    expect(keep).to_be_focused()
    expect(ana.get_by_test_id("care")).to_contain_text("You deserve to be safe")
    expect(ana.get_by_test_id("care")).to_contain_text("Nothing has been sent")
    expect(ana.get_by_test_id("care")).to_contain_text("your partner will see these words")
    expect(ana.get_by_test_id("care-share")).to_have_text("Share it with Ben anyway")
    expect(ana.get_by_test_id("connection")).to_have_text("")
    audit(ana, "ana: the care note before anything is sent")
    ana.screenshot(path=tmp_path / "ana-care-hold.png", full_page=True)
    expect(ben.get_by_test_id("theirs-text")).to_be_hidden()
    assert "scared" not in ben.content()

    keep.click()  # kept private: still nothing sent, her words still hers, a pause one step away
    expect(ana.get_by_test_id("care-keep")).to_have_count(0)
    expect(ana.get_by_test_id("appreciate-text")).to_have_value(DANGER)
    expect(ana.get_by_test_id("pause-open")).to_be_focused()
    ana.wait_for_timeout(1000)
    assert "scared" not in ben.content()

    share.click()  # she asks again (read already: the answer is quick), and this time chooses to share
    ana.get_by_test_id("care-share").click()
    expect(ben.get_by_test_id("theirs-text")).to_have_text(DANGER)
    expect(ana.get_by_test_id("care")).to_contain_text("You deserve to be safe")  # the note stays with her
    assert "You deserve to be safe" not in ben.content()
