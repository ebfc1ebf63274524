"""Texting spellings read as the words they stand for. Before any rule matches (`spell_out`): "u" is "you", "ur" is
"you're", and a contraction written without its apostrophe ("youre", "youve", "u r") has the lemma of the verb
it is. The care classifiers read the text spelled out (`spelled`): "im home" as "i'm home".

spaCy's tokenizer splits "youre" into "you" + "re" but lemmatizes "re" as "re", so a rule on the lemma "be"
never saw "youre never ready"; the lexicon's texting spellings (data/lexicon.json) set only the norm.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc

from .clause_words import load_clause_words

# a contraction's second half, its apostrophe lost, and its lemma
CONTRACTIONS = {"re": "be", "r": "be", "m": "be", "ve": "have", "ll": "will"}
SUBJECTS = frozenset({"you", "u", "ya", "we", "they", "i"})


def spell_out(doc: Doc, texting: Mapping[str, str]) -> None:
    """Set each texting spelling's norm (texting: lower-case spelling -> its word), and the lemma of an
    apostrophe-less contraction's verb after a pronoun ("you|re", "u r", "we|ve"; "i|m" stays as the blame
    classifier was trained on it). Norms are what that classifier reads, so they stay as trained too."""
    for token in doc:
        norm = texting.get(token.lower_)
        if norm is not None:
            token.norm_ = norm
        lemma = CONTRACTIONS.get(token.lower_)
        before = doc[token.i - 1].lower_ if token.i else ""
        if lemma is not None and before in SUBJECTS and before != "i" and token.tag_.startswith("VB"):
            token.lemma_ = lemma


# Contractions typed without their apostrophe; texting's other spellings are the lexicon's and clauses.json's.
UNMARKED = {"im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't",
            "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't", "arent": "aren't", "werent": "weren't",
            "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "hasnt": "hasn't",
            "havent": "haven't", "hes": "he's", "shes": "she's", "theyre": "they're", "thats": "that's",
            "whats": "what's", "youve": "you've", "youll": "you'll", "youd": "you'd"}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def spellings() -> dict[str, str]:
    """Texting spellings and their words, lower case: data/lexicon.json's, clauses.json's and UNMARKED."""
    return {spelling: word.lower() for spelling, word in {**load_clause_words().texting, **UNMARKED}.items()}


def spelled(text: str, texting: Mapping[str, str]) -> str:
    """The text as the care classifiers read it: lower case, each texting spelling written as its word ("im
    home" -> "i'm home"): how a person types is not what they say."""
    return _WORD.sub(lambda word: texting.get(word.group(0), word.group(0)), text.lower())
