"""What a weekly check-in holds: its steps, what each partner said in them, and small readers of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from exercises.engine import Action, IllegalMove
from exercises.pause import Pause


class Step(Enum):
    ARRIVE = "arrive"
    APPRECIATIONS = "appreciations"
    WINS = "wins"
    HARD = "hard"
    AGREEMENTS = "agreements"
    REQUESTS = "requests"
    CLOSE = "close"
    DONE = "done"
    ENDED = "ended"


RITUAL = (Step.ARRIVE, Step.APPRECIATIONS, Step.WINS, Step.HARD, Step.AGREEMENTS, Step.REQUESTS, Step.CLOSE)
TITLES = {
    Step.ARRIVE: "Arrive", Step.APPRECIATIONS: "Appreciations", Step.WINS: "What went well",
    Step.HARD: "What was hard", Step.AGREEMENTS: "Agreements", Step.REQUESTS: "Requests for the week",
    Step.CLOSE: "Close",
}
ANSWERS = ("yes", "yes_with_change", "not_this_week")  # to a partner's request for the week


@dataclass(frozen=True)
class Arrival:
    author: str
    feeling: int
    connection: int
    mood: str
    at: str


@dataclass(frozen=True)
class Appreciation:
    author: str
    number: int  # 1..5 among its author's
    text: str
    at: str
    acknowledged: bool = False


@dataclass(frozen=True)
class Win:
    author: str
    text: str
    at: str


@dataclass(frozen=True)
class Issue:
    author: str
    text: str
    at: str
    status: str = "open"  # open -> talking -> talked, or open -> parked ("for later")
    listening: Mapping[str, Any] | None = None  # the summary of the listening turns taken on it


@dataclass(frozen=True)
class Request:
    author: str
    text: str
    at: str
    answer: str | None = None  # one of ANSWERS, given by the partner
    why: str | None = None


@dataclass(frozen=True)
class Closing:
    author: str
    connection: int
    at: str


@dataclass(frozen=True)
class DueAgreement:
    id: int
    title: str
    text: str
    version: int
    next_review: str


@dataclass(frozen=True)
class StepBack:
    """A partner took both back a step; the other is told until the step moves on again."""

    by: str
    to: Step


@dataclass(frozen=True)
class CheckinState:
    step: Step
    partners: tuple[str, str]
    prompts: Mapping[str, Mapping[str, str]]
    due_agreements: tuple[DueAgreement, ...] = ()
    history: tuple[Mapping[str, Any], ...] = ()  # past weeks' connection, for the summary's small chart
    seed: int | None = None
    hard_step: bool = True  # False when either partner has set hard conversations aside for now
    ready: frozenset[str] = frozenset()
    arrivals: tuple[Arrival, ...] = ()
    appreciations: tuple[Appreciation, ...] = ()
    wins: tuple[Win, ...] = ()
    issues: tuple[Issue, ...] = ()
    listening: Any = None  # the nested listening session (exercises.listening state) while one runs
    requests: tuple[Request, ...] = ()
    closings: tuple[Closing, ...] = ()
    ended_by: str | None = None
    pause: Pause | None = None
    went_back: StepBack | None = None  # the latest step back, until both move on


def partner_of(state: CheckinState, who: str) -> str:
    """The other partner."""
    first, second = state.partners
    return second if who == first else first


def by(items: tuple[Any, ...], author: str) -> Any:
    """The first item of `items` written by `author`, or None."""
    return next((item for item in items if item.author == author), None)


def all_by(items: tuple[Any, ...], author: str) -> list[Any]:
    """Every item of `items` written by `author`, in order."""
    return [item for item in items if item.author == author]


def both_answered(items: tuple[Any, ...], state: CheckinState) -> bool:
    """Whether each partner has an item in `items` (what reveals hidden ratings)."""
    return all(by(items, partner) for partner in state.partners)


def ritual(state: CheckinState) -> list[Step]:
    """The steps this week's check-in walks through (agreements only when some are due, the hard step only
    when neither partner has set hard conversations aside)."""
    return [step for step in RITUAL
            if (step is not Step.AGREEMENTS or state.due_agreements) and (step is not Step.HARD or state.hard_step)]


def step_before(state: CheckinState) -> Step:
    """The step of this week's ritual before the current one (the first step has none: itself)."""
    steps = ritual(state)
    return steps[max(steps.index(state.step) - 1, 0)] if state.step in steps else state.step


def open_issue(state: CheckinState, action: Action) -> Issue:
    """The open issue the action names by its author's id; IllegalMove when there is none."""
    author = action.get("issue")
    issue = next((i for i in state.issues if i.author == str(author) and not isinstance(author, bool)), None)
    if issue is None or issue.status != "open":
        raise IllegalMove("That isn't waiting to be talked about.", "bad_choice")
    return issue


def with_issue(state: CheckinState, changed: Issue) -> CheckinState:
    """The state with its author's issue replaced by `changed`."""
    return replace(state, issues=tuple(changed if i.author == changed.author else i for i in state.issues))
