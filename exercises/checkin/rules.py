"""The check-in's rules, step by step: guards (state, actor) -> refusal or None, and effects that check input.

Event data carries only what both partners may know: a rating is never in it (ratings stay hidden
until both have answered, and then each partner's view shows them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from exercises.checkin.nested_listening import close_turns
from exercises.checkin.state import (ANSWERS, Appreciation, Arrival, CheckinState, Closing, Issue, Request, StepBack,
                                     Win, all_by, both_answered, by, open_issue, partner_of, step_before, with_issue)
from exercises.engine import Action, Event, IllegalMove, clean_text

MAX_APPRECIATIONS = 5
MAX_MOOD = 40
MAX_TEXT = 1000
MAX_WHY = 300


# Guards about readiness and each step's part.
def not_ready(state: CheckinState, actor: str) -> str | None:
    return "You're ready. We're waiting for your partner to be ready too." if actor in state.ready else None


def partner_ready(state: CheckinState, actor: str) -> str | None:
    return None if partner_of(state, actor) in state.ready else "waiting for your partner to be ready"


def has_agreements(state: CheckinState, actor: str) -> str | None:
    return None if state.due_agreements else "no agreements are due this week"


def no_agreements(state: CheckinState, actor: str) -> str | None:
    return "some agreements are due this week" if state.due_agreements else None


def with_hard_step(state: CheckinState, actor: str) -> str | None:
    return None if state.hard_step else "this check-in leaves the hard step for another time"


def without_hard_step(state: CheckinState, actor: str) -> str | None:
    return "this check-in has a step for what was hard" if state.hard_step else None


def no_listening(state: CheckinState, actor: str) -> str | None:
    if state.listening is not None:
        return "You're in the middle of listening turns. Finish or end them first."
    return None


def both_arrived(state: CheckinState, actor: str) -> str | None:
    if not by(state.arrivals, actor):
        return "Please share how you're arriving first."
    if not both_answered(state.arrivals, state):
        return "Your partner is still answering. You'll see each other's answers together."
    return None


def appreciations_done(state: CheckinState, actor: str) -> str | None:
    if not by(state.appreciations, actor):
        return "Please share at least one appreciation first."
    if any(not a.acknowledged for a in all_by(state.appreciations, partner_of(state, actor))):
        return "Please receive your partner's appreciations first."
    return None


def win_named(state: CheckinState, actor: str) -> str | None:
    return None if by(state.wins, actor) else "Please name one small win first, however small."


def issues_settled(state: CheckinState, actor: str) -> str | None:
    refusal = no_listening(state, actor)
    if refusal:
        return refusal
    if any(issue.status == "open" for issue in state.issues):
        return "Please talk about or park what was named first."
    return None


def requests_settled(state: CheckinState, actor: str) -> str | None:
    if not by(state.requests, actor):
        return "Please make your request for the week first."
    theirs = by(state.requests, partner_of(state, actor))
    if theirs and theirs.answer is None:
        return "Please answer your partner's request first."
    return None


# Guards of the content actions.
def not_arrived(state: CheckinState, actor: str) -> str | None:
    return "You've shared how you're arriving." if by(state.arrivals, actor) else None


def room_for_appreciation(state: CheckinState, actor: str) -> str | None:
    if len(all_by(state.appreciations, actor)) >= MAX_APPRECIATIONS:
        return "Five appreciations is a generous handful. Thank you."
    return None


def something_to_acknowledge(state: CheckinState, actor: str) -> str | None:
    if any(not a.acknowledged for a in all_by(state.appreciations, partner_of(state, actor))):
        return None
    return "There's nothing new from your partner to receive yet."


def no_win_yet(state: CheckinState, actor: str) -> str | None:
    return "You've named your win. Thank you." if by(state.wins, actor) else None


def no_issue_yet(state: CheckinState, actor: str) -> str | None:
    return "One thing at a time is plenty this week." if by(state.issues, actor) else None


def an_open_issue(state: CheckinState, actor: str) -> str | None:
    return None if any(i.status == "open" for i in state.issues) else "Nothing is waiting to be talked about."


def listening_live(state: CheckinState, actor: str) -> str | None:
    return None if state.listening is not None else "No listening turns are open right now."


def no_request_yet(state: CheckinState, actor: str) -> str | None:
    return "You've made your request for the week." if by(state.requests, actor) else None


def request_to_answer(state: CheckinState, actor: str) -> str | None:
    theirs = by(state.requests, partner_of(state, actor))
    if theirs is None:
        return "Your partner hasn't made their request yet."
    return "You've answered your partner's request." if theirs.answer else None


def not_closed(state: CheckinState, actor: str) -> str | None:
    return "You've shared how connected you feel. Thank you." if by(state.closings, actor) else None


def partner_closed(state: CheckinState, actor: str) -> str | None:
    return None if by(state.closings, partner_of(state, actor)) else "waiting for your partner's answer"


# Effects: check the input, return the new state and what both may be told.
def ready(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    moving_on = partner_of(state, actor) in state.ready
    if moving_on:  # a step back the partner was told of is behind them now
        return replace(state, ready=frozenset(), went_back=None), [Event("ready", actor, {"step": state.step.value})]
    return replace(state, ready=state.ready | {actor}), [Event("ready", actor, {"step": state.step.value})]


def back(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    """Both go back a step; the other partner is told where to (the event and their view say so)."""
    to = step_before(state)
    return replace(state, ready=frozenset(), went_back=StepBack(actor, to)), [
        Event("went_back", actor, {"from": state.step.value, "to": to.value})]


def arrive(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    feeling, connection = rating(action, "feeling"), rating(action, "connection")
    mood = clean_text(action, "mood", MAX_MOOD, "a word for your mood")
    state = replace(state, arrivals=(*state.arrivals, Arrival(actor, feeling, connection, mood, action.at)))
    events = [Event("arrived", actor)]  # no numbers: they stay hidden until both have answered
    if both_answered(state.arrivals, state):
        events.append(Event("arrivals_revealed", actor))
    return state, events


def appreciate(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    text = clean_text(action, "text", MAX_TEXT, "what you appreciate")
    number = len(all_by(state.appreciations, actor)) + 1
    item = Appreciation(actor, number, text, action.at)
    # Something new to receive asks both for a fresh "ready".
    return replace(state, appreciations=(*state.appreciations, item), ready=frozenset()), [
        Event("appreciated", actor, {"number": number, "text": text})]


def acknowledge(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    author = partner_of(state, actor)
    number = action.get("number")
    waiting = [a for a in all_by(state.appreciations, author) if not a.acknowledged]
    if number is None and waiting:
        number = waiting[0].number
    if isinstance(number, bool) or not any(a.number == number for a in waiting):
        raise IllegalMove("That appreciation isn't waiting to be received.", "bad_choice")
    items = tuple(replace(a, acknowledged=True) if a.author == author and a.number == number else a
                  for a in state.appreciations)
    return replace(state, appreciations=items), [Event("acknowledged", actor, {"number": number})]


def win(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    text = clean_text(action, "text", MAX_TEXT, "a small win")
    return replace(state, wins=(*state.wins, Win(actor, text, action.at))), [Event("won", actor, {"text": text})]


def name_issue(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    text = clean_text(action, "text", MAX_TEXT, "what was hard")
    issue = Issue(actor, text, action.at)
    return replace(state, issues=(*state.issues, issue), ready=frozenset()), [
        Event("issue_named", actor, {"text": text})]


def park(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    issue = open_issue(state, action)
    return with_issue(state, replace(issue, status="parked")), [Event("parked", actor, {"issue": issue.author})]


def request(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    text = clean_text(action, "text", MAX_TEXT, "what would help you this week")
    item = Request(actor, text, action.at)
    return replace(state, requests=(*state.requests, item), ready=frozenset()), [
        Event("requested", actor, {"text": text})]


def answer(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    choice = action.get("answer")
    if choice not in ANSWERS:
        raise IllegalMove("Please answer yes, yes with a change, or not this week.", "bad_choice")
    why = action.get("why") or None
    if why is not None or choice != "yes":
        why = clean_text(action, "why", MAX_WHY, "a word about why" if choice != "yes" else "a few words")
    author = partner_of(state, actor)
    items = tuple(replace(r, answer=choice, why=why) if r.author == author else r for r in state.requests)
    return replace(state, requests=items), [Event("answered", actor, {"answer": choice, "why": why})]


def close(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    connection = rating(action, "connection")
    state = replace(state, closings=(*state.closings, Closing(actor, connection, action.at)))
    return state, [Event("closed", actor)]  # the number stays hidden until both have answered


def end(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    # What the turns heard is kept; a pause ends with the check-in.
    return replace(close_turns(state), ended_by=actor), [Event("ended", actor)]  # what the turns heard is kept


# Helpers.
def rating(action: Action, key: str) -> int:
    """A whole number from 1 to 10 (digits in a string are fine); IllegalMove otherwise."""
    value: Any = action.get(key)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
        raise IllegalMove("Please choose a number from 1 to 10.", "bad_rating")
    return value
