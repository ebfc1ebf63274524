"""The floor Hearth is measured against: a minimal Flask-SocketIO app that only relays (bench only).

`bench/realtime.py --baseline relay` serves this module with the same gunicorn settings as Hearth
(`gunicorn -c deploy/gunicorn.conf.py bench.relay_app:app`: one gevent worker, the same connection
limit and Socket.IO options) and drives it with the same clients, rounds, joins and beats. It speaks
just enough of Hearth's protocol (docs/protocol.md) for those clients:

- `connect` reads the signed Flask session cookie (as Flask-SocketIO does for any app) for the
  person's id and couple, and joins the couple's room;
- `POST /sessions` answers a redirect to a new session id from a counter in memory;
- `join_session` joins the person's session room; `still_here` answers at once;
- `act` numbers the event (a counter per session, in memory) and emits `session_event` to each
  partner's session room, as Hearth does after an accepted act.

No database, no exercise rules, no coaching, no presence rows: what is left is Flask, Flask-SocketIO,
Engine.IO, gevent and the sockets, the part of each event Hearth cannot do without. Nothing in the
product imports this module.
"""

from __future__ import annotations

import itertools
import os
import threading
from datetime import UTC, datetime
from typing import Any

from flask import Flask, redirect, session
from flask_socketio import SocketIO, join_room

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # the bench signs the clients' cookies with it
socketio = SocketIO(app, async_mode=os.environ.get("SOCKETIO_ASYNC_MODE", "threading"),  # type: ignore[arg-type]
                    max_http_buffer_size=64 * 1024, async_handlers=False)  # Hearth's settings (couples/config.py)

_session_ids = itertools.count(1)
_couple_of: dict[int, int] = {}  # session id -> couple id
_seq: dict[int, int] = {}  # session id -> last sequence number given
_guard = threading.Lock()


def _me() -> tuple[str, int]:
    """(person id, couple id) from the signed session cookie the bench wrote (`seed` in realtime.py)."""
    return str(session["_user_id"]), int(session["relay_couple"])


def _partners() -> list[str]:
    """Both partners' ids, from the same cookie."""
    return [str(person) for person in session["relay_partners"]]


@app.get("/")
def ready() -> str:
    return "relay"


@app.post("/sessions")
def start() -> Any:
    """Press Start: a new session of the couple, as Hearth's POST /sessions answers (a redirect to it)."""
    _person, couple = _me()
    session_id = next(_session_ids)
    with _guard:
        _couple_of[session_id] = couple
    return redirect(f"/sessions/{session_id}")


@socketio.on("connect")
def on_connect(auth: Any = None) -> bool:
    if "_user_id" not in session:
        return False
    join_room(f"couple:{_me()[1]}")
    return True


@socketio.on("still_here")
def on_still_here(payload: Any = None) -> dict[str, Any]:
    return {"ok": True, "online": []}


@socketio.on("join_session")
def on_join_session(payload: dict[str, Any]) -> dict[str, Any]:
    person, _couple = _me()
    join_room(f"session:{payload['session_id']}:user:{person}")
    return {"ok": True, "events": [], "last_seq": 0, "view": {}}


@socketio.on("act")
def on_act(payload: dict[str, Any]) -> dict[str, Any]:
    """Number the event and send it to both partners' session rooms (each partner gets their own copy)."""
    person, couple = _me()
    session_id = payload["session_id"]
    with _guard:
        if _couple_of.get(session_id) != couple:
            return {"ok": False, "error": {"code": "not_found", "message": "No such session."}}
        seq = _seq[session_id] = _seq.get(session_id, 0) + 1
    event = {"seq": seq, "actor": person, "action": payload["action"],
             "at": datetime.now(UTC).isoformat(timespec="seconds"),
             "events": [{"name": payload["action"], "actor": person, "data": payload.get("fields", {})}]}
    for partner in _partners():
        socketio.emit("session_event", {"session_id": session_id, "event": event, "view": {}},
                      to=f"session:{session_id}:user:{partner}")
    return {"ok": True, "seq": seq, "duplicate": False, "care_note": None}

