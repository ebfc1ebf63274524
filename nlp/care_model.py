"""A text classifier for words that suggest danger, trained with spaCy's own training on Hearth's sets.

The care rules (data/care_rules.jsonl) catch the phrasings written out; people in danger find many
others ("things got physical again", "i just want it all to stop"). This classifier reads the rest:
two spaCy `textcat`s (bags of words and of word pairs and triples, spacy.TextCatBOW.v3): COMPONENT says
danger or none, KIND_COMPONENT which of KINDS (trained on the danger rows alone; one binary reader ranked
validation texts better than a six-way one: specificity 0.868 against 0.815 at 0.98 recall). Both are
trained on the JSON Lines files in data/care_training/ (each {"text", "care", "care_kind"}, written
by Hearth's own authors) and kept in data/care_textcat/ with data/care_model.json beside it.

A message raises care when a rule matches, or when the classifier's P(danger) is at least care_model.json's
`threshold` and the message holds a cue word, or, without one, when P(danger) is at least SURE as well; the
kind is then KIND_COMPONENT's likeliest. Cue words are learned with the classifier (`learn_cues`): a word
(as written or as a lemma, stop words aside) is a cue when at least CUE_MIN_ROWS danger rows hold it and at
least CUE_SHARE of the training rows holding it are danger rows. A bag of words alone leans on its prior
for a message of unfamiliar or everyday words ("It stung.", "you're such a sweetheart", "I never said
that"); the cue keeps it quiet unless danger's words are there or the reading is sure. The threshold is
chosen on a validation split never trained on (`choose_threshold`): the highest that keeps recall of the
rules and classifier together at or above TARGET_RECALL there, because a missed note costs far more than a
needless one. `python -m nlp.care_training` retrains and rewrites both; care_model.json records the training
files' fingerprint, and a test fails when the files changed but the model was not rebuilt. grievances.jsonl
holds resentment that borrows despair's words ("I guess I just don't matter to you"): blame, not danger.

Everyday words. Danger reports are told in everyday words ("he said", "the car", "took my keys"), and
with near misses as the main negatives the cue list (then 528 words, min_rows 2, share 0.5) held "said",
"car", "stop", "take", "will", "house": the gate barely gated, and "He said the car is ready." raised the
threat note, "Stop worrying, it'll be fine" the self-harm one. The measure of this kind of false note is
the blame corpus (data/blame_corpus/, 9,270 ordinary couple messages, none of them a danger report): 421
raised the note (236 blaming, 185 not; 66 by a rule, 355 by the classifier; 411-458 over seeds 0-4) at
threshold 0.38, validation recall 0.982 and specificity 0.916. Measured, each at the threshold its own
validation gives for 0.98 recall, over seeds 0-2 (the committed model is seed 0):
- A stricter cue rule alone made it worse: a danger message without a cue was never heard, so every one
  a stricter rule lost spent the recall budget and the threshold fell. With the old data at seed 0,
  min_rows 3: 546 false notes; share 0.6: 621; share 0.7 or more: recall could not reach 0.98 at all; a
  class-balanced share 0.7: 513. Hence SURE: a message without a cue is heard when the reading is sure.
- Hand-written everyday messages as negatives (data/care_training/everyday_words.jsonl) made the pairs
  model worse (735-799 with the old cue rule): they took "stop" off the cue list, so "i just want it all to
  stop" lost its only cue. data/care_training/everyday_danger.jsonl holds danger told in everyday words.
- Word triples (ngram_size 3) read words in more context: 333-371 on the old data (seeds 0-4), pairs 411-458.
- All together (triples, both files, min_rows 3, share 0.6, SURE 0.7): 210-223 false notes at validation
  specificity 0.931-0.937, thresholds 0.23-0.25. Without the soft gate the same cue rule cannot reach 0.98
  recall (0.960); with the old cue rule, 357-522; with no cue gate at all, 302-381. Without
  everyday_danger.jsonl: 185-201 but specificity 0.914-0.919 at thresholds 0.18-0.20 (the danger told in
  everyday words keeps the threshold up); without everyday_words.jsonl: 333-350; with pairs: 330-434.
- Around the choice: share 0.55 cost 1-33 more false notes; 0.65 saved 17-22; 0.7 is near the cliff (153-222,
  but seed 0's threshold fell to 0.13); min_rows 4 saved 7-11, 5 is a cliff (231-311). SURE 0.8 saved 8
  but 0.85 is a cliff (241-650, thresholds down to 0.05), so 0.6, 3 and 0.7 keep a margin on each side.
- Two readers (one trained without the everyday files; geometric mean; before SURE) reached specificity
  0.95 but no fewer false notes on the blame corpus. care_model.json holds the committed model's figures.
"""
from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, LOWER
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from .care_reassurance import only_reassured, reassures
from .rule_types import DATA_DIR

