"""Listening turns opened from the "what was hard" step: they run inside the check-in and return to it."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, checkin, listening
from exercises.checkin import Step
from tests.exercises.checkin.helpers import ANA, AT, BEN, act, at_hard, both_ready

ISSUE = "I felt alone when plans changed on Friday."


@pytest.fixture
def talking():
    state = act(at_hard(), BEN, "name_issue", text=ISSUE)
    state, events = checkin.apply(state, ANA, Action("open_listening", {"issue": BEN}, AT))
    assert [(e.name, dict(e.data)) for e in events] == [("listening_opened", {"issue": BEN, "first_speaker": BEN})]
    return state


def listen(state, who, move, **fields):
    return checkin.apply(state, who, Action("listen", {"move": move, **fields}, AT))


def test_a_listening_round_runs_inside_the_check_in_and_returns_to_it(talking):
    view = checkin.view(talking, BEN)["listening"]
    assert view["topic"] == ISSUE and view["my_role"] == "speaker" and view["step"] == "speaking"
    assert "pause" not in view["allowed"]  # the check-in's own pause covers it
    assert checkin.view(talking, ANA)["issues"]["theirs"]["status"] == "talking"
    assert "ready" not in checkin.allowed_actions(talking, ANA) and "back" not in checkin.allowed_actions(talking, BEN)

    state, events = listen(talking, BEN, "speak", text="I felt left out when the plans changed.")
    assert [e.name for e in events] == ["listening_spoke", "listening_step_changed"]
    assert checkin.paraphrase_target(state) == "I felt left out when the plans changed."
    state, _ = listen(state, ANA, "paraphrase", text="You felt left out when the plans changed.")
    assert checkin.paraphrase_target(state) == ""  # the speaker checks now: nothing to paraphrase
    state, _ = listen(state, BEN, "confirm")
    state, events = listen(state, ANA, "finish")
    assert [e.name for e in events][-1] == "listening_closed"

    assert state.listening is None and state.step is Step.HARD
    issue = checkin.view(state, ANA)["issues"]["theirs"]
    assert issue["status"] == "talked" and issue["listening"]["rounds"] == 1
    assert issue["listening"]["statements"][0]["paraphrase"] == "You felt left out when the plans changed."
    state = both_ready(state)
    assert state.step is Step.REQUESTS
    assert checkin.summary(state)["partners"][BEN]["issue"]["listening"]["topic"] == ISSUE


def test_roles_come_from_the_nested_turns(talking):
    with pytest.raises(IllegalMove) as caught:
        listen(talking, ANA, "speak", text="My side is...")
    assert caught.value.code == "not_your_turn" and "You're listening right now" in str(caught.value)


def test_a_pause_holds_the_nested_turns_too(talking):
    paused = act(talking, ANA, "pause")
    with pytest.raises(IllegalMove) as caught:
        listen(paused, BEN, "speak", text="I felt alone.")
    assert caught.value.code == "paused"
    with pytest.raises(IllegalMove) as caught:
        listen(talking, BEN, "pause")
    assert caught.value.code == "not_now" and "check-in's pause" in str(caught.value)


def test_ending_the_turns_early_returns_to_the_hard_step(talking):
    state, events = listen(talking, ANA, "end")
    assert [e.name for e in events] == ["listening_ended", "listening_step_changed", "listening_closed"]
    assert state.step is Step.HARD and state.listening is None
    assert checkin.view(state, BEN)["issues"]["mine"]["listening"]["ended_by"] == ANA


def test_a_held_back_paraphrase_is_refused_inside_the_check_in(talking):
    state, _ = listen(talking, BEN, "speak", text="I felt alone on Friday.")
    with pytest.raises(IllegalMove) as caught:
        listen(state, ANA, "paraphrase", text="But you left first.",
               listening={"overlap": 0.1, "missing": [], "rebuttal": True, "rebuttal_text": "but you",
                          "new_complaint": False})
    assert caught.value.code == "hold_that_thought"


@pytest.mark.parametrize("fields, code", [({}, "bad_choice"), ({"move": ""}, "bad_choice"),
                                          ({"move": "dance"}, "unknown_action"),
                                          ({"move": "speak", "text": " "}, "empty_text")])
def test_odd_nested_moves_are_refused(talking, fields, code):
    with pytest.raises(IllegalMove) as caught:
        checkin.apply(talking, BEN, Action("listen", fields, AT))
    assert caught.value.code == code


@pytest.mark.parametrize("name, fields", [("name_issue", {"text": "Mine too."}), ("park", {"issue": BEN}),
                                          ("open_listening", {"issue": BEN}), ("back", {}), ("ready", {})])
def test_the_rest_of_the_step_waits_while_the_turns_run(talking, name, fields):
    with pytest.raises(IllegalMove) as caught:
        checkin.apply(talking, ANA, Action(name, fields, AT))
    assert "middle of listening turns" in str(caught.value)


def test_a_long_issue_becomes_a_short_topic():
    state = act(at_hard(), ANA, "name_issue", text="word " * 150)
    state = act(state, BEN, "open_listening", issue=ANA)
    assert len(state.listening.topic) <= listening.MAX_TOPIC and state.listening.topic.endswith("…")


def test_the_nested_turns_replay_from_the_log():
    from exercises import replay
    log = [(ANA, "arrive", {"feeling": 5, "connection": 5, "mood": "ok"}),
           (BEN, "arrive", {"feeling": 6, "connection": 6, "mood": "fine"}),
           (ANA, "ready", {}), (BEN, "ready", {}), (ANA, "appreciate", {"text": "Thanks."}),
           (BEN, "appreciate", {"text": "Thanks too."}), (ANA, "acknowledge", {}), (BEN, "acknowledge", {}),
           (ANA, "ready", {}), (BEN, "ready", {}), (ANA, "win", {"text": "Walk."}), (BEN, "win", {"text": "Shelf."}),
           (ANA, "ready", {}), (BEN, "ready", {}), (BEN, "name_issue", {"text": ISSUE}),
           (BEN, "open_listening", {"issue": BEN}), (BEN, "listen", {"move": "speak", "text": "I felt alone."})]
    actions = [(who, Action(name, fields, AT)) for who, name, fields in log]
    state = replay(checkin, (ANA, BEN), AT, actions)
    assert state.listening.step is listening.Step.PARAPHRASING
    assert checkin.view(state, ANA)["listening"]["my_role"] == "listener"
    assert checkin.view(state, ANA)["waiting_for"] is None


def test_ending_the_check_in_mid_turns_keeps_what_was_heard(talking):
    state, _ = listen(talking, BEN, "speak", text="I felt alone on Friday.")
    state = act(state, ANA, "end")
    assert state.step is Step.ENDED and state.listening is None
    issue = checkin.summary(state)["partners"][BEN]["issue"]
    assert issue["status"] == "talked" and issue["listening"]["statements"][0]["text"] == "I felt alone on Friday."
