"""Every socket event and every exercise action against its schema: the valid shape is taken, and each kind of
bad shape is refused with `bad_request` and a kind sentence, with nothing stored. Ana and Ben are partners;
docs/protocol.md says the same as the schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from couples.live import PROTOCOL, payloads
from couples.text import HIDDEN, UNCLEAN
from exercises import KINDS, ROW_ID_MAX, Choice, Moves, PartnerId, Text, Whole, action_fields
from exercises import pause as pause_exercise
from tests.support.accounts import csrf_token
from tests.support.live import key, received
from tests.support.payloads import (EVERY_ACTION, example, log_as_it_stands, sessions_of_every_kind, unpaced,
                                    valid_fields)

BIG = [ROW_ID_MAX + 1, 2**63, 2**64, 10**30, -(2**63) - 1]
NOT_WHOLE = [True, False, "3", 3.0, 3.5, None, [], {}, float("inf")]
UNCLEAN_TEXTS = [("nul", "a\x00b", UNCLEAN), ("lone surrogate", "a\ud800b", UNCLEAN), ("escape", "\x1b[2J", UNCLEAN),
                 ("private use", "\ue000", UNCLEAN), ("noncharacter", "\uffff", UNCLEAN),
                 ("right-to-left override", "I \u202eevol uoy", HIDDEN), ("isolate", "\u2066x\u2069", HIDDEN),
                 ("hidden tags", "hi\U000E0041\U000E0042", HIDDEN)]


@pytest.fixture
def app(app):
    return unpaced(app)


@pytest.fixture
def room(app, couple, partner):
    """A session of every kind; Ana's and Ben's sockets, Ben's having joined nothing (he hears presence only)."""
    ana, ben = couple
    sessions = sessions_of_every_kind(app, ana, ben)
    ana_sock, ben_sock = partner(ana), partner(ben)
    ana_sock.get_received(), ben_sock.get_received()
    return sessions, ana_sock, ben_sock


def refused(reply: Any, sentence: str | None = None) -> bool:
    return (isinstance(reply, dict) and reply.get("ok") is False and reply["error"]["code"] == "bad_request"
            and reply["error"]["message"].endswith((".", "?"))
            and (sentence is None or reply["error"]["message"] == sentence))


# --- each event ----------------------------------------------------------------------------------------------

def valid_payloads(sessions: dict[str, int]) -> dict[str, dict[str, Any]]:
    return {
        "still_here": {},
        "join_session": {"session_id": sessions["appreciation"], "last_seq": 0},
        "leave_session": {"session_id": sessions["appreciation"]},
        "act": {"session_id": sessions["appreciation"], "action": "appreciate",
                "fields": {"text": "You made soup."}, "idempotency_key": key(), "care_seen": False},
        "coach": {"text": "You never listen."},
        "coach_paraphrase": {"session_id": sessions["listening"], "text": "It sounds like you felt alone."},
    }


