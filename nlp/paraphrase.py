"""Feedback on a listener's paraphrase: how much it reflects, what it misses, and any rebuttal."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .analysis import check_text
from .component import BLAME_KEY
from .pipeline import loaded

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV"})
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


def _content(doc: Doc) -> list[tuple[str, str]]:
    """(lemma, surface word) for each content word that is not a stop word, in order, once."""
    seen: dict[str, str] = {}
    for token in doc:
        if token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha and len(token) > 1:
            seen.setdefault(token.lemma_.lower(), token.lower_)
    return list(seen.items())


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
    """Compare a listener's paraphrase with the speaker's statement (two parses, one per text)."""
    current = loaded()
    said, heard = current.language.pipe([check_text(statement), check_text(paraphrase)])
    wanted = _content(said)
    reflected = {lemma for lemma, _ in _content(heard)} | {t.lower_ for t in heard}
    hits = [(lemma, word) for lemma, word in wanted if _family(lemma) & reflected]
    missing = tuple(word for lemma, word in wanted if (lemma, word) not in hits)[:MAX_MISSING]
    overlap = round(len(hits) / len(wanted), 3) if wanted else 1.0
    rebuttal = find_rebuttal(paraphrase)
    # A new complaint is what the blame rules name, never the classifier's guess: a paraphrase says the
    # speaker's feelings back to them ("You miss our slow Sunday mornings"), which reads like a "you"
    # sentence about the partner to a bag of words, and refusing it would stop the turn.
    return ParaphraseFeedback(overlap=overlap, missing=missing, rebuttal=rebuttal is not None,
                              rebuttal_text=rebuttal, new_complaint=bool(heard.spans[BLAME_KEY]))
