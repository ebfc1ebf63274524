"""A boundary talk says one thing one way: proposals are numbered in the talk, the accepted one is a version of
the agreement, and the need stays whose it is whoever words it. Ana and Ben, read as sessions."""

from __future__ import annotations

import pytest

from exercises import Action
from exercises.boundary import talk

ANA, BEN = "1", "2"
DINNER = {"need": "No phones at dinner", "why": "I feel close to you when we talk while we eat."}


def act(state, who, name, **fields):
    return talk.apply(state, who, Action(name, fields, "2026-11-24T20:00:00Z"))


def test_a_new_talk_accepts_proposal_2_as_version_1_of_the_agreement():
    state = talk.start((ANA, BEN))
    assert talk.view(state, BEN)["becomes_version"] == 1 and talk.view(state, BEN)["needed_by"] is None
    state, _ = act(state, ANA, "propose", **DINNER)
    state, _ = act(state, BEN, "amend", need="No phones at weeknight dinners")
    seen = talk.view(state, ANA)
    # Ben worded proposal 2, but the need is still Ana's.
    assert (seen["current"]["number"], seen["current"]["author"], seen["needed_by"]) == (2, BEN, ANA)
    assert seen["becomes_version"] == 1
    state, events = act(state, ANA, "accept", version=2)
    accepted, agreed = events[0], events[1]
    assert (accepted.name, accepted.data) == ("accepted", {"version": 2})
    assert (agreed.name, agreed.data) == ("agreed", {"version": 2, "agreement_version": 1})


def test_a_revision_of_version_2_becomes_version_3_and_stays_the_proposers_need():
    seed = {**DINNER, "review_every_weeks": 4, "agreement_version": 2, "needed_by": ANA}
    state = talk.start((ANA, BEN), agreement_id=5, seed=seed)
    assert talk.view(state, BEN)["becomes_version"] == 3 and talk.view(state, BEN)["needed_by"] == ANA
    # Ben words the revision, even from a blank page: it is still Ana's need, and this agreement.
    state, _ = act(state, BEN, "propose", **{**DINNER, "need": "No phones at dinner or in bed"}, **{"from": "blank"})
    assert talk.view(state, ANA)["needed_by"] == ANA and talk.view(state, ANA)["current"]["author"] == BEN
    state, events = act(state, ANA, "accept", version=1)
    assert events[1].data == {"version": 1, "agreement_version": 3}


@pytest.mark.parametrize("start_from, whose", [(None, ANA), ("seed", ANA), ("blank", BEN)])
def test_a_proposal_picked_up_stays_its_owners_unless_started_afresh(start_from, whose):
    seed = {**DINNER, "picked_up_from": 7, "needed_by": ANA}
    state = talk.start((ANA, BEN), seed=seed)
    fields = {**DINNER, **({"from": start_from} if start_from else {})}
    state, _ = act(state, BEN, "propose", **fields)
    assert talk.view(state, ANA)["needed_by"] == whose and talk.view(state, ANA)["becomes_version"] == 1


def test_a_revision_that_does_not_say_which_version_it_revises_promises_no_number():
    state = talk.start((ANA, BEN), agreement_id=5, seed={**DINNER})
    assert talk.view(state, ANA)["becomes_version"] is None
    state, _ = act(state, ANA, "propose", **DINNER)
    state, events = act(state, BEN, "accept", version=1)
    assert events[1].data == {"version": 1}  # the agreement pages alone say which version it became
