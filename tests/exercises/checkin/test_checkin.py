"""The weekly check-in, read as Ana (1) and Ben (2) walking it together one evening."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, checkin, replay
from exercises.checkin import Step
from tests.exercises.checkin.helpers import (AGREEMENT, ANA, AT, BEN, act, appreciated, arrived, at_close, at_hard,
                                             at_requests, both_ready, events_of)


@pytest.fixture
def fresh():
    return checkin.start((ANA, BEN), AT)


def test_a_whole_check_in(fresh):
    assert checkin.view(fresh, ANA)["steps"][0] == {"id": "arrive", "title": "Arrive"}
    state = act(fresh, ANA, "arrive", feeling=6, connection=5, mood="tired")
    state = act(state, BEN, "arrive", feeling=8, connection=7, mood="hopeful")
    assert checkin.view(state, ANA)["arrive"]["theirs"] == {"feeling": 8, "connection": 7, "mood": "hopeful"}
    state = both_ready(state)
    assert state.step is Step.APPRECIATIONS

    state = act(state, ANA, "appreciate", text="You made soup when I was tired.")
    state = act(state, ANA, "appreciate", text="You called my mum.")
    state = act(state, BEN, "appreciate", text="You waited up for me.")
    state = act(act(state, BEN, "acknowledge", number=1), BEN, "acknowledge", number=2)
    state = both_ready(act(state, ANA, "acknowledge"))  # no number: the first waiting one
    assert state.step is Step.WINS

    state = act(state, ANA, "win", text="We walked on Sunday.")
    state = both_ready(act(state, BEN, "win", text="I finished the shelf."))
    assert state.step is Step.HARD

    state = act(state, BEN, "name_issue", text="I felt alone when plans changed on Friday.")
    state = act(state, ANA, "park", issue=BEN)
    state = both_ready(state)
    assert state.step is Step.REQUESTS  # no agreements due: step 5 is skipped

    state = act(state, ANA, "request", text="This week it would help me if we ate together once.")
    state = act(state, BEN, "request", text="This week it would help me if you texted when late.")
    state = act(state, BEN, "answer", answer="not_this_week", why="Work trip till Friday.")
    state = both_ready(act(state, ANA, "answer", answer="yes"))
    assert state.step is Step.CLOSE

    state = act(state, ANA, "close", connection=7)
    assert checkin.view(state, BEN)["close"] == {"mine": None, "theirs": None, "partner_answered": True,
                                                 "revealed": False}
    state, events = checkin.apply(state, BEN, Action("close", {"connection": 8}, AT))
    assert [e.name for e in events] == ["closed", "step_changed"] and state.step is Step.DONE
    assert checkin.is_finished(state) and checkin.allowed_actions(state, ANA) == []

    summary = checkin.view(state, BEN)["summary"]
    assert summary == checkin.summary(state) and summary["finished_together"]
    ana, ben = summary["partners"][ANA], summary["partners"][BEN]
    assert (ana["connection_before"], ana["connection_after"], ana["connection_change"]) == (5, 7, 2)
    assert (ben["connection_before"], ben["connection_after"], ben["connection_change"]) == (7, 8, 1)
    assert ana["appreciations"] == ["You made soup when I was tired.", "You called my mum."]
    assert ben["win"] == "I finished the shelf." and ben["issue"]["status"] == "parked"
    assert summary["for_later"] == ["I felt alone when plans changed on Friday."]
    assert ben["request"] == {"text": "This week it would help me if you texted when late.", "answer": "yes",
                              "why": None}
    assert ana["request"]["answer"] == "not_this_week" and ana["request"]["why"] == "Work trip till Friday."


def test_arrive_answers_stay_hidden_until_both_have_answered(fresh):
    state, events = checkin.apply(fresh, ANA, Action("arrive", {"feeling": 3, "connection": 2, "mood": "raw"}, AT))
    assert [(e.name, dict(e.data)) for e in events] == [("arrived", {})]  # nothing of the numbers is broadcast
    bens = checkin.view(state, BEN)["arrive"]
    assert bens == {"mine": None, "theirs": None, "partner_answered": True, "revealed": False}
    assert "raw" not in str(checkin.view(state, BEN))
    assert checkin.view(state, ANA)["arrive"]["mine"] == {"feeling": 3, "connection": 2, "mood": "raw"}
    assert checkin.view(state, ANA)["waiting_for"] == "partner"
    assert checkin.view(state, BEN)["waiting_for"] == "me"

    state, events = checkin.apply(state, BEN, Action("arrive", {"feeling": 9, "connection": "8", "mood": "glad"}, AT))
    assert [e.name for e in events] == ["arrived", "arrivals_revealed"]
    assert all(not e.data for e in events)
    assert checkin.view(state, BEN)["arrive"]["theirs"] == {"feeling": 3, "connection": 2, "mood": "raw"}
    assert checkin.view(state, ANA)["arrive"]["theirs"]["connection"] == 8


def test_the_close_rating_stays_hidden_too():
    state = act(at_close(), ANA, "close", connection=9)
    assert "9" not in str(checkin.view(state, BEN)["close"]) and checkin.view(state, BEN)["summary"] is None


def test_both_say_ready_and_the_page_knows_who_waits_for_whom():
    state = arrived()
    assert checkin.view(state, ANA)["waiting_for"] is None  # both may say ready
    state, events = checkin.apply(state, ANA, Action("ready", {}, AT))
    assert [e.name for e in events] == ["ready"] and state.step is Step.ARRIVE
    assert checkin.view(state, ANA)["ready"] == {"me": True, "partner": False}
    assert checkin.view(state, ANA)["waiting_for"] == "partner" and checkin.view(state, BEN)["waiting_for"] == "me"
    state, events = checkin.apply(state, BEN, Action("ready", {}, AT))
    assert [e.name for e in events] == ["ready", "step_changed"] and state.ready == frozenset()
    assert checkin.view(state, BEN)["step_number"] == 2


def test_either_may_go_back_one_step_before_both_are_ready_and_that_clears_readiness():
    state = act(appreciated(), ANA, "ready")
    state, events = checkin.apply(state, BEN, Action("back", {}, AT))
    assert [e.name for e in events] == ["went_back", "step_changed"]
    assert state.step is Step.ARRIVE and state.ready == frozenset()
    assert checkin.view(state, ANA)["arrive"]["theirs"]["mood"] == "hopeful"  # nothing said is lost
    state = both_ready(state)
    assert state.step is Step.APPRECIATIONS and len(state.appreciations) == 2
    assert "back" not in checkin.allowed_actions(arrived(), ANA)  # nowhere to go back to from the start


def test_a_step_back_is_said_on_the_other_screen_until_both_move_on():
    """Ben goes back from "What went well" while Ana is there too: the event and Ana's view say where to,
    in the step's own name; once both are ready again, it is behind them."""
    state = both_ready(appreciated())
    assert state.step is Step.WINS
    state, events = checkin.apply(state, BEN, Action("back", {}, AT))
    assert events[0].data == {"from": "wins", "to": "appreciations"} and events[1].data == {"step": "appreciations"}
    for viewer in (ANA, BEN):
        assert checkin.view(state, viewer)["went_back"] == {"by": BEN, "to": "appreciations", "title": "Appreciations"}
    state = act(state, ANA, "ready")
    assert checkin.view(state, ANA)["went_back"]["by"] == BEN  # still where Ben took them, until both move on
    state = act(state, BEN, "ready")
    assert state.step is Step.WINS and checkin.view(state, ANA)["went_back"] is None
    assert checkin.view(act(act(state, ANA, "back"), BEN, "end"), BEN)["went_back"] is None  # nothing after the end


