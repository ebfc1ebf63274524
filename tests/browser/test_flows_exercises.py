"""Being in the same room, in two phones' browsers: a pause of the length people say that ends with its
session, a step back told on the other screen, a topic both typed where the second one's words are kept,
and finished screens that lead back to the room."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up

pytestmark = pytest.mark.browser


def start_together(ana: Page, ben: Page, kind: str, heading: str) -> None:
    """Ana presses Start in the room; Ben opens the same session page (however the room leads him there)."""
    ana.get_by_test_id(f"start-{kind}").click()
    expect(ana.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    ben.goto(ana.url)
    expect(ben.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def at_quarter_past_seven(page: Page) -> None:
    """The page's clock reads 07:17 today, in its own time zone (timers keep running)."""
    moment = page.evaluate("() => { const d = new Date(); d.setHours(7, 17, 0, 0); return d.getTime(); }")
    page.clock.set_fixed_time(datetime.fromtimestamp(moment / 1000, tz=UTC))


def visible_text(page: Page) -> str:
    return page.locator("main").inner_text()


def test_a_pause_until_tomorrow_evening_ends_with_the_session(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    for page in (ana, ben):
        at_quarter_past_seven(page)
    start_together(ana, ben, "appreciation", "Appreciation round")

    ben.get_by_test_id("pause-open").click()
    choices = ben.get_by_test_id("pause-minutes").locator("option").all_inner_texts()
    assert choices == ["20 minutes", "An hour", "Until tomorrow evening", "Until a time I pick"]
    expect(ben.get_by_test_id("pause-back")).to_have_text("You'd come back at 07:37.")
    ben.get_by_test_id("pause-minutes").select_option(label="Until a time I pick")
    expect(ben.get_by_test_id("pause-back")).to_have_text("Choose the time you'd like to come back.")
    ben.get_by_test_id("pause-until").fill("06:30")  # earlier than now: the next 06:30 is tomorrow's
    expect(ben.get_by_test_id("pause-back")).to_have_text("You'd come back tomorrow at 06:30.")
    ben.get_by_test_id("pause-minutes").select_option(label="Until tomorrow evening")
    expect(ben.get_by_test_id("pause-until")).to_be_hidden()
    expect(ben.get_by_test_id("pause-back")).to_have_text("You'd come back tomorrow at 19:00.")
    audit(ben, "ben-pause-chooser")
    ben.screenshot(path=tmp_path / "ben-pause-chooser.png", full_page=True)

    ben.get_by_test_id("pause").click()  # not a fixed four hours ("back at 11:17"): 19:00 tomorrow
    for page in (ana, ben):
        expect(page.get_by_test_id("pause-screen")).to_be_visible()
        expect(page.get_by_test_id("countdown")).to_have_text("35 h 43 min left · back tomorrow at 19:00")
    ana.screenshot(path=tmp_path / "ana-paused.png", full_page=True)

    # Ben ends it for today from the pause screen: the pause goes from both screens at once, and stays gone.
    ben.once("dialog", lambda dialog: dialog.accept())
    ben.get_by_test_id("pause-end").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("ended early")
        expect(page.get_by_test_id("pause-screen")).to_be_hidden()
        expect(page.get_by_test_id("back-to-room")).to_have_text("Back to your room")
        page.reload()
        expect(page.get_by_test_id("done")).to_contain_text("ended early")
        expect(page.get_by_test_id("pause-screen")).to_be_hidden()
        expect(page.get_by_test_id("pause-open")).to_be_hidden()
    # Neither panel's heading is left with nothing under it: Ana and Ben had shared nothing yet.
    expect(ana.get_by_role("heading", name="Yours")).to_be_hidden()
    ana.get_by_test_id("back-to-room").click()
    expect(ana.get_by_role("heading", name="Your room")).to_be_visible()


def test_a_check_in_step_back_is_told_and_nothing_typed_is_lost(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    start_together(ana, ben, "checkin", "Weekly check-in")
    # The prompt asks what the sliders under it ask, in the same words.
    expect(ana.get_by_test_id("prompt")).to_contain_text("how are you feeling, and how connected do you feel")
    expect(ana.get_by_test_id("arrive")).to_have_text("Share when we've both answered")

    ana.get_by_test_id("mood").fill("frazzled")
    ana.get_by_test_id("arrive").click()
    expect(ana.get_by_test_id("waiting")).to_contain_text("Ben is still answering.")
    assert visible_text(ana).count("Ben is still answering") == 1  # said once on the screen, not twice
    ben.get_by_test_id("mood").fill("hopeful")
    ben.get_by_test_id("arrive").click()
    ana.get_by_test_id("ready").click()
    expect(ben.get_by_test_id("waiting")).to_contain_text("Ana is ready when you are")
    ben.get_by_test_id("ready").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("progress")).to_contain_text("Appreciations")

    # Ben goes back a step: both move, and Ana's screen says so, where he took them, in words and aloud.
    ben.get_by_test_id("back").click()
    expect(ana.get_by_test_id("went-back")).to_have_text("Ben took you both back to “Arrive”.")
    expect(ana.get_by_test_id("announce")).to_have_text("Ben went back to “Arrive”.")
    expect(ben.get_by_test_id("went-back")).to_be_hidden()  # his own step needs no telling
    audit(ana, "ana-told-of-the-step-back")
    ana.get_by_test_id("ready").click()
    expect(ben.get_by_test_id("waiting")).to_contain_text("Ana is ready when you are")
    ben.get_by_test_id("ready").click()
    for page in (ana, ben):
        expect(page.get_by_test_id("progress")).to_contain_text("Appreciations")
    expect(ana.get_by_test_id("went-back")).to_be_hidden()

    # Ana shares; Ben receives; Ana is writing another when Ben ends the check-in: her words are kept.
    ana.get_by_test_id("appreciate-text").fill("You made soup when I was tired.")
    ana.get_by_test_id("appreciate").click()
    expect(ben.get_by_test_id("apprec-theirs")).to_contain_text("You made soup")
    ben.get_by_test_id("acknowledge").click()
    expect(ana.get_by_test_id("apprec-mine-status")).to_have_text("Ben received it.")
    ana.get_by_test_id("appreciate-text").fill("And you remembered my mother's birthday.")
    ben.once("dialog", lambda dialog: dialog.accept())
    ben.get_by_test_id("end").click()
    expect(ana.get_by_test_id("done")).to_contain_text("ended early")
    expect(ana.get_by_test_id("kept-why")).to_have_text(
        "Ben ended the check-in while you were still writing. What you wrote is kept here, just for you.")
    expect(ana.get_by_test_id("kept-text")).to_have_value("And you remembered my mother's birthday.")
    expect(ben.get_by_test_id("kept")).to_be_hidden()  # they were Ana's alone, and never sent
    assert "birthday" not in ben.content()
    for page in (ana, ben):
        expect(page.get_by_test_id("summary")).to_contain_text("You made soup when I was tired.")
        expect(page.get_by_test_id("back-to-room")).to_be_visible()
    audit(ana, "ana-finished-check-in")
    ana.screenshot(path=tmp_path / "ana-finished-check-in.png", full_page=True)
    ben.screenshot(path=tmp_path / "ben-finished-check-in.png", full_page=True)


def test_both_type_the_listening_topic_and_the_second_ones_words_come_back(two_partners, tmp_path, audit):
    ana, ben = two_partners
    pair_up(ana, ben)
    start_together(ana, ben, "listening", "Listening turns")
    ana.get_by_test_id("topic-text").fill("Money, gently")
    ben.get_by_test_id("topic-text").fill("Our Sunday mornings")
    ben.get_by_test_id("first-partner").check()  # Ana speaks first
    ben.get_by_test_id("choose").click()

    expect(ana.get_by_test_id("kept-why")).to_have_text(
        "Ben chose the topic first: “Our Sunday mornings”. What you wrote is kept here, for when you hold the floor.")
    expect(ana.get_by_test_id("kept-text")).to_have_value("Money, gently")
    expect(ben.get_by_test_id("kept")).to_be_hidden()
    assert "Money" not in ben.content()
    audit(ana, "ana-topic-kept")
    ana.screenshot(path=tmp_path / "ana-topic-kept.png", full_page=True)
    ana.get_by_test_id("kept-use").click()  # she holds the floor: her words go into what she says
    expect(ana.get_by_test_id("speak-text")).to_have_value("Money, gently")
    expect(ana.get_by_test_id("kept")).to_be_hidden()
    ana.get_by_test_id("speak-text").fill("I'd like us to talk about money, gently, one evening soon.")
    ana.get_by_test_id("speak").click()
    expect(ben.get_by_test_id("statement")).to_contain_text("talk about money")

    # Ben is writing what he heard when Ana ends the turns: his words are kept for him.
    ben.get_by_test_id("paraphrase-text").fill("You'd like a calm evening to talk about money.")
    ana.once("dialog", lambda dialog: dialog.accept())
    ana.get_by_test_id("end").click()
    expect(ben.get_by_test_id("kept-text")).to_have_value("You'd like a calm evening to talk about money.")
    expect(ben.get_by_test_id("kept-why")).to_contain_text("Ana ended the listening turns while you were still")
    for page in (ana, ben):
        expect(page.get_by_test_id("back-to-room")).to_be_visible()
    assert re.search(r"Back to your room", visible_text(ben))
