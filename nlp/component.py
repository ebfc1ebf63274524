"""The hearth_blame spaCy component: match rules, apply guards and frames, write span groups."""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .first_word_matcher import FirstWordMatcher
from .idioms import COLD, IDIOM_KEY, PRESSED, WARM, IdiomRule, retelling
from .polarity import SentenceTone, cold_act
from .rule_loading import load_rulebook
from .rule_types import DATA_DIR, BlameRule, CareRule, FrameRule, Lexicon, Rule, Rulebook
from .texting import spell_out

BLAME_KEY = "hearth_blame"
CARE_KEY = "hearth_care"
# What the rules found harmless: frames that matched (a paraphrase, a request...) and blame matches that a
# frame, a guard or an `unless_*` word set aside. The classifier's guards read them (blame_decision.py).
SPARED_KEY = "hearth_spared"
# Blame matches whose rule wanted a confirming word the sentence lacks (a cold word, a "you"): not found kind,
# only unconfirmed, so the classifier's guards read them as a cold cue (blame_decision.py), never as a pardon.
UNCONFIRMED_KEY = "hearth_unconfirmed"
UNCONFIRMING_GUARDS = frozenset({"with_cue", "negative", "partner"})
# Punctuation inside a clause, not between two: an apostrophe, a hyphen, a split "'s" or "'re".
CLAUSE_JOINERS = frozenset({"'", "’", "-", "'s", "'re"})
BREAK_POS = frozenset({"CCONJ", "SCONJ"})  # a conjunction ends a clause as punctuation does
# Words that may come before a sentence-initial frame ("So, it sounds like...", "Babe, could you...").
LEAD_WORDS = frozenset("so ok okay well and but hey honey babe love look listen honestly oh um uh "
                       "sweetie sweetheart dear hun hon like alright right yeah yes no".split())


@Language.factory(BLAME_KEY, default_config={"data_dir": None})
def make_hearth_blame(nlp: Language, name: str, data_dir: str | None) -> HearthBlame:
    """Build the component from the rule files in data_dir (default: the package's data folder)."""
    return HearthBlame(nlp.vocab, load_rulebook(Path(data_dir) if data_dir else DATA_DIR))


