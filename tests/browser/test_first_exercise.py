"""Two partners on their phones: sign up, pair, meet in the room, and share an appreciation round."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import pair_up, start_together

pytestmark = pytest.mark.browser


def open_round(ana: Page, ben: Page) -> None:
    """Ana starts an appreciation round; Ben follows her in from the notice in his room."""
    start_together(ana, ben, "appreciation", "Appreciation round")


def test_two_partners_pair_and_complete_an_appreciation_round(two_partners, tmp_path, audit):
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
    audit(ana, "ana-done")
    ana.screenshot(path=tmp_path / "ana-done.png", full_page=True)
    audit(ben, "ben-done")
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
