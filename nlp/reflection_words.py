"""Which words of a statement a reflection should carry, and which words a reflection carries.

Words are compared by lemma, case-insensitively: "Sundays" reflects "sundays", "ran" reflects "running".
The tagger reads a capitalised or shouted word ("Sundays", "DISHES") as a proper noun, whose lemma spaCy's
English rule lemmatizer leaves as written; such a word also gets that lemmatizer's readings of its
lower-case form as a noun and as a verb.

What the speaker corrected away is not a word to reflect (`corrected_away`): the negated half of a
contrast the speaker draws themselves, as in
  "No, it's not the money, it's the silence"   the same lead ("it 's") again, without the negation
  "I'm not angry, I'm hurt"                    the same lead ("I 'm")
  "not the money but the silence"              "but", "rather" or "instead" before a noun phrase
  "It isn't about the money."                  "it/that/this is not ...": a topic set aside, alone too
A negation without such a contrast stays the speaker's point: in "I don't feel heard, and it hurts"
"heard" is a word to reflect.
"""
from __future__ import annotations

from typing import NamedTuple, cast

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV"})
BREAKS = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014", "..."})  # a clause ends here, as at a full stop
CONTRASTS = frozenset({"but", "rather", "instead"})
OPENERS = frozenset({"no", "nope", "well", "so", "oh", "actually", "honestly"})  # before the lead: "No, it's ..."
SET_ASIDE = (("it", "be"), ("that", "be"), ("this", "be"))  # "it's not (about) X": X is set aside


class Word(NamedTuple):
    """A content word of a statement: its lemmas (lower-case) and the word as the speaker wrote it, lower-cased."""

    lemmas: frozenset[str]
    surface: str


class _Clause(NamedTuple):
    start: int
    end: int
    after_contrast: bool  # opened by "but", "rather" or "instead"


def lemmas_of(doc: Doc, language: Language) -> list[frozenset[str]]:
    """Each token's lower-case lemmas (see the module docstring), in token order."""
    readings = [{token.lemma_.lower()} for token in doc]
    odd = [i for i, token in enumerate(doc) if token.pos_ == "PROPN" or (token.is_upper and len(token) > 1)]
    if odd:
        lemmatizer = cast(Lemmatizer, language.get_pipe("lemmatizer"))
        lowered = Doc(doc.vocab, words=[doc[i].lower_ for i in odd] * 2, pos=["NOUN"] * len(odd) + ["VERB"] * len(odd))
        for i, token in zip(odd * 2, lowered, strict=True):
            readings[i].update(lemma.lower() for lemma in lemmatizer.rule_lemmatize(token))
    return [frozenset(reading) for reading in readings]


def is_content(token: Token) -> bool:
    """A word worth reflecting: a noun, verb, adjective, adverb or name that is not a stop word."""
    return token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha and len(token) > 1


def words_to_reflect(doc: Doc, language: Language) -> list[Word]:
    """The statement's content words, once each, in order, leaving out what the speaker corrected away.

    A word corrected away in one place and said plainly in another ("not the money *talk*, the *talk*
    about plans") is still a word to reflect.
    """
    lemmas = lemmas_of(doc, language)
    away = corrected_away(doc)
    kept = [i for i, token in enumerate(doc) if is_content(token) and i not in away]
    words: list[Word] = []
    for i in kept:
        if not any(lemmas[i] & word.lemmas for word in words):
            words.append(Word(lemmas[i], doc[i].lower_))
    return words


def corrected_away(doc: Doc) -> set[int]:
    """Indices of the tokens in the negated half of a contrast the speaker draws (see the module docstring)."""
    clauses = _clauses(doc)
    away: set[int] = set()
    for clause, following in zip(clauses, [*clauses[1:], None][:len(clauses)], strict=True):  # none: punctuation alone
        negation = next((i for i in range(clause.start, clause.end) if doc[i].lemma_.lower() == "not"), None)
        if negation is None:
            continue
        lead = _lead(doc, clause.start, negation)
        # "Not annoyed, more worn out": a clause that opens with its "not" sets aside what follows it
        if lead[:2] in SET_ASIDE or (following is not None and (not lead or _answers(doc, lead, following))):
            away.update(range(negation + 1, clause.end))
    return away


def _clauses(doc: Doc) -> list[_Clause]:
    """The text cut at sentence ends, clause punctuation, and before "but", "rather" or "instead"."""
    clauses: list[_Clause] = []
    start, contrast = 0, False
    for i, token in enumerate(doc):
        cut_before = (token.is_sent_start and i > 0) or token.lower_ in CONTRASTS
        if cut_before or token.text in BREAKS:
            if i > start:
                clauses.append(_Clause(start, i, contrast))
            start, contrast = (i, token.lower_ in CONTRASTS) if cut_before else (i + 1, False)
    if len(doc) > start:
        clauses.append(_Clause(start, len(doc), contrast))
    return [c for c in clauses if any(not t.is_punct for t in doc[c.start:c.end])]


def _lead(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The lemmas that open a clause up to `end`, without openers ("No, ...") or the auxiliary "do"."""
    return tuple(t.lemma_.lower() for t in doc[start:end]
                 if not t.is_punct and t.lower_ not in OPENERS and t.lemma_.lower() not in CONTRASTS
                 and not (t.pos_ == "AUX" and t.lemma_.lower() == "do"))


def _answers(doc: Doc, lead: tuple[str, ...], clause: _Clause) -> bool:
    """Whether `clause` answers a negated clause opened by `lead`: not negated itself, and either the same
    lead again ("I'm not angry, I'm hurt") or "but/rather/instead" before something other than a subject."""
    tokens = doc[clause.start:clause.end]
    if any(t.lemma_.lower() == "not" for t in tokens):
        return False
    if clause.after_contrast:
        rest = [t for t in tokens[1:] if not t.is_punct]
        return bool(rest) and rest[0].pos_ != "PRON"
    return bool(lead) and _lead(doc, clause.start, clause.end)[:len(lead)] == lead
