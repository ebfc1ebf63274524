"""Live coaching is private to its author; a sent message's analysis never reaches the partner."""

from __future__ import annotations

import re

import pytest

import nlp
from app import create_app
from tests.support.live import act, received, start


def test_the_author_alone_hears_the_coach(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    ben_sock.get_received()
    reply = ana_sock.emit("coach", {"text": "You never listen to me about the dishes."}, callback=True)
    assert reply["ok"] and reply["analysis"]["blaming"] is True
    assert any(flag["kind"] == "absolute" for flag in reply["analysis"]["flags"])
    suggestion = reply["analysis"]["suggestion"]
    assert re.match(r"I\b", suggestion) and "never" not in suggestion.lower()  # spoken from "I" (I feel, I'm)
    assert reply["analysis"]["care_note"] is None
    assert ben_sock.get_received() == []


@pytest.mark.parametrize("text", ["You always make me laugh.", "I feel hurt when you're late without texting.",
                                  "It sounds like you felt ignored."])
def test_the_coach_does_not_nag(couple, partner, text):
    reply = partner(couple[0]).emit("coach", {"text": text}, callback=True)
    assert reply["ok"] and reply["analysis"]["blaming"] is False and reply["analysis"]["suggestion"] is None


def test_danger_gets_a_calm_note_instead_of_coaching(couple, partner):
    reply = partner(couple[0]).emit("coach", {"text": "I'm scared of what you'll do when you get home."},
                                    callback=True)
    assert reply["analysis"]["care"] is True and reply["analysis"]["care_note"] == nlp.CARE_NOTE


@pytest.mark.parametrize("payload, code", [
    ({"text": "   "}, None), ({"text": 5}, "bad_request"), ("text", "bad_request"),
    ({"text": "x" * 5001}, "bad_request"),
])
def test_odd_drafts(couple, partner, payload, code):
    reply = partner(couple[0]).emit("coach", payload, callback=True)
    if code is None:
        assert reply == {"ok": True, "analysis": None}
    else:
        assert reply["ok"] is False and reply["error"]["code"] == code


def test_words_that_suggest_danger_wait_for_their_author_and_only_their_author_sees_the_note(app, couple, partner):
    """The care note stands between the words and the partner: nothing is sent until its author chooses."""
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    ana_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    ben_sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    text = "Thank you for staying. I don't want to be alive anymore."
    held = act(ana_sock, session_id, "appreciate", text=text)
    assert held["ok"] is False and held["error"]["code"] == "care_hold"
    assert "Nothing has been sent" in held["error"]["message"] and "partner will see" in held["error"]["message"]
    assert held["care_note"] == nlp.care_note("self_harm") and held["care_note"].startswith(
        "If you're thinking about hurting yourself, please reach out now: a crisis line")
    assert received(ben_sock, "session_event") == []
    with app.app_context():
        from couples.log import load_rows
        assert load_rows(session_id) == []

    shared = ana_sock.emit("act", {"session_id": session_id, "action": "appreciate", "fields": {"text": text},
                                   "idempotency_key": "shared-anyway-1", "care_seen": True}, callback=True)
    assert shared["ok"] and shared["care_note"] == nlp.care_note("self_harm")  # the crisis line first, again
    (to_ben,) = received(ben_sock, "session_event")
    assert "coach" not in str(to_ben) and "care" not in str(to_ben["event"])
    with app.app_context():
        (row,) = load_rows(session_id)
        assert row.fields["coach"]["care"] is True


def test_a_danger_note_for_fear_of_the_partner_and_ordinary_words_pass(couple, partner):
    ana, _ = couple
    sock = partner(ana)
    session_id = start(ana)
    held = act(sock, session_id, "appreciate", text="I'm scared of what you'll do when you get home.")
    assert held["error"]["code"] == "care_hold" and held["care_note"] == nlp.CARE_NOTE
    assert act(sock, session_id, "appreciate", text="I'm dying to see the film with you.")["ok"]
    odd = sock.emit("act", {"session_id": session_id, "action": "end", "fields": {}, "idempotency_key": "odd-care-1",
                            "care_seen": "yes"}, callback=True)
    assert odd["error"]["code"] == "bad_request"


def test_a_client_cannot_forge_the_servers_analysis(couple, partner):
    ana, _ = couple
    sock = partner(ana)
    session_id = start(ana)
    reply = sock.emit("act", {"session_id": session_id, "action": "appreciate", "idempotency_key": "forged-key-1",
                              "fields": {"text": "hi", "coach": "x"}}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "bad_request"


def test_a_missing_model_fails_at_start_up_not_at_the_first_message():
    with pytest.raises(nlp.ModelMissing, match="no_such_model"):
        create_app({"TESTING": True, "SECRET_KEY": "x", "HEARTH_SPACY_MODEL": "no_such_model",
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_helper_process_reads_sent_messages_and_losing_it_loses_nothing(app, couple, partner):
    """Messages are read in the helper process once it is up; when it dies they are read in-process."""
    import os
    import signal
    import time

    from couples.log import load_rows

    helper = app.extensions["hearth_nlp_helper"]
    deadline = time.monotonic() + 60
    while not helper.ready:
        assert time.monotonic() < deadline, "the helper never became ready"
        time.sleep(0.05)
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana)
    answered = helper.answered
    reply = ana_sock.emit("coach", {"text": "You never plan anything for us (helper test)."}, callback=True)
    assert reply["analysis"]["blaming"] is True and helper.answered == answered + 1
    assert act(ana_sock, session_id, "appreciate", text="Thank you for the soup, helper edition.")["ok"]
    assert helper.answered == answered + 2
    os.kill(helper.pid, signal.SIGKILL)
    while helper.ready:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    reply = act(ben_sock, session_id, "appreciate", text="You always forget my birthday, helper gone.")
    assert reply["ok"]
    with app.app_context():
        first, second = load_rows(session_id)
        assert first.fields["coach"] == {"blaming": False, "kinds": [], "care": False, "care_kind": None}
        assert second.fields["coach"]["blaming"] is True  # read in-process while the helper was gone