def bad_shapes(event: str, valid: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
    """(what is wrong, payload, the sentence expected or None for the general one) for `event`."""
    schema = payloads.EVENTS[event]
    cases: list[tuple[str, Any, str | None]] = [
        ("null", None, None), ("a list", [valid], None), ("a string", json.dumps(valid), None), ("a number", 5, None),
        ("an unknown field", {**valid, "room": "couple:1"}, None),
        ("a nested unknown field", {**valid, "x": {"y": 1}}, None),
    ]
    for name, field in schema.model_fields.items():
        if field.is_required():
            cases.append((f"{name} missing", {k: v for k, v in valid.items() if k != name}, None))
        if name in ("session_id", "last_seq"):
            cases += [(f"{name} {value!r}", {**valid, name: value}, None) for value in [*BIG, *NOT_WHOLE, -1]]
            if name == "session_id":
                cases.append(("session_id 0", {**valid, name: 0}, None))
        if name == "text":
            cases += [(f"text {value!r}", {**valid, name: value}, None) for value in [5, None, ["hi"], {"t": 1}]]
            cases += [(f"text with {what}", {**valid, name: value}, sentence)
                      for what, value, sentence in UNCLEAN_TEXTS]
            cases.append(("text over 5,000", {**valid, name: "x" * 5001}, payloads.TOO_LONG))
        if name == "action":
            cases += [(f"action {value!r}", {**valid, name: value}, None)
                      for value in ["", "Appreciate", "<script>", "a" * 41, 5, None, ["appreciate"]]]
        if name == "idempotency_key":
            cases += [(f"key {value!r}", {**valid, name: value}, None)
                      for value in ["short", "k" * 65, "has space 123", "ключ-ключ-ключ", 12345678, None]]
        if name == "fields":
            cases += [(f"fields {value!r}", {**valid, name: value}, None)
                      for value in [None, ["text"], "text", {f"f{n}": 1 for n in range(13)}]]
        if name == "care_seen":
            cases += [(f"care_seen {value!r}", {**valid, name: value}, None) for value in ["yes", 1, None]]
    return cases


@pytest.mark.parametrize("event", sorted(payloads.EVENTS))
def test_each_event_takes_its_shape_and_refuses_every_other(app, room, event):
    sessions, ana_sock, ben_sock = room
    valid = valid_payloads(sessions)[event]
    before = log_as_it_stands(app)
    for what, payload, sentence in bad_shapes(event, valid):
        reply = ana_sock.emit(event, payload, callback=True)
        assert refused(reply, sentence), (event, what, reply)
    assert refused(ana_sock.emit(event, callback=True)), f"{event} with no payload"
    assert refused(ana_sock.emit(event, valid, valid, callback=True)), f"{event} with two payloads"
    assert log_as_it_stands(app) == before, f"a refused {event} changed the log"
    assert received(ben_sock, "session_event") == [] and received(ben_sock, "presence") == []
    reply = ana_sock.emit(event, valid, callback=True)
    assert reply["ok"], (event, reply)  # and the shape a page sends is taken


def test_every_event_in_the_protocol_has_a_schema():
    assert set(payloads.EVENTS) == set(PROTOCOL) - {"connect", "disconnect"}


def test_an_id_past_a_database_integer_is_a_kind_refusal_not_a_fault(app, room):
    """The finding: ids of 2**63 and above gave `server_error` (SQLite can't hold them)."""
    _, ana_sock, _ = room
    for event in ("join_session", "leave_session", "coach_paraphrase", "act"):
        for value in (ROW_ID_MAX + 1, 2**63, 2**63 + 1, 2**64):  # PostgreSQL: "integer out of range" past 2**31 - 1
            reply = ana_sock.emit(event, {"session_id": value, "last_seq": 0, "text": "hi", "action": "end",
                                          "idempotency_key": key()}, callback=True)
            assert reply["error"]["code"] == "bad_request", (event, value, reply)
    reply = ana_sock.emit("join_session", {"session_id": ROW_ID_MAX, "last_seq": ROW_ID_MAX}, callback=True)
    assert reply["error"]["code"] == "not_found"  # the largest id there can be is simply not there


# --- each action ---------------------------------------------------------------------------------------------

def bad_fields(declared: Any) -> list[tuple[str, Any, str | None]]:
    """(what is wrong, fields, the sentence expected or None) for an action `declared` so."""
    valid = valid_fields(declared)
    cases: list[tuple[str, Any, str | None]] = [
        ("fields a list", [valid], None), ("fields a string", "text", None),
        ("an unknown field", {**valid, "junk": "x" * 5000}, None),
        ("the coach's own field", {**valid, "coach": {"blaming": False, "care": False}}, None),
        ("the listening field", {**valid, "listening": {"rebuttal": False}}, None),
    ]
    own = declared.actions[valid[declared.key]] if isinstance(declared, Moves) else declared
    if isinstance(declared, Moves):
        cases += [("no move", {k: v for k, v in valid.items() if k != declared.key}, None),
                  ("an unknown move", {**valid, declared.key: "sing"}, None),
                  ("a move that isn't text", {**valid, declared.key: 3}, None)]
    for name, kind in own.items():
        if kind.required:
            cases.append((f"{name} missing", {k: v for k, v in valid.items() if k != name}, None))
        else:
            cases.append((f"{name} null", {**valid, name: None}, "valid"))
        if isinstance(kind, Text):
            cases += [(f"{name} {value!r}", {**valid, name: value}, None) for value in [5, True, ["hi"], {"a": "b"}]]
            cases += [(f"{name} with {what}", {**valid, name: value}, sentence)
                      for what, value, sentence in UNCLEAN_TEXTS]
            cases.append((f"{name} over 5,000", {**valid, name: "x" * 5001}, payloads.TOO_LONG))
        elif isinstance(kind, Whole):
            cases += [(f"{name} {value!r}", {**valid, name: value}, None)
                      for value in [*BIG, -1, *(v for v in NOT_WHOLE if v is not None or kind.required)]]
        elif isinstance(kind, Choice):
            cases += [(f"{name} {value!r}", {**valid, name: value}, None)
                      for value in ["maybe", kind.options[0].upper(), 1, True, [kind.options[0]]]]
        elif isinstance(kind, PartnerId):
            cases += [(f"{name} {value!r}", {**valid, name: value}, None)
                      for value in [1, "0", "-1", "1.0", " 1", "99999999999999999999", "9223372036854775808", True]]
    return cases


@pytest.mark.parametrize("kind, action", EVERY_ACTION)
def test_each_actions_schema_takes_its_fields_and_refuses_every_other(kind, action):
    declared = action_fields(kind)[action]
    valid = valid_fields(declared)
    assert payloads.checked_fields(kind, action, valid) == valid
    for what, fields, sentence in bad_fields(declared):
        if sentence == "valid":  # an optional field may be null, and is kept as sent
            assert payloads.checked_fields(kind, action, fields) == fields, what
            continue
        with pytest.raises(payloads.BadPayload) as refusal:
            payloads.checked_fields(kind, action, fields)
        assert refusal.value.code == "bad_request"
        assert str(refusal.value) == (sentence or payloads.NOT_UNDERSTOOD), what


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_acts_refused_by_their_schema_change_nothing(app, room, kind):
    sessions, ana_sock, ben_sock = room
    ben_sock.emit("join_session", {"session_id": sessions[kind], "last_seq": 0}, callback=True)
    ben_sock.get_received()
    before = log_as_it_stands(app)
    for action, declared in action_fields(kind).items():
        for what, fields, sentence in bad_fields(declared):
            if sentence == "valid":
                continue
            reply = ana_sock.emit("act", {"session_id": sessions[kind], "action": action, "fields": fields,
                                          "idempotency_key": key()}, callback=True)
            assert refused(reply, sentence), (kind, action, what, reply)
    unknown = ana_sock.emit("act", {"session_id": sessions[kind], "action": "sing", "fields": {"x": 1},
                                    "idempotency_key": key()}, callback=True)
    assert unknown["error"]["code"] == "unknown_action"
    assert log_as_it_stands(app) == before
    assert received(ben_sock, "session_event") == []


def test_text_is_stored_clean_and_only_the_fields_sent(app, room):
    sessions, ana_sock, _ = room
    reply = ana_sock.emit("act", {"session_id": sessions["appreciation"], "action": "appreciate",
                                  "fields": {"text": "Cafe\u0301 date\r\nthank you \u2764\ufe0f"},
                                  "idempotency_key": key()}, callback=True)
    assert reply["ok"], reply
    events, _ = log_as_it_stands(app)
    (stored,) = [fields for session, _seq, action, fields, _key in events
                 if session == sessions["appreciation"] and action == "appreciate"]
    assert stored["text"] == "Caf\u00e9 date\nthank you \u2764\ufe0f"
    assert set(stored) <= {"text", "coach"}  # the server adds its coaching, nothing else is kept


def test_invisible_text_counts_as_empty(room):
    sessions, ana_sock, _ = room
    reply = ana_sock.emit("act", {"session_id": sessions["appreciation"], "action": "appreciate",
                                  "fields": {"text": "\u200b\u200d\u2060 "}, "idempotency_key": key()}, callback=True)
    assert reply["error"]["code"] == "empty_text"  # the exercise's own kind words for an empty box


def test_text_of_combining_marks_alone_counts_as_empty(app, room):
    """The audit's finding: a proposal need of three accents over nothing ("\u0301\u0301\u0301") was ok."""
    sessions, ana_sock, _ = room
    before = log_as_it_stands(app)
    sent = {"need": "\u0301\u0301\u0301", "why": "I feel close when we talk.", "review_every_weeks": 4}
    reply = ana_sock.emit("act", {"session_id": sessions["boundary"], "action": "propose", "fields": sent,
                                  "idempotency_key": key()}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "empty_text", reply
    reply = ana_sock.emit("act", {"session_id": sessions["appreciation"], "action": "appreciate",
                                  "fields": {"text": " \u0308\u200b\u0301"}, "idempotency_key": key()}, callback=True)
    assert reply["error"]["code"] == "empty_text"
    assert log_as_it_stands(app) == before
    assert ana_sock.emit("coach", {"text": "\u0301\u0301"}, callback=True) == {"ok": True, "analysis": None}


def test_a_proposal_with_a_lone_surrogate_is_refused_and_the_talk_can_still_be_agreed(app, room, partner, couple):
    """The finding: a lone surrogate in a proposal was kept, and every "accept" of that talk failed for good."""
    sessions, ana_sock, _ = room
    ben_sock = partner(couple[1])
    talk = sessions["boundary"]
    before = log_as_it_stands(app)
    sent = {"need": "Phones away \ud83d at dinner", "why": "I feel close when we talk.", "review_every_weeks": 4}
    reply = ana_sock.emit("act", {"session_id": talk, "action": "propose", "fields": sent, "idempotency_key": key()},
                          callback=True)
    assert refused(reply, UNCLEAN) and log_as_it_stands(app) == before
    sent["need"] = "Phones away at dinner \U0001F4F5"
    assert ana_sock.emit("act", {"session_id": talk, "action": "propose", "fields": sent,
                                 "idempotency_key": key()}, callback=True)["ok"]
    accepted = ben_sock.emit("act", {"session_id": talk, "action": "accept", "fields": {"version": 1},
                                     "idempotency_key": key()}, callback=True)
    assert accepted["ok"], accepted


def test_a_coach_request_with_unclean_text_is_a_kind_refusal(room):
    _, ana_sock, _ = room
    for _what, text, sentence in UNCLEAN_TEXTS:
        assert refused(ana_sock.emit("coach", {"text": f"You never {text}"}, callback=True), sentence)
    assert ana_sock.emit("coach", {"text": "\u200b \u2060"}, callback=True) == {"ok": True, "analysis": None}


def test_the_journal_coach_refuses_unclean_text_kindly(couple):
    """The same words reach nlp from the journal's coach (JSON, not a socket): refused there as well, kindly."""
    ana, _ = couple
    ana.post("/me/journal/coaching", {}, form_path="/me/journal/")  # Ana turns the coach on for her journal
    token = csrf_token(ana.client, "/me/journal/")
    for text, sentence in (("You \ud800 never", UNCLEAN), ("You \u202enever", HIDDEN)):
        response = ana.client.post("/me/coach", json={"text": text}, headers={"X-CSRFToken": token})
        assert response.status_code == 400, response.get_data(as_text=True)
        assert response.get_json()["error"] == {"code": "bad_request", "message": sentence}
    assert ana.client.post("/me/coach", json={"text": "You never listen."},
                           headers={"X-CSRFToken": token}).get_json()["analysis"]["blaming"]


def test_solo_practice_refuses_unclean_text_kindly(couple):
    """Solo practice's rewrite and coach (JSON, not a socket) hand text to nlp: refused there as well, kindly."""
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    token = csrf_token(ana.client, run_path)
    for end, body in (("rewrite", {"line": 2}), ("coach", {})):
        for text, sentence in (("I feel \ud800 tired of the dishes", UNCLEAN), ("I feel \u2066tired", HIDDEN)):
            response = ana.client.post(f"{run_path}/{end}", json={**body, "text": text},
                                       headers={"X-CSRFToken": token})
            assert response.status_code == 400, (end, response.get_data(as_text=True))
            assert response.get_json()["error"] == {"code": "bad_request", "message": sentence}
    invisible = ana.client.post(f"{run_path}/rewrite", json={"line": 2, "text": "\u200b\u2060"},
                                headers={"X-CSRFToken": token})
    assert invisible.get_json()["error"]["code"] == "empty_text"


# --- reserved names ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["disconnect", "connect", "connect_error", "disconnecting", "newListener",
                                  "removeListener"])
