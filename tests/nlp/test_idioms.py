"""Idioms read as one warm or cold word (nlp/idioms.py, nlp/data/idioms.jsonl): the pattern syntax, the file's
checks, and what the coach makes of an idiom said of the partner, with and without an absolute."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlp
from nlp.idioms import IDIOM_KEY, IdiomRule, blame_rules, idiom_pattern, load_idioms
from nlp.pipeline import Loaded

from .checks import cases, judged


def test_the_pattern_syntax() -> None:
    assert idiom_pattern("~bite MY head off") == (
        {"LEMMA": "bite"}, {"LOWER": {"IN": ["my", "our"]}}, {"LOWER": "head"}, {"LOWER": "off"})
    assert idiom_pattern("~cut ME some|any? slack") == (
        {"LEMMA": "cut"}, {"LOWER": {"IN": ["me", "us"]}}, {"LOWER": {"IN": ["some", "any"]}, "OP": "?"},
        {"LOWER": "slack"})
    for wrong in ("don't you dare", "-talk", "really?"):
        with pytest.raises(ValueError):
            idiom_pattern(wrong)


@pytest.mark.parametrize(("record", "fault"), [
    ({"idiom": "all talk", "valence": "cold"}, "missing keys"),
    ({"idiom": "all talk", "valence": "chilly", "kind": "label"}, "valence"),
    ({"idiom": "all talk", "valence": "cold", "kind": "warm"}, "does not fit"),
    ({"idiom": "a keeper", "valence": "warm", "kind": "label"}, "does not fit"),
    ({"idiom": "all talk", "valence": "cold", "kind": "label", "note": "x"}, "unknown keys"),
])
def test_a_faulty_line_is_refused_with_a_reason(record: dict[str, str], fault: str) -> None:
    with pytest.raises(ValueError, match=fault):
        IdiomRule.from_record(record)


def test_a_file_names_the_line_of_a_fault_and_refuses_an_idiom_twice(tmp_path: Path) -> None:
    path = tmp_path / "idioms.jsonl"
    line = json.dumps({"idiom": "all talk", "valence": "cold", "kind": "label"})
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: the idiom 'all talk' is written twice"):
        load_idioms(path)


def test_the_shipped_file_loads_and_its_cold_idioms_become_sure_rules() -> None:
    idioms = load_idioms()
    assert len(idioms) >= 200
    assert {"warm", "cold"} == {i.kind for i in idioms}
    rules = blame_rules(idioms)
    assert {r.kind for r in rules} <= {"blame", "label", "contempt"} and all(r.sure for r in rules)
    assert sum(len(r.patterns) for r in rules) == sum(len(i.patterns) for i in idioms if i.kind == "cold")


def test_an_idiom_is_filed_as_one_span(pipeline: Loaded) -> None:
    doc = pipeline.language("honestly you always bite my head off")
    assert [(s.text, s.label_) for s in doc.spans[IDIOM_KEY]] == [("bite my head off", "cold")]


# Said of the partner, a cold idiom is blame with or without an absolute; "never" before a kindness idiom
# withholds it. Beside the same idioms as praise, negated, or said of the writer.
IDIOMS_THAT_BLAME = [
    "you always bite my head off",
    "you take me for granted",
    "ur such a drama queen",
    "you're all talk",
    "you never cut me any slack",
    "You always have to have the last word.",
    "you fly off the handle over nothing",
    "you walk all over me",
    "you push my buttons on purpose",
    "You never give me a straight answer",
    "You went behind my back again",  # the kind 3, once the classifier's alone
]
IDIOMS_THAT_PRAISE = [
    "you always have my back ❤️",
    "You always land on your feet",
    "you never bite my head off, even when I deserve it",
    "Do you feel like I take you for granted?",
    "you always go the extra mile for me",
    "you're always on my mind",
    "you always keep your cool",
    "you never take me for granted and I love that",
]


@pytest.mark.parametrize(("text", "blames"), cases(IDIOMS_THAT_BLAME, IDIOMS_THAT_PRAISE))
def test_a_cold_idiom_or_a_kindness_withheld_is_heard_and_praise_is_not(pipeline: Loaded, text: str,
                                                                         blames: bool) -> None:
    judged(text, blames, care=True)  # a care note replaces the suggestion where the care classifier reads danger


@pytest.mark.parametrize(("text", "not_named"), [
    ("You always fly off the handle when I bring up the budget", "handle"),
    ("you always sweep it under the rug", "rug"),
    ("you always throw me under the bus in front of your mum", "bus"),
])
def test_an_idioms_nouns_are_no_topic(pipeline: Loaded, text: str, not_named: str) -> None:
    """A cold idiom in a figure is not said again (it would still blame) and its nouns are no topic: nothing is
    asked about a handle or a rug."""
    found = nlp.analyze(text)
    assert found.blaming and found.suggestion, found
    assert not_named not in found.suggestion, found.suggestion
    assert not nlp.analyze(found.suggestion).blaming, found.suggestion


def test_an_act_said_plainly_in_an_idiom_is_said_again(pipeline: Loaded) -> None:
    """"talk over me" names the act; "I feel ... when you talk over me" is a real I-statement its rule leaves alone."""
    found = nlp.analyze("You keep talking over me")
    assert found.suggestion and "when you talk over me" in found.suggestion, found
    assert not nlp.analyze(found.suggestion).blaming


@pytest.mark.parametrize(("text", "insult"), [("ur such a drama queen about the bins", "queen"),
                                              ("you're all talk about the garden", "talk")])
def test_an_idiom_that_labels_is_not_said_again(pipeline: Loaded, text: str, insult: str) -> None:
    found = nlp.analyze(text)
    assert found.blaming and found.suggestion and insult not in found.suggestion, found


def test_a_cold_idiom_asked_about_is_not_warmed_by_its_negation(pipeline: Loaded) -> None:
    """"not" before a cold idiom is praise said of the partner, a plea asked of them."""
    doc = pipeline.language("Can you for once not be glued to your phone at dinner?")
    assert [s.label_ for s in doc.spans[IDIOM_KEY]] == ["pressed"]
    assert nlp.analyze("Can you for once not be glued to your phone at dinner?").blaming
    assert not nlp.analyze("you never bite my head off, even when I deserve it").blaming


def test_a_hyphenated_idiom_matches_with_or_without_its_hyphen(pipeline: Loaded) -> None:
    assert idiom_pattern("two-faced") == ({"LOWER": "two"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "faced"})
    for text in ("you're so two-faced", "you're so two faced"):
        assert nlp.analyze(text).blaming, text


def test_cant_be_bothered_says_the_act_not_done(pipeline: Loaded) -> None:
    """A newcomer's: "you can't even be bothered to call" was offered "when you aren't call"."""
    found = nlp.analyze("you can't even be bothered to call")
    assert found.suggestion and "when you don't call" in found.suggestion, found
    assert nlp.analyze("you just can't be bothered").blaming
