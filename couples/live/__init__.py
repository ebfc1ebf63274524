"""The couple's live room over Socket.IO: who is here, sessions joined and caught up, acts, private coaching.

  connection.py      connect, disconnect and the page's beat (presence.py keeps who is here, whereabouts.py
                     on which page)
  session_events.py  join_session, leave_session and act (ordering.py keeps broadcasts in sequence order)
  coach_events.py    coach and coach_paraphrase: private coaching while a person types
  payloads.py        the shapes a browser may send;  replies.py  errors become one reply shape
  members.py         who holds each socket;  rooms.py  room names computed on the server
  cookie_session.py, event_context.py  a socket event's request context, made cheap
  protocol.py        PROTOCOL: the whole table of events the browser sends and their handlers
  frames.py          frames python-socketio cannot read, and events no handler knows: answered, logged in a line
  pacing.py          each handler counted per connection and per person, and connects per person and address
                     (couples/limits): past a limit, `slow_down` or a refused connect, saying when to try again
"""

from flask import Flask

from couples.accounts import sign_ins_ended
from couples.extensions import socketio
from couples.live import connection
from couples.live.cookie_session import CookieSessionsReadOncePerSocket
from couples.live.event_context import forget_routing_miss
from couples.live.frames import CheckedPacket, guard, unknown_event
from couples.live.pacing import paced
from couples.live.presence import sweep as sweep_presence
from couples.live.protocol import PROTOCOL
from couples.live.rooms import couple_room


def guard_frames(app: Flask) -> None:
    """Answer, log in one line and count the frames python-socketio cannot read (frames.py); call it after
    `socketio.init_app(app)`, which builds the server it guards."""
    guard(app, socketio.server)  # type: ignore[attr-defined]  # set by init_app


def init_app(app: Flask) -> None:
    """Wire the live room into `app`; call it before `socketio.init_app`.

    Handlers are added to the `socketio` extension once per process, before its first init_app builds
    a server: one added later reaches only that server and silently misses every later app
    (Flask-SocketIO issue #1059). Each is registered paced (pacing.py): counted per connection and per person
    at every call, against the limits of the app serving it.
    """
    added = {event for event, _handler, _namespace in socketio.handlers}  # type: ignore[attr-defined]  # not in its stubs
    for event, handler in PROTOCOL.items():
        if event not in added:
            socketio.on_event(event, paced(event, handler))
    if "*" not in added:
        socketio.on_event("*", unknown_event)  # any other name: `bad_request`, not silence (frames.py)
    app.session_interface = CookieSessionsReadOncePerSocket()
    sign_ins_ended.connect(connection.sign_ins_ended, weak=False)  # an ended sign-in's sockets close (once per process)
    app.teardown_request(forget_routing_miss)


__all__ = ["PROTOCOL", "CheckedPacket", "couple_room", "guard_frames", "init_app", "sweep_presence"]
