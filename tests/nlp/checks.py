"""Checks the nlp tests share: a message the coach must hear, with a suggestion that does not blame in turn, and
one it must leave alone."""
from __future__ import annotations

import nlp


def heard(text: str, care: bool = False) -> nlp.Analysis:
    """Assert `text` is flagged with a suggestion that is not flagged itself (with `care`, a care note may stand
    in for the suggestion); the analysis."""
    found = nlp.analyze(text)
    assert found.blaming, found
    assert found.suggestion or (care and found.care), found
    if found.suggestion:
        assert not nlp.analyze(found.suggestion).blaming, found.suggestion
    return found


def left_alone(text: str) -> None:
    """Assert `text` is not flagged."""
    assert not nlp.analyze(text).blaming, text


def cases(blaming: list[str], kind: list[str]) -> list[tuple[str, bool]]:
    """(text, blames) for a test of lines the coach must hear beside look-alikes it must leave alone."""
    return [(text, True) for text in blaming] + [(text, False) for text in kind]


def judged(text: str, blames: bool, care: bool = False) -> None:
    """`heard` when `blames`, else `left_alone`."""
    if blames:
        heard(text, care)
    else:
        left_alone(text)
