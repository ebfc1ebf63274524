"""Feedback on a listener's paraphrase: how much it reflects, what it misses, and any rebuttal.

Which words count, and how they are compared (by lemma, case-insensitively, leaving out what the speaker
corrected away), is `reflection_words`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .analysis import check_text
from .component import BLAME_KEY
from .pipeline import loaded
from .reflection_words import lemmas_of, words_to_reflect

MAX_MISSING = 3
# Small synonym families: a paraphrase may use any member to reflect another.
SYNONYMS = (
    {"ignore", "overlook", "dismiss", "brush", "unheard", "unseen", "invisible", "neglect", "exclude",
     "left"},
    {"sad", "down", "upset", "unhappy", "low", "hurt"},
    {"angry", "mad", "furious", "annoyed", "frustrated", "irritated"},
    {"tired", "exhausted", "drained", "worn", "wiped"},
    {"lonely", "alone", "isolated", "left"},
    {"scared", "afraid", "frightened", "worried", "anxious", "nervous"},
    {"happy", "glad", "pleased", "delighted"},
    {"work", "job", "office"},
    {"home", "house"},
    {"talk", "speak", "say", "tell", "mention", "share"},
    {"listen", "hear"},
    {"help", "support", "assist"},
    {"dish", "dishes", "washing-up"},
    {"late", "delay", "delayed"},
    {"money", "cash", "finance", "spending", "spend"},
)
REBUTTALS = (
    "that's not true", "that is not true", "not true", "you're wrong", "you are wrong",
    "that's not what happened", "that is not what happened", "that's not fair", "i never",
    "i didn't", "i did not", "that's ridiculous", "come on", "whatever", "yeah right",
    "at least i", "what about you", "you do it too", "you're the one", "you are the one",
)
COUNTER_OPENINGS = ("well you", "well, you", "but you", "and you", "you're one to talk")


@dataclass(frozen=True)
class ParaphraseFeedback:
    """How well a paraphrase reflects a statement, and whether it slipped into arguing back."""

    overlap: float
    missing: tuple[str, ...]
    rebuttal: bool
    rebuttal_text: str | None
    new_complaint: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of every field."""
        return {"overlap": self.overlap, "missing": list(self.missing), "rebuttal": self.rebuttal,
                "rebuttal_text": self.rebuttal_text, "new_complaint": self.new_complaint}


def _family(lemma: str) -> set[str]:
    for group in SYNONYMS:
        if lemma in group:
            return group
    return {lemma}


def find_rebuttal(text: str) -> str | None:
    """The first rebuttal phrase in a paraphrase (lower-cased), or None."""
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    for opening in COUNTER_OPENINGS:
        if lowered.startswith(opening):
            return opening
    padded = f" {lowered.replace(',', ' ').replace('.', ' ').replace('!', ' ')} "
    for phrase in REBUTTALS + ("but",):
        if f" {phrase} " in padded:
            return phrase
    return None


def paraphrase_feedback(statement: str, paraphrase: str) -> ParaphraseFeedback:
    """Compare a listener's paraphrase with what the speaker stands by (two parses, one per text).

    `overlap` is the share (0-1) of the statement's words to reflect that the paraphrase carries, by lemma or
    a synonym family; `missing` up to MAX_MISSING of the others, lower-cased, in the statement's order.
    Raises TextRejected for a text nlp cannot read.
    """
    language = loaded().language
    said, heard = language.pipe([check_text(statement), check_text(paraphrase)])
    wanted = words_to_reflect(said, language)
    reflected = set().union(*lemmas_of(heard, language), (t.lower_ for t in heard))
    hits = [word for word in wanted if any(_family(lemma) & reflected for lemma in word.lemmas)]
    missing = tuple(word.surface for word in wanted if word not in hits)[:MAX_MISSING]
    overlap = round(len(hits) / len(wanted), 3) if wanted else 1.0
    rebuttal = find_rebuttal(paraphrase)
    # A new complaint is what the blame rules name, never the classifier's guess: a paraphrase says the
    # speaker's feelings back to them ("You miss our slow Sunday mornings"), which reads like a "you"
    # sentence about the partner to a bag of words, and refusing it would stop the turn.
    return ParaphraseFeedback(overlap=overlap, missing=missing, rebuttal=rebuttal is not None,
                              rebuttal_text=rebuttal, new_complaint=bool(heard.spans[BLAME_KEY]))
