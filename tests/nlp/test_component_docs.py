"""The hearth_blame component on hand-built Docs: rules, guards and frames without any model."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from nlp.component import BLAME_KEY, CARE_KEY, HearthBlame
from nlp.rule_loading import load_rulebook
from nlp.rule_types import DATA_DIR

# A blank English tokenizer (no trained weights): it gives contractions their norms ("'re" -> are).
BLANK = spacy.blank("en")
COMPONENT = HearthBlame(BLANK.vocab, load_rulebook(DATA_DIR))


def make_doc(text: str, lemmas: dict[str, str] | None = None) -> Doc:
    """A hand-built Doc: '.', '!' or '?' ends a sentence; lemmas default to the lower-case word."""
    doc = BLANK.make_doc(text)
    lemmas = lemmas or {}
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text in {".", "!", "?"}
        token.lemma_ = lemmas.get(token.lower_, token.lower_)
        token.pos_ = "PUNCT" if token.is_punct else "VERB"
    return doc


def flags(text: str, lemmas: dict[str, str] | None = None) -> list[tuple[str, str]]:
    doc = COMPONENT(make_doc(text, lemmas))
    return [(span.label_, span.text) for span in doc.spans[BLAME_KEY]]


def kinds(text: str, lemmas: dict[str, str] | None = None) -> set[str]:
    return {kind for kind, _ in flags(text, lemmas)}


@pytest.mark.parametrize("text, kind", [
    ("You never listen", "absolute"),
    ("u ALWAYS do this", "absolute"),
    ("You're so selfish", "label"),
    ("ur so annoying", "label"),
    ("This is all your fault", "blame"),
    ("You just want to win", "mind_reading"),
    ("What is wrong with you?", "accusatory_question"),
    ("You should have told me", "should"),
    ("Stop being so selfish", "contempt"),
    ("Nice job ruining dinner", "contempt"),
])
def test_each_kind_fires_on_a_bare_doc(text: str, kind: str) -> None:
    assert kind in kinds(text, {"'re": "be", "is": "be", "ruining": "ruin"})


def test_span_text_and_rule_id_are_recorded() -> None:
    doc = COMPONENT(make_doc("Fine. You never listen!"))
    (span,) = doc.spans[BLAME_KEY]
    assert (span.text, span.label_, span.id_) == ("You never", "absolute", "absolute.you_always")


def test_texting_spelling_sets_norm_but_keeps_text() -> None:
    doc = COMPONENT(make_doc("u never listen"))
    assert doc[0].text == "u" and doc[0].norm_ == "you"
    assert doc.spans[BLAME_KEY][0].text == "u never"


def test_appreciation_guard_leaves_warm_absolutes_alone() -> None:
    assert flags("You always make me laugh") == []
    assert kinds("You never make me laugh anymore") >= {"absolute"}  # negation turns warmth cold


def test_negative_guard_separates_contrast_pair() -> None:
    assert kinds("You make me so angry") == {"blame"}
    assert flags("You make me so happy") == []


def test_unnegated_guard_lets_reassurance_through() -> None:
    assert kinds("It's your fault") == {"blame"}
    assert flags("It's not your fault") == []


def test_paraphrase_frame_suppresses_the_whole_sentence_only() -> None:
    assert flags("It sounds like you think I never listen") == []
    assert kinds("It sounds like you felt ignored. You never listen") == {"absolute"}


def test_generic_you_frame_suppresses_only_its_overlap() -> None:
    assert flags("You never know") == []


def test_request_frame_keeps_contempt() -> None:
    assert flags("Could you ever help?") == []
    assert kinds("Could you stop being so selfish?") == {"contempt"}


def test_disguised_i_needs_another_cue() -> None:
    assert flags("I feel like you have been busy lately") == []
    assert kinds("I feel like you never listen") == {"disguised_i", "absolute"}


def test_anchor_and_unless_next() -> None:
    assert kinds("Grow up.") == {"contempt"}
    assert flags("I want to grow up near the sea") == []
    assert kinds("You should have called") == {"should"}
    assert flags("You should have seen it") == []


def test_care_spans_are_separate_from_blame() -> None:
    doc = COMPONENT(make_doc("He hit me last night"))
    assert [s.label_ for s in doc.spans[CARE_KEY]] == ["violence"]
    assert list(doc.spans[BLAME_KEY]) == []
    assert list(COMPONENT(make_doc("I could kill for a coffee")).spans[CARE_KEY]) == []


def test_a_match_never_straddles_two_sentences() -> None:
    assert flags("Thank you. Always here") == []


def test_unless_next_takes_a_phrase() -> None:
    """"You never know" is an idiom; "you never know when to stop" is said of the partner."""
    assert flags("You never know, it might rain") == []
    assert kinds("You never know when to stop") == {"absolute"}
