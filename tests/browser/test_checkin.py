"""Two partners on their phones walk a whole weekly check-in, with one listening round from the hard step."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up

pytestmark = pytest.mark.browser


def both_ready(ana: Page, ben: Page, next_step: str) -> None:
    ana.get_by_test_id("ready").click()
    expect(ana.get_by_test_id("waiting")).to_contain_text("Waiting for Ben to be ready too")
    expect(ben.get_by_test_id("waiting")).to_contain_text("Ana is ready when you are")
    ben.get_by_test_id("ready").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("progress")).to_contain_text(next_step)


def visible_coach(page: Page):
    return page.locator("[data-testid=coach]:visible")


def test_two_partners_complete_a_weekly_check_in(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    ana.get_by_test_id("start-checkin").click()
    expect(ana.get_by_role("heading", name="Weekly check-in")).to_be_visible()
    ben.get_by_test_id("live-join").click()
    expect(ben.get_by_role("heading", name="Weekly check-in")).to_be_visible()
    for page in (ana, ben):
        expect(page.get_by_test_id("progress")).to_have_text("Step 1 of 6 · Arrive")
        expect(page.get_by_test_id("prompt")).not_to_be_empty()
    last_weeks_prompt = ana.get_by_test_id("prompt").inner_text()

    # 1. Arrive: hidden until both have answered, then shown together.
    ana.get_by_test_id("feeling").fill("4")
    ana.get_by_test_id("arrive-connection").fill("3")
    ana.get_by_test_id("mood").fill("frazzled")
    ana.get_by_test_id("arrive").click()
    expect(ana.get_by_test_id("waiting")).to_contain_text("Ben is still answering")
    expect(ben.get_by_test_id("arrive-theirs")).to_contain_text("Ana has answered")
    expect(ben.get_by_test_id("step-arrive")).not_to_contain_text("frazzled")
    audit(ben, "ben-arrive-hidden")
    ben.screenshot(path=tmp_path / "ben-arrive-hidden.png", full_page=True)
    ben.get_by_test_id("feeling").fill("8")
    ben.get_by_test_id("arrive-connection").fill("7")
    ben.get_by_test_id("mood").fill("hopeful")
    ben.get_by_test_id("arrive").click()
    expect(ben.get_by_test_id("arrive-theirs")).to_contain_text("Feeling 4/10 · connected 3/10 · “frazzled”")
    expect(ana.get_by_test_id("arrive-theirs")).to_contain_text("“hopeful”")
    both_ready(ana, ben, "Appreciations")

    # 2. Appreciations: the blame coach speaks to Ana alone, and nothing of it reaches Ben.
    # (Said in one sentence, "You never notice anything, but you made soup on Tuesday." is read as kind by the
    # classifier retrained on 2026-11-30: a known miss, kept in view in tests/nlp/test_long_tail.py.)
    ana.get_by_test_id("appreciate-text").press_sequentially("You never notice anything I do. But you made soup on "
                                                             "Tuesday.", delay=5)
    expect(visible_coach(ana)).to_contain_text("A thought before you send")
    expect(ana.get_by_test_id("coach-suggestion")).to_be_visible()
    expect(visible_coach(ben)).to_have_count(0)
    audit(ana, "ana-coach")
    ana.screenshot(path=tmp_path / "ana-coach.png", full_page=True)
    audit(ben, "ben-while-ana-is-coached")
    ben.screenshot(path=tmp_path / "ben-while-ana-is-coached.png", full_page=True)
    ana.get_by_test_id("coach-keep").click()
    ana.get_by_test_id("appreciate").click()
    expect(ben.get_by_test_id("apprec-theirs")).to_contain_text("you made soup on Tuesday")
    expect(visible_coach(ben)).to_have_count(0)
    assert "A thought before you send" not in ben.content()
    ben.get_by_test_id("appreciate-text").fill("You waited up for me on Friday.")
    ben.get_by_test_id("appreciate").click()
    expect(ana.get_by_test_id("apprec-theirs")).to_contain_text("You waited up for me on Friday.")
    ana.get_by_test_id("acknowledge").click()
    ben.get_by_test_id("acknowledge").click()
    expect(ana.get_by_test_id("apprec-mine-status")).to_have_text("Ben received it.")
    both_ready(ana, ben, "What went well")

    # 3. What went well.
    ana.get_by_test_id("win-text").fill("Our Sunday walk.")
    ana.get_by_test_id("win").click()
    ben.get_by_test_id("win-text").fill("The shelf is finally up.")
    ben.get_by_test_id("win").click()
    expect(ana.get_by_test_id("win-theirs")).to_contain_text("The shelf is finally up.")
    both_ready(ana, ben, "What was hard")

    # 4. What was hard: Ben names one thing; Ana opens listening turns on it right here.
    ben.get_by_test_id("issue-text").fill("I felt alone when the plans changed on Friday.")
    ben.get_by_test_id("name-issue").click()
    expect(ana.get_by_test_id("issue-theirs")).to_contain_text("Talk it through now")
    audit(ana, "ana-hard")
    ana.screenshot(path=tmp_path / "ana-hard.png", full_page=True)
    ana.get_by_test_id("open-listening").click()
    expect(ben.get_by_test_id("floor-who")).to_have_text("You hold the floor. Say what's true for you.")
    expect(ana.get_by_test_id("floor-who")).to_have_text("Ben holds the floor. You're listening.")
    ben.get_by_test_id("nested-speak-text").fill("I felt alone when the plans changed and nobody told me.")
    ben.get_by_test_id("nested-speak").click()
    expect(ana.get_by_test_id("statement")).to_contain_text("nobody told me")
    ana.get_by_test_id("nested-paraphrase-text").fill("You felt alone when the plans changed and nobody told you.")
    ana.get_by_test_id("nested-paraphrase").click()
    expect(ben.get_by_test_id("paraphrase")).to_contain_text("nobody told you")
    audit(ben, "ben-listening")
    ben.screenshot(path=tmp_path / "ben-listening.png", full_page=True)
    ben.get_by_test_id("nested-confirm").click()
    ana.get_by_test_id("nested-finish").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("nested-listening")).to_be_hidden()
        expect(page.get_by_test_id("issues")).to_contain_text("and you talked it through.")
    both_ready(ana, ben, "Requests for the week")

    # 6. Requests (step 5 is skipped: no agreements are due yet). The starter alone asks for nothing.
    ana.get_by_test_id("request").click()
    expect(ana.get_by_test_id("error")).to_contain_text("Please finish the sentence")
    expect(ben.get_by_test_id("answer")).to_be_hidden()
    ana.get_by_test_id("request-text").fill("This week it would help me if we ate together once.")
    ana.get_by_test_id("request").click()
    ben.get_by_test_id("request-text").fill("This week it would help me if you texted when you're late.")
    ben.get_by_test_id("request").click()
    expect(ana.get_by_test_id("answer")).to_be_visible()
    audit(ana, "ana-requests")
    ana.screenshot(path=tmp_path / "ana-requests.png", full_page=True)
    ben.get_by_test_id("answer-change").check()
    ben.get_by_test_id("why-text").fill("on the weekend")
    ben.get_by_test_id("answer").click()
    ana.get_by_test_id("answer").click()
    expect(ana.get_by_test_id("request-mine")).to_contain_text("Ben: Yes, with a change, on the weekend")
    both_ready(ana, ben, "Close")

    # 7. Close: both rate again and see the week's summary.
    ana.get_by_test_id("close-connection").fill("6")
    ana.get_by_test_id("close").click()
    expect(ana.get_by_test_id("close-status")).to_contain_text("once Ben has answered")
    ben.get_by_test_id("close-connection").fill("8")
    ben.get_by_test_id("close").click()
    for page, mine in ((ana, "You: 3/10 on arriving, 6/10 at the close"),
                       (ben, "You: 7/10 on arriving, 8/10 at the close")):
        expect(page.get_by_test_id("done")).to_contain_text("You made time for each other")
        expect(page.get_by_test_id("summary-connection")).to_contain_text(mine)
        expect(page.get_by_test_id("summary")).to_contain_text("(talked through together)")
        expect(page.get_by_test_id("back-to-room")).to_be_visible()
        expect(page.get_by_test_id("error")).to_be_hidden()
    audit(ana, "ana-summary")
    ana.screenshot(path=tmp_path / "ana-summary.png", full_page=True)
    audit(ben, "ben-summary")
    ben.screenshot(path=tmp_path / "ben-summary.png", full_page=True)

    ben.goto("/")
    expect(ben.get_by_test_id("history")).to_contain_text("Weekly check-in")
    ben.get_by_test_id("history").get_by_role("link", name="Weekly check-in").first.click()
    expect(ben.get_by_test_id("summary")).to_contain_text("Our Sunday walk.")

    # The next check-in draws fresh wording, and its summary charts connection over the weeks.
    ben.goto("/")
    ben.get_by_test_id("start-checkin").click()
    expect(ben.get_by_test_id("progress")).to_have_text("Step 1 of 6 · Arrive")
    expect(ben.get_by_test_id("prompt")).not_to_have_text(last_weeks_prompt)
    ana.goto("/")
    ana.get_by_test_id("history").get_by_role("link", name="Weekly check-in").first.click()
    for page, mood in ((ana, "calm"), (ben, "sleepy")):
        page.get_by_test_id("arrive-connection").fill("7")
        page.get_by_test_id("mood").fill(mood)
        page.get_by_test_id("arrive").click()
    expect(ana.get_by_test_id("arrive-theirs")).to_contain_text("“sleepy”")
    ana.once("dialog", lambda dialog: dialog.accept())
    ana.get_by_test_id("end").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("ended early")
        expect(page.get_by_test_id("weeks-chart")).to_be_visible()
    audit(ben, "ben-weeks-chart")
    ben.screenshot(path=tmp_path / "ben-weeks-chart.png", full_page=True)
