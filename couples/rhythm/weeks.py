"""The week as a couple lives it: when the next check-in is, how to say so, and which weeks held one.

Pure: every function is handed the moment it needs (UTC without tzinfo, as couples.clock gives it) and
reads no clock and no database. Local times are the schedule's own time zone (IANA, through zoneinfo),
so "Sunday 8 pm" stays 8 pm on Sunday across a daylight-saving change while its UTC hour moves.

A week, for counting, is the seven days around its check-in day: three before, the day, three after.
A check-in held a day early or late still belongs to its week.
"""

from __future__ import annotations

import re

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DURATION = timedelta(minutes=45)  # how long a check-in is, for calendars and for "happening now"
KEPT_WEEKS = 6  # "you've checked in 5 of the last 6 weeks" looks back this many weeks at most
EVENING = time(17)  # a check-in from 5 pm on is "tonight"; earlier in the day it is "today"
NOT_ZONES = {"Factory", "localtime", "posixrules"}  # files in the zone database that are not places


@dataclass(frozen=True)
class Weekly:
    """A weekly moment: `weekday` 0 (Monday) to 6 (Sunday), at `local_time` in the IANA zone `timezone`."""

    weekday: int
    local_time: time
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, now: datetime) -> datetime:
        """`now` (UTC, naive) as the clock on the wall where the schedule lives (aware)."""
        return now.replace(tzinfo=UTC).astimezone(self.zone)

    def on(self, day: date) -> datetime:
        """The check-in on local date `day` (aware, in the schedule's zone)."""
        return datetime.combine(day, self.local_time, tzinfo=self.zone)

    def next_start(self, now: datetime) -> datetime:
        """The next check-in that hasn't ended by `now` (UTC, naive), as an aware local datetime: tonight's stays
        "next" until DURATION after it began."""
        today = self.local(now).date()
        start = self.on(today + timedelta(days=(self.weekday - today.weekday()) % 7))
        if (start + DURATION).astimezone(UTC) <= now.replace(tzinfo=UTC):
            start = self.on(start.date() + timedelta(days=7))
        return start


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name this machine's zone database knows (the tzdata package when the system has none)."""
    return frozenset(available_timezones() - NOT_ZONES)


def clock_words(moment: time) -> str:
    """A time as people say it: "8 pm", "8:30 am", "noon", "midnight"."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def when_words(weekly: Weekly, every: bool = False) -> str:
    """How an evening is said: "Sunday 8 pm", or with `every` "Sundays at 8 pm" (a standing evening)."""
    day = WEEKDAYS[weekly.weekday]
    return f"{day}s at {clock_words(weekly.local_time)}" if every else f"{day} {clock_words(weekly.local_time)}"


def soon_words(start: datetime, now: datetime) -> str:
    """How far off a check-in starting at `start` (aware) is from `now` (UTC, naive), by the calendar where it
    happens: "happening now", "tonight", "today", "tomorrow", "in 3 days", "in a week"."""
    local_now = now.replace(tzinfo=UTC).astimezone(start.tzinfo)
    if start.astimezone(UTC) <= local_now.astimezone(UTC):
        return "happening now"
    days = (start.date() - local_now.date()).days
    if days == 0:
        return "tonight" if start.time() >= EVENING else "today"
    if days == 1:
        return "tomorrow"
    return "in a week" if days == 7 else f"in {days} days"


def week_of(weekday: int, day: date) -> date:
    """The check-in day whose week holds `day` (from three days before that check-in day to three after)."""
    offset = (day.weekday() - weekday) % 7  # days since the last check-in day, 0..6
    return day - timedelta(days=offset) if offset <= 3 else day + timedelta(days=7 - offset)


@dataclass(frozen=True)
class Kept:
    """How many of the weeks looked back on held a check-in; whether the last whole week went by without one."""

    held: int
    weeks: int
    last_week_quiet: bool


def weeks_kept(weekday: int, checkin_days: Iterable[date], since: date, today: date,
               look_back: int = KEPT_WEEKS) -> Kept:
    """Count the couple's weeks kindly, from the local dates their check-ins started on.

    Looked at: this week if it already held a check-in (a week still under way never counts against them),
    then up to `look_back` weeks before it, most recent first. A week from before `since` (the day the rhythm
    was agreed) counts only if it held a check-in: a week is never "missed" before the couple chose one.
    """
    held = {week_of(weekday, day) for day in checkin_days}
    this_week = week_of(weekday, today)
    weeks = [this_week] if this_week in held else []
    for back in range(1, look_back + 1):
        week = this_week - timedelta(weeks=back)
        if week in held or week - timedelta(days=3) >= since:
            weeks.append(week)
    weeks = weeks[:look_back]
    last_week = this_week - timedelta(weeks=1)
    return Kept(held=sum(week in held for week in weeks), weeks=len(weeks),
                last_week_quiet=last_week in weeks and last_week not in held)


def kept_words(kept: Kept) -> str | None:
    """The kind count ("You've checked in 5 of the last 6 weeks."), or None when there is nothing to celebrate
    yet: a count of nought is never shown."""
    if kept.held == 0:
        return None
    if kept.weeks == 1:
        return "A week with a check-in together: a lovely start."
    if kept.held == kept.weeks:
        return f"You've checked in each of the last {kept.weeks} weeks."
    return f"You've checked in {kept.held} of the last {kept.weeks} weeks."


def zone_words(zone: str) -> str:
    """How a time zone is named to people: "Europe/Berlin", "UTC", and "UTC+5" for Etc/GMT-5 (whose IANA
    name counts the other way)."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d+)", zone)
    if match:
        return f"UTC{'-' if match[1] == '+' else '+'}{match[2]}"
    return "UTC" if zone in ("Etc/UTC", "UTC", "Etc/GMT", "GMT", "Etc/UCT", "UCT", "Zulu") else zone

