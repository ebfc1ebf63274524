"""What a hand-made client sends a real server (`python app.py` in its own process): reserved event names and
malformed Socket.IO frames over a real WebSocket, and long or odd bodies to Engine.IO's long-polling endpoint."""

from __future__ import annotations

import io
import itertools
import json
import socket
import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, func, select

from couples.limits import UNREADABLE_FRAMES
from couples.log import SessionEvent
from tests.support.database import migrate
from tests.support.remote import couple
from tests.support.server import ServerProcess

UNREADABLE = 30  # this module's server closes a socket past 30 unreadable frames a minute (shipped: 10)
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
    # one socket below sends every odd frame there is, more than the shipped ten unreadable ones a minute
    process = ServerProcess({"DATABASE_URL": url, "HEARTH_LOAD_NLP": "0",
                             "HEARTH_RATE_LIMITS": json.dumps({UNREADABLE_FRAMES.name: f"{UNREADABLE} per minute"})},
                            folder / "server.log")
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
        log = process.log_path.read_text()
        assert "socket handler" not in log  # no handler failed (`server_error`)
        assert "Traceback" not in log and "handler error" not in log  # each frame python-socketio can't read: a line
    finally:
        for sock in (ana_sock, ben_sock, other_tab):
            if sock is not None:
                sock.close()


def answers_to(listener, ids: range) -> tuple[dict, threading.Event]:
    """Where the acknowledgements of hand-sent frames numbered `ids` arrive (python-socketio's client keeps a
    callback per id; these ids are never its own), and an Event set once all have."""
    answers: dict[int, list] = {}
    done = threading.Event()

    def keep(number: int):
        def callback(*data):
            answers[number] = list(data)
            if len(answers) == len(ids):
                done.set()
        return callback

    listener.client.callbacks.setdefault("/", {0: itertools.count(1)}).update({number: keep(number) for number in ids})
    return answers, done


# Each waits for its acknowledgement (ids 9101 on): frames python-socketio could not read, which it logged as a
# traceback and left unanswered, and names no handler has, which it dropped.
ANSWERED_FRAMES = {'29101[]': "didn't make sense", '29102{"a":1}': "didn't make sense",
                   '29103[' + '9' * 5000 + ']': "didn't make sense", '29104["nope",{}]': "didn't recognise",
                   '29105[7,{}]': "didn't make sense", '29106[null]': "didn't make sense",
                   '29107["connect_error",{}]': "keeps for itself",
                   '29108["newListener","presence"]': "keeps for itself", '29109["act"': "didn't make sense",
                   '29110["still_here",' + '{"a":' * 3000 + '1' + '}' * 3000 + ']':
                   "didn't make sense"}


def test_every_frame_that_waits_for_an_answer_gets_one_and_none_is_a_traceback(server):
    process, url = server
    cleo, dan = couple(process.url, process.url, ("Cleo", "Dan"))
    cleo_sock = cleo.socket()
    try:
        answers, done = answers_to(cleo_sock, range(9101, 9101 + len(ANSWERED_FRAMES)))
        log_before = len(process.log_path.read_text())
        refused = threading.Event()
        cleo_sock.client.on("connect_error", lambda data: refused.set() if "make sense" in data["message"] else None,
                            namespace="/other")
        # a connect python-socketio can't read
        cleo_sock.client.eio.send("0/other," + '{"a":' * 3000 + "1" + "}" * 3000)
        for frame in ANSWERED_FRAMES:
            cleo_sock.client.eio.send(frame)
        assert refused.wait(ANSWERED_WITHIN)  # Socket.IO's CONNECT_ERROR, with the sentence
        assert done.wait(ANSWERED_WITHIN), f"unanswered: {sorted(set(range(9101, 9111)) - set(answers))}"
        for number, (frame, words) in enumerate(ANSWERED_FRAMES.items(), start=9101):
            (reply,) = answers[number]
            assert reply["ok"] is False and reply["error"]["code"] == "bad_request", (frame[:30], reply)
            assert words in reply["error"]["message"], (frame[:30], reply)
        assert len(cleo_sock.call("still_here", {})["online"]) == 1  # the socket reads on
        written = process.log_path.read_text()[log_before:]
        assert "Traceback" not in written and "handler error" not in written, written[:2000]
        unreadable = 1 + sum(words == "didn't make sense" for words in ANSWERED_FRAMES.values())
        assert written.count("refused an unreadable Socket.IO frame") == unreadable  # a line each, under 150 characters
        assert all(len(line) < 150 for line in written.splitlines() if "unreadable" in line)
        assert "9" * 100 not in written  # the frame's text is never logged
    finally:
        cleo_sock.close()


