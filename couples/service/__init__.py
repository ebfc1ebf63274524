"""The service layer: one function per thing a partner does to a session, each owning its unit of work.

  starts.py  start a session (or join the live one) with the options its kind computes
  acts.py    act in a session: read, coach, apply, settle, append, commit
  kinds.py   the literal table of each exercise kind's start options and outcome
Socket handlers (couples/live) and pages (couples/room) call these; they call the log, coaching and
the capability packages (agreements, scenes, checkin).
"""

from couples.service.acts import Acted, act
from couples.service.starts import start

__all__ = ["Acted", "act", "start"]
