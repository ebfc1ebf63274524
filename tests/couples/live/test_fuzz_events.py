"""Hypothesis-generated payloads for every socket event and every exercise action, sent over a real socket (the
Flask-SocketIO test client): at least PER_TARGET payloads each, a mix of random JSON and payloads shaped right
but for one thing (an unknown or server-written field, a wrong type, an id past ROW_ID_MAX, a missing field, a
lone surrogate, NUL, a direction override or over 5,000 characters in a text, a nested move that isn't one).
Every one must be refused with `bad_request` (random JSON that happens to be a valid `still_here` is answered),
never `server_error`; afterwards the log holds exactly what it held, and the partner heard nothing.

`connect`'s `auth` likewise (payloads.Connect): PER_TARGET of them, each refusing the socket with the kind sentence
and {"code": "bad_request"}, never a fault of ours nor a traceback in the log; nothing is kept (no presence or page
row) and the partner hears no arrival.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from couples.extensions import socketio
from couples.live import payloads
from exercises import ROW_ID_MAX, Choice, Moves, PartnerId, Text, Whole, action_fields
from tests.couples.live.refusals import AUTH_REFUSED, connect_again, kept_rows
from tests.support.live import key, received
from tests.support.payloads import (EVERY_ACTION, example, log_as_it_stands, sessions_of_every_kind, unpaced,
                                    valid_fields)

PER_TARGET = 1000  # payloads per event, and per action of every exercise
BATCH = 5  # payloads per generated example: Hypothesis's own work per example is then shared by five
FUZZ = settings(max_examples=PER_TARGET // BATCH, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
fuzzed: Counter[str] = Counter()  # how many payloads each target was sent, for the report

# What no clean text holds: controls but tab and line breaks, surrogates, private use, noncharacters, direction
# controls, and tag characters (never after a black flag here).
REFUSED_CHARACTERS = st.one_of(
    st.sampled_from([chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
    st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF, exclude_categories=()),
    st.characters(min_codepoint=0x100000, max_codepoint=0x10FFFD, exclude_categories=()),
    st.sampled_from([chr(c) for c in [*range(0xFDD0, 0xFDF0), 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF]]),
    st.sampled_from([chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]),
    st.characters(min_codepoint=0xE0020, max_codepoint=0xE007E, exclude_categories=()),
)
ANY_TEXT = st.text(st.characters(exclude_categories=(), exclude_characters="\U0001F3F4"), max_size=16)
DIRTY_TEXT = st.builds(lambda before, bad, after: before + bad + after, ANY_TEXT, REFUSED_CHARACTERS, ANY_TEXT)
TOO_LONG = st.integers(payloads.MAX_FIELD_CHARS + 1, payloads.MAX_FIELD_CHARS + 200).map(lambda n: "y" * n)
HUGE = st.one_of(st.integers(min_value=ROW_ID_MAX + 1, max_value=2**80), st.integers(min_value=-(2**80), max_value=-1))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3), max_leaves=6)
NOT_A_DICT = JSON.filter(lambda value: not isinstance(value, dict))
# Text with no base character: combining marks (Mn, Mc, Me), perhaps among spaces and zero-width characters.
MARKS = st.characters(categories=("Mn", "Mc", "Me"))
MARKS_ONLY = st.text(MARKS | st.sampled_from(list(" \n\u200b\u200d\u2060\ufe0f")), min_size=1, max_size=12).filter(
    lambda text: any(unicodedata.category(char)[0] == "M" for char in text))


def not_text(optional: bool) -> st.SearchStrategy[Any]:
    """A value a text field may not hold."""
    others = st.one_of(st.integers(), st.booleans(), st.floats(), st.lists(JSON, max_size=3),
                       st.dictionaries(ANY_TEXT, JSON, max_size=3), DIRTY_TEXT, TOO_LONG)
    return others if optional else others | st.none()


def not_whole(kind: Whole) -> st.SearchStrategy[Any]:
    """A value a whole-number field may not hold: out of its range, or no whole number at all."""
    below = st.integers(max_value=kind.low - 1, min_value=-(2**80))
    return st.one_of(below, st.integers(min_value=kind.high + 1, max_value=2**80), st.booleans(), st.floats(),
                     st.integers(0, 10**6).map(str), st.lists(JSON, max_size=2),
                     *([st.none()] if kind.required else []))


def wrong_value(kind: Any) -> st.SearchStrategy[Any]:
    if isinstance(kind, Text):
        return not_text(not kind.required)
    if isinstance(kind, Whole):
        return not_whole(kind)
    if isinstance(kind, Choice):
        return st.one_of(ANY_TEXT.filter(lambda word: word not in kind.options), st.integers(), st.booleans(),
                         st.lists(st.sampled_from(kind.options), min_size=1, max_size=2),
                         *([st.none()] if kind.required else []))
    assert isinstance(kind, PartnerId)
    return st.one_of(st.integers(), st.booleans(), st.integers(ROW_ID_MAX + 1, 10**30).map(str),
                     ANY_TEXT.filter(lambda word: not (word.isascii() and word.isdigit() and word[:1] != "0")),
                     *([st.none()] if kind.required else []))


@st.composite
def bad_fields(draw: st.DrawFn, declared: Any) -> Any:
    """Fields for an action declared so, wrong in one way its schema must refuse."""
    valid = valid_fields(declared)
    own = declared.actions[valid[declared.key]] if isinstance(declared, Moves) else declared
    names = set(own) | ({declared.key} if isinstance(declared, Moves) else set())
    ways = ["junk", "unknown_field", "server_field"]
    if own:
        ways.append("wrong_value")
    if any(kind.required for kind in own.values()) or isinstance(declared, Moves):
        ways.append("missing")
    if isinstance(declared, Moves):
        ways.append("wrong_move")
    way = draw(st.sampled_from(ways))
    if way == "junk":
        return draw(NOT_A_DICT | st.dictionaries(ANY_TEXT.filter(lambda name: name not in names), JSON, min_size=1,
                                                  max_size=4))
    if way == "unknown_field":
        name = draw(ANY_TEXT.filter(lambda name: name not in names))
        return {**valid, name: draw(JSON)}
    if way == "server_field":
        return {**valid, draw(st.sampled_from(["coach", "listening"])): draw(JSON)}
    if way == "wrong_value":
        name = draw(st.sampled_from(sorted(own)))
        return {**valid, name: draw(wrong_value(own[name]))}
    if way == "missing":
        required = [name for name, kind in own.items() if kind.required]
        if isinstance(declared, Moves):
            required.append(declared.key)
        gone = draw(st.sampled_from(sorted(required)))
        return {name: value for name, value in valid.items() if name != gone}
    assert isinstance(declared, Moves)
    move = draw(st.one_of(ANY_TEXT.filter(lambda word: word not in declared.actions), st.integers(), st.none()))
    return {**valid, declared.key: move}


def bad_envelope(event: str, valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A payload shaped like `valid` (for `event`) but wrong in one way, or random JSON."""
    schema_fields = set(valid)
    required = [name for name, field in payloads.EVENTS[event].model_fields.items() if field.is_required()]

    def mutate(draw: st.DrawFn) -> Any:
        ways = ["junk", "unknown_field", *(["wrong_value"] if valid else []), *(["missing"] if required else [])]
        way = draw(st.sampled_from(ways))
        if way == "junk":
            return draw(JSON)
        if way == "unknown_field":
            return {**valid, draw(ANY_TEXT.filter(lambda name: name not in schema_fields)): draw(JSON)}
        if way == "missing":
            gone = draw(st.sampled_from(sorted(required)))
            return {k: v for k, v in valid.items() if k != gone}
        name = draw(st.sampled_from(sorted(valid)))
        wrong: dict[str, st.SearchStrategy[Any]] = {
            "session_id": HUGE | st.just(0) | st.booleans() | st.floats() | st.integers(1, 99).map(str) | st.none(),
            "last_seq": HUGE | st.booleans() | st.floats() | st.integers(0, 99).map(str) | st.none(),
            "text": not_text(optional=False),
            "action": st.one_of(st.none(), st.integers(), ANY_TEXT.filter(
                lambda word: not (0 < len(word) <= 40 and all(c.islower() and c.isascii() or c == "_" for c in word)))),
            "idempotency_key": st.one_of(st.none(), st.integers(), st.text(max_size=7), st.text(min_size=65,
                                                                                                  max_size=70),
                                         DIRTY_TEXT),
            "fields": NOT_A_DICT.filter(lambda value: value is not None) | st.none(),
            "care_seen": st.one_of(st.none(), st.integers(), ANY_TEXT, st.floats()),
        }
        return {**valid, name: draw(wrong[name])}

    return st.composite(mutate)()


