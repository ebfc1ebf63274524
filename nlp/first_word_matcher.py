"""A Matcher split by first word, so a message only pays for the rules its words could start."""
from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a pattern's first token may be keyed on, and how to read them from a token.
KEYED = ("LOWER", "NORM", "LEMMA", "ORTH")
Pattern = list[dict[str, Any]]


def fast_start(pattern: Iterable[dict[str, Any]]) -> list[Pattern]:
    """Copies of a pattern with a first-token {"IN": [...]} split into one pattern per word.

    A leading optional token becomes two patterns. Copies keep the frozen rules untouched.
    """
    first, *rest = [copy.deepcopy(t) for t in pattern]
    if first.get("OP") == "?" and rest:
        # An optional first token would be tried everywhere; say "with it" and "without it" instead.
        return fast_start([{k: v for k, v in first.items() if k != "OP"}, *rest]) + fast_start(rest)
    sets = [k for k, v in first.items() if isinstance(v, dict) and set(v) == {"IN"}]
    if "OP" in first or len(sets) != 1 or sets[0] not in KEYED:
        return [[first, *rest]]
    key = sets[0]
    return [[{**first, key: value}, *copy.deepcopy(rest)] for value in first[key]["IN"]]


def first_key(pattern: Pattern) -> tuple[str, str] | None:
    """The (attribute, value) every match of this pattern must start with, if there is one."""
    first = pattern[0]
    if "OP" in first:
        return None
    for attr in KEYED:
        if isinstance(first.get(attr), str):
            return attr, first[attr]
    return None


class FirstWordMatcher:
    """Many small Matchers keyed by first word, plus one for patterns that can start anywhere.

    spaCy's Matcher tries every pattern at every token, so its cost grows with the rule count;
    a chat message holds only a few of the words rules start with, so most are never tried.
    The matches are exactly those of one Matcher holding every pattern.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._by_key: dict[tuple[str, str], Matcher] = {}
        self._anywhere = Matcher(vocab, validate=True)

    def add(self, key: str, patterns: Iterable[Iterable[dict[str, Any]]]) -> None:
        """Add a rule's patterns under its key (the rule id)."""
        grouped: dict[tuple[str, str] | None, list[Pattern]] = {}
        for pattern in patterns:
            for split in fast_start(pattern):
                grouped.setdefault(first_key(split), []).append(split)
        for start, group in grouped.items():
            matcher = self._anywhere if start is None else self._by_key.setdefault(
                start, Matcher(self.vocab, validate=True))
            matcher.add(key, group)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match_id, start, end) for every pattern that matches, like Matcher.__call__."""
        present: set[tuple[str, str]] = set()
        for token in doc:
            present.update((("LOWER", token.lower_), ("NORM", token.norm_),
                            ("LEMMA", token.lemma_), ("ORTH", token.text)))
        matches = list(self._anywhere(doc)) if len(self._anywhere) else []
        for start in present.intersection(self._by_key):
            matches.extend(self._by_key[start](doc))
        return matches
