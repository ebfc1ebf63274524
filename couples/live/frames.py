"""Socket.IO frames python-socketio cannot read, and events no handler knows: each answered, none a traceback.

python-socketio decodes each Engine.IO message into a packet and dispatches it before any handler of Hearth's
runs. A frame it cannot read raised inside it ("42[]": IndexError, '42{"a":1}': KeyError, a number of 5,000
digits: ValueError, JSON nested 10,000 deep: RecursionError, a binary attachment that fits no placeholder:
ValueError) and Engine.IO logged the traceback twice, answered nothing and counted nothing against any limit:
5,000 such frames on one socket wrote 6.9 MB of log in two seconds (the attacker's trial, issue 15).

`CheckedPacket`, the server's packet class, refuses while decoding an event frame that names no event (not a list
starting with a name, or the name "*", which Flask-SocketIO's catch-all would take for a socket id), so that it
fails before dispatch whether handlers run in line or in tasks of their own (SOCKETIO_ASYNC_HANDLERS).

`guard(server)` puts `read` in front of Engine.IO's `message` handler (its public `on`), so that such a frame:
  - is answered: an event frame carrying an acknowledgement id gets `bad_request` on it, a `connect` frame gets
    Socket.IO's CONNECT_ERROR with a sentence (a page's connect fails as any refusal does);
  - is logged as one line (its packet type, size and the error's name), never a traceback or its text;
  - counts against couples/limits' UNREADABLE_FRAMES per connection: past it the socket is closed at once,
    without waiting for the close to be carried away (a long-polling POST that waited for it was refused the poll
    it waited for, and never answered); a page that opens again is counted as any reconnect is (couples/live/pacing.py).
Binary packets (types 5 and 6, bytes) and message data Engine.IO decoded from JSON ("4{}", "4true") are refused
before python-socketio sees them: no page sends one, and a binary packet whose attachments never come left
python-socketio reading every later frame of that socket as one.

`unknown_event` answers an event no handler has (a name no page sends, a number, null) with `bad_request`,
where before it was dropped and a caller waiting for its acknowledgement waited until its own timeout.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import orjson
import socketio
from engineio import json
from flask import Flask
from socketio import packet

from couples import limits
from couples.limits import UNREADABLE_FRAMES
from couples.live.payloads import BadPayload
from couples.live.replies import failure

log = logging.getLogger(__name__)

UNKNOWN = "We didn't recognise that request. Please refresh the page and try again."
# Names socket.io-client keeps for itself: a page never sends them as events (connect and disconnect have their
# own handlers, couples/live/protocol.py).
CLIENT_RESERVED = frozenset({"connect_error", "disconnecting", "newListener", "removeListener"})
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, UnicodeError)
# "2" (an event; "5<attachments>-" a binary one), then a namespace and "," if not "/", then the acknowledgement id
# if the sender waits for one (a page's own ids stay far below ten digits; a longer one is not answered)
_EVENT_HEAD = re.compile(r"(?:2|5\d{1,3}-)(?:(/[^,]{0,200}),)?(\d{1,9})(?!\d)")
_CONNECT_HEAD = re.compile(r"0(/[^,]{0,200})?")


class FrameJson:
    """The JSON of Socket.IO frames: orjson where it reads and writes exactly what the standard library would,
    the standard library (python-engineio's, which refuses integers of over 100 digits) everywhere else.

    orjson writes a frame several times faster; the fallbacks keep every answer the same: text it refuses (a lone
    surrogate, NaN, nesting past 1,024) and any run of 19 or more digits (orjson reads a whole number past 64 bits
    as a float) are read by the standard library, and data it cannot write (a lone surrogate) is written by it.
    """

    _LONG_NUMBER = re.compile(r"\d{19}")

    @staticmethod
    def dumps(data: Any, **_options: Any) -> str:
        try:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode()
        except orjson.JSONEncodeError:
            return json.dumps(data, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str | bytes, **_options: Any) -> Any:
        if cls._LONG_NUMBER.search(text if isinstance(text, str) else text.decode("utf-8", "replace")) is None:
            try:
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return json.loads(text)


class CheckedPacket(packet.Packet):
    """python-socketio's packet, refusing (ValueError, while decoding) an event that names no event.

    Hearth never sends binary data and refuses binary frames before decoding (`guard`), so packets skip the
    search for bytes in every payload (`uses_binary_events`, as python-socketio's msgpack packet does), and
    read and write JSON through `FrameJson`.
    """

    uses_binary_events = False
    json = FrameJson

    def decode(self, encoded_packet: Any) -> int:
        attachments = int(super().decode(encoded_packet))
        if self.packet_type in (packet.EVENT, packet.BINARY_EVENT) and not (
                isinstance(self.data, list) and self.data and isinstance(self.data[0], str) and self.data[0] != "*"):
            raise ValueError("an event frame that names no event")
        return attachments


def guard(app: Flask, server: socketio.Server) -> None:
    """Read every Engine.IO message of `server` (Flask-SocketIO's, built for `app`) through `read`."""
    eio = server.eio
    dispatch = eio.handlers["message"]

    def read(eio_sid: str, data: Any) -> None:
        if eio_sid not in eio.sockets:  # closed past the limit: what it had already sent is dropped unread
            return
        if not isinstance(data, str) or data[:1] in ("5", "6"):
            refuse(app, server, eio_sid, data, "a binary packet" if isinstance(data, (str, bytes)) else "not text")
            return
        try:
            dispatch(eio_sid, data)
        except UNREADABLE as error:
            refuse(app, server, eio_sid, data, type(error).__name__)

    eio.on("message", read)


def refuse(app: Flask, server: socketio.Server, eio_sid: str, data: Any, why: str) -> None:
    """Count an unreadable frame: past the limit, close its socket (one line of log); else log it in one line
    and answer it where it can be answered."""
    with app.app_context():
        over = limits.wait(UNREADABLE_FRAMES.name, UNREADABLE_FRAMES.rate, f"frame:{eio_sid}", here=True)
    if over:
        log.warning("closed a socket that sent more than %s unreadable frames", UNREADABLE_FRAMES.rate)
        closing = server.eio.sockets.pop(eio_sid, None)
        if closing is not None:  # Engine.IO's disconnect() would wait here for the close to reach the client
            closing.close(wait=False, reason=server.eio.reason.SERVER_DISCONNECT)
        return
    text = data if isinstance(data, str) else ""
    size = len(data) if isinstance(data, (str, bytes)) else 0
    log.warning("refused an unreadable Socket.IO frame (type %r, %d characters: %s)", text[:1], size, why)
    event, connect = _EVENT_HEAD.match(text), _CONNECT_HEAD.match(text)
    if event is not None and event.group(2):
        answer = packet.Packet(packet.ACK, namespace=event.group(1) or "/", id=int(event.group(2)),
                               data=[failure("bad_request", str(BadPayload()))])
        server.eio.send(eio_sid, answer.encode())
    elif connect is not None:
        answer = packet.Packet(packet.CONNECT_ERROR, namespace=connect.group(1) or "/",
                               data={"message": str(BadPayload())})
        server.eio.send(eio_sid, answer.encode())


def unknown_event(event: Any, *args: Any) -> dict[str, Any]:
    """The answer to an event no handler has (Flask-SocketIO's catch-all "*")."""
    if event in CLIENT_RESERVED:
        from couples.live.protocol import RESERVED
        return failure("bad_request", RESERVED)
    return failure("bad_request", UNKNOWN)
