"""Moves the check-in refuses, kindly and without changing anything: tables of illegal moves."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, checkin
from exercises.checkin import Step
from tests.exercises.checkin.helpers import (ANA, AT, BEN, act, appreciated, arrived, at_close, at_hard, at_requests,
                                             both_ready)


def fresh():
    return checkin.start((ANA, BEN), AT)


def ana_arrived():
    return act(fresh(), ANA, "arrive", feeling=5, connection=5, mood="ok")


def ana_ready():
    return act(arrived(), ANA, "ready")


def at_wins():
    return both_ready(appreciated())


def ben_named_issue():
    return act(at_hard(), BEN, "name_issue", text="Friday's change of plans stung.")


def ana_requested():
    return act(at_requests(), ANA, "request", text="This week it would help me if we ate together.")


def five_shared():
    state = both_ready(arrived())
    for number in range(1, 6):
        state = act(state, ANA, "appreciate", text=f"Thank you, {number}.")
    return state


def paused():
    return act(arrived(), BEN, "pause")


def ended():
    return act(arrived(), ANA, "end")


RATING = {"feeling": 5, "connection": 5, "mood": "ok"}

ILLEGAL = [
    # out of turn, wrong step, wrong person
    (fresh, "99", "arrive", RATING, "not_your_turn", "Only the two of you"),
    (fresh, ANA, "dance", {}, "unknown_action", "knows how to do"),
    (fresh, ANA, "appreciate", {"text": "early"}, "wrong_step", "another step"),
    (fresh, ANA, "back", {}, "wrong_step", "another step"),
    (fresh, ANA, "ready", {}, "not_now", "how you're arriving first"),
    (ana_arrived, ANA, "ready", {}, "not_now", "You'll see each other's answers together"),
    (ana_arrived, ANA, "arrive", RATING, "not_now", "You've shared how you're arriving"),
    (arrived, ANA, "close", {"connection": 5}, "wrong_step", "another step"),
    # a second tab of the same partner pressing twice
    (ana_ready, ANA, "ready", {}, "not_now", "You're ready. We're waiting for your partner"),
    # ratings outside 1-10, and odd values
    (fresh, ANA, "arrive", {**RATING, "feeling": 0}, "bad_rating", "from 1 to 10"),
    (fresh, ANA, "arrive", {**RATING, "feeling": 11}, "bad_rating", "from 1 to 10"),
    (fresh, ANA, "arrive", {**RATING, "connection": -3}, "bad_rating", "from 1 to 10"),
    (fresh, ANA, "arrive", {**RATING, "connection": "seven"}, "bad_rating", "from 1 to 10"),
    (fresh, ANA, "arrive", {**RATING, "connection": True}, "bad_rating", "from 1 to 10"),
    (fresh, ANA, "arrive", {"mood": "ok", "connection": 5}, "bad_rating", "from 1 to 10"),
    (at_close, ANA, "close", {"connection": 12}, "bad_rating", "from 1 to 10"),
    # empty or over-long text
    (fresh, ANA, "arrive", {**RATING, "mood": "  "}, "empty_text", "a word for your mood"),
    (fresh, ANA, "arrive", {**RATING, "mood": "m" * 41}, "too_long", "under 40 characters"),
    (arrived, ANA, "appreciate", {"text": ""}, "wrong_step", "another step"),
    (lambda: both_ready(arrived()), ANA, "appreciate", {"text": "   "}, "empty_text", "what you appreciate"),
    (lambda: both_ready(arrived()), ANA, "appreciate", {"text": "x" * 1001}, "too_long", "under 1,000"),
    (at_wins, BEN, "win", {}, "empty_text", "a small win"),
    (at_hard, BEN, "name_issue", {"text": 42}, "empty_text", "what was hard"),
    (at_requests, ANA, "request", {"text": "x" * 1001}, "too_long", "under 1,000"),
    (ana_requested, BEN, "answer", {"answer": "not_this_week"}, "empty_text", "a word about why"),
    (ana_requested, BEN, "answer", {"answer": "yes_with_change", "why": "y" * 301}, "too_long", "under 300"),
    (ana_requested, BEN, "answer", {"answer": "maybe", "why": "hm"}, "bad_choice", "yes with a change"),
    # each step's own limits
    (five_shared, ANA, "appreciate", {"text": "a sixth"}, "not_now", "Five appreciations is a generous handful"),
    (lambda: both_ready(arrived()), ANA, "acknowledge", {}, "not_now", "nothing new from your partner"),
    (appreciated, ANA, "acknowledge", {"number": 1}, "not_now", "nothing new from your partner"),
    (lambda: act(both_ready(arrived()), BEN, "appreciate", text="a"), ANA, "acknowledge", {"number": 4},
     "bad_choice", "isn't waiting to be received"),
    (lambda: both_ready(arrived()), ANA, "ready", {}, "not_now", "at least one appreciation"),
    (lambda: act(act(both_ready(arrived()), ANA, "appreciate", text="a"), BEN, "appreciate", text="b"),
     ANA, "ready", {}, "not_now", "receive your partner's appreciations first"),
    (at_wins, ANA, "ready", {}, "not_now", "one small win"),
    (lambda: act(at_wins(), ANA, "win", text="a"), ANA, "win", {"text": "b"}, "not_now", "You've named your win"),
    (ben_named_issue, BEN, "name_issue", {"text": "more"}, "not_now", "One thing at a time"),
    (ben_named_issue, ANA, "ready", {}, "not_now", "talk about or park"),
    (ben_named_issue, ANA, "park", {"issue": ANA}, "bad_choice", "isn't waiting to be talked about"),
    (ben_named_issue, ANA, "park", {"issue": True}, "bad_choice", "isn't waiting to be talked about"),
    (at_hard, ANA, "park", {"issue": BEN}, "not_now", "Nothing is waiting"),
    (at_hard, ANA, "listen", {"move": "speak", "text": "hi"}, "not_now", "No listening turns are open"),
    (at_requests, ANA, "ready", {}, "not_now", "your request for the week"),
    (at_requests, BEN, "answer", {"answer": "yes"}, "not_now", "hasn't made their request"),
    (ana_requested, ANA, "request", {"text": "again"}, "not_now", "You've made your request"),
    (lambda: act(ana_requested(), BEN, "request", text="b"), ANA, "ready", {}, "not_now", "answer your partner's"),
    (lambda: act(at_close(), ANA, "close", connection=5), ANA, "close", {"connection": 6}, "not_now",
     "You've shared how connected"),
    (at_close, ANA, "ready", {}, "wrong_step", "another step"),
    # acting during a pause, and after the end
    (paused, ANA, "ready", {}, "paused", "Nothing can be said"),
    (paused, BEN, "back", {}, "paused", "Nothing can be said"),
    (paused, BEN, "pause", {}, "paused", "already taking a pause"),
    (ended, BEN, "ready", {}, "wrong_step", "another step"),
    (ended, BEN, "pause", {}, "wrong_step", "already finished"),
]


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", ILLEGAL)
def test_illegal_moves_are_refused_kindly_and_change_nothing(setup, who, name, fields, code, sentence):
    state = setup()
    with pytest.raises(IllegalMove) as caught:
        checkin.apply(state, who, Action(name, fields, AT))
    assert caught.value.code == code
    assert sentence in str(caught.value)
    assert setup() == state  # frozen state: the refused move left it as it was


@pytest.mark.parametrize("first, second", [(ANA, BEN), (BEN, ANA)])
def test_both_pressing_ready_at_once_moves_on_once_in_either_order(first, second):
    state = act(act(arrived(), first, "ready"), second, "ready")
    assert state.step is Step.APPRECIATIONS and state.ready == frozenset()


@pytest.mark.parametrize("options", [
    {"prompts": {"arrive": {"id": "a", "text": "hi"}}},
    {"prompts": "hello"},
    {"due_agreements": [{"title": "no id"}]},
    {"due_agreements": [{"id": True, "title": "odd id"}]},
    {"history": [{"date": "2026-11-17", "connection": {ANA: [0, 5]}}]},
    {"history": [{"connection": {}}]},
])
def test_start_options_the_check_in_cannot_use_are_refused(options):
    with pytest.raises(IllegalMove) as caught:
        checkin.start((ANA, BEN), AT, **options)
    assert caught.value.code == "bad_options"


def test_a_check_in_needs_two_different_partners():
    with pytest.raises(IllegalMove):
        checkin.start((ANA, ANA), AT)


def test_the_transition_table_was_validated_when_imported():
    assert checkin.MACHINE.start is Step.ARRIVE and checkin.MACHINE.pausable
    assert {row.source for row in checkin.MACHINE.rows} | {Step.DONE, Step.ENDED} == set(Step)
