"""The couple's room: what is live (its lead), who is here, exercises to start one at a time, sessions past and
present, and each session's page.

  pages.py  the room, its lead as a fragment, starting a session (or the page naming the one already live)
  lead.py   the lead: each live session said one way ("Ana started Conflict scripts: ..."), and the word to
            the room when a session finishes
Its live half (sockets, presence) is couples/live; starting a session goes through couples/service.
"""

from couples.room.pages import bp

__all__ = ["bp"]
