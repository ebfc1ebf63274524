"""Nothing of Ben's safety check reaches Ana: proved by difference, for every page and event she can reach.

The same evening is played in worlds that differ only in what Ben told Hearth privately. Everything Ana
can see (each GET route of the app, what starting each conflict tool shows her, her socket's replies and
every event it receives) is recorded and compared after the differences no one controls (CSRF tokens,
clock times) are masked. Worlds where Ben has hard conversations set aside must look the same to Ana
whether he answered with a concern or simply chose "not now"; worlds where they are open must look the
same whether he never took the check, answered with no concern, or went on past a concern.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest

from app import create_app
from couples.extensions import db, socketio
from tests.support.accounts import Accounts, Person

CONFLICT_KINDS = ("boundary", "listening", "rehearsal")
ROUTE_VALUES = {"session_id": "checkin", "agreement_id": 1, "ref": "dishes", "code": "ABCD-EFGH", "run_id": 1,
                "reflection_id": 1, "kind_name": ("journal", "toolkit", "gratitude", "affirmation"), "entry_id": 1,
                "token": "not-a-real-token"}
NOT_ANAS = {"static"}  # files every visitor gets alike


def concern(accounts: Accounts, ben: Person) -> None:
    accounts.safety_check(ben, afraid="sometimes", hurt="rarely")


def chose_not_now(accounts: Accounts, ben: Person) -> None:
    accounts.safety_check(ben)
    ben.post("/safety/hard-conversations", {"choice": "not_now"})


def concern_then_not_now_too(accounts: Accounts, ben: Person) -> None:
    chose_not_now(accounts, ben)
    concern(accounts, ben)


def never_checked(accounts: Accounts, ben: Person) -> None:
    pass


def clear(accounts: Accounts, ben: Person) -> None:
    accounts.safety_check(ben)


def went_on_past_a_concern(accounts: Accounts, ben: Person) -> None:
    concern(accounts, ben)
    ben.post("/safety/hard-conversations", {"choice": "go_on", "next": "/"})


def not_now_then_open_again(accounts: Accounts, ben: Person) -> None:
    chose_not_now(accounts, ben)
    ben.post("/safety/hard-conversations", {"choice": "open"})


SET_ASIDE = (concern, chose_not_now, concern_then_not_now_too)
OPEN = (never_checked, clear, went_on_past_a_concern, not_now_then_open_again)

MASKS = (
    (re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}"), "<csrf token>"),  # signed, different in every sign-in
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "<time>"),
    # the clock times pages print (history's "15:44 UTC"): two worlds played a minute apart differ there
    (re.compile(r"(?<![\d:])\d\d:\d\d(?![\d:])"), "<clock>"),
)


def masked(value: Any) -> str:
    text = repr(value)
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def what_ana_sees(database, tmp_path, monkeypatch, ben_tells_hearth: Callable[[Accounts, Person], None]) -> dict:
    """Play the evening in a fresh app; returns everything Ana saw, masked, by where she saw it."""
    monkeypatch.setattr("couples.checkin.start_options.secrets.randbelow", lambda _n: 4242)
    folder = tmp_path / ben_tells_hearth.__name__
    folder.mkdir()
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": True,
                      "SQLALCHEMY_DATABASE_URI": database.fresh(folder)})
    try:
        accounts = Accounts(app)
        ana, ben = accounts.couple("ana", "ben", checked=False)
        accounts.safety_check(ana)
        ben_tells_hearth(accounts, ben)
        sock = socketio.test_client(app, flask_test_client=ana.client)
        seen: dict[str, Any] = {}
        for kind in CONFLICT_KINDS:
            response = ana.post("/sessions", {"kind": kind, "scene": "dishes"}, form_path="/", follow_redirects=True)
            seen[f"start {kind}"] = (response.status_code, response.get_data(as_text=True))
            if response.request.path.startswith("/sessions/"):  # it started: end it, one exercise at a time
                ended = int(response.request.path.rsplit("/", 1)[1])
                assert sock.emit("act", {"session_id": ended, "action": "end", "idempotency_key": f"end-{kind}",
                                         "fields": {}}, callback=True)["ok"]
        started = ana.post("/sessions", {"kind": "checkin"}, form_path="/")
        session_id = int(started.headers["Location"].rsplit("/", 1)[1])
        seen["join check-in"] = sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
        seen["arrive"] = sock.emit("act", {"session_id": session_id, "action": "arrive", "idempotency_key": "k-1",
                                           "fields": {"feeling": 6, "connection": 5, "mood": "tired"}}, callback=True)
        values = {**ROUTE_VALUES, "session_id": session_id}
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_ANAS:
                continue
            missing = set(rule.arguments) - set(values)
            assert not missing, f"{rule.rule}: give ROUTE_VALUES a value for {missing} so this route is compared"
            names = sorted(rule.arguments)
            choices = [values[n] if isinstance(values[n], tuple) else (values[n],) for n in names]
            for chosen in itertools.product(*choices):
                path = rule.rule
                for name, value in zip(names, chosen, strict=True):
                    path = re.sub(rf"<(\w+:)?{name}>", str(value), path)
                response = ana.client.get(path)
                seen[f"GET {path}"] = (response.status_code, response.headers.get("Location"),
                                       response.get_data(as_text=True))
        seen["events"] = sock.get_received()
        sock.disconnect()
        return {where: masked(what) for where, what in seen.items()}
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def assert_same(worlds: dict[str, dict[str, str]]) -> None:
    (first_name, first), *others = worlds.items()
    for name, seen in others:
        assert seen.keys() == first.keys()
        for where in first:
            assert seen[where] == first[where], f"Ana can tell {name} from {first_name} at {where}"


def test_a_concern_looks_to_ana_exactly_like_not_now(database, tmp_path, monkeypatch):
    worlds = {world.__name__: what_ana_sees(database, tmp_path, monkeypatch, world) for world in SET_ASIDE}
    assert_same(worlds)
    seen = worlds["concern"]
    assert "Ben has set hard conversations aside for now." in seen["start listening"]
    assert len([where for where in seen if where.startswith("GET ")]) >= 15


def test_whether_ben_took_the_check_and_what_he_said_never_shows_while_open(database, tmp_path, monkeypatch):
    worlds = {world.__name__: what_ana_sees(database, tmp_path, monkeypatch, world) for world in OPEN}
    assert_same(worlds)
    assert "set hard conversations aside" not in worlds["clear"]["start listening"]


@pytest.mark.parametrize("word", ["safety check", "private check", "afraid", "concern", "helpline"])
def test_nothing_ana_sees_names_the_check(database, tmp_path, monkeypatch, word):
    seen = what_ana_sees(database, tmp_path, monkeypatch, concern)
    for where, text in seen.items():
        if where in ("GET /safety/", "GET /safety/check", "GET /safety/hard-conversations", "GET /me/help"):
            continue  # her own safety pages and the page on asking for help, the same for everyone
        assert word not in text.lower(), f"{where} says {word!r}"
