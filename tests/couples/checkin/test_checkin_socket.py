"""The weekly check-in live: Ana and Ben in their room, Olga from another couple looking in."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from couples import log, service
from couples.accounts import User
from couples.clock import utcnow
from couples.extensions import db
from couples.log import ExerciseSession
from tests.support.live import act, joined, key, received, start


@pytest.fixture
def live(couple, partner):
    """A started check-in with both partners' pages open: (session id, ana socket, ben socket)."""
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "checkin")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    ana_sock.get_received(), ben_sock.get_received()
    return session_id, ana_sock, ben_sock


def arrive_both(session_id, ana_sock, ben_sock):
    assert act(ana_sock, session_id, "arrive", feeling=4, connection=3, mood="frazzled")["ok"]
    assert act(ben_sock, session_id, "arrive", feeling=8, connection=7, mood="hopeful")["ok"]


def walk(session_id, ana_sock, ben_sock, ben_id, until="close"):
    """Both partners through the ritual up to the step named `until`."""
    arrive_both(session_id, ana_sock, ben_sock)
    steps = {
        "appreciations": [(ana_sock, "appreciate", {"text": "You made soup when I was tired."}),
                          (ben_sock, "appreciate", {"text": "You waited up for me."}),
                          (ana_sock, "acknowledge", {}), (ben_sock, "acknowledge", {})],
        "wins": [(ana_sock, "win", {"text": "Our Sunday walk."}), (ben_sock, "win", {"text": "The shelf is up."})],
        "hard": [(ben_sock, "name_issue", {"text": "Friday's change of plans stung."}),
                 (ana_sock, "park", {"issue": str(ben_id)})],
        "requests": [(ana_sock, "request", {"text": "This week it would help me if we ate together once."}),
                     (ben_sock, "request", {"text": "This week it would help me if you texted when late."}),
                     (ben_sock, "answer", {"answer": "yes"}),
                     (ana_sock, "answer", {"answer": "not_this_week", "why": "Late shifts all week."})],
    }
    for sock in (ana_sock, ben_sock):
        assert act(sock, session_id, "ready")["ok"]
    for name, moves in steps.items():
        if name == until:
            return
        for sock, action, fields in moves:
            reply = act(sock, session_id, action, **fields)
            assert reply["ok"], (action, reply)
        for sock in (ana_sock, ben_sock):
            assert act(sock, session_id, "ready")["ok"], name


def test_partners_see_each_others_steps_and_the_outsider_sees_nothing(couple, outsider, partner, live):
    session_id, ana_sock, ben_sock = live
    olga_sock = partner(outsider)
    olga_sock.get_received()
    assert act(ana_sock, session_id, "arrive", feeling=4, connection=3, mood="frazzled")["ok"]
    (to_ben,) = received(ben_sock, "session_event")
    assert to_ben["event"]["events"] == [{"name": "arrived", "actor": str(couple[0].id), "data": {}}]
    assert to_ben["view"]["arrive"] == {"mine": None, "theirs": None, "partner_answered": True, "revealed": False}
    assert "frazzled" not in str(to_ben) and "feeling" not in str(to_ben["event"])
    (to_ana,) = received(ana_sock, "session_event")
    assert to_ana["view"]["arrive"]["mine"] == {"feeling": 4, "connection": 3, "mood": "frazzled"}
    assert to_ana["view"]["waiting_for"] == "partner"

    assert act(ben_sock, session_id, "arrive", feeling=8, connection=7, mood="hopeful")["ok"]
    to_ben = received(ben_sock, "session_event")[-1]
    assert to_ben["view"]["arrive"]["theirs"] == {"feeling": 4, "connection": 3, "mood": "frazzled"}
    assert [e["name"] for e in to_ben["event"]["events"]] == ["arrived", "arrivals_revealed"]

    assert received(olga_sock, "session_event") == [] and received(olga_sock, "session_started") == []
    assert olga_sock.emit("join_session", {"session_id": session_id, "last_seq": 0},
                          callback=True)["error"]["code"] == "not_found"
    assert act(olga_sock, session_id, "ready")["error"]["code"] == "not_found"
    assert outsider.client.get(f"/sessions/{session_id}").status_code == 404


