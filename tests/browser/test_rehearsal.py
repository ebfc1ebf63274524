"""Two partners on their phones rehearse "The dishes, again" through a role swap, then one practises alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up

pytestmark = pytest.mark.browser

ROBIN_SAYS = "I feel worn out when the dishes pile up. Could we share them?"
SAM_SAYS = "I feel unseen when my cooking isn't noticed in the kitchen."


def say(page: Page, index: int) -> None:
    expect(page.get_by_test_id(f"line-{index}")).to_be_visible()
    page.get_by_test_id("say").click()
    expect(page.get_by_test_id(f"line-{index + 1}")).to_be_visible()


def rewrite(page: Page, text: str) -> None:
    page.get_by_test_id("rewrite-text").fill(text)
    page.get_by_test_id("rewrite").click()


def paraphrase(page: Page, index: int, text: str) -> None:
    page.get_by_test_id("paraphrase-text").fill(text)
    page.get_by_test_id("paraphrase").click()
    expect(page.get_by_test_id(f"heard-{index}")).to_contain_text(text)


def play_round(robin: Page, sam: Page, coached: bool = False, tmp_path=None) -> None:
    """The whole scene once, `robin` and `sam` being the pages playing those roles this round."""
    say(robin, 0)
    say(sam, 1)
    if coached:
        robin.get_by_test_id("rewrite-text").fill("You never lift a finger with the dishes.")
        expect(robin.locator("#rewrite-form [data-testid=coach]")).to_contain_text("A thought before you send")
        robin.screenshot(path=tmp_path / "ana-coached.png", full_page=True)
        for coach in sam.get_by_test_id("coach").all():
            expect(coach).to_be_hidden()
        robin.get_by_test_id("rewrite").click()
        expect(robin.get_by_test_id("tries")).to_contain_text("still hears some blame")
        expect(sam.get_by_test_id("waiting")).to_contain_text("is finding an I statement")
        assert "lift a finger with" not in sam.content()
        robin.get_by_test_id("show-example").click()
        expect(robin.get_by_test_id("example")).to_contain_text("I feel worn out")
        expect(sam.get_by_test_id("example")).to_be_hidden()
    rewrite(robin, ROBIN_SAYS)
    expect(sam.get_by_test_id("line-2")).to_contain_text(ROBIN_SAYS)
    paraphrase(sam, 2, "It sounds like the dishes wear you out.")
    say(sam, 3)
    say(robin, 4)
    rewrite(sam, SAM_SAYS)
    expect(robin.get_by_test_id("line-5")).to_contain_text(SAM_SAYS)
    paraphrase(robin, 5, "You'd like your cooking noticed.")
    say(robin, 6)
    sam.get_by_test_id("say").click()


def test_two_partners_rehearse_a_scene_through_a_role_swap(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben, tmp_path)

    ana.goto("/scenes/")
    expect(ana.get_by_role("heading", name="Scenes to rehearse")).to_be_visible()
    audit(ana, "scenes")
    ana.screenshot(path=tmp_path / "scenes.png", full_page=True)
    ana.get_by_test_id("scene-dishes").click()
    ana.get_by_test_id("role-robin").check()
    audit(ana, "scene-detail")
    ana.screenshot(path=tmp_path / "scene-detail.png", full_page=True)
    ana.get_by_test_id("start-rehearsal").click()
    expect(ana.get_by_test_id("scene-title")).to_have_text("The dishes, again")
    ben.get_by_test_id("live-join").click()
    expect(ben.get_by_test_id("cast")).to_have_text("Round 1 of 2: you play Sam, Ana plays Robin.")
    expect(ana.get_by_test_id("cast")).to_have_text("Round 1 of 2: you play Robin, Ben plays Sam.")
    expect(ben.get_by_test_id("say")).to_be_hidden()  # the first line is Ana's

    play_round(ana, ben, coached=True, tmp_path=tmp_path)
    for page in (ana, ben):
        expect(page.get_by_test_id("swap")).to_be_visible()
        expect(page.get_by_test_id("summary")).to_contain_text(ROBIN_SAYS)
    expect(ana.get_by_test_id("summary")).to_contain_text("Only you see your earlier tries")
    expect(ben.get_by_test_id("summary")).not_to_contain_text("lift a finger with")
    # Ana's tries are hers: Ben sees no count of them, nothing to set against his own.
    expect(ben.get_by_test_id("summary")).not_to_contain_text("tries", use_inner_text=True)
    audit(ana, "ana-round-one")
    ana.screenshot(path=tmp_path / "ana-round-one.png", full_page=True)

    ben.get_by_test_id("swap").click()
    expect(ana.get_by_test_id("cast")).to_have_text("Round 2 of 2: you play Sam, Ben plays Robin.")
    play_round(ben, ana)
    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("You played it from both sides")
        expect(page.get_by_test_id("error")).to_be_hidden()
    audit(ana, "ana-done")
    ana.screenshot(path=tmp_path / "ana-done.png", full_page=True)
    audit(ben, "ben-done")
    ben.screenshot(path=tmp_path / "ben-done.png", full_page=True)
    assert (tmp_path / "ana-done.png").stat().st_size > 10_000

    ben.goto("/scenes/progress")
    expect(ben.get_by_test_id("scenes-practised")).to_have_text("1 scene")
    expect(ben.get_by_test_id("rewrites")).to_have_text("4 I statements")
    expect(ben.get_by_test_id("totals")).not_to_contain_text("first try")
    audit(ben, "progress")
    ben.screenshot(path=tmp_path / "progress.png", full_page=True)


def test_practising_alone_with_hearth_reading_the_other_role(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben, tmp_path)
    ana.goto("/scenes/late-no-text")
    ana.get_by_test_id("solo").click()
    ana.get_by_test_id("solo-start").click()
    expect(ana.get_by_test_id("line-0")).to_contain_text("Hearth reads")
    ana.get_by_test_id("rewrite-text").fill("You're so selfish about texting.")
    expect(ana.get_by_test_id("coach")).to_contain_text("A thought before you send")
    ana.get_by_test_id("rewrite").click()
    expect(ana.get_by_test_id("why")).to_contain_text("still hears some blame")
    ana.get_by_test_id("rewrite-text").fill("I felt worried when I didn't hear from you. A text would help.")
    ana.get_by_test_id("rewrite").click()
    expect(ana.get_by_test_id("line-1")).to_contain_text("I felt worried")
    say(ana, 3)
    audit(ana, "solo")
    ana.screenshot(path=tmp_path / "solo.png", full_page=True)
    say(ana, 5)
    expect(ana.get_by_test_id("done")).to_have_text(
        "That's the scene. You found 1 I statement. Every try counts. Only you can see this.")
    audit(ana, "solo-done")
    ana.screenshot(path=tmp_path / "solo-done.png", full_page=True)
    ben.goto("/scenes/progress")
    expect(ben.get_by_text("Nothing yet")).to_be_visible()  # Ana's solo practice is hers alone