def nested(depth: int, inner: Any, as_object: bool) -> Any:
    for _ in range(depth):
        inner = {"page": inner} if as_object else [inner]
    return inner


DEEP = st.builds(nested, st.integers(20, 400), JSON, st.booleans())  # within what json reads, on both sides
PAGES = st.sampled_from(["room", "session:1", "session:2147483647", "kitchen"])  # names Connect takes


def refused_auth(auth: Any) -> bool:
    """Whether `auth`, sent at connect, must be refused: it reaches the handler (python-socketio hands on a falsy
    `auth` as none, and a CONNECT packet can't carry a number: its digits are read as an ack id) and Connect
    refuses it."""
    if not auth or (isinstance(auth, (int, float)) and not isinstance(auth, bool)):
        return False
    try:
        payloads.page_said(auth)
    except payloads.BadPayload:
        return True
    return False


def bad_auth() -> st.SearchStrategy[Any]:
    """A connect's `auth` its schema refuses: random JSON, a page beside an unknown key, a page of another type,
    too long or not clean, or values nested deep."""
    not_a_page = st.one_of(st.none(), st.integers(), st.booleans(), st.floats(), st.lists(JSON, max_size=3),
                           st.dictionaries(ANY_TEXT, JSON, max_size=3), DIRTY_TEXT, TOO_LONG, DEEP,
                           st.text(min_size=payloads.MAX_PAGE_CHARS + 1, max_size=200),
                           PAGES.map(lambda page: page + "\ud800"), PAGES.map(lambda page: "\u202e" + page))
    return st.one_of(
        JSON,
        st.builds(lambda page, name, value: {"page": page, name: value}, PAGES,
                  ANY_TEXT.filter(lambda name: name != "page"), JSON | DEEP | TOO_LONG),
        st.builds(lambda page: {"page": page}, not_a_page),
        DEEP,
        st.dictionaries(ANY_TEXT.filter(lambda name: name != "page"), JSON, min_size=1, max_size=3),
    ).filter(refused_auth)