def test_a_whole_check_in_over_the_socket_is_saved_to_history(app, couple, live):
    session_id, ana_sock, ben_sock = live
    walk(session_id, ana_sock, ben_sock, couple[1].id)
    assert act(ana_sock, session_id, "close", connection=6)["ok"]
    assert act(ben_sock, session_id, "close", connection=8)["ok"]
    final = received(ben_sock, "session_event")[-1]
    assert final["view"]["finished"] and final["view"]["step"] == "done"
    summary = final["view"]["summary"]
    ana_id, ben_id = str(couple[0].id), str(couple[1].id)
    assert summary["partners"][ana_id]["connection_change"] == 3
    assert summary["for_later"] == ["Friday's change of plans stung."]
    page = couple[0].client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert "Weekly check-in" in page and 'data-kind="checkin"' in page
    assert "Weekly check-in" in couple[1].client.get("/").get_data(as_text=True)

    again = start(couple[1], "checkin")  # next week: fresh wording, and last week on the chart
    assert again != session_id
    with app.app_context():
        first, second = db.session.get(ExerciseSession, session_id), db.session.get(ExerciseSession, again)
        for step, prompt in second.options["prompts"].items():
            assert prompt["id"] != first.options["prompts"][step]["id"], step
        assert isinstance(second.options["seed"], int)
        assert second.options["history"] == [{"date": first.started_at.date().isoformat(),
                                               "connection": {ana_id: [3, 6], ben_id: [7, 8]}}]
    assert joined(ana_sock, again)["view"]["step"] == "arrive"


def test_illegal_moves_are_told_to_the_sender_only_and_change_nothing(live):
    session_id, ana_sock, ben_sock = live
    cases = [("ready", {}, "not_now"), ("appreciate", {"text": "early"}, "wrong_step"),
             ("arrive", {"feeling": 11, "connection": 5, "mood": "ok"}, "bad_rating"),
             ("arrive", {"feeling": 5, "connection": 5, "mood": " "}, "empty_text"),
             ("arrive", {"feeling": 5, "connection": 5, "mood": "m" * 41}, "too_long"),
             ("listen", {"move": "speak", "text": "hi"}, "wrong_step"), ("sing", {}, "unknown_action")]
    for action, fields, code in cases:
        reply = act(ana_sock, session_id, action, **fields)
        assert reply["ok"] is False and reply["error"]["code"] == code, (action, reply)
        assert reply["error"]["message"].endswith(".")
    assert received(ben_sock, "session_event") == [] and received(ana_sock, "session_event") == []
    assert joined(ben_sock, session_id)["last_seq"] == 0


def test_acting_during_a_pause_is_refused(live):
    session_id, ana_sock, ben_sock = live
    arrive_both(session_id, ana_sock, ben_sock)
    assert act(ben_sock, session_id, "pause", minutes=20)["ok"]
    refused = act(ana_sock, session_id, "ready")
    assert refused["error"]["code"] == "paused"
    assert joined(ana_sock, session_id)["view"]["allowed"] == ["resume", "end"]


def test_a_reconnect_mid_step_catches_up_with_no_loss_and_no_duplicate(couple, partner, live):
    session_id, ana_sock, ben_sock = live
    arrive_both(session_id, ana_sock, ben_sock)
    seen = received(ben_sock, "session_event")[-1]["event"]["seq"]
    ben_sock.disconnect()  # Ben's phone sleeps mid-step
    assert act(ana_sock, session_id, "ready")["ok"]
    assert act(ana_sock, session_id, "back")["ok"] is False  # nowhere to go back to from the first step
    ben_again = partner(couple[1])
    reply = joined(ben_again, session_id, last_seq=seen)
    assert [e["seq"] for e in reply["events"]] == [3] and reply["events"][0]["action"] == "ready"
    assert reply["view"]["ready"] == {"me": False, "partner": True} and reply["view"]["waiting_for"] == "me"
    assert act(ben_again, session_id, "ready")["ok"]
    assert received(ana_sock, "session_event")[-1]["view"]["step"] == "appreciations"


def test_a_third_tab_of_the_same_partner_pressing_twice_counts_once(couple, partner, live):
    session_id, ana_sock, ben_sock = live
    arrive_both(session_id, ana_sock, ben_sock)
    ana_tab = partner(couple[0])
    joined(ana_tab, session_id)
    assert act(ana_sock, session_id, "ready")["ok"]
    twice = act(ana_tab, session_id, "ready")
    assert twice["ok"] is False and twice["error"]["code"] == "not_now" and "You're ready" in twice["error"]["message"]
    assert received(ben_sock, "session_event")[-1]["view"]["ready"] == {"me": False, "partner": True}
    assert joined(ben_sock, session_id)["last_seq"] == 3


def test_both_pressing_ready_at_the_same_instant_move_on_exactly_once(app, couple, live):
    session_id, ana_sock, ben_sock = live
    arrive_both(session_id, ana_sock, ben_sock)
    barrier, outcomes = threading.Barrier(2), {}

    def press(person):
        with app.app_context():
            user = db.session.get(User, person.id)
            barrier.wait()
            outcomes[person.name] = service.act(session_id, user, "ready", {}, key()).event

    threads = [threading.Thread(target=press, args=(p,)) for p in couple]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(e["seq"] for e in outcomes.values()) == [3, 4]
    moved = [e for e in outcomes.values() if any(x["name"] == "step_changed" for x in e["events"])]
    assert len(moved) == 1 and moved[0]["seq"] == 4  # the second "ready" in the log is the one that moves on
    with app.app_context():
        state = log.state_of(db.session.get(ExerciseSession, session_id), fresh=True)
        assert state.step.value == "appreciations" and state.ready == frozenset()


