"""Precision and recall of the analyzer and of a plain keyword rule on a labelled JSONL file."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .analysis import analyze_many

# The baseline the issue asks to beat: a keyword rule anyone could write in a minute.
KEYWORDS = re.compile(r"\b(you always|you never|your fault)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Score:
    """Confusion counts for one predictor on one split, with precision and recall."""

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


def score(truth: list[bool], predicted: list[bool]) -> Score:
    """Count true/false positives and negatives."""
    pairs = list(zip(truth, predicted, strict=True))
    return Score(tp=sum(t and p for t, p in pairs), fp=sum(p and not t for t, p in pairs),
                 fn=sum(t and not p for t, p in pairs), tn=sum(not t and not p for t, p in pairs))


def keyword_rule(text: str) -> bool:
    """The baseline: blaming if the text says "you always", "you never" or "your fault"."""
    return KEYWORDS.search(text) is not None


def evaluate(path: Path) -> dict[str, dict[str, Score]]:
    """Scores per split ("tune", "heldout", "all") for the analyzer and the keyword rule."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [a.blaming for a in analyze_many([r["text"] for r in rows])]
    result: dict[str, dict[str, Score]] = {}
    for split in ("tune", "heldout", "all"):
        idx = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
        truth = [rows[i]["blaming"] for i in idx]
        result[split] = {"analyzer": score(truth, [flagged[i] for i in idx]),
                         "keyword rule": score(truth, [keyword_rule(rows[i]["text"]) for i in idx])}
    return result


def table(results: dict[str, dict[str, Score]]) -> str:
    """A Markdown table of the scores."""
    lines = ["| split | lines | predictor | precision | recall | TP | FP | FN | TN |",
             "|---|---|---|---|---|---|---|---|---|"]
    for split, by_name in results.items():
        for name, s in by_name.items():
            n = s.tp + s.fp + s.fn + s.tn
            lines.append(f"| {split} | {n} | {name} | {s.precision:.3f} | {s.recall:.3f} "
                         f"| {s.tp} | {s.fp} | {s.fn} | {s.tn} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/nlp/data/labelled.jsonl"))))
