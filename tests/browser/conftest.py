"""Real headless Chromium (Debian's) driven by Playwright, against a real server process.

Two browser contexts are two partners: separate cookies, separate sockets.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.audit import Auditor, prepare
from tests.support.server import ServerProcess

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
# What a page shows after a partner's socket moves (presence, a live event) can take several seconds on a
# busy two-core machine; Playwright's 5 s default failed there once while the page was right (CI, load 7).
expect.set_options(timeout=12_000)


@pytest.fixture
def live_server(tmp_path):
    # The quick exit leaves for a blank page here (these machines reach no other site).
    server = ServerProcess({"DATABASE_URL": f"sqlite:///{tmp_path / 'browser.sqlite'}",
                            "HEARTH_QUICK_EXIT_URL": "about:blank"}, tmp_path / "server.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def two_partners(browser, live_server, tmp_path):
    """Two phone-sized pages in separate contexts, as two partners on their own phones.

    Each page's last screen, console and page errors are kept in the test's folder for when it fails.
    """
    contexts = [browser.new_context(viewport=PHONE, base_url=live_server.url, device_scale_factor=2)
                for _ in range(2)]
    for context in contexts:
        prepare(context)
    pages = [context.new_page() for context in contexts]
    journal = (tmp_path / "console.log").open("w")
    for number, page in enumerate(pages, 1):
        page.set_default_timeout(15000)
        page.on("console", lambda message, n=number: journal.write(f"{n} {message.type}: {message.text}\n"))
        page.on("pageerror", lambda error, n=number: journal.write(f"{n} page error: {error}\n"))
        page.on("framenavigated", lambda frame, n=number: journal.write(f"{n} at {frame.url}\n")
                if frame.parent_frame is None else None)
    yield pages
    for number, page in enumerate(pages, 1):
        page.screenshot(path=tmp_path / f"last-screen-{number}.png", full_page=True)
    journal.close()
    for context in contexts:
        context.close()


@pytest.fixture
def audit(tmp_path):
    """`audit(page, "state")` checks a page with axe-core (WCAG 2.1 A/AA and best practice); the test fails at
    its end if any state it checked had a violation (all of them listed, and kept in axe.json)."""
    auditor = Auditor(tmp_path)
    yield auditor
    report = auditor.report()
    assert auditor.checked, "the test named no state to check"
    assert not auditor.problems, f"accessibility violations:\n{report}"
