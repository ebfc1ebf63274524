"""A pause, as a couple lives it: Ben needs a break in the middle of a round."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove
from exercises import appreciation as round_
from exercises.pause import later

ANA, BEN = "1", "2"
AT = "2026-11-24T20:00:00Z"


def act(state, who, name, **fields):
    return round_.apply(state, who, Action(name, fields, AT))


@pytest.fixture
def sharing():
    state = round_.start((ANA, BEN))
    return act(state, ANA, "appreciate", text="You held my hand at the dentist.")[0]


def test_either_may_pause_and_both_come_back_together(sharing):
    assert "pause" in round_.allowed_actions(sharing, BEN)
    paused, events = act(sharing, BEN, "pause")
    assert [e.name for e in events] == ["paused"]
    assert paused.pause.minutes == 20 and paused.pause.back_at == "2026-11-24T20:20:00Z"
    assert round_.allowed_actions(paused, ANA) == ["resume", "end"]
    assert round_.view(paused, ANA)["pause"]["called_by"] == BEN

    with pytest.raises(IllegalMove, match="Nothing can be said") as caught:
        act(paused, BEN, "acknowledge")
    assert caught.value.code == "paused"

    half, events = act(paused, ANA, "resume")
    assert [e.name for e in events] == ["ready_to_resume"] and half.pause is not None
    assert round_.allowed_actions(half, ANA) == ["end"]
    with pytest.raises(IllegalMove, match="waiting for your partner"):
        act(half, ANA, "resume")
    back, events = act(half, BEN, "resume")
    assert [e.name for e in events] == ["resumed"] and back.pause is None
    assert round_.allowed_actions(back, BEN) == ["appreciate", "acknowledge", "end", "pause"]


def test_either_may_end_during_a_pause(sharing):
    paused, _ = act(sharing, ANA, "pause", minutes=45)
    ended, _ = act(paused, BEN, "end")
    assert ended.step is round_.Step.ENDED
    assert round_.allowed_actions(ended, ANA) == []


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1, "soon", True, 2.5])
def test_a_pause_lasts_from_a_minute_to_a_day(sharing, minutes):
    with pytest.raises(IllegalMove, match="24 hours") as caught:
        act(sharing, ANA, "pause", minutes=minutes)
    assert caught.value.code == "bad_pause"


def test_a_whole_day_is_allowed_and_the_time_to_come_back_is_computed_without_a_clock(sharing):
    paused, _ = act(sharing, ANA, "pause", minutes="1440")
    assert paused.pause.back_at == "2026-11-25T20:00:00Z"
    assert later("2026-12-31T23:50:00Z", 20) == "2027-01-01T00:10:00Z"


@pytest.mark.parametrize("who, name, code", [
    (BEN, "resume", "not_paused"),
    ("99", "pause", "not_your_turn"),
])
def test_pause_moves_that_make_no_sense(sharing, who, name, code):
    with pytest.raises(IllegalMove) as caught:
        act(sharing, who, name)
    assert caught.value.code == code


def test_no_pause_after_the_end(sharing):
    ended, _ = act(sharing, ANA, "end")
    with pytest.raises(IllegalMove):
        act(ended, BEN, "pause")
    paused_twice = act(sharing, ANA, "pause")[0]
    with pytest.raises(IllegalMove, match="already taking a pause"):
        act(paused_twice, BEN, "pause")
