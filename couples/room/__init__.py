"""The couple's room: who is here, exercises to start, sessions past and present, and each session's page.

Its live half (sockets, presence) is couples/live; starting a session goes through couples/service.
"""

from couples.room.pages import bp

__all__ = ["bp"]
