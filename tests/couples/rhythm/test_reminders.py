"""Reminders on the check-in's day, sent by `flask rhythm send-reminders` through a real SMTP server
(aiosmtpd): only to partners who asked, once a day, in the couple's own morning, with nothing private in
them, and a one-click unsubscribe (RFC 8058) that needs no sign-in."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app import create_app
from couples.extensions import db
from couples.rhythm import Reminder
from tests.couples.rhythm.helpers import agree, finished_checkin, set_clock
from tests.support import smtp
from tests.support.smtp import BASE, body_of, free_port

SUNDAY_MORNING = datetime(2027, 1, 10, 6, 30)  # 7:30 in Berlin, on the day of a Sunday 8 pm check-in


inbox, app = smtp.inbox, smtp.app_mailing_to_inbox  # fixtures: an SMTP server, the app sending to it (not conftest's)


def send(app) -> str:
    """Run the command as cron would; what it printed."""
    result = app.test_cli_runner().invoke(args=["rhythm", "send-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def want_reminders(person, on: bool = True):
    data = {"email": "y"} if on else {}
    response = person.post("/rhythm/reminders", data, form_path="/rhythm/")
    assert response.status_code == 302
    return response


@pytest.fixture
def evening(app, couple, monkeypatch):
    """Ana and Ben agreed on Sundays at 8 pm in Berlin; Ana asked for reminders, Ben didn't."""
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 1, 4, 12, 0))
    agree(app, ana, ben, weekday=6, local_time="20:00", timezone="Europe/Berlin")
    want_reminders(ana)
    return ana, ben


def test_only_who_asked_gets_one_warm_email_on_the_day_and_a_second_run_sends_nothing(app, evening, inbox,
                                                                                      monkeypatch):
    ana, ben = evening
    set_clock(monkeypatch, SUNDAY_MORNING)
    assert "Check-in reminders sent: 1." in send(app)
    (email,) = inbox.emails
    assert email["To"] == "ana@example.org" and email["From"] == "Hearth <hearth@hearth.example>"
    assert email["Subject"] == "Your check-in is tonight at 8 pm"
    body = body_of(email)
    assert body.startswith("Hello Ana,") and "tonight at 8 pm (Europe/Berlin time)" in body
    assert f"Your room: {BASE}/" in body
    assert len(body.split()) < 80  # brief

    assert "Check-in reminders sent: 0." in send(app)  # an hour later, by cron
    set_clock(monkeypatch, datetime(2027, 1, 10, 12, 0))
    assert "Check-in reminders sent: 0." in send(app)
    assert len(inbox.emails) == 1

    set_clock(monkeypatch, datetime(2027, 1, 17, 7, 0))  # the next Sunday
    send(app)
    assert [e["To"] for e in inbox.emails] == ["ana@example.org"] * 2


@pytest.mark.parametrize("now", [
    datetime(2027, 1, 9, 10, 0),  # Saturday
    datetime(2027, 1, 10, 5, 30),  # Sunday, 6:30 in Berlin: too early to wake anyone
    datetime(2027, 1, 10, 19, 0),  # Sunday, 8 pm in Berlin: it has begun
    datetime(2027, 1, 11, 7, 0),  # Monday
])
def test_no_reminder_on_other_days_before_seven_or_once_the_check_in_has_begun(app, evening, inbox, monkeypatch, now):
    set_clock(monkeypatch, now)
    send(app)
    assert inbox.emails == []


def test_an_early_check_in_is_reminded_two_hours_before(app, couple, inbox, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 1, 4, 12, 0))
    agree(app, ana, ben, weekday=6, local_time="6:30", timezone="Europe/Berlin")
    want_reminders(ben)
    set_clock(monkeypatch, datetime(2027, 1, 10, 3, 0))  # 4 am in Berlin
    send(app)
    set_clock(monkeypatch, datetime(2027, 1, 10, 3, 45))  # 4:45 am
    send(app)
    (email,) = inbox.emails
    assert email["To"] == "ben@example.org" and email["Subject"] == "Your check-in is today at 6:30 am"


def test_the_day_is_the_couples_own_not_the_servers(app, evening, accounts, inbox, monkeypatch):
    olga, oscar = accounts.couple("olga", "oscar")
    agree(app, olga, oscar, weekday=6, local_time="19:00", timezone="America/Los_Angeles")
    want_reminders(oscar)
    set_clock(monkeypatch, SUNDAY_MORNING)  # Saturday 10:30 pm in Los Angeles
    send(app)
    assert [e["To"] for e in inbox.emails] == ["ana@example.org"]
    set_clock(monkeypatch, datetime(2027, 1, 10, 16, 0))  # Sunday 8 am in Los Angeles, Sunday 5 pm in Berlin
    send(app)
    assert [e["To"] for e in inbox.emails] == ["ana@example.org", "oscar@example.org"]