MODEL_DIR = DATA_DIR / "care_textcat"
META_FILE = DATA_DIR / "care_model.json"  # beside the model: spaCy keeps its own meta.json inside
TRAINING_DIR = DATA_DIR / "care_training"
COMPONENT, KIND_COMPONENT = "hearth_care_textcat", "hearth_care_kind"
DANGER, NONE = "danger", "none"
KINDS = ("violence", "threat", "fear", "self_harm", "control")
# On validation; the issue asks >= 0.95 on unseen text. 0.97 on the first validation file alone gave 0.944
# on a second unseen file, so the target has a wider margin, and every validation file chooses it. Above
# 0.98 the threshold falls away (0.99 on validation: specificity 0.64, and 16 of the blame set's 85
# held-out sentences raised the note), so 0.98 it is.
TARGET_RECALL = 0.98
CUE_MIN_ROWS, CUE_SHARE = 3, 0.6
SURE = 0.7  # P(danger) at which a message without a cue word raises the note: see "Everyday words" above
SEED, EPOCHS, BATCH, DROPOUT = 0, 12, 16, 0.2
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 3,
       "no_output_layer": False, "length": 65536}


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The labelled rows of JSON Lines files: {"text", "care", "care_kind"} (care_kind None when not care)."""
    rows = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                if not isinstance(row.get("text"), str) or not isinstance(row.get("care"), bool) or (
                        row["care"] != (row.get("care_kind") in KINDS)):
                    raise ValueError(f"{path.name}:{number}: needs text, care and a care_kind only when care")
                rows.append(row)
    return rows


def training_files() -> list[Path]:
    """The training files, data/care_training/*.jsonl, in name order."""
    return sorted(TRAINING_DIR.glob("*.jsonl"))


def fingerprint(paths: Sequence[Path]) -> str:
    """A SHA-256 over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def train(rows: Sequence[dict[str, Any]], seed: int = SEED, epochs: int = EPOCHS) -> Language:
    """A blank English pipeline with the two trained textcats (deterministic for a seed): COMPONENT reads
    danger or none from every row, KIND_COMPONENT reads the kind from the danger rows only. The bag of
    words counts words as written, so it is trained on, and reads, lower-cased text ("I DONT WANT TO ...")."""
    either = _trained(COMPONENT, [(row["text"].lower(), {DANGER: float(row["care"]), NONE: float(not row["care"])})
                                  for row in rows], seed, epochs)
    kinds = _trained(KIND_COMPONENT, [(row["text"].lower(), {kind: float(kind == row["care_kind"]) for kind in KINDS})
                                      for row in rows if row["care"]], seed, epochs)
    either.add_pipe(KIND_COMPONENT, source=kinds)
    return either


def _trained(name: str, labelled: Sequence[tuple[str, dict[str, float]]], seed: int, epochs: int) -> Language:
    """A blank English pipeline with one textcat `name`, trained on (text, cats) pairs."""
    fix_random_seed(seed)
    language = spacy.blank("en")
    language.add_pipe("textcat", name=name, config={"model": BOW})
    examples = [Example.from_dict(language.make_doc(text), {"cats": cats}) for text, cats in labelled]
    optimizer = language.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for _epoch in range(epochs):
        shuffle.shuffle(examples)
        for batch in minibatch(examples, size=BATCH):
            language.update(batch, sgd=optimizer, drop=DROPOUT)
    return language


def words_of(doc: Doc) -> set[str]:
    """The words a cue may be: alphabetic tokens that aren't stop words, lower-cased and as lemmas."""
    strings = doc.vocab.strings  # read as one array: no Token objects for every word of every message
    return {form for alpha, stop, lower, lemma in doc.to_array([IS_ALPHA, IS_STOP, LOWER, LEMMA]).tolist()
            if alpha and not stop for form in (strings[lower], strings[lemma].lower())}


def learn_cues(rows: Sequence[dict[str, Any]], words: Sequence[set[str]]) -> list[str]:
    """The cue words of labelled rows (see the module's docstring), sorted."""
    danger: dict[str, int] = {}
    holding: dict[str, int] = {}
    for row, found in zip(rows, words, strict=True):
        for word in found:
            holding[word] = holding.get(word, 0) + 1
            if row["care"]:
                danger[word] = danger.get(word, 0) + 1
    return sorted(w for w, n in danger.items() if n >= CUE_MIN_ROWS and n / holding[w] >= CUE_SHARE)


def reading(doc: Doc) -> tuple[float, str | None]:
    """(P(danger), the likeliest danger kind) from a doc the classifiers have read; (0.0, None) if they haven't."""
    cats = doc.cats
    if DANGER not in cats:
        return 0.0, None
    return cats[DANGER], max(KINDS, key=lambda k: cats.get(k, 0.0))


def choose_threshold(probabilities: Sequence[float], rule_hits: Sequence[bool], truth: Sequence[bool],
                     target: float = TARGET_RECALL) -> float:
    """The highest threshold (in steps of 0.01) at which rules-or-classifier recall reaches `target`."""
    positives = sum(truth)
    for step in range(99, 0, -1):
        threshold = step / 100
        caught = sum(1 for p, r, t in zip(probabilities, rule_hits, truth, strict=True) if t and (r or p >= threshold))
        if positives and caught / positives >= target:
            return threshold
    return 0.01


def load_meta() -> dict[str, Any]:
    """care_model.json: the threshold, cues, training fingerprint and validation figures."""
    return dict(json.loads(META_FILE.read_text(encoding="utf-8")))


class CareReader:
    """The trained classifiers with their threshold and cues, loaded once per process (`load()`)."""

    def __init__(self, language: Language, threshold: float, cues: frozenset[str], sure: float = SURE) -> None:
        self.language, self.threshold, self.cues, self.sure = language, threshold, cues, sure
        self._danger = cast(TextCategorizer, language.get_pipe(COMPONENT))
        self._kind = cast(TextCategorizer, language.get_pipe(KIND_COMPONENT))

    @classmethod
    def load(cls) -> CareReader:
        """The model in data/care_textcat/ with care_model.json's threshold, cues and sure reading."""
        meta = load_meta()
        return cls(spacy.load(MODEL_DIR), float(meta["threshold"]), frozenset(meta["cues"]),
                   float(meta["cue_rule"]["sure"]))

    def kind_of(self, doc: Doc) -> str | None:
        """The danger kind the classifiers read in a message no rule matched (`doc` from the main pipeline),
        or None: below the threshold, or without a cue word and below the sure reading."""
        return self.kinds_of([doc])[0]

    def kinds_of(self, docs: Sequence[Doc]) -> list[str | None]:
        """`kind_of` for each doc, the classifiers reading them as one batch. The kind classifier reads only
        the messages whose P(danger) reaches their bar (below it no kind is said): the same answers as reading
        every message with both."""
        bars = [self._bar(doc) for doc in docs]
        asked = [i for i, bar in enumerate(bars) if bar is not None]
        read = self._danger.pipe(self.language.make_doc(docs[i].text.lower()) for i in asked)
        over = [(i, doc) for i, doc in zip(asked, read, strict=True) if reading(doc)[0] >= cast(float, bars[i])]
        found: list[str | None] = [None] * len(docs)
        for (i, _), doc in zip(over, self._kind.pipe(doc for _, doc in over), strict=True):
            found[i] = reading(doc)[1]
        return found

    def _bar(self, doc: Doc) -> float | None:
        """The P(danger) a message must reach: lower when it holds a cue word; None when its only cues are
        reassurance ("I feel safe with you" is the opposite of the danger "I don't feel safe" names)."""
        cues = words_of(doc) & self.cues
        if only_reassured(cues, reassures(doc)):
            return None
        return self.threshold if cues else max(self.threshold, self.sure)
