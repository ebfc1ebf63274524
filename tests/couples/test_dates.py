"""Every date and time in one format, on each person's own clock (couples/dates.py): Ana in Los Angeles and Ben
in Kolkata read the same moment as their own evening and morning; a zone not yet known is said to be UTC."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from couples.accounts import User
from couples.dates import Reader, clock, day, day_time, reader_of
from couples.extensions import db
from couples.log import ExerciseSession
from tests.couples.rhythm.helpers import agree
from tests.support.accounts import PASSWORD
from tests.support.sessions import play_checkin

MOMENT = datetime(2027, 1, 24, 19, 30)  # UTC, as Hearth stores it: a Sunday evening in London
LOS_ANGELES, KOLKATA = Reader(ZoneInfo("America/Los_Angeles")), Reader(ZoneInfo("Asia/Kolkata"))


@pytest.mark.parametrize("moment", [MOMENT, "2027-01-24T19:30:00Z", "2027-01-24T19:30:00",
                                    datetime(2027, 1, 25, 1, 0, tzinfo=ZoneInfo("Asia/Kolkata"))])
def test_one_moment_on_two_clocks(moment):
    assert (day(moment, LOS_ANGELES), day_time(moment, LOS_ANGELES), clock(moment, LOS_ANGELES)) == (
        "24 Jan 2027", "Sun 24 Jan 2027, 11:30", "11:30")
    assert (day(moment, KOLKATA), day_time(moment, KOLKATA), clock(moment, KOLKATA)) == (
        "25 Jan 2027", "Mon 25 Jan 2027, 01:00", "01:00")


def test_a_calendar_day_is_the_same_day_everywhere_and_nothing_is_empty():
    for reader in (LOS_ANGELES, KOLKATA):
        assert day(date(2027, 1, 24), reader) == day("2027-01-24", reader) == "24 Jan 2027"
        assert day_time("2027-01-24", reader) == "Sun 24 Jan 2027"
        assert clock("2027-01-24", reader) == ""
        assert day(None, reader) == day_time("", reader) == clock(None, reader) == ""


def test_a_time_in_the_fallback_zone_says_it_is_utc():
    unknown = Reader(ZoneInfo("UTC"), says_utc=True)
    assert day_time(MOMENT, unknown) == "Sun 24 Jan 2027, 19:30 UTC"
    assert clock(MOMENT, unknown) == "19:30 UTC"
    assert day(MOMENT, unknown) == "24 Jan 2027"  # a day alone needs no zone after it


def test_names_of_days_and_months_are_the_same_whatever_the_month():
    assert [day(datetime(2027, month, 1, 12), KOLKATA) for month in (5, 9, 12)] == [
        "1 May 2027", "1 Sep 2027", "1 Dec 2027"]


def words(response) -> str:
    """The page as read: tags gone, entities undone, every run of spaces and line breaks one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.get_data(as_text=True))).split())


def set_zone(person, zone: str):
    return person.post("/account/time-zone", {"time_zone": zone}, form_path="/account/")


def started_at(app, session_id: int, moment: datetime) -> None:
    with app.app_context():
        db.session.execute(update(ExerciseSession).where(ExerciseSession.id == session_id).values(started_at=moment))
        db.session.commit()


def test_ana_in_los_angeles_and_ben_in_kolkata_read_the_same_check_in_on_their_own_clocks(app, couple):
    ana, ben = couple
    assert set_zone(ana, "America/Los_Angeles").status_code == 302
    assert set_zone(ben, "kolkata").status_code == 302  # a city alone will do
    started_at(app, play_checkin(app, ana, ben), MOMENT)

    anas = ana.client.get("/your-data/export.html").get_data(as_text=True)
    bens = ben.client.get("/your-data/export.html").get_data(as_text=True)
    assert "Sun 24 Jan 2027, 11:30" in anas and "25 Jan 2027" not in anas
    assert "Mon 25 Jan 2027, 01:00" in bens and "24 Jan 2027, " not in bens
    assert "UTC" not in anas and "UTC" not in bens
    assert "2027-01-2" not in anas.split("</style>")[1]  # no ISO date in a sentence


