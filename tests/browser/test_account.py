"""Getting in and back in, in a real browser: sign up through the emailed link, the account page, a forgotten
password reset through its link (read from the folder this Hearth writes emails to), and a used link's kind
page; every state checked with axe-core."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import PASSWORD
from tests.support.mailbox import from_folder

pytestmark = pytest.mark.browser
NEW_PASSWORD = "a slow morning by the sea"


def mail_folder(page: Page) -> Path:
    return Path(page.get_by_test_id("mail-folder").locator("code").inner_text().strip())


def test_sign_up_account_page_and_a_forgotten_password(two_partners, audit):
    ana, _ = two_partners
    since = time.time()
    ana.goto("/auth/register")
    ana.get_by_label("Email").fill("ana@example.org")
    ana.get_by_label("What should your partner see you as?").fill("Ana")
    ana.get_by_label("Password").fill(PASSWORD)
    ana.get_by_role("button", name="Create account").click()
    expect(ana.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(ana.get_by_test_id("mail-folder")).to_contain_text("no mail server set up yet")
    audit(ana, "check your inbox after signing up")
    ana.goto(from_folder(mail_folder(ana), "ana@example.org", "/auth/confirm/", since))
    expect(ana).to_have_url(re.compile(r"/pair/$"))
    expect(ana.get_by_text("Welcome, Ana. Your email is confirmed.")).to_be_visible()

    ana.get_by_test_id("account-link").click()
    expect(ana.get_by_role("heading", name="Your account")).to_be_visible()
    audit(ana, "the account page")
    ana.get_by_label("What should your partner see you as?").fill("Ana B.")
    ana.get_by_role("button", name="Save my name").click()
    expect(ana.get_by_text("Your partner will see you as Ana B. from now on.")).to_be_visible()
    ana.get_by_label("Your current password").fill("not my password at all")
    ana.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    ana.get_by_label("New password again").fill(NEW_PASSWORD)
    ana.get_by_role("button", name="Change my password").click()
    expect(ana.get_by_label("Your current password")).to_be_focused()
    audit(ana, "the account page with a refused password")

    ana.get_by_role("button", name="Sign out").click()
    ana.get_by_role("link", name="Forgot your password?").click()
    audit(ana, "forgot your password?")
    since = time.time()
    ana.get_by_label("Email").fill("ana@example.org")
    ana.get_by_role("button", name="Send me a link").click()
    expect(ana.get_by_text("If there's an account for that address, a link is on its way.")).to_be_visible()
    audit(ana, "a link is on its way")
    link = from_folder(mail_folder(ana), "ana@example.org", "/auth/reset/", since)
    ana.goto(link)
    audit(ana, "choose a new password")
    ana.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    ana.get_by_label("New password again").fill(NEW_PASSWORD)
    ana.get_by_role("button", name="Set my new password").click()
    expect(ana.get_by_text("Your new password is set, and you're signed in.")).to_be_visible()
    ana.goto(link)
    expect(ana.get_by_role("heading", name="This link doesn't work any more")).to_be_visible()
    audit(ana, "a used reset link")
