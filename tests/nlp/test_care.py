"""Danger and abuse cues raise care; near misses ("this traffic is killing me") do not."""
from __future__ import annotations

from typing import Any

import pytest

import nlp
from nlp.pipeline import Loaded

from .conftest import read_jsonl

ROWS = read_jsonl("care.jsonl")


def test_the_care_set_has_positives_and_near_misses() -> None:
    assert sum(r["care"] for r in ROWS) >= 20 and sum(not r["care"] for r in ROWS) >= 15


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_care(pipeline: Loaded, row: dict[str, Any]) -> None:
    analysis = nlp.analyze(row["text"])
    assert analysis.care is row["care"]
    assert analysis.care_kind == row.get("care_kind")


def test_care_replaces_coaching_but_keeps_flags(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You never listen. He hit me last night.")
    assert analysis.care and analysis.blaming and analysis.suggestion is None
    assert analysis.to_dict()["care"] is True


def test_hurt_feelings_is_coaching_not_danger(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You hurt my feelings when you laughed")
    assert not analysis.care and analysis.blaming and analysis.suggestion


def test_care_note_is_warm_and_names_no_number() -> None:
    note = nlp.CARE_NOTE
    assert "safe" in note and "emergency" in note and "crisis line" in note
    assert not any(ch.isdigit() for ch in note)
