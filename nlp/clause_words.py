"""The words a clause is read in: data/clauses.json's lists, the lexicon's texting spellings and word lists, and
vaderSentiment's ratings; and a sentence's tokens as plain words, in texting-free, CAPS-free spelling.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]  # no hints

from .errors import RuleFileError
from .rule_loading import load_lexicon
from .rule_types import DATA_DIR

CLAUSES_FILE = DATA_DIR / "clauses.json"
PARTNER = frozenset({"you", "u", "ya", "yu"})
WRITER = frozenset({"i", "me", "we", "us"})
AUXILIARIES = frozenset({"do", "be", "have", "can", "could", "would", "will", "should", "must", "may", "might"})
CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'m", "'d")
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


@dataclass(frozen=True)
class ClauseWords:
    """The word lists the extraction reads (data/clauses.json), the lexicon's texting spellings and labels,
    and vaderSentiment's ratings (word -> valence, -4..4)."""

    dropped: frozenset[str]
    dropped_phrases: tuple[tuple[str, ...], ...]
    boundaries: tuple[tuple[str, ...], ...]
    states: frozenset[str]
    vague_verbs: frozenset[str]
    insults: tuple[tuple[str, ...], ...]
    anaphors: frozenset[str]
    sarcasm_leads: tuple[tuple[str, ...], ...]
    blaming_phrases: tuple[tuple[str, ...], ...]
    hedges: frozenset[str]
    past_forms: dict[str, str]
    texting: dict[str, str]
    labels: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    blaming_verbs: frozenset[str]
    withheld_verbs: frozenset[str]
    habit_verbs: frozenset[str]
    valence: dict[str, float] = field(repr=False)


@dataclass
class Word:
    """One word of a sentence as the clause reads it: spelling, lower case, lemma and fine-grained tag."""

    text: str
    lower: str
    lemma: str
    tag: str


