"""A rehearsal over the socket: two partners play "The dishes, again" (Ana as Robin, Ben as Sam), an outsider tries."""

from __future__ import annotations

import re

import pytest

from tests.support.live import act, received

ROBIN_SAYS = "I feel worn out when the dishes pile up. Could we share them?"
SAM_SAYS = "I feel unseen when my cooking goes unmentioned in the kitchen."


def start(person, scene="dishes", role="robin") -> int:
    response = person.post("/sessions", {"kind": "rehearsal", "scene": scene, "role": role},
                           form_path=f"/scenes/{scene}")
    assert response.status_code == 302, response.status_code
    return int(re.search(r"/sessions/(\d+)$", response.headers["Location"]).group(1))


@pytest.fixture
def table(couple, outsider, partner):
    """Ana and Ben in a live rehearsal, both on its page; an outsider from another couple connected."""
    ana, ben = couple
    ana_sock, ben_sock, stranger = partner(ana), partner(ben), partner(outsider)
    session_id = start(ana)
    for sock in (ana_sock, ben_sock):
        assert sock.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)["ok"]
        sock.get_received()
    stranger.get_received()
    return session_id, ana_sock, ben_sock, stranger


def ok(reply):
    assert reply["ok"], reply
    return reply


def views(sock):
    return [message["view"] for message in received(sock, "session_event")]


def to_rewrite(session_id, ana_sock, ben_sock):
    ok(act(ana_sock, session_id, "advance"))
    ok(act(ben_sock, session_id, "advance"))


def test_partners_play_a_scene_and_the_outsider_sees_nothing(table, app):
    session_id, ana_sock, ben_sock, stranger = table
    ok(act(ana_sock, session_id, "advance"))
    (ben_view,) = views(ben_sock)
    assert ben_view["lines"][0]["said"] and ben_view["current"] == {"index": 1, "role": "sam", "mine": True,
                                                                    "rewrite": False}
    assert views(ana_sock)[0]["waiting_for"] == "partner"
    assert stranger.get_received() == []
    reply = act(stranger, session_id, "advance")
    assert reply["error"]["code"] == "not_found"
    reply = stranger.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    assert reply["error"]["code"] == "not_found"
    assert ana_sock.get_received() == [] and ben_sock.get_received() == []


def test_advancing_a_line_that_is_not_yours_is_refused_to_the_sender_only(table):
    session_id, ana_sock, ben_sock, _ = table
    reply = act(ben_sock, session_id, "advance")
    assert reply["ok"] is False and reply["error"] == {"code": "not_your_turn",
                                                       "message": "That's for the speaker to do right now."}
    assert ana_sock.get_received() == [] and ben_sock.get_received() == []


def test_a_flagged_draft_stays_with_its_writer(table):
    session_id, ana_sock, ben_sock, _ = table
    to_rewrite(session_id, ana_sock, ben_sock)
    ana_sock.get_received(), ben_sock.get_received()
    ok(act(ana_sock, session_id, "rewrite", text="You never lift a finger with the dishes."))
    (to_ben,) = received(ben_sock, "session_event")
    assert "lift a finger with" not in str(to_ben) and "blam" not in str(to_ben) and "absolute" not in str(to_ben)
    assert [e["name"] for e in to_ben["event"]["events"]] == ["drafted"]
    assert to_ben["view"]["phase"] == "rewrite" and to_ben["view"]["my_tries"] == []
    (mine,) = views(ana_sock)
    assert mine["my_tries"][0]["reason"] == "blame" and mine["my_tries"][0]["kinds"] == ["absolute"]

    ok(act(ana_sock, session_id, "show_example"))
    assert views(ana_sock)[0]["example"].startswith("I feel worn out")
    assert views(ben_sock)[0]["example"] is None
    ok(act(ana_sock, session_id, "rewrite", text=ROBIN_SAYS))
    (to_ben,) = received(ben_sock, "session_event")
    assert to_ben["view"]["phase"] == "listen" and to_ben["view"]["lines"][2]["rewritten"] == ROBIN_SAYS
    assert "coach" not in str(to_ben["event"])


@pytest.mark.parametrize("text", ["You nevr zorp help with the dishes", "I feel you never help with the dishes."])
def test_a_rewrite_that_is_not_an_i_statement_is_not_accepted(table, app, text):
    session_id, ana_sock, ben_sock, _ = table
    to_rewrite(session_id, ana_sock, ben_sock)
    ana_sock.get_received(), ben_sock.get_received()
    ok(act(ana_sock, session_id, "rewrite", text=text))
    (mine,) = views(ana_sock)
    assert mine["phase"] == "rewrite" and mine["my_tries"][0]["reason"] in ("blame", "own_side")
    if mine["my_tries"][0]["reason"] == "own_side":
        assert mine["my_tries"][0]["why"] == "Try saying it from your side: how you feel, and what you'd like."
    with app.app_context():
        from couples.log import load_rows
        assert load_rows(session_id)[-1].fields["coach"]["i_statement"] is False
    ok(act(ana_sock, session_id, "rewrite", text=ROBIN_SAYS))
    assert views(ana_sock)[0]["phase"] == "listen"
    with app.app_context():
        assert load_rows(session_id)[-1].fields["coach"]["i_statement"] is True


