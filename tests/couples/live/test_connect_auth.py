"""A connect's `auth`, the page a socket says it is opened by, read by its schema (payloads.Connect): what the real
pages send is let in (static/js/room/room.js, static/js/live/exercise_page.js, and a page that sends none); any other
shape (unknown keys, wrong types, huge strings, deep nesting, unclean text) is refused as every connect refusal is,
`connect_error` with a kind sentence and data, never a fault of ours nor a traceback in the log, and nothing is kept
or broadcast. Ana and Ben are partners."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from couples.extensions import socketio
from couples.live import payloads
from couples.schemas import NOT_UNDERSTOOD
from tests.couples.live.refusals import AUTH_REFUSED, connect_again, kept_rows
from tests.support.live import received, start

DEPTH = 400  # nested lists or objects: deep, within what json (the test client's and the server's) reads


def nested(depth: int, inner: Any, as_object: bool = False) -> Any:
    for _ in range(depth):
        inner = {"page": inner} if as_object else [inner]
    return inner


# Sent over the socket. (A number can't be: Socket.IO reads digits just after a CONNECT packet's type as an ack id,
# so `auth: 5` arrives as no auth; NOT_SENDABLE are read by the schema alone.)
REFUSED: dict[str, Any] = {
    # unknown keys
    "an unknown key beside the page": {"page": "room", "room": "couple:1"},
    "only an unknown key": {"where": "room"},
    "the page under another name": {"Page": "room"},
    "socket.io-client's recovery keys": {"page": "room", "pid": "x", "offset": "y"},
    "a key of nested junk": {"page": "room", "x": {"y": [1, 2, {"z": None}]}},
    # wrong types
    "a page that is a number": {"page": 12},
    "a page that is a float": {"page": 1.5},
    "a page that is true": {"page": True},
    "a page that is null": {"page": None},
    "a page that is a list": {"page": ["room"]},
    "a page that is an object": {"page": {"session": 1}},
    "auth that is a string": "room",
    "auth that is true": True,
    "auth that is a list": ["room"],
    "auth that is a list of the page": [{"page": "room"}],
    # huge strings
    "a page one past 40 characters": {"page": "session:" + "1" * 33},
    "a page of 100,000 characters": {"page": "session:" + "9" * 100_000},
    "a huge string under an unknown key": {"page": "room", "x": "y" * 60_000},
    "a huge key": {"page": "room", "k" * 60_000: 1},
    "many keys": {"page": "room", **{f"k{n}": n for n in range(2000)}},
    # deeply nested values
    "a page of nested lists": {"page": nested(DEPTH, "room")},
    "a page of nested objects": {"page": nested(DEPTH, "room", as_object=True)},
    "nested lists under an unknown key": {"page": "room", "x": nested(DEPTH, 1)},
    "auth of nested lists": nested(DEPTH, {"page": "room"}),
    # lone surrogates, and other text that isn't clean
    "a page holding a lone surrogate": {"page": "room\ud800"},
    "a page that is a lone low surrogate": {"page": "\udfff"},
    "a session page with a lone surrogate": {"page": "session:1\ud83d"},
    "a key that is a lone surrogate": {"\ud800": "room"},
    "a page holding NUL": {"page": "room\x00"},
    "a page holding an escape": {"page": "\x1b[2Jroom"},
    "a page with a direction override": {"page": "\u202emoor"},
    "a page of private use": {"page": "\ue000"},
}

NOT_SENDABLE: dict[str, Any] = {"auth that is a number": 5, "auth that is a float": 1.5, "auth that is -1": -1}


@pytest.fixture
def ben_listening(couple, partner):
    """Ben's room socket, having heard his own arrival: anything Ana's sockets make broadcast reaches it."""
    ben_room = partner(couple[1], "room")
    ben_room.get_received()
    return ben_room


def refused_socket(app, person, auth: Any) -> Any:
    """A test client of `person` that tried to connect saying `auth` and was refused."""
    sock = socketio.test_client(app, flask_test_client=person.client, auth=auth)
    assert not sock.is_connected(), auth
    return sock


@pytest.mark.parametrize("what", sorted(REFUSED))
def test_an_auth_of_another_shape_is_refused_kindly_and_keeps_nothing(app, couple, ben_listening, caplog, what):
    ana, ben = couple
    auth = REFUSED[what]
    before = kept_rows(app)
    caplog.set_level(logging.DEBUG)
    sock = refused_socket(app, ana, auth)
    assert connect_again(sock, auth) == AUTH_REFUSED, what  # the second try is refused the same way
    assert kept_rows(app) == before, f"{what}: a refused socket left a row"
    assert received(ben_listening, "presence") == [], f"{what}: Ben heard a refused socket arrive"
    assert ben_listening.emit("still_here", {}, callback=True)["online"] == [str(ben.id)]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR or record.exc_info], what


def test_the_real_pages_auth_is_taken(app, couple, partner):
    """The room page's {"page": "room"}, a session page's {"page": "session:<id>"}, and a page that sends no auth
    (older pages; `{}` arrives as none too): each is let in, and the page it names is heard."""
    ana, ben = couple
    session_id = start(ana, "appreciation")
    here = f"session:{session_id}"
    ben_room = partner(ben, "room")
    assert ben_room.is_connected()
    ana_page = partner(ana, here)
    assert ana_page.is_connected()
    assert received(ben_room, "presence")[-1]["pages"] == {str(ana.id): [here], str(ben.id): ["room"]}
    for auth in (None, {}):
        sock = socketio.test_client(app, flask_test_client=ana.client, auth=auth)
        assert sock.is_connected(), auth
        assert received(ben_room, "presence")[-1]["pages"] == {str(ana.id): [here], str(ben.id): ["room"]}
        sock.disconnect()
    assert payloads.page_said({"page": "room"}) == "room"
    assert payloads.page_said({"page": here}) == here
    assert payloads.page_said(None) is None


@pytest.mark.parametrize("page", ["kitchen", "session:0", "session:abc", "session:2147483648", "session:٣",
                                  "room ", "", "x" * payloads.MAX_PAGE_CHARS])
def test_a_page_name_of_the_right_shape_naming_no_page_is_let_in_as_saying_nothing(couple, partner, page):
    """A string of clean text up to 40 characters is the shape; what it names is judged after (an older or newer
    page's name, another couple's session): let in, on no page in particular."""
    ana, ben = couple
    ana_room = partner(ana, "room")
    assert partner(ben, page).is_connected()
    assert received(ana_room, "presence")[-1]["pages"] == {str(ana.id): ["room"], str(ben.id): []}


def test_a_stranger_with_an_auth_of_another_shape_is_refused_before_the_cookie_is_read(app):
    stranger = socketio.test_client(app, flask_test_client=app.test_client(), auth={"page": 12})
    assert connect_again(stranger, {"page": 12}) == AUTH_REFUSED
    assert connect_again(stranger, {"page": "room"}) == {"message": "Please sign in first."}


def test_every_refusal_of_an_auth_is_the_sentence_asking_for_a_refresh():
    """Nothing in `auth` was typed by its person: even unclean text gets the one sentence, not "type it again"."""
    for what, auth in {**REFUSED, **NOT_SENDABLE}.items():
        with pytest.raises(payloads.BadPayload) as refusal:
            payloads.page_said(auth)
        assert str(refusal.value) == NOT_UNDERSTOOD and refusal.value.code == "bad_request", what
