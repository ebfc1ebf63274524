"""The service layer: one function per thing a partner does to a session, each owning its unit of work.

  starts.py     start a session (or join the live one of its kind), one exercise at a time per couple
  acts.py       act in a session: read, coach, apply, settle, append, commit (`session_finished` when it ends)
  kinds.py      the literal tables of each exercise kind's start options, outcome and subject
  summaries.py  how a session reads in a list: which exercise, about what, and how it stands
Socket handlers (couples/live) and pages (couples/room, couples/history) call these; they call the log,
coaching and the capability packages (agreements, scenes, checkin).
"""

from couples.service.acts import Acted, act, session_finished
from couples.service.starts import AlreadyLive, live_sessions, start
from couples.service.summaries import ENDED_EARLY, FINISHED, LIVE, Summary, subject_of, summarize

__all__ = ["ENDED_EARLY", "FINISHED", "LIVE", "Acted", "AlreadyLive", "Summary", "act", "live_sessions",
           "session_finished", "start", "subject_of", "summarize"]
