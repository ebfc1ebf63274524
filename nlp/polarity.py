"""The tone of one sentence: appreciative, negative or neutral, with negation scoped to its clause."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]  # no hints

from .idioms import COLD, IDIOM_KEY, PRESSED, WARM
from .rule_types import Lexicon

GIVEN_POS = frozenset({"NOUN", "PROPN", "NUM", "DET", "PRON"})
FEELING_VERBS = frozenset({"feel", "look", "sound", "seem", "so", "very", "too"})  # sometimes mis-tagged as nouns
SCOPE_KEEPERS = frozenset({"'", "’", "-"})  # punctuation inside a word ("don't", "half-hearted")
SCOPE_BREAK_POS = frozenset({"CCONJ"})  # "never [help when I get home]": a subordinate clause stays in scope
PARTNER_NORMS = frozenset({"you", "your", "yours", "yourself", "you're", "urself", "ur"})
# Words that open a clause of circumstance ("when I'm upset", "even if you're tired"): what it names is the
# moment, not the act praised or blamed, so its tone does not weigh on whether the sentence is warm.
CIRCUMSTANCE = frozenset({"when", "whenever", "if", "while", "because", "after", "before", "until", "cause", "cos",
                          "coz"})


@lru_cache(maxsize=1)
def vader_ratings() -> dict[str, float]:
    """vaderSentiment's valence lexicon (Hutto & Gilbert 2014; about 7,500 words rated -4..+4), read once."""
    return dict(SentimentIntensityAnalyzer().lexicon)


IDIOM_MARKS = {WARM: 1, COLD: -1, PRESSED: -2}  # an idiom's mark, as a word's: -2 stays cold when negated
PARTICLE_REACH = 3  # "let *me* down", "give up": a particle within three words of its verb (no parse is run)


def cold_act(token: Token, lemma: str, lexicon: Lexicon, sent_end: int) -> bool:
    """Whether `token` (in a sentence ending at token `sent_end`) is an unkind act: a verb in `lexicon.cold_acts`,
    or one with its particle in `lexicon.cold_phrasal_verbs` ("gave *up* on us", "let me *down*"), the particle
    within PARTICLE_REACH words and before any punctuation (the pipeline runs no parser, so the words are read
    in order)."""
    if token.pos_ != "VERB":
        return False
    if lemma in lexicon.cold_acts:
        return True
    for after in token.doc[token.i + 1:min(token.i + 1 + PARTICLE_REACH, sent_end)]:
        if after.is_punct:
            return False
        if (lemma, after.lower_) in lexicon.cold_phrasal_verbs:
            return True
    return False


class SentenceTone:
    """Per-token positive/negative marks for a sentence, so each guard is a cheap range sum.

    A negator flips the words after it up to the end of its clause (punctuation or "and", "but", "or"), as
    NegEx scopes a trigger (Chapman et al. 2001): in "You're always late and you don't even call" the
    "don't" does not warm "late"; in "You never fail to surprise me" the "never" warms "fail". An unkind
    act is a cold word like any other (`Lexicon.cold_acts`, `cold_phrasal_verbs`), so "You never judge me"
    and "You never give up on us" are warm; an aspectual verb ("stop", "quit") ends the flip, so "You never
    stop caring" stays warm and "You never stop complaining" cold. An offer of help (`Lexicon.offers`: "shall I",
    "let me help") is warm where it starts."""

    def __init__(self, sent: Span, lexicon: Lexicon) -> None:
        self.sent = sent
        self.offset = sent.start
        # +1 positive word, -1 negative word, -2 exasperation (cold even when negated), 0 neither
        self.marks: list[int] = []
        self.undoes: list[bool] = []
        self.partner = False
        for token in sent:
            lower, lemma, norm = token.lower_, token.lemma_.lower(), token.norm_
            if norm in PARTNER_NORMS:
                self.partner = True
            if lower in lexicon.exasperation:
                self.marks.append(-2)
            elif lower in lexicon.positive or lemma in lexicon.positive:
                self.marks.append(1)
            elif lower in lexicon.negative or lemma in lexicon.negative or cold_act(token, lemma, lexicon, sent.end):
                self.marks.append(-1)
            else:
                self.marks.append(0)
            # "never stop caring": the aspectual verb undoes the negation before it, for the rest of its clause
            self.undoes.append(token.pos_ == "VERB" and lemma in lexicon.aspectual)
        if lexicon.offers:
            lowers = [t.lower_ for t in sent]
            for i, lower in enumerate(lowers):
                if any(lowers[i:i + len(phrase)] == list(phrase) for phrase in lexicon.offers if phrase[0] == lower):
                    self.marks[i] = 1  # an offer of help is warm
        self.negator_at = [t.norm_ in lexicon.negators or t.lower_ in lexicon.negators for t in sent]
        for idiom in sent.doc.spans[IDIOM_KEY] if IDIOM_KEY in sent.doc.spans else ():
            if sent.start <= idiom.start and idiom.end <= sent.end:  # one warm or cold word, first where it starts
                lo, hi = idiom.start - sent.start, idiom.end - sent.start
                self.marks[lo:hi] = [IDIOM_MARKS[idiom.label_]] + [0] * (hi - lo - 1)
                self.negator_at[lo:hi] = [False] * (hi - lo)
        self.clause_break = [(t.is_punct and t.lower_ not in SCOPE_KEEPERS) or t.pos_ in SCOPE_BREAK_POS for t in sent]
        self.flipped = self._scope(len(sent), len(sent))
        # Per token: its clause's number, and whether that clause is one of circumstance.
        self.clause_of: list[int] = []
        self.aside: list[bool] = []
        number, aside = 0, False
        for token, stop in zip(sent, self.clause_break, strict=True):
            if stop or (token.lower_ in CIRCUMSTANCE and token.pos_ in ("SCONJ", "ADV")):
                number, aside = number + 1, not stop
            self.clause_of.append(number)
            self.aside.append(aside)

    def _scope(self, skip_lo: int, skip_hi: int) -> list[bool]:
        """Per token, whether a negator before it in its clause flips it (negators in skip_lo..skip_hi ignored)."""
        flipped, inside = [], False
        for i, (negator, stop) in enumerate(zip(self.negator_at, self.clause_break, strict=True)):
            inside = (inside and not stop and not self.undoes[i]) or (negator and not skip_lo <= i < skip_hi)
            flipped.append(inside)
        return flipped

    def _counts(self, start: int, end: int, own_negator_flips: bool = True,
                moments: bool = True) -> tuple[int, int]:
        """Positive and negative word counts outside the match, each flipped when a negator scopes it.

        Exasperation words ("wtf", "ugh") stay cold either way. With own_negator_flips False, a
        negator inside the match ("you have *no* idea") does not flip the rest of the sentence. With
        moments False, a clause of circumstance other than the match's own is not counted: in "You never
        listen when I'm *upset*" the upset is the moment, not a warmth the "never" flips.
        """
        lo, hi = start - self.offset, end - self.offset
        flipped = self.flipped if own_negator_flips else self._scope(lo, hi)
        own = self.clause_of[lo] if 0 <= lo < len(self.clause_of) else -1
        pos = neg = 0
        for i, mark in enumerate(self.marks):
            if lo <= i < hi or not mark or (not moments and self.aside[i] and self.clause_of[i] != own):
                continue
            if mark == -2 or (mark == 1) == flipped[i]:
                neg += 1
            else:
                pos += 1
        return pos, neg

    def is_appreciative(self, start: int, end: int) -> bool:
        """True when warm words are present and at least as many as cold ones (after negation), clauses of
        circumstance aside."""
        pos, neg = self._counts(start, end, moments=False)
        return pos > 0 and pos >= neg

    def is_warm(self, start: int, end: int) -> bool:
        """Like is_appreciative, but a negator inside the match is part of the idiom, not a flip."""
        pos, neg = self._counts(start, end, own_negator_flips=False, moments=False)
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


