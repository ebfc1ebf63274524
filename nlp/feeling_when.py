"""Whether one sentence is shaped as the classic I statement, "I feel <a feeling> when ...": the decision
(blame_decision.py) lets the classifier flag no such sentence, and a cold idiom's rule leaves it alone."""
from __future__ import annotations

from spacy.tokens import Span

from .component import LEAD_WORDS
from .polarity import CIRCUMSTANCE

I_VERBS = frozenset({"feel", "get", "worry", "be"})
SOFTENERS = frozenset({"so", "really", "a", "bit", "quite", "very", "just", "kind", "sort", "of", "little",
                       "pretty", "kinda", "honestly", "actually"})
NOT_A_FEELING = frozenset({"like", "that", "as", "you", "u", "ur", "your", "you're"})
LINKS = CIRCUMSTANCE - {"before", "until"}  # what joins "I feel <a feeling>" to its moment ("... *when* you're late")


def is_feeling_when(sent: Span) -> bool:
    """One sentence shaped as the classic I statement, "I feel/get/worry/am <a feeling> when/if/because ..."
    (not "I feel like you ..."): a sentence the classifier may not flag. Whether a whole message speaks from
    "I" with no clause about the partner (what a rehearsal rewrite must do) is nlp/i_statement.py's question."""
    first = next((t for t in sent if not t.is_punct and t.lower_ not in LEAD_WORDS), None)
    if first is None or first.norm_ not in ("i", "i'm"):  # most sentences stop here
        return False
    words = [t for t in sent[first.i - sent.start:] if not t.is_punct and t.lower_ not in LEAD_WORDS]
    if len(words) < 3 or not any(t.lower_ in LINKS for t in words):
        return False
    rest = words[1:]
    if first.norm_ == "i" and rest[0].lemma_.lower() not in I_VERBS:
        return False
    if first.norm_ == "i":
        rest = rest[1:]
    feeling = next((t for t in rest if t.lower_ not in SOFTENERS), None)
    return feeling is not None and feeling.lower_ not in NOT_A_FEELING and feeling.norm_ not in NOT_A_FEELING
