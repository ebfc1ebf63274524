"""On their phones, Ana and Ben shape one boundary: the coach offers one way to take its words, the form and
every proposal say whose need it is and who worded it, the talk ends on the same version number the agreement
page shows, with its whole story, and the finished talk and review lead back to the room."""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up

pytestmark = pytest.mark.browser
AGREED = "You both said yes to proposal 2: it's version 1 of your agreement now."
NEXT_DATE = re.compile(r"look at it again on \d{1,2} [A-Z][a-z]{2} \d{4}\.")  # 27 Dec 2026, never 2026-12-27


def join_where(ana: Page, ben: Page, heading: str) -> None:
    """Ben opens the page Ana is on (as a link she sent would)."""
    expect(ana.get_by_role("heading", name=heading)).to_be_visible()
    ben.goto(ana.url)
    expect(ben.get_by_role("heading", name=heading)).to_be_visible()


def test_one_need_one_number_one_story_and_a_way_back(two_partners, live_server, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    ana.get_by_test_id("start-boundary").click()
    join_where(ana, ben, "Boundary talk")

    # Ana's own need: her form speaks in her voice. The coach offers one way to take its words: they go in
    # the box, the cursor waits at their end, and nothing is sent.
    expect(ana.locator("#compose")).to_contain_text("What I need")
    ana.get_by_test_id("need").fill("No phones at dinner")
    ana.get_by_test_id("why").fill("You never listen to me at dinner.")
    expect(ana.get_by_test_id("coach-suggestion")).to_be_visible()
    expect(ana.get_by_test_id("coach-use")).to_have_count(1)
    expect(ana.get_by_test_id("coach-edit")).to_have_count(0)
    suggestion = ana.get_by_test_id("coach-suggestion").inner_text()
    ana.get_by_test_id("coach-use").click()
    expect(ana.get_by_test_id("why")).to_have_value(suggestion)
    expect(ana.get_by_test_id("why")).to_be_focused()
    assert ana.get_by_test_id("why").evaluate("box => box.selectionStart === box.value.length")
    expect(ben.get_by_test_id("current")).to_be_hidden()  # nothing was sent
    ana.get_by_test_id("compose-send").click()

    expect(ben.get_by_test_id("current-head")).to_have_text("Proposal 1 · Ana's need, in Ana's words")
    expect(ben.get_by_test_id("becomes")).to_have_text("Once you both say yes, it's version 1 of your agreement.")
    expect(ben.get_by_test_id("accept")).to_have_text("Accept proposal 1")

    # Ben rewords Ana's need: the form says whose it is, and the result says who worded it.
    ben.get_by_test_id("amend-open").click()
    compose = ben.locator("#compose")
    expect(compose).to_contain_text("What Ana needs")
    expect(compose).to_contain_text("Why it matters to Ana")
    expect(compose).not_to_contain_text("What I need")
    expect(ben.get_by_test_id("compose-send")).to_have_text("Offer it as proposal 2")
    ben.get_by_test_id("need").fill("No phones at weeknight dinners")
    ben.get_by_test_id("compose-send").click()
    expect(ana.get_by_test_id("current-head")).to_have_text("Proposal 2 · your need, reworded by Ben")
    expect(ben.get_by_test_id("current-head")).to_have_text("Proposal 2 · Ana's need, reworded by you")

    ana.get_by_test_id("accept").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("done-text")).to_contain_text(AGREED)
        expect(page.get_by_test_id("accepts")).to_be_hidden()  # the closing words say it once
        expect(page.get_by_test_id("back-to-room")).to_have_text("Back to your room")
    audit(ben, "ben-talk-finished")
    ben.screenshot(path=tmp_path / "ben-talk-finished.png", full_page=True)

    # The list and the agreement's page say version 1 too, and tell every step that led to it.
    ana.get_by_test_id("see-agreements").click()
    expect(ana.get_by_test_id("agreement")).to_contain_text("version 1")
    ana.get_by_role("link", name="No phones at weeknight dinners").click()
    story = ana.get_by_test_id("talk-story")
    expect(story.get_by_test_id("talk-step")).to_have_count(3)
    expect(story.get_by_test_id("talk-step").first).to_contain_text("Ana proposed it: proposal 1.")
    expect(story.get_by_test_id("talk-agreed")).to_have_text(
        "Ana accepted proposal 2. You both said yes: it's version 1 of your agreement.")
    audit(ana, "ana-agreement-story")
    ana.screenshot(path=tmp_path / "ana-agreement.png", full_page=True)

    ben.get_by_test_id("back-to-room").click()
    expect(ben.get_by_role("heading", name="Your room")).to_be_visible()

    # A review, kept: its finished screen gives the next date as every page writes one, and the way back.
    with sqlite3.connect(tmp_path / "browser.sqlite") as db:
        db.execute("UPDATE agreements SET next_review = '2020-01-01'")
    ana.reload()
    ana.get_by_test_id("review").click()
    join_where(ana, ben, "Agreement review")
    expect(ana.get_by_test_id("review-version")).to_have_text("Version 1")
    ana.get_by_test_id("suggest-keep").click()
    ben.get_by_test_id("confirm").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text(NEXT_DATE)
        expect(page.get_by_test_id("back-to-room")).to_be_visible()
    audit(ana, "ana-review-kept")
    ana.screenshot(path=tmp_path / "ana-review-finished.png", full_page=True)
    ana.get_by_test_id("back-to-room").click()
    expect(ana.get_by_role("heading", name="Your room")).to_be_visible()
