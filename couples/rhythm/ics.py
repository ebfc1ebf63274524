"""The couple's check-in as a calendar file (RFC 5545, written by the icalendar library) each partner can add.

One VEVENT repeating weekly (RRULE FREQ=WEEKLY) from the first check-in after the evening was agreed, its
DTSTART in the schedule's own zone (TZID, with the VTIMEZONE that defines it), so calendars keep it at
the chosen local time across daylight-saving changes. Its UID is the same for every download and both
partners (a calendar replaces the event it has; SEQUENCE grows with each change). Nothing private is in
it: a neutral title, the room's link, and how long it lasts.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, Timezone

from couples.rhythm.weeks import DURATION, Weekly

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ZONE_YEARS = 25  # the VTIMEZONE lists daylight-saving changes this many years ahead of the first check-in
TITLE = "Our weekly check-in"


def uid_for(couple_id: int, secret: str) -> str:
    """The event's UID: stable for the couple on this deployment, and saying nothing of who they are."""
    digest = hashlib.sha256(f"hearth-checkin:{secret}:{couple_id}".encode()).hexdigest()[:32]
    return f"{digest}@hearth-checkin"


def checkin_calendar(weekly: Weekly, agreed_at: datetime, sequence: int, uid: str, room_url: str,
                     now: datetime) -> bytes:
    """The .ics bytes for `weekly`, first on the check-in after `agreed_at` (UTC, naive); `now` stamps it."""
    first = weekly.next_start(agreed_at)
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Weekly check-in//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if weekly.timezone != "UTC":  # a UTC time is written with Z and needs no VTIMEZONE
        calendar.add_component(Timezone.from_tzid(weekly.timezone, first_date=first.date() - timedelta(days=1),
                                                  last_date=first.date() + timedelta(days=366 * ZONE_YEARS)))
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.replace(tzinfo=UTC))
    event.add("sequence", sequence)
    event.add("summary", TITLE)
    event.add("dtstart", first)
    event.add("duration", DURATION)
    event.add("rrule", {"freq": "weekly", "byday": DAYS[weekly.weekday]})
    event.add("url", room_url)
    event.add("description", f"Your weekly check-in together, about {DURATION.seconds // 60} minutes.\n"
                             f"Your room: {room_url}")
    calendar.add_component(event)
    return calendar.to_ical()
