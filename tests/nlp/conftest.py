"""Fixtures for the nlp tests: the real pipeline is loaded once per session."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import nlp
from nlp.pipeline import Loaded, loaded

DATA = Path(__file__).parent / "data"


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of a labelled data file under tests/nlp/data."""
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="session")
def pipeline() -> Loaded:
    """The process's loaded pipeline (default model), built once for the whole session."""
    nlp.load()
    return loaded()


@pytest.fixture(scope="session")
def labelled() -> list[dict[str, Any]]:
    """The labelled blame set."""
    return read_jsonl("labelled.jsonl")


@pytest.fixture(scope="session")
def labelled_analyses(pipeline: Loaded, labelled: list[dict[str, Any]]) -> list[nlp.Analysis]:
    """Analyses of every labelled line, computed once through the batch path."""
    return nlp.analyze_many([row["text"] for row in labelled])