def test_the_account_page_says_which_zone_and_keeps_a_new_one(app, couple):
    ana, _ = couple
    page = words(ana.client.get("/account/"))
    assert "We don't know your time zone yet, so times are shown in UTC." in page
    response = set_zone(ana, "Asia/Calcutta")  # an old name some browsers still say
    assert response.status_code == 302
    page = ana.client.get("/account/")
    assert "Dates and times are shown in Asia/Kolkata time from now on." in words(page)  # the flash, once
    assert "Dates and times are shown in Asia/Kolkata time." in words(page)
    assert 'value="Asia/Kolkata"' in page.get_data(as_text=True)


def test_a_zone_nobody_knows_is_refused_kindly_and_nothing_changes(app, couple):
    ana, _ = couple
    response = set_zone(ana, "Mars/Olympus_Mons")
    assert response.status_code == 422
    assert "We don't know that time zone." in words(response)
    assert 'value="Mars/Olympus_Mons"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.time_zone).filter_by(id=ana.id)) is None


def test_until_a_person_gives_their_zone_the_couples_check_in_zone_is_used(app, couple):
    ana, ben = couple
    agree(app, ana, ben, timezone="Asia/Kolkata")
    with app.app_context():
        reader = reader_of(db.session.get(User, ana.id))
    assert (str(reader.zone), reader.says_utc) == ("Asia/Kolkata", False)
    page = words(ana.client.get("/account/"))
    assert "shown in the time zone of your check-in, Asia/Kolkata." in page


def zone_of_person(app, email: str) -> str | None:
    with app.app_context():
        return db.session.scalar(select(User.time_zone).filter_by(email=email))


def sign_in_again(person, zone: str):
    """`person` signs out, then in again from a browser whose script says `zone`."""
    person.post("/auth/logout", {}, form_path="/account/")
    return person.post("/auth/login", {"email": person.email, "password": PASSWORD, "time_zone": zone})


def test_signing_in_keeps_the_browsers_zone_until_one_is_chosen(app, accounts):
    ana = accounts.person("ana")  # signed up by a client with no script: no zone said
    assert zone_of_person(app, ana.email) is None
    assert sign_in_again(ana, "Not/A_Zone").status_code == 302  # a zone that can't be read never refuses a sign-in
    assert zone_of_person(app, ana.email) is None
    assert sign_in_again(ana, "America/Los_Angeles").status_code == 302
    assert zone_of_person(app, ana.email) == "America/Los_Angeles"
    assert set_zone(ana, "Europe/Berlin").status_code == 302
    assert sign_in_again(ana, "Asia/Kolkata").status_code == 302  # a laptop elsewhere doesn't undo a choice
    assert zone_of_person(app, ana.email) == "Europe/Berlin"


def test_signing_up_keeps_the_browsers_zone(app, client):
    from tests.support.accounts import Person
    from tests.support.mailbox import from_outbox, link_in
    cleo = Person(name="Cleo", email="cleo@example.org", client=client)
    response = cleo.post("/auth/register", {"email": cleo.email, "display_name": "Cleo", "password": PASSWORD,
                                            "time_zone": "America/Los_Angeles"})
    assert response.status_code == 200
    assert client.get(link_in(from_outbox(app, cleo.email).body, "/auth/confirm/")).status_code == 302
    assert zone_of_person(app, cleo.email) == "America/Los_Angeles"


def test_the_sign_in_pages_carry_a_box_for_the_browsers_zone(client):
    for path in ("/auth/login", "/auth/register"):
        page = client.get(path).get_data(as_text=True)
        assert 'name="time_zone"' in page and "data-browser-zone" in page and "js/rhythm/timezone.js" in page
