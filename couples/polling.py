"""Engine.IO's long-polling endpoint answered at once, whatever a client POSTs to it.

python-engineio meets a polling POST it won't take (a body over `max_http_buffer_size`, or a packet of a
type no client sends) by closing that socket and waiting for the client's next poll to carry the close
away (engineio Socket.close(wait=True)). A client that never polls again never gets an answer, and the
request keeps its thread (or greenlet) for good. Measured against a real server (python app.py, and
gunicorn's gevent worker): a 10 MB body, a 200 KB one, and one byte, "6", each went unanswered for as long
as the client waited (150 s).

`GuardedPolling` stands in front of Engine.IO and reads such a POST first. A body longer than the limit
(by the length it declares, never read) is answered 413 at once, one holding a packet Engine.IO would
refuse 400 at once; any other goes on to Engine.IO with its body as it came. A body sent in chunks, with no
declared length, is answered 411: read as empty, it was answered 200 and its message silently dropped (the
attacker's trial; browsers always declare the length).
"""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from engineio.payload import Payload

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# close, pong, message, upgrade: what a page sends. A binary message ("b" and base64) is refused too: no page sends
# one, and Engine.IO met invalid base64 ("bA") with a traceback in the log and the body's other packets dropped.
CLIENT_PACKETS = frozenset("1345")
SEPARATOR = "\x1e"  # between the packets of one Engine.IO 4 payload
MAX_PACKETS = Payload.max_decode_packets  # python-engineio's own bound (16): more in one body is refused


class GuardedPolling:
    """WSGI middleware: `app`, with POSTs under `path` (Engine.IO's) over `limit` bytes or holding a packet no
    client sends answered at once (413, 400) instead of reaching Engine.IO."""

    def __init__(self, app: WsgiApp, path: str, limit: int) -> None:
        self.app, self.path, self.limit = app, path, limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or not environ.get("PATH_INFO", "").startswith(self.path):
            return self.app(environ, start_response)
        if not environ.get("CONTENT_LENGTH") and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _refuse(start_response, "411 Length Required", b"Please send that message with its length.")
        declared = environ.get("CONTENT_LENGTH") or "0"
        if not (declared.isascii() and declared.isdigit()) or int(declared) > self.limit:  # "²" is a digit to isdigit
            return _refuse(start_response, "413 Content Too Large", b"That message is too long.")
        body = environ["wsgi.input"].read(int(declared))
        if not takes(body):
            return _refuse(start_response, "400 Bad Request", b"That message isn't one we know.")
        environ["wsgi.input"] = io.BytesIO(body)
        return self.app(environ, start_response)


def takes(body: bytes) -> bool:
    """Whether Engine.IO can take `body` without closing its socket or failing: UTF-8, at most MAX_PACKETS packets,
    none empty, every one of a type a client sends. Engine.IO met the others (invalid UTF-8, an empty packet, 17
    packets, "d=" with nothing after it) with a traceback in the log, a 200 and the packets dropped (the
    attacker's second trial); here they are a 400 at once. An empty body is Engine.IO's to answer."""
    try:
        payload = body.decode("utf-8")
        if payload.startswith("d="):  # JSONP's form-encoded payload
            payload = urllib.parse.parse_qs(payload)["d"][0]
    except (UnicodeDecodeError, KeyError, IndexError):
        return False
    if not payload:
        return True
    packets = payload.split(SEPARATOR)
    return len(packets) <= MAX_PACKETS and all(packet and packet[0] in CLIENT_PACKETS for packet in packets)


def _refuse(start_response: Callable[..., Any], status: str, text: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(text)))])
    return [text]
