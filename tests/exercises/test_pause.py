"""A pause, as a couple lives it: Ben needs a break in the middle of a round."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, checkin, listening, rehearsal
from exercises import appreciation as round_
from exercises.boundary import agreement_review, talk
from exercises.pause import later
from exercises.rehearsal.scenes import library

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


@pytest.mark.parametrize("minutes", [0, -5, 48 * 60 + 1, "soon", True, 2.5])
def test_a_pause_lasts_from_a_minute_to_two_days(sharing, minutes):
    with pytest.raises(IllegalMove, match="two days") as caught:
        act(sharing, ANA, "pause", minutes=minutes)
    assert caught.value.code == "bad_pause"


def test_a_whole_day_is_allowed_and_the_time_to_come_back_is_computed_without_a_clock(sharing):
    paused, _ = act(sharing, ANA, "pause", minutes="1440")
    assert paused.pause.back_at == "2026-11-25T20:00:00Z"
    assert later("2026-12-31T23:50:00Z", 20) == "2027-01-01T00:10:00Z"


def test_the_lengths_people_say_an_hour_and_until_tomorrow_evening():
    """At 07:17 in Lisbon (UTC in winter) Ben asks for a pause until tomorrow evening: his page works out
    19:00 tomorrow in his own time and sends that moment; the pause lasts until then, not a fixed four hours."""
    morning = round_.start((ANA, BEN))
    at = "2027-01-24T07:17:00Z"
    paused, events = round_.apply(morning, BEN, Action("pause", {"until": "2027-01-25T19:00:00.000Z"}, at))
    assert paused.pause.back_at == "2027-01-25T19:00:00Z" and paused.pause.minutes == 35 * 60 + 43
    assert events[0].data == {"minutes": 35 * 60 + 43, "back_at": "2027-01-25T19:00:00Z"}
    hour, _ = round_.apply(morning, ANA, Action("pause", {"minutes": 60}, at))
    assert hour.pause.back_at == "2027-01-24T08:17:00Z"


def test_a_time_picked_in_another_time_zone_is_kept_as_the_same_moment():
    """Ana, in Berlin (UTC+1), picks 21:30 tonight: the page sends it with its offset; it is 20:30 UTC."""
    state = round_.start((ANA, BEN))
    paused, _ = round_.apply(state, ANA, Action("pause", {"until": "2027-01-24T21:30:00+01:00"},
                                                "2027-01-24T20:00:00Z"))
    assert paused.pause.back_at == "2027-01-24T20:30:00Z" and paused.pause.minutes == 30


@pytest.mark.parametrize("fields, sentence", [
    ({"until": "2027-01-24T19:59:00Z"}, "two days"),  # already past
    ({"until": "2027-01-24T20:00:20Z"}, "two days"),  # less than a minute
    ({"until": "2027-01-27T20:01:00Z"}, "two days"),  # more than two days
    ({"until": "tomorrow evening"}, "when you'd like to come back"),
    ({"until": "2027-01-25T19:00:00Z", "minutes": 20}, "one length"),
])
def test_a_pause_until_a_moment_is_checked(fields, sentence):
    with pytest.raises(IllegalMove, match=sentence) as caught:
        round_.apply(round_.start((ANA, BEN)), ANA, Action("pause", fields, "2027-01-24T20:00:00Z"))
    assert caught.value.code == "bad_pause"


UNDER_REVIEW = {"id": 7, "title": "Phones at dinner", "text": "No phones at the table.", "version": 1,
                "review_every_weeks": 4, "next_review": "2026-12-20"}


def started(kind):
    """A fresh session of `kind` (a rehearsal of "The dishes, again"; a review of "Phones at dinner")."""
    if kind is agreement_review:
        return kind.start((ANA, BEN), AT, agreement=UNDER_REVIEW)
    if kind is rehearsal:
        return rehearsal.start((ANA, BEN), AT, scene=library()["dishes"].to_dict(), cast={"robin": ANA, "sam": BEN})
    return kind.start((ANA, BEN), AT)


@pytest.mark.parametrize("kind", [round_, checkin, listening, rehearsal, talk, agreement_review],
                         ids=lambda kind: kind.KIND)
def test_a_pause_ends_with_its_session(kind):
    """Ana pauses; Ben ends the session from the pause screen: the pause is over for both, in the state and
    in each one's view (a reload folds the same log, so it shows no pause either)."""
    paused, _ = kind.apply(started(kind), ANA, Action("pause", {}, AT))
    assert kind.view(paused, BEN)["pause"]["called_by"] == ANA
    ended, events = kind.apply(paused, BEN, Action("end", {}, AT))
    assert "ended" in [e.name for e in events] and kind.is_finished(ended)
    assert ended.pause is None
    assert kind.view(ended, ANA)["pause"] is None and kind.view(ended, BEN)["pause"] is None


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