def _phrases(values: object, key: str, path: Path) -> tuple[tuple[str, ...], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RuleFileError(f"{path.name}: '{key}' must be a list of non-empty strings")
    return tuple(sorted((tuple(v.lower().split()) for v in values), key=len, reverse=True))


def load_clause_words(path: Path = CLAUSES_FILE, lexicon_path: Path = DATA_DIR / "lexicon.json") -> ClauseWords:
    """Read clauses.json (and lexicon.json's texting spellings and labels), rejecting missing or unknown keys."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"{path.name}: cannot read JSON ({exc})") from exc
    lists = ("dropped", "dropped_phrases", "boundaries", "states", "vague_verbs", "insults", "anaphors",
             "sarcasm_leads", "hedges", "blaming_phrases")
    if not isinstance(raw, dict) or set(raw) != {*lists, "past_forms", "spellings"}:
        raise RuleFileError(f"{path.name}: expected exactly the keys {sorted({*lists, 'past_forms', 'spellings'})}")
    words = {key: _phrases(raw[key], key, path) for key in lists}
    for key in ("past_forms", "spellings"):
        if not isinstance(raw[key], dict) or not all(isinstance(v, str) and v for v in raw[key].values()):
            raise RuleFileError(f"{path.name}: '{key}' must map each word to a non-empty word")
    lexicon = load_lexicon(lexicon_path)
    known = dict(lexicon.lists)
    return ClauseWords(
        dropped=frozenset(w[0] for w in words["dropped"]), dropped_phrases=words["dropped_phrases"],
        boundaries=words["boundaries"], states=frozenset(w[0] for w in words["states"]),
        vague_verbs=frozenset(w[0] for w in words["vague_verbs"]), insults=words["insults"],
        anaphors=frozenset(w[0] for w in words["anaphors"]), sarcasm_leads=words["sarcasm_leads"],
        blaming_phrases=words["blaming_phrases"],
        hedges=frozenset(w[0] for w in words["hedges"]), past_forms=dict(raw["past_forms"]),
        texting=dict(lexicon.texting) | {k.lower(): v for k, v in raw["spellings"].items()}, labels=lexicon.labels,
        positive=lexicon.positive, negative=lexicon.negative,
        blaming_verbs=frozenset(known.get("damage_verbs", ())) | {"blame", "hurt", "make"},
        withheld_verbs=frozenset(known.get("withheld_verbs", ())) | {"think"},
        habit_verbs=frozenset(known.get("habit_verbs", ())),
        valence=dict(SentimentIntensityAnalyzer().lexicon))


def _word(token: Token, vocabulary: ClauseWords) -> Word:
    lower = token.lower_
    if lower in vocabulary.texting:  # its tag was guessed for the spelling: keep it only for pronouns and verbs
        text = "your" if token.tag_ == "PRP$" and lower in ("ur", "yr") else vocabulary.texting[lower]
        keep = token.tag_ in ("PRP", "PRP$", "MD") or token.tag_.startswith("VB")
        tag = token.tag_ if keep else "PRP" if text in PARTNER else "XX"
        return Word(text=text, lower=text.lower(), lemma=text.lower(), tag=tag)
    text = token.text
    if lower == "i":
        text = "I"
    elif (text.isupper() and len(text) > 1) or token.tag_ not in ("NNP", "NNPS"):
        text = text.lower()
    return Word(text=text, lower=lower, lemma=token.lemma_.lower(), tag=token.tag_)


def starts(words: Sequence[Word], at: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the first phrase (in `phrases`' order) that starts at `at`, else 0. Only the phrases whose
    first word is the word at `at` are compared: comparing them all was most of a suggestion's time."""
    if at >= len(words):
        return 0
    for phrase in _by_first_word(phrases).get(words[at].lower, ()):
        if tuple(w.lower for w in words[at:at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


_indexes: dict[int, tuple[tuple[tuple[str, ...], ...], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """`phrases` grouped by their first word, in order; built once per phrase list (kept by identity)."""
    known = _indexes.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    _indexes[id(phrases)] = (phrases, index)
    return index


def read_words(sentence: Span, vocabulary: ClauseWords, skipped: frozenset[int]) -> list[Word]:
    """The sentence's words in texting-free, CAPS-free spelling, with its absolutes and asides taken out."""
    raw: list[Word] = []
    for token in sentence:
        if token.is_space or token.i in skipped or token.tag_ in ("``", "''") or token.text in ('"', "*"):
            continue
        word = _word(token, vocabulary)
        if word.lower == "nt":
            word = Word("n't", "n't", "not", "RB")
        elif word.lower == "m" and raw and raw[-1].lower == "i":
            word = Word("'m", "'m", "be", "VBP")
        elif token.lower_ in ("ur", "yr") and token.i + 1 < sentence.end and token.doc[token.i + 1].tag_ in (
                "NN", "NNS", "JJ", "NNP"):
            word = Word("your", "your", "your", "PRP$")
        elif word.tag == "VBG" and raw and raw[-1].lower in PARTNER and not (
                len(raw) > 1 and raw[-2].lemma == "be"):  # "u going out?" -> "you go out"; "are you going" stays
            word = Word(word.lemma, word.lemma, word.lemma, "VBP")
        if "'" in word.text and " " not in word.text and not word.text.startswith("'") and word.lower in (
                "you're", "i'm", "you've", "i've", "we're", "you'll"):
            head, tail = word.text.split("'")
            head = "I" if head.lower() == "i" else head
            raw += [Word(head, head.lower(), head.lower(), "PRP"), Word("'" + tail, "'" + tail, tail, "VBP")]
        else:
            raw.append(word)
    kept: list[Word] = []
    i = 0
    while i < len(raw):
        skip = starts(raw, i, vocabulary.dropped_phrases)
        if skip:
            i += skip
            continue
        word, following = raw[i], raw[i + 1] if i + 1 < len(raw) else None
        tail_tag = following.tag if following else ""
        if word.lower in vocabulary.dropped and not (
                word.lower == "so" and tail_tag not in ("JJ", "RB", "VBN", "JJR")) and not (
                word.lower == "own" and tail_tag not in NOUN_TAGS):
            i += 1
            continue
        if word.lemma == "keep" and following is not None and following.tag == "VBG" and kept and (
                kept[-1].lower in PARTNER):  # "you keep talking over me" says "you talk over me" as a habit
            done = past_form(following.lemma, vocabulary) if word.tag == "VBD" else following.lemma
            kept.append(Word(done, done, following.lemma, "VBD" if word.tag == "VBD" else "VBP"))
            i += 2
            continue
        if not (word.lower == "once" and kept and kept[-1].lower in ("never", "not", "n't")):
            kept.append(word)
        i += 1
    return kept


def is_verb(word: Word) -> bool:
    """Whether a word is a verb, an auxiliary or a modal."""
    return word.tag.startswith("VB") or word.tag == "MD"


def plain(text: str, tag: str = "RB", lemma: str | None = None) -> Word:
    """A word the clause puts in itself ("don't", "you")."""
    return Word(text, text.lower(), lemma or text.lower(), tag)


def past_form(lemma: str, vocabulary: ClauseWords) -> str:
    """The simple past of a verb's lemma: the irregular table in clauses.json, else English spelling rules."""
    if lemma in vocabulary.past_forms:
        return vocabulary.past_forms[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def render(words: Sequence[Word]) -> str:
    """Join words, gluing "n't", "'s", "'re" and the like to the word before."""
    text = ""
    for word in words:
        glued = word.lower in CLITICS or word.lower == "'"
        text += word.text if glued or not text else " " + word.text
    return text
