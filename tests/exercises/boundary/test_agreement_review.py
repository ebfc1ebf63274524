"""Reviewing an agreement, read as a session between Ana and Ben; dates come in with each action."""

from __future__ import annotations

from datetime import date

import pytest

from exercises import Action, IllegalMove
from exercises.boundary import agreement_review as review

ANA, BEN = "1", "2"
DINNER = {"id": 3, "title": "No phones at dinner", "text": "No phones at dinner — I feel close to you.",
          "version": 1, "review_every_weeks": 4, "next_review": "2026-11-20"}


def act(state, who, name, at="2026-11-24T20:00:00Z", **fields):
    return review.apply(state, who, Action(name, fields, at))


@pytest.fixture
def fresh():
    return review.start((ANA, BEN), "2026-11-24T19:59:00Z", agreement=DINNER)


def test_keep_moves_the_next_review_on_from_the_day_both_confirmed(fresh):
    state, events = act(fresh, ANA, "suggest", choice="keep")
    assert [e.name for e in events] == ["suggested", "step_changed"]
    assert review.allowed_actions(state, ANA) == ["withdraw", "end", "pause"]
    assert review.allowed_actions(state, BEN) == ["suggest", "confirm", "end", "pause"]
    assert review.view(state, ANA)["waiting_for"] == "partner"
    state, events = act(state, BEN, "confirm", choice="keep", at="2026-11-26T08:00:00Z")
    assert state.step is review.Step.DONE and state.decided == "keep"
    assert state.next_review == "2026-12-24" and state.decided_on == "2026-11-26"
    assert review.view(state, ANA)["confirmed_by"] == [ANA, BEN]


@pytest.mark.parametrize("today, weeks, expected", [
    (date(2026, 11, 26), 4, date(2026, 12, 24)),
    (date(2026, 12, 30), 1, date(2027, 1, 6)),
    (date(2028, 2, 22), 1, date(2028, 2, 29)),
    (date(2026, 1, 1), 52, date(2026, 12, 31)),
])
def test_the_next_review_date_rule(today, weeks, expected):
    assert review.next_review_after(today, weeks) == expected


def test_retire_needs_both_and_the_first_can_withdraw(fresh):
    state, _ = act(fresh, BEN, "suggest", choice="retire")
    with pytest.raises(IllegalMove) as caught:
        act(state, BEN, "confirm", choice="retire")  # one confirmation is not enough
    assert caught.value.code == "own_choice"
    state, events = act(state, BEN, "withdraw")
    assert state.step is review.Step.CHOOSING and state.suggestion is None
    state, _ = act(state, BEN, "suggest", choice="retire")
    state, _ = act(state, ANA, "confirm", choice="retire")
    assert state.decided == "retire" and state.next_review is None


def test_the_other_partner_may_suggest_something_else_and_a_stale_confirmation_is_refused(fresh):
    state, _ = act(fresh, ANA, "suggest", choice="retire")
    state, _ = act(state, BEN, "suggest", choice="revise")
    assert review.view(state, ANA)["suggestion"]["choice"] == "revise"
    with pytest.raises(IllegalMove) as caught:
        act(state, ANA, "confirm", choice="retire")  # her page still showed her own suggestion
    assert caught.value.code == "stale_choice" and "changed to revise" in str(caught.value)
    state, _ = act(state, ANA, "confirm", choice="revise")
    assert state.decided == "revise" and review.is_finished(state)


def test_ending_decides_nothing(fresh):
    state, _ = act(fresh, ANA, "suggest", choice="keep")
    state, _ = act(state, BEN, "end")
    assert state.step is review.Step.ENDED and state.decided is None


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", [
    (lambda s: s, ANA, "suggest", {"choice": "forget"}, "bad_choice", "keep, revise or retire"),
    (lambda s: s, ANA, "suggest", {}, "bad_choice", "keep, revise or retire"),
    (lambda s: s, ANA, "confirm", {"choice": "keep"}, "wrong_step", "another step"),
    (lambda s: s, ANA, "withdraw", {}, "wrong_step", "another step"),
    (lambda s: act(s, ANA, "suggest", choice="keep")[0], ANA, "suggest", {"choice": "retire"}, "not_now",
     "your partner's turn"),
    (lambda s: act(s, ANA, "suggest", choice="keep")[0], BEN, "suggest", {"choice": "keep"}, "same_choice",
     "confirm it"),
    (lambda s: act(s, ANA, "suggest", choice="keep")[0], BEN, "withdraw", {}, "not_now", "who suggested"),
    (lambda s: act(s, ANA, "suggest", choice="keep")[0], BEN, "confirm", {"choice": "bogus"}, "bad_choice", "keep"),
    (lambda s: act(s, ANA, "suggest", choice="retire")[0], ANA, "confirm", {"choice": "retire"}, "own_choice",
     "needs to confirm it too"),
    (lambda s: s, "99", "suggest", {"choice": "keep"}, "not_your_turn", "Only the two of you"),
])
def test_illegal_moves_change_nothing(fresh, setup, who, name, fields, code, sentence):
    state = setup(fresh)
    with pytest.raises(IllegalMove) as caught:
        review.apply(state, who, Action(name, fields, "2026-11-24T20:00:00Z"))
    assert caught.value.code == code
    assert sentence in str(caught.value)


def test_a_review_names_its_agreement():
    with pytest.raises(IllegalMove) as caught:
        review.start((ANA, BEN))
    assert caught.value.code == "no_agreement"
    assert review.view(review.start((ANA, BEN), agreement=DINNER), ANA)["agreement"] == DINNER
