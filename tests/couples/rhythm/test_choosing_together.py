"""Choosing the check-in evening together on /rhythm: one suggests, the other accepts; either takes a
suggestion back; bad input is met kindly and changes nothing; an answer to another couple's suggestion
reads exactly like one to a suggestion of one's own that is no longer waiting, and changes nothing."""

from __future__ import annotations

from datetime import time

import pytest

from couples.extensions import db
from couples.rhythm import Proposal, Schedule
from tests.couples.rhythm.helpers import agree, couple_of, proposal_id, suggest


def schedule(app, person):
    with app.app_context():
        row = db.session.get(Schedule, couple_of(app, person))
        return None if row is None else (row.weekday, row.local_time, row.timezone, row.sequence)


def proposals(app) -> list[tuple[int, int, str]]:
    with app.app_context():
        return [(p.proposed_by_id, p.weekday, p.timezone) for p in db.session.query(Proposal).order_by(Proposal.id)]


def test_one_suggests_the_other_accepts_and_only_then_it_is_their_evening(app, couple):
    ana, ben = couple
    response = suggest(ana, weekday=6, local_time="8:30 pm", timezone="Europe/Berlin")
    assert response.status_code == 302 and response.headers["Location"] == "/rhythm/"
    page = ana.client.get("/rhythm/").get_data(as_text=True)
    assert "Suggested: Sundays at 8:30 pm. Ben will see it in your room." in page
    assert schedule(app, ana) is None  # a suggestion alone changes nothing yet

    number = proposal_id(app, ana)
    assert ben.post(f"/rhythm/proposals/{number}/accept", {}, form_path="/rhythm/").status_code == 302
    assert schedule(app, ana) == (6, time(20, 30), "Europe/Berlin", 0)
    assert proposals(app) == []
    page = ben.client.get("/rhythm/").get_data(as_text=True)
    assert "Sundays at 8:30 pm" in page and 'data-testid="rhythm-calendar"' in page


def test_a_new_suggestion_replaces_the_one_waiting_and_the_agreed_evening_stays_until_accepted(app, couple):
    ana, ben = couple
    agree(app, ana, ben, weekday=6, local_time="20:00", timezone="Europe/Berlin")
    suggest(ana, weekday=1, local_time="19:00")
    old = proposal_id(app, ana)
    suggest(ben, weekday=3, local_time="21:00", timezone="Europe/London")
    assert proposals(app) == [(ben.id, 3, "Europe/London")]
    stale = ana.post(f"/rhythm/proposals/{old}/accept", {}, form_path="/rhythm/")  # a page drawn before Ben's
    assert stale.status_code == 302  # found by a newcomer: this was a 404 "we couldn't find that"
    assert "The suggestion changed while you were looking." in ana.client.get("/rhythm/").get_data(as_text=True)
    assert schedule(app, ana) == (6, time(20), "Europe/Berlin", 0)
    assert ana.post(f"/rhythm/proposals/{proposal_id(app, ana)}/accept", {}, form_path="/rhythm/").status_code == 302
    assert schedule(app, ana) == (3, time(21), "Europe/London", 1)  # sequence 1: calendars update their event


@pytest.mark.parametrize("who, words", [(0, "Your suggestion is withdrawn."),
                                        (1, "Thanks for saying so. Either of you can suggest another time.")])
def test_either_partner_can_take_a_suggestion_back(app, couple, who, words):
    ana, ben = couple
    agree(app, ana, ben)
    suggest(ana, weekday=4)
    number = proposal_id(app, ana)
    response = couple[who].post(f"/rhythm/proposals/{number}/decline", {}, form_path="/rhythm/",
                                follow_redirects=True)
    assert words.replace("'", "&#39;") in response.get_data(as_text=True)
    assert proposals(app) == [] and schedule(app, ana)[0] == 6  # the agreed evening stays


def test_accepting_ones_own_suggestion_is_refused_kindly_and_it_keeps_waiting(app, couple):
    ana, _ = couple
    suggest(ana)
    number = proposal_id(app, ana)
    response = ana.post(f"/rhythm/proposals/{number}/accept", {}, form_path="/rhythm/", follow_redirects=True)
    assert "This is your own suggestion; Ben is the one to say yes to it." in response.get_data(as_text=True)
    assert schedule(app, ana) is None and len(proposals(app)) == 1


