"""A boundary talk, read as a session between Ana and Ben."""

from __future__ import annotations

import pytest

from exercises import Action, IllegalMove
from exercises.boundary import agreement_diff, talk

ANA, BEN = "1", "2"
DINNER = {"need": "No phones at dinner", "why": "I feel close to you when we talk while we eat.",
          "consequence": "I'll put my phone in the drawer and ask once, gently."}


def act(state, who, name, at="2026-11-24T20:00:00Z", **fields):
    return talk.apply(state, who, Action(name, fields, at))


@pytest.fixture
def fresh():
    return talk.start((ANA, BEN), "2026-11-24T19:59:00Z")


@pytest.fixture
def proposed(fresh):
    return act(fresh, ANA, "propose", **DINNER)[0]


def names(events):
    return [e.name for e in events]


def test_a_proposal_amended_once_then_accepted(fresh):
    state, events = act(fresh, ANA, "propose", **DINNER, review_every_weeks="4")
    assert names(events) == ["proposed", "step_changed"]
    assert state.proposer == ANA and state.accepted_by == (ANA,)  # proposing counts as Ana's yes
    assert talk.allowed_actions(state, ANA) == ["amend", "end", "pause"]
    assert talk.allowed_actions(state, BEN) == ["accept", "amend", "ask", "not_now", "end", "pause"]
    assert talk.view(state, ANA)["waiting_for"] == "partner"

    state, events = act(state, BEN, "ask", text="Does that include weekend breakfasts?")
    assert talk.allowed_actions(state, ANA) == ["amend", "answer", "end", "pause"]
    state, _ = act(state, ANA, "answer", text="Just dinners, on any day.")
    assert talk.view(state, BEN)["questions"][0]["answer"] == "Just dinners, on any day."

    state, events = act(state, BEN, "amend", need="No phones at dinner, unless one of us is on call")
    assert names(events) == ["amended"] and events[0].data["voided"] == [ANA]
    assert state.accepted_by == (BEN,)
    seen = talk.view(state, ANA)
    assert seen["current"]["number"] == 2 and seen["current"]["why"] == DINNER["why"]  # carried over
    assert seen["current"]["changes"] == {"need": [["same", "No phones at dinner"],
                                                   ["added", ", unless one of us is on call"]]}

    state, events = act(state, ANA, "accept", version=2, at="2026-11-24T20:10:00Z")
    assert names(events) == ["accepted", "agreed", "step_changed"]
    assert state.step is talk.Step.AGREED and talk.is_finished(state)
    assert state.accepted_by == (BEN, ANA) and state.agreed_at == "2026-11-24T20:10:00Z"
    assert talk.view(state, BEN)["agreed"] and talk.allowed_actions(state, BEN) == []
    assert talk.open_proposal(state) is None


def test_any_edit_voids_earlier_acceptances_and_the_talk_goes_back_and_forth(proposed):
    state, _ = act(proposed, BEN, "amend", consequence="")
    assert state.versions[-1].wording.consequence is None
    state, events = act(state, ANA, "amend", review_every_weeks=2)
    assert events[0].data["voided"] == [BEN] and state.accepted_by == (ANA,)
    assert talk.view(state, BEN)["current"]["changes"] == {"review_every_weeks": [
        ["same", "every "], ["removed", "4"], ["added", "2"], ["same", " weeks"]]}
    state, _ = act(state, BEN, "accept", version=3)
    assert state.step is talk.Step.AGREED and state.versions[-1].wording.review_every_weeks == 2


def test_not_now_leaves_the_proposal_open_for_both(proposed):
    state, events = act(proposed, BEN, "not_now")
    assert names(events) == ["not_now"] and state.step is talk.Step.NEGOTIATING
    assert talk.view(state, ANA)["not_now"] == {"by": BEN, "version": 1, "at": "2026-11-24T20:00:00Z"}
    assert "not_now" not in talk.allowed_actions(state, BEN)
    state, _ = act(state, BEN, "accept", version=1)  # later, ready after all
    assert state.step is talk.Step.AGREED


