"""The coach's one decision on a message: the rules' flags, the classifier's veto, and the classifier's own flag.

1. A rule matched (doc.spans["hearth_blame"]): its span, kind and explanation stand, unless the classifier
   is sure enough the message is fine (P(blaming) below `veto`): the rules' word lists cannot see that
   "You always leave a light on for me. That means the world." is thanks. The veto does not reach a rule marked
   `sure` (rule_types.BlameRule), nor a sentence that holds the match and no warm words and reads as blame alone
   (`rule_sentence_words`), nor an absolute that says an unkind act outright (`outright`: "You always
   overreact when I'm a little late").
2. No rule matched: the classifier may flag a sentence the guards leave open (blame_thresholds.py says at
   what P(blaming); a blame rule's match that only lacked its confirming word, doc.spans["hearth_unconfirmed"],
   is a cold cue there: "Why did you let the TV licence run out?"). Always closed: a fragment with no verb or
   pronoun ("Late shifts all week."), a sentence where a frame matched (a paraphrase, a request, generic
   "you", appreciation), one warm on balance that holds a warm idiom ("You always *have my back*", idioms.py)
   and a real I-statement ("I feel hurt when you're late"). Closed unless the
   classifier is sure and the sentence holds a cold cue (sarcasm): a sentence where a blame pattern was
   set aside by a guard or an `unless` word ("It's not your fault", "Don't you dare apologise"), and one
   whose words are warm on balance (polarity.SentenceTone). So a compliment is never flagged because the
   classifier is unsure. Of several sentences it may flag, the one it reads as most blaming is flagged;
   the span is its clause about the partner (`clause`), the kind is KIND_COMPONENT's, and the
   explanation is the general one for that kind in data/blame_reading.json.
3. Highlights (`highlights`): every absolute word of a flagged sentence is highlighted, and no two highlights
   overlap.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .blame_features import Reading, TokenClasses
from .blame_model import BlameReader
from .blame_thresholds import SURE, Seen, Thresholds
from .component import BLAME_KEY, LEAD_WORDS, SPARED_KEY, UNCONFIRMED_KEY, ends_clause
from .feeling_when import is_feeling_when
from .idioms import IDIOM_KEY, IDIOM_RULES, WARM
from .polarity import SentenceTone, outright
from .rule_types import FRAMES, Lexicon

MODEL_PREFIX = "model."
ABSOLUTE_WORD = MODEL_PREFIX + "absolute"  # the id of an absolute word the decision highlights beside a flag
CLAUSE_POS = frozenset({"VERB", "AUX", "PRON"})  # a blame is said of someone: no flag on a bare fragment
COLD = frozenset({"NEG", "ABS", "NOT"})  # word classes (blame_features.Reading.word_class) that are cold cues


class Opening(NamedTuple):
    """How the guards see one sentence: `hard` and `soft` guards passed (`soft` False when `hard` is), and
    whether it holds a cold cue."""

    hard: bool
    soft: bool
    cue: bool

    def may_flag(self, probability: float, at: Thresholds) -> bool:
        """Whether the classifier may flag this sentence at this P(blaming)."""
        if not self.hard:
            return False
        if self.cue:
            return probability >= at.threshold and (self.soft or probability >= SURE)
        return self.soft and probability >= at.bare


@dataclass(frozen=True)
class Coach:
    """The classifier with the word classes it reads and the lexicon the guards weigh tone with."""

    reader: BlameReader
    reading: Reading
    lexicon: Lexicon
    sure_rules: frozenset[str] = frozenset()  # ids of the blame rules the classifier may not veto (BlameRule.sure)

    def probabilities(self, docs: Sequence[Doc], lines: Sequence[TokenClasses] | None = None) -> list[float]:
        """P(blaming) of each message the main pipeline has read, as the decision weighs it (`decision_words`);
        `lines`: each message's Reading.read(doc) when already made."""
        if not docs:
            return []
        read = lines or [self.reading.read(doc) for doc in docs]
        return self.reader.probabilities(docs[0].vocab, [decision_words(doc, self.reading, found)
                                                         for doc, found in zip(docs, read, strict=True)])

    def probability(self, doc: Doc) -> float:
        """P(blaming) of one message (see `probabilities`)."""
        return self.probabilities([doc])[0]

    def rule_sentence(self, doc: Doc, lines: TokenClasses) -> float:
        """The highest P(blaming) of `rule_sentence_words` (0.0 when there are none)."""
        words = rule_sentence_words(doc, self.lexicon, self.reading, lines)
        return max(self.reader.probabilities(doc.vocab, words)) if words else 0.0

    def decide(self, doc: Doc, probability: float | None = None, lines: TokenClasses | None = None) -> list[Span]:
        """The blaming spans of a message the main pipeline has read (see the module's docstring), as highlights
        (`highlights`); `probability` and `lines` are its P(blaming) and Reading.read(doc) when already known."""
        return highlights(self._flagged(doc, probability, lines), self.lexicon.absolutes)

    def _flagged(self, doc: Doc, probability: float | None, lines: TokenClasses | None) -> list[Span]:
        rules = rule_spans(doc)
        at = self.reader.thresholds
        if rules and not at.veto:
            return rules
        lines = lines or self.reading.read(doc)
        if probability is None:
            probability = self.probabilities([doc], [lines])[0]
        if rules:
            return rules if (probability >= at.veto or beyond_veto(doc, self.lexicon, self.sure_rules, rules)
                             or self.rule_sentence(doc, lines) >= at.threshold) else []
        if probability < at.threshold:
            return []
        open_sentences = [sent for sent in doc.sents
                          if opening(sent, self.lexicon, lines).may_flag(probability, at)]
        if not open_sentences:
            return []
        sent = open_sentences[0]
        if len(open_sentences) > 1:
            scores = self.reader.probabilities(doc.vocab, [self.reading.model_words(doc, [(s.start, s.end)], lines)
                                                           for s in open_sentences])
            sent = open_sentences[scores.index(max(scores))]
        corpus_kind = self.reader.corpus_kind(doc.vocab, self.reading.model_words(doc, [(sent.start, sent.end)], lines))
        kind = self.reading.corpus_kinds[corpus_kind]
        start, end = clause(sent, lines)
        return [Span(doc, start, end, label=kind, span_id=MODEL_PREFIX + kind)]


