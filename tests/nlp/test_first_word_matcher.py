"""The gated matcher finds exactly what one plain Matcher with every pattern finds."""
from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher

from nlp.first_word_matcher import FirstWordMatcher, fast_start, first_key
from nlp.pipeline import Loaded


def test_fast_start_splits_only_a_plain_first_set() -> None:
    split = fast_start([{"LOWER": {"IN": ["why", "y"]}}, {"NORM": "you"}])
    assert split == [[{"LOWER": "why"}, {"NORM": "you"}], [{"LOWER": "y"}, {"NORM": "you"}]]
    optional = [{"LOWER": {"IN": ["so"]}, "OP": "?"}, {"NORM": "you"}]
    assert fast_start(optional) == [[{"LOWER": "so"}, {"NORM": "you"}], [{"NORM": "you"}]]
    assert first_key(optional) is None
    assert first_key([{"NORM": "you"}]) == ("NORM", "you")


def test_same_matches_as_one_matcher(pipeline: Loaded, labelled: list[dict[str, Any]]) -> None:
    language, book = pipeline.language, pipeline.rulebook
    plain, gated = Matcher(language.vocab), FirstWordMatcher(language.vocab)
    for rule in book.blame + book.frames + book.care:
        plain.add(rule.id, [list(p) for p in rule.patterns])
        gated.add(rule.id, rule.patterns)
    texts = [row["text"] for row in labelled] + ["So it sounds like u never know, Y do u always?"]
    for doc in language.pipe(texts):
        assert sorted(gated(doc)) == sorted(plain(doc)), doc.text


def test_building_the_matcher_leaves_loaded_rules_untouched(pipeline: Loaded) -> None:
    from nlp.rule_loading import load_lexicon, load_rule_file
    from nlp.rule_types import DATA_DIR

    fresh = load_rule_file(DATA_DIR / "blame_rules.jsonl", load_lexicon(DATA_DIR / "lexicon.json"))
    assert fresh == pipeline.rulebook.blame
