"""The blame classifier: spaCy `textcat`s trained with spaCy's own training on Hearth's corpus.

The rules (data/blame_rules.jsonl) name the phrasings written out, with a span and a reason; people
blame in many other words ("You went behind my back again", "Must be nice to sleep in every day").
Two bags of word n-grams (spacy.TextCatBOW.v3, up to four words) read what blame_features.py makes of a
message: COMPONENT says blaming or fine, KIND_COMPONENT which corpus kind (trained on the blaming rows
alone). Both learn from data/blame_corpus/*.jsonl (thirteen files by twelve writers and a top-up of kind lines, see
its README) less the tune split
(`split_of`: 12% of the lines by a stable hash of the text), and are kept in data/blame_textcat/ with
data/blame_model.json beside it: the corpus fingerprint, the thresholds and the figures on tune.

How the coach uses them: blame_decision.py and blame_thresholds.py (a veto on the rules' flags, and two
thresholds for flags of its own, chosen on the tune splits, precision first). `python -m nlp.train`
rebuilds everything; a test fails when the corpus changed but the model was not rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from spacy.vocab import Vocab

from .blame_features import CORPUS_KINDS
from .blame_thresholds import Thresholds
from .care_model import fingerprint
from .rule_types import DATA_DIR

CORPUS_DIR = DATA_DIR / "blame_corpus"
MODEL_DIR = DATA_DIR / "blame_textcat"
META_FILE = DATA_DIR / "blame_model.json"  # beside the model: spaCy keeps its own meta.json inside
COMPONENT, KIND_COMPONENT = "hearth_blame_textcat", "hearth_blame_kind"
BLAMING, FINE = "blaming", "fine"
FINE_KINDS = ("appreciation", "i_statement", "request", "question", "paraphrase", "generic_you", "apology",
              "logistics", "self", "neutral")  # the corpus's kinds of message that are not blaming
TUNE_PERCENT = 12
SEED, EPOCHS, BATCH = 0, 8, 16
# The hashed n-gram table is what the model weighs on disk (4 bytes x length x labels). Across writers,
# recall at 0.95 precision was 0.70 with 65,536 rows, 0.77 with 262,144 (2 MB) and 0.80 with 1,048,576
# (8 MB). Which kind of blame matters less than whether: its table is smaller (1.2 MB for nine kinds).
# Up to four words in a row: "you never even bother" is one feature. On the tune splits (2026-11-30, with
# writer_e and writer_f) n-grams of 4 gave the coach 0.977 / 0.800 against 0.978 / 0.769 with 3 and 0.983 /
# 0.775 with 5, at the same size and speed.
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 4,
       "no_output_layer": False, "length": 262144}
KIND_BOW = {**BOW, "length": 32768}


def split_of(text: str) -> str:
    """"tune" for about TUNE_PERCENT% of texts (by a SHA-256 of the stripped, lower-cased text), else "train"."""
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 100 < TUNE_PERCENT else "train"


def corpus_files() -> list[Path]:
    """The corpus files, data/blame_corpus/*.jsonl, in name order."""
    return sorted(CORPUS_DIR.glob("*.jsonl"))


def read_corpus(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The rows of corpus files: {"text", "blaming", "kind", "topic"}, with "split" added (`split_of`)."""
    rows = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("blaming"), bool) or (
                    row.get("kind") not in (CORPUS_KINDS if row["blaming"] else FINE_KINDS)):
                raise ValueError(f"{path.name}:{number}: needs text, blaming, and a kind that fits blaming")
            rows.append({**row, "split": split_of(row["text"])})
    return rows


def train(rows: Sequence[dict[str, Any]], words: Sequence[list[str]], seed: int = SEED,
          epochs: int = EPOCHS) -> Language:
    """A blank English pipeline with the two trained textcats (deterministic for a seed); `words` are each
    row's model words (blame_features.Reading.model_words). Only rows of the train split are used."""
    train_at = [i for i, row in enumerate(rows) if row["split"] == "train"]
    either = _trained(COMPONENT, [(words[i], {BLAMING: float(rows[i]["blaming"]), FINE: float(not rows[i]["blaming"])})
                                  for i in train_at], seed, epochs)
    kinds = _trained(KIND_COMPONENT, [(words[i], {kind: float(kind == rows[i]["kind"]) for kind in CORPUS_KINDS})
                                      for i in train_at if rows[i]["blaming"]], seed, epochs, KIND_BOW)
    either.add_pipe(KIND_COMPONENT, source=kinds)
    return either


def _trained(name: str, labelled: Sequence[tuple[list[str], dict[str, float]]], seed: int, epochs: int,
             model: dict[str, Any] = BOW) -> Language:
    """A blank English pipeline with one textcat `name` (architecture `model`), trained on (words, cats) pairs."""
    fix_random_seed(seed)
    language = spacy.blank("en")
    language.add_pipe("textcat", name=name, config={"model": model})
    examples = [Example.from_dict(Doc(language.vocab, words=words), {"cats": cats}) for words, cats in labelled]
    optimizer = language.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for _epoch in range(epochs):
        shuffle.shuffle(examples)
        for batch in minibatch(examples, size=BATCH):
            language.update(batch, sgd=optimizer)
    return language


class BlameReader:
    """The trained classifiers with the decision's thresholds, loaded once per process (`load()`)."""

    def __init__(self, language: Language, thresholds: Thresholds) -> None:
        self.language, self.thresholds = language, thresholds
        self._either = cast(TextCategorizer, language.get_pipe(COMPONENT))
        self._kinds = cast(TextCategorizer, language.get_pipe(KIND_COMPONENT))
        self._blaming = list(self._either.labels).index(BLAMING)

    @classmethod
    def load(cls) -> BlameReader:
        """The model in data/blame_textcat/ with blame_model.json's thresholds."""
        meta = load_meta()
        return cls(spacy.load(MODEL_DIR), Thresholds(*(float(meta[key]) for key in Thresholds._fields)))

    def probabilities(self, vocab: Vocab, lines: Sequence[list[str]]) -> list[float]:
        """P(blaming) for each list of model words; the Docs are made in `vocab` (the caller's memory zone)."""
        if not lines:
            return []
        scores = self._either.model.predict([Doc(vocab, words=words) for words in lines])
        return [float(row[self._blaming]) for row in self._either.model.ops.to_numpy(scores)]

    def corpus_kind(self, vocab: Vocab, words: list[str]) -> str:
        """The likeliest corpus kind (blame_features.CORPUS_KINDS) of one list of model words."""
        scores = self._kinds.model.predict([Doc(vocab, words=words)])
        row = list(self._kinds.model.ops.to_numpy(scores)[0])
        return str(self._kinds.labels[row.index(max(row))])


def load_meta() -> dict[str, Any]:
    """blame_model.json: the thresholds, the training fingerprint and the figures on the tune splits."""
    return dict(json.loads(META_FILE.read_text(encoding="utf-8")))


__all__ = ["BlameReader", "corpus_files", "fingerprint", "load_meta", "read_corpus", "split_of", "train"]