def test_a_stale_acceptance_is_refused_kindly(proposed):
    amended, _ = act(proposed, ANA, "amend", why="I feel lonely when the screens come out at dinner.")
    with pytest.raises(IllegalMove) as caught:
        act(amended, BEN, "accept", version=1)
    assert caught.value.code == "stale_version"
    assert "changed since you read it" in str(caught.value) and "proposal 2" in str(caught.value)


@pytest.mark.parametrize("first_ana", [True, False])
def test_both_accepting_different_versions_at_the_same_instant_yields_one_agreement(proposed, first_ana):
    # Ben wrote version 2; Ana accepts it while Ben, on a page still showing version 1, accepts that.
    state, _ = act(proposed, BEN, "amend", need="No phones at weeknight dinners")
    ana, ben = (ANA, Action("accept", {"version": 2}, "t")), (BEN, Action("accept", {"version": 1}, "t"))
    first, second = (ana, ben) if first_ana else (ben, ana)
    try:
        state, _ = talk.apply(state, *first)
    except IllegalMove as refused:
        assert refused.code == "stale_version"
    if talk.is_finished(state):
        with pytest.raises(IllegalMove) as late:  # the store answers "finished" before the machine is asked
            talk.apply(state, *second)
        assert late.value.code == "wrong_step"
    else:
        state, _ = talk.apply(state, *second)
    assert state.step is talk.Step.AGREED and state.versions[-1].number == 2 and state.accepted_by == (BEN, ANA)


def test_ending_keeps_the_open_proposal_for_next_time(proposed):
    state, events = act(proposed, BEN, "end")
    assert state.step is talk.Step.ENDED and state.ended_by == BEN
    assert talk.open_proposal(state).need == DINNER["need"]
    later = talk.start((ANA, BEN), seed={**talk.open_proposal(state).to_dict(), "picked_up_from": 7})
    assert talk.view(later, BEN)["seed"]["picked_up_from"] == 7
    assert talk.open_proposal(talk.start((ANA, BEN))) is None


def test_a_revision_is_seeded_with_the_current_text_and_diffs_against_it():
    state = talk.start((ANA, BEN), agreement_id=5, seed={**DINNER, "review_every_weeks": 4, "agreement_version": 1})
    assert talk.view(state, ANA)["seed"]["need"] == DINNER["need"] and state.agreement_id == 5
    state, _ = act(state, BEN, "propose", **{**DINNER, "need": "No phones at dinner or in bed"})
    assert talk.view(state, ANA)["current"]["changes"]["need"] == [["same", "No phones at dinner"],
                                                                  ["added", " or in bed"]]


def test_the_coachs_flag_on_the_why_is_seen_by_its_author_only(fresh):
    state, events = act(fresh, ANA, "propose", **{**DINNER, "why": "You never look at me."},
                        coach={"blaming": True, "kinds": ["absolute"], "care": False})
    assert talk.view(state, ANA)["current"]["why_flagged"] is True
    assert "why_flagged" not in talk.view(state, BEN)["current"]
    assert all("coach" not in e.data for e in events)


def test_pausing_holds_everything_until_both_are_back(proposed):
    state, _ = act(proposed, BEN, "pause", minutes=20)
    with pytest.raises(IllegalMove) as caught:
        act(state, BEN, "accept", version=1)
    assert caught.value.code == "paused"
    state, _ = act(state, ANA, "resume")
    state, _ = act(state, BEN, "resume")
    assert act(state, BEN, "accept", version=1)[0].step is talk.Step.AGREED


def _asked(state):
    return act(state, BEN, "ask", text="Which meals?")[0]


