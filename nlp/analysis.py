"""The plain-data face of an analysis: Flag, Analysis, and analyze / analyze_many."""
from __future__ import annotations

import re

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span

from .blame_decision import MODEL_PREFIX
from .blame_features import TokenClasses
from .component import BLAME_KEY, CARE_KEY
from .idioms import IDIOM_KEY, INSULT_KINDS, UNSAID
from .errors import TextRejected
from .pipeline import Loaded, loaded
from .clause_reading import read_words
from .clause_words import PARTNER, ClauseWords, load_clause_words, starts
from .blame_shapes import reshaped
from .observation import Observation, observe
from .suggest import FlaggedSentence, write_suggestion

MAX_CHARS = 5000
BATCH_SIZE = 64
SARCASM = "contempt"


@dataclass(frozen=True)
class Flag:
    """One blaming span: its kind, text, character offsets into the original text, and why."""

    kind: str
    text: str
    start: int
    end: int
    explanation: str
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: kind, text, start, end, explanation."""
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "explanation": self.explanation}


@dataclass(frozen=True)
class Analysis:
    """What Hearth noticed in one message; when care is true, show CARE_NOTE instead of coaching."""

    text: str
    blaming: bool
    flags: tuple[Flag, ...]
    suggestion: str | None
    care: bool = False
    care_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: text, blaming, flags, suggestion, care, care_kind."""
        return {"text": self.text, "blaming": self.blaming,
                "flags": [flag.to_dict() for flag in self.flags],
                "suggestion": self.suggestion, "care": self.care, "care_kind": self.care_kind}


# spaCy's tokenizer strips prefix and suffix characters one at a time, searching the rest again each time, so a run
# of thousands of them ("+" * 5000, a row of emoji) took 6-15 s to read (tests/couples/live/test_fuzz_valid.py).
# Past RUN_KEPT in a row, such characters are read as spaces: every offset stays where it was, and no word changes.
RUN_KEPT = 10
LONG_RUN = re.compile(rf"([^\w\s]{{{RUN_KEPT}}})([^\w\s]+)")


def check_text(text: object) -> str:
    """Return text as spaCy should read it (the same length: a run of more than RUN_KEPT symbols is cut short by
    spaces) if it can be analysed, else raise TextRejected with a kind sentence."""
    if not isinstance(text, str):
        raise TextRejected("There's nothing to look at yet: the message needs to be text.")
    if not text.strip():
        raise TextRejected("There's nothing to look at yet: the message is empty.")
    if len(text) > MAX_CHARS:
        raise TextRejected(f"That message is a little long to coach ({len(text)} characters); "
                           f"try sharing it in parts of up to {MAX_CHARS} characters.")
    return LONG_RUN.sub(lambda run: run.group(1) + " " * len(run.group(2)), text)


def from_doc(doc: Doc, current: Loaded, known: tuple[float, TokenClasses] | None = None,
             care_read: tuple[str | None] | None = None) -> Analysis:
    """Turn a processed Doc into an Analysis (spaCy types stop here); `known`: its P(blaming) and its
    Reading.read(doc), when the batch has made them; `care_read`: (the care classifiers' kind,) when the batch
    has read it."""
    explanations = current.explanations
    if current.coach is None:
        spans = list(doc.spans[BLAME_KEY])
    else:
        spans = current.coach.decide(doc, *known) if known else current.coach.decide(doc)
    flags = tuple(Flag(kind=s.label_, text=s.text, start=s.start_char, end=s.end_char,
                       explanation=explanations[s.id_], rule_id=s.id_) for s in spans)
    care_spans = doc.spans[CARE_KEY]
    care_kind = care_spans[0].label_ if care_spans else None
    if care_kind is None and current.care is not None:  # no rule matched: the classifiers read it
        care_kind = care_read[0] if care_read is not None else current.care.kind_of(doc)
    care = care_kind is not None
    suggestion = None
    if flags and not care:
        suggestion = write_suggestion(_flagged_sentences(doc, spans), current.coaching)
    return Analysis(text=doc.text, blaming=bool(flags), flags=flags, suggestion=suggestion,
                    care=care, care_kind=care_kind)


@cache
def _clause_words() -> ClauseWords:
    return load_clause_words()


def _label_end(span: Span) -> int:
    """Where a label rule's words end, the rest of a compound noun or a superlative's noun included: "You're a
    control *freak*", "you're the laziest *man* alive"."""
    end = span.end
    while end < span.sent.end and span.doc[end].tag_ in ("NN", "NNS", "HYPH") and span.doc[end - 1].tag_ in (
            "NN", "NNS", "HYPH", "JJ", "JJS"):
        end += 1
    return end


