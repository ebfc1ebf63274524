"""What Ana keeps in her own space (journal, toolkit, gratitude, affirmations) stays hers: Ben, her partner,
and Olga from another couple can't read, guess, list or find it, and only Ana's own pages offer it back."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from couples.extensions import db
from couples.personal import Entry, entries
from tests.support.live import act, start

JOURNAL = {"situation": "Plans changed last minute", "happened": "Dinner was moved without asking me.",
           "felt": "Small and forgotten.", "did": "Went quiet.", "helped": ""}


def keep(person, kind, **fields):
    response = person.post(f"/me/{kind}/", fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    page = person.client.get(f"/me/{kind}/").get_data(as_text=True)
    return int(re.findall(rf'/me/{kind}/(\d+)"', page)[0])  # the newest


def test_a_journal_entry_is_kept_opened_changed_and_deleted(couple, app):
    ana, _ben = couple
    entry_id = keep(ana, "journal", **JOURNAL)
    listed = ana.client.get("/me/journal/").get_data(as_text=True)
    assert "Plans changed last minute" in listed and "Small and forgotten." in listed
    ana.post(f"/me/journal/{entry_id}", {**JOURNAL, "helped": "A walk, then talking."})
    assert "A walk, then talking." in ana.client.get("/me/journal/").get_data(as_text=True)
    asked = ana.post(f"/me/journal/{entry_id}/delete", {}, form_path=f"/me/journal/{entry_id}")
    assert "Delete it for good?" in asked.get_data(as_text=True)  # the first press only asks
    with app.app_context():
        assert db.session.query(Entry).count() == 1
    ana.post(f"/me/journal/{entry_id}/delete", {"confirm": "yes"}, form_path=f"/me/journal/{entry_id}")
    with app.app_context():
        assert db.session.query(Entry).count() == 0


def test_the_journal_shows_what_comes_up_most(couple):
    ana, _ben = couple
    for situation in ("Plans changed last minute", "plans  changed last minute", "The dishes",
                      "Plans changed LAST minute"):
        keep(ana, "journal", **{**JOURNAL, "situation": situation})
    page = ana.client.get("/me/journal/").get_data(as_text=True)
    assert '<bdi>Plans changed last minute</bdi> <span class="muted">· 3 times' in page
    assert "<bdi>The dishes</bdi> <span" not in page  # once is not a pattern


def test_nobody_else_can_read_change_flag_or_delete_an_entry(couple, outsider, app):
    ana, ben = couple
    entry_id = keep(ana, "gratitude", text="Ben made tea when I was tired.")
    for person in (ben, outsider):
        assert person.client.get(f"/me/gratitude/{entry_id}").status_code == 404
        assert person.client.get(f"/me/journal/{entry_id}").status_code == 404
        for action, data in (("", {"text": "mine now"}), ("/flag", {"flag": "bring_to_checkin"}), ("/delete", {})):
            assert person.post(f"/me/gratitude/{entry_id}{action}", data, form_path="/me/gratitude/").status_code == 404
        assert "made tea" not in person.client.get("/me/gratitude/").get_data(as_text=True)
        assert "made tea" not in person.post("/me/search", {"q": "tea"}).get_data(as_text=True)
        assert "made tea" not in person.client.get("/").get_data(as_text=True)
    with app.app_context():
        kept = db.session.get(Entry, entry_id)
        assert kept.fields == {"text": "Ben made tea when I was tired."} and not kept.flags


def test_an_unknown_kind_is_a_missing_page(couple):
    ana, _ben = couple
    assert ana.client.get("/me/diary/").status_code == 404


@pytest.mark.parametrize(("text", "sentence"), [
    ("", "Please add a few words here first."), ("   \n ", "Please add a few words here first."),
    ("\u200b\u200d\u2060", "Please add a few words here first."),
    ("x" * 501, "Please keep this to 500 characters or fewer."),
])
def test_empty_invisible_or_overlong_words_are_refused_kindly_and_nothing_is_kept(couple, app, text, sentence):
    ana, _ben = couple
    response = ana.post("/me/gratitude/", {"text": text})
    assert response.status_code == 200 and sentence in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Entry).count() == 0


def test_html_is_kept_as_words_and_shown_as_text(couple):
    ana, _ben = couple
    keep(ana, "affirmation", text="<script>alert('hi')</script> I am <b>enough</b>")
    page = ana.client.get("/me/affirmation/").get_data(as_text=True)
    assert "<script>alert" not in page and str(escape("<b>enough</b>")) in page


def test_starters_add_to_ones_own_toolkit_and_a_made_up_one_is_refused(couple):
    ana, ben = couple
    response = ana.post("/me/toolkit/starter", {"starter": "0"}, form_path="/me/toolkit/")
    assert response.status_code == 302
    assert entries.STARTERS[0] in ana.client.get("/me/toolkit/").get_data(as_text=True)
    assert ana.post("/me/toolkit/starter", {"starter": "99"}, form_path="/me/toolkit/").status_code == 400
    assert entries.STARTERS[0] not in ben.client.get("/me/toolkit/").get_data(as_text=True).split("What you've kept")[1]


def test_search_finds_only_ones_own_words(couple):
    ana, ben = couple
    keep(ana, "journal", **JOURNAL)
    keep(ben, "journal", **{**JOURNAL, "situation": "Plans with my brother"})
    found = ana.post("/me/search", {"q": "plans"}).get_data(as_text=True)
    assert "Plans changed last minute" in found and "my brother" not in found and "1 found" in found


def test_gratitude_brought_to_check_in_is_offered_to_its_author_alone(couple):
    ana, ben = couple
    entry_id = keep(ana, "gratitude", text="Ben fixed my bike on Sunday.")
    ana.post(f"/me/gratitude/{entry_id}/flag", {"flag": "bring_to_checkin"}, form_path="/me/gratitude/")
    session_id = start(ana, "checkin")
    mine = ana.client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert 'data-testid="own-offer"' in mine and "Ben fixed my bike on Sunday." in mine
    theirs = ben.client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert "own-offer" not in theirs and "fixed my bike" not in theirs


def test_affirmations_show_where_their_author_chose_and_nowhere_else(couple):
    ana, ben = couple
    entry_id = keep(ana, "affirmation", text="I can go slowly and still get there.")
    assert "go slowly and still" not in ana.client.get("/").get_data(as_text=True)
    for flag in ("show_in_room", "show_on_pause"):
        ana.post(f"/me/affirmation/{entry_id}/flag", {"flag": flag}, form_path="/me/affirmation/")
    assert "go slowly and still" in ana.client.get("/").get_data(as_text=True)
    session_id = start(ana, "appreciation")
    assert 'data-testid="pause-affirmation">I can go slowly' in ana.client.get(f"/sessions/{session_id}").get_data(
        as_text=True)
    for page in ("/", f"/sessions/{session_id}"):
        assert "go slowly and still" not in ben.client.get(page).get_data(as_text=True)


def test_a_flag_that_kind_doesnt_have_is_refused(couple):
    ana, _ben = couple
    entry_id = keep(ana, "toolkit", text="Cold water on my wrists.")
    response = ana.post(f"/me/toolkit/{entry_id}/flag", {"flag": "show_in_room"}, form_path="/me/toolkit/")
    assert response.status_code == 400


def test_most_common_situations_and_matching_are_plain_functions():
    rows = [{"situation": "Money talk"}, {"situation": "money  talk"}, {"situation": "Work"}, {"text": "x"}]
    assert entries.most_common_situations(rows) == [("Money talk", 2)]
    assert entries.matches({"text": "Tea in BED"}, "bed") and not entries.matches({"text": "Tea"}, "bed")


def test_a_brought_win_is_offered_in_one_check_in_only_unless_marked_again(couple, partner):
    ana, _ben = couple
    entry_id = keep(ana, "gratitude", text="The plants survived my trip.")
    ana.post(f"/me/gratitude/{entry_id}/flag", {"flag": "bring_to_checkin"}, form_path="/me/gratitude/")
    first = start(ana, "checkin")
    assert "The plants survived" in ana.client.get(f"/sessions/{first}").get_data(as_text=True)
    assert "The plants survived" in ana.client.get(f"/sessions/{first}").get_data(as_text=True)  # a reload
    sock = partner(ana)
    assert sock.emit("join_session", {"session_id": first, "last_seq": 0}, callback=True)["ok"]
    assert act(sock, first, "end")["ok"]
    second = start(ana, "checkin")
    assert second != first
    assert "The plants survived" not in ana.client.get(f"/sessions/{second}").get_data(as_text=True)


@pytest.mark.parametrize("number", ["\u00b2", "\u2460", "\u0663", "-1", "1.0", "99"])
def test_a_starter_that_isnt_one_is_refused_without_a_fault(couple, number):
    ana, _ben = couple
    assert ana.post("/me/toolkit/starter", {"starter": number}, form_path="/me/toolkit/").status_code == 400


def test_a_starter_already_in_the_toolkit_isnt_added_twice(couple, app):
    ana, _ben = couple
    for _ in range(2):
        ana.post("/me/toolkit/starter", {"starter": "1"}, form_path="/me/toolkit/")
    with app.app_context():
        assert db.session.query(Entry).filter_by(kind="toolkit").count() == 1


def test_what_was_searched_for_is_never_in_an_address(couple, client):
    ana, _ben = couple
    assert "search?q=" not in ana.client.get("/me/").get_data(as_text=True)
    assert client.get("/me/journal/").headers["Location"] == "/auth/login"  # the sign-in address names nothing


def coach(person, text):
    from tests.support.accounts import csrf_token

    token = csrf_token(person.client, "/me/journal/")
    return person.client.post("/me/coach", json={"text": text}, headers={"X-CSRFToken": token})


def test_the_journal_is_coached_only_once_its_author_turns_the_coach_on(couple):
    ana, ben = couple
    assert coach(ana, "You never listen to me.").status_code == 403
    assert "journal_coach.js" not in ana.client.get("/me/journal/").get_data(as_text=True)
    ana.post("/me/journal/coaching", {}, form_path="/me/journal/")
    page = ana.client.get("/me/journal/").get_data(as_text=True)
    assert "journal_coach.js" in page and "Coach is on" in page
    reply = coach(ana, "You never listen to me.").get_json()
    assert reply["ok"] and reply["analysis"]["blaming"] and reply["analysis"]["suggestion"]
    assert coach(ben, "You never listen to me.").status_code == 403  # her choice is hers alone
    assert coach(ana, "\u200b").get_json() == {"ok": True, "analysis": None}
    assert coach(ana, "x" * 5001).status_code == 400
    ana.post("/me/journal/coaching", {}, form_path="/me/journal/")
    assert coach(ana, "You never listen to me.").status_code == 403


@pytest.mark.parametrize("body", [{"text": "You never listen.", "junk": 1}, {"text": 5}, {}, {"text": None},
                                  ["You never listen."], "You never listen.", {"text": {"text": "x"}}])
def test_the_journal_coach_reads_its_body_by_its_schema(couple, body):
    """The same schema treatment as the socket's `coach` (couples/schemas.py `Draft`): {"text"} and nothing else."""
    from tests.support.accounts import csrf_token

    ana, _ = couple
    ana.post("/me/journal/coaching", {}, form_path="/me/journal/")
    token = csrf_token(ana.client, "/me/journal/")
    response = ana.client.post("/me/coach", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert response.get_json() == {"ok": False, "error": {"code": "bad_request", "message": (
        "Something in that message didn't make sense to us. Please refresh the page and try again.")}}
    assert coach(ana, "x" * 5001).get_json()["error"]["message"] == ("That's a lot to hold at once. Please keep it "
                                                                     "under 5,000 characters.")
    assert coach(ana, "\u0301\u0301").get_json() == {"ok": True, "analysis": None}


def test_a_small_win_is_offered_in_the_wins_step_and_a_thank_you_in_appreciations(couple):
    ana, _ben = couple
    thanks = keep(ana, "gratitude", text="Thank you for the lift.")
    win = keep(ana, "gratitude", text="I said no kindly at work.")
    for entry_id in (thanks, win):
        ana.post(f"/me/gratitude/{entry_id}/flag", {"flag": "bring_to_checkin"}, form_path="/me/gratitude/")
    ana.post(f"/me/gratitude/{win}/flag", {"flag": "small_win"}, form_path="/me/gratitude/")
    page = ana.client.get(f"/sessions/{start(ana, 'checkin')}").get_data(as_text=True)
    assert 'data-bring="Thank you for the lift." data-into="appreciate-text"' in page
    assert 'data-bring="I said no kindly at work." data-into="win-text"' in page
