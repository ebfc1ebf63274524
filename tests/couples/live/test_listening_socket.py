"""Listening turns over the socket: Ana and Ben take turns, Olga from another couple learns nothing."""

from __future__ import annotations

import re

import pytest

from tests.support.live import act, joined, key, received, start

STATEMENT = "I feel tired on Sunday mornings when the kitchen is a mess and I clean alone."
GOOD = "What I hear is that you feel tired on Sunday mornings when the kitchen is messy and you clean alone."


@pytest.fixture
def room(couple, outsider, partner):
    """A listening session Ana started, both partners on its page, Olga connected elsewhere."""
    ana, ben = couple
    ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)
    session_id = start(ana, "listening")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    for sock in (ana_sock, ben_sock, olga_sock):
        sock.get_received()
    return session_id, (ana, ana_sock), (ben, ben_sock), olga_sock


def chosen(room, topic="Sunday mornings"):
    session_id, (ana, ana_sock), _, _ = room
    assert act(ana_sock, session_id, "choose", topic=topic, first_speaker=str(ana.id))["ok"]
    return session_id


def test_a_whole_session_seen_from_both_sides(room):
    session_id, (ana, ana_sock), (ben, ben_sock), olga_sock = room
    chosen(room)
    assert received(ben_sock, "session_event")[-1]["view"]["floor_holder"] == str(ana.id)
    assert act(ana_sock, session_id, "speak", text=STATEMENT)["ok"]
    to_ben = received(ben_sock, "session_event")[-1]
    assert to_ben["view"]["current"]["text"] == STATEMENT and to_ben["view"]["allowed"][0] == "paraphrase"

    assert act(ben_sock, session_id, "paraphrase", text="What I hear is that you feel tired.")["ok"]
    to_ben = received(ben_sock, "session_event")[-1]
    to_ana = received(ana_sock, "session_event")[-1]
    assert to_ben["view"]["hint"]["missing"]  # Ben alone gets a gentle hint about what he might add
    assert to_ana["view"]["hint"] is None and "overlap" not in str(to_ana) and "missing" not in str(to_ana)
    assert to_ana["view"]["current"]["paraphrase"] == "What I hear is that you feel tired."

    assert act(ana_sock, session_id, "clarify", text="Mostly the cleaning alone part.")["ok"]
    assert act(ben_sock, session_id, "paraphrase", text=GOOD)["ok"]
    assert act(ana_sock, session_id, "confirm")["ok"]
    assert act(ben_sock, session_id, "validate", text="That makes sense, because Sundays are our rest day.")["ok"]
    assert act(ana_sock, session_id, "pass_floor")["ok"]
    assert act(ben_sock, session_id, "speak", text="I feel unsure what helps most.")["ok"]
    assert act(ana_sock, session_id, "paraphrase", text="You're unsure what would help most.")["ok"]
    assert act(ben_sock, session_id, "confirm")["ok"]
    assert act(ana_sock, session_id, "finish")["ok"]

    final = received(ben_sock, "session_event")[-1]
    assert final["view"]["finished"] and final["view"]["step"] == "done"
    summary = final["view"]["summary"]
    assert summary["rounds"] == 2
    assert [t["speaker"] for t in summary["turns"]] == [str(ana.id), str(ben.id)]
    assert summary["statements"][0]["paraphrase"] == GOOD
    assert summary["statements"][0]["clarifications"] == ["Mostly the cleaning alone part."]
    assert received(ana_sock, "session_event")[-1]["view"]["summary"] == summary
    assert received(olga_sock, "session_event") == []


def test_a_rebuttal_is_held_back_for_the_listener_only(room):
    session_id, (ana, ana_sock), (ben, ben_sock), _ = room
    chosen(room)
    act(ana_sock, session_id, "speak", text=STATEMENT)
    ana_sock.get_received(), ben_sock.get_received()
    reply = act(ben_sock, session_id, "paraphrase", text="That's not true, I cleaned last Sunday.")
    assert reply["ok"] is False and reply["error"]["code"] == "hold_that_thought"
    assert reply["error"]["message"] == "Hold that thought for your own turn. For now, reflect what you heard."
    complaint = act(ben_sock, session_id, "paraphrase", text="You're tired. You never help me either, you're so lazy.")
    assert complaint["ok"] is False and complaint["error"]["code"] == "hold_that_thought"
    assert ana_sock.get_received() == [] and received(ben_sock, "session_event") == []
    assert joined(ana_sock, session_id)["view"]["step"] == "paraphrasing"


