"""The engine's table validator and the rule that exercises/ stays pure."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

import pytest

from exercises import KINDS, Action, IllegalMove, Machine, Transition
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


def test_a_row_may_leave_several_steps_any_step_or_stay_where_it_is():
    """The shorthands read as the script says them; the machine spells each row out per source step."""
    from exercises.engine import ANY, SAME

    table = [Transition("on", Step.A, Step.B), Transition("go", (Step.A, Step.B), Step.C),
             Transition("note", ANY, SAME), Transition("stop", Step.C, Step.END)]
    built = machine(table)
    assert built.table == tuple(table)  # kept as written
    rows = {(row.action, row.source, row.dest) for row in built.rows}
    assert rows == {("on", Step.A, Step.B), ("go", Step.A, Step.C), ("go", Step.B, Step.C), ("note", Step.A, Step.A),
                    ("note", Step.B, Step.B), ("note", Step.C, Step.C), ("stop", Step.C, Step.END)}


def test_a_row_naming_a_step_of_another_exercise_is_refused():
    class Other(Enum):
        X = "x"

    with pytest.raises(ValueError, match="names a step that does not exist"):
        machine([Transition("go", Step.A, Other.X), Transition("stop", Step.A, Step.END)])


def test_no_two_modules_of_exercises_import_each_other_in_a_circle():
    """A cycle (engine <-> pause, rehearsal <-> its view) means a module half-built when another reads it."""
    graph: dict[str, set[str]] = {}
    for path in Path("exercises").rglob("*.py"):
        name = ".".join(path.with_suffix("").parts).removesuffix(".__init__")
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("exercises"):
                for alias in node.names:  # `from exercises.x import y` may name the module exercises.x.y
                    full = f"{node.module}.{alias.name}"
                    graph[name].add(full if Path(*full.split(".")).with_suffix(".py").exists()
                                    or Path(*full.split("."), "__init__.py").exists() else node.module)
    graph = {name: {dep for dep in deps if dep in graph and dep != name} for name, deps in graph.items()}
    faces = {name for name in graph if Path(*name.split("."), "__init__.py").exists()}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for dep in graph[node]:
                if dep == start:
                    return path + [dep]
                if dep not in path and dep not in faces:  # a package's face only re-exports its own modules
                    stack.append((dep, path + [dep]))
        return None

    cycles = [cycle for name in graph if name not in faces and (cycle := cycle_from(name))]
    assert cycles == []


@pytest.mark.parametrize("text", ["\u200b\u200b", " \u2060\u200d ", "\ufeff", "\u200e\n\u200f"])
def test_text_that_holds_nothing_visible_is_empty(text):
    from exercises.moves import clean_text, is_blank

    assert is_blank(text)
    with pytest.raises(IllegalMove) as refused:
        clean_text(Action("share", {"text": text}, "2026-11-29T20:00:00Z"))
    assert refused.value.code == "empty_text"


def test_visible_words_with_a_joiner_inside_are_kept():
    from exercises.moves import clean_text

    kept = clean_text(Action("share", {"text": " thank you\u200d\U0001F64F "}, "2026-11-29T20:00:00Z"))
    assert kept == "thank you\u200d\U0001F64F"
