"""Ana's own space: she takes the attachment reflection alone, reads it, and shares it; Ben sees only its words.

Screenshots at phone width are kept in the test's folder (or in HEARTH_SCREENSHOTS, as
docs/screenshots/own-space-*.png were made).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from couples.personal.reflection import STATEMENTS
from tests.browser.steps import pair_up
from tests.couples.personal.test_reflection_scoring import rated

pytestmark = pytest.mark.browser


def test_ana_reflects_alone_and_chooses_to_share_the_words(two_partners, audit, tmp_path):
    folder = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)

    ana.get_by_test_id("link-own-space").click()
    expect(ana.get_by_role("heading", name="Your own space")).to_be_visible()
    audit(ana, "own space, nothing yet")
    ana.get_by_test_id("take-reflection").click()
    expect(ana.get_by_role("heading", name="How you meet closeness")).to_be_visible()
    ratings = rated(anxiety=6, avoidance=2)
    groups = ana.get_by_role("group")
    assert groups.count() == len(STATEMENTS)
    for index, statement in enumerate(STATEMENTS):
        groups.nth(index).locator(f'input[value="{ratings[statement.id]}"]').check()
    audit(ana, "reflection, answered")
    ana.screenshot(path=folder / "own-space-1-reflection.png", full_page=True)
    ana.get_by_role("button", name="See my reflection").click()

    result = ana.get_by_test_id("reflection-result")
    expect(result).to_contain_text("You lean toward worrying about closeness")
    expect(result).to_contain_text("not a diagnosis")
    expect(ana.get_by_test_id("shared-state")).to_contain_text("Only you can see this")
    audit(ana, "reflection result")
    ana.screenshot(path=folder / "own-space-2-result.png", full_page=True)

    ben.goto("/")
    expect(ben.get_by_test_id("partner-reflection")).to_have_count(0)  # nothing until she chooses
    ana.get_by_test_id("share-reflection").click()
    expect(ana.get_by_test_id("shared-state")).to_contain_text("Ben can see these sentences")
    ben.goto("/")
    shared = ben.get_by_test_id("partner-reflection")
    expect(shared).to_contain_text("What Ana shared about themselves")
    expect(shared).to_contain_text("You lean toward worrying about closeness")
    audit(ben, "room with a shared reflection")
    ben.screenshot(path=folder / "own-space-3-shared-in-room.png", full_page=True)


def test_a_small_win_brought_to_check_in_is_offered_to_ana_alone(two_partners, audit, tmp_path):
    from tests.browser.steps import follow_in
    from tests.browser.test_checkin import both_ready

    folder = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    ana.goto("/me/gratitude/")
    ana.get_by_label("Something I'm grateful for, or a small win").fill("Ben carried the shopping up all four floors.")
    ana.get_by_test_id("entry-save").click()
    ana.get_by_test_id("flag-bring_to_checkin").click()
    expect(ana.get_by_test_id("flag-bring_to_checkin")).to_have_attribute("aria-pressed", "true")
    audit(ana, "gratitude, one brought to check-in")
    ana.screenshot(path=folder / "own-space-4-gratitude.png", full_page=True)

    ana.goto("/")
    ben.goto("/")
    ana.get_by_test_id("start-checkin").click()
    follow_in(ana, ben, "Weekly check-in")
    for page, mood in ((ana, "calm"), (ben, "sleepy")):
        page.get_by_test_id("arrive-connection").fill("7")
        page.get_by_test_id("mood").fill(mood)
        page.get_by_test_id("arrive").click()
    expect(ana.get_by_test_id("arrive-theirs")).to_contain_text("“sleepy”")
    both_ready(ana, ben, "Appreciations")

    offer = ana.get_by_test_id("own-offer")
    expect(offer).to_contain_text("Ben carried the shopping up all four floors.")
    expect(ben.get_by_test_id("own-offer")).to_have_count(0)
    expect(ben.get_by_test_id("step-appreciations")).not_to_contain_text("shopping")
    audit(ana, "check-in appreciations with an offer from her own space")
    ana.get_by_test_id("use-own").click()
    box = ana.get_by_test_id("appreciate-text")
    expect(box).to_have_value("Ben carried the shopping up all four floors.")
    expect(box).to_be_focused()
    ana.screenshot(path=folder / "own-space-5-offered-in-check-in.png", full_page=True)
    ana.get_by_test_id("appreciate").click()  # shared only now, by her choice
    expect(ben.get_by_test_id("apprec-theirs")).to_contain_text("Ben carried the shopping up all four floors.")

    ana.get_by_test_id("pause-open").click()
    ana.get_by_test_id("pause").click()
    expect(ana.get_by_test_id("pause-toolkit")).to_be_visible()
    expect(ben.get_by_test_id("pause-toolkit")).to_be_visible()  # everyone's pause offers their own toolkit


def test_the_journal_coach_reads_only_once_turned_on(two_partners, audit):
    ana, ben = two_partners
    pair_up(ana, ben, checked=False)
    ana.goto("/me/journal/")
    happened = ana.get_by_label("What happened")
    happened.fill("You never help me with anything.")
    ana.wait_for_timeout(1500)
    expect(ana.get_by_test_id("coach")).to_have_count(0)  # off until she turns it on
    ana.get_by_test_id("coach-journal").click()
    expect(ana.get_by_test_id("coach-journal")).to_have_attribute("aria-pressed", "true")
    ana.get_by_label("What happened").fill("You never help me with anything.")
    expect(ana.get_by_test_id("coach-suggestion").first).to_be_visible()
    expect(ana.get_by_test_id("coach").first).to_contain_text("A thought, just for you")
    audit(ana, "journal with its coach on")