def test_echoing_the_speakers_own_but_is_reflecting_not_arguing(room):
    session_id, (_, ana_sock), (_, ben_sock), _ = room
    chosen(room)
    act(ana_sock, session_id, "speak", text="I wanted to help but I felt pushed away.")
    assert act(ben_sock, session_id, "paraphrase", text="You wanted to help but felt pushed away.")["ok"]


def test_the_live_paraphrase_coach_answers_the_listener_alone(room):
    session_id, (_, ana_sock), (_, ben_sock), olga_sock = room
    chosen(room)
    act(ana_sock, session_id, "speak", text=STATEMENT)
    ana_sock.get_received()
    reply = ben_sock.emit("coach_paraphrase", {"session_id": session_id, "text": "But you never help either."},
                          callback=True)
    assert reply["ok"] and reply["feedback"]["held_back"] and reply["feedback"]["rebuttal_text"] == "but you"
    good = ben_sock.emit("coach_paraphrase", {"session_id": session_id, "text": GOOD}, callback=True)
    assert good["feedback"]["held_back"] is False and good["feedback"]["overlap"] >= 0.75
    assert ana_sock.get_received() == []  # not even that a draft was looked at
    # The speaker has nothing to paraphrase now, and a stranger learns nothing.
    assert ana_sock.emit("coach_paraphrase", {"session_id": session_id, "text": "hi"}, callback=True) == {
        "ok": True, "feedback": None}
    stranger = olga_sock.emit("coach_paraphrase", {"session_id": session_id, "text": "hi"}, callback=True)
    assert stranger["ok"] is False and stranger["error"]["code"] == "not_found"


def test_after_a_correction_the_listener_is_never_asked_for_what_was_corrected_away(app, room):
    session_id, (_, ana_sock), (_, ben_sock), _ = room
    chosen(room, topic="Our evenings")
    act(ana_sock, session_id, "speak", text="I get tense about money and the quiet evenings.")
    assert act(ben_sock, session_id, "paraphrase", text="You get tense in the evenings.")["ok"]
    assert "money" in received(ben_sock, "session_event")[-1]["view"]["hint"]["missing"]
    assert act(ana_sock, session_id, "clarify", text="No, it's not the money, it's the silence.")["ok"]
    assert received(ben_sock, "session_event")[-1]["view"]["hint"] is None  # its words were corrected
    draft = ben_sock.emit("coach_paraphrase", {"session_id": session_id, "text": "You feel tense."}, callback=True)
    assert draft["feedback"]["missing"] == ["silence"]
    assert act(ben_sock, session_id, "paraphrase", text="The evenings feel tense to you.")["ok"]
    assert received(ben_sock, "session_event")[-1]["view"]["hint"] == {"overlap": 0.0, "missing": ["silence"]}
    with app.app_context():
        from couples.log import load_rows
        assert load_rows(session_id)[-1].fields["listening"]["missing"] == ["silence"]


