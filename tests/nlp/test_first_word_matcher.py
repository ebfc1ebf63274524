"""The gated matcher finds exactly what one plain Matcher with every pattern finds, sentence by sentence."""
from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher

from nlp.first_word_matcher import FirstWordMatcher, _optional_first, anchor
from nlp.pipeline import Loaded


def test_a_pattern_is_keyed_on_its_rarest_required_words() -> None:
    person = {"LOWER": {"IN": ["he", "she", "you"]}}
    assert anchor([person, {"OP": "{0,10}"}, {"LOWER": "breathe"}]) == ("LOWER", ("breathe",))
    assert anchor([{"NORM": "you"}, {"LEMMA": {"IN": ["hit", "slap"]}}]) == (
        "LEMMA", ("hit", "slap"))  # a set without stop words beats one with them, however small
    assert anchor([{"NORM": "you"}, {"OP": "?"}]) == ("NORM", ("you",))
    assert anchor([{"OP": "?"}, {"POS": "VERB"}]) is None  # nothing required: tried everywhere


def test_an_optional_first_token_becomes_two_patterns() -> None:
    optional: list[dict[str, Any]] = [{"LOWER": {"IN": ["so"]}, "OP": "?"}, {"NORM": "you"}]
    assert _optional_first(optional) == [[{"LOWER": {"IN": ["so"]}}, {"NORM": "you"}], [{"NORM": "you"}]]


def test_same_matches_as_one_matcher(pipeline: Loaded, labelled: list[dict[str, Any]]) -> None:
    language, book = pipeline.language, pipeline.rulebook
    plain, gated = Matcher(language.vocab), FirstWordMatcher(language.vocab)
    for rule in book.blame + book.frames + book.care:
        plain.add(rule.id, [list(p) for p in rule.patterns])
        gated.add(rule.id, rule.patterns)
    texts = [row["text"] for row in labelled] + ["So it sounds like u never know, Y do u always?"]
    for doc in language.pipe(texts):
        by_sentence = {(m, s.start + a, s.start + b) for s in doc.sents for m, a, b in plain(s)}
        assert gated(doc) == sorted(by_sentence, key=lambda m: (m[1], m[2], m[0])), doc.text


def test_building_the_matcher_leaves_loaded_rules_untouched(pipeline: Loaded) -> None:
    from nlp.idioms import blame_rules, load_idioms
    from nlp.rule_loading import load_lexicon, load_rule_file
    from nlp.rule_types import DATA_DIR

    fresh = load_rule_file(DATA_DIR / "blame_rules.jsonl", load_lexicon(DATA_DIR / "lexicon.json"))
    assert fresh + blame_rules(load_idioms()) == pipeline.rulebook.blame
