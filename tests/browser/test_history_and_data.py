"""Ana reads a past check-in back on her phone, takes her data with her, and leaves; Ben's open room closes.

The check-in is played through the service layer straight into the live server's database (the same
unit of work a socket act uses). Screenshots are kept in the test's folder (or in HEARTH_SCREENSHOTS, as
docs/screenshots/history-*.png and your-data-*.png were made).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.steps import PASSWORD, pair_up
from tests.support.sessions import play_checkin

pytestmark = pytest.mark.browser


def seed_check_in(database: Path) -> None:
    from app import create_app
    from couples.accounts import User
    from couples.extensions import db

    app = create_app({"TESTING": True, "SECRET_KEY": "browser-seed", "HEARTH_LOAD_NLP": True,
                      "HEARTH_NLP_PROCESS": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        ana, ben = (SimpleNamespace(id=db.session.scalar(select(User.id).filter_by(email=f"{n}@example.org")))
                    for n in ("ana", "ben"))
    play_checkin(app, ana, ben)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_ana_reads_back_a_check_in_takes_her_data_and_leaves(two_partners, live_server, tmp_path, audit):
    folder = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    ana, ben = two_partners
    pair_up(ana, ben)
    seed_check_in(tmp_path / "browser.sqlite")

    ana.goto("/")
    ana.get_by_test_id("link-history").click()
    expect(ana.get_by_role("heading", name="What you've done together")).to_be_visible()
    audit(ana, "history list")
    ana.get_by_role("link", name="Weekly check-in").first.click()
    expect(ana.get_by_test_id("transcript")).to_contain_text("You made soup when I was tired.")
    expect(ana.get_by_test_id("transcript")).to_contain_text("You never listen to me about Fridays.")
    expect(ana.get_by_test_id("private-note")).to_have_count(0)  # the coached line was Ben's
    audit(ana, "a check-in read back")
    ana.screenshot(path=folder / "history-transcript-phone.png", full_page=True)

    ben.goto("/history/")
    ben.get_by_role("link", name="Weekly check-in").first.click()
    expect(ben.get_by_test_id("private-note")).to_contain_text("another way to say this")

    ana.goto("/")
    ana.get_by_test_id("link-your-data").click()
    expect(ana.get_by_role("heading", name="Your data")).to_be_visible()
    audit(ana, "your data")
    ana.screenshot(path=folder / "your-data-phone.png", full_page=True)
    with ana.expect_download() as download:
        ana.get_by_test_id("export-html").click()
    saved = tmp_path / "export.html"
    download.value.save_as(saved)
    assert "You made soup when I was tired." in saved.read_text()

    ben.goto("/")  # Ben sits in the room with his socket open while Ana leaves
    expect(ben.get_by_test_id("presence")).not_to_contain_text("Checking")  # his socket is in the room
    ana.get_by_test_id("leave-link").click()
    ana.get_by_test_id("leave-confirm").click()
    expect(ana.get_by_role("alert")).to_contain_text("your password")  # nothing typed: nothing changes
    ana.get_by_label("Your password").fill("not it at all")
    ana.get_by_test_id("leave-confirm").click()
    expect(ana.get_by_role("alert")).to_contain_text("Nothing has changed")
    audit(ana, "leave, wrong password")
    ana.screenshot(path=folder / "your-data-leave-phone.png", full_page=True)
    ana.get_by_label("Your password").fill(PASSWORD)
    ana.get_by_test_id("leave-confirm").click()
    expect(ana).to_have_url(re.compile(r"/pair/$"))
    expect(ben).to_have_url(re.compile(r"/pair/$"))  # his open room heard it closed and went home

    ana.goto("/history/")
    ana.get_by_role("link", name="Weekly check-in").first.click()
    expect(ana.get_by_test_id("ended-note")).to_be_visible()
    expect(ana.get_by_test_id("transcript")).to_contain_text("You made soup when I was tired.")
    expect(ana.get_by_test_id("transcript")).not_to_contain_text("Fridays")