@pytest.mark.parametrize("payload, code", [
    ("text", "bad_request"), ({"text": "hi"}, "bad_request"), ({"session_id": 1, "text": 5}, "bad_request"),
    ({"session_id": 1, "text": "x" * 5001}, "bad_request"), ({"session_id": 99999, "text": "hi"}, "not_found"),
])
def test_odd_paraphrase_drafts_get_a_kind_error(room, payload, code):
    _, _, (_, ben_sock), _ = room
    reply = ben_sock.emit("coach_paraphrase", payload, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == code and reply["error"]["message"].endswith(".")


def test_blame_in_a_statement_is_coached_privately_and_never_shown_to_the_listener(app, room):
    session_id, (_, ana_sock), (_, ben_sock), _ = room
    chosen(room)
    ben_sock.get_received()
    coach = ana_sock.emit("coach", {"text": "You never help with the dishes."}, callback=True)
    assert coach["analysis"]["blaming"] and re.match(r"I\b", coach["analysis"]["suggestion"])  # I feel, I'm
    assert ben_sock.get_received() == []
    assert act(ana_sock, session_id, "speak", text="You never help with the dishes.")["ok"]  # sent as written
    (to_ben,) = received(ben_sock, "session_event")
    assert "coach" not in str(to_ben) and "blaming" not in str(to_ben)
    with app.app_context():
        from couples.log import load_rows
        assert load_rows(session_id)[-1].fields["coach"]["blaming"] is True


@pytest.mark.parametrize("who, action, fields, code", [
    ("ben", "speak", {"text": "My turn!"}, "not_your_turn"),  # the listener can't take the floor
    ("ben", "pass_floor", {}, "wrong_step"),
    ("ana", "paraphrase", {"text": "I hear myself"}, "wrong_step"),
    ("ana", "speak", {"text": "   "}, "empty_text"),
    ("ana", "speak", {"text": "x" * 601}, "too_long"),
    ("ana", "confirm", {}, "wrong_step"),
    ("ana", "choose", {"topic": "again", "first_speaker": "1"}, "chosen_first"),  # her topic holds already
    ("ana", "dance", {}, "unknown_action"),
    ("ana", "speak", {"text": "hi", "listening": "forged"}, "bad_request"),  # clients can't forge it
])
def test_illegal_moves_reach_the_sender_only(room, who, action, fields, code):
    session_id, (_, ana_sock), (_, ben_sock), _ = room
    chosen(room)
    for sock in (ana_sock, ben_sock):
        sock.get_received()
    sender, other = (ana_sock, ben_sock) if who == "ana" else (ben_sock, ana_sock)
    reply = act(sender, session_id, action, **fields)
    assert reply["ok"] is False and reply["error"]["code"] == code
    assert other.get_received() == [] and received(sender, "session_event") == []
    assert joined(ben_sock, session_id)["last_seq"] == 1


def test_nothing_can_be_said_during_a_pause_until_both_resume(room):
    session_id, (_, ana_sock), (_, ben_sock), _ = room
    chosen(room)
    assert act(ben_sock, session_id, "pause", minutes=20)["ok"]
    to_ana = received(ana_sock, "session_event")[-1]["view"]
    assert to_ana["pause"]["minutes"] == 20 and to_ana["allowed"] == ["resume", "end"]
    said = act(ana_sock, session_id, "speak", text=STATEMENT)
    assert said["ok"] is False and said["error"]["code"] == "paused"
    assert act(ana_sock, session_id, "resume")["ok"] and act(ben_sock, session_id, "resume")["ok"]
    assert act(ana_sock, session_id, "speak", text=STATEMENT)["ok"]


def test_a_second_tab_pressing_twice_and_both_partners_at_once_keep_the_log_whole(room, partner):
    session_id, (ana, ana_sock), (_, ben_sock), _ = room
    chosen(room)
    act(ana_sock, session_id, "speak", text=STATEMENT)
    act(ben_sock, session_id, "paraphrase", text=GOOD)
    ana_tab = partner(ana)
    joined(ana_tab, session_id)
    assert act(ana_sock, session_id, "confirm")["ok"]
    again = act(ana_tab, session_id, "confirm")  # the same press from her other tab
    assert again["ok"] is False and again["error"]["code"] == "wrong_step"
    # Both press "We're done for now" in the same instant: the first ends it, the second is told kindly.
    first, second = act(ana_sock, session_id, "finish"), act(ben_sock, session_id, "finish")
    assert first["ok"] and second["ok"] is False and second["error"]["code"] == "finished"
    reply = joined(ben_sock, session_id)
    assert [e["action"] for e in reply["events"]] == ["choose", "speak", "paraphrase", "confirm", "finish"]
    assert [e["seq"] for e in reply["events"]] == [1, 2, 3, 4, 5]


def test_a_reconnect_mid_step_catches_up(room, partner):
    session_id, (ana, ana_sock), (ben, ben_sock), _ = room
    chosen(room)
    seen = joined(ben_sock, session_id)["last_seq"]
    ben_sock.disconnect()  # Ben's phone sleeps while Ana speaks
    act(ana_sock, session_id, "speak", text=STATEMENT)
    ben_again = partner(ben)
    reply = joined(ben_again, session_id, last_seq=seen)
    assert [e["action"] for e in reply["events"]] == ["speak"]
    assert reply["view"]["step"] == "paraphrasing" and reply["view"]["allowed"][0] == "paraphrase"
    assert act(ben_again, session_id, "paraphrase", text=GOOD, idempotency_key=(same := key()))["ok"]
    assert act(ben_again, session_id, "paraphrase", text=GOOD, idempotency_key=same)["duplicate"]
    assert received(ana_sock, "session_event")[-1]["view"]["step"] == "checking"


def test_the_page_renders_for_the_couple_only(couple, outsider):
    ana, ben = couple
    session_id = start(ana, "listening")
    html = ben.client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert "Listening turns" in html and 'data-testid="paraphrase-text"' in html
    assert "css/exercises/listening.css" in html
    assert outsider.client.get(f"/sessions/{session_id}").status_code == 404


def test_the_paraphrase_coach_is_registered_on_a_fresh_app(app):
    from couples.extensions import socketio
    assert "coach_paraphrase" in socketio.server.handlers["/"]
