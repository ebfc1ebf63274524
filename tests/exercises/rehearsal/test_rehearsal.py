"""A rehearsal of "The dishes, again", read as a session: Ana (1) plays Robin, Ben (2) plays Sam, then they swap."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove
from exercises import rehearsal as rh
from exercises.rehearsal.rules import BLAME, CARE, OWN_SIDE, TOPIC, judge
from exercises.rehearsal.scenes import library

ANA, BEN = "1", "2"
KIND_WORDS = {"blaming": False, "kinds": [], "care": False}
BLAMING = {"blaming": True, "kinds": ["absolute"], "care": False}
FLAGGED = [[], [], ["You never"], [], [], ["You always", "nothing I do"], [], []]
ROBIN_SAYS = "I feel worn out when the dishes pile up. Could we share them?"
SAM_SAYS = "I feel unseen when the cooking goes unmentioned in the kitchen."


def act(state, who, name, at="2026-11-24T20:00:00Z", **fields):
    return rh.apply(state, who, Action(name, fields, at))


@pytest.fixture
def fresh():
    return rh.start((ANA, BEN), "2026-11-24T19:59:00Z", scene=library()["dishes"].to_dict(),
                    cast={"robin": ANA, "sam": BEN}, flagged=FLAGGED)


def play_round(state, robin, sam):
    """Play the whole scene once: `robin` and `sam` are the partners in those roles this round."""
    state, _ = act(state, robin, "advance")
    state, _ = act(state, sam, "advance")
    state, _ = act(state, robin, "rewrite", text=ROBIN_SAYS, coach=KIND_WORDS)
    state, _ = act(state, sam, "paraphrase", text="It sounds like the dishes wear you out.")
    state, _ = act(state, sam, "advance")
    state, _ = act(state, robin, "advance")
    state, _ = act(state, sam, "rewrite", text=SAM_SAYS, coach=KIND_WORDS)
    state, _ = act(state, robin, "paraphrase", text="You'd like your cooking noticed.")
    state, _ = act(state, robin, "advance")
    return act(state, sam, "advance")


def test_a_whole_rehearsal_through_a_role_swap(fresh):
    assert fresh.step is rh.Step.LINE
    assert rh.allowed_actions(fresh, ANA) == ["advance", "end", "pause"]
    assert rh.allowed_actions(fresh, BEN) == ["end", "pause"]
    assert rh.view(fresh, BEN)["waiting_for"] == "partner"

    state, events = act(fresh, ANA, "advance")
    assert [e.name for e in events] == ["line_said"] and state.line == 1
    state, events = act(state, BEN, "advance")
    assert state.step is rh.Step.REWRITE and rh.view(state, ANA)["phase"] == "rewrite"
    assert rh.view(state, ANA)["lines"][2] | {"flagged": ["You never"]} == rh.view(state, BEN)["lines"][2]

    state, events = act(state, ANA, "rewrite", text="You never help me with the dishes.", coach=BLAMING)
    assert [e.name for e in events] == ["drafted"] and events[0].data == {"line": 2}  # nothing of the draft
    assert rh.view(state, ANA)["my_tries"][0]["reason"] == BLAME
    assert rh.view(state, BEN)["my_tries"] == [] and "You never help" not in str(rh.view(state, BEN))
    state, events = act(state, ANA, "show_example")
    assert rh.view(state, ANA)["example"].startswith("I feel worn out") and rh.view(state, BEN)["example"] is None
    state, events = act(state, ANA, "rewrite", text=ROBIN_SAYS, coach=KIND_WORDS)
    assert [e.name for e in events] == ["rewritten"] and events[0].data["text"] == ROBIN_SAYS
    assert rh.paraphrase_target(state) == ROBIN_SAYS
    assert rh.allowed_actions(state, ANA) == ["end", "pause"] and rh.view(state, BEN)["phase"] == "listen"

    state, events = act(state, BEN, "paraphrase", text="It sounds like the dishes wear you out.",
                        listening={"overlap": 0.5, "missing": [], "rebuttal": False, "rebuttal_text": None,
                                   "new_complaint": False})
    assert [e.name for e in events] == ["paraphrased", "step_changed"] and state.line == 3
    state, _ = act(state, BEN, "advance")
    state, _ = act(state, ANA, "advance")
    state, _ = act(state, BEN, "rewrite", text=SAM_SAYS, coach=KIND_WORDS)
    state, _ = act(state, ANA, "paraphrase", text="You'd like your cooking noticed.")
    state, _ = act(state, ANA, "advance")
    state, events = act(state, BEN, "advance")
    assert [e.name for e in events] == ["line_said", "round_finished", "step_changed"]
    assert state.step is rh.Step.SWAP and rh.allowed_actions(state, BEN) == ["swap", "end", "pause"]
    first = rh.view(state, ANA)["summary"]
    # How many tries a line took is its writer's alone: nothing to set one partner's tries against the other's.
    assert [(row["line"], row["attempts"], row["first_try"]) for row in first] == [(2, 2, False), (5, None, None)]
    assert first[0]["flagged"] == ["You never"] and first[0]["rewrite"] == ROBIN_SAYS
    assert first[0]["my_tries"][0]["text"] == "You never help me with the dishes."
    bens = rh.view(state, BEN)["summary"]
    assert [(row["attempts"], row["first_try"], row["example_shown"]) for row in bens] == [(None, None, None),
                                                                                         (1, True, False)]
    assert bens[0]["my_tries"] == []  # the partner sees neither the draft nor how many tries it took

    state, events = act(state, BEN, "swap")
    assert state.round == 2 and state.line == 0 and rh.player(state, "robin") == BEN
    assert rh.allowed_actions(state, BEN) == ["advance", "end", "pause"]
    state, events = play_round(state, robin=BEN, sam=ANA)
    assert state.step is rh.Step.DONE and rh.is_finished(state)
    assert len(rh.view(state, ANA)["summary"]) == 4 and rh.allowed_actions(state, ANA) == []
    assert rh.progress(state) == {"scene_id": "dishes", "title": "The dishes, again", "rounds_done": 2,
                                  "rewrites": 4, "first_try": 3, "attempts": 5}


@pytest.mark.parametrize("coach, text, reason", [
    (BLAMING, "I feel like you never help with the dishes.", BLAME),
    (KIND_WORDS, "I feel tired and I need a hug.", TOPIC),
    ({"blaming": False, "kinds": [], "care": True}, "I'm scared of the dishes.", CARE),
    # Whatever the blame reading missed, a line that isn't an I statement is not accepted.
    ({**KIND_WORDS, "i_statement": False}, "You nevr zorp help with the dishes", OWN_SIDE),
    ({**KIND_WORDS, "i_statement": False}, "I feel you never help with the dishes.", OWN_SIDE),
    ({**BLAMING, "i_statement": False}, "I feel you never help with the dishes.", BLAME),  # blame is named first
])
def test_a_rewrite_is_accepted_only_without_blame_and_on_topic(fresh, coach, text, reason):
    state = act(act(fresh, ANA, "advance")[0], BEN, "advance")[0]
    state, _ = act(state, ANA, "rewrite", text=text, coach=coach)
    assert rh.view(state, ANA)["my_tries"][0]["reason"] == reason and not rh.paraphrase_target(state)
    assert "rewrite" in rh.allowed_actions(state, ANA)  # they may try again


def test_an_i_statement_on_the_topic_is_accepted_with_a_kind_word_for_the_other_tries(fresh):
    state = act(act(fresh, ANA, "advance")[0], BEN, "advance")[0]
    state, events = act(state, ANA, "rewrite", text="You nevr zorp help with the dishes",
                        coach={**KIND_WORDS, "i_statement": False})
    assert events[0].name == "drafted"
    why = rh.view(state, ANA)["my_tries"][0]["why"]
    assert why == "Try saying it from your side: how you feel, and what you'd like."
    state, events = act(state, ANA, "rewrite", text=ROBIN_SAYS, coach={**KIND_WORDS, "i_statement": True})
    assert events[0].name == "rewritten" and rh.paraphrase_target(state) == ROBIN_SAYS


@pytest.mark.parametrize("coach, reason", [
    (KIND_WORDS, ""),  # logged before the I statement reading: judged as it was then
    ({**KIND_WORDS, "i_statement": True}, ""),
    ({**KIND_WORDS, "i_statement": False}, OWN_SIDE),
    ({**KIND_WORDS, "care": True, "i_statement": False}, CARE),
])
def test_judge_reads_the_i_statement_verdict_and_an_old_coach_replays_as_before(coach, reason):
    assert judge("You nevr zorp help with the dishes", coach, ("dish",)) == reason


def test_an_answer_back_is_held_back_and_changes_nothing(fresh):
    state = act(act(fresh, ANA, "advance")[0], BEN, "advance")[0]
    state, _ = act(state, ANA, "rewrite", text=ROBIN_SAYS, coach=KIND_WORDS)
    with pytest.raises(IllegalMove) as error:
        act(state, BEN, "paraphrase", text="I hear you, but I cooked.",
            listening={"rebuttal": True, "rebuttal_text": "but"})
    assert error.value.code == "held_back" and "“but”" in str(error.value)


def test_ending_early_keeps_what_was_said_and_shows_what_was_rewritten(fresh):
    state = act(act(fresh, ANA, "advance")[0], BEN, "advance")[0]
    state, _ = act(state, ANA, "rewrite", text=ROBIN_SAYS, coach=KIND_WORDS)
    state, _ = act(state, BEN, "end")
    assert state.step is rh.Step.ENDED and state.ended_by == BEN
    assert rh.view(state, ANA)["summary"][0]["rewrite"] == ROBIN_SAYS


def test_a_pause_stops_the_scene_until_both_are_back(fresh):
    state, _ = act(fresh, BEN, "pause", minutes=20)
    with pytest.raises(IllegalMove, match="taking a pause"):
        act(state, ANA, "advance")
    state, _ = act(state, ANA, "resume")
    state, _ = act(state, BEN, "resume")
    assert act(state, ANA, "advance")[0].line == 1


def test_a_scene_that_opens_with_a_rewrite_starts_there():
    data = library()["late-no-text"].to_dict()
    data["lines"] = data["lines"][1:] + data["lines"][:1]
    state = rh.start((ANA, BEN), scene=data)
    assert state.step is rh.Step.REWRITE and rh.player(state, "jordan") == ANA  # roles in order by default


@pytest.mark.parametrize("options, code", [
    ({}, "bad_scene"),
    ({"scene": {"title": "x"}}, "bad_scene"),
    ({"scene": "dishes"}, "bad_scene"),
    ({"cast": {"robin": ANA, "sam": ANA}}, "bad_cast"),
    ({"cast": {"robin": ANA, "lee": BEN}}, "bad_cast"),
])
def test_a_rehearsal_needs_a_good_scene_and_a_role_each(options, code):
    options = {"scene": library()["dishes"].to_dict(), **options} if "scene" not in options and options else options
    with pytest.raises(IllegalMove) as error:
        rh.start((ANA, BEN), **options)
    assert error.value.code == code


def at_rewrite(state):
    return act(act(state, ANA, "advance")[0], BEN, "advance")[0]


def accepted(state):
    return act(at_rewrite(state), ANA, "rewrite", text=ROBIN_SAYS, coach=KIND_WORDS)[0]


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", [
    (lambda s: s, BEN, "advance", {}, "not_your_turn", "for the speaker"),
    (lambda s: s, "99", "end", {}, "not_your_turn", "Only the two of you"),
    (lambda s: s, ANA, "rewrite", {"text": "hi", "coach": KIND_WORDS}, "wrong_step", "another step"),
    (lambda s: s, ANA, "swap", {}, "wrong_step", "another step"),
    (lambda s: s, ANA, "dance", {}, "unknown_action", "knows how to do"),
    (at_rewrite, BEN, "rewrite", {"text": "hi", "coach": KIND_WORDS}, "not_your_turn", "for the speaker"),
    (at_rewrite, ANA, "rewrite", {"text": "  ", "coach": KIND_WORDS}, "empty_text", "Please write your I statement"),
    (at_rewrite, ANA, "rewrite", {"coach": KIND_WORDS}, "empty_text", "Please write your I statement"),
    (at_rewrite, ANA, "rewrite", {"text": "x" * 401, "coach": KIND_WORDS}, "too_long", "under 400 characters"),
    (at_rewrite, ANA, "rewrite", {"text": "I feel"}, "not_checked", "send it again"),
    (at_rewrite, ANA, "advance", {}, "wrong_step", "another step"),
    (at_rewrite, BEN, "paraphrase", {"text": "You feel tired."}, "not_now", "still finding their words"),
    (lambda s: act(at_rewrite(s), ANA, "show_example")[0], ANA, "show_example", {}, "not_now", "already showing"),
    (accepted, ANA, "rewrite", {"text": "again", "coach": KIND_WORDS}, "not_now", "your partner says what"),
    (accepted, ANA, "paraphrase", {"text": "me"}, "not_your_turn", "for the listener"),
    (accepted, BEN, "paraphrase", {"text": ""}, "empty_text", "Please write what you heard"),
    (accepted, BEN, "show_example", {}, "not_your_turn", "for the speaker"),
])
def test_illegal_moves_are_refused_kindly_and_change_nothing(fresh, setup, who, name, fields, code, sentence):
    state = setup(fresh)
    with pytest.raises(IllegalMove) as error:
        act(state, who, name, **fields)
    assert error.value.code == code and sentence in str(error.value)


def test_nothing_moves_after_the_end(fresh):
    state, _ = act(fresh, ANA, "end")
    assert rh.allowed_actions(state, ANA) == [] and rh.allowed_actions(state, BEN) == []
    with pytest.raises(IllegalMove, match="another step"):
        act(state, ANA, "advance")


def test_state_is_the_fold_of_the_log(fresh):
    log = [(ANA, Action("advance", {}, "t1")), (BEN, Action("advance", {}, "t2")),
           (ANA, Action("rewrite", {"text": "You never", "coach": BLAMING}, "t3")),
           (ANA, Action("rewrite", {"text": ROBIN_SAYS, "coach": KIND_WORDS}, "t4"))]
    state = fresh
    for who, action in log:
        state, _ = rh.apply(state, who, action)
    again = fresh
    for who, action in log:
        again, _ = rh.apply(again, who, action)
    assert again == state and rh.view(again, BEN) == rh.view(state, BEN)
