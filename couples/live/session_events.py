"""A session's page over its socket: join (catching up from the last seq seen), leave, and act.

Every reply is an acknowledgement to the sender's socket only: {"ok": true, ...} or
{"ok": false, "error": {"code", "message"}}. The whole protocol is in docs/protocol.md.
"""

from __future__ import annotations

from typing import Any

from flask_socketio import join_room, leave_room

from couples import coaching, log, safety, service
from couples.extensions import socketio
from couples.live import payloads
from couples.live.members import current_member
from couples.live.ordering import broadcast_in_order
from couples.live.replies import errors_as_replies
from couples.live.rooms import viewer_room
from exercises import IllegalMove, exercise


def my_session(session_id: int, checked: bool = False) -> log.Facts:
    """The facts of session `session_id`, if it belongs to this socket's couple (`checked`: read from the row now,
    for an event whose own statements check nothing; log.facts_for_couple).

    A stranger learns nothing: a session of another couple and one that doesn't exist look the same.
    """
    return log.facts_for_couple(session_id, current_member().couple_id, checked)


@errors_as_replies
def on_join_session(payload: Any) -> dict[str, Any]:
    """Page opens or reopens a session, saying the last seq it saw (payloads.JoinSession). Replies with what it
    missed and its view.

    A live conflict tool is refused ("safety_check" or "set_aside") to a person who hasn't passed its gate.
    """
    joining = payloads.parse(payloads.JoinSession, payload)
    facts, after, member = my_session(joining.session_id), joining.last_seq, current_member()
    room = viewer_room(facts.id, member.user_id)
    join_room(room)  # first, so nothing newer than the view is missed
    try:
        facts, now = log.progress(facts)
        if now.live:
            safety.gate(member.user_id, facts.kind)  # a live conflict tool: the private check first, or "not now"
    except IllegalMove:  # the kept facts were stale and the session is another couple's, or the gate is shut
        leave_room(room)
        raise
    state = log.state_of(facts, now.last_seq)
    rows = log.load_rows(facts.id, after, up_to=now.last_seq) if after < now.last_seq else []
    return {"ok": True, "session": session_summary(facts, now), "events": [log.client_event(r) for r in rows],
            "last_seq": now.last_seq, "view": exercise(facts.kind).view(state, member.actor)}


@errors_as_replies
def on_leave_session(payload: Any) -> dict[str, Any]:
    """Page leaves a session's page (payloads.LeaveSession). Broadcasts nothing."""
    session = my_session(payloads.parse(payloads.LeaveSession, payload).session_id, checked=True)
    leave_room(viewer_room(session.id, current_member().user_id))
    return {"ok": True}


@errors_as_replies
def on_act(payload: Any) -> dict[str, Any]:
    """A partner acts in a session (payloads.Act, its fields by the action's own schema). Each partner's page
    gets `session_event` with their own view.

    Words that suggest danger are held: the author alone gets `care_hold` with the care note, and the act
    is appended only when sent again with `care_seen: true` (they chose to share it).
    """
    acting = payloads.parse(payloads.Act, payload)
    facts, member = my_session(acting.session_id), current_member()
    name, key = acting.action, acting.idempotency_key
    fields = payloads.checked_fields(facts.kind, name, acting.fields)  # only what the action declares, cleaned
    module = exercise(facts.kind)
    analysis = coaching.read_ahead(module, name, fields)  # spaCy reads before the turn, not while it is held
    note = None if acting.care_seen else coaching.care_note_for(analysis)
    if note is not None:  # nothing reaches the partner before its author has seen the note and chosen
        return {"ok": False, "care_note": note, "error": {"code": "care_hold", "message": CARE_HOLD}}
    with broadcast_in_order(facts.id):  # broadcasts leave in the order of their numbers, across workers
        acted = service.act(facts.id, member.user_id, name, fields, key, couple_id=member.couple_id)
        if not acted.duplicate:
            broadcast(acted)
    return {"ok": True, "seq": acted.event["seq"], "duplicate": acted.duplicate,
            "care_note": acted.care_note}


CARE_HOLD = ("Nothing has been sent. If you share it, your partner will see these words. "
             "Keeping it private sends nothing.")


def broadcast(acted: service.Acted) -> None:
    """Send each partner's sockets on this session the new event and the view that partner may see."""
    module = exercise(acted.session.kind)
    for partner in acted.session.partners:
        socketio.emit("session_event", {"session_id": acted.session.id, "event": acted.event,
                                        "view": module.view(acted.state, partner)},
                      to=viewer_room(acted.session.id, partner))


def session_summary(facts: log.Facts, now: log.Progress) -> dict[str, Any]:
    """The facts about a session a page needs, with the partners' names."""
    return {"id": facts.id, "kind": facts.kind, "live": now.live,
            "partners": [{"id": p, "name": name} for p, name in zip(facts.partners, now.names, strict=True)]}
