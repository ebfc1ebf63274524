"""The check-in as a calendar file: RFC 5545 read back with icalendar, repeated weekly at the chosen local
time across daylight-saving changes (so its UTC hour moves), the same event for both partners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice

from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.couples.rhythm.helpers import agree, set_clock, suggest


def calendar_of(person) -> Calendar:
    response = person.client.get("/rhythm/checkin.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    return Calendar.from_ical(response.get_data())


def occurrences(calendar: Calendar, count: int, from_vtimezone: bool = False) -> list[datetime]:
    """The first `count` check-ins the file describes, expanded from its RRULE with dateutil. With
    `from_vtimezone`, local times are read with the file's own VTIMEZONE rather than this machine's zoneinfo."""
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    if from_vtimezone:
        (zone,) = calendar.walk("VTIMEZONE")
        start = start.replace(tzinfo=zone.to_tz())
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return list(islice(rule, count))


def test_every_weekly_check_in_is_at_the_chosen_local_time_across_both_daylight_saving_changes(app, couple,
                                                                                              monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 3, 1, 12, 0))
    agree(app, ana, ben, weekday=6, local_time="20:00", timezone="Europe/Berlin")
    calendar = calendar_of(ana)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event.decoded("DURATION") == timedelta(minutes=45)
    for from_vtimezone in (False, True):
        weeks = occurrences(calendar, 40, from_vtimezone)  # March 2027 to November 2027
        assert [w.date().isoformat() for w in weeks[:2]] == ["2027-03-07", "2027-03-14"]
        assert all(w.weekday() == 6 and (w.hour, w.minute) == (20, 0) for w in weeks)
        utc_hours = [w.astimezone(UTC).hour for w in weeks]
        by_date = dict(zip((w.date().isoformat() for w in weeks), utc_hours, strict=True))
        assert by_date["2027-03-21"] == 19  # CET, UTC+1
        assert by_date["2027-03-28"] == 18  # the clocks went forward that morning: CEST, UTC+2
        assert by_date["2027-10-24"] == 18
        assert by_date["2027-10-31"] == 19  # back to CET
        assert set(utc_hours) == {18, 19}


def test_the_file_has_its_vtimezone_a_stable_uid_the_rooms_link_and_nothing_private(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 3, 1, 12, 0))
    agree(app, ana, ben, weekday=2, local_time="19:30", timezone="America/New_York")
    raw = ana.client.get("/rhythm/checkin.ics").get_data(as_text=True)
    calendar = calendar_of(ana)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "America/New_York"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    (event,) = calendar.walk("VEVENT")
    assert str(event["URL"]) == "http://localhost/"
    assert "http://localhost/" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART").strftime("%A %H:%M") == "Wednesday 19:30"
    (theirs,) = calendar_of(ben).walk("VEVENT")
    assert str(theirs["UID"]) == str(event["UID"])  # the same event in both calendars, and in every download
    for private in ("Ana", "Ben", "ana@example.org", "ben@example.org"):
        assert private not in raw

    set_clock(monkeypatch, datetime(2027, 3, 10, 12, 0))
    agree(app, ben, ana, weekday=4, local_time="20:00", timezone="America/New_York")
    (changed,) = calendar_of(ana).walk("VEVENT")
    assert str(changed["UID"]) == str(event["UID"]) and changed["SEQUENCE"] > event.get("SEQUENCE", 0)


def test_a_utc_evening_is_written_in_utc(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 3, 1, 12, 0))
    agree(app, ana, ben, weekday=0, local_time="21:00", timezone="")
    weeks = occurrences(calendar_of(ben), 30)
    assert all((w.astimezone(UTC).weekday(), w.astimezone(UTC).hour) == (0, 21) for w in weeks)


def test_no_calendar_before_an_evening_is_agreed_and_none_for_another_couple(app, couple, outsider):
    ana, ben = couple
    suggest(ana)
    assert ana.client.get("/rhythm/checkin.ics").status_code == 404  # a suggestion isn't an evening yet
    agree(app, ana, ben)
    assert outsider.client.get("/rhythm/checkin.ics").status_code == 404  # theirs has none; ours isn't theirs
    assert app.test_client().get("/rhythm/checkin.ics").status_code == 302  # to sign in
