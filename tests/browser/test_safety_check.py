"""Ben answers the private safety check with a concern; Ana, on her own phone, sees only "not now".

Screenshots of each page of the flow are kept at phone width in the test's folder (or in the folder
HEARTH_SCREENSHOTS names, as docs/screenshots/safety-*.png were made).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import end_here, pair_up, take_safety_check

pytestmark = pytest.mark.browser
AFRAID = {"afraid of your partner": "Sometimes"}
HIDDEN_WORDS = ("safety check", "private check", "afraid", "concern", "helpline", "thank you for answering")


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=folder / f"safety-{name}.png", full_page=True)


def ana_sees_nothing_of_it(ana: Page) -> None:
    text = ana.locator("main").inner_text().lower()
    assert not [word for word in HIDDEN_WORDS if word in text], text


def test_ben_answers_privately_and_ana_sees_only_not_now(two_partners, audit, tmp_path):
    folder = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    take_safety_check(ana)

    # Ana starts listening turns; Ben follows her in, and Hearth asks him its private questions first.
    ana.get_by_test_id("start-listening").click()
    expect(ana.get_by_role("heading", name="Listening turns")).to_be_visible()
    ben.get_by_test_id("live-join").click()
    expect(ben).to_have_url(re.compile(r"/safety/check\?next=/sessions/\d+$"))
    expect(ben.get_by_role("heading", name="A private check, just for you")).to_be_visible()
    expect(ben.get_by_test_id("quick-exit")).to_be_visible()
    audit(ben, "safety check")
    shot(ben, folder, "1-check")

    # Leaving one out is met kindly, with his other answers kept.
    groups = ben.get_by_role("group")
    for index in range(groups.count() - 1):
        groups.nth(index).get_by_label("Never", exact=True).check()
    ben.get_by_role("button", name="Save my answers").click()
    expect(ben.get_by_role("alert")).to_contain_text("Please choose an answer")
    expect(ben.get_by_label("Never", exact=True).first).to_be_checked()
    audit(ben, "safety check, one question left")

    take_safety_check(ben, AFRAID)
    expect(ben.get_by_role("heading", name="Thank you for answering")).to_be_visible()
    expect(ben.get_by_test_id("help-lines")).to_contain_text("emergency number")
    audit(ben, "not the right tool right now")
    shot(ben, folder, "2-not-now-for-you")

    ben.get_by_test_id("keep-closed").click()
    expect(ben.get_by_test_id("set-aside-mine")).to_contain_text("Hard conversations are set aside for you")
    shot(ben, folder, "3-room-ben")

    # Ana waits in the listening turns he never joined; back in the room, a boundary talk won't start.
    ana.goto("/")
    expect(ana.get_by_test_id("set-aside-partner")).to_contain_text("Ben has set hard conversations aside")
    for kind in ("boundary", "listening", "rehearsal"):
        expect(ana.get_by_test_id(f"not-now-{kind}")).to_have_text("Not now")
    ana_sees_nothing_of_it(ana)
    audit(ana, "room, partner set aside")
    shot(ana, folder, "4-room-ana")

    # A check-in still works for both, without the step about what was hard. One exercise at a time: Ana
    # first ends the listening turns he never joined, from the room's top.
    ana.get_by_test_id("live-join").click()
    end_here(ana)
    ana.goto("/")
    ana.get_by_test_id("start-checkin").click()
    expect(ana.get_by_role("heading", name="Weekly check-in")).to_be_visible()
    ben.get_by_test_id("live-join").click()
    expect(ben.get_by_role("heading", name="Weekly check-in")).to_be_visible()
    for page in (ana, ben):
        expect(page.get_by_test_id("progress")).to_contain_text("of 5")
    ana_sees_nothing_of_it(ana)

    # Ben changes his mind on his own page: hard conversations open again, for both.
    ben.goto("/safety/hard-conversations")
    ben.get_by_test_id("go-on").click()
    ben.goto("/safety/hard-conversations")
    expect(ben.get_by_role("heading", name="Hard conversations are open")).to_be_visible()
    audit(ben, "hard conversations open")
    shot(ben, folder, "5-open-again")
    ana.goto("/")
    expect(ana.get_by_test_id("set-aside-partner")).to_have_count(0)
