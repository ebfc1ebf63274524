"""What the blame classifier reads of a message: its words, and the same words seen as word classes.

A bag of words learns only the words its corpus used: "you're so demanding" teaches nothing about
"you're so touchy". So the classifier reads three lines of the same tokens (`model_words`):
  1. the words as written, lower-cased;
  2. each word as its class where it has one: YOU (the partner: data/blame_reading.json's `partner`,
     also by norm, so "u" and "ur" count), ABS (an absolute), NOT (a negator), FEEL (a feeling such as
     "tired" or "worried": "you're so tired lately" is care, "you're so touchy" a verdict, though the
     lexicon rates both cold), NEG or POS (its valence), else its lemma;
  3. the same classes, else the word's part of speech.
Exclamation marks are left out and a run of the same punctuation counts once: the corpus's writers put
"!!" after thanks more often than after blame, but people type it in both moods. Runs of two to four words
of lines 2 and 3 ("you 're so NEG", "YOU ABS VERB the NOUN") carry what the
words alone cannot. Valence comes from vaderSentiment's lexicon (about 7,500 rated words, MIT): a word
rated at or beyond `valence_cut` either way is NEG or POS; Hearth's own word lists in lexicon.json
(`positive`, `negative` and the labels) override it ("late", "touchy" are cold for couples).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import IS_SPACE, LEMMA, LOWER, NORM, POS
from spacy.tokens import Doc, Token
from .errors import RuleFileError
from .polarity import vader_ratings
from .rule_types import DATA_DIR, KINDS, Lexicon

READING_FILE = DATA_DIR / "blame_reading.json"
SEPARATOR = "||"
ATTRS = [LOWER, NORM, LEMMA, POS, IS_SPACE]
EMPHASIS = frozenset({"!", "!!", "!!!"})  # left out of what the classifier reads (`model_words`)
CORPUS_KINDS = ("absolute", "other_subject", "accusation", "question", "should", "label", "contempt",
                "feelings", "disguised")


class TokenClasses(NamedTuple):
    """The three lines of a message token by token (see the module's docstring), each token's word class
    (None for a space or a word without one), and the indices of the space tokens."""

    written: list[str]
    by_lemma: list[str]
    by_tag: list[str]
    classes: list[str | None]
    spaces: tuple[int, ...]


@dataclass(frozen=True)
class Reading:
    """The word classes the classifier reads, its corpus kinds as flag kinds, and a sentence per flag kind."""

    partner: frozenset[str]
    absolutes: frozenset[str]
    negators: frozenset[str]
    feelings: frozenset[str]
    valence: Mapping[str, str]  # word -> "NEG" or "POS"
    corpus_kinds: Mapping[str, str]  # a corpus kind -> a flag kind (rule_types.KINDS)
    explanations: Mapping[str, str]  # a flag kind -> why the coach noticed it

    def read(self, doc: Doc) -> TokenClasses:
        """The three lines of every token of a message, read once (from attribute arrays: no Token objects)."""
        strings = doc.vocab.strings
        written: list[str] = []
        by_lemma: list[str] = []
        by_tag: list[str] = []
        classes: list[str | None] = []
        spaces: list[int] = []
        for i, (lower_id, norm_id, lemma_id, pos_id, space) in enumerate(doc.to_array(ATTRS).tolist()):
            lower, norm = strings[lower_id], strings[norm_id]
            lemma = strings[lemma_id].lower()
            word_class = self._class_of(lower, norm, lemma)
            written.append(lower)
            by_lemma.append(word_class or lemma or lower)
            by_tag.append(word_class or (strings[pos_id] if pos_id else "") or lower)
            classes.append(None if space else word_class)
            if space:
                spaces.append(i)
        return TokenClasses(written, by_lemma, by_tag, classes, tuple(spaces))

    def word_class(self, token: Token) -> str | None:
        """YOU, ABS, NOT, FEEL, NEG, POS or None for one token."""
        return self._class_of(token.lower_, token.norm_, token.lemma_.lower())

    def _class_of(self, lower: str, norm: str, lemma: str) -> str | None:
        if lower in self.partner or norm in self.partner:
            return "YOU"
        if lower in self.absolutes:
            return "ABS"
        if lower in self.negators or norm in self.negators:
            return "NOT"
        if lower in self.feelings or lemma in self.feelings:
            return "FEEL"
        return self.valence.get(lower) or self.valence.get(lemma)

    def model_words(self, doc: Doc, ranges: Iterable[tuple[int, int]] | None = None,
                    read: TokenClasses | None = None) -> list[str]:
        """The three lines the classifier reads of a message, or of its token ranges (sentences), joined by
        SEPARATOR; `read` is the message's `read(doc)` when already made."""
        lines = read or self.read(doc)
        spaces = set(lines.spaces)
        at: list[int] = []
        for i in (i for start, end in (ranges or [(0, len(doc))]) for i in range(start, end) if i not in spaces):
            if lines.written[i] in EMPHASIS or (lines.by_tag[i] == "PUNCT" and at and lines.written[at[-1]] ==
                                                 lines.written[i]):
                continue  # "!!", "??": emphasis is said in anger and in joy alike, and weighs neither way
            at.append(i)
        return ([lines.written[i] for i in at] + [SEPARATOR] + [lines.by_lemma[i] for i in at] + [SEPARATOR]
                + [lines.by_tag[i] for i in at])


def valence_lexicon(lexicon: Lexicon, cut: float) -> dict[str, str]:
    """vaderSentiment's ratings at or beyond `cut` as NEG/POS, overridden by Hearth's own word lists."""
    valence = {word: ("NEG" if rating < 0 else "POS")
               for word, rating in vader_ratings().items() if abs(rating) >= cut}
    valence.update((word, "POS") for word in lexicon.positive)
    valence.update((word, "NEG") for word in lexicon.negative)
    return valence


def load_reading(lexicon: Lexicon, path: Path = READING_FILE) -> Reading:
    """Read blame_reading.json, rejecting unknown or missing keys and kinds the coach doesn't know."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"{path.name}: cannot read JSON ({exc})") from exc
    keys = {"partner", "absolutes", "negators", "feelings", "valence_cut", "corpus_kinds", "explanations"}
    if not isinstance(raw, dict) or set(raw) != keys:
        raise RuleFileError(f"{path.name}: expected exactly the keys {sorted(keys)}")
    for key in ("partner", "absolutes", "negators", "feelings"):
        if not (isinstance(raw[key], list) and all(isinstance(w, str) and w for w in raw[key])):
            raise RuleFileError(f"{path.name}: '{key}' must be a list of words")
    if not isinstance(raw["valence_cut"], (int, float)) or not 0 < raw["valence_cut"] <= 4:
        raise RuleFileError(f"{path.name}: 'valence_cut' must be a rating between 0 and 4")
    if set(raw["corpus_kinds"]) != set(CORPUS_KINDS) or not set(raw["corpus_kinds"].values()) <= set(KINDS):
        raise RuleFileError(f"{path.name}: 'corpus_kinds' must map every corpus kind to a flag kind")
    explanations = raw["explanations"]
    if set(explanations) != set(KINDS) or not all(isinstance(s, str) and s.endswith(".")
                                                  for s in explanations.values()):
        raise RuleFileError(f"{path.name}: 'explanations' must give every flag kind a sentence")
    return Reading(partner=frozenset(w.lower() for w in raw["partner"]),
                   absolutes=frozenset(w.lower() for w in raw["absolutes"]),
                   negators=frozenset(w.lower() for w in raw["negators"]),
                   feelings=frozenset(w.lower() for w in raw["feelings"]),
                   valence=valence_lexicon(lexicon, float(raw["valence_cut"])),
                   corpus_kinds=dict(raw["corpus_kinds"]), explanations=dict(explanations))
