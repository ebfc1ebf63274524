"""Socket.IO handlers: the couple's live room. The whole protocol is in docs/protocol.md.

Rooms are computed here from ids the server trusts, never taken from the client:
  couple:<couple id>                       every socket of both partners (presence, session_started)
  session:<session id>:user:<user id>      one partner's sockets on one session's page (their own view)
Every reply is an acknowledgement to the sender's socket only: {"ok": true, ...} or
{"ok": false, "error": {"code", "message"}}.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from couples.coaching import coach as coaching
from couples.live import ordering
from couples.live import payloads
from couples.live import presence
from couples.log import outcomes as session_outcomes
from couples.live import members as sockets
from couples.log import store
from couples.extensions import socketio
from couples.live.replies import guarded
from exercises import IllegalMove, exercise


def couple_room(couple_id: int) -> str:
    return f"couple:{couple_id}"


def viewer_room(session_id: int, user_id: int | str) -> str:
    return f"session:{session_id}:user:{user_id}"


def my_session(payload: dict[str, Any]) -> store.Facts:
    """The facts of the session the payload names, if it belongs to this socket's couple.

    A stranger learns nothing: a session of another couple and one that doesn't exist look the same.
    """
    return store.facts_for_couple(payloads.session_id(payload), sockets.me().couple_id)


def forget_routing_miss(_error: BaseException | None = None) -> None:
    """Teardown of every request context, a socket event's included: drop the routing miss it may hold.

    Flask-SocketIO gives each socket event a request context for the Socket.IO path, which no Flask
    route matches, so the context keeps a NotFound whose traceback refers back to the context: a cycle
    that only the garbage collector's full passes freed (about seventy objects per event; the passes
    then stopped every room for 100-200 ms at a time under load). Dropping it lets each event's objects
    go the moment the event is done.
    """
    if has_request_context() and request.routing_exception is not None:
        request.routing_exception = None


def announce_presence(couple_id: int) -> None:
    socketio.emit("presence", {"online": presence.online(couple_id)}, to=couple_room(couple_id))


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """Browser opens the socket. Refused unless signed in and paired; broadcasts `presence` to the couple."""
    if not current_user.is_authenticated:
        raise ConnectionRefusedError("Please sign in first.")
    couple = current_user.couple
    if couple is None or not couple.is_complete:
        raise ConnectionRefusedError("Your room opens once your partner has joined.")
    join_room(couple_room(couple.id))
    sockets.remember(request.sid, current_user.id, couple.id)
    presence.arrive(request.sid, current_user.id, couple.id)
    announce_presence(couple.id)


@socketio.on("disconnect")
def on_disconnect(reason: Any = None) -> None:
    """Socket closed. Broadcasts `presence` to the couple."""
    member = sockets.forget(request.sid)
    presence.leave(request.sid)
    if member is not None:
        announce_presence(member.couple_id)


@socketio.on("still_here")
@guarded
def on_still_here(payload: Any = None) -> dict[str, Any]:
    """Page beats every 15 s. Replies with who is online; broadcasts nothing."""
    member = sockets.me()
    return {"ok": True, "online": presence.still_here(request.sid, member.user_id, member.couple_id)}


@socketio.on("join_session")
@guarded
def on_join_session(payload: Any) -> dict[str, Any]:
    """Page opens or reopens a session, saying the last seq it saw. Replies with what it missed and its view."""
    data = payloads.mapping(payload)
    facts, after, member = my_session(data), payloads.last_seq(data), sockets.me()
    room = viewer_room(facts.id, member.user_id)
    join_room(room)  # first, so nothing newer than the view is missed
    try:
        facts, now = store.progress(facts)
    except IllegalMove:  # the kept facts were stale and the session is another couple's
        leave_room(room)
        raise
    state = store.state_of(facts, now.last_seq)
    rows = store.load_rows(facts.id, after, up_to=now.last_seq) if after < now.last_seq else []
    return {"ok": True, "session": session_summary(facts, now), "events": [store.client_event(r) for r in rows],
            "last_seq": now.last_seq, "view": exercise(facts.kind).view(state, member.actor)}


@socketio.on("leave_session")
@guarded
def on_leave_session(payload: Any) -> dict[str, Any]:
    """Page leaves a session's page. Broadcasts nothing."""
    session = my_session(payloads.mapping(payload))
    leave_room(viewer_room(session.id, sockets.me().user_id))
    return {"ok": True}


@socketio.on("act")
@guarded
def on_act(payload: Any) -> dict[str, Any]:
    """A partner acts in a session. Each partner's page gets `session_event` with their own view."""
    data = payloads.mapping(payload)
    facts, member = my_session(data), sockets.me()
    name, fields, key = payloads.action(data)
    module = exercise(facts.kind)
    coaching.read_ahead(module, name, fields)  # spaCy reads before the turn is taken, not while it is held
    with ordering.turn(facts.id):  # broadcasts leave in the order of their numbers, across workers
        result = store.append(facts.id, member.user_id, name, fields, key, couple_id=member.couple_id,
                              prepare=lambda state, given: coaching.enrich(module, state, name, given),
                              settle=session_outcomes.settler_for(facts.kind))
        if not result.duplicate:
            broadcast(result)
    return {"ok": True, "seq": result.event["seq"], "duplicate": result.duplicate,
            "care_note": coaching.CARE_NOTE if result.care else None}


def broadcast(result: store.Appended) -> None:
    """Send each partner's sockets on this session the new event and the view that partner may see."""
    module = exercise(result.session.kind)
    for partner in result.session.partners:
        socketio.emit("session_event", {"session_id": result.session.id, "event": result.event,
                                        "view": module.view(result.state, partner)},
                      to=viewer_room(result.session.id, partner))


def session_summary(facts: store.Facts, now: store.Progress) -> dict[str, Any]:
    """The facts about a session a page needs, with the partners' names."""
    return {"id": facts.id, "kind": facts.kind, "live": now.live,
            "partners": [{"id": p, "name": name} for p, name in zip(facts.partners, now.names)]}
