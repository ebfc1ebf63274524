"""Limits on how fast anyone may try: sign-ins, registrations, password resets, invitation codes, the
password asked again, the coach, every socket event per connection and per person, and opening sockets
(Flask-Limiter and `limits`).

  table.py  LIMITS and SOCKET_LIMITS: every limit as one literal table, each number with its reason
  keys.py   whose count a request adds to: the account typed, the client's address (through proxies), the person
  guard.py  init_app: one Flask-Limiter per app on the views the table names, memory or the shared Redis;
            wait() / allow(): the same storage counting anything else (how long until one more is allowed, or
            whether it is), or this process's memory for counts only it keeps (couples/live counts socket
            events there: a connection lives on one worker)

A person past a limit loses nothing: couples/resend gives the form back with what they typed, and a
sentence saying when to try again.
"""

from couples.limits.guard import EXTENSION, allow, init_app, storage_uri, wait
from couples.limits.keys import address
from couples.limits.table import LIMITS, SOCKET_LIMITS, UNREADABLE_FRAMES, Rule, SocketRule

__all__ = ["EXTENSION", "LIMITS", "SOCKET_LIMITS", "UNREADABLE_FRAMES", "Rule", "SocketRule", "address", "allow",
           "init_app", "storage_uri", "wait"]
