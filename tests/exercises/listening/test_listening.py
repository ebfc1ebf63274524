"""Listening turns, read as a session between Ana (1) and Ben (2)."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove, listening, replay
from exercises.listening import Step

ANA, BEN = "1", "2"
SAID = "I feel tired on Sunday mornings when the kitchen is a mess."
CLOSE = {"overlap": 0.9, "missing": [], "rebuttal": False, "rebuttal_text": None, "new_complaint": False}


def act(state, who, name, at="2026-11-24T20:00:00Z", **fields):
    return listening.apply(state, who, Action(name, fields, at))


def heard(overlap=0.9, missing=(), rebuttal_text=None, new_complaint=False):
    """The server's `listening` field for a paraphrase, as couples.coaching writes it."""
    return {"overlap": overlap, "missing": list(missing), "rebuttal": rebuttal_text is not None,
            "rebuttal_text": rebuttal_text, "new_complaint": new_complaint}


@pytest.fixture
def fresh():
    return listening.start((ANA, BEN), "2026-11-24T19:59:00Z")


@pytest.fixture
def ana_speaks(fresh):
    state, _ = act(fresh, BEN, "choose", topic="Sunday mornings", first_speaker=ANA)
    state, _ = act(state, ANA, "speak", text=SAID)
    return state


def test_a_whole_session(fresh):
    # They pick a topic and who holds the floor first.
    assert listening.allowed_actions(fresh, ANA) == ["choose", "end", "pause"]
    state, events = act(fresh, BEN, "choose", topic="  Sunday mornings ", first_speaker=ANA)
    assert [e.name for e in events] == ["chosen", "step_changed"]
    assert state.topic == "Sunday mornings" and state.speaker == ANA
    assert listening.view(state, ANA)["my_role"] == "speaker" and listening.view(state, BEN)["my_role"] == "listener"
    assert listening.view(state, BEN)["waiting_for"] == "partner"

    # Ana speaks; Ben reflects; not quite; Ben reflects again; that's it.
    state, events = act(state, ANA, "speak", text=SAID)
    assert events[0].data == {"text": SAID} and state.step is Step.PARAPHRASING
    state, _ = act(state, BEN, "paraphrase", text="You're tired.", listening=heard(0.3, ["kitchen", "mess"]))
    assert listening.view(state, BEN)["hint"] == {"overlap": 0.3, "missing": ["kitchen", "mess"]}
    assert listening.view(state, ANA)["hint"] is None  # the hint is Ben's alone
    assert listening.view(state, ANA)["current"]["paraphrase"] == "You're tired."
    state, events = act(state, ANA, "clarify", text="It's the mess I come down to.")
    assert state.step is Step.PARAPHRASING and events[0].name == "clarified"
    assert listening.paraphrase_target(state) == "It's the mess I come down to."  # what Ana stands by now
    assert listening.view(state, BEN)["hint"] is None  # measured against words Ana has since put differently
    state, _ = act(state, BEN, "paraphrase", text="What I hear is the mess greets you and you're worn out.",
                   listening=CLOSE)
    state, _ = act(state, ANA, "confirm")
    assert state.step is Step.REFLECTED and listening.paraphrase_target(state) == ""

    # Ben may validate; Ana says more, then passes the floor, and the roles swap.
    assert listening.allowed_actions(state, BEN) == ["validate", "finish", "end", "pause"]
    state, _ = act(state, BEN, "validate", text="That makes sense, because Sunday is your only slow morning.")
    state, _ = act(state, ANA, "speak", text="And I'd love us to tidy on Saturday night.")
    state, _ = act(state, BEN, "paraphrase", text="You'd love us to tidy on Saturday night.", listening=CLOSE)
    state, _ = act(state, ANA, "confirm")
    state, events = act(state, ANA, "pass_floor")
    assert events[0].data == {"to": BEN} and state.speaker == BEN and state.step is Step.SPEAKING
    state, _ = act(state, BEN, "speak", text="I feel rushed on Saturday nights.")
    state, _ = act(state, ANA, "paraphrase", text="Saturday nights feel rushed to you.", listening=CLOSE)
    state, _ = act(state, BEN, "confirm")

    # "We're done for now": both see the summary.
    state, events = act(state, BEN, "finish")
    assert state.step is Step.DONE and listening.is_finished(state) and events[0].name == "finished"
    summary = listening.summary(state)
    assert listening.view(state, ANA)["summary"] == listening.view(state, BEN)["summary"] == summary
    assert summary["rounds"] == 3 and summary["topic"] == "Sunday mornings"
    assert [(t["speaker"], t["statements"], t["heard"]) for t in summary["turns"]] == [(ANA, 2, 2), (BEN, 1, 1)]
    first = summary["statements"][0]
    assert first["paraphrase"] == "What I hear is the mess greets you and you're worn out."
    assert first["attempts"] == 2 and first["clarifications"] == ["It's the mess I come down to."]
    assert first["validation"].startswith("That makes sense")
    assert listening.allowed_actions(state, ANA) == []


