"""Steps two partners take in the browser again and again: sign up, pair, start something together."""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.mailbox import from_folder

PASSWORD = "a long quiet evening"


def register(page: Page, name: str) -> None:
    """Create an account for `name` through the real form, then open the link in the email it sends (the
    test server has no mail server: it writes its emails to the folder the "Check your inbox" page names)."""
    since = time.time()
    page.goto("/auth/register")
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    page.get_by_label("What should your partner see you as?").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    folder = Path(page.get_by_test_id("mail-folder").locator("code").inner_text().strip())
    page.goto(from_folder(folder, f"{name.lower()}@example.org", "/auth/confirm/", since))


def sign_in(page: Page, email: str, remember: bool = False) -> None:
    """Sign in on `page` through the real form (a second phone of someone already registered), with "Keep me
    signed in" ticked when `remember`."""
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    if remember:
        page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Sign in").click()


def pair_up(ana: Page, ben: Page, screenshots: Path | None = None, checked: bool = True) -> None:
    """Ana signs up and invites; Ben signs up and joins with the code; both land in their room, together.
    With `checked`, each then answers the private safety check with no concern, as conflict tools ask."""
    register(ana, "Ana")
    expect(ana).to_have_url(re.compile(r"/pair/$"))
    ana.get_by_role("button", name="Invite my partner").click()
    code = ana.get_by_test_id("invite-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    if screenshots:
        ana.screenshot(path=screenshots / "ana-invite.png", full_page=True)

    register(ben, "Ben")
    ben.get_by_label("Invitation code").fill(code.lower())
    ben.get_by_role("button", name="Join my partner").click()
    expect(ben.get_by_role("heading", name="Your room")).to_be_visible()
    expect(ana.get_by_role("heading", name="Your room")).to_be_visible()  # Ana's waiting page noticed
    expect(ben.get_by_test_id("presence")).to_contain_text("Ana is here with you")
    expect(ana.get_by_test_id("presence")).to_contain_text("Ben is here with you")
    if checked:
        for page in (ana, ben):
            take_safety_check(page)
        expect(ben.get_by_test_id("presence")).to_contain_text("Ana is here with you")
        expect(ana.get_by_test_id("presence")).to_contain_text("Ben is here with you")
    if screenshots:
        ana.screenshot(path=screenshots / "ana-room.png", full_page=True)


def take_safety_check(page: Page, answers: dict[str, str] | None = None) -> None:
    """Answer the private safety check ("Never" to each question unless `answers` names another, by the
    question's words) and come back to the room, as the check sends a person with no concern."""
    page.goto("/safety/check?next=/")
    groups = page.get_by_role("group")
    for index in range(groups.count()):
        group = groups.nth(index)
        question = group.locator("legend").inner_text()
        choice = next((a for words, a in (answers or {}).items() if words in question), "Never")
        group.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Save my answers").click()
    if not answers:
        expect(page.get_by_role("heading", name="Your room")).to_be_visible()


def follow_in(ana: Page, ben: Page, heading: str) -> None:
    """Ben, waiting in the room, follows Ana into what she started."""
    expect(ana.get_by_role("heading", name=heading)).to_be_visible()
    ben.get_by_test_id("live-join").click()
    expect(ben.get_by_role("heading", name=heading)).to_be_visible()


def start_together(ana: Page, ben: Page, kind: str, heading: str) -> None:
    """Ana presses Start on `kind` in the room; Ben follows her in from the notice in his."""
    ana.get_by_test_id(f"start-{kind}").click()
    follow_in(ana, ben, heading)


def end_here(page: Page) -> None:
    """End the exercise on `page` for both (saying yes to "End this ... for both of you?"): one exercise is
    live at a time, so the next can start."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("end").click()
    expect(page.get_by_test_id("back-to-room").last).to_be_visible()
