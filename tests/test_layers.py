"""The layers of the house, read from the source: what may import what.

- exercises/ and nlp/ know nothing of Flask, SQLAlchemy, Socket.IO or couples/ (no import runs back up),
  and exercises/ knows nothing of spaCy or nlp/ either: language analysis reaches it as data.
- Product code reaches another package only through its face (its __init__): `from couples.log import
  state_of`, never `from couples.log.store import state_of`, from outside couples/log. A package's
  own modules import each other freely; tests and benchmarks may look inside.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PRODUCT = [Path("app.py"), Path("wsgi.py"), *Path("couples").rglob("*.py"), *Path("exercises").rglob("*.py"),
           *Path("nlp").rglob("*.py")]
WEB = {"flask", "flask_socketio", "flask_sqlalchemy", "flask_login", "flask_migrate", "flask_wtf", "sqlalchemy",
       "socketio", "engineio", "werkzeug", "wtforms", "redis", "psycopg", "gevent"}
SHARED = {"couples.config", "couples.extensions", "couples.clock", "couples.forms", "couples.ids", "couples.security"}


def module_name(path: Path) -> str:
    return ".".join(path.with_suffix("").parts).removesuffix(".__init__")


def imported(path: Path) -> Iterator[tuple[str, int]]:
    """(module, line) for every import in `path`; `from a import b` names a.b when b is a module of a."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield (full if _is_module(full) else node.module), node.lineno


def _is_module(name: str) -> bool:
    path = Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _is_package(name: str) -> bool:
    return (Path(*name.split(".")) / "__init__.py").exists()


def owner(name: str) -> str:
    """The package whose face guards `name`: couples.log for couples.log.store, nlp for nlp.helper."""
    parts = name.split(".")
    if parts[0] == "couples" and len(parts) > 1 and _is_package(".".join(parts[:2])):
        return ".".join(parts[:2])
    if parts[0] == "exercises" and len(parts) > 1 and _is_package(".".join(parts[:2])):
        return ".".join(parts[:2])
    return parts[0]


@pytest.mark.parametrize("layer, forbidden", [
    ("exercises", WEB | {"couples", "nlp", "spacy"}),
    ("nlp", WEB | {"couples", "exercises"}),
])
def test_the_core_imports_nothing_from_the_web_or_the_database(layer, forbidden):
    wrong = [f"{path}:{line} imports {name}" for path in Path(layer).rglob("*.py")
             for name, line in imported(path) if name.split(".")[0] in forbidden]
    assert wrong == []


def test_packages_meet_each_other_only_through_their_faces():
    wrong = []
    for path in PRODUCT:
        mine = owner(module_name(path))
        for name, line in imported(path):
            if name.split(".")[0] not in ("couples", "exercises", "nlp") or name in SHARED:
                continue
            theirs = owner(name)
            if theirs == mine or name.startswith(mine + ".") or mine.startswith(theirs + "."):
                continue  # a package's own modules, or the shared modules of the package it sits in
            face = theirs if _is_package(theirs) else theirs.rsplit(".", 1)[0]
            if name == face:
                continue
            # A module the face hands on by name is part of it (exercises.boundary.talk).
            parent, _, leaf = name.rpartition(".")
            if not (parent == face and leaf in _exported(face)):
                wrong.append(f"{path}:{line} reaches into {name} (use {face})")
    assert wrong == []


def _exported(package: str) -> set[str]:
    init = Path(*package.split(".")) / "__init__.py"
    for node in ast.walk(ast.parse(init.read_text())):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return {ast.literal_eval(element) for element in node.value.elts}  # type: ignore[attr-defined]
    return set()


def test_every_package_face_says_what_it_hands_on():
    for init in [*Path("couples").rglob("__init__.py"), *Path("exercises").rglob("__init__.py")]:
        source = init.read_text()
        assert ast.get_docstring(ast.parse(source)), f"{init} has no docstring saying what the package is"
        assert "__all__" in source or init.parent.name in ("couples",), f"{init} hands on names without __all__"


def test_the_readme_layout_table_matches_the_tree():
    """Every folder the README's table names exists, and every package of couples/ and exercises/ is named."""
    import re

    readme = Path("README.md").read_text()
    table = readme.split("| folder | what lives there |")[1].split("\n\n")[0]
    named = set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*/)`", table))
    missing = sorted(folder for folder in named if not Path(folder).is_dir())
    assert missing == []
    packages = {f"{init.parent}/" for root in ("couples", "exercises") for init in Path(root).glob("*/__init__.py")}
    assert sorted(packages - named) == []
