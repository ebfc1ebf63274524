"""Migration 0017: a lone surrogate that reached a JSON column before payloads were checked (issue 15) is
mended, so the talk it sat in can be agreed again. Runs on SQLite and, with --db=postgres, on PostgreSQL."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import orjson
import pytest

from flask_migrate import stamp, upgrade
from sqlalchemy import text

from app import MIGRATIONS
from couples.extensions import db
from couples.log import SessionEvent
from tests.support.live import key
from tests.support.payloads import sessions_of_every_kind

MARK = "\u2603"  # a snowman: its JSON escape is swapped for a lone surrogate's, as old rows held it


def _migration():
    spec = importlib.util.spec_from_file_location("m0017", Path(MIGRATIONS, "versions",
                                                                "0017mendsurrogates_mend_lone_surrogates.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spoil(app) -> None:
    """Put a lone surrogate in the stored proposal as the standard library's JSON wrote one before the schemas
    refused it: as the six characters of its escape."""
    with app.app_context():
        column = "CAST(fields AS TEXT)" if db.engine.dialect.name == "postgresql" else "fields"
        spoilt = f"REPLACE({column}, :old, :new)"
        if db.engine.dialect.name == "postgresql":
            spoilt = f"CAST({spoilt} AS JSON)"
        db.session.execute(text(f"UPDATE session_events SET fields = {spoilt}"), {"old": MARK, "new": "\\ud83d"})
        db.session.commit()


def _needs(app) -> list[str]:
    with app.app_context():
        return [event.fields["need"] for event in db.session.query(SessionEvent).filter_by(action="propose")
                if event.fields["need"].startswith("Phones away")]


def test_a_talk_holding_an_old_lone_surrogate_can_be_agreed_once_migrated(app, partner, couple):
    ana, ben = couple
    talk = sessions_of_every_kind(app, ana, ben)["boundary"]
    ana_sock, ben_sock = partner(ana), partner(ben)
    proposal = {"need": f"Phones away {MARK} at dinner", "why": "I feel close when we talk.", "review_every_weeks": 4}
    assert ana_sock.emit("act", {"session_id": talk, "action": "propose", "fields": proposal,
                                 "idempotency_key": key()}, callback=True)["ok"]
    _spoil(app)
    with pytest.raises(orjson.JSONDecodeError):
        _needs(app)  # the harm: the row can no longer be read at all
    with app.app_context():
        stamp(directory=str(MIGRATIONS), revision="0016socketpages")
        upgrade(directory=str(MIGRATIONS))
    assert _needs(app) == ["Phones away \ufffd at dinner"]  # the lone half replaced, the rest kept
    accepted = ben_sock.emit("act", {"session_id": talk, "action": "accept", "fields": {"version": 1},
                                     "idempotency_key": key()}, callback=True)
    assert accepted["ok"], accepted


def test_mending_reaches_keys_lists_and_nesting_and_leaves_clean_values_alone():
    mended = _migration().mended
    assert mended({"a\udc00": ["x\ud800y", {"z": "\udfff"}], "n": 3, "ok": "\U0001F4F5 fine"}) == {
        "a\ufffd": ["x\ufffdy", {"z": "\ufffd"}], "n": 3, "ok": "\U0001F4F5 fine"}
    clean = {"need": "Phones away at dinner \U0001F4F5", "weeks": [1, 2], "none": None}
    assert mended(clean) == clean