def highlights(spans: list[Span], absolutes: frozenset[str]) -> list[Span]:
    """The flags as the writer sees them highlighted: every absolute word ("always", "never"...) of a flagged
    sentence is highlighted (as its own "absolute" span, ABSOLUTE_WORD, where no flag covers it), and no two
    highlights overlap (of overlapping spans the longest stays, as spacy.util.filter_spans keeps them)."""
    if not spans:
        return spans
    doc = spans[0].doc
    covered = {i for span in spans for i in range(span.start, span.end)}
    sentences = {doc[span.start].sent for span in spans}
    words = [Span(doc, t.i, t.i + 1, label="absolute", span_id=ABSOLUTE_WORD) for sent in sentences for t in sent
             if (t.lower_ in absolutes or t.norm_ in absolutes) and t.i not in covered]
    return filter_spans(spans + words)


def clause(sent: Span, lines: TokenClasses) -> tuple[int, int]:
    """Token offsets of the sentence's clause about the partner: the stretch between punctuation and
    conjunctions holding the first "you" word, else the one with the most cold or absolute words, else
    the whole sentence; lead words and edge punctuation trimmed."""
    segments: list[list[int]] = [[]]
    for token in sent:
        if ends_clause(token):
            segments.append([])
        else:
            segments[-1].append(token.i)
    doc = sent.doc
    segments = [s for s in segments if any(doc[i].is_alpha for i in s)]
    classes = [[lines.classes[i] for i in s] for s in segments]
    about = [s for s, found in zip(segments, classes, strict=True) if "YOU" in found]
    if about:
        chosen = about[0]
    elif segments:
        weights = [sum(c in ("NEG", "ABS", "NOT") for c in found) for found in classes]
        chosen = segments[weights.index(max(weights))] if max(weights) else list(range(sent.start, sent.end))
    else:
        chosen = list(range(sent.start, sent.end))
    start, end = chosen[0], chosen[-1] + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in LEAD_WORDS):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def decision_words(doc: Doc, reading: Reading, lines: TokenClasses | None = None) -> list[str]:
    """The model words of a message less its paraphrases (sentences where a paraphrase frame matched): they
    hold the partner's words reflected back, and their calm would veto a blame in the next sentence
    ("So you're saying I'm a bad partner? You always exaggerate."). The whole message if nothing is left."""
    reflected = {doc[s.start].sent.start for s in doc.spans[SPARED_KEY] if s.label_ == "paraphrase"}
    if not reflected:
        return reading.model_words(doc, read=lines)
    kept = [(sent.start, sent.end) for sent in doc.sents if sent.start not in reflected]
    return reading.model_words(doc, kept or None, lines)