def test_both_starting_at_the_same_instant_get_one_check_in(couple):
    barrier, ids = threading.Barrier(2), []

    def press(person):
        barrier.wait()
        ids.append(start(person, "checkin"))

    threads = [threading.Thread(target=press, args=(p,)) for p in couple]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(ids) == 2 and ids[0] == ids[1]


def test_coaching_reaches_the_log_but_never_the_partner(app, couple, live):
    session_id, ana_sock, ben_sock = live
    walk(session_id, ana_sock, ben_sock, couple[1].id, until="appreciations")
    received(ben_sock, "session_event")
    reply = act(ana_sock, session_id, "appreciate", text="You never help, but you did the dishes once.")
    assert reply["ok"]
    (to_ben,) = received(ben_sock, "session_event")
    assert "coach" not in str(to_ben) and "blaming" not in str(to_ben)
    with app.app_context():
        row = log.load_rows(session_id)[-1]
        assert row.fields["coach"]["blaming"] is True


def test_a_listening_round_opened_from_the_hard_step_gets_paraphrase_feedback(app, couple, live):
    session_id, ana_sock, ben_sock = live
    walk(session_id, ana_sock, ben_sock, couple[1].id, until="hard")
    assert act(ben_sock, session_id, "name_issue", text="Friday's change of plans stung.")["ok"]
    assert act(ana_sock, session_id, "open_listening", issue=str(couple[1].id))["ok"]
    view = received(ben_sock, "session_event")[-1]["view"]
    assert view["listening"]["my_role"] == "speaker" and view["listening"]["topic"] == "Friday's change of plans stung."
    assert act(ben_sock, session_id, "listen", move="speak", text="I felt alone when the plans changed.")["ok"]
    draft = {"session_id": session_id, "text": "But you changed them first."}
    live_hint = ana_sock.emit("coach_paraphrase", draft, callback=True)  # the listener, while typing
    assert live_hint["ok"] and live_hint["feedback"]["held_back"] is True
    assert ben_sock.emit("coach_paraphrase", draft, callback=True) == {"ok": True, "feedback": None}  # the speaker
    refused = act(ana_sock, session_id, "listen", move="paraphrase", text="But you changed them first.")
    assert refused["ok"] is False and refused["error"]["code"] == "hold_that_thought"
    assert act(ana_sock, session_id, "listen", move="paraphrase", text="You felt alone when the plans changed.")["ok"]
    assert act(ben_sock, session_id, "listen", move="confirm")["ok"]
    assert act(ana_sock, session_id, "listen", move="finish")["ok"]
    view = received(ana_sock, "session_event")[-1]["view"]
    assert view["listening"] is None and view["issues"]["theirs"]["status"] == "talked"
    assert view["issues"]["theirs"]["listening"]["rounds"] == 1
    with app.app_context():
        paraphrase = next(r for r in log.load_rows(session_id) if r.fields.get("move") == "paraphrase")
        assert paraphrase.fields["listening"]["overlap"] > 0.5


def test_agreements_due_for_review_are_listed_in_their_own_step(app, couple, partner):
    from couples.agreements import Agreement, AgreementVersion
    ana, ben = couple
    with app.app_context():
        couple_id = db.session.get(User, ana.id).couple.id
        yesterday = utcnow().date() - timedelta(days=1)
        agreement = Agreement(couple_id=couple_id, proposed_by_id=ana.id, next_review=yesterday)
        agreement.versions.append(AgreementVersion(number=1, need="Phones away at dinner", why="We talk more.",
                                                   author_id=ana.id, accepted_by_ids=f"{ana.id},{ben.id}"))
        later = Agreement(couple_id=couple_id, proposed_by_id=ana.id, next_review=date(2099, 1, 1))
        later.versions.append(AgreementVersion(number=1, need="Not due", why="Later.", author_id=ana.id,
                                               accepted_by_ids=f"{ana.id},{ben.id}"))
        db.session.add_all([agreement, later])
        db.session.commit()
        agreement_id = agreement.id
    session_id = start(ana, "checkin")
    view = joined(partner(ben), session_id)["view"]
    assert [s["id"] for s in view["steps"]] == ["arrive", "appreciations", "wins", "hard", "agreements", "requests",
                                                "close"]
    assert [(a["id"], a["title"], a["url"]) for a in view["agreements"]] == [
        (agreement_id, "Phones away at dinner", f"/agreements/{agreement_id}")]