def test_the_email_holds_nothing_private(app, evening, inbox, monkeypatch):
    ana, ben = evening
    finished_checkin(app, ana, ben, datetime(2027, 1, 3, 19, 0), with_requests=True)
    set_clock(monkeypatch, SUNDAY_MORNING)
    send(app)
    (email,) = inbox.emails
    raw = email.as_string()
    for private in ("frazzled", "hopeful", "soup", "stung", "ate together", "texted", "Thursday", "Ben"):
        assert private not in raw


def test_one_click_unsubscribe_needs_no_sign_in_and_stops_the_emails(app, evening, inbox, monkeypatch):
    set_clock(monkeypatch, SUNDAY_MORNING)
    send(app)
    (email,) = inbox.emails
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(.+)>", email["List-Unsubscribe"].strip()).group(1)  # a long header may be folded
    assert link.startswith(f"{BASE}/rhythm/unsubscribe/") and link in body_of(email)
    path = link.removeprefix(BASE)

    stranger = app.test_client()  # a mail client: no cookies, no CSRF token
    page = stranger.get(path)
    assert page.status_code == 200 and 'data-testid="unsubscribe-confirm"' in page.get_data(as_text=True)
    assert reminders_of(app, evening[0]) is True  # looking changes nothing
    response = stranger.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "No more reminder emails" in response.get_data(as_text=True)
    assert reminders_of(app, evening[0]) is False

    set_clock(monkeypatch, datetime(2027, 1, 17, 7, 0))
    send(app)
    assert len(inbox.emails) == 1


def reminders_of(app, person) -> bool:
    with app.app_context():
        return db.session.get(Reminder, person.id).email


@pytest.mark.parametrize("token", ["nonsense", "WzEsImFiYyJd.bad-signature"])
def test_a_token_that_isnt_ours_is_a_kind_404_and_changes_nothing(app, evening, token):
    for method in ("get", "post"):
        response = getattr(app.test_client(), method)(f"/rhythm/unsubscribe/{token}")
        assert response.status_code == 404 and "doesn't work any more" in response.get_data(as_text=True)
    assert reminders_of(app, evening[0]) is True


def test_turning_reminders_off_on_the_page_stops_them(app, evening, inbox, monkeypatch):
    ana, _ = evening
    page = ana.client.get("/rhythm/").get_data(as_text=True)
    assert re.search(r'<input checked id="email" name="email" type="checkbox"', page)
    want_reminders(ana, on=False)
    set_clock(monkeypatch, SUNDAY_MORNING)
    send(app)
    assert inbox.emails == []


def test_an_email_the_server_refused_goes_on_the_next_run(app, evening, inbox, monkeypatch, tmp_path):
    set_clock(monkeypatch, SUNDAY_MORNING)
    broken = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                         "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                         **inbox.settings(), "MAIL_PORT": free_port()})  # nobody listens there
    assert "Check-in reminders sent: 0." in send(broken)
    with broken.app_context():
        assert db.session.get(Reminder, evening[0].id).last_sent_on is None
        db.session.remove()  # give its connection back before the pool goes, or it is dropped still open
        db.engine.dispose()
    assert "Check-in reminders sent: 1." in send(app)
    with app.app_context():
        assert db.session.get(Reminder, evening[0].id).last_sent_on == date(2027, 1, 10)


def test_without_a_mail_server_the_email_is_written_under_the_instance_folder(app, evening, monkeypatch, tmp_path):
    set_clock(monkeypatch, SUNDAY_MORNING)
    folder = tmp_path / "instance-mail"
    offline = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": False,
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "MAIL_FILE_PATH": str(folder), "HEARTH_BASE_URL": BASE})
    assert offline.config["MAIL_BACKEND"] == "file"
    assert "Check-in reminders sent: 1." in send(offline)
    with offline.app_context():
        db.session.remove()
        db.engine.dispose()
    (written,) = folder.iterdir()
    text = written.read_text()
    assert "To: ana@example.org" in text and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text


def test_the_default_mail_folder_is_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("MAIL_FILE_PATH", raising=False)  # the suite sends file mail to a temporary folder
    assert create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "HEARTH_LOAD_NLP": False}).config["MAIL_FILE_PATH"].endswith("instance/mail")