def test_a_parent_can_start_with_topic_and_first_speaker_and_skip_choosing():
    state = listening.start((ANA, BEN), "t0", topic="This week", first_speaker=BEN)
    assert state.step is Step.SPEAKING and state.speaker == BEN and state.turns[0].at == "t0"
    assert listening.allowed_actions(state, BEN) == ["speak", "end", "pause"]
    assert listening.summary(state)["rounds"] == 0


def test_a_preset_topic_leaves_only_who_speaks_first_to_choose():
    state = listening.start((ANA, BEN), "t0", topic="Money")
    state, events = act(state, ANA, "choose", first_speaker=BEN, topic="something else")
    assert state.topic == "Money" and events[0].data == {"topic": "Money", "first_speaker": BEN}


def test_a_rebuttal_or_new_complaint_is_held_back_and_changes_nothing(ana_speaks):
    for feedback in (heard(rebuttal_text="that's not true"), heard(rebuttal_text="but you"),
                     heard(new_complaint=True)):
        with pytest.raises(IllegalMove) as caught:
            act(ana_speaks, BEN, "paraphrase", text="That's not true, you never help either.", listening=feedback)
        assert caught.value.code == "hold_that_thought"
        assert str(caught.value) == "Hold that thought for your own turn. For now, reflect what you heard."


@pytest.mark.parametrize("statement, phrase", [
    ("I wanted to help but I felt pushed away.", "but"),
    ("You never listen when I talk about work.", "i never"),  # mirrored into the listener's voice
])
def test_echoing_the_speakers_own_words_is_not_arguing(fresh, statement, phrase):
    state, _ = act(fresh, ANA, "choose", topic="t", first_speaker=ANA)
    state, _ = act(state, ANA, "speak", text=statement)
    state, _ = act(state, BEN, "paraphrase", text="echo", listening=heard(rebuttal_text=phrase))
    assert state.step is Step.CHECKING


def test_a_hint_never_offers_words_the_speaker_has_corrected_away(fresh):
    state, _ = act(fresh, ANA, "choose", topic="Evenings", first_speaker=ANA)
    state, _ = act(state, ANA, "speak", text="I get tense about the money and the quiet evenings.")
    state, _ = act(state, BEN, "paraphrase", text="You're tense about the evenings.", listening=heard(0.5, ["money"]))
    assert listening.view(state, BEN)["hint"] == {"overlap": 0.5, "missing": ["money"]}
    state, _ = act(state, ANA, "clarify", text="No, it's not the money, it's the silence.")
    assert listening.allowed_actions(state, BEN)[0] == "paraphrase"
    assert listening.view(state, BEN)["hint"] is None
    assert listening.paraphrase_target(state) == "No, it's not the money, it's the silence."
    # The next reflection is measured against the correction (the server's field), and its hint stands.
    state, _ = act(state, BEN, "paraphrase", text="The quiet is hard.", listening=heard(0.5, ["silence"]))
    assert listening.view(state, BEN)["hint"] == {"overlap": 0.5, "missing": ["silence"]}


def test_a_hint_is_gone_once_a_newer_turn_starts(ana_speaks):
    state, _ = act(ana_speaks, BEN, "paraphrase", text="You're tired.", listening=heard(0.3, ["kitchen"]))
    state, _ = act(state, ANA, "confirm")
    assert listening.view(state, BEN)["hint"] is None  # heard: nothing more to add
    state, _ = act(state, ANA, "speak", text="And the kitchen is where it starts.")
    assert listening.view(state, BEN)["hint"] is None and listening.view(state, BEN)["current"]["attempts"] == 0
    state, _ = act(state, BEN, "paraphrase", text="It starts there.", listening=heard(0.5, ["kitchen"]))
    state, _ = act(state, ANA, "confirm")
    state, _ = act(state, ANA, "pass_floor")
    assert listening.view(state, BEN)["hint"] is None and listening.view(state, ANA)["hint"] is None


def test_an_echo_of_words_from_the_statement_is_not_held_back_after_a_clarification(fresh):
    state, _ = act(fresh, ANA, "choose", topic="t", first_speaker=ANA)
    state, _ = act(state, ANA, "speak", text="I wanted to help but I felt pushed away.")
    state, _ = act(state, BEN, "paraphrase", text="You wanted to help.", listening=CLOSE)
    state, _ = act(state, ANA, "clarify", text="Mostly the pushed away part.")
    state, _ = act(state, BEN, "paraphrase", text="echo", listening=heard(rebuttal_text="but"))
    assert state.step is Step.CHECKING


