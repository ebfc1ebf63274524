"""The couple's weekly rhythm: the check-in evening chosen together, its calendar file, reminders on the day.

  weeks.py      pure: the next check-in in the schedule's own time zone, how to say when, weeks kept
  schedule.py   one suggests an evening, the other says yes (or either takes it back); reminder choices
  panel.py      what the room shows of the week (`panel(couple, user)` for templates/rhythm/_panel.html)
  ics.py        the weekly check-in as an RFC 5545 calendar file (icalendar)
  reminders.py  emails on the check-in's day (Flask-Mailman), signed one-click unsubscribe (RFC 8058)
  pages.py      /rhythm: the page, its forms, the .ics, the unsubscribe link; `flask rhythm send-reminders`
  forms.py      the forms;  models.py  Schedule, Proposal, Reminder
"""

from couples.rhythm.models import Proposal, Reminder, Schedule
from couples.rhythm.pages import bp
from couples.rhythm.panel import panel

__all__ = ["Proposal", "Reminder", "Schedule", "bp", "panel"]