def test_the_coach_cannot_be_forged_and_bad_rewrites_are_refused(table):
    session_id, ana_sock, ben_sock, _ = table
    to_rewrite(session_id, ana_sock, ben_sock)
    ana_sock.get_received(), ben_sock.get_received()
    forged = act(ana_sock, session_id, "rewrite", text="You never help.", coach={"blaming": False})
    assert forged["error"]["code"] == "bad_request"
    assert act(ana_sock, session_id, "rewrite", text="   ")["error"]["code"] == "empty_text"
    assert act(ana_sock, session_id, "rewrite", text="I feel " * 80)["error"]["code"] == "too_long"
    assert act(ben_sock, session_id, "rewrite", text=SAM_SAYS)["error"]["code"] == "not_your_turn"
    assert act(ben_sock, session_id, "paraphrase", text="You're tired.")["error"]["code"] == "not_now"
    assert ana_sock.get_received() == [] and ben_sock.get_received() == []


def test_an_answer_back_is_held_back_and_a_reconnect_catches_up(table, couple, partner):
    session_id, ana_sock, ben_sock, _ = table
    to_rewrite(session_id, ana_sock, ben_sock)
    ok(act(ana_sock, session_id, "rewrite", text=ROBIN_SAYS))
    ana_sock.get_received(), ben_sock.get_received()
    reply = act(ben_sock, session_id, "paraphrase", text="You feel worn out, but I cooked tonight.")
    assert reply["error"]["code"] == "held_back" and "“but”" in reply["error"]["message"]
    assert ana_sock.get_received() == []

    ben_sock.disconnect()
    again = partner(couple[1])
    reply = again.emit("join_session", {"session_id": session_id, "last_seq": 2}, callback=True)
    assert [event["seq"] for event in reply["events"]] == [3] and reply["view"]["phase"] == "listen"
    ok(act(again, session_id, "paraphrase",
           text="It sounds like the dishes wear you out, and you'd like to share them."))
    (to_ana,) = received(ana_sock, "session_event")
    assert to_ana["view"]["lines"][2]["paraphrase"].startswith("It sounds like")


def test_a_whole_rehearsal_through_the_swap_counts_in_progress(table, couple):
    session_id, ana_sock, ben_sock, _ = table
    ana, ben = couple

    def round_of(robin, sam):
        ok(act(robin, session_id, "advance"))
        ok(act(sam, session_id, "advance"))
        ok(act(robin, session_id, "rewrite", text=ROBIN_SAYS))
        ok(act(sam, session_id, "paraphrase", text="It sounds like the dishes wear you out."))
        ok(act(sam, session_id, "advance"))
        ok(act(robin, session_id, "advance"))
        ok(act(sam, session_id, "rewrite", text=SAM_SAYS))
        ok(act(robin, session_id, "paraphrase", text="You'd like your cooking noticed."))
        ok(act(robin, session_id, "advance"))
        return ok(act(sam, session_id, "advance"))

    round_of(ana_sock, ben_sock)
    ana_sock.get_received()
    ok(act(ben_sock, session_id, "swap"))
    (after_swap,) = views(ana_sock)
    assert after_swap["round"] == 2 and after_swap["current"]["mine"] is False  # Ben plays Robin now
    round_of(ben_sock, ana_sock)
    final = views(ana_sock)[-1]
    assert final["step"] == "done" and final["finished"] and len(final["summary"]) == 4
    mine = [row for row in final["summary"] if row["writer"] == str(ana.id)]
    assert len(mine) == 2 and all(row["first_try"] for row in mine)  # Ana's own tries, to Ana alone
    assert all(row["attempts"] is None for row in final["summary"] if row["writer"] != str(ana.id))

    page = ben.client.get("/scenes/progress").get_data(as_text=True)
    assert re.search(r'data-testid="scenes-practised">1 scene<', page)
    assert re.search(r'data-testid="rewrites">4 I statements<', page)
    assert "first try" not in page.lower()  # words that encourage, no score
    assert "The dishes, again" in page and "<svg" in page
    assert act(ana_sock, session_id, "advance")["error"]["code"] == "finished"