def opening(sent: Span, lexicon: Lexicon, lines: TokenClasses) -> Opening:
    """How the guards see one sentence (see the module's docstring)."""
    spared = [s.label_ for s in sent.doc.spans[SPARED_KEY] if sent.start <= s.start < sent.end]
    hard = (any(t.pos_ in CLAUSE_POS for t in sent) and not any(label in FRAMES for label in spared)
            and not is_feeling_when(sent))
    # `soft` only counts beside `hard` (Opening.may_flag, `seen`), so a closed sentence skips the tone.
    warm = hard and SentenceTone(sent, lexicon).is_appreciative(sent.start, sent.start)
    if warm and any(sent.start <= i.start < sent.end and i.label_ == WARM for i in sent.doc.spans[IDIOM_KEY]):
        hard = False  # a warm idiom is praise as a frame is ("you always *have my back*"), however sure the classifier
    soft = hard and not spared and not warm
    cue = any(lines.classes[i] in COLD or lines.written[i] == "?" for i in range(sent.start, sent.end)) or any(
        sent.start <= s.start < sent.end for s in sent.doc.spans[UNCONFIRMED_KEY])
    return Opening(hard=hard, soft=soft, cue=cue)


def rule_sentence_words(doc: Doc, lexicon: Lexicon, reading: Reading, lines: TokenClasses) -> list[list[str]]:
    """In a message of several sentences, the model words of each sentence holding a rule's match and no warm
    words (no POS word class, not warm on balance): read alone, its calm neighbours can't excuse it."""
    sentences = list(doc.sents)
    if len(sentences) < 2:
        return []
    rules = rule_spans(doc)
    return [reading.model_words(doc, [(sent.start, sent.end)], lines) for sent in sentences
            if any(sent.start <= rule.start < sent.end for rule in rules)
            and "POS" not in lines.classes[sent.start:sent.end]
            and not SentenceTone(sent, lexicon).is_appreciative(sent.start, sent.start)]


def rule_spans(doc: Doc) -> list[Span]:
    """The rules' matches the decision weighs: all but a cold idiom's in a real I-statement (`is_feeling_when`)."""
    return [span for span in doc.spans[BLAME_KEY]
            if not (span.id_.startswith(IDIOM_RULES) and is_feeling_when(doc[span.start].sent))]


def beyond_veto(doc: Doc, lexicon: Lexicon, sure_rules: frozenset[str], rules: list[Span]) -> bool:
    """Whether the classifier may not veto the rules' matches (`rules`, `rule_spans`): one is a `sure` rule's
    (`sure_rules`: their ids) or an absolute that says an unkind act outright (polarity.outright)."""
    return any(span.id_ in sure_rules for span in rules) or outright(doc, lexicon, BLAME_KEY)


def seen(doc: Doc, probability: float, lexicon: Lexicon, reading: Reading,
         sure_rules: frozenset[str] = frozenset()) -> Seen:
    """What the decision knows of a message, for choosing thresholds (blame_thresholds.choose); its
    `rule_sentence` is left at 0.0 for the caller to read (`rule_sentence_words`)."""
    lines = reading.read(doc)
    openings = [opening(sent, lexicon, lines) for sent in doc.sents]
    rules = rule_spans(doc)
    return Seen(probability=probability, rule_hit=bool(rules),
                cold=any(o.hard and o.soft and o.cue for o in openings),
                plain=any(o.hard and o.soft and not o.cue for o in openings),
                cold_if_sure=any(o.hard and o.cue for o in openings),
                outright=beyond_veto(doc, lexicon, sure_rules, rules))
