"""A boundary talk: one partner names what they need, and together they shape it into an agreement.

The script, as a couple lives it:
  1. A partner proposes: what they need, why it matters to them (an I statement), optionally what they
     will do themselves if it is crossed, and how often to review it (every 4 weeks unless they say).
     That is proposal 1, and the need is theirs (in a revision, or a proposal picked up, the need stays
     whose it was, unless they start from a blank page on a proposal picked up: `need_owner`).
  2. The partner who didn't word the proposal on the table may ask a clarifying question (its author
     answers), say "not now" (the proposal stays open, visible to both), or accept it.
     Either partner may amend: an edited copy of any field becomes the next proposal (2, 3, ...), still
     about the same need, now worded by whoever amended it.
  3. Proposing or amending counts as its author's acceptance (you don't offer words you wouldn't keep),
     so accepting your own proposal is refused, and any edit voids earlier acceptances. Acceptance names
     the proposal it accepts; one that has since changed is refused as stale. When the other partner
     accepts the proposal on the table, both have accepted the same words: agreed, and those words become
     version `becomes_version` of the agreement (the number the agreement pages show).
Either partner may pause or end without agreement. A live talk stays open in the room until it is
ended; one ended with a proposal still open is picked up by the next talk (see `open_proposal`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from exercises.boundary import agreement_diff
from exercises.boundary.talk_state import (BoundaryState, NotNow, Question, Step, Version, Wording, author_of,
                                           becomes_version, check_version, need_owner, open_question, partner_of,
                                           seed_from, wording_from)
from exercises.engine import EITHER, Action, Event, IllegalMove, Machine, Transition, all_of, clean_text, two_partners
from exercises.fields import NONE, Choice, Fields, Text, Whole

KIND = "boundary"
TITLE = "Boundary talk"
BLURB = "Name something you need, and shape it together into an agreement you both accept."
QUESTION_MAX = 500
MAX_VERSIONS = 40
MAX_QUESTIONS = 40
ANALYZED = {"propose": "why", "amend": "why", "ask": "text", "answer": "text"}  # the why is coached
STARTS = ("seed", "blank")  # what a first proposal was written from: the seed's words, or a blank page
FIELDS: dict[str, Fields] = {  # an amendment sends only what it changes; null clears a consequence, or keeps the weeks
    "propose": {"need": Text(), "why": Text(), "consequence": Text(required=False),
                "review_every_weeks": Whole(required=False), "from": Choice(STARTS, required=False)},
    "amend": {"need": Text(required=False), "why": Text(required=False), "consequence": Text(required=False),
              "review_every_weeks": Whole(required=False)},
    "ask": {"text": Text()}, "answer": {"text": Text()}, "not_now": NONE, "accept": {"version": Whole(low=1)},
    "end": NONE,
}


def start(partners: tuple[str, str], at: str = "", agreement_id: int | None = None,
          seed: dict[str, Any] | None = None) -> BoundaryState:
    """A new talk; `seed` pre-fills it (an agreement being revised, or a proposal picked up)."""
    partners = two_partners(partners, "A boundary talk needs both partners.")
    if agreement_id is not None and (isinstance(agreement_id, bool) or not isinstance(agreement_id, int)):
        raise IllegalMove("We couldn't find that agreement.", "not_found")
    return BoundaryState(step=Step.PROPOSING, partners=partners,
                         agreement_id=agreement_id, seed=seed_from(seed))


# Guards: (state, actor) -> refusal sentence or None.
def _not_the_author(state: BoundaryState, actor: str) -> str | None:
    return "You wrote this proposal; it's your partner's turn to respond." if author_of(state) == actor else None


def _no_question_waiting_from(state: BoundaryState, actor: str) -> str | None:
    question = open_question(state)
    if question is not None and question.asker == actor:
        return "Your question is waiting for an answer."
    if len(state.questions) >= MAX_QUESTIONS:
        return "That's a lot of questions for one talk. Maybe take a pause and come back to it."
    return None


def _asked_of(state: BoundaryState, actor: str) -> str | None:
    question = open_question(state)
    return None if question is not None and question.to == actor else "There's no question waiting for you."


def _not_said_not_now(state: BoundaryState, actor: str) -> str | None:
    said = state.not_now
    if said is not None and said.by == actor and said.version == state.versions[-1].number:
        return "You've said not now. It stays open for whenever you're ready."
    return None


def _room_for_another_version(state: BoundaryState, actor: str) -> str | None:
    if len(state.versions) >= MAX_VERSIONS:
        return "That's many proposals for one talk. Maybe pause, or end and start fresh another day."
    return None


def _roles(state: BoundaryState, actor: str) -> frozenset[str]:
    return frozenset({EITHER}) if actor in state.partners else frozenset()


# Effects: check the input, return the new state and what happened.
def _new_version(state: BoundaryState, actor: str, action: Action, wording: Wording) -> Version:
    coach = action.get("coach")
    flagged = isinstance(coach, dict) and bool(coach.get("blaming"))
    return Version(number=len(state.versions) + 1, author=actor, wording=wording, at=action.at, why_flagged=flagged)


def _whose_need(state: BoundaryState, actor: str, action: Action) -> str:
    """The seed's owner keeps their need, unless the proposer starts afresh on a proposal picked up (a
    revision is always about its agreement, whose proposer stays the same)."""
    seeded = need_owner(state)
    if seeded is None or (action.get("from") == "blank" and state.agreement_id is None):
        return actor
    return seeded


def _propose(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    version = _new_version(state, actor, action, wording_from(action, None))
    new = replace(state, versions=(version,), accepted_by=(actor,), proposer=actor,
                  needed_by=_whose_need(state, actor, action))
    return new, [Event("proposed", actor, {"number": 1, **version.wording.to_dict()})]


def _amend(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    current = state.versions[-1]
    wording = wording_from(action, current.wording)
    if wording == current.wording:
        raise IllegalMove("That's the same as the proposal on the table. Change a word or two, or accept it.",
                          "no_change")
    version = _new_version(state, actor, action, wording)
    voided = [who for who in state.accepted_by if who != actor]
    new = replace(state, versions=(*state.versions, version), accepted_by=(actor,), not_now=None)
    return new, [Event("amended", actor, {"number": version.number, **wording.to_dict(), "voided": voided})]


def _ask(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    text = clean_text(action, max_chars=QUESTION_MAX, label="your question")
    question = Question(asker=actor, to=author_of(state) or "", text=text, at=action.at)  # talking: an author
    return replace(state, questions=(*state.questions, question)), [Event("asked", actor, {"text": text})]


def _answer(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    text = clean_text(action, max_chars=QUESTION_MAX, label="your answer")
    waiting = open_question(state)
    questions = tuple(replace(q, answer=text, answered_at=action.at) if q is waiting else q for q in state.questions)
    return replace(state, questions=questions), [Event("answered", actor, {"text": text})]


def _not_now(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    number = state.versions[-1].number
    return replace(state, not_now=NotNow(by=actor, version=number, at=action.at)), [
        Event("not_now", actor, {"version": number})]


def _accept(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    number = check_version(state, action)
    if actor in state.accepted_by:
        raise IllegalMove("You wrote this proposal, so it already has your yes. "
                          "It's your partner's turn to accept it or suggest a change.", "own_proposal")
    new = replace(state, accepted_by=(*state.accepted_by, actor), agreed_at=action.at, not_now=None)
    agreed: dict[str, Any] = {"version": number}
    becomes = becomes_version(state)
    if becomes is not None:
        agreed["agreement_version"] = becomes  # what the agreement pages will call these words
    return new, [Event("accepted", actor, {"version": number}), Event("agreed", actor, agreed)]


def _end(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    return replace(state, ended_by=actor), [Event("ended", actor)]


_TALKING = Step.NEGOTIATING
MACHINE: Machine[BoundaryState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.PROPOSING,
    ends=(Step.AGREED, Step.ENDED),
    table=(
        Transition("propose", Step.PROPOSING, _TALKING, EITHER),
        Transition("accept", _TALKING, Step.AGREED, EITHER),
        Transition("amend", _TALKING, _TALKING, EITHER, _room_for_another_version),
        Transition("ask", _TALKING, _TALKING, EITHER, all_of(_not_the_author, _no_question_waiting_from)),
        Transition("answer", _TALKING, _TALKING, EITHER, _asked_of),
        Transition("not_now", _TALKING, _TALKING, EITHER, all_of(_not_the_author, _not_said_not_now)),
        Transition("end", Step.PROPOSING, Step.ENDED, EITHER),
        Transition("end", _TALKING, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"propose": _propose, "amend": _amend, "ask": _ask, "answer": _answer, "not_now": _not_now,
             "accept": _accept, "end": _end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: BoundaryState, actor: str, action: Action) -> tuple[BoundaryState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    return MACHINE.run(state, actor, action)


def allowed_actions(state: BoundaryState, who: str) -> list[str]:
    """What `who` may do now (accepting is for the partner who hasn't accepted the proposal on the table)."""
    allowed = MACHINE.allowed_actions(state, who)
    return [name for name in allowed if name != "accept" or who not in state.accepted_by]


def is_finished(state: BoundaryState) -> bool:
    """Whether the talk has reached an end (agreed, or ended without agreement)."""
    return state.step in MACHINE.ends


def open_proposal(state: BoundaryState) -> Wording | None:
    """What a talk ended without agreement leaves open: its last version, or the seed it was given."""
    if state.step is Step.AGREED:
        return None
    return state.versions[-1].wording if state.versions else (state.seed.wording if state.seed else None)


def view(state: BoundaryState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees: every proposal with its changes, the questions, who has accepted what, whose need
    it is (`needed_by`, None until known) and the agreement version agreeing makes (`becomes_version`)."""
    question = open_question(state)
    return {
        "kind": KIND,
        "step": state.step.value,
        "finished": is_finished(state),
        "agreed": state.step is Step.AGREED,
        "ended_by": state.ended_by,
        "proposer": state.proposer,
        "needed_by": need_owner(state),
        "becomes_version": becomes_version(state),
        "agreement_id": state.agreement_id,
        "seed": state.seed.to_view() if state.seed else None,
        "current": _version_view(state, len(state.versions) - 1, viewer) if state.versions else None,
        "versions": [_version_view(state, i, viewer) for i in range(len(state.versions))],
        "accepted_by": list(state.accepted_by),
        "questions": [q.to_view() for q in state.questions],
        "open_question": question.to_view() if question else None,
        "not_now": state.not_now.to_view() if state.not_now else None,
        "agreed_at": state.agreed_at,
        "allowed": allowed_actions(state, viewer),
        "waiting_for": _waiting_for(state, viewer),
        "pause": state.pause.to_view(viewer) if state.pause else None,
    }


def _version_view(state: BoundaryState, index: int, viewer: str) -> dict[str, Any]:
    version = state.versions[index]
    before = state.versions[index - 1].wording if index else (state.seed.wording if state.seed else None)
    shown = {"number": version.number, "author": version.author, "at": version.at, **version.wording.to_dict(),
             "changes": agreement_diff.version_changes(before.to_dict() if before else None,
                                                       version.wording.to_dict())}
    if viewer == version.author:  # the coach's note is for its author only
        shown["why_flagged"] = version.why_flagged
    return shown


def _waiting_for(state: BoundaryState, viewer: str) -> str | None:
    """'partner' when the viewer wrote the current version and nothing is asked of them."""
    if state.step is not Step.NEGOTIATING or state.pause:
        return None
    question = open_question(state)
    if author_of(state) == viewer and (question is None or question.to != viewer):
        return "partner"
    return None


__all__ = ["KIND", "TITLE", "BLURB", "FIELDS", "MACHINE", "Step", "BoundaryState", "Wording", "start", "apply",
           "allowed_actions", "is_finished", "open_proposal", "view", "partner_of", "need_owner", "becomes_version"]
