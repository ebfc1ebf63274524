"""The weekly check-in: a small ritual both partners walk through together, one step at a time.

The script, as a couple lives it:
  1. Arrive: each rates how they feel and how connected they feel (1-10) with a word for their mood;
     the answers stay hidden until both have answered, then show together.
  2. Appreciations: each shares one to five; the other receives each.
  3. What went well: each names a small win.
  4. What was hard: each may name one thing; either may open listening turns on it right here (they
     run inside the check-in and return to it) or park it for later. Left out when either partner has
     set hard conversations aside (the start option `hard_step`).
  5. Agreements due for review are listed (skipped when none are due).
  6. Requests: each asks for one thing for the week; the other answers yes, yes with a change, or
     not this week, with a word why.
  7. Close: each rates connection again (hidden until both answer); both see the week's summary.
Both say "ready" to move on; either may go back one step before both are ready (which clears the
readiness, and tells the other where to: the `went_back` event and view, until both move on). Either may
pause (the pause holds nested listening too) or end (which ends the pause too); nothing said is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from exercises import listening
from exercises.checkin import prompts as checkin_prompts
from exercises.checkin import rules
from exercises.checkin.nested_listening import listen, may_paraphrase, open_listening, paraphrase_target
from exercises.checkin.state import ANSWERS, CheckinState, DueAgreement, Step, ritual
from exercises.checkin.view import summary, view_of
from exercises.engine import ANY, EITHER, SAME, Action, Event, IllegalMove, Machine, Transition, all_of, two_partners
from exercises.fields import NONE, Choice, Declared, Moves, PartnerId, Text, Whole

KIND = "checkin"
TITLE = "Weekly check-in"
BLURB = "A gentle weekly ritual: arrive, appreciate, look at the week, and ask for what would help."
ANALYZED = {"arrive": "mood", "appreciate": "text", "win": "text", "name_issue": "text", "request": "text",
            "answer": "why", "listen": "text"}  # the server adds the blame coach and care note to these
PARAPHRASED = {"listen": "text"}  # a nested paraphrase is read against paraphrase_target(state)
# Ratings are whole numbers (rules.rating judges 1-10); `issue` names an issue by its author; `listen` carries a
# move of the nested listening turns with that move's own fields (its pause and resume are refused kindly).
FIELDS: dict[str, Declared] = {
    "arrive": {"feeling": Whole(), "connection": Whole(), "mood": Text()},
    "appreciate": {"text": Text()}, "acknowledge": {"number": Whole(low=1, required=False)},
    "win": {"text": Text()}, "name_issue": {"text": Text()},
    "park": {"issue": PartnerId()}, "open_listening": {"issue": PartnerId()},
    "listen": Moves({**{move: fields for move, fields in listening.FIELDS.items() if move != "choose"},
                     "pause": NONE, "resume": NONE}),
    "request": {"text": Text()}, "answer": {"answer": Choice(ANSWERS), "why": Text(required=False)},
    "ready": NONE, "back": NONE, "close": {"connection": Whole()}, "end": NONE,
}

__all__ = ["ANALYZED", "BLURB", "FIELDS", "KIND", "MACHINE", "PARAPHRASED", "Step", "TITLE", "allowed_actions", "apply",
           "is_finished", "may_paraphrase", "paraphrase_target", "start", "summary", "view"]


def start(partners: tuple[str, str], at: str = "", prompts: Mapping[str, Any] | None = None,
          due_agreements: Sequence[Mapping[str, Any]] = (), history: Sequence[Mapping[str, Any]] = (),
          seed: int | None = None, hard_step: bool = True) -> CheckinState:
    """A new check-in with this week's prompts, the agreements due for review, and past weeks' connection.

    `hard_step` False leaves out step 4 (what was hard): the server sets it when either partner has set
    hard conversations aside for now, and both partners see the same shorter ritual.
    """
    partners = two_partners(partners, "A check-in needs both partners.")
    try:
        chosen = checkin_prompts.checked(prompts)
        due = tuple(_agreement(item) for item in due_agreements)
        past = tuple(_week(item, partners) for item in history)
        if not isinstance(hard_step, bool):
            raise ValueError("hard_step is true or false")
    except (TypeError, ValueError, KeyError) as error:
        raise IllegalMove("This check-in couldn't be prepared. Please try again.", "bad_options") from error
    return CheckinState(step=Step.ARRIVE, partners=partners,
                        prompts=MappingProxyType({k: MappingProxyType(v) for k, v in chosen.items()}),
                        due_agreements=due, history=past, seed=seed, hard_step=hard_step)


def _agreement(item: Mapping[str, Any]) -> DueAgreement:
    if isinstance(item["id"], bool) or not isinstance(item["id"], int):
        raise ValueError("an agreement id is a whole number")
    return DueAgreement(id=item["id"], title=str(item["title"]), text=str(item.get("text", "")),
                        version=int(item.get("version", 1)), next_review=str(item.get("next_review", "")))


def _week(item: Mapping[str, Any], partners: Sequence[str]) -> Mapping[str, Any]:
    """One past week: {"date", "connection": {partner: [arrive, close]}}, numbers 1-10 or None."""
    ratings = item["connection"]
    checked = {}
    for partner in partners:
        pair = list(ratings.get(partner, (None, None)))
        if len(pair) != 2 or any(v is not None and (isinstance(v, bool) or v not in range(1, 11)) for v in pair):
            raise ValueError("a past rating is a number from 1 to 10")
        checked[partner] = tuple(pair)
    return MappingProxyType({"date": str(item["date"]), "connection": MappingProxyType(checked)})


def _roles(state: CheckinState, actor: str) -> frozenset[str]:
    return frozenset({EITHER}) if actor in state.partners else frozenset()


MACHINE: Machine[CheckinState] = Machine(
    name=KIND,
    steps=Step,
    start=Step.ARRIVE,
    ends=(Step.DONE, Step.ENDED),
    table=(
        # Each step's own part: answering, sharing, receiving; the step stays where it is.
        Transition("arrive", Step.ARRIVE, SAME, EITHER, rules.not_arrived),
        Transition("appreciate", Step.APPRECIATIONS, SAME, EITHER, rules.room_for_appreciation),
        Transition("acknowledge", Step.APPRECIATIONS, SAME, EITHER, rules.something_to_acknowledge),
        Transition("win", Step.WINS, SAME, EITHER, rules.no_win_yet),
        Transition("name_issue", Step.HARD, SAME, EITHER, all_of(rules.no_listening, rules.no_issue_yet)),
        Transition("park", Step.HARD, SAME, EITHER, all_of(rules.no_listening, rules.an_open_issue)),
        Transition("open_listening", Step.HARD, SAME, EITHER, all_of(rules.no_listening, rules.an_open_issue)),
        Transition("listen", Step.HARD, SAME, EITHER, rules.listening_live),
        Transition("request", Step.REQUESTS, SAME, EITHER, rules.no_request_yet),
        Transition("answer", Step.REQUESTS, SAME, EITHER, rules.request_to_answer),
        # Saying ready: the second "ready" of a step moves both on, the first waits for the partner.
        Transition("ready", Step.ARRIVE, Step.APPRECIATIONS, EITHER,
                   all_of(rules.not_ready, rules.both_arrived, rules.partner_ready)),
        Transition("ready", Step.ARRIVE, SAME, EITHER, all_of(rules.not_ready, rules.both_arrived)),
        Transition("ready", Step.APPRECIATIONS, Step.WINS, EITHER,
                   all_of(rules.not_ready, rules.appreciations_done, rules.partner_ready)),
        Transition("ready", Step.APPRECIATIONS, SAME, EITHER, all_of(rules.not_ready, rules.appreciations_done)),
        Transition("ready", Step.WINS, Step.HARD, EITHER,
                   all_of(rules.not_ready, rules.win_named, rules.with_hard_step, rules.partner_ready)),
        Transition("ready", Step.WINS, Step.AGREEMENTS, EITHER,
                   all_of(rules.not_ready, rules.win_named, rules.without_hard_step, rules.has_agreements,
                          rules.partner_ready)),
        Transition("ready", Step.WINS, Step.REQUESTS, EITHER,
                   all_of(rules.not_ready, rules.win_named, rules.without_hard_step, rules.no_agreements,
                          rules.partner_ready)),
        Transition("ready", Step.WINS, SAME, EITHER, all_of(rules.not_ready, rules.win_named)),
        Transition("ready", Step.HARD, Step.AGREEMENTS, EITHER,
                   all_of(rules.not_ready, rules.issues_settled, rules.has_agreements, rules.partner_ready)),
        Transition("ready", Step.HARD, Step.REQUESTS, EITHER,
                   all_of(rules.not_ready, rules.issues_settled, rules.no_agreements, rules.partner_ready)),
        Transition("ready", Step.HARD, SAME, EITHER, all_of(rules.not_ready, rules.issues_settled)),
        Transition("ready", Step.AGREEMENTS, Step.REQUESTS, EITHER, all_of(rules.not_ready, rules.partner_ready)),
        Transition("ready", Step.AGREEMENTS, SAME, EITHER, rules.not_ready),
        Transition("ready", Step.REQUESTS, Step.CLOSE, EITHER,
                   all_of(rules.not_ready, rules.requests_settled, rules.partner_ready)),
        Transition("ready", Step.REQUESTS, SAME, EITHER, all_of(rules.not_ready, rules.requests_settled)),
        Transition("close", Step.CLOSE, Step.DONE, EITHER, all_of(rules.not_closed, rules.partner_closed)),
        Transition("close", Step.CLOSE, SAME, EITHER, rules.not_closed),
        # Going back a step (before both are ready) clears readiness.
        Transition("back", Step.APPRECIATIONS, Step.ARRIVE, EITHER),
        Transition("back", Step.WINS, Step.APPRECIATIONS, EITHER),
        Transition("back", Step.HARD, Step.WINS, EITHER, rules.no_listening),
        Transition("back", Step.AGREEMENTS, Step.HARD, EITHER, rules.with_hard_step),
        Transition("back", Step.AGREEMENTS, Step.WINS, EITHER, rules.without_hard_step),
        Transition("back", Step.REQUESTS, Step.AGREEMENTS, EITHER, rules.has_agreements),
        Transition("back", Step.REQUESTS, Step.HARD, EITHER, all_of(rules.no_agreements, rules.with_hard_step)),
        Transition("back", Step.REQUESTS, Step.WINS, EITHER, all_of(rules.no_agreements, rules.without_hard_step)),
        Transition("back", Step.CLOSE, Step.REQUESTS, EITHER),
        Transition("end", ANY, Step.ENDED, EITHER),
    ),
    roles=_roles,
    effects={"ready": rules.ready, "back": rules.back, "arrive": rules.arrive, "appreciate": rules.appreciate,
             "acknowledge": rules.acknowledge, "win": rules.win, "name_issue": rules.name_issue,
             "park": rules.park, "open_listening": open_listening, "listen": listen,
             "request": rules.request, "answer": rules.answer, "close": rules.close, "end": rules.end},
    pausable=True,
    fields=FIELDS,
)


def apply(state: CheckinState, actor: str, action: Action) -> tuple[CheckinState, list[Event]]:
    """One partner's action; returns the new state and events, or raises IllegalMove."""
    return MACHINE.run(state, actor, action)


def allowed_actions(state: CheckinState, who: str) -> list[str]:
    """What `who` may do now."""
    return MACHINE.allowed_actions(state, who)


def is_finished(state: CheckinState) -> bool:
    """Whether the check-in has reached an end (closed together, or ended early)."""
    return state.step in MACHINE.ends


def view(state: CheckinState, viewer: str) -> dict[str, Any]:
    """What `viewer` sees: the step, who waits for whom, and the partner's ratings only once both answered."""
    mine, theirs = allowed_actions(state, viewer), allowed_actions(state, _other(state, viewer))
    return view_of(state, viewer, mine, theirs, is_finished(state), [s.value for s in ritual(state)])


def _other(state: CheckinState, viewer: str) -> str:
    first, second = state.partners
    return second if viewer == first else first
