"""paraphrase_feedback on a small labelled table (real model)."""
from __future__ import annotations

import dataclasses

import pytest

import nlp
from nlp.pipeline import Loaded

STATEMENT = "I felt ignored at the party when you talked to your friends all night."

TABLE = [
    # paraphrase, overlap at least, rebuttal text, new complaint
    ("It sounds like you felt ignored at the party while I was talking with my friends.", 0.8, None, False),
    ("You felt left out at the party.", 0.4, None, False),
    ("You felt ignored, but I was only gone for ten minutes.", 0.2, "but", False),
    ("That's not what happened.", 0.0, "that's not what happened", False),
    ("Well you ignored me at dinner last week.", 0.0, "well you", True),
    ("I never ignore you. You're so dramatic.", 0.0, "i never", True),
    ("So you're saying I'm a bad partner? You always exaggerate.", 0.0, None, True),
]


@pytest.mark.parametrize("paraphrase, at_least, rebuttal, complaint", TABLE)
def test_table(pipeline: Loaded, paraphrase: str, at_least: float, rebuttal: str | None,
               complaint: bool) -> None:
    feedback = nlp.paraphrase_feedback(STATEMENT, paraphrase)
    assert feedback.overlap >= at_least
    assert feedback.rebuttal_text == rebuttal and feedback.rebuttal is (rebuttal is not None)
    assert feedback.new_complaint is complaint


def test_missing_words_are_the_unreflected_content(pipeline: Loaded) -> None:
    feedback = nlp.paraphrase_feedback(STATEMENT, "You felt ignored.")
    assert 0 < len(feedback.missing) <= 3
    assert "ignored" not in feedback.missing and "party" in feedback.missing
    assert feedback.overlap < 0.5


def test_synonyms_count_as_reflected(pipeline: Loaded) -> None:
    exact = nlp.paraphrase_feedback("I'm exhausted after work.", "You're exhausted after work.")
    synonym = nlp.paraphrase_feedback("I'm exhausted after work.", "You're drained after your job.")
    assert exact.overlap == 1.0 and synonym.overlap == 1.0


def test_feedback_is_frozen_and_json_ready(pipeline: Loaded) -> None:
    feedback = nlp.paraphrase_feedback("I miss you.", "You miss me.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        feedback.overlap = 0.0  # type: ignore[misc]
    assert set(feedback.to_dict()) == {"overlap", "missing", "rebuttal", "rebuttal_text",
                                       "new_complaint"}


def test_empty_paraphrase_is_rejected(pipeline: Loaded) -> None:
    with pytest.raises(nlp.TextRejected):
        nlp.paraphrase_feedback("I miss you.", "  ")


def test_a_paraphrase_of_feelings_is_not_a_new_complaint():
    """The blame classifier reads "You miss our slow Sunday mornings together." as blame; said back by a
    listener it is the speaker's feeling, and refusing it stopped the turn (a browser test found it)."""
    from nlp import paraphrase_feedback
    feedback = paraphrase_feedback("I miss slow Sunday mornings with you.",
                                   "You miss our slow Sunday mornings together.")
    assert not feedback.new_complaint and not feedback.rebuttal
