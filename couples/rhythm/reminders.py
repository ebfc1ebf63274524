"""Email reminders on the check-in's day, for each partner who asked for them, with a one-click way to stop.

`send_due(now)` is what `flask --app app rhythm send-reminders` runs from cron or a systemd timer, best
every hour: a partner who turned reminders on gets one email on the day of their couple's check-in, in
the morning where the couple lives (from 7 am, or two hours before an earlier check-in) and never once it
has begun. The local date sent is recorded before the email goes (compare-and-swap), so a second run the
same day, or two runs at once, send nothing twice; an email the server refused is un-recorded to go next run.

The email is warm and short and holds nothing private: the time, the room's link and how to stop. Its
unsubscribe link carries a signed token (itsdangerous, with the app's secret key) and is also in the
`List-Unsubscribe` header with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from flask import current_app, url_for
from flask_mailman import EmailMessage
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import CursorResult, or_, select, update

from couples.accounts import Couple, User
from couples.extensions import db
from couples.rhythm.models import Reminder, Schedule
from couples.rhythm.weeks import Weekly, clock_words, soon_words

logger = logging.getLogger(__name__)
SALT = "hearth-rhythm-unsubscribe"
EARLIEST = time(7)  # no reminder before 7 am where the couple lives...
AHEAD = timedelta(hours=2)  # ...unless the check-in is earlier: then from two hours before it


def unsubscribe_token(user: User) -> str:
    """A token that turns off `user`'s reminders; it never expires, and it stops working if their email changes."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT).dumps([user.id, _mark(user.email)])


def token_is_valid(token: str) -> bool:
    """Whether `token` is an unsubscribe token of ours for a person who still has this account and email."""
    return _reader(token) is not None


def unsubscribe(token: str) -> bool:
    """Turn off the reminders of the person `token` names; False for a token that isn't one of ours."""
    user = _reader(token)
    if user is None:
        return False
    db.session.execute(update(Reminder).where(Reminder.user_id == user.id).values(email=False))
    db.session.commit()
    return True


def _reader(token: str) -> User | None:
    try:
        user_id, mark = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT).loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    return user if user is not None and mark == _mark(user.email) else None


def _mark(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def window(weekly: Weekly, day: date) -> tuple[datetime, datetime]:
    """When the reminder for the check-in on local date `day` may go (aware, UTC): from 7 am there (or two
    hours before an earlier check-in, never before that day began) until the check-in starts."""
    start = weekly.on(day)
    opens = max(datetime.combine(day, time(0), tzinfo=weekly.zone),
                min(datetime.combine(day, EARLIEST, tzinfo=weekly.zone), start - AHEAD))
    return opens.astimezone(UTC), start.astimezone(UTC)


def due(now: datetime) -> Iterator[tuple[User, Weekly, date]]:
    """(person, their couple's check-in, its local date) for every partner whose reminder may go at `now`
    (UTC, naive) and hasn't gone that day."""
    near = {(now.weekday() + shift) % 7 for shift in (-1, 0, 1)}  # the local weekday is within a day of UTC's
    for schedule in db.session.scalars(select(Schedule).where(Schedule.weekday.in_(near))):
        weekly = schedule.weekly
        day = weekly.local(now).date()
        opens, starts = window(weekly, day)
        couple = db.session.get(Couple, schedule.couple_id)
        if day.weekday() != weekly.weekday or not opens <= now.replace(tzinfo=UTC) < starts or couple is None \
                or not couple.is_complete:
            continue
        wanting = set(db.session.scalars(select(Reminder.user_id).where(
            Reminder.user_id.in_([member.id for member in couple.members]), Reminder.email.is_(True),
            or_(Reminder.last_sent_on.is_(None), Reminder.last_sent_on != day))))
        for member in couple.members:
            if member.id in wanting:
                yield member, weekly, day


def send_due(now: datetime) -> int:
    """Send every reminder due at `now` (UTC, naive), each at most once a day; the number sent."""
    sent = 0
    for user, weekly, day in list(due(now)):
        previous = db.session.scalar(select(Reminder.last_sent_on).where(Reminder.user_id == user.id))
        claimed = db.session.execute(update(Reminder).where(
            Reminder.user_id == user.id, Reminder.email.is_(True),
            or_(Reminder.last_sent_on.is_(None), Reminder.last_sent_on != day)).values(last_sent_on=day))
        db.session.commit()
        if cast(CursorResult[Any], claimed).rowcount != 1:
            continue  # another run took it a moment ago
        try:
            message(user, weekly, day, now).send()
            sent += 1
        except Exception:  # a refused email goes next run; the rest still go now
            logger.exception("the check-in reminder to user %s was not sent", user.id)
            db.session.execute(update(Reminder).where(Reminder.user_id == user.id, Reminder.last_sent_on == day)
                               .values(last_sent_on=previous))
            db.session.commit()
    return sent


def message(user: User, weekly: Weekly, day: date, now: datetime) -> EmailMessage:
    """The reminder to `user`: the time, their room, the way to stop. Needs a request context for its links."""
    start = weekly.on(day)
    room, stop = url_for("room.home", _external=True), url_for("rhythm.unsubscribe", token=unsubscribe_token(user),
                                                                _external=True)
    when = f"{soon_words(start, now)} at {clock_words(weekly.local_time)}"
    body = (f"Hello {user.display_name},\n\n"
            f"Your check-in is {when} ({weekly.timezone} time). However the week has been, a little time "
            "together is enough.\n\n"
            f"Your room: {room}\n\n"
            f"You asked Hearth for this reminder. To stop these emails: {stop}\n")
    return EmailMessage(subject=f"Your check-in is {when}", body=body, to=[user.email],
                        headers={"List-Unsubscribe": f"<{stop}>",
                                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