def test_a_reserved_name_sent_by_hand_does_nothing(app, couple, room, name):
    """The finding: a hand-sent `disconnect` told the partner the person had left while their socket stayed open."""
    _, ana_sock, ben_sock = room
    before = log_as_it_stands(app)
    reply = ana_sock.emit(name, {"auth": "x"}, callback=True)
    if name in ("connect", "disconnect"):
        assert refused(reply), reply
    assert received(ben_sock, "presence") == []  # Ben hears nothing: Ana is still here
    assert ana_sock.is_connected()
    assert ana_sock.emit("still_here", {}, callback=True)["online"] == sorted(str(person.id) for person in couple)
    assert log_as_it_stands(app) == before


def test_a_real_disconnect_still_tells_the_partner(room):
    _, ana_sock, ben_sock = room
    ana_sock.disconnect()
    assert len(received(ben_sock, "presence")[-1]["online"]) == 1


# --- docs/protocol.md ----------------------------------------------------------------------------------------

PROTOCOL_DOC = Path("docs/protocol.md").read_text()
FIELD = re.compile(r"`(?P<name>[a-z_]+)`(?P<optional>\?)?: (?P<kind>text|whole|partner|(?:`[a-z_]+`(?:\\\|)?)+)")
EVENT_HEADER = re.compile(r"^#{3,4} `(?P<event>[a-z_]+)` — `(?P<shape>\{.*\})`$", re.M)