def test_suggesting_the_evening_they_already_have_changes_nothing(app, couple):
    ana, ben = couple
    agree(app, ana, ben, weekday=6, local_time="20:00", timezone="Europe/Berlin")
    response = suggest(ben, weekday=6, local_time="20:00", timezone="europe/berlin")
    assert response.status_code == 302
    assert "That&#39;s already your check-in evening." in ben.client.get("/rhythm/").get_data(as_text=True)
    assert proposals(app) == []


@pytest.mark.parametrize("fields, message", [
    ({"local_time": "25:61"}, "Please give a time like 20:00 or 8:30 pm."),
    ({"local_time": "13 pm"}, "Please give a time like 20:00 or 8:30 pm."),
    ({"local_time": ""}, "Please give a time like 20:00 or 8:30 pm."),
    ({"timezone": "Mars/Olympus_Mons"}, "We don&#39;t know that time zone."),
    ({"timezone": "x" * 100}, "We don&#39;t know that time zone."),
    ({"weekday": "7"}, "Please choose a day of the week."),
    ({"weekday": "-1"}, "Please choose a day of the week."),
    ({"weekday": "Sunday"}, "Please choose a day of the week."),
])
def test_bad_input_is_met_with_kind_words_keeps_what_was_typed_and_changes_nothing(app, couple, fields, message):
    ana, ben = couple
    agree(app, ana, ben)
    data = {"weekday": "2", "local_time": "19:15", "timezone": "Asia/Kolkata", **fields}
    response = ana.post("/rhythm/propose", data, form_path="/rhythm/")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and 'aria-invalid="true"' in page
    for name, value in data.items():
        if name not in fields and name != "weekday":
            assert f'value="{value}"' in page  # what was typed is still there
    assert proposals(app) == [] and schedule(app, ana) == (6, time(20), "Europe/Berlin", 0)


@pytest.mark.parametrize("typed, zone", [("", "UTC"), ("berlin", "Europe/Berlin"), ("new york", "America/New_York"),
                                         ("ASIA/TOKYO", "Asia/Tokyo"), ("UTC", "UTC")])
def test_the_time_zone_is_the_one_sent_a_city_or_utc_when_empty(app, couple, typed, zone):
    ana, _ = couple
    assert suggest(ana, timezone=typed).status_code == 302
    assert proposals(app) == [(ana.id, 6, zone)]


def test_the_form_fills_in_the_browsers_time_zone_and_stays_quick_exitable(couple):
    ana, _ = couple
    page = ana.client.get("/rhythm/").get_data(as_text=True)
    assert 'src="/static/js/rhythm/timezone.js"' in page and 'id="timezone"' in page
    assert 'type="time"' in page
    assert 'class="quick-exit' in page  # it extends base.html like every page


def test_without_a_csrf_token_nothing_changes(app, couple):
    ana, ben = couple
    response = ana.client.post("/rhythm/propose", data={"weekday": "6", "local_time": "20:00", "timezone": "UTC"})
    assert response.status_code == 400 and proposals(app) == []
    suggest(ana)
    number = proposal_id(app, ana)
    for action in ("accept", "decline"):
        assert ben.client.post(f"/rhythm/proposals/{number}/{action}").status_code == 400
    assert ben.client.post("/rhythm/reminders", data={"email": "y"}).status_code == 400
    assert len(proposals(app)) == 1 and schedule(app, ana) is None


def test_another_couples_suggestion_reads_like_a_stale_one_and_nothing_changes(app, couple, outsider):
    ana, ben = couple
    suggest(ana)
    number = proposal_id(app, ana)
    for action in ("accept", "decline"):
        theirs = outsider.post(f"/rhythm/proposals/{number}/{action}", {}, form_path="/rhythm/")
        missing = outsider.post(f"/rhythm/proposals/{number + 100}/{action}", {}, form_path="/rhythm/")
        assert theirs.status_code == missing.status_code == 302
        page = outsider.client.get("/rhythm/").get_data(as_text=True)
        assert "isn&#39;t waiting any more" in page or "isn't waiting any more" in page
    assert len(proposals(app)) == 1 and schedule(app, ana) is None
    assert "Sundays" not in outsider.client.get("/rhythm/").get_data(as_text=True)


def test_the_page_needs_a_sign_in_and_a_partner(accounts, client):
    assert client.get("/rhythm/").status_code == 302  # to sign in
    alone = accounts.person("alex")
    assert alone.client.get("/rhythm/").status_code == 404
    assert alone.client.get("/rhythm/checkin.ics").status_code == 404


def test_the_room_links_to_the_rhythm_page(couple):
    ana, _ = couple
    assert 'href="/rhythm/"' in ana.client.get("/").get_data(as_text=True)
