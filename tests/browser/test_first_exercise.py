"""Two partners on their phones: sign up, pair, meet in the room, and share an appreciation round."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def register(page: Page, name: str) -> None:
    page.goto("/auth/register")
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    page.get_by_label("What should your partner see you as?").fill(name)
    page.get_by_label("Password").fill("a long quiet evening")
    page.get_by_role("button", name="Create account").click()


def pair_up(ana: Page, ben: Page, tmp_path) -> None:
    """Ana signs up and invites; Ben signs up and joins with the code; both land in their room."""
    register(ana, "Ana")
    expect(ana).to_have_url(re.compile(r"/pair/$"))
    ana.get_by_role("button", name="Invite my partner").click()
    code = ana.get_by_test_id("invite-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    ana.screenshot(path=tmp_path / "ana-invite.png", full_page=True)

    register(ben, "Ben")
    ben.get_by_label("Invitation code").fill(code.lower())
    ben.get_by_role("button", name="Join my partner").click()
    expect(ben.get_by_role("heading", name="Your room")).to_be_visible()
    expect(ana.get_by_role("heading", name="Your room")).to_be_visible()  # Ana's waiting page noticed
    expect(ben.get_by_test_id("presence")).to_contain_text("Ana is here with you")
    expect(ana.get_by_test_id("presence")).to_contain_text("Ben is here with you")
    ana.screenshot(path=tmp_path / "ana-room.png", full_page=True)


def open_round(ana: Page, ben: Page) -> None:
    """Ana starts an appreciation round; Ben follows her in from the notice in his room."""
    ana.get_by_test_id("start-appreciation").click()
    expect(ana.get_by_role("heading", name="Appreciation round")).to_be_visible()
    ben.get_by_test_id("join-started").click()
    expect(ben.get_by_role("heading", name="Appreciation round")).to_be_visible()


def test_two_partners_pair_and_complete_an_appreciation_round(two_partners, tmp_path):
    ana, ben = two_partners
    pair_up(ana, ben, tmp_path)
    open_round(ana, ben)

    ana.get_by_test_id("appreciate-text").fill("You made soup when I was tired <3")
    ana.get_by_test_id("appreciate").click()
    expect(ben.get_by_test_id("theirs-text")).to_have_text("You made soup when I was tired <3")
    expect(ana.get_by_test_id("mine-status")).to_contain_text("Waiting for Ben")
    ben.get_by_test_id("reply-text").fill("That means a lot.")
    ben.get_by_test_id("acknowledge").click()
    expect(ana.get_by_test_id("mine-status")).to_contain_text("Ben received it: “That means a lot.”")

    ben.get_by_test_id("appreciate-text").fill("You listened to me on Sunday.")
    ben.get_by_test_id("appreciate").click()
    expect(ana.get_by_test_id("theirs-text")).to_have_text("You listened to me on Sunday.")
    ana.get_by_test_id("acknowledge").click()

    for page in (ana, ben):
        expect(page.get_by_test_id("done")).to_contain_text("You both shared and received")
        expect(page.get_by_test_id("error")).to_be_hidden()
    ana.screenshot(path=tmp_path / "ana-done.png", full_page=True)
    ben.screenshot(path=tmp_path / "ben-done.png", full_page=True)
    assert (tmp_path / "ana-done.png").stat().st_size > 10_000

    ben.goto("/")
    expect(ben.get_by_test_id("history")).to_contain_text("Appreciation round")


def test_a_server_restart_mid_round_loses_nothing_and_doubles_nothing(browser, tmp_path):
    """The server goes away (a deploy, a crash) while Ben is answering; his answer waits and arrives once."""
    from tests.browser.conftest import PHONE
    from tests.support.server import ServerProcess

    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'restart.sqlite'}"}
    server = ServerProcess(database, tmp_path / "server-1.log")
    server.wait_ready()
    contexts = [browser.new_context(viewport=PHONE, base_url=server.url) for _ in range(2)]
    ana, ben = (context.new_page() for context in contexts)
    try:
        pair_up(ana, ben, tmp_path)
        open_round(ana, ben)
        ana.get_by_test_id("appreciate-text").fill("You walked the dog in the rain.")
        ana.get_by_test_id("appreciate").click()
        expect(ben.get_by_test_id("theirs-text")).to_have_text("You walked the dog in the rain.")

        server.stop()
        expect(ben.get_by_test_id("connection")).to_contain_text("Reconnecting", timeout=15000)
        ben.get_by_test_id("acknowledge").click()  # sent while nobody is there: it waits
        server = ServerProcess(database, tmp_path / "server-2.log", port=server.port)
        server.wait_ready()

        expect(ana.get_by_test_id("mine-status")).to_contain_text("Ben received it", timeout=20000)
        expect(ben.get_by_test_id("connection")).to_be_empty()
        ben.screenshot(path=tmp_path / "ben-after-restart.png", full_page=True)
    finally:
        for context in contexts:
            context.close()
        server.stop()
    import sqlite3
    with sqlite3.connect(tmp_path / "restart.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM session_events ORDER BY seq")]
    assert actions == ["appreciate", "acknowledge"]
