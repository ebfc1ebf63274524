"""Ana in Los Angeles and Ben in Kolkata, each on their own phone: Hearth learns each one's time zone from their
browser as they sign up, and every date is shown on their own clock in one format, by the server and by the
page's own script alike (static/js/dates.js); Ana copies her invitation link with one tap; once Ben has used
it, the link tells anyone else at once that it can't be used, and names no one."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from couples.dates import Reader, day, day_time
from tests.browser.audit import prepare
from tests.browser.conftest import PHONE
from tests.browser.steps import register

pytestmark = pytest.mark.browser

LOS_ANGELES, KOLKATA = "America/Los_Angeles", "Asia/Kolkata"


@pytest.fixture
def phones(browser, live_server):
    """Three phones in three time zones: Ana's, Ben's and Cleo's (who holds an old link)."""
    contexts = []

    def phone(zone: str) -> Page:
        context = browser.new_context(viewport=PHONE, base_url=live_server.url, timezone_id=zone,
                                      permissions=["clipboard-read", "clipboard-write"])
        prepare(context)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield phone
    for context in contexts:
        context.close()


def shown_by_the_script(page: Page, iso: str) -> dict[str, str]:
    """What static/js/dates.js writes for `iso` on this phone."""
    return page.evaluate("""async (iso) => {
      const { day, dayTime, clock } = await import(new URL("/static/js/dates.js", location.origin).href);
      return { day: day(iso), dayTime: dayTime(iso), clock: clock(iso) };
    }""", iso)


def test_each_reads_times_on_their_own_clock_and_an_old_link_names_no_one(phones, audit, tmp_path):
    ana, ben = phones(LOS_ANGELES), phones(KOLKATA)
    ben.goto("/auth/register")  # Ben is about to sign up
    register(ana, "Ana")
    ana.get_by_role("button", name="Invite my partner").click()
    ends = ana.get_by_test_id("invite-expires")
    moment = ends.get_attribute("datetime")  # UTC, as the server keeps it
    assert moment and moment.endswith("Z")
    in_los_angeles = Reader(ZoneInfo(LOS_ANGELES))
    expect(ends).to_have_text(day_time(moment, in_los_angeles))  # learned from her browser at sign-up: no "UTC"
    assert shown_by_the_script(ana, moment)["dayTime"] == day_time(moment, in_los_angeles)
    assert shown_by_the_script(ben, moment) == {
        "day": day(moment, Reader(ZoneInfo(KOLKATA))), "dayTime": day_time(moment, Reader(ZoneInfo(KOLKATA))),
        "clock": day_time(moment, Reader(ZoneInfo(KOLKATA))).rsplit(", ", 1)[1]}
    assert shown_by_the_script(ana, "2027-01-24") == {"day": "24 Jan 2027", "dayTime": "Sun 24 Jan 2027", "clock": ""}

    copy = ana.get_by_test_id("copy-link")
    link = ana.get_by_test_id("invite-link").input_value()
    copy.click()
    expect(copy).to_have_text("Copied")
    expect(ana.get_by_test_id("copy-said")).to_have_text("The link is copied. Paste it in a message to your partner.")
    assert ana.evaluate("navigator.clipboard.readText()") == link
    audit(ana, "ana: the invitation, its link copied")
    ana.screenshot(path=tmp_path / "invitation-copied-phone.png", full_page=True)

    register(ben, "Ben")
    ben.goto(link)
    expect(ben.get_by_role("heading", level=1)).to_have_text("Ana invited you")
    ben.get_by_role("button", name="Join", exact=True).click()
    expect(ben.get_by_role("heading", name="Your room")).to_be_visible()

    ben.goto("/account/")
    expect(ben.get_by_test_id("shown-in")).to_have_text("Dates and times are shown in Asia/Kolkata time.")
    ben.goto("/account/sign-ins/")
    signed_in = ben.get_by_test_id("sign-in").first.locator("time").first
    when = signed_in.get_attribute("datetime")
    assert when
    expect(signed_in).to_have_text(day_time(when, Reader(ZoneInfo(KOLKATA))))
    assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}",
                        signed_in.inner_text())
    assert datetime.fromisoformat(when).tzinfo is not None

    cleo = phones("Europe/Berlin")
    register(cleo, "Cleo")
    cleo.goto(link)
    heading = cleo.get_by_role("heading", level=1)
    expect(heading).to_have_text("This invitation link can't be used")
    expect(cleo.locator("main")).not_to_contain_text("Ana")
    expect(cleo.get_by_role("button", name="Join", exact=True)).to_have_count(0)
    audit(cleo, "cleo: a used invitation link")
    cleo.screenshot(path=tmp_path / "used-link-phone.png", full_page=True)