def _flagged_sentences(doc: Doc, spans: list[Span]) -> list[FlaggedSentence]:
    """Each sentence holding a flag, with its kinds and its observation (observation.observe)."""
    # A label rule's own words ("like a child", "a mess") are insults, not the topic of the complaint; the
    # classifier's span is a whole clause, topic and all.
    insult = frozenset(i for s in spans if s.label_ in INSULT_KINDS and not s.id_.startswith(MODEL_PREFIX)
                       and not _holds_the_act(s) for i in range(s.start, _label_end(s)))
    # An idiom that labels, sneers or blames in a figure is left out as an insult is (idioms.retelling).
    insult |= frozenset(i for s in doc.spans.get(IDIOM_KEY, ()) if s.kb_id_ == UNSAID for i in range(s.start, s.end))
    result = []
    sentences = list(doc.sents)
    for at, sent in enumerate(sentences):
        inside = [s for s in spans if sent.start <= s.start < sent.end]
        kinds = tuple(s.label_ for s in inside)
        if kinds:
            # Sarcasm's warm words are the jab, not thanks: "Congratulations on finding *the laundry basket*."
            sarcastic = SARCASM in kinds
            # A shape whose act is not its clause as written ("... but not me", "if you loved me you'd ...").
            ruled = sarcastic or any(not s.id_.startswith(MODEL_PREFIX) for s in inside)
            seen = reshaped(sent, inside, _clause_words()) or observe(sent, _clause_words(), insult, ruled=ruled)
            if not seen.concrete:
                seen = _with_context(seen, sentences, at, sarcastic)
            elif at:
                seen = _resolved(seen, sentences[at - 1])
            result.append(FlaggedSentence(text=sent.text, kinds=kinds, observation=seen))
    return result


ACT_TAGS = frozenset({"PRP", "MD", "RB", "VB", "VBP", "VBZ", "VBD", "VBN", "VBG", "TO"})


def _holds_the_act(span: Span) -> bool:
    """Whether an insult rule's span is the partner's act, not an insult: a sarcastic lead ("*must be nice to*
    sleep in"), or "you" and only auxiliaries, negations and verbs ("*you can't even pick* up milk"); its words
    are what the observation says."""
    words = read_words(span, _clause_words(), frozenset())
    if starts(words, 0, _clause_words().sarcasm_leads):
        return True
    return span[0].lower_ in PARTNER and len(span) > 1 and all(t.tag_ in ACT_TAGS for t in span)


PRONOUN_TAGS = {"it": ("NN", "NNP", "VBG"), "them": ("NNS", "NNPS")}  # what each may stand for: one, or many
NOT_OBJECT = frozenset({"is", "was", "'s", "are", "were", "'re", "has", "had", "will", "'ll", "would", "'d", "can",
                        "could", "does", "did", "do", "should", "might"})  # "you said *it was* fine": a subject


def _resolved(seen: Observation, before: Span) -> Observation:
    """A clause about the partner whose object is "it" or "them" ("You never move it, do you?") names the first
    thing of the sentence before when it agrees in number ("The washing is still in the machine."): "you don't
    move the washing", its request and things too. Any other observation is returned as it is."""
    words = seen.clause.split()
    at = next((i for i, w in enumerate(words) if i and w in PRONOUN_TAGS), None)
    if at is None or words[0] != "you" or (at + 1 < len(words) and words[at + 1] in NOT_OBJECT):
        return seen
    near = observe(before, _clause_words())
    head = near.things[0].split()[-1] if near.things else ""
    if not any(t.text == head and t.tag_ in PRONOUN_TAGS[words[at]] for t in before):
        return seen
    first, _, rest = near.things[0].partition(" ")
    named = f"{first.lower()} {rest}" if rest and first.lower() in ("the", "this", "that", "these", "those") \
        else near.things[0]
    pattern = re.compile(rf"\b{words[at]}\b")
    return replace(seen, clause=pattern.sub(named, seen.clause, count=1),
                   request=pattern.sub(named, seen.request, count=1), things=(named, *seen.things))


def _with_context(seen: Observation, sentences: list[Span], at: int, sarcastic: bool = False) -> Observation:
    """A flagged sentence that names nothing ("You're so useless.") borrows the things of the nearest sentence
    of its message that names some, the one before first ("The laundry basket is right there."): the
    suggestion can then be about the laundry basket, not a general sentence. Warm sentences lend nothing,
    but to a `sarcastic` one ("Wow, you found the hoover. I'm amazed."): there the warmth is the sarcasm."""
    order = [*range(at - 1, -1, -1), *range(at + 1, len(sentences))]
    for other in order:
        near = observe(sentences[other], _clause_words(), ruled=sarcastic)
        if near.things:
            return Observation("", "", False, near.things[:1], seen.lemmas | near.lemmas)
    return seen


def analyze(text: str) -> Analysis:
    """Analyse one message: blaming flags with explanations, an I-statement suggestion, a care cue."""
    current = loaded()
    return from_doc(current.language(check_text(text)), current)


def analyze_many(texts: Iterable[str]) -> list[Analysis]:
    """Analyse many messages through nlp.pipe; raise TextRejected if any one cannot be analysed."""
    current = loaded()
    checked = [check_text(t) for t in texts]
    docs = list(current.language.pipe(checked, batch_size=BATCH_SIZE))
    if current.coach is None:
        return [from_doc(doc, current) for doc in docs]
    coach, analyses = current.coach, []
    for start in range(0, len(docs), BATCH_SIZE):  # the classifier reads a batch at once, as the pipeline did
        batch = docs[start:start + BATCH_SIZE]
        lines = [coach.reading.read(doc) for doc in batch]
        cares: list[tuple[str | None] | None] = [None] * len(batch)
        if current.care is not None:
            unmatched = [i for i, doc in enumerate(batch) if not doc.spans[CARE_KEY]]
            for i, kind in zip(unmatched, current.care.kinds_of([batch[i] for i in unmatched]), strict=True):
                cares[i] = (kind,)
        analyses += [from_doc(doc, current, known, care) for doc, known, care in
                     zip(batch, zip(coach.probabilities(batch, lines), lines, strict=True), cares, strict=True)]
    return analyses