@pytest.fixture
def app(app):
    return unpaced(app)


@pytest.fixture
def room(app, couple, partner):
    ana, ben = couple
    sessions = sessions_of_every_kind(app, ana, ben)
    ana_sock, ben_sock = partner(ana), partner(ben)
    for session_id in sessions.values():  # Ben's page is open on every session: he would hear any act
        ben_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    ana_sock.get_received(), ben_sock.get_received()
    return sessions, ana_sock, ben_sock


def refused(reply: Any) -> bool:
    return (isinstance(reply, dict) and reply.get("ok") is False and reply["error"]["code"] == "bad_request"
            and isinstance(reply["error"]["message"], str) and reply["error"]["message"].endswith((".", "?")))


def fuzz(target: str, payloads_of: st.SearchStrategy[Any], send: Any) -> None:
    """`send` PER_TARGET payloads drawn from `payloads_of`, BATCH to an example, counting them under `target`."""

    @FUZZ
    @given(batch=st.lists(payloads_of, min_size=BATCH, max_size=BATCH))
    def each(batch: list[Any]) -> None:
        for payload in batch:
            fuzzed[target] += 1
            send(payload)

    each()
    assert fuzzed[target] >= PER_TARGET, (target, fuzzed[target])


def test_every_action_of_every_exercise_refuses_what_its_schema_refuses(app, room):
    sessions, ana_sock, ben_sock = room
    before = log_as_it_stands(app)
    for kind, action in EVERY_ACTION:
        def send(fields: Any, kind: str = kind, action: str = action) -> None:
            reply = ana_sock.emit("act", {"session_id": sessions[kind], "action": action, "fields": fields,
                                          "idempotency_key": key()}, callback=True)
            assert refused(reply), (kind, action, fields, reply)

        fuzz(f"act {kind}.{action}", bad_fields(action_fields(kind)[action]), send)
    assert log_as_it_stands(app) == before, "a refused act was stored"
    assert received(ben_sock, "session_event") == [] and received(ben_sock, "presence") == []
    print({target: count for target, count in fuzzed.items() if target.startswith("act ")})


