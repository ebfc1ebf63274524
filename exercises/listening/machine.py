"""Active-listening turns: one partner holds the floor and speaks, the other reflects what they heard.

The script, as a couple lives it:
  1. Together they pick a topic and who holds the floor first (skipped when `start` is given both). If
     both send one, the first sent holds; the other is refused with `chosen_first`, and the view's
     `topic_by` lets their page say whose topic it is and give them their own words back.
  2. The speaker says one short thing about their own experience.
  3. The listener reflects it ("What I hear is..."). A reflection that argues back or brings a new
     complaint is held back kindly: that belongs to the listener's own turn.
  4. The speaker answers "That's it" (confirm) or "Not quite" with a clarification (clarify); after
     a clarification the listener reflects again.
  5. After an accurate reflection the listener may validate ("That makes sense, because..."), and the
     speaker says more (speak) or passes the floor (pass_floor): the roles swap.
  6. Either partner may finish at a resting point ("We're done for now") and both see the summary.
Either partner may pause (both come back together) or end early (which ends the pause too); nothing said
is lost.

Embedding (the weekly check-in holds a ListeningState inside its own state): call
`start(partners, at, topic=..., first_speaker=...)` to skip the choosing step, route actions to
`apply`, show `allowed_actions`/`view`, and when `is_finished(state)` read `summary(state)`.
Everything here is pure: time comes in `action.at`; language analysis comes in as the
server-written fields `coach` (ANALYZED) and `listening` (PARAPHRASED, against `paraphrase_target`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from exercises.engine import (ANY, EITHER, SAME, Action, Event, IllegalMove, Machine, Transition, clean_text,
                              two_partners)
from exercises.fields import NONE, Fields, PartnerId, Text
from exercises.listening.state import (LISTENER, MAX_CLARIFICATION, MAX_PARAPHRASE, MAX_STATEMENT, MAX_TOPIC,
                                       MAX_VALIDATION, SPEAKER, ListeningState, Reflection, Statement, Step, Turn,
                                       current_statement, held_back, listener_of, paraphrase_target, partner_of)
from exercises.listening.view import summary, view_of

KIND = "listening"
TITLE = "Listening turns"
BLURB = "One of you speaks, the other reflects what they heard, until it feels heard. Then you swap."
ANALYZED = {"choose": "topic", "speak": "text", "clarify": "text", "validate": "text"}  # blame coach + care note
PARAPHRASED = {"paraphrase": "text"}  # the server adds fields["listening"] against paraphrase_target(state)
FIELDS: dict[str, Fields] = {  # choose: the topic and first speaker may be preset by start()
    "choose": {"topic": Text(required=False), "first_speaker": PartnerId(required=False)},
    "speak": {"text": Text()}, "paraphrase": {"text": Text()}, "confirm": NONE, "clarify": {"text": Text()},
    "validate": {"text": Text()}, "pass_floor": NONE, "finish": NONE, "end": NONE,
}

__all__ = ["ANALYZED", "BLURB", "FIELDS", "KIND", "LISTENER", "ListeningState", "MACHINE", "MAX_CLARIFICATION",
           "MAX_PARAPHRASE", "MAX_STATEMENT", "MAX_TOPIC", "MAX_VALIDATION", "PARAPHRASED", "SPEAKER", "Step",
           "TITLE", "allowed_actions", "apply", "current_statement", "held_back", "is_finished", "listener_of",
           "paraphrase_target", "start", "summary", "view"]


def start(partners: tuple[str, str], at: str = "", topic: str | None = None,
          first_speaker: str | None = None) -> ListeningState:
    """A new session; given both `topic` and `first_speaker`, the choosing step is skipped."""
    partners = two_partners(partners, "Listening turns need both partners.")
    if first_speaker is not None and str(first_speaker) not in partners:
        raise IllegalMove("The first speaker has to be one of the two of you.", "bad_speaker")
    if topic is not None:
        topic = clean_text(Action("choose", {"topic": topic}), "topic", MAX_TOPIC, "a topic")
    state = ListeningState(step=Step.CHOOSING, partners=partners, topic=topic,
                           speaker=str(first_speaker) if first_speaker is not None else None)
    if topic is not None and first_speaker is not None:
        return replace(state, step=Step.SPEAKING, turns=(Turn(str(first_speaker), at),))
    return state


# Guards: (state, actor) -> refusal sentence or None.
def _not_yet_validated(state: ListeningState, actor: str) -> str | None:
    current = current_statement(state)
    return "You've already said why it makes sense. Thank you." if current and current.validation else None


def _something_was_heard(state: ListeningState, actor: str) -> str | None:
    if not any(s.confirmed for s in state.statements):
        return "Nothing has been heard all the way through yet. You can end here instead if you need to."
    return None


def _roles(state: ListeningState, actor: str) -> frozenset[str]:
    if actor not in state.partners:
        return frozenset()
    if state.speaker is None or state.step is Step.CHOOSING:
        return frozenset({EITHER})
    return frozenset({EITHER, SPEAKER if actor == state.speaker else LISTENER})


# Effects: check the input, return the new state and what happened.
def _choose(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    topic = state.topic or clean_text(action, "topic", MAX_TOPIC, "a topic")
    chosen = action.get("first_speaker", state.speaker)
    speaker = str(chosen) if isinstance(chosen, (str, int)) and not isinstance(chosen, bool) else None
    if speaker not in state.partners:
        raise IllegalMove("Please choose who speaks first.", "bad_speaker")
    new = replace(state, topic=topic, chosen_by=actor, speaker=speaker, turns=(Turn(speaker, action.at),))
    return new, [Event("chosen", actor, {"topic": topic, "first_speaker": speaker})]


def _speak(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    text = clean_text(action, "text", MAX_STATEMENT, "what you'd like to say")
    said = Statement(speaker=actor, text=text, at=action.at, turn=len(state.turns))
    return replace(state, statements=(*state.statements, said)), [Event("spoke", actor, {"text": text})]


def _paraphrase(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    text = clean_text(action, "text", MAX_PARAPHRASE, "what you heard")
    feedback = action.get("listening")
    if isinstance(feedback, dict) and held_back(state, feedback):
        raise IllegalMove("Hold that thought for your own turn. For now, reflect what you heard.",
                          "hold_that_thought")
    overlap = feedback.get("overlap") if isinstance(feedback, dict) else None
    missing = tuple(str(w) for w in feedback.get("missing", ())) if isinstance(feedback, dict) else ()
    reflection = Reflection(text=text, at=action.at, overlap=overlap if isinstance(overlap, (int, float)) else None,
                            missing=missing)
    return _with_current(state, lambda s: replace(s, reflections=(*s.reflections, reflection))), [
        Event("paraphrased", actor, {"text": text})]


def _confirm(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    return _with_current(state, lambda s: replace(s, confirmed=True)), [Event("confirmed", actor)]


def _clarify(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    text = clean_text(action, "text", MAX_CLARIFICATION, "what they missed")
    return _with_current(state, lambda s: replace(s, clarifications=(*s.clarifications, text))), [
        Event("clarified", actor, {"text": text})]


def _validate(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    text = clean_text(action, "text", MAX_VALIDATION, "a few words")
    return _with_current(state, lambda s: replace(s, validation=text)), [Event("validated", actor, {"text": text})]


def _pass_floor(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    to = partner_of(state, actor)
    new = replace(state, speaker=to, turns=(*state.turns, Turn(to, action.at)))
    return new, [Event("floor_passed", actor, {"to": to})]


def _finish(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    return replace(state, finished_by=actor), [Event("finished", actor)]


def _end(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    return replace(state, ended_by=actor), [Event("ended", actor)]


def _with_current(state: ListeningState, change: Any) -> ListeningState:
    return replace(state, statements=(*state.statements[:-1], change(state.statements[-1])))


MACHINE: Machine[ListeningState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.CHOOSING,
    ends=(Step.DONE, Step.ENDED),
    table=(
        Transition("choose", Step.CHOOSING, Step.SPEAKING, EITHER),
        Transition("speak", Step.SPEAKING, Step.PARAPHRASING, SPEAKER),
        Transition("paraphrase", Step.PARAPHRASING, Step.CHECKING, LISTENER),
        Transition("confirm", Step.CHECKING, Step.REFLECTED, SPEAKER),
        Transition("clarify", Step.CHECKING, Step.PARAPHRASING, SPEAKER),
        Transition("validate", Step.REFLECTED, SAME, LISTENER, _not_yet_validated),
        Transition("speak", Step.REFLECTED, Step.PARAPHRASING, SPEAKER),
        Transition("pass_floor", Step.REFLECTED, Step.SPEAKING, SPEAKER),
        Transition("finish", Step.REFLECTED, Step.DONE, EITHER),
        Transition("finish", Step.SPEAKING, Step.DONE, EITHER, _something_was_heard),
        Transition("end", ANY, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"choose": _choose, "speak": _speak, "paraphrase": _paraphrase, "confirm": _confirm,
             "clarify": _clarify, "validate": _validate, "pass_floor": _pass_floor, "finish": _finish,
             "end": _end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: ListeningState, actor: str, action: Action) -> tuple[ListeningState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    try:
        return MACHINE.run(state, actor, action)
    except IllegalMove as error:
        if error.code == "not_your_turn" and actor in state.partners and state.speaker is not None:
            raise IllegalMove(_turn_sentence(state, actor), error.code) from None
        if error.code == "wrong_step" and action.name == "choose" and actor in state.partners and state.topic:
            raise _chosen_already(state, actor) from None
        raise


def _chosen_already(state: ListeningState, actor: str) -> IllegalMove:
    """Two partners sent a topic at once: the first one sent holds; the other's words stay on their page."""
    if state.chosen_by == actor:
        return IllegalMove("You've chosen what to talk about already.", "chosen_first")
    return IllegalMove("Your partner chose the topic a moment before you. What you wrote is kept on your page.",
                       "chosen_first")


def _turn_sentence(state: ListeningState, actor: str) -> str:
    if actor == state.speaker:
        return "You hold the floor right now. This part is for your partner, who is listening."
    return "You're listening right now. Your turn to speak comes when the floor is passed to you."


def allowed_actions(state: ListeningState, who: str) -> list[str]:
    """What `who` may do now."""
    return MACHINE.allowed_actions(state, who)


def is_finished(state: ListeningState) -> bool:
    """Whether the session has reached an end (finished together, or ended early)."""
    return state.step in MACHINE.ends


def view(state: ListeningState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees; the listener's private reflection hint never reaches the speaker."""
    return view_of(state, viewer, allowed_actions(state, viewer), is_finished(state))