@pytest.mark.parametrize("walk", [at_close, lambda: at_close(due_agreements=[AGREEMENT]),
                                  lambda: at_hard(hard_step=False)], ids=["plain", "agreements due", "no hard step"])
def test_every_step_back_names_the_step_it_leads_to(walk):
    """Each row of the table's "back" leads where its event says, whatever this week's ritual holds."""
    state = walk()
    while "back" in checkin.allowed_actions(state, ANA):
        after, events = checkin.apply(state, ANA, Action("back", {}, AT))
        assert events[0].data == {"from": state.step.value, "to": after.step.value}
        state = after
    assert state.step is Step.ARRIVE


def test_back_from_requests_skips_the_agreements_step_when_none_are_due():
    assert act(at_requests(), ANA, "back").step is Step.HARD
    assert act(at_requests(due_agreements=[AGREEMENT]), ANA, "back").step is Step.AGREEMENTS


def test_agreements_due_for_review_are_listed_with_a_link_and_both_say_ready():
    state = at_hard(due_agreements=[AGREEMENT])
    assert [s["id"] for s in checkin.view(state, ANA)["steps"]][4] == "agreements"
    state = both_ready(state)
    assert state.step is Step.AGREEMENTS
    view = checkin.view(state, BEN)
    assert view["agreements"] == [{**AGREEMENT, "url": "/agreements/7"}]
    assert view["prompt"] == state.prompts["agreements"]["text"]
    assert both_ready(state).step is Step.REQUESTS


