"""The engine's table validator and the rule that exercises/ stays pure."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

import pytest

from exercises import KINDS, Machine, Transition
from exercises.engine import EITHER

FORBIDDEN = {"flask", "flask_socketio", "flask_sqlalchemy", "flask_login", "sqlalchemy", "socketio", "spacy",
             "couples", "nlp", "redis", "psycopg"}


def test_exercises_import_nothing_from_flask_databases_sockets_or_spacy():
    for path in Path("exercises").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path} imports {name}"


class Step(Enum):
    A = "a"
    B = "b"
    C = "c"
    END = "end"


def nobody(state, actor):
    return frozenset({EITHER})


def machine(rows, effects=None):
    effects = effects if effects is not None else {row.action: None for row in rows}
    return Machine("test", Step, Step.A, (Step.END,), rows, nobody, effects)


def test_a_good_table_validates():
    machine([Transition("go", Step.A, Step.B), Transition("go", Step.B, Step.C), Transition("stop", Step.C, Step.END)])


@pytest.mark.parametrize("rows, problem", [
    ([Transition("go", Step.A, Step.B), Transition("stop", Step.B, Step.END)], "never reached"),
    ([Transition("go", Step.A, Step.B), Transition("loop", Step.B, Step.C), Transition("back", Step.C, Step.B),
      Transition("stop", Step.A, Step.END)], "never finish"),
    ([Transition("go", Step.A, Step.B), Transition("go", Step.B, Step.C), Transition("stop", Step.C, Step.END),
      Transition("again", Step.END, Step.A)], "must not lead"),
])
def test_a_broken_table_is_refused_when_imported(rows, problem):
    with pytest.raises(ValueError, match=problem):
        machine(rows)


def test_every_action_needs_an_effect():
    rows = [Transition("go", Step.A, Step.B), Transition("go", Step.B, Step.C), Transition("stop", Step.C, Step.END)]
    with pytest.raises(ValueError, match="effects"):
        machine(rows, {"go": None})


def test_every_registered_exercise_has_the_whole_face():
    for kind, module in KINDS.items():
        assert module.KIND == kind
        for name in ("TITLE", "BLURB", "MACHINE", "start", "apply", "view", "allowed_actions", "is_finished"):
            assert hasattr(module, name), f"{kind} lacks {name}"
