"""The rhythm page's forms (Flask-WTF, with CSRF): proposing a check-in evening, and one's reminder choice.

A time is read the ways people write it ("20:00", "8:30 pm", "8pm"); a time zone by its IANA name, any case,
or by its city alone when only one zone has it ("berlin", "New York"). Empty means UTC.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in WTForms 3.3; types lag
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import TimeInput

from couples.forms import stripped
from couples.rhythm.weeks import WEEKDAYS, Weekly, zone_names

TIME = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
FALLBACK_ZONE = "UTC"
WEEKDAY_NEEDED = "Please choose a day of the week."
TIME_NEEDED = "Please give a time like 20:00 or 8:30 pm."
ZONE_UNKNOWN = ("We don't know that time zone. Try a name like Europe/Berlin or America/New_York, "
                "or leave it empty for UTC.")


def parse_time(text: str) -> time | None:
    """"20:00", "8:30 pm", "8pm", "20:00:00" (what a time input sends) as a time; None for one that can't be
    ("25:61", "noonish")."""
    match = TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), (match[4] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or int(match[3] or 0) > 59:
        return None
    return time(hour, minute)


# Offsets people write ("GMT+5", "UTC-3") mean hours ahead of or behind UTC; the IANA names for them count
# the other way (Etc/GMT-5 is five hours ahead), so "GMT+5" taken literally put Karachi ten hours out.
WRITTEN_OFFSET = re.compile(r"^(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?00)?$", re.IGNORECASE)
# Old names some browsers still report, and the names the zone database uses now (tzdata's "backward").
RENAMED = {"Europe/Kiev": "Europe/Kyiv", "Europe/Uzhgorod": "Europe/Kyiv", "Europe/Zaporozhye": "Europe/Kyiv",
           "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Rangoon": "Asia/Yangon",
           "Asia/Katmandu": "Asia/Kathmandu", "Asia/Dacca": "Asia/Dhaka", "Asia/Thimbu": "Asia/Thimphu",
           "Asia/Ulan_Bator": "Asia/Ulaanbaatar", "Asia/Chongqing": "Asia/Shanghai",
           "America/Buenos_Aires": "America/Argentina/Buenos_Aires", "America/Godthab": "America/Nuuk",
           "Atlantic/Faeroe": "Atlantic/Faroe", "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei",
           "US/Eastern": "America/New_York", "US/Central": "America/Chicago", "US/Mountain": "America/Denver",
           "US/Pacific": "America/Los_Angeles"}


def zone_named(text: str) -> str | None:
    """The IANA zone `text` names (exactly, in any case, or by its unique city), under its current name
    ("Europe/Kiev" is Europe/Kyiv); "GMT+5" / "UTC-3" as the hours they say; None for one we don't know."""
    found = _zone_named(text)
    return RENAMED.get(found, found) if found else None


def _zone_named(text: str) -> str | None:
    offset = WRITTEN_OFFSET.match(text.strip())
    if offset:
        sign, hours = offset.groups()
        if int(hours) == 0:
            return "Etc/UTC"
        name = f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}"
        return name if name in zone_names() else None
    wanted = text.strip().replace(" ", "_")
    if wanted in zone_names():
        return wanted
    folded = wanted.casefold()
    exact = [name for name in zone_names() if name.casefold() == folded]
    if exact:
        return exact[0]
    by_city = [name for name in zone_names() if "/" in name and name.rsplit("/", 1)[1].casefold() == folded]
    return by_city[0] if len(by_city) == 1 else None


class DayField(SelectField):
    """The weekday select: a day left out, one out of range or one that isn't a number all get WEEKDAY_NEEDED."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(WEEKDAY_NEEDED) from error

    def pre_validate(self, form: FlaskForm) -> None:
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(WEEKDAY_NEEDED) from error


class ProposalForm(FlaskForm):
    """A check-in evening to suggest: a weekday, a time, and the time zone it is in (the browser's, filled in
    by static/js/rhythm/timezone.js, unless the person chooses another)."""

    weekday = DayField("Day", choices=[SelectChoice(number, name) for number, name in enumerate(WEEKDAYS)], coerce=int,
                       validators=[InputRequired(WEEKDAY_NEEDED)])
    local_time = StringField("Time", filters=[stripped], widget=TimeInput(),  # a text box where there's no time picker
                             validators=[InputRequired(TIME_NEEDED), Length(max=20, message=TIME_NEEDED)])
    timezone = StringField("Time zone", filters=[stripped], validators=[Length(max=64, message=ZONE_UNKNOWN)])

    def validate_local_time(self, field: Any) -> None:
        if parse_time(field.data or "") is None:
            raise ValidationError(TIME_NEEDED)

    def validate_timezone(self, field: Any) -> None:
        if field.data and zone_named(field.data) is None:
            raise ValidationError(ZONE_UNKNOWN)

    def weekly(self) -> Weekly:
        """The evening this (validated) form describes."""
        zone = zone_named(self.timezone.data) if self.timezone.data else None
        return Weekly(self.weekday.data, parse_time(self.local_time.data or "") or time(20), zone or FALLBACK_ZONE)


class ReminderForm(FlaskForm):
    """One's own choice: an email on the morning of the check-in's day."""

    email = BooleanField("Email me on the day of our check-in")
