"""The exercise engine: transition tables checked when imported, and the rules for reading them.

Every exercise is a module (or a package) with an Enum of steps, a literal table of `Transition`s and
a few pure functions. A row names one source step, several, or ANY (every step that is not an end),
and a destination step or SAME (stay where it is), the shorthands the `transitions` library has. The
engine knows nothing of Flask, databases, sockets or spaCy: time, ids and any language analysis reach
it as data inside an `Action` (exercises/moves.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from types import MappingProxyType
from typing import Any, Generic, Protocol, TypeVar

from exercises import pause
from exercises.fields import Declared, fields_table
from exercises.moves import Action, Event, IllegalMove, clean_text, two_partners

__all__ = ["ANY", "EITHER", "SAME", "Action", "Row", "Event", "IllegalMove", "Machine", "Transition", "all_of",
           "clean_text", "two_partners", "validate_table"]

EITHER = "either"  # the role every partner of the couple has
ANY = "any step"  # a row's source: every step that is not an end
SAME = "same step"  # a row's destination: the step the row left from

@dataclass(frozen=True)
class Row:
    """One row of a table spelled out: one source step, one destination step (see `Machine.rows`)."""

    action: str
    source: Enum
    dest: Enum
    who: str
    guard: Guard | None


class ExerciseState(Protocol):
    """What the engine reads of every exercise's state (each a frozen dataclass)."""

    @property
    def step(self) -> Enum: ...

    @property
    def pause(self) -> pause.Pause | None: ...

    @property
    def partners(self) -> tuple[str, str]: ...


S = TypeVar("S", bound=ExerciseState)
Guard = Callable[[Any, str], "str | None"]  # (state, actor) -> a refusal sentence, or None to allow
Effect = Callable[[Any, str, Action], "tuple[Any, list[Event]]"]  # checks the input, returns new state


@dataclass(frozen=True)
class Transition:
    """One row of an exercise's script: `action` moves `source` to `dest` for `who`, if `guard` allows.

    `source` is a step, a tuple of steps or ANY; `dest` is a step or SAME. The machine reads each row
    as one concrete row per source step (`Machine.rows`).
    """

    action: str
    source: Enum | tuple[Enum, ...] | str
    dest: Enum | str
    who: str = EITHER
    guard: Guard | None = None


def all_of(*guards: Guard) -> Guard:
    """A guard that allows only when every one of `guards` allows (the first refusal wins)."""

    def combined(state: Any, actor: str) -> str | None:
        for guard in guards:
            refusal = guard(state, actor)
            if refusal:
                return refusal
        return None

    return combined


class Machine(Generic[S]):
    """A validated transition table for one exercise, and the rules for reading it."""

    def __init__(
        self,
        name: str,
        steps: type[Enum],
        start: Enum,
        ends: Iterable[Enum],
        table: Iterable[Transition],
        roles: Callable[[S, str], frozenset[str]],
        effects: Mapping[str, Effect],
        pausable: bool = False,
        end_action: str = "end",
        fields: Mapping[str, Declared] | None = None,
    ) -> None:
        self.name = name
        self.steps = steps
        self.start = start
        self.ends = frozenset(ends)
        self.table = tuple(table)  # as written
        self.rows = _concrete_rows(name, steps, self.ends, self.table)  # one source and one dest per row
        self.roles = roles
        self.effects = MappingProxyType(dict(effects))
        # A pausable exercise's state has a `pause` field and `partners`; see exercises/pause.py.
        self.pausable = pausable
        self.end_action = end_action
        # What a page may send with each action of the table (exercises/fields.py); None: not declared.
        self.declared = None if fields is None else fields_table(fields)
        validate_table(self)

    @property
    def fields(self) -> Mapping[str, Declared]:
        """What a page may send with each action, the pause's included when pausable ({} when undeclared)."""
        if self.declared is None:
            return MappingProxyType({})
        return MappingProxyType({**self.declared, **(pause.FIELDS if self.pausable else {})})

    def rows_for(self, state: S, action_name: str) -> list[Row]:
        """The rows that name `action_name` from the state's current step."""
        step = state.step
        return [row for row in self.rows if row.action == action_name and row.source == step]

    def choose(self, state: S, actor: str, action: Action) -> Row:
        """The row that applies, or IllegalMove with the most helpful sentence."""
        if action.name not in {row.action for row in self.rows} | (set(pause.ACTIONS) if self.pausable else set()):
            raise IllegalMove("That isn't something this exercise knows how to do.", "unknown_action")
        rows = self.rows_for(state, action.name)
        if not rows:
            raise IllegalMove("That belongs to another step of the exercise.", "wrong_step")
        roles = self.roles(state, actor)
        mine = [row for row in rows if row.who in roles]
        if not mine:
            raise IllegalMove(_turn_sentence(rows[0].who), "not_your_turn")
        refusals = []
        for row in mine:
            refusal = row.guard(state, actor) if row.guard else None
            if refusal is None:
                return row
            refusals.append(refusal)
        raise IllegalMove(refusals[0], "not_now")

    def _pause_action(self, state: S, actor: str, action: Action) -> tuple[S, list[Event]]:
        if EITHER not in self.roles(state, actor):
            raise IllegalMove(_turn_sentence(EITHER), "not_your_turn")
        if state.step in self.ends:
            raise IllegalMove("This exercise has already finished.", "wrong_step")
        effect = pause.call if action.name == "pause" else pause.resume
        return effect(state, actor, action)

    def allowed_actions(self, state: S, actor: str) -> list[str]:
        """The actions `actor` may take now: the buttons their page shows and the server accepts."""
        roles = self.roles(state, actor)
        if self.pausable and EITHER in roles and state.step not in self.ends:
            current = state.pause
            if current is not None:
                ending = [r.action for r in self.rows_for_step(state) if r.action == self.end_action][:1]
                return ([] if actor in current.ready else ["resume"]) + ending
        allowed: list[str] = []
        for row in self.rows_for_step(state):
            if row.who not in roles or row.action in allowed:
                continue
            if row.guard is None or row.guard(state, actor) is None:
                allowed.append(row.action)
        if self.pausable and EITHER in roles and state.step not in self.ends:
            allowed.append("pause")
        return allowed

    def run(self, state: S, actor: str, action: Action) -> tuple[S, list[Event]]:
        """Apply one action: pick its row, let its effect check the input and change the state, move the step."""
        if self.pausable and action.name in pause.ACTIONS:
            return self._pause_action(state, actor, action)
        if self.pausable and state.pause is not None and action.name != self.end_action:
            raise IllegalMove("You're taking a pause. Nothing can be said until you're both back.", "paused")
        row = self.choose(state, actor, action)
        new_state, events = self.effects[action.name](state, actor, action)
        if row.dest != state.step:
            new_state = replace(new_state, step=row.dest)
            events = [*events, Event("step_changed", actor, {"step": row.dest.value})]
        if self.pausable and row.dest in self.ends:  # a pause ends with its exercise, however it ends
            new_state = pause.lifted(new_state)
        return new_state, events

    def rows_for_step(self, state: S) -> list[Row]:
        """Every row leaving the state's current step."""
        step = state.step
        return [row for row in self.rows if row.source == step]


