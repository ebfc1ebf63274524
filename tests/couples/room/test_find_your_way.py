"""Finding one's way from the room: the weekly check-in first, each page linked once in words that are its title,
and past sessions that say which exercise and what about, when, and whether finished, ended early or live."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from couples import dates, log, service
from couples.clock import utcnow
from couples.extensions import db
from couples.room.pages import ROOM_ORDER
from exercises import KINDS
from tests.couples.room.reading import by_testid, elements, one, title_of
from tests.support.live import act, start


def test_the_weekly_check_in_comes_first_and_every_exercise_once(couple):
    ana, _ = couple
    html = ana.client.get("/").get_data(as_text=True)
    entries = [e.attrs["data-testid"].removeprefix("start-") for e in elements(html)
               if e.attrs.get("data-testid", "").startswith("start-")]
    assert entries == list(ROOM_ORDER) and entries[0] == "checkin"
    assert sorted(entries) == sorted(KINDS)


def test_each_link_of_the_room_says_the_title_of_the_page_it_opens(couple):
    ana, _ = couple
    html = ana.client.get("/").get_data(as_text=True)
    named = [e for e in elements(html) if e.tag == "a" and e.attrs.get("data-testid", "").startswith("link-")]
    assert len(named) >= 6
    for link in named:
        response = ana.client.get(link.attrs["href"])
        assert response.status_code == 200, link.attrs["href"]
        assert title_of(response.get_data(as_text=True)) == link.text, link.attrs["href"]


def test_no_page_is_linked_twice_from_the_room(couple):
    """Except a live session: the lead at the top and its line among the latest sessions both lead into it."""
    ana, _ = couple
    start(ana, "appreciation")
    html = ana.client.get("/").get_data(as_text=True)
    targets = Counter(e.attrs["href"] for e in elements(html) if e.tag == "a" and e.attrs.get("href", "")
                      .startswith("/") and e.attrs["href"] not in ("/", "/account/"))
    assert targets["/agreements/"] == 1 and targets["/scenes/"] == 1
    assert [href for href, count in targets.items() if count > 1] == ["/sessions/1"]


def finish_an_appreciation_round(ana, ben, partner) -> int:
    session_id = start(ana, "appreciation")
    ana_sock, ben_sock = partner(ana), partner(ben)
    assert act(ana_sock, session_id, "appreciate", text="You made soup when I was tired.")["ok"]
    assert act(ben_sock, session_id, "acknowledge")["ok"]
    assert act(ben_sock, session_id, "appreciate", text="You listened on Sunday.")["ok"]
    assert act(ana_sock, session_id, "acknowledge")["ok"]
    return session_id


def test_past_sessions_say_what_about_when_and_how_they_ended(app, couple, partner):
    ana, ben = couple
    round_id = finish_an_appreciation_round(ana, ben, partner)
    listening_id = start(ben, "listening")
    ben_sock = partner(ben)
    assert act(ben_sock, listening_id, "choose", topic="Sunday mornings", first_speaker=str(ben.id))["ok"]
    assert act(ben_sock, listening_id, "end")["ok"]
    response = ana.post("/sessions", {"kind": "rehearsal", "scene": "dishes"}, form_path="/")
    rehearsal_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        today = dates.day(utcnow())  # outside a request: UTC, as these people have no zone of their own yet

    room = ana.client.get("/").get_data(as_text=True)
    assert [e.text for e in by_testid(room, "past-session")] == [
        f"Conflict scripts: The dishes, again {today} · in progress · Go back to it",
        f"Listening turns: Sunday mornings {today} · ended early",
        f"Appreciation round {today} · finished",
    ]
    assert [e.text for e in by_testid(ben.client.get("/").get_data(as_text=True), "session-join")] == ["Join them"]
    assert one(room, "session-join").attrs["href"] == f"/sessions/{rehearsal_id}"
    assert f'href="/sessions/{round_id}"' in room and f'href="/sessions/{listening_id}"' in room

    history = ben.client.get("/history/").get_data(as_text=True)
    assert f'href="/history/{round_id}"' in history and f'href="/history/{listening_id}"' in history
    assert [e.text for e in by_testid(history, "history-item")] == [
        f"Conflict scripts: The dishes, again {today} · in progress · Join them",
        f"Listening turns: Sunday mornings {today} · ended early · under a minute",
        f"Appreciation round {today} · finished · under a minute",
    ]
    assert "← Your room" in history


def test_a_session_closed_when_its_couple_ended_reads_as_ended_early(app, couple, partner):
    ana, ben = couple
    session_id = start(ana, "appreciation")
    assert act(partner(ana), session_id, "appreciate", text="You made soup when I was tired.")["ok"]
    with app.app_context():
        row = db.session.get(log.ExerciseSession, session_id)
        assert row is not None
        log.close_live_sessions(row.couple_id, utcnow() + timedelta(seconds=1))
        db.session.commit()
        db.session.refresh(row)
        (line,) = service.summarize([row])
        assert (line.name, line.status) == ("Appreciation round", service.ENDED_EARLY)
