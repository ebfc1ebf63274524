"""The week's arithmetic and words, pure: the next check-in in its own zone, how soon it is, how a time is
said and read, and weeks kept, counted kindly."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from couples.rhythm.forms import parse_time, zone_named
from couples.rhythm.weeks import Kept, Weekly, clock_words, kept_words, soon_words, week_of, weeks_kept, when_words

SUNDAY_EIGHT_BERLIN = Weekly(6, time(20), "Europe/Berlin")


@pytest.mark.parametrize("typed, read", [
    ("20:00", time(20)), ("8:30 pm", time(20, 30)), ("8pm", time(20)), ("8 P.M.", time(20)), ("12 am", time(0)),
    ("12:15 pm", time(12, 15)), ("07:05", time(7, 5)), ("19.45", time(19, 45)), ("20:00:00", time(20)),
    ("0:00", time(0)), ("23:59", time(23, 59)), (" 9 ", time(9)), ("８:00", time(8)),  # full-width digits, as typed
])
def test_times_are_read_the_ways_people_write_them(typed, read):
    assert parse_time(typed) == read


@pytest.mark.parametrize("typed", ["25:61", "24:00", "20:60", "13 pm", "0 am", "noonish", "", "8:3", "-1:00",
                                   "20:00:61", "8 m", "8 p"])
def test_impossible_times_are_not_read(typed):
    assert parse_time(typed) is None


@pytest.mark.parametrize("typed, zone", [("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
                                         ("Berlin", "Europe/Berlin"), ("los angeles", "America/Los_Angeles"),
                                         ("UTC", "UTC")])
def test_time_zones_are_read_by_name_in_any_case_or_by_their_city(typed, zone):
    assert zone_named(typed) == zone


@pytest.mark.parametrize("typed", ["Mars/Base", "localtime", "Factory", "", "Europe", "../etc/passwd"])
def test_unknown_time_zones_are_not_read(typed):
    assert zone_named(typed) is None


@pytest.mark.parametrize("moment, words", [(time(20), "8 pm"), (time(20, 30), "8:30 pm"), (time(0), "midnight"),
                                           (time(12), "noon"), (time(0, 30), "12:30 am"), (time(9, 5), "9:05 am")])
def test_times_are_said_as_people_say_them(moment, words):
    assert clock_words(moment) == words


def test_an_evening_is_said_once_or_every_week():
    assert when_words(SUNDAY_EIGHT_BERLIN) == "Sunday 8 pm"
    assert when_words(SUNDAY_EIGHT_BERLIN, every=True) == "Sundays at 8 pm"


def test_the_next_check_in_keeps_its_local_time_as_daylight_saving_moves_its_utc_hour():
    before = SUNDAY_EIGHT_BERLIN.next_start(datetime(2027, 3, 22, 12, 0))
    after = SUNDAY_EIGHT_BERLIN.next_start(datetime(2027, 3, 29, 12, 0))
    assert (before.date(), before.hour, before.utcoffset().seconds // 3600) == (date(2027, 3, 28), 20, 2)
    assert (after.date(), after.hour, after.utcoffset().seconds // 3600) == (date(2027, 4, 4), 20, 2)
    winter = SUNDAY_EIGHT_BERLIN.next_start(datetime(2027, 3, 15, 12, 0))
    assert (winter.hour, winter.utcoffset().seconds // 3600) == (20, 1)


@pytest.mark.parametrize("now, words", [
    (datetime(2027, 1, 10, 9, 0), "tonight"),
    (datetime(2027, 1, 8, 23, 30), "tomorrow"),  # Saturday 00:30 in Berlin, though Friday still in UTC
    (datetime(2027, 1, 8, 22, 30), "in 2 days"),
    (datetime(2027, 1, 4, 12, 0), "in 6 days"),
])
def test_how_soon_is_counted_by_the_calendar_where_it_happens(now, words):
    assert soon_words(SUNDAY_EIGHT_BERLIN.next_start(now), now) == words


def test_a_morning_check_in_is_today_not_tonight():
    morning = Weekly(6, time(9), "UTC")
    now = datetime(2027, 1, 10, 7, 0)
    assert soon_words(morning.next_start(now), now) == "today"


@pytest.mark.parametrize("day, week", [
    (date(2027, 1, 7), date(2027, 1, 10)),  # Thursday: three days before Sunday
    (date(2027, 1, 10), date(2027, 1, 10)),
    (date(2027, 1, 13), date(2027, 1, 10)),  # Wednesday: three days after
    (date(2027, 1, 14), date(2027, 1, 17)),
])
def test_a_week_is_the_seven_days_around_its_check_in_day(day, week):
    assert week_of(6, day) == week


def test_weeks_kept_count_only_weeks_that_could_have_held_one():
    today = date(2027, 1, 8)  # a Friday; this week's check-in is Sunday 10 January
    checked = [date(2027, 1, 3), date(2026, 12, 20), date(2026, 12, 13)]
    assert weeks_kept(6, checked, since=date(2026, 1, 1), today=today) == Kept(held=3, weeks=6, last_week_quiet=False)
    assert weeks_kept(6, checked[1:], since=date(2026, 1, 1), today=today) == Kept(2, 6, True)
    # agreed on 30 December: the weeks before count only where they held a check-in
    assert weeks_kept(6, checked, since=date(2026, 12, 30), today=today) == Kept(3, 3, False)
    assert weeks_kept(6, [], since=date(2027, 1, 5), today=today) == Kept(0, 0, False)
    # a check-in already this week counts; one not yet held this week never counts against them
    assert weeks_kept(6, [date(2027, 1, 7)], since=date(2027, 1, 5), today=today) == Kept(1, 1, False)


@pytest.mark.parametrize("kept, words", [
    (Kept(0, 6, True), None), (Kept(0, 0, False), None),
    (Kept(1, 1, False), "A week with a check-in together: a lovely start."),
    (Kept(5, 6, False), "You've checked in 5 of the last 6 weeks."),
    (Kept(4, 4, False), "You've checked in each of the last 4 weeks."),
])
def test_weeks_kept_are_said_kindly_and_never_as_nought(kept, words):
    assert kept_words(kept) == words


def test_written_offsets_and_old_zone_names_mean_what_people_mean():
    """Found by a newcomer: "GMT+5" was taken as Etc/GMT+5 (five hours behind), and Kyiv showed as Kiev."""
    from couples.rhythm.forms import zone_named
    from couples.rhythm.weeks import zone_words
    assert zone_named("GMT+5") == "Etc/GMT-5" and zone_words("Etc/GMT-5") == "UTC+5"
    assert zone_named("utc-3") == "Etc/GMT+3" and zone_words("Etc/GMT+3") == "UTC-3"
    assert zone_named("GMT+15") is None and zone_words(zone_named("gmt") or "") == "UTC"
    assert zone_named("Europe/Kiev") == "Europe/Kyiv" and zone_named("Asia/Calcutta") == "Asia/Kolkata"
    assert zone_named("Europe/Berlin") == "Europe/Berlin" and zone_words("Europe/Berlin") == "Europe/Berlin"
