"""Openings that say the "never" they imply (clause_reading.py): "would it kill you to help" and "is it so hard to
text back" say "you never help", "you never text back"; "do you ever listen" asks "do you never listen". The
openings are data/clauses.json's `implied_never_leads` and `implied_never`."""
from __future__ import annotations

from collections.abc import Sequence

from .clause_words import AUXILIARIES, PARTNER, ClauseWords, Word, is_verb

QUESTION_LEAD_TAGS = frozenset({"UH", ",", "CC", "RB", ":"})  # "oh", "and", "so" before a question's auxiliary


def _skipping(raw: Sequence[Word], at: int, phrase: tuple[str, ...], vocabulary: ClauseWords) -> int:
    """How far `phrase` reaches from `at`, words clauses.json drops allowed between its words ("is it *really*
    too much to ask"), else 0."""
    i = at
    for expected in phrase:
        while i > at and i < len(raw) and raw[i].lower != expected and raw[i].lower in vocabulary.dropped:
            i += 1
        if i >= len(raw) or raw[i].lower != expected:
            return 0
        i += 1
    return i - at


def never_lead(raw: Sequence[Word], at: int, vocabulary: ClauseWords) -> int:
    """The length of an opening that says "you never" ("would it kill you to", "is it so hard to") at `at`, with
    any modal after it ("that you 'd"), when a verb follows; else 0."""
    for phrase in vocabulary.implied_never_leads:
        reach = _skipping(raw, at, phrase, vocabulary)
        if reach:
            i = at + reach
            while i < len(raw) and (raw[i].tag == "MD" or raw[i].lower in vocabulary.dropped):
                i += 1
            return i - at if i < len(raw) and raw[i].tag in ("VB", "VBP") else 0
    return 0


def asks_yes_or_no(kept: Sequence[Word]) -> bool:
    """Whether the words so far open a yes/no question to the partner: an auxiliary, not negated, then "you"
    ("Do you", "Oh, have you"; not "Why do you", "Don't you")."""
    at = 0
    while at < len(kept) and kept[at].tag in QUESTION_LEAD_TAGS:
        at += 1
    core = kept[at:]
    return len(core) == 2 and is_verb(core[0]) and core[0].lemma in AUXILIARIES and core[1].lower in PARTNER