def test_a_flood_of_unreadable_frames_closes_that_socket_after_a_few_lines_of_log(server):
    """The attacker's trial: 5,000 "42[]" on one socket wrote 6.9 MB of tracebacks in two seconds."""
    process, url = server
    eve, finn = couple(process.url, process.url, ("Eve", "Finn"))
    eve_sock, finn_sock = eve.socket(), finn.socket()
    try:
        log_before = len(process.log_path.read_text())
        for _ in range(200):
            if not eve_sock.client.connected:
                break
            try:
                eve_sock.client.eio.send("2[]")
            except Exception:  # noqa: BLE001 - the server closed the socket meanwhile
                break
        deadline = time.monotonic() + ANSWERED_WITHIN
        while eve_sock.client.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not eve_sock.client.connected
        written = process.log_path.read_text()[log_before:]
        assert written.count("refused an unreadable Socket.IO frame") == UNREADABLE, len(written)
        assert written.count("closed a socket") == 1 and len(written) < 150 * (UNREADABLE + 1), len(written)
        assert "Traceback" not in written
        assert len(finn_sock.call("still_here", {})["online"]) >= 1  # the partner's socket is untouched
        again = eve.socket()  # the page opens a new one, counted as any reconnect
        assert again.client.connected
        again.close()
    finally:
        for sock in (eve_sock, finn_sock):
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
    # Engine.IO failed on these with a traceback, answered 200 and dropped the packets (the attacker's second trial)
    (b"4\x1e", "400"), (b'42["still_here",{}]\x1e', "400"), (b"4\xff\xfe", "400"), (b"d=", "400"),
    (b"\x1e".join([b"3"] * 17), "400"), (b"\x1e".join([b"3"] * 16), "200"),
    (b"bA", "400"), (b"bAAAAA", "400"), (b'42["still_here",{}]\x1ebA==', "400"),  # binary: invalid base64 or not

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


def test_a_polling_post_whose_frames_close_the_socket_is_still_answered(server):
    """The attacker's second trial: the eleventh unreadable frame in one POST closed the socket by Engine.IO's
    disconnect(), which waited inside that POST for a poll it then refused: no answer, a thread held for good.
    No account is needed: an Engine.IO socket that never joined Socket.IO's namespace."""
    process, _ = server
    base = f"{process.url}/socket.io/?EIO=4&transport=polling"
    sid = json.loads(requests.get(base, timeout=5).text[1:])["sid"]
    for _ in range(UNREADABLE // 16 + 1):  # a POST holds 16 packets at most; the last one's pass the limit
        took, first_line = posted(process.port, sid, b"\x1e".join([b"42[]"] * 16))
        assert took < ANSWERED_WITHIN, took
        assert first_line.split(" ")[1:2] == ["200"], first_line
    gone = requests.get(f"{base}&sid={sid}", timeout=5)  # closed: Engine.IO no longer knows the sid
    assert gone.status_code == 400, gone.status_code
    assert "Traceback" not in process.log_path.read_text()


@pytest.mark.parametrize("data", [{}, {"a": 1}, True, 7, -7, 1.5, [1]])
def test_message_data_that_is_json_and_not_text_is_refused_in_one_line(server, data):
    """Engine.IO decodes a message's data as JSON when it can ("4{}", "4true"); python-socketio then failed on it
    with a traceback, uncounted. The socket reads on."""
    process, _ = server
    ana, _ben = couple(process.url, process.url, (f"Gil{len(str(data))}{type(data).__name__}",
                                                  f"Hal{len(str(data))}{type(data).__name__}"))
    sock = ana.socket()
    try:
        before = len(process.log_path.read_text())
        sock.client.eio.send(data)
        assert len(sock.call("still_here", {})["online"]) == 1
        written = process.log_path.read_text()[before:]
        assert "Traceback" not in written and written.count("refused an unreadable") == 1, written[:1500]
    finally:
        sock.close()


@pytest.mark.parametrize("frame, names_an_event", [
    ('2["act",{}]', True), ('29["still_here",{}]', True), ('2[{"a":1}]', False), ('2[["x"]]', False),
    ('2["*",{}]', False), ('2["*"]', False), ("2[]", False), ('2{"a":1}', False), ("2[null]", False), ('2"act"', False),
])
def test_an_event_frame_that_names_no_event_fails_while_it_is_decoded(frame, names_an_event):
    """So it is refused before dispatch even when handlers run as tasks of their own (SOCKETIO_ASYNC_HANDLERS=1),
    where such frames failed in the task with a traceback; "*" would reach Flask-SocketIO's catch-all as a sid."""
    from couples.live import CheckedPacket

    if names_an_event:
        assert CheckedPacket(encoded_packet=frame).data[0] != "*"
    else:
        with pytest.raises(ValueError):
            CheckedPacket(encoded_packet=frame)


def test_a_body_sent_in_chunks_is_refused_not_dropped():
    """The attacker's trial: a chunked POST, with no declared length, was read as empty, answered 200 and lost."""
    from couples.polling import GuardedPolling

    def never(environ, start_response):  # the app behind: never reached
        raise AssertionError("the guard let it through")

    answered = []
    guard = GuardedPolling(never, "/socket.io", 64 * 1024)
    body = guard({"REQUEST_METHOD": "POST", "PATH_INFO": "/socket.io/", "HTTP_TRANSFER_ENCODING": "chunked",
                  "wsgi.input": io.BytesIO(b'42["still_here",{}]')}, lambda status, headers: answered.append(status))
    assert answered == ["411 Length Required"] and b"length" in b"".join(body)
