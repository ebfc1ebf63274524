"""What a hand-made client sends a real server (`python app.py` in its own process): reserved event names and
malformed Socket.IO frames over a real WebSocket, and long or odd bodies to Engine.IO's long-polling endpoint."""

from __future__ import annotations

import io
import json
import socket
import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, func, select

from couples.log import SessionEvent
from tests.support.database import migrate
from tests.support.remote import couple
from tests.support.server import ServerProcess

ANSWERED_WITHIN = 2.0  # seconds; before couples/polling.py these went unanswered for as long as a client waited
# Socket.IO packets, each sent as one Engine.IO message: event names that aren't names, payloads that aren't JSON,
# namespaces that don't exist, packet types no client sends. Acknowledgement ids from 9001, which the client's own
# calls never reach here, so their answers aren't taken for the answers to its calls.
RAW_FRAMES = ['2["disconnect"]', '29001["disconnect"]', '29002["connect",{"token":"x"}]', '2["connect_error"]',
              '2["disconnecting"]', '2["newListener","presence"]', '2["removeListener","presence"]', '2[]', '2[5]',
              '2[{"a":1}]', '2[null]', '2["act"', '2"act"', '29003["act",1,2,3]', '29004["act"]', '2["still_here",[]]',
              '2["act",{"session_id":1e400}]', '2["act",{"session_id":18446744073709551616}]', '0/nowhere,',
              '3', '4', '7', '9', '2/nowhere,["act",{}]', '2', '', '29005["join_session",{"session_id":1}]',
              '2["coach",{"text":"\\ud800"}]', '2["coach",{"text":"\\u0000"}]',
              '2["act",{"fields":' + '[' * 200 + ']' * 200 + '}]']
# Binary packets, which no page sends: python-socketio then waits for attachments and takes nothing more from that
# socket (only the sender's own socket stops answering).
BINARY_FRAMES = ['5["x"]', '51-["act",{"_placeholder":true,"num":0}]', '6', '61-9006[]']


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw")
    url = f"sqlite:///{folder / 'raw.sqlite'}"
    migrate(url)
    process = ServerProcess({"DATABASE_URL": url, "HEARTH_LOAD_NLP": "0"}, folder / "server.log")
    try:
        process.wait_ready()
        yield process, url
    finally:
        process.stop()


def events_in(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(SessionEvent))
    engine.dispose()
    return int(count or 0)


def test_a_hand_sent_disconnect_leaves_the_socket_open_and_the_partner_unmoved(server):
    process, url = server
    ana, ben = couple(process.url, process.url, ("Ana", "Ben"))
    ana_sock, ben_sock = ana.socket(), ben.socket()
    other_tab = None
    try:
        ben_sock.wait_for(lambda s: s.events("presence") and len(s.events("presence")[-1]["online"]) == 2)
        heard = len(ben_sock.events("presence"))
        before = events_in(url)
        for name in ("disconnect", "connect"):
            reply = ana_sock.call(name, {"reason": "client namespace disconnect"})
            assert reply["ok"] is False and reply["error"]["code"] == "bad_request", reply
        for frame in RAW_FRAMES:
            ana_sock.client.eio.send(frame)
        # A socket's events are handled in the order sent: this answer comes after every frame above was read.
        assert len(ana_sock.call("still_here", {})["online"]) == 2
        assert ben_sock.events("presence")[heard:] == [], "Ben was told something about Ana"
        other_tab = ana.socket()
        ben_sock.wait_for(lambda s: len(s.events("presence")) > heard)  # Ana's second tab arrived
        heard = len(ben_sock.events("presence"))
        for frame in BINARY_FRAMES:
            other_tab.client.eio.send(frame)
        time.sleep(1)  # anything the frames set off would have reached Ben by now
        assert ana_sock.client.connected and len(ana_sock.call("still_here", {})["online"]) == 2
        assert ben_sock.events("presence")[heard:] == [], "Ben was told something about Ana"
        assert events_in(url) == before
        assert "socket handler" not in process.log_path.read_text()  # no handler failed (`server_error`)
    finally:
        for sock in (ana_sock, ben_sock, other_tab):
            if sock is not None:
                sock.close()


def posted(port: int, sid: str, body: bytes) -> tuple[float, str]:
    """(seconds until the first line of the answer, that line) for `body` POSTed to the polling endpoint; the
    body is sent from a thread of its own, as a client streaming it would."""
    conn = socket.create_connection(("127.0.0.1", port))
    conn.settimeout(30)
    head = (f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    began = time.monotonic()
    conn.sendall(head)

    def stream() -> None:
        try:
            conn.sendall(body)
        except OSError:  # the server answered and closed without reading it: as it should
            pass

    threading.Thread(target=stream, daemon=True).start()
    try:
        first = conn.recv(200).split(b"\r\n", 1)[0].decode()
    except OSError as error:
        first = f"no answer ({type(error).__name__})"
    finally:
        conn.close()
    return time.monotonic() - began, first


@pytest.mark.parametrize("body, status", [
    (b"4" + b"x" * (10 * 1024 * 1024), "413"),  # the finding: 10 MB went unanswered for half a minute
    (b"4" + b"x" * (200 * 1024), "413"),
    (b"6", "400"),  # a packet type no client sends: Engine.IO closed the socket and waited for a poll
    (b"0", "400"),
    (b'42["still_here",{}]\x1e9', "400"),
    (b"4" + b"x" * (60 * 1024), "200"),  # under the 64 KB limit: taken
    (b'42["still_here",{}]', "200"),
])
def test_the_polling_endpoint_answers_every_body_at_once(server, body, status):
    process, _ = server
    base = f"{process.url}/socket.io/?EIO=4&transport=polling"
    sid = json.loads(requests.get(base, timeout=5).text[1:])["sid"]
    took, first_line = posted(process.port, sid, body)
    assert first_line.split(" ")[1:2] == [status], first_line
    assert took < ANSWERED_WITHIN, took
    assert requests.get(process.url + "/", timeout=5).status_code == 200


@pytest.mark.parametrize("declared", ["²", "٣", "-1", "1_0", " 5"])
def test_a_content_length_that_is_no_ascii_number_is_refused_not_a_crash(declared):
    """Found in review: "²" passed str.isdigit() and then failed int() inside the guard."""
    from couples.polling import GuardedPolling

    def never(environ, start_response):  # the app behind: never reached
        raise AssertionError("the guard let it through")

    answered = []
    guard = GuardedPolling(never, "/socket.io", 64 * 1024)
    body = guard({"REQUEST_METHOD": "POST", "PATH_INFO": "/socket.io/", "CONTENT_LENGTH": declared,
                  "wsgi.input": io.BytesIO(b"")}, lambda status, headers: answered.append(status))
    assert answered == ["413 Content Too Large"] and b"".join(body) == b"That message is too long."