def test_low_overlap_is_the_speakers_call_not_the_machines(ana_speaks):
    state, _ = act(ana_speaks, BEN, "paraphrase", text="Mornings.", listening=heard(0.0, ["tired", "kitchen"]))
    state, _ = act(state, ANA, "confirm")
    assert state.statements[0].confirmed


def test_ending_early_keeps_what_was_said(ana_speaks):
    state, _ = act(ana_speaks, BEN, "end")
    assert state.step is Step.ENDED and state.ended_by == BEN
    summary = listening.view(state, ANA)["summary"]
    assert summary["statements"][0]["text"] == SAID and summary["statements"][0]["paraphrase"] is None
    assert summary["rounds"] == 0 and summary["ended_by"] == BEN


def test_a_pause_stops_everything_until_both_are_back(ana_speaks):
    state, _ = act(ana_speaks, ANA, "pause", at="2026-11-24T20:00:00Z")
    assert listening.view(state, BEN)["pause"]["back_at"] == "2026-11-24T20:20:00Z"
    assert listening.allowed_actions(state, BEN) == ["resume", "end"]
    with pytest.raises(IllegalMove) as caught:
        act(state, BEN, "paraphrase", text="You're tired.")
    assert caught.value.code == "paused"
    state, _ = act(state, BEN, "resume")
    state, _ = act(state, ANA, "resume")
    assert state.pause is None and listening.allowed_actions(state, BEN)[0] == "paraphrase"


def test_state_is_the_fold_of_the_log():
    log = [(ANA, Action("choose", {"topic": "t", "first_speaker": BEN}, "t1")),
           (BEN, Action("speak", {"text": "I miss our walks."}, "t2")),
           (ANA, Action("paraphrase", {"text": "You miss our walks.", "listening": CLOSE}, "t3")),
           (BEN, Action("confirm", {}, "t4")), (ANA, Action("finish", {}, "t5"))]
    state = listening.start((ANA, BEN), "t0")
    for who, action in log:
        state, _ = listening.apply(state, who, action)
    assert replay(listening, (ANA, BEN), "t0", log) == state


def test_no_event_carries_the_coach_or_the_reflection_hint(fresh):
    state, _ = act(fresh, ANA, "choose", topic="t", first_speaker=ANA)
    state, events = act(state, ANA, "speak", text="You never help.",
                        coach={"blaming": True, "kinds": ["absolute"], "care": False})
    assert all("coach" not in e.data and "blaming" not in e.data for e in events)  # sent as written, not flagged
    _, events = act(state, BEN, "paraphrase", text="You're tired.", listening=heard(0.2, ["kitchen"]))
    assert all("overlap" not in e.data and "missing" not in e.data and "listening" not in e.data for e in events)


def _reflected(state):
    state, _ = act(state, BEN, "paraphrase", text="You're tired.", listening=CLOSE)
    return act(state, ANA, "confirm")[0]


def _checking(state):
    return act(state, BEN, "paraphrase", text="You're tired.", listening=CLOSE)[0]


