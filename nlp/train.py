"""Retrain the blame classifier (see nlp/blame_model.py) from the corpus and choose its thresholds on tune:

    python -m nlp.train

Reads nlp/data/blame_corpus/*.jsonl with the main pipeline (rules only), leaves out any line a held-out set
(tests/nlp/data) also holds, trains on the train split, chooses the thresholds (blame_thresholds.py) on the
two tune splits (the corpus's and labelled.jsonl's), writes nlp/data/blame_textcat/ and
nlp/data/blame_model.json, and prints the figures on tune with the time each step took. Deterministic:
the same files give the same model. Not imported by the package, so the command runs without loading a
model it is about to replace.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.vocab import Vocab

from .blame_decision import decision_words, rule_sentence_words, seen
from .blame_features import READING_FILE, Reading, load_reading
from .blame_model import (BOW, COMPONENT, EPOCHS, KIND_BOW, META_FILE, MODEL_DIR, SEED, BlameReader, corpus_files,
                          fingerprint, read_corpus, train)
from .blame_thresholds import NEVER, SURE, TARGET_PRECISION, Seen, Thresholds, choose, flags
from .evaluate import held_out_texts, labelled_tune
from .pipeline import load, loaded
from .rule_types import DATA_DIR

FEATURE_FILES = (READING_FILE, DATA_DIR / "lexicon.json")


def features_fingerprint() -> str:
    """A SHA-256 over what shapes the classifier's input: the word-class files and the valence lexicon's version."""
    return hashlib.sha256((fingerprint(FEATURE_FILES) + version("vaderSentiment")).encode()).hexdigest()


def figures(flagged: Sequence[bool], truth: Sequence[bool]) -> dict[str, Any]:
    """Precision, recall, F1 (3 places) and the confusion counts."""
    tp = sum(f and t for f, t in zip(flagged, truth, strict=True))
    fp = sum(f and not t for f, t in zip(flagged, truth, strict=True))
    fn = sum(t and not f for f, t in zip(flagged, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "tn": len(truth) - tp - fp - fn}


def split_figures(seen_rows: Sequence[Seen], truth: Sequence[bool], at: Thresholds) -> dict[str, Any]:
    """The rules alone, the classifier alone and the coach on one split."""
    return {"lines": len(truth), "rules": figures([s.rule_hit for s in seen_rows], truth),
            "model": figures([s.probability >= at.threshold for s in seen_rows], truth),
            "coach": figures(flags(seen_rows, at), truth)}


class Read(NamedTuple):
    """Per text: its model words, the words the decision weighs, what the guards see (probabilities 0 for now),
    and the words of its rule sentences (blame_decision.rule_sentence_words)."""

    words: list[list[str]]
    weighed: list[list[str]]
    seen: list[Seen]
    rule_sentences: list[list[list[str]]]


def _read(language: Language, reading: Reading, texts: Sequence[str]) -> Read:
    rulebook = loaded().rulebook
    lexicon, sure_rules = rulebook.lexicon, frozenset(rule.id for rule in rulebook.blame if rule.sure)
    found = Read([], [], [], [])
    for doc in language.pipe(texts, batch_size=64):
        lines = reading.read(doc)
        found.words.append(reading.model_words(doc, read=lines))
        found.weighed.append(decision_words(doc, reading, lines))
        found.seen.append(seen(doc, 0.0, lexicon, reading, sure_rules))
        found.rule_sentences.append(rule_sentence_words(doc, lexicon, reading, lines))
    return found


def _seen(reader: BlameReader, vocab: Vocab, read: Read, at: Sequence[int]) -> list[Seen]:
    """The Seen of the texts at `at`, with the classifier's probabilities filled in."""
    probabilities = reader.probabilities(vocab, [read.weighed[i] for i in at])
    return [read.seen[i]._replace(probability=p, rule_sentence=max(reader.probabilities(vocab, read.rule_sentences[i]),
                                                                   default=0.0))
            for i, p in zip(at, probabilities, strict=True)]


def rebuild(say: Callable[[str], object] = print) -> dict[str, Any]:
    """Train on the corpus's train split, choose the thresholds on tune, write the model and its meta."""
    started = time.perf_counter()
    load(rules_only=True)
    current = loaded()
    reading = load_reading(current.rulebook.lexicon)
    files = corpus_files()
    held_out = held_out_texts()
    rows = [row if row["text"].strip().lower() not in held_out else {**row, "split": "held out"}
            for row in read_corpus(files)]  # a line a held-out set also holds is neither trained nor tuned on
    contrasts = labelled_tune()
    corpus_read = _read(current.language, reading, [row["text"] for row in rows])
    contrast_read = _read(current.language, reading, [row["text"] for row in contrasts])
    say(f"read {len(rows) + len(contrasts)} lines with {current.name} in {time.perf_counter() - started:.1f} s")
    mark = time.perf_counter()
    language = train(rows, corpus_read.words)
    say(f"trained on {sum(r['split'] == 'train' for r in rows)} lines in {time.perf_counter() - mark:.1f} s")
    reader = BlameReader(language, Thresholds(0.0, NEVER, NEVER))
    vocab = current.language.vocab
    tune_at = [i for i, row in enumerate(rows) if row["split"] == "tune"]
    tune = _seen(reader, vocab, corpus_read, tune_at)
    tune_truth = [rows[i]["blaming"] for i in tune_at]
    contrast = _seen(reader, vocab, contrast_read, list(range(len(contrasts))))
    contrast_truth = [row["blaming"] for row in contrasts]
    at = choose(tune + contrast, tune_truth + contrast_truth)
    meta = {**at._asdict(), "sure": SURE, "target_precision": TARGET_PRECISION,
            "fingerprint": fingerprint(files), "trained_on": [path.name for path in files], "rows": len(rows),
            "train_rows": sum(row["split"] == "train" for row in rows), "tune_rows": len(tune),
            "left_out_as_held_out": sum(row["split"] == "held out" for row in rows),
            "features_fingerprint": features_fingerprint(), "spacy_model": current.name,
            "seed": SEED, "epochs": EPOCHS, "architecture": BOW["@architectures"], "ngram_size": BOW["ngram_size"],
            "hash_rows": BOW["length"], "kind_hash_rows": KIND_BOW["length"],
            "figures": {"tune": split_figures(tune, tune_truth, at),
                        "labelled tune": split_figures(contrast, contrast_truth, at),
                        "both tune splits": split_figures(tune + contrast, tune_truth + contrast_truth, at)}}
    language.to_disk(MODEL_DIR)
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    say(f"wrote {MODEL_DIR.name}/ ({COMPONENT} and its kinds) and {META_FILE.name} "
        f"in {time.perf_counter() - started:.1f} s in all")
    return meta


def main(argv: list[str] | None = None) -> int:
    """Rebuild the blame classifier and print its meta."""
    argparse.ArgumentParser(prog="python -m nlp.train", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    print(json.dumps(rebuild(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
