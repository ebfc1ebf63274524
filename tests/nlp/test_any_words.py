"""The coach reads any arrangement of the words its rules and clause reader look for without failing, and
suggests something only for a message it flags.

Found by reading the corpus through analyze(): "I'm late because of you." ended a sentence at the words the
clause reader looks past ("because of you" + three more words), and raised IndexError. Hypothesis arranges
those words (and ordinary ones) in every order and length, cut at any point, so the kind is caught, not
the one sentence.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nlp
from nlp.pipeline import Loaded

# Words the rules, frames and the clause reader key on (clause_start.py, observation.py), with ordinary ones.
CUES = ("you", "your", "you're", "u", "me", "i", "we", "because", "of", "make", "made", "get", "feel", "never",
        "always", "not", "n't", "don't", "didn't", "why", "how", "did", "do", "are", "should", "have", "to",
        "so", "such", "a", "the", "dishes", "late", "lazy", "thanks", "sure", "oh", "again", "stop", "give",
        "up", "let", "down", "in", "front", "just", "be", "like", "when", "that", ",", ".", "?", "!", "...",
        # and the phrases they start, so that a sentence often ends or breaks right after one
        "because of you", "you made me", "you make me feel", "thanks to you", "why did you", "why don't you",
        "you never", "you always", "you're so", "i feel like you", "oh sure", "must be nice", "you should",
        "you need to", "how could you", "what a", "such a")
WORDS = st.lists(st.sampled_from(CUES), min_size=1, max_size=10).map(" ".join)


@pytest.mark.usefixtures("pipeline")  # loaded once; not an argument, so Hypothesis never prints it
@settings(max_examples=600, deadline=None, database=None)
@given(text=WORDS)
def test_any_arrangement_of_cue_words_is_read(text: str) -> None:
    # Word salad may get an odd suggestion ("feel stop why don't you"); whether real suggestions pass the coach
    # is measured over every flagged labelled line (python -m nlp.evaluate --suggestions), not here.
    analysis = nlp.analyze(text)
    assert analysis.blaming or analysis.suggestion is None, analysis


def test_a_sentence_ending_in_because_of_you_gets_a_suggestion(pipeline: Loaded) -> None:
    for text in ("Rent is due Friday and I'm short because of you.", "We always have to leave early because of you."):
        analysis = nlp.analyze(text)
        assert analysis.blaming and analysis.suggestion, analysis
