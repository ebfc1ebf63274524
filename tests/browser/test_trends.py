"""Ana opens the trends page after three weeks of check-ins, on her phone and at a desk: the charts draw.

The weeks are seeded through the service layer straight into the live server's database (the same unit
of work a socket act uses), then moved back a week or two. Screenshots are kept in the test's folder
(or in HEARTH_SCREENSHOTS, as docs/screenshots/trends-*.png were made).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.audit import prepare
from tests.browser.steps import pair_up
from tests.couples.history.test_trends import BLAMING, check_in
from tests.support.sessions import acts, agree, start

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
CHARTS = ("feeling", "connection", "coaching", "paraphrases", "reviews")

# Whether the canvas holds drawn pixels, and that Chart.js owns it (its registry knows the canvas).
DRAWN = """(canvas) => {
  if (!window.Chart || !window.Chart.getChart(canvas)) return false;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) inked += 1; }
  return inked > 500;
}"""


def seed_three_weeks(database: Path, emails: tuple[str, str]) -> None:
    """Three weekly check-ins (with listening turns and one coached message), and one agreement reviewed."""
    from app import create_app
    from couples.accounts import User
    from couples.extensions import db

    app = create_app({"TESTING": True, "SECRET_KEY": "browser-seed", "HEARTH_LOAD_NLP": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        ana, ben = (SimpleNamespace(id=db.session.scalar(select(User.id).filter_by(email=e))) for e in emails)
    check_in(app, ana, ben, arriving=((4, 3), (6, 5)), closing=(6, 6), ana_says=BLAMING, heard=[False], weeks_ago=2)
    check_in(app, ana, ben, arriving=((5, 5), (7, 6)), closing=(7, 8), heard=[True, False], weeks_ago=1)
    check_in(app, ana, ben, arriving=((7, 6), (8, 7)), closing=(8, 9), heard=[True])
    _talk, agreement_id = agree(app, ana, ben)
    review_id = start(app, ben, "review", agreement_id=str(agreement_id))
    acts(app, review_id, [(ben, "suggest", {"choice": "keep"}), (ana, "confirm", {"choice": "keep"})])
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def charts_drawn(page: Page) -> None:
    for name in CHARTS:
        canvas = page.get_by_test_id(f"chart-{name}")
        expect(canvas).to_be_visible()
        page.wait_for_function(f"() => ({DRAWN})(document.querySelector('[data-testid=chart-{name}]'))")


def test_three_weeks_of_check_ins_drawn_on_a_phone_and_a_desk(two_partners, browser, live_server, tmp_path, audit):
    folder = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    ana, ben = two_partners
    pair_up(ana, ben)
    ana.goto("/trends")
    expect(ana.get_by_test_id("trends-empty")).to_contain_text("first weekly check-in")
    audit(ana, "trends, nothing yet")
    ana.screenshot(path=folder / "trends-empty.png", full_page=True)

    seed_three_weeks(tmp_path / "browser.sqlite", ("ana@example.org", "ben@example.org"))

    ana.set_viewport_size(PHONE)
    ana.emulate_media(reduced_motion="reduce")  # drawn at once, so the screenshot shows the finished charts
    ana.goto("/trends")
    expect(ana.get_by_role("heading", name="How it's going")).to_be_visible()
    charts_drawn(ana)
    expect(ana.get_by_test_id("only-you")).to_contain_text("Only you see this")
    feeling = ana.get_by_test_id("trend-feeling")
    feeling.get_by_text("See the numbers").click()
    expect(feeling.get_by_role("table")).to_contain_text("Week of")
    audit(ana, "trends, three weeks, on a phone")
    ana.screenshot(path=folder / "trends-phone.png", full_page=True)

    ben.goto("/trends")  # Ben's own page: his coaching only, and Ana named as his partner
    charts_drawn(ben)
    expect(ben.get_by_test_id("trend-coaching").locator("table")).not_to_contain_text("1 of")
    audit(ben, "trends, Ben's side")

    desk = browser.new_context(viewport=DESKTOP, base_url=live_server.url, reduced_motion="reduce",
                               storage_state=ana.context.storage_state())
    prepare(desk)
    try:
        page = desk.new_page()
        page.goto("/trends")
        charts_drawn(page)
        audit(page, "trends, three weeks, at a desk")
        page.screenshot(path=folder / "trends-desktop.png", full_page=True)
    finally:
        desk.close()