class HearthBlame:
    """Flags blaming spans into doc.spans["hearth_blame"], danger cues into doc.spans["hearth_care"], what
    the rules found harmless into doc.spans["hearth_spared"] and blame matches left unconfirmed into
    doc.spans["hearth_unconfirmed"]."""

    def __init__(self, vocab: Vocab, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.texting = dict(rulebook.lexicon.texting)
        self.matcher = FirstWordMatcher(vocab)
        self.rules: dict[int, Rule] = {}
        self.idioms: dict[int, IdiomRule] = {}
        for rule in rulebook.blame + rulebook.frames + rulebook.care:
            self.matcher.add(rule.id, rule.patterns)
            self.rules[vocab.strings[rule.id]] = rule
        for idiom in rulebook.idioms:
            self.matcher.add(idiom.id, idiom.patterns)
            self.idioms[vocab.strings[idiom.id]] = idiom

    def __call__(self, doc: Doc) -> Doc:
        """Normalise texting spellings in token norms, then match and keep the flags that survive."""
        spell_out(doc, self.texting)
        found_spans = Found([], [], [], [])
        matches = self.matcher(doc)
        # Idioms first: the tone reads each as one word (polarity.SentenceTone) while the rules are settled.
        # A kindness asked for or sighed at is no praise of the partner: "Give me a break, you never listen",
        # "You should make an effort with my friends".
        # A cold one asked about ("Can you not be glued to your phone?") stays cold when negated (PRESSED).
        idioms = [Span(doc, start, end, label=PRESSED if asked and idiom.kind == COLD else idiom.kind, span_id=idiom.id,
                       kb_id=retelling(idiom, doc[start:end]))
                  for idiom, start, end in ((self.idioms[m], s, e) for m, s, e in matches if m in self.idioms)
                  for asked in (_asked_for(doc, start),)
                  if not (idiom.kind == WARM and idiom.verb_first and asked)]
        doc.spans[IDIOM_KEY] = filter_spans(idioms)
        matches = [m for m in matches if m[0] in self.rules]
        if matches:
            starts = [sent.start for sent in doc.sents]
            by_sentence: dict[int, list[tuple[Rule, int, int]]] = {}
            for match_id, start, end in matches:
                index = bisect_right(starts, start) - 1
                if index + 1 < len(starts) and end > starts[index + 1]:
                    continue  # a match must not straddle two sentences
                by_sentence.setdefault(index, []).append((self.rules[match_id], start, end))
            sents = list(doc.sents)
            for index, found in by_sentence.items():
                self._sentence(doc, sents[index], found, found_spans)
        doc.spans[BLAME_KEY] = filter_spans_per_label(found_spans.blame)
        doc.spans[SPARED_KEY] = found_spans.spared
        doc.spans[UNCONFIRMED_KEY] = found_spans.unconfirmed
        # Thoughts of self-harm come first, whatever else the message holds: that note leads with a crisis line.
        doc.spans[CARE_KEY] = sorted(filter_spans_per_label(found_spans.care), key=lambda s: s.label_ != "self_harm")
        return doc

    @staticmethod
    def _anchored(doc: Doc, sent: Span, rule: Rule, start: int) -> bool:
        """Whether a match may sit where it is: a rule anchored at the start has only lead words before it."""
        return not rule.anchor or all(t.is_punct or t.lower_ in LEAD_WORDS for t in doc[sent.start:start])

    @staticmethod
    def _excused(doc: Doc, sent: Span, rule: Rule, start: int, end: int) -> bool:
        """Whether an `unless_*` word sets this match aside ("You should have *seen* it")."""
        if rule.unless_next and end < sent.end and _followed_by(doc, end, sent.end, rule.unless_next):
            return True
        if rule.unless_prev and start > sent.start and (doc[start - 1].lower_ in rule.unless_prev
                                                         or doc[start - 1].norm_ in rule.unless_prev):
            return True
        if rule.unless_before and _said_before(doc, start, rule.unless_before):
            return True
        return bool(rule.unless_sentence) and any(
            t.lower_ in rule.unless_sentence or t.lemma_.lower() in rule.unless_sentence for t in sent)

    def _sentence(self, doc: Doc, sent: Span, found: list[tuple[Rule, int, int]], spans: Found) -> None:
        care, spared = spans.care, spans.spared
        suppressed: set[str] = set()
        overlaps: list[tuple[FrameRule, int, int]] = []
        candidates: list[tuple[BlameRule, int, int]] = []
        for rule, start, end in found:
            if not self._anchored(doc, sent, rule, start):
                continue
            if self._excused(doc, sent, rule, start, end):
                if isinstance(rule, BlameRule):
                    spared.append(Span(doc, start, end, label=rule.kind, span_id=rule.id))
                continue
            if isinstance(rule, CareRule):
                care.append(Span(doc, start, end, label=rule.kind, span_id=rule.id))
            elif isinstance(rule, FrameRule):
                spared.append(Span(doc, start, end, label=rule.kind, span_id=rule.id))
                if rule.scope == "sentence":
                    suppressed |= rule.suppresses
                else:
                    overlaps.append((rule, start, end))
            else:
                candidates.append((rule, start, end))
        if candidates:
            self._settle(doc, sent, candidates, suppressed, overlaps, spans)

    def _settle(self, doc: Doc, sent: Span, candidates: list[tuple[BlameRule, int, int]], suppressed: set[str],
                overlaps: list[tuple[FrameRule, int, int]], spans: Found) -> None:
        """Keep the blame matches no frame suppresses and the guards allow; file the rest as spared (a frame,
        warmth or a negation pardons them) or unconfirmed (only a confirming word was missing)."""
        tone = SentenceTone(sent, self.rulebook.lexicon)
        kept: list[tuple[BlameRule, int, int]] = []
        waiting: list[tuple[BlameRule, int, int]] = []
        # A match on a warm idiom no negation turns is part of its praise ("you *never* walk alone", "*you spoil*
        # me rotten"); "You *weren't* there when I needed you" is not.
        warm = [(idiom.start, idiom.end) for idiom in doc.spans[IDIOM_KEY] if idiom.label_ == WARM
                and sent.start <= idiom.start < sent.end and not tone.flipped[idiom.start - sent.start]]
        open_ = [(r, s, e) for r, s, e in candidates if not _suppressed(r, s, e, suppressed, overlaps)
                 and not any(lo < e and s < hi for lo, hi in warm)]
        for rule, start, end in open_:
            if "cold_act" in rule.guards and not _unkind(doc, end - 1, sent.end, self.rulebook.lexicon):
                continue  # "thanks for *helping*" is thanks; "thanks for *ruining* dinner" is not
            if "with_cue" in rule.guards:
                waiting.append((rule, start, end))
            elif tone.allows(rule.guards, start, end):
                kept.append((rule, start, end))
        for rule, start, end in waiting:
            if (kept or tone.is_negative(start, end)) and tone.allows(rule.guards, start, end):
                kept.append((rule, start, end))
        spans.blame.extend(Span(doc, s, e, label=r.kind, span_id=r.id) for r, s, e in kept)
        for rule, start, end in candidates:
            if (rule, start, end) in kept:
                continue
            unconfirmed = (rule, start, end) in open_ and tone.allows(
                tuple(g for g in rule.guards if g not in UNCONFIRMING_GUARDS), start, end)
            (spans.unconfirmed if unconfirmed else spans.spared).append(
                Span(doc, start, end, label=rule.kind, span_id=rule.id))


def _unkind(doc: Doc, i: int, sent_end: int, lexicon: Lexicon) -> bool:
    """Whether token `i` is an unkind act (polarity.cold_act: "ruining", "letting me down") or begins a cold idiom
    ("leaving me high and dry"): a rule's `cold_act` guard, read on the match's last word."""
    return cold_act(doc[i], doc[i].lemma_.lower(), lexicon, sent_end) or any(
        idiom.start == i and idiom.label_ != WARM for idiom in doc.spans[IDIOM_KEY])


def _followed_by(doc: Doc, end: int, limit: int, phrases: frozenset[str]) -> bool:
    """Whether the words from token `end` (before `limit`) begin one of `phrases`, each one word or several
    ("me", "when to"), compared in lower case: a rule's `unless_next`."""
    for phrase in phrases:
        words = phrase.split()
        if end + len(words) <= limit and all(doc[end + i].lower_ == word for i, word in enumerate(words)):
            return True
    return False


# Words that ask for what follows in their clause ("you *should* make an effort", "you *need to* back me up").
ASKING = frozenset({"should", "must", "ought", "need", "needs", "please", "pls", "try", "start", "wish", "want",
                    "expect", "gotta", "could", "can", "ca"})
OBLIGED = frozenset({"have", "has", "got"})  # asking only before "to": "you *have to* back me up"


def ends_clause(token: Token) -> bool:
    """Whether a token stands between two clauses: punctuation (not CLAUSE_JOINERS) or a conjunction."""
    return (token.is_punct and token.lower_ not in CLAUSE_JOINERS) or token.pos_ in BREAK_POS


def _clause_before(doc: Doc, start: int) -> list[Token]:
    """The tokens before token `start` in its clause, nearest first: back to the last punctuation or conjunction,
    or to the start of its sentence."""
    before = []
    for token in reversed(doc[doc[start].sent.start:start]):
        if ends_clause(token):
            break
        before.append(token)
    return before


def _asked_for(doc: Doc, start: int) -> bool:
    """Whether the words from token `start` are asked for, not said of someone: only lead words come before
    them in their clause (an imperative), or an asking word (ASKING, OBLIGED) does."""
    before = _clause_before(doc, start)
    return all(t.lower_ in LEAD_WORDS for t in before) or any(
        t.lower_ in ASKING or (t.lower_ in OBLIGED and doc[t.i + 1].lower_ == "to") for t in before)


def _said_before(doc: Doc, start: int, words: frozenset[str]) -> bool:
    """Whether one of `words` (as written or as a norm) comes before token `start` in its clause."""
    return any(t.lower_ in words or t.norm_ in words for t in _clause_before(doc, start))


def _suppressed(rule: BlameRule, start: int, end: int, suppressed: set[str],
                overlaps: list[tuple[FrameRule, int, int]]) -> bool:
    """Whether a frame of the sentence, or one overlapping the match, suppresses this rule's kind."""
    return "*" in suppressed or rule.kind in suppressed or any(
        s < end and start < e and ("*" in f.suppresses or rule.kind in f.suppresses) for f, s, e in overlaps)


class Found(NamedTuple):
    """The spans one message's rules found, per span group (see HearthBlame)."""

    blame: list[Span]
    care: list[Span]
    spared: list[Span]
    unconfirmed: list[Span]


def filter_spans_per_label(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans of the same label, ordered by position."""
    by_label: dict[str, list[Span]] = {}
    for span in spans:
        by_label.setdefault(span.label_, []).append(span)
    kept = [s for group in by_label.values() for s in filter_spans(group)]
    return sorted(kept, key=lambda s: (s.start, s.end, s.label_))