@pytest.mark.parametrize("setup, who, name, fields, code, sentence", [
    (lambda s: s, ANA, "propose", {"why": "I like it."}, "empty_text", "what you need"),
    (lambda s: s, ANA, "propose", {**DINNER, "need": "  "}, "empty_text", "what you need"),
    (lambda s: s, ANA, "propose", {**DINNER, "why": ""}, "empty_text", "why it matters"),
    (lambda s: s, ANA, "propose", {**DINNER, "need": "x" * 201}, "too_long", "under 200"),
    (lambda s: s, ANA, "propose", {**DINNER, "why": "x" * 1001}, "too_long", "under 1,000"),
    (lambda s: s, ANA, "propose", {**DINNER, "consequence": "I" + " x" * 300}, "too_long", "under 500"),
    (lambda s: s, ANA, "propose", {**DINNER, "consequence": "You sleep on the sofa."}, "not_my_action",
     "your own action"),
    (lambda s: s, ANA, "propose", {**DINNER, "review_every_weeks": 0}, "bad_weeks", "1 to 52"),
    (lambda s: s, ANA, "propose", {**DINNER, "review_every_weeks": "soon"}, "bad_weeks", "1 to 52"),
    (lambda s: s, ANA, "accept", {"version": 1}, "wrong_step", "another step"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "propose", DINNER, "wrong_step", "another step"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], ANA, "accept", {"version": 1}, "own_proposal",
     "already has your yes"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "accept", {}, "bad_version", "which proposal"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "accept", {"version": 2}, "stale_version", "proposal 1"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "amend", DINNER, "no_change", "same as the proposal"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "amend", {"need": ""}, "empty_text", "what you need"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], ANA, "ask", {"text": "?"}, "not_now", "You wrote this"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], ANA, "not_now", {}, "not_now", "You wrote this"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "ask", {"text": " "}, "empty_text", "your question"),
    (lambda s: act(s, ANA, "propose", **DINNER)[0], BEN, "answer", {"text": "x"}, "not_now", "no question"),
    (lambda s: _asked(act(s, ANA, "propose", **DINNER)[0]), BEN, "ask", {"text": "And?"}, "not_now",
     "waiting for an answer"),
    (lambda s: _asked(act(s, ANA, "propose", **DINNER)[0]), ANA, "answer", {"text": ""}, "empty_text",
     "your answer"),
    (lambda s: act(act(s, ANA, "propose", **DINNER)[0], BEN, "not_now")[0], BEN, "not_now", {}, "not_now",
     "stays open"),
    (lambda s: s, "99", "propose", DINNER, "not_your_turn", "Only the two of you"),
    (lambda s: s, ANA, "shout", {}, "unknown_action", "knows how to do"),
    (lambda s: act(s, ANA, "end")[0], BEN, "propose", DINNER, "wrong_step", "another step"),
    (lambda s: act(act(s, ANA, "propose", **DINNER)[0], BEN, "accept", version=1)[0], ANA, "amend",
     {"need": "More"}, "wrong_step", "another step"),
])
def test_illegal_moves_change_nothing(fresh, setup, who, name, fields, code, sentence):
    state = setup(fresh)
    with pytest.raises(IllegalMove) as caught:
        talk.apply(state, who, Action(name, fields, "t"))
    assert caught.value.code == code
    assert sentence in str(caught.value)


def test_a_talk_needs_two_partners_and_a_sound_seed():
    with pytest.raises(IllegalMove):
        talk.start((ANA, ANA))
    with pytest.raises(IllegalMove):
        talk.start((ANA, BEN), seed={"need": "", "why": "x"})


def test_word_differences_join_back_to_both_wordings():
    old, new = "No phones at dinner", "No phones at weeknight dinners, please"
    pairs = agreement_diff.word_diff(old, new)
    assert agreement_diff.old_text(pairs) == old and agreement_diff.new_text(pairs) == new
    assert ["removed", "dinner"] in pairs and agreement_diff.version_changes(None, DINNER) == {}
