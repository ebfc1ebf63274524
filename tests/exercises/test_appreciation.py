"""The appreciation round, read as a session between Ana (a) and Ben (b)."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, replay
from exercises import appreciation as round_

ANA, BEN = "1", "2"


def act(state, who, name, at="2026-11-24T20:00:00Z", **fields):
    return round_.apply(state, who, Action(name, fields, at))


@pytest.fixture
def fresh():
    return round_.start((ANA, BEN), "2026-11-24T19:59:00Z")


def test_a_whole_round(fresh):
    state, events = act(fresh, ANA, "appreciate", text="  You made soup when I was tired.  ")
    assert [e.name for e in events] == ["appreciated"]
    assert round_.view(state, BEN)["theirs"]["text"] == "You made soup when I was tired."
    assert round_.allowed_actions(state, ANA) == ["end", "pause"]  # Ana waits for Ben
    assert round_.view(state, ANA)["waiting_for"] == "partner"

    state, _ = act(state, BEN, "acknowledge", reply="That means a lot")
    state, _ = act(state, BEN, "appreciate", text="You listened on Sunday.")
    assert round_.view(state, ANA)["mine"] == {"text": "You made soup when I was tired.",
                                               "at": "2026-11-24T20:00:00Z", "received": True,
                                               "reply": "That means a lot"}
    state, events = act(state, ANA, "acknowledge")
    assert [e.name for e in events] == ["acknowledged", "step_changed"]
    assert state.step is round_.Step.DONE
    assert round_.view(state, ANA)["finished"] and round_.allowed_actions(state, BEN) == []


def test_both_may_write_at_once_and_either_order_of_receiving(fresh):
    state, _ = act(fresh, ANA, "appreciate", text="a")
    state, _ = act(state, BEN, "appreciate", text="b")
    state, _ = act(state, ANA, "acknowledge")
    assert state.step is round_.Step.SHARING
    state, _ = act(state, BEN, "acknowledge")
    assert state.step is round_.Step.DONE


def test_ending_early_keeps_what_was_said(fresh):
    state, _ = act(fresh, ANA, "appreciate", text="Thank you for the walk.")
    state, events = act(state, BEN, "end")
    assert state.step is round_.Step.ENDED and state.ended_by == BEN
    assert round_.view(state, BEN)["theirs"]["text"] == "Thank you for the walk."


def test_state_is_the_fold_of_the_log(fresh):
    log = [(ANA, Action("appreciate", {"text": "x"}, "t1")), (BEN, Action("acknowledge", {}, "t2")),
           (BEN, Action("appreciate", {"text": "y"}, "t3")), (ANA, Action("acknowledge", {}, "t4"))]
    state = fresh
    for who, action in log:
        state, _ = round_.apply(state, who, action)
    assert replay(round_, (ANA, BEN), "t0", log) == state


def _shared_both(fresh):
    state, _ = act(fresh, ANA, "appreciate", text="x")
    state, _ = act(state, BEN, "appreciate", text="y")
    return state


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", [
    (lambda s: s, ANA, "acknowledge", {}, "not_now", "still writing"),
    (lambda s: act(s, ANA, "appreciate", text="x")[0], ANA, "appreciate", {"text": "again"}, "not_now",
     "You've shared yours"),
    (lambda s: s, ANA, "appreciate", {"text": "   "}, "empty_text", "Please write"),
    (lambda s: s, ANA, "appreciate", {}, "empty_text", "Please write"),
    (lambda s: s, ANA, "appreciate", {"text": 42}, "empty_text", "Please write"),
    (lambda s: s, ANA, "appreciate", {"text": "x" * 1001}, "too_long", "under 1,000 characters"),
    (lambda s: s, "99", "appreciate", {"text": "hello"}, "not_your_turn", "Only the two of you"),
    (lambda s: s, ANA, "dance", {}, "unknown_action", "knows how to do"),
    (lambda s: act(_shared_both(s), BEN, "acknowledge")[0], BEN, "acknowledge", {}, "not_now", "already received"),
    (lambda s: act(s, ANA, "end")[0], BEN, "appreciate", {"text": "late"}, "wrong_step", "another step"),
])
def test_illegal_moves_change_nothing(fresh, setup, who, name, fields, code, sentence):
    state = setup(fresh)
    with pytest.raises(IllegalMove) as caught:
        round_.apply(state, who, Action(name, fields, "t"))
    assert caught.value.code == code
    assert sentence in str(caught.value)


def test_a_round_needs_two_different_partners():
    with pytest.raises(IllegalMove):
        round_.start((ANA, ANA))


def test_the_view_waits_for_the_partner_exactly_when_only_ending_or_pausing_is_left(fresh):
    """The view reads what the viewer may do once, for its buttons and for `waiting_for` (issue 21): at every
    step of a round, paused too, both say the same as allowed_actions."""
    states = [fresh]
    for who, name, fields in ((ANA, "appreciate", {"text": "a"}), (BEN, "appreciate", {"text": "b"}),
                              (ANA, "pause", {}), (ANA, "resume", {}), (BEN, "resume", {}),
                              (ANA, "acknowledge", {"reply": "Thank you"}), (BEN, "acknowledge", {})):
        states.append(act(states[-1], who, name, **fields)[0])
    seen = []
    for state in states:
        for who in (ANA, BEN):
            view, allowed = round_.view(state, who), round_.allowed_actions(state, who)
            waits = not round_.is_finished(state) and state.pause is None and not set(allowed) - {"end", "pause"}
            assert view["allowed"] == allowed and view["waiting_for"] == ("partner" if waits else None)
            seen.append(view["waiting_for"])
    assert "partner" in seen and None in seen
