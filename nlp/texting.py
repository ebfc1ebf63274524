"""Texting spellings read as the words they stand for, before any rule matches: "u" is "you", "ur" is "you're",
and a contraction written without its apostrophe ("youre", "youve", "u r") has the lemma of the verb it is.

spaCy's tokenizer splits "youre" into "you" + "re" but lemmatizes "re" as "re", so a rule on the lemma "be"
never saw "youre never ready"; the lexicon's texting spellings (data/lexicon.json) set only the norm.
"""
from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

# a contraction's second half, its apostrophe lost, and its lemma
CONTRACTIONS = {"re": "be", "r": "be", "m": "be", "ve": "have", "ll": "will"}
SUBJECTS = frozenset({"you", "u", "ya", "we", "they", "i"})
LEMMA_SUBJECTS = SUBJECTS - {"i"}  # "i|m" keeps spaCy's lemma: the blame classifier was trained on it
# "ur" is "your" before a noun, an adjective or a bare verb ("do *ur* share": "you're" never comes before one), and
# after a preposition, whatever spaCy tagged the next word ("about *ur* ranked games" is no "you're ranked")
OWNED_AFTER = frozenset({"about", "on", "with", "for", "to", "in", "at", "of", "from", "into", "onto", "over",
                         "without", "off", "through", "by", "under", "towards"})


def spell_out(doc: Doc, texting: Mapping[str, str]) -> None:
    """Set each texting spelling's norm (texting: lower-case spelling -> its word), and the lemma of an
    apostrophe-less contraction's verb after a pronoun ("you|re", "u r", "we|ve"; "i|m" stays as the blame
    classifier was trained on it). Norms are what that classifier reads, so they stay as trained too."""
    for token in doc:
        norm = texting.get(token.lower_)
        if norm is not None:
            token.norm_ = norm
        lemma = CONTRACTIONS.get(token.lower_)
        # the token before is read only for a contraction's half, not for every word
        if lemma is not None and token.i and doc[token.i - 1].lower_ in LEMMA_SUBJECTS and token.tag_.startswith("VB"):
            token.lemma_ = lemma

