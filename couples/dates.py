"""Dates and times as each person reads them: one format everywhere, in their own time zone.

Hearth stores every moment in UTC without tzinfo (couples.clock). Pages show one with a Jinja filter that
turns it into the clock of whoever is reading:

  {{ moment|day }}       "24 Jan 2027"
  {{ moment|day_time }}  "Sun 24 Jan 2027, 19:30"
  {{ moment|clock }}     "19:30"

Each takes a naive-UTC datetime, an aware one, an ISO 8601 string of either (as the export and the event log
write them: "2027-01-24T19:30:00Z"), a date or an ISO date ("2027-01-24": a calendar day, shown as it is,
never shifted), or None (""). Names of days and months are English whatever the server's locale.
static/js/dates.js writes the same shapes in the browser.

The reader's zone (`zone_of`): their own (`User.time_zone`, from their browser at sign-up or sign-in, or
chosen on the account page); until that is known, the zone of their couple's check-in evening; else UTC,
and then a time says so ("19:30 UTC"), so nobody takes a UTC time for their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, g, has_request_context
from flask_login import current_user
from jinja2 import Undefined

from couples.extensions import db

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class Reader:
    """Whose clock a page is written for: the zone, and whether it is only the UTC fallback (then said)."""

    zone: ZoneInfo
    says_utc: bool = False


def zone_named(text: str | None) -> str | None:
    """The IANA zone a browser (Intl.DateTimeFormat().resolvedOptions().timeZone) or a person names, read as
    the rhythm form reads it (old names under their current one: "Asia/Calcutta" is Asia/Kolkata); None for
    nothing or a zone this machine's zone database doesn't know."""
    if not text or len(text) > 64:
        return None
    # Imported here, not above: couples.rhythm imports couples.accounts, which imports this module.
    from couples.rhythm.forms import zone_named as named

    return named(text)


def zone_words(zone: str) -> str:
    """How a zone is named to people: "Europe/Berlin", "UTC", and "UTC+5" for Etc/GMT-5 (the rhythm page's words)."""
    from couples.rhythm.weeks import zone_words as words  # here for the same reason as in zone_named

    return words(zone)


def reader_of(user: Any) -> Reader:
    """The zone `user` reads times in (a signed-out visitor, or none: UTC, said)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Reader(UTC_ZONE, says_utc=True)
    if user.time_zone:
        return Reader(_zone(user.time_zone))
    couple = user.couple
    if couple is not None:
        from couples.rhythm import Schedule  # here for the same reason as in zone_named
        schedule = db.session.get(Schedule, couple.id)
        if schedule is not None:
            return Reader(_zone(schedule.timezone))
    return Reader(UTC_ZONE, says_utc=True)


def zone_of(user: Any) -> ZoneInfo:
    """The time zone `user` reads dates and times in: theirs, else their couple's check-in zone, else UTC."""
    return reader_of(user).zone


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError):  # a name the zone database lost since it was stored: UTC rather than a 500
        return UTC_ZONE


def _reader() -> Reader:
    """The signed-in person of this request (worked out once per request), or UTC outside one (an email)."""
    if not has_request_context():
        return Reader(UTC_ZONE, says_utc=True)
    if "date_reader" not in g:
        g.date_reader = reader_of(current_user)
    reader: Reader = g.date_reader
    return reader


def local(moment: Any, reader: Reader | None = None) -> datetime | date | None:
    """`moment` (see the module's docstring for what it may be) as the reader's wall clock shows it: an aware
    datetime in their zone; a calendar date stays as it is; None for nothing. ValueError for a string that
    is no ISO 8601 date or time."""
    if moment is None or isinstance(moment, Undefined) or moment == "":
        return None
    if isinstance(moment, str):
        moment = date.fromisoformat(moment) if len(moment) == 10 else datetime.fromisoformat(moment)
    if not isinstance(moment, datetime):
        return moment  # a date: a day on the calendar, the same everywhere
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone((reader or _reader()).zone)


def day(moment: Any, reader: Reader | None = None) -> str:
    """"24 Jan 2027": the day `moment` falls on where the reader is (this request's, unless `reader` is given)."""
    shown = local(moment, reader)
    return "" if shown is None else f"{shown.day} {MONTHS[shown.month - 1]} {shown.year}"


def day_time(moment: Any, reader: Reader | None = None) -> str:
    """"Sun 24 Jan 2027, 19:30" (and " UTC" after it while the reader's zone isn't known)."""
    reader = reader or _reader()
    shown = local(moment, reader)
    if shown is None:
        return ""
    when = f"{DAYS[shown.weekday()]} {shown.day} {MONTHS[shown.month - 1]} {shown.year}"
    if not isinstance(shown, datetime):
        return when
    return f"{when}, {_hours(shown, reader)}"


def clock(moment: Any, reader: Reader | None = None) -> str:
    """"19:30": the time on the reader's clock (and " UTC" after it while their zone isn't known)."""
    reader = reader or _reader()
    shown = local(moment, reader)
    return _hours(shown, reader) if isinstance(shown, datetime) else ""


def _hours(shown: datetime, reader: Reader) -> str:
    return f"{shown:%H:%M}" + (" UTC" if reader.says_utc else "")


FILTERS = {"day": day, "day_time": day_time, "clock": clock}


def init_app(app: Flask) -> None:
    """Give every template the filters `day`, `day_time` and `clock`."""
    app.jinja_env.filters.update(FILTERS)


__all__ = ["FILTERS", "Reader", "clock", "day", "day_time", "init_app", "local", "reader_of", "zone_named", "zone_of",
           "zone_words"]
