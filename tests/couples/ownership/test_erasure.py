"""Zed deletes his account: every table and column is walked afterwards and nothing of his is left, while
Yara keeps her own words and what they agreed together, and Zed can never sign in again."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from couples import ownership
from couples.accounts import User
from couples.extensions import db
from couples.ownership import fates
from tests.support.accounts import PASSWORD
from tests.support.sessions import agree, play_checkin

MARK = "zedmarker"  # in Zed's email, his name and every word he writes


def zed_and_yara(accounts):
    return accounts.couple(MARK, "yara")


def seed_everything_of_zeds(app, zed, yara) -> None:
    """Zed's own space, practice and settings, and two check-ins and an agreement with Yara."""
    assert zed.post("/me/journal/", {"situation": f"Fridays {MARK}", "happened": f"{MARK} journal", "felt": "",
                                     "did": "", "helped": ""}).status_code == 302
    assert zed.post("/me/gratitude/", {"text": f"tea {MARK}"}).status_code == 302
    assert zed.post("/me/toolkit/", {"text": f"walk {MARK}"}).status_code in (302, 200)
    zed.post("/me/journal/coaching", {}, form_path="/me/journal/")
    solo = zed.post("/scenes/dishes/solo", {"role": "robin"})
    assert solo.status_code == 302
    token = zed.client.get(solo.headers["Location"]).get_data(as_text=True)
    import re
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', token).group(1)
    tried = zed.client.post(f"{solo.headers['Location']}/rewrite", json={"line": 2, "text": f"I feel tired {MARK}"},
                            headers={"X-CSRFToken": csrf})
    assert tried.status_code == 200
    play_checkin(app, zed, yara, words="w1")
    play_checkin(app, yara, zed, words="w2")  # its start options carry last week's ratings, keyed by Zed's id
    agree(app, zed, yara, need="Phones away at dinner")
    zed.post("/safety/hard-conversations", {"choice": "not_now"})


def scan(app, person_id: int) -> list[str]:
    """Every place in the database (read from the live schema, not the models) still holding `person_id` as
    a person or the MARK in any text or JSON."""
    found = []
    with app.app_context():
        engine = db.engine
        inspector = sa.inspect(engine)
        with engine.connect() as connection:
            for table in inspector.get_table_names():
                if table == "alembic_version":
                    continue
                person_columns = {c for fk in inspector.get_foreign_keys(table) if fk["referred_table"] == "users"
                                  for c in fk["constrained_columns"]}
                if table == "users":
                    person_columns.add("id")
                for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')).mappings():
                    for column, value in row.items():
                        where = f"{table}.{column}"
                        if column in person_columns and value == person_id:
                            found.append(f"{where} = {value}")
                        if isinstance(value, str) and MARK in value.lower():
                            found.append(f"{where} holds {value[:60]!r}")
                        if isinstance(value, str) and column in ("partner_ids", "accepted_by_ids") and \
                                str(person_id) in value.split(","):
                            found.append(f"{where} lists {value}")
                        parsed = _json(value)
                        if parsed is not None:
                            if MARK in json.dumps(parsed).lower():
                                found.append(f"{where} JSON holds the mark")
                            if _mentions(parsed, str(person_id)):
                                found.append(f"{where} JSON names {person_id}")
    return found


