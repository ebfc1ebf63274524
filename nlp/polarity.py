"""The tone of one sentence: appreciative, negative or neutral, with a crude negation flip."""
from __future__ import annotations

from spacy.tokens import Span

from .rule_types import Lexicon

GIVEN_POS = frozenset({"NOUN", "PROPN", "NUM", "DET", "PRON"})
FEELING_VERBS = frozenset({"feel", "look", "sound", "seem", "so", "very", "too"})  # sometimes mis-tagged as nouns
PARTNER_NORMS = frozenset({"you", "your", "yours", "yourself", "you're", "urself", "ur"})


class SentenceTone:
    """Per-token positive/negative marks for a sentence, so each guard is a cheap range sum."""

    def __init__(self, sent: Span, lexicon: Lexicon) -> None:
        self.sent = sent
        self.offset = sent.start
        # +1 positive word, -1 negative word, -2 exasperation (cold even when negated), 0 neither
        self.marks: list[int] = []
        negated = False
        self.partner = False
        for token in sent:
            lower, lemma, norm = token.lower_, token.lemma_.lower(), token.norm_
            if norm in lexicon.negators or lower in lexicon.negators:
                negated = True
            if norm in PARTNER_NORMS:
                self.partner = True
            if lower in lexicon.exasperation:
                self.marks.append(-2)
            elif lower in lexicon.positive or lemma in lexicon.positive:
                self.marks.append(1)
            elif lower in lexicon.negative or lemma in lexicon.negative:
                self.marks.append(-1)
            else:
                self.marks.append(0)
        self.negated = negated
        self.negator_at = [t.norm_ in lexicon.negators or t.lower_ in lexicon.negators for t in sent]

    def _counts(self, start: int, end: int, own_negator_flips: bool = True) -> tuple[int, int]:
        """Positive and negative word counts outside the match, flipped when the sentence is negated.

        Exasperation words ("wtf", "ugh") stay cold either way. With own_negator_flips False, a
        negator inside the match ("you have *no* idea") does not flip the rest of the sentence.
        """
        pos = neg = fixed = 0
        for i, mark in enumerate(self.marks):
            if start <= i + self.offset < end:
                continue
            pos += mark == 1
            neg += mark == -1
            fixed += mark == -2
        negated = self.negated
        if not own_negator_flips:
            lo, hi = start - self.offset, end - self.offset
            negated = any(n for i, n in enumerate(self.negator_at) if not lo <= i < hi)
        return (neg, pos + fixed) if negated else (pos, neg + fixed)

    def is_appreciative(self, start: int, end: int) -> bool:
        """True when warm words are present and at least as many as cold ones (after negation)."""
        pos, neg = self._counts(start, end)
        return pos > 0 and pos >= neg

    def is_warm(self, start: int, end: int) -> bool:
        """Like is_appreciative, but a negator inside the match is part of the idiom, not a flip."""
        pos, neg = self._counts(start, end, own_negator_flips=False)
        return pos > 0 and pos >= neg

    def is_negative(self, start: int, end: int) -> bool:
        """True when the sentence carries at least one cold word (after negation)."""
        return self._counts(start, end)[1] > 0

    def negated_near(self, start: int, end: int) -> bool:
        """True when a negator sits in the match or in the three tokens before it."""
        lo = max(start - 3, self.offset) - self.offset
        return any(self.negator_at[lo:end - self.offset])

    def allows(self, guards: tuple[str, ...], start: int, end: int) -> bool:
        """Apply a rule's guards to one match in this sentence."""
        for guard in guards:
            if guard == "appreciation" and self.is_appreciative(start, end):
                return False
            if guard == "warmth" and self.is_warm(start, end):
                return False
            if guard == "negative" and not self.is_negative(start, end):
                return False
            if guard == "unnegated" and self.negated_near(start, end):
                return False
            if guard == "partner" and not self.partner:
                return False
            if guard == "causative" and self.kind_complement(end):
                return False
        return True

    def kind_complement(self, end: int) -> bool:
        """True when what follows "you made me" is a kindness: a thing given ("made me *tea*", "made me *a*
        card") or a warm change ("made me *laugh*", "make me feel *loved*"), not a feeling handed over
        ("made me *cry*", "made me feel *guilty*"). Only the complement counts, never the rest of the sentence
        ("made me laugh so *hard*" stays warm; "made me feel guilty for *loving* my parents" stays cold)."""
        i = end - self.offset
        while i < len(self.sent) and self.sent[i].lower_ in FEELING_VERBS:
            i += 1  # "feel", "so", "very": the word that says how comes after
        if i >= len(self.sent):
            return False
        if i == end - self.offset and self.sent[i].pos_ in GIVEN_POS:
            return True
        return self.marks[i] == 1
