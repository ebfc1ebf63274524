"""A phone drops its cookies while Ana writes a long journal entry: on "Keep it" her words stay on screen (to
copy, or to send), and once she has signed in again in another tab, "Send again" keeps them. If someone else
signs in in that tab instead, "Send again" keeps nothing in their journal: Ana's words stay to copy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.audit import prepare
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

PASSWORD = "a long quiet evening"
WORDS = ("We were at my sister's and it came up again, the money, in front of everyone.\n\n"
         "I said: you never back me up. They went quiet and I felt small and angry at once.\n"
         + "I kept going over it on the way home. " * 30).strip()


def seed_ana(database_url: str, *others: str) -> str:
    """Ana's account (and one for each of `others`, by first name, same password), written straight into the
    server's database (sign-up itself is tested elsewhere)."""
    from app import create_app
    from couples.accounts import User
    from couples.clock import utcnow
    from couples.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "HEARTH_LOAD_NLP": False, "SECRET_KEY": "seed"})
    with app.app_context():
        for name in ("Ana", *others):
            person = User(email=f"{name.lower()}@example.org", display_name=name, email_confirmed_at=utcnow())
            person.set_password(PASSWORD)
            db.session.add(person)
        db.session.commit()
        db.engine.dispose()
    return "ana@example.org"


def sign_in(page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_have_count(0)


def test_words_typed_while_the_cookies_went_survive_and_are_sent_after_signing_in(browser, live_server, tmp_path,
                                                                                   audit):
    email = seed_ana(f"sqlite:///{tmp_path / 'browser.sqlite'}")
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    prepare(context)
    page = context.new_page()
    try:
        sign_in(page, email)
        page.goto("/me/journal/")
        page.get_by_label("The situation, in a few words").fill("At my sister's")
        page.get_by_label("What happened").fill(WORDS)
        context.clear_cookies()  # the phone let the session go while she wrote
        page.get_by_role("button", name="Keep it").click()

        expect(page.get_by_role("heading", name="You've been signed out")).to_be_visible()
        expect(page.get_by_label("What happened", exact=True)).to_have_value(WORDS)  # the form's own labels
        expect(page.get_by_label("The situation, in a few words")).to_have_value("At my sister's")
        audit(page, "send again, signed out")
        page.screenshot(path=tmp_path / "signed-out.png", full_page=True)
        page.get_by_test_id("copy-words").click()
        expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == f"At my sister's\n\n{WORDS}"

        page.get_by_role("button", name="Send again").click()  # not signed in yet: she is told, nothing lost
        expect(page.get_by_test_id("send-again-note")).to_contain_text("not signed in here yet")
        expect(page.get_by_label("What happened", exact=True)).to_have_value(WORDS)

        with context.expect_page() as opened:
            page.get_by_test_id("sign-in-elsewhere").click()
        other_tab = opened.value
        other_tab.wait_for_load_state()
        other_tab.get_by_label("Email").fill(email)
        other_tab.get_by_label("Password").fill(PASSWORD)
        other_tab.get_by_role("button", name="Sign in").click()
        expect(other_tab.get_by_role("heading", name="Welcome back")).to_have_count(0)

        page.bring_to_front()
        page.get_by_role("button", name="Send again").click()
        expect(page.get_by_text("Kept.")).to_be_visible()
        page.get_by_role("link", name="Open").first.click()
        expect(page.get_by_label("What happened")).to_have_value(WORDS)  # every word of it, kept
        page.screenshot(path=tmp_path / "sent-again.png", full_page=True)
    finally:
        context.close()


def test_send_again_never_keeps_words_in_the_journal_of_someone_else_who_signed_in(browser, live_server, tmp_path,
                                                                                   audit):
    """The newcomer trial's leak: Ana's page, signed out; Ben signs in in the new tab on the same phone; "Send
    again" must not put Ana's journal entry into Ben's journal. Her words stay on screen, to copy."""
    email = seed_ana(f"sqlite:///{tmp_path / 'browser.sqlite'}", "Ben")
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    prepare(context)
    page = context.new_page()
    try:
        sign_in(page, email)
        page.goto("/me/journal/")
        page.get_by_label("The situation, in a few words").fill("Ana at her sister's")
        page.get_by_label("What happened").fill(WORDS)
        context.clear_cookies()
        page.get_by_role("button", name="Keep it").click()
        expect(page.get_by_role("heading", name="You've been signed out")).to_be_visible()

        with context.expect_page() as opened:
            page.get_by_test_id("sign-in-elsewhere").click()
        other_tab = opened.value
        other_tab.wait_for_load_state()
        other_tab.get_by_label("Email").fill("ben@example.org")  # someone else, on the same phone
        other_tab.get_by_label("Password").fill(PASSWORD)
        other_tab.get_by_role("button", name="Sign in").click()
        expect(other_tab.get_by_role("heading", name="Welcome back")).to_have_count(0)

        page.bring_to_front()
        page.get_by_role("button", name="Send again").click()
        expect(page.get_by_test_id("send-again-why")).to_have_text(
            "These words were written while someone else was signed in here, so we haven't saved them. "
            "Copy them if they're yours.")
        expect(page.get_by_role("button", name="Send again")).to_have_count(0)
        expect(page.get_by_label("What happened", exact=True)).to_have_value(WORDS)
        audit(page, "send again, someone else signed in")
        page.screenshot(path=tmp_path / "someone-else.png", full_page=True)
        page.get_by_test_id("copy-words").click()
        assert page.evaluate("navigator.clipboard.readText()") == f"Ana at her sister's\n\n{WORDS}"

        other_tab.goto("/me/journal/")  # Ben's journal: nothing of Ana's
        expect(other_tab.get_by_text("Ana at her sister's")).to_have_count(0)
        expect(other_tab.get_by_text("Kept.")).to_have_count(0)
    finally:
        context.close()