def test_a_new_appreciation_asks_both_for_a_fresh_ready():
    state = act(appreciated(), ANA, "ready")
    state = act(state, BEN, "appreciate", text="And you fixed the tap.")
    assert state.ready == frozenset()
    assert "ready" not in checkin.allowed_actions(state, ANA)  # Ana has one to receive first
    state = act(state, ANA, "acknowledge", number=2)
    assert both_ready(state).step is Step.WINS


def test_requests_get_an_answer_with_a_word_why():
    state = at_requests()
    state = act(state, ANA, "request", text="This week it would help me if we ate together once.")
    assert events_of(state, BEN, "answer", answer="yes_with_change", why="Yes, on the weekend.") == ["answered"]
    later = act(state, BEN, "answer", answer="yes_with_change", why="Yes, on the weekend.")
    assert checkin.view(later, ANA)["requests"]["mine"]["why"] == "Yes, on the weekend."
    assert "ready" not in checkin.allowed_actions(later, BEN)  # Ben still makes his own request


def test_state_is_the_fold_of_the_log():
    log = [(ANA, Action("arrive", {"feeling": 6, "connection": 5, "mood": "ok"}, "t1")),
           (BEN, Action("arrive", {"feeling": 7, "connection": 6, "mood": "calm"}, "t2")),
           (ANA, Action("ready", {}, "t3")), (BEN, Action("ready", {}, "t4")),
           (BEN, Action("appreciate", {"text": "Thank you for Sunday."}, "t5")),
           (ANA, Action("pause", {"minutes": 5}, "2026-11-24T20:06:00Z")), (BEN, Action("end", {}, "t7"))]
    state = checkin.start((ANA, BEN), "t0")
    for who, action in log:
        state, _ = checkin.apply(state, who, action)
    assert replay(checkin, (ANA, BEN), "t0", log) == state and state.step is Step.ENDED


def test_ending_early_keeps_what_was_said_in_the_summary():
    state = act(appreciated(), BEN, "end")
    assert state.step is Step.ENDED and state.ended_by == BEN
    summary = checkin.view(state, ANA)["summary"]
    assert not summary["finished_together"] and summary["ended_by"] == BEN
    assert summary["partners"][BEN]["appreciations"] == ["You waited up for me."]
    assert summary["partners"][ANA]["connection_after"] is None


def test_an_ended_check_in_keeps_an_unrevealed_rating_private():
    state = act(checkin.start((ANA, BEN), AT), ANA, "arrive", feeling=2, connection=1, mood="weary")
    state = act(state, BEN, "end")
    assert checkin.summary(state)["partners"][ANA]["connection_before"] is None
    assert "weary" not in str(checkin.view(state, BEN))


def test_a_pause_holds_everything_and_both_come_back_together():
    state = act(arrived(), BEN, "pause")
    assert checkin.allowed_actions(state, ANA) == ["resume", "end"]
    assert checkin.view(state, ANA)["waiting_for"] is None and checkin.view(state, ANA)["pause"]["called_by"] == BEN
    state = act(act(state, ANA, "resume"), BEN, "resume")
    assert state.pause is None and "ready" in checkin.allowed_actions(state, ANA)


def test_past_weeks_travel_into_the_summary_for_the_small_chart():
    history = [{"date": "2026-11-17", "connection": {ANA: [4, 6], BEN: [5, 7]}}]
    state = act(at_close(history=history), ANA, "close", connection=7)
    summary = checkin.summary(act(state, BEN, "close", connection=8))
    assert summary["history"] == [{"date": "2026-11-17", "connection": {ANA: [4, 6], BEN: [5, 7]}}]


def test_a_week_without_the_hard_step_goes_from_wins_to_requests_and_back():
    state = both_ready(appreciated(hard_step=False))
    assert [s["id"] for s in checkin.view(state, ANA)["steps"]] == ["arrive", "appreciations", "wins", "requests",
                                                                    "close"]
    state = act(act(state, ANA, "win", text="We cooked together."), BEN, "win", text="A long walk.")
    state = both_ready(state)
    assert state.step is Step.REQUESTS  # never passes through "what was hard"
    assert "name_issue" not in checkin.allowed_actions(state, BEN)
    state = act(state, BEN, "back")
    assert state.step is Step.WINS


def test_without_the_hard_step_agreements_due_still_come_after_wins():
    state = both_ready(appreciated(hard_step=False, due_agreements=[AGREEMENT]))
    state = both_ready(act(act(state, ANA, "win", text="Tea in bed."), BEN, "win", text="Sunday."))
    assert state.step is Step.AGREEMENTS
    assert act(state, ANA, "back").step is Step.WINS
    assert checkin.view(state, BEN)["step_number"] == 4  # the fourth of its five steps


def test_hard_step_must_be_true_or_false():
    with pytest.raises(IllegalMove):
        checkin.start((ANA, BEN), AT, hard_step="no")