STEADY = frozenset({"always", "constantly", "forever", "continually", "perpetually"})  # absolutes that affirm


CAUSED = frozenset({"me", "us"})


def _warm(token: Token, lexicon: Lexicon) -> bool:
    return token.lemma_.lower() in lexicon.positive or token.lower_ in lexicon.positive


def _warm_caused(token: Token, lexicon: Lexicon) -> bool:
    """Whether `token` starts a warm change caused ("*make* me laugh", "make us feel happy"): the withheld
    kindness of "You never make me laugh anymore"; "You never make me choose" is not one."""
    doc = token.doc
    if token.lemma_.lower() != "make" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in CAUSED:
        return False
    i = token.i + 2
    while i < len(doc) - 1 and doc[i].lower_ in FEELING_VERBS:
        i += 1
    return _warm(doc[i], lexicon)


IDIOM_REACH = 3  # "always *have to* have the last word": an idiom starting within three words of the absolute


def _idiom_near(doc: Doc, start: int, sent_end: int) -> str | None:
    """The valence of an idiom (doc.spans[IDIOM_KEY]) starting at token `start` or within IDIOM_REACH words
    after it, before any punctuation; None when none does."""
    reach = min(start + IDIOM_REACH, sent_end)
    stop = next((t.i for t in doc[start:reach] if t.is_punct), reach)
    return next((idiom.label_ for idiom in doc.spans.get(IDIOM_KEY, ()) if start <= idiom.start < stop), None)


def outright(doc: Doc, lexicon: Lexicon, key: str) -> bool:
    """Whether a rule's absolute says an unkind act or trait outright. Either an affirming absolute ("always")
    whose next word, past adverbs, is a cold act or a cold word ("You always *overreact* when I'm a little
    late", "You always *let* me *down*"), or a negating one ("never") whose next word is a warm act withheld
    ("You never *help*", "You never *thank* me", "You never *make me laugh* anymore"); a negator before a cold
    act is praise ("You never *judge* me"). An idiom within IDIOM_REACH words is read as one such word: cold after
    "always" ("You always *bite my head off*"), warm after "never" ("You never *cut me any slack*"). The
    classifier may not veto such a match (blame_decision.py). `key`: the doc.spans group of the blame rules'
    matches."""
    for span in doc.spans[key]:
        if span.label_ != "absolute":
            continue
        negated = any(t.lower_ in lexicon.negators or t.norm_ in lexicon.negators for t in span)
        if not negated and not any(t.lower_ in STEADY for t in span):
            continue
        after = next((t for t in doc[span.end:span.sent.end] if t.pos_ not in ("ADV", "PART")), None)
        if after is None:
            continue
        lemma = after.lemma_.lower()
        idiom = _idiom_near(doc, after.i, span.sent.end)
        if idiom is not None:
            if (idiom == WARM) == negated:  # "never *cut me any slack*", "always *bite my head off*"
                return True
        elif negated:
            if after.pos_ == "VERB" and (_warm(after, lexicon) or _warm_caused(after, lexicon)):
                return True
        elif cold_act(after, lemma, lexicon, span.sent.end) or (
                after.pos_ == "ADJ" and after.lower_ in lexicon.negative):
            return True
    return False