def _chosen(state):
    return act(state, ANA, "choose", topic="t", first_speaker=ANA)[0]


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", [
    # Out of turn: only the floor holder speaks; the listener cannot rebut or change the subject.
    (_chosen, BEN, "speak", {"text": "My side first"}, "not_your_turn", "You're listening right now"),
    (lambda s: _reflected(act(_chosen(s), ANA, "speak", text=SAID)[0]), BEN, "speak", {"text": "Now me"},
     "not_your_turn", "You're listening right now"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], ANA, "paraphrase", {"text": "me"}, "not_your_turn",
     "You hold the floor"),
    (lambda s: _checking(act(_chosen(s), ANA, "speak", text=SAID)[0]), BEN, "confirm", {}, "not_your_turn",
     "You're listening"),
    (lambda s: _reflected(act(_chosen(s), ANA, "speak", text=SAID)[0]), BEN, "pass_floor", {}, "not_your_turn",
     "You're listening"),
    (lambda s: _reflected(act(_chosen(s), ANA, "speak", text=SAID)[0]), ANA, "validate", {"text": "x"},
     "not_your_turn", "You hold the floor"),
    # Wrong step.
    (lambda s: s, ANA, "speak", {"text": "hi"}, "wrong_step", "another step"),
    (_chosen, ANA, "choose", {"topic": "other", "first_speaker": BEN}, "chosen_first", "You've chosen what to talk"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], ANA, "speak", {"text": "more"}, "wrong_step",
     "another step"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], ANA, "confirm", {}, "wrong_step", "another step"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], ANA, "finish", {}, "wrong_step", "another step"),
    (lambda s: act(_chosen(s), ANA, "end")[0], BEN, "speak", {"text": "late"}, "wrong_step", "another step"),
    (lambda s: act(_chosen(s), ANA, "end")[0], BEN, "pause", {}, "wrong_step", "already finished"),
    # Not now.
    (_chosen, ANA, "finish", {}, "not_now", "Nothing has been heard"),
    (lambda s: act(_reflected(act(_chosen(s), ANA, "speak", text=SAID)[0]), BEN, "validate", text="It makes sense")[0],
     BEN, "validate", {"text": "again"}, "not_now", "already said why"),
    # Empty or over-long text, odd choices.
    (_chosen, ANA, "speak", {"text": "   "}, "empty_text", "Please write"),
    (_chosen, ANA, "speak", {}, "empty_text", "Please write"),
    (_chosen, ANA, "speak", {"text": 42}, "empty_text", "Please write"),
    (_chosen, ANA, "speak", {"text": "x" * 601}, "too_long", "under 600 characters"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], BEN, "paraphrase", {"text": ""}, "empty_text",
     "what you heard"),
    (lambda s: act(_chosen(s), ANA, "speak", text=SAID)[0], BEN, "paraphrase", {"text": "x" * 801}, "too_long",
     "under 800"),
    (lambda s: _checking(act(_chosen(s), ANA, "speak", text=SAID)[0]), ANA, "clarify", {"text": " "}, "empty_text",
     "what they missed"),
    (lambda s: _checking(act(_chosen(s), ANA, "speak", text=SAID)[0]), ANA, "clarify", {"text": "x" * 401},
     "too_long", "under 400"),
    (lambda s: s, ANA, "choose", {"topic": " ", "first_speaker": ANA}, "empty_text", "a topic"),
    (lambda s: s, ANA, "choose", {"topic": "x" * 121, "first_speaker": ANA}, "too_long", "under 120"),
    (lambda s: s, ANA, "choose", {"topic": "t"}, "bad_speaker", "who speaks first"),
    (lambda s: s, ANA, "choose", {"topic": "t", "first_speaker": "99"}, "bad_speaker", "who speaks first"),
    (lambda s: s, ANA, "choose", {"topic": "t", "first_speaker": True}, "bad_speaker", "who speaks first"),
    # Strangers and nonsense.
    (lambda s: s, "99", "choose", {"topic": "t", "first_speaker": ANA}, "not_your_turn", "Only the two of you"),
    (_chosen, "99", "end", {}, "not_your_turn", "Only the two of you"),
    (lambda s: s, ANA, "rebut", {}, "unknown_action", "knows how to do"),
])
def test_illegal_moves_change_nothing(fresh, setup, who, name, fields, code, sentence):
    state = setup(fresh)
    with pytest.raises(IllegalMove) as caught:
        listening.apply(state, who, Action(name, fields, "t"))
    assert caught.value.code == code
    assert sentence in str(caught.value)


@pytest.mark.parametrize("partners, options, code", [
    ((ANA, ANA), {}, "needs_two"),
    ((ANA, BEN), {"topic": "t", "first_speaker": "99"}, "bad_speaker"),
    ((ANA, BEN), {"topic": "  ", "first_speaker": ANA}, "empty_text"),
])
def test_start_refuses_what_cannot_work(partners, options, code):
    with pytest.raises(IllegalMove) as caught:
        listening.start(partners, "t0", **options)
    assert caught.value.code == code


def test_the_table_names_speaker_listener_and_either():
    assert {row.who for row in listening.MACHINE.table} == {"speaker", "listener", "either"}
    assert listening.TITLE and listening.BLURB and listening.KIND == "listening"


def test_both_send_a_topic_and_the_first_one_sent_holds(fresh):
    """Ana and Ben both type a topic; Ben's arrives first. Ana's is refused with a word about why, and nothing
    changes; both views say whose topic it is, so Ana's page can keep her words and say Ben chose first."""
    state, events = act(fresh, BEN, "choose", topic="Our Sunday mornings", first_speaker=BEN)
    assert events[0].actor == BEN
    with pytest.raises(IllegalMove, match="Your partner chose the topic a moment before you") as caught:
        act(state, ANA, "choose", topic="Money, gently", first_speaker=ANA)
    assert caught.value.code == "chosen_first"
    assert "Money" not in str(listening.view(state, BEN))  # Ana's words never reach Ben
    for viewer in (ANA, BEN):
        view = listening.view(state, viewer)
        assert (view["topic"], view["topic_by"], view["floor_holder"]) == ("Our Sunday mornings", BEN, BEN)


def test_turns_started_with_a_topic_name_no_one_as_its_chooser():
    state = listening.start((ANA, BEN), "t", topic="What was hard", first_speaker=BEN)
    assert listening.view(state, ANA)["topic_by"] is None
