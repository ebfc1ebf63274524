"""People and their shared space, one package per capability (the picture is ../shared/DESIGN.md):

  accounts/    sign-up, sign-in and pairing; User, Couple, Invitation
  room/        the couple's room page, starting a session, each session's page
  live/        Socket.IO: presence, joining and acting in a session, private coaching as one types
  service/     one unit of work per thing done to a session (start, act) and each kind's options and outcome
  log/         the event log: sessions, their numbered events, facts, and the fold that rebuilds state
  coaching/    what nlp/ makes of a person's words, for them alone
  agreements/  agreements written by boundary talks, their reviews and pages
  scenes/      conflict scripts: the scene library, a couple's own scenes, solo practice
  checkin/     how the weekly check-in starts
  safety/      the quick exit on every page, what it can and cannot do, and the private safety check
  personal/    each person's own space: the attachment reflection, sharing it, when to ask for help
  history/     sessions to look back on, their transcripts, and trends
  ownership/   each person's data: the export, leaving a couple, deleting an account
  rhythm/      the weekly rhythm: the check-in evening chosen together, its calendar file, reminders
  db/          engine tuning for SQLite and PostgreSQL
  config.py, extensions.py, security.py, forms.py, clock.py  what every package shares
  ids.py       every row id a client sends, read one way: what no row could have names nothing (a 404)
  dates.py     every date and time in one format, on the reader's own clock (the filters day, day_time, clock)
"""

from couples import accounts, agreements, dates, history, ownership, personal, rhythm, room, safety, scenes

BLUEPRINTS = (*accounts.BLUEPRINTS, room.bp, agreements.bp, *scenes.BLUEPRINTS, safety.bp, personal.bp,
              *history.BLUEPRINTS, ownership.bp, rhythm.bp)

__all__ = ["BLUEPRINTS", "dates"]
