"""Two partners on their phones take listening turns, with a pause, and see the summary at the end."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up, start_together

pytestmark = pytest.mark.browser

BLAME = "You never help with the dishes on Sundays."


def open_listening(ana: Page, ben: Page) -> None:
    """Ana starts listening turns; Ben follows her in from the notice in his room."""
    start_together(ana, ben, "listening", "Listening turns")


def paraphrase(page: Page, text: str) -> None:
    page.get_by_test_id("paraphrase-text").fill(text)
    page.get_by_test_id("send-paraphrase").click()


def test_two_partners_take_listening_turns_with_a_pause(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben, tmp_path)
    open_listening(ana, ben)

    ana.get_by_test_id("topic-text").fill("Sunday mornings")
    ana.get_by_test_id("choose").click()
    expect(ben.get_by_test_id("floor-who")).to_have_text("Ana holds the floor. You're listening.")
    expect(ana.get_by_test_id("floor-who")).to_contain_text("You hold the floor")
    expect(ben.get_by_test_id("speak-text")).to_be_hidden()  # the listener has nothing to say yet

    # Ana drafts in blame; the coach speaks to her alone, after a pause in her typing.
    ana.get_by_test_id("speak-text").fill(BLAME)
    expect(ana.get_by_test_id("coach-suggestion")).to_be_visible()
    audit(ana, "ana-coached")
    ana.screenshot(path=tmp_path / "ana-coached.png", full_page=True)
    audit(ben, "ben-while-ana-is-coached")
    ben.screenshot(path=tmp_path / "ben-while-ana-is-coached.png", full_page=True)
    expect(ben.get_by_test_id("coach")).to_have_count(4)  # his own (idle) coaches, all hidden
    for coach in ben.get_by_test_id("coach").all():
        expect(coach).to_be_hidden()
    assert "dishes" not in ben.content()
    suggestion = ana.get_by_test_id("coach-suggestion").inner_text()
    ana.get_by_test_id("coach-use").click()
    ana.get_by_test_id("speak").click()
    expect(ben.get_by_test_id("statement")).to_have_text(suggestion)
    assert "never" not in ben.get_by_test_id("statement").inner_text().lower()

    # Ben starts to argue back: held for his own turn, privately.
    ben.get_by_test_id("paraphrase-text").fill("That's not true, I washed up on Friday.")
    expect(ben.get_by_test_id("paraphrase-coach")).to_contain_text("Hold that thought for your own turn")
    audit(ben, "ben-held-back")
    ben.screenshot(path=tmp_path / "ben-held-back.png", full_page=True)
    ben.get_by_test_id("send-paraphrase").click()
    expect(ben.get_by_test_id("error")).to_contain_text("Hold that thought for your own turn.")
    expect(ana.get_by_test_id("error")).to_be_hidden()
    expect(ana.get_by_test_id("paraphrase")).to_be_hidden()
    assert "washed up" not in ana.content()

    paraphrase(ben, "What I hear is that Sunday dishes feel like yours alone.")
    expect(ana.get_by_test_id("paraphrase")).to_have_text("What I hear is that Sunday dishes feel like yours alone.")
    ana.get_by_test_id("not-quite").click()
    ana.get_by_test_id("clarify-text").fill("It's more that I'd love us to do them together.")
    ana.get_by_test_id("clarify").click()
    expect(ben.get_by_test_id("clarifications")).to_contain_text("I'd love us to do them together")
    paraphrase(ben, "You'd love us to do the Sunday dishes together, so it doesn't feel like yours alone.")
    ana.get_by_test_id("confirm").click()

    # Ben needs a breather: both screens go calm until both are back.
    expect(ben.get_by_test_id("validate-text")).to_be_visible()
    ben.get_by_test_id("pause-open").click()
    ben.get_by_test_id("pause").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("pause-screen")).to_be_visible()
        expect(page.get_by_test_id("countdown")).to_contain_text("left")
        expect(page.get_by_test_id("exchange")).to_be_hidden()
    audit(ana, "ana-pause")
    ana.screenshot(path=tmp_path / "ana-pause.png", full_page=True)
    ana.get_by_test_id("resume").click()
    ben.get_by_test_id("resume").click()
    expect(ana.get_by_test_id("pause-screen")).to_be_hidden()

    ben.get_by_role("button", name="That makes sense, because…").click()
    ben.get_by_test_id("validate-text").press("End")
    ben.get_by_test_id("validate-text").type("Sunday is our one slow morning.")
    audit(ben, "ben-validating")
    ben.screenshot(path=tmp_path / "ben-validating.png", full_page=True)
    ben.get_by_test_id("validate").click()
    expect(ana.get_by_test_id("validation")).to_have_text("That makes sense, because Sunday is our one slow morning.")
    ana.get_by_test_id("pass-floor").click()

    expect(ben.get_by_test_id("floor-who")).to_contain_text("You hold the floor")
    ben.get_by_test_id("speak-text").fill("I feel rushed on Sunday mornings.")
    ben.get_by_test_id("speak").click()
    paraphrase(ana, "Sunday mornings feel rushed to you.")
    audit(ben, "ben-checking")
    ben.screenshot(path=tmp_path / "ben-checking.png", full_page=True)
    ben.get_by_test_id("confirm").click()
    ben.get_by_test_id("finish").click()

    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("Thank you for listening to each other")
        expect(page.get_by_test_id("summary-rounds")).to_have_text("Together you heard 2 things all the way through.")
        expect(page.get_by_test_id("summary-statements")).to_contain_text(
            "Heard as: Sunday mornings feel rushed to you.")
        expect(page.get_by_test_id("error")).to_be_hidden()
    # Who held the floor, in words: no count per partner to set against the other's.
    expect(ana.get_by_test_id("summary-turns")).to_have_text("You held the floor, then Ben.")
    expect(ben.get_by_test_id("summary-turns")).to_have_text("Ana held the floor, then you.")
    expect(ana.get_by_test_id("summary")).not_to_contain_text("said,")
    expect(ana.get_by_test_id("back-to-room")).to_have_text("Back to your room")
    audit(ana, "ana-summary")
    ana.screenshot(path=tmp_path / "ana-summary.png", full_page=True)
    audit(ben, "ben-summary")
    ben.screenshot(path=tmp_path / "ben-summary.png", full_page=True)
    assert (tmp_path / "ana-summary.png").stat().st_size > 10_000