def documented_fields(cell: str) -> dict[str, tuple[bool, str]]:
    """{field: (required, kind)} from a table's fields column."""
    return {m["name"]: (not m["optional"], m["kind"]) for m in FIELD.finditer(cell)}


def declared_as_documented(declared: Any) -> dict[str, tuple[bool, str]]:
    def kind_word(kind: Any) -> str:
        if isinstance(kind, Choice):
            return "\\|".join(f"`{option}`" for option in kind.options)
        return {Text: "text", Whole: "whole", PartnerId: "partner"}[type(kind)]
    if isinstance(declared, Moves):
        return {declared.key: (True, "\\|".join(f"`{move}`" for move in declared.actions))}
    return {name: (kind.required, kind_word(kind)) for name, kind in declared.items()}


def table_rows(section: str) -> dict[str, str]:
    """{action: its fields cell} of the first table in `section`."""
    return {m[1]: m[2] for m in re.finditer(r"^\| `([a-z_]+)` \| [^|]*\| ((?:[^|\\]|\\\|)*)\|", section, re.M)}


def section(header: str) -> str:
    start = PROTOCOL_DOC.index(header)
    following = re.search(r"^#{2,3} ", PROTOCOL_DOC[start + len(header):], re.M)
    return PROTOCOL_DOC[start:start + len(header) + (following.start() if following else len(PROTOCOL_DOC))]