def _json(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return value
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def _mentions(value: Any, person: str) -> bool:
    """Whether `person` appears as a key or a string value anywhere in `value` (an id, not a number)."""
    if isinstance(value, dict):
        return any(k == person or _mentions(v, person) for k, v in value.items())
    if isinstance(value, list):
        return any(_mentions(v, person) for v in value)
    return value == person


def test_every_column_that_names_a_person_has_a_decided_fate(app):
    with app.app_context():
        undecided = [f"{t.name}.{c.name}" for t, c in fates.person_columns() if f"{t.name}.{c.name}" not in fates.FATES]
        stale = set(fates.FATES) - {f"{t.name}.{c.name}" for t, c in fates.person_columns()}
    assert undecided == [] and stale == set()


def test_deleting_an_account_leaves_nothing_of_theirs_in_any_table(app, accounts, partner):
    zed, yara = zed_and_yara(accounts)
    seed_everything_of_zeds(app, zed, yara)
    yaras_room = partner(yara)
    yaras_room.get_received()
    before = scan(app, zed.id)
    assert len(before) > 20  # the scan does see Zed while he is here
    assert {place.split(".")[0] for place in before} >= {"users", "personal_entries", "session_events",
                                                          "exercise_sessions", "solo_runs", "safety_checks",
                                                          "hard_talk_choices", "personal_settings", "memberships"}

    wrong = zed.post("/your-data/delete", {"password": "guess guess guess"})
    assert wrong.status_code == 422 and scan(app, zed.id) == before

    response = zed.post("/your-data/delete", {"password": PASSWORD})
    assert response.status_code == 302
    assert scan(app, zed.id) == []
    assert [m["name"] for m in yaras_room.get_received()].count("room_closed") == 1

    # Zed is signed out and can never sign in again; his old cookie opens nothing.
    assert zed.client.get("/history/").status_code == 302
    login = zed.client.post("/auth/login", data={"email": zed.email, "password": PASSWORD})
    assert login.status_code != 302

    # Yara keeps her own words and the agreement; Zed's place reads "Your former partner", his words gone.
    history = yara.client.get("/history/").get_data(as_text=True)
    sessions = sorted(set(int(n) for n in __import__("re").findall(r'/history/(\d+)"', history)))
    assert len(sessions) == 3
    page = " ".join(yara.client.get(f"/history/{sessions[0]}").get_data(as_text=True).split())
    assert "You always make me laugh. w1-yara" in page and "Your former partner" in page
    assert "Their words stay with them." in page
    assert yara.client.get("/").headers["Location"].endswith("/pair/")
    export = yara.client.get("/your-data/export.json").get_json()
    assert export["couples"][0]["agreements"][0]["versions"][0]["need"] == "Phones away at dinner"
    with app.app_context():
        stand_in = db.session.scalars(sa.select(User).where(User.former.is_(True))).one()
        assert stand_in.display_name == "Your former partner" and stand_in.email.endswith("@hearth.invalid")


def test_a_failure_midway_deletes_nothing(app, accounts, monkeypatch):
    zed, yara = zed_and_yara(accounts)
    play_checkin(app, zed, yara, words="w1")
    before = scan(app, zed.id)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("couples.log.anonymise", broken)
    with app.app_context(), pytest.raises(RuntimeError):
        ownership.erase(db.session.get(User, zed.id), __import__("couples.clock").clock.utcnow())
    assert scan(app, zed.id) == before
    assert yara.client.get("/").status_code == 200  # still paired


def test_when_both_partners_delete_nothing_of_their_couple_is_kept(app, accounts):
    """Found by a newcomer: once both had gone, their sessions and agreement stayed, readable by nobody."""
    zed, yara = zed_and_yara(accounts)
    play_checkin(app, zed, yara, words="w1")
    with app.app_context():
        couple_id = db.session.get(User, zed.id).couple.id
    assert zed.post("/your-data/delete", {"password": PASSWORD}).status_code == 302
    with app.app_context():
        from couples import log
        assert db.session.scalar(sa.select(sa.func.count()).select_from(log.ExerciseSession)
                                 .where(log.ExerciseSession.couple_id == couple_id)) == 1  # Yara still reads it
    assert yara.post("/your-data/delete", {"password": PASSWORD}).status_code == 302
    with app.app_context():
        from couples import log
        from couples.accounts import Couple
        assert db.session.scalar(sa.select(sa.func.count()).select_from(log.SessionEvent)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(log.ExerciseSession)) == 0
        assert db.session.get(Couple, couple_id) is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0  # no stand-in left either


def test_a_second_tap_or_the_partner_at_the_same_instant_still_deletes(app, accounts, monkeypatch):
    """Found by a newcomer: a double tap showed the error page, and when both deleted at once one account
    was signed out but kept."""
    from sqlalchemy.exc import IntegrityError

    from couples.ownership import pages as ownership_pages
    zed, yara = zed_and_yara(accounts)
    real, tries = ownership_pages.erase, []

    def raced(user, now):
        tries.append(user.id)
        if len(tries) == 1:  # the partner ended the couple in the same instant: this write loses
            db.session.rollback()
            raise IntegrityError("INSERT INTO past_memberships", {}, Exception("UNIQUE constraint failed"))
        return real(user, now)

    monkeypatch.setattr(ownership_pages, "erase", raced)
    response = zed.post("/your-data/delete", {"password": PASSWORD})
    assert response.status_code == 302 and tries == [zed.id, zed.id]
    with app.app_context():
        assert db.session.get(User, zed.id) is None
    assert zed.client.get("/me/").status_code == 302  # signed out only once it was gone
