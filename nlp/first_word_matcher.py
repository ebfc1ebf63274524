"""A Matcher split by the words its patterns need, so a message only pays for the rules it could match."""
from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a pattern's first token may be keyed on, and how to read them from a token.
KEYED = ("LOWER", "NORM", "LEMMA", "ORTH")
ATTR_IDS = {attr: number for number, attr in enumerate(KEYED)}  # the order __call__ reads them in
Pattern = list[dict[str, Any]]


def anchor(pattern: Pattern) -> tuple[str, tuple[str, ...]] | None:
    """The required token a match can least do without: (attribute, the words it may be), or None.

    Every match holds one of these words, so the pattern need only be tried in a message that does. The
    anchor is the token (with no OP) whose words are rarest in chat: a set without stop words beats
    one with them ("breathe" beats "he/she/you"), then the smaller set wins.
    """
    best: tuple[tuple[bool, int], str, tuple[str, ...]] | None = None
    for token in pattern:
        if "OP" in token:
            continue
        for attr in KEYED:
            value = token.get(attr)
            if isinstance(value, str):
                words: tuple[str, ...] = (value,)
            elif isinstance(value, dict) and set(value) == {"IN"}:
                words = tuple(value["IN"])
            else:
                continue
            score = (any(word.lower() in STOP_WORDS for word in words), len(words))
            if best is None or score < best[0]:
                best = (score, attr, words)
    return (best[1], best[2]) if best else None


class FirstWordMatcher:
    """Many small Matchers keyed by a word every match must hold, plus one for patterns that can match anywhere.

    spaCy's Matcher tries every pattern at every token, so its cost grows with the rule count;
    a chat message holds only a few of the words rules need, so most are never tried. A pattern is
    keyed on its anchor (its rarest required word set), under each word of it; each sentence runs the
    matchers of the words it holds. The matches are exactly those of one Matcher holding every pattern,
    run sentence by sentence (each once, though a pattern may be tried under two of its words).
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._by_key: dict[int, Matcher] = {}  # by the hash of "<attribute>=<word>"
        self._anywhere = Matcher(vocab, validate=True)

    def add(self, key: str, patterns: Iterable[Iterable[dict[str, Any]]]) -> None:
        """Add a rule's patterns under its key (the rule id)."""
        grouped: dict[tuple[str, str] | None, list[Pattern]] = {}
        for pattern in patterns:
            for expanded in _optional_first(list(pattern)):
                found = anchor(expanded)
                if found is None:
                    grouped.setdefault(None, []).append(expanded)
                    continue
                attr, words = found
                for word in dict.fromkeys(words):
                    grouped.setdefault((attr, word), []).append(expanded)
        for start, group in grouped.items():
            matcher = self._anywhere if start is None else self._by_key.setdefault(
                self._hash(*start), Matcher(self.vocab, validate=True))
            matcher.add(key, group)

    def _hash(self, attr: str, word: str) -> int:
        """The key of a word under an attribute: what `__call__` reads off each token, as whole numbers."""
        return hash((ATTR_IDS[attr], self.vocab.strings.add(word)))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match_id, start, end) for every pattern that matches within one sentence (each once), in order.

        Each keyed matcher reads only the sentences that hold its word, so a long message is not read
        whole once per word it holds; a match across two sentences is never one a rule wants.
        """
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        holding: dict[int, list[int]] = {}
        # Whole numbers, not strings, read as one array rather than token by token: this runs for every
        # word of every message.
        rows = doc.to_array([LOWER, NORM, LEMMA, ORTH]).tolist()
        for index, sentence in enumerate(sentences):
            present: set[int] = set()
            for lower, norm, lemma, orth in rows[sentence.start:sentence.end]:
                present.update((hash((0, lower)), hash((1, norm)), hash((2, lemma)), hash((3, orth))))
            for key in present:  # not present.intersection(self._by_key): that walks every key of the dict
                if key in self._by_key:
                    holding.setdefault(key, []).append(index)
        matches: set[tuple[int, int, int]] = set()
        for key, indices in holding.items():
            matcher = self._by_key[key]
            for index in indices:
                sentence = sentences[index]
                matches.update((match_id, sentence.start + start, sentence.start + end)
                               for match_id, start, end in matcher(sentence))
        if len(self._anywhere):
            for sentence in sentences:
                matches.update((match_id, sentence.start + start, sentence.start + end)
                               for match_id, start, end in self._anywhere(sentence))
        return sorted(matches, key=lambda m: (m[1], m[2], m[0]))


def _optional_first(pattern: Pattern) -> list[Pattern]:
    """An optional first token as two patterns, with it and without it (copies; the rules stay frozen)."""
    first, *rest = [copy.deepcopy(t) for t in pattern]
    if first.get("OP") == "?" and rest:
        return _optional_first([{k: v for k, v in first.items() if k != "OP"}, *rest]) + _optional_first(rest)
    return [[first, *rest]]