def test_the_protocol_page_documents_each_events_schema():
    shapes = {m["event"]: m["shape"] for m in EVENT_HEADER.finditer(PROTOCOL_DOC)}
    for event, schema in {**payloads.EVENTS, "connect": payloads.Connect}.items():  # connect: its `auth`
        documented = {name: not optional for name, optional in re.findall(r'"([a-z_]+)"(\?)?:', shapes[event])}
        declared = {name: field.is_required() for name, field in schema.model_fields.items()}
        assert documented == declared, event


def test_the_protocol_page_documents_how_connects_auth_is_refused():
    """The sentence and data a refused `auth` gets, and the longest page name taken, as connection.py and
    payloads.Connect have them."""
    documented = " ".join(section("### `connect` — ").split())
    assert payloads.NOT_UNDERSTOOD in documented
    assert '`{"code": "bad_request"}`' in documented
    assert f"over {payloads.MAX_PAGE_CHARS} characters" in documented
    assert f"at most {payloads.MAX_PAGE_CHARS} characters" in " ".join(PROTOCOL_DOC.split())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_protocol_page_documents_each_actions_fields(kind):
    title = re.search(rf"^### [^\n]*\(`{kind}`\)$", PROTOCOL_DOC, re.M)
    assert title, f"docs/protocol.md has no section for {kind}"
    rows = table_rows(section(title[0]))
    own = {action: declared for action, declared in action_fields(kind).items() if action not in ("pause", "resume")}
    assert set(rows) == set(own), kind
    for action, declared in own.items():
        assert documented_fields(rows[action]) == declared_as_documented(declared), (kind, action, rows[action])


def test_the_protocol_page_documents_the_pause():
    rows = table_rows(section("### Pausing (every exercise)"))
    assert {action: documented_fields(cell) for action, cell in rows.items()} == {
        action: declared_as_documented(declared) for action, declared in pause_exercise.FIELDS.items()}


# --- the largest message a page sends fits Engine.IO's limit --------------------------------------------------

def test_the_longest_message_a_page_sends_fits_the_payload_limit(app):
    """SOCKETIO_MAX_PAYLOAD must hold the longest legitimate message: every text field of the action with most of
    them at 5,000 four-byte characters (emoji), with the longest envelope, as Engine.IO and Socket.IO frame it."""
    widest = 0
    for kind, action in EVERY_ACTION:
        declared = action_fields(kind)[action]
        own = declared.actions if isinstance(declared, Moves) else {action: declared}
        for fields in own.values():
            longest = {name: "\U0001F49B" * payloads.MAX_FIELD_CHARS if isinstance(kind_, Text) else example(kind_)
                       for name, kind_ in fields.items()}
            envelope = {"session_id": ROW_ID_MAX, "action": action, "fields": {"move": "x" * 10, **longest},
                        "idempotency_key": "k" * 64, "care_seen": True}
            frame = "4" + "42" + "9999999999" + json.dumps(["act", envelope], ensure_ascii=False)
            widest = max(widest, len(frame.encode()))
    assert 50_000 < widest <= app.config["SOCKETIO_MAX_PAYLOAD"], widest
    draft = {"text": "\U0001F49B" * payloads.MAX_FIELD_CHARS}
    coach = "4429999999999" + json.dumps(["coach", draft], ensure_ascii=False)
    assert len(coach.encode()) <= app.config["SOCKETIO_MAX_PAYLOAD"]
