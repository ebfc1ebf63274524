"""Two partners on their phones agree on a boundary with one amendment, then review it and revise it."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import expect

from tests.browser.steps import follow_in, pair_up

pytestmark = pytest.mark.browser


def test_a_boundary_is_agreed_reviewed_and_revised(two_partners, live_server, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben, tmp_path)

    # The talk: Ana proposes, Ben asks and amends, Ana accepts Ben's version.
    ana.get_by_test_id("start-boundary").click()
    follow_in(ana, ben, "Boundary talk")
    ana.get_by_test_id("need").fill("No phones at dinner")
    ana.get_by_test_id("why").fill("I feel close to you when we talk while we eat.")
    ana.get_by_test_id("consequence").fill("I'll put my phone in the drawer and ask once, gently.")
    ana.get_by_test_id("compose-send").click()
    expect(ben.get_by_test_id("current-need")).to_have_text("No phones at dinner")
    expect(ana.get_by_test_id("accepts")).to_contain_text("Waiting for Ben")
    expect(ana.get_by_test_id("accept")).to_be_hidden()  # her own proposal already has her yes
    audit(ben, "ben-proposal")
    ben.screenshot(path=tmp_path / "ben-proposal.png", full_page=True)

    ben.get_by_test_id("ask-text").fill("Does that include breakfast?")
    ben.get_by_test_id("ask").click()
    ana.get_by_test_id("answer-text").fill("Only dinner.")
    ana.get_by_test_id("answer").click()
    expect(ben.get_by_test_id("questions")).to_contain_text("Ana: Only dinner.")

    ben.get_by_test_id("amend-open").click()
    expect(ben.get_by_test_id("need")).to_have_value("No phones at dinner")
    ben.get_by_test_id("need").fill("No phones at weeknight dinners")
    ben.get_by_test_id("compose-send").click()
    expect(ana.get_by_test_id("current-head")).to_contain_text("Proposal 2 · your need, reworded by Ben")
    expect(ana.get_by_test_id("current-changes").locator("ins")).to_have_text("weeknight dinners")
    audit(ana, "ana-amendment")
    ana.screenshot(path=tmp_path / "ana-amendment.png", full_page=True)
    ana.get_by_test_id("accept").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("You both said yes")
        expect(page.get_by_test_id("error")).to_be_hidden()

    ana.get_by_test_id("see-agreements").click()
    expect(ana.get_by_test_id("agreement")).to_contain_text("No phones at weeknight dinners")
    expect(ana.get_by_test_id("agreement")).to_contain_text("Proposed by Ana")

    # Weeks later: the review date has come.
    with sqlite3.connect(tmp_path / "browser.sqlite") as db:
        db.execute("UPDATE agreements SET next_review = '2020-01-01'")
    ben.goto("/")
    ana.goto("/")
    expect(ana.get_by_test_id("due-agreement")).to_have_text("No phones at weeknight dinners")
    audit(ana, "ana-room-due")
    ana.screenshot(path=tmp_path / "ana-room-due.png", full_page=True)
    ana.get_by_test_id("due-agreement").click()
    ana.get_by_test_id("review").click()
    follow_in(ana, ben, "Agreement review")
    ana.get_by_test_id("suggest-revise").click()
    expect(ben.get_by_test_id("suggestion")).to_contain_text("Ana suggests revising the words")
    ben.get_by_test_id("confirm").click()
    expect(ana.get_by_test_id("done")).to_contain_text("new words")

    # The revision starts from today's words (version 1); Ben accepts Ana's proposal 1, which is version 2.
    ana.get_by_test_id("open-revision").click()
    ben.get_by_test_id("open-revision").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("seed-note")).to_contain_text("revising version 1 of your agreement")
    expect(ana.get_by_test_id("need")).to_have_value("No phones at weeknight dinners")
    ana.get_by_test_id("need").fill("No phones at weeknight dinners or in bed")
    ana.get_by_test_id("compose-send").click()
    expect(ben.get_by_test_id("current-changes").locator("ins")).to_have_text(" or in bed")
    ben.get_by_test_id("accept").click()
    expect(ben.get_by_test_id("done")).to_contain_text(
        "You both said yes to proposal 1: it's version 2 of your agreement")

    ben.get_by_test_id("see-agreements").click()
    ben.get_by_role("link", name="No phones at weeknight dinners or in bed").click()
    expect(ben.get_by_test_id("versions").get_by_test_id("version")).to_have_count(2)
    newest = ben.get_by_test_id("versions").get_by_test_id("version").first
    expect(newest.get_by_test_id("step-changes").locator("ins")).to_have_text(" or in bed")
    expect(newest.get_by_test_id("talk-agreed")).to_contain_text("it's version 2 of your agreement")
    expect(ben.get_by_test_id("agreement-status")).to_have_text("Active")
    audit(ben, "ben-agreement")
    ben.screenshot(path=tmp_path / "ben-agreement.png", full_page=True)
    assert (tmp_path / "ben-agreement.png").stat().st_size > 10_000
