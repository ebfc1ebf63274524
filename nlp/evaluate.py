"""Precision, recall and F1 on each labelled split, for the coach and its parts:

    python -m nlp.evaluate               # the corpus's tune split only: safe while building
    python -m nlp.evaluate --held-out    # and the held-out sets: run once, when the model is frozen

Predictors: the rules alone (a blame rule matched), the classifier alone (P(blaming) at or above its
threshold), the coach (what analyze() says: one decision, nlp/blame_decision.py), and the old keyword
rule ("you always", "you never", "your fault"), the baseline anyone could write in a minute.
Splits: "tune" (nlp/data/blame_corpus, the lines `blame_model.split_of` keeps out of training) and
"labelled tune" (the "tune" rows of tests/nlp/data/labelled.jsonl): the thresholds were chosen on both;
"labelled heldout" (the "heldout" rows of tests/nlp/data/labelled.jsonl,
written with the rules, before the classifier) and "heldout_b" (tests/nlp/data/blame_heldout_b.jsonl,
written before any training). Neither held-out set is trained or tuned on.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import from_doc
from .blame_model import corpus_files, read_corpus
from .component import BLAME_KEY
from .pipeline import load, loaded

# The baseline the issue asks to beat: a keyword rule anyone could write in a minute.
KEYWORDS = re.compile(r"\b(you always|you never|your fault)\b", re.IGNORECASE)
HELD_OUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "data"
PREDICTORS = ("rules alone", "model alone", "coach", "keyword rule")


@dataclass(frozen=True)
class Score:
    """Confusion counts for one predictor on one split, with precision, recall and F1."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        """Share of flagged lines that were really blaming (1.0 when nothing was flagged)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of blaming lines that were flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(truth: Sequence[bool], predicted: Sequence[bool]) -> Score:
    """Count true/false positives and negatives."""
    pairs = list(zip(truth, predicted, strict=True))
    return Score(tp=sum(t and p for t, p in pairs), fp=sum(p and not t for t, p in pairs),
                 fn=sum(t and not p for t, p in pairs), tn=sum(not t and not p for t, p in pairs))


def keyword_rule(text: str) -> bool:
    """The baseline: blaming if the text says "you always", "you never" or "your fault"."""
    return KEYWORDS.search(text) is not None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _held_out() -> dict[str, list[dict[str, Any]]]:
    return {"labelled heldout": [r for r in _jsonl(HELD_OUT_DIR / "labelled.jsonl") if r["split"] == "heldout"],
            "heldout_b": _jsonl(HELD_OUT_DIR / "blame_heldout_b.jsonl")}


def labelled_tune() -> list[dict[str, Any]]:
    """The "tune" rows of tests/nlp/data/labelled.jsonl: the rules' contrast pairs, tuned on, never trained on."""
    return [r for r in _jsonl(HELD_OUT_DIR / "labelled.jsonl") if r["split"] == "tune"]


def held_out_texts() -> set[str]:
    """The texts of both held-out sets, stripped and lower-cased: `python -m nlp.train` leaves corpus lines
    that say the same out of training and tune."""
    return {row["text"].strip().lower() for rows in _held_out().values() for row in rows}


def splits(held_out: bool) -> dict[str, list[dict[str, Any]]]:
    """The labelled rows of each split ({"text", "blaming", ...}): the two tune splits (the corpus's, less any
    line a held-out set holds, and labelled.jsonl's), and with `held_out` the two held-out sets."""
    known = held_out_texts()
    result = {"tune": [row for row in read_corpus(corpus_files())
                       if row["split"] == "tune" and row["text"].strip().lower() not in known],
              "labelled tune": labelled_tune()}
    return result | (_held_out() if held_out else {})


def predictions(texts: Sequence[str]) -> dict[str, list[bool]]:
    """Each predictor's verdict on each text (the pipeline with its classifier loaded)."""
    load()
    current = loaded()
    coach = current.coach
    if coach is None:
        raise RuntimeError("the blame classifier is not loaded")
    found: dict[str, list[bool]] = {name: [] for name in PREDICTORS}
    for text, doc in zip(texts, current.language.pipe(texts, batch_size=64), strict=True):
        found["rules alone"].append(bool(doc.spans[BLAME_KEY]))
        found["model alone"].append(coach.probability(doc) >= coach.reader.thresholds.threshold)
        found["coach"].append(from_doc(doc, current).blaming)
        found["keyword rule"].append(keyword_rule(text))
    return found


def evaluate(held_out: bool = False) -> dict[str, dict[str, Score]]:
    """Scores per split and predictor."""
    result: dict[str, dict[str, Score]] = {}
    for split, rows in splits(held_out).items():
        truth = [row["blaming"] for row in rows]
        found = predictions([row["text"] for row in rows])
        result[split] = {name: score(truth, found[name]) for name in PREDICTORS}
    return result


def table(results: dict[str, dict[str, Score]]) -> str:
    """A Markdown table of the scores."""
    lines = ["| split | lines | predictor | precision | recall | F1 | TP | FP | FN | TN |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for split, by_name in results.items():
        for name, s in by_name.items():
            n = s.tp + s.fp + s.fn + s.tn
            lines.append(f"| {split} | {n} | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                         f"| {s.tp} | {s.fp} | {s.fn} | {s.tn} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for tune, and for the held-out sets with --held-out."""
    parser = argparse.ArgumentParser(prog="python -m nlp.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", action="store_true", help="also score the held-out sets (once, at the end)")
    print(table(evaluate(parser.parse_args(argv).held_out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