def valid_payload(event: str, sessions: dict[str, int]) -> dict[str, Any]:
    return {"still_here": {}, "coach": {"text": "You never listen."},
            "join_session": {"session_id": sessions["appreciation"], "last_seq": 0},
            "leave_session": {"session_id": sessions["appreciation"]},
            "coach_paraphrase": {"session_id": sessions["listening"], "text": "You felt alone."},
            "act": {"session_id": sessions["appreciation"], "action": "end", "fields": {},
                    "idempotency_key": "fuzz-end-once"}}[event]


def test_every_event_refuses_what_its_schema_refuses(app, room):
    sessions, ana_sock, ben_sock = room
    before = log_as_it_stands(app)
    for event in sorted(payloads.EVENTS):
        def send(payload: Any, event: str = event) -> None:
            reply = ana_sock.emit(event, payload, callback=True)
            if event == "still_here" and payload == {}:
                assert reply["ok"], reply  # random JSON that is a valid beat
            else:
                assert refused(reply), (event, payload, reply)

        fuzz(event, bad_envelope(event, valid_payload(event, sessions)), send)
    assert log_as_it_stands(app) == before, "a refused event changed the log"
    assert received(ben_sock, "session_event") == [] and received(ben_sock, "presence") == []
    print({event: fuzzed[event] for event in sorted(payloads.EVENTS)})


def test_connect_refuses_every_auth_its_schema_refuses(app, couple, room, caplog):
    """PER_TARGET `auth`s, each refusing the socket as a connect is refused (the kind sentence and data), never a
    fault of ours (that would be "We couldn't open your room just now.") nor a traceback; nothing kept or heard."""
    _, ana_sock, ben_sock = room
    probe = socketio.test_client(app, flask_test_client=couple[0].client, auth={"page": 12})  # Ana, another tab
    assert not probe.is_connected()
    before, rows = log_as_it_stands(app), kept_rows(app)
    caplog.set_level(logging.DEBUG)

    def send(auth: Any) -> None:
        assert connect_again(probe, auth) == AUTH_REFUSED, auth
        assert not probe.is_connected()

    fuzz("connect", bad_auth(), send)
    assert kept_rows(app) == rows, "a refused socket left a presence or page row"
    assert log_as_it_stands(app) == before
    assert received(ben_sock, "presence") == [] and received(ben_sock, "session_event") == []
    assert ana_sock.emit("still_here", {}, callback=True)["ok"]  # her open tab is untouched
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR or record.exc_info]
    print({"connect": fuzzed["connect"]})


def text_fields_of_every_action() -> list[tuple[str, str, dict[str, Any], str]]:
    """(kind, action, valid fields, the name of one text field in them) for every text field of every action (of
    every move of a nested one)."""
    found = []
    for kind, action in EVERY_ACTION:
        declared = action_fields(kind)[action]
        variants = ([({declared.key: move}, own) for move, own in declared.actions.items()]
                    if isinstance(declared, Moves) else [({}, declared)])
        for leading, own in variants:
            valid = {**leading, **{name: example(field) for name, field in own.items()}}
            found += [(kind, action, valid, name) for name, field in own.items() if isinstance(field, Text)]
    return found


def test_text_of_combining_marks_alone_is_read_as_empty_everywhere(couple, partner):
    """Accents with no letter under them ("\u0301\u0301") are empty text, as zero-width characters are: every text
    field of every action reads them as "" (which each exercise answers as an empty box), and the coach as no draft."""
    ana_sock = partner(couple[0])
    targets = text_fields_of_every_action()
    assert len(targets) > 10

    @FUZZ
    @given(target=st.sampled_from(targets), text=MARKS_ONLY)
    def each(target: tuple[str, str, dict[str, Any], str], text: str) -> None:
        kind, action, valid, name = target
        fuzzed["marks only"] += 1
        assert payloads.checked_fields(kind, action, {**valid, name: text})[name] == "", (kind, action, name, text)
        assert ana_sock.emit("coach", {"text": text}, callback=True) == {"ok": True, "analysis": None}, text

    each()
    assert fuzzed["marks only"] >= PER_TARGET // BATCH