def _concrete_rows(name: str, steps: type[Enum], ends: frozenset[Enum],
                   table: tuple[Transition, ...]) -> tuple[Row, ...]:
    """The table with its shorthands spelled out: one row per source step, SAME replaced by that step."""
    rows = []
    for row in table:
        if row.source == ANY:
            sources: tuple[Any, ...] = tuple(step for step in steps if step not in ends)
        else:
            sources = row.source if isinstance(row.source, tuple) else (row.source,)
        for source in sources:
            dest = source if row.dest == SAME else row.dest
            if source not in set(steps) or dest not in set(steps):
                raise ValueError(f"{name}: row {row.action!r} names a step that does not exist")
            rows.append(Row(row.action, source, dest, row.who, row.guard))
    return tuple(rows)


def _turn_sentence(role: str) -> str:
    if role == EITHER:
        return "Only the two of you in this couple can do that."
    return f"That's for the {role.replace('_', ' ')} to do right now."


def validate_table(machine: Machine[Any]) -> None:
    """Check a table when its exercise is imported: one start, all steps reachable, all reach an end."""
    steps = set(machine.steps)
    if machine.start not in steps or not machine.ends <= steps:
        raise ValueError(f"{machine.name}: start and ends must be steps of {machine.steps.__name__}")
    edges: dict[Enum, set[Enum]] = {step: set() for step in steps}
    for row in machine.rows:
        edges[row.source].add(row.dest)
    reachable = _closure({machine.start}, edges)
    unreachable = steps - reachable
    if unreachable:
        raise ValueError(f"{machine.name}: steps never reached: {sorted(s.name for s in unreachable)}")
    reverse: dict[Enum, set[Enum]] = {step: set() for step in steps}
    for source, dests in edges.items():
        for dest in dests:
            reverse[dest].add(source)
    stuck = steps - _closure(set(machine.ends), reverse)
    if stuck:
        raise ValueError(f"{machine.name}: steps that can never finish: {sorted(s.name for s in stuck)}")
    actions = {row.action for row in machine.rows}
    if machine.pausable and actions & set(pause.ACTIONS):
        raise ValueError(f"{machine.name}: 'pause' and 'resume' are the engine's own actions")
    if actions != set(machine.effects):
        raise ValueError(f"{machine.name}: actions without effects or effects without rows: "
                         f"{sorted(actions ^ set(machine.effects))}")
    if machine.declared is not None and set(machine.declared) != actions:
        raise ValueError(f"{machine.name}: actions without declared fields, or fields of no action: "
                         f"{sorted(actions ^ set(machine.declared))}")
    for end in machine.ends:
        if edges[end] - {end}:
            raise ValueError(f"{machine.name}: end step {end.name} must not lead anywhere else")


def _closure(seeds: set[Enum], edges: Mapping[Enum, set[Enum]]) -> set[Enum]:
    seen = set(seeds)
    frontier = list(seeds)
    while frontier:
        for nxt in edges[frontier.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen
