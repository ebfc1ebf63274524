"""Retrain the care classifier (see nlp/care_model.py):

    python -m nlp.care_training --validation tests/nlp/data/care_validation*.jsonl


Not imported by the package, so the command runs without loading a model it is about to replace.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .care_model import (BOW, CUE_MIN_ROWS, CUE_SHARE, EPOCHS, META_FILE, MODEL_DIR, SEED, SURE, TARGET_RECALL,
                         choose_threshold, fingerprint, learn_cues, read_rows, reading, train, training_files,
                         words_of)
from .care_reassurance import only_reassured
from .care_reassurance import reassures
from .component import CARE_KEY
from .pipeline import load, loaded


Seen = tuple[bool, set[str], bool]  # per text: whether a care rule matched, its words_of, whether it `reassures`


def rebuild(validation: Sequence[Path], read: Callable[[list[str]], list[Seen]]) -> dict[str, Any]:
    """Train on data/care_training/, learn the cues, choose the threshold on the `validation` files, write the
    model and care_model.json. `read(texts)` gives, per text, whether a care rule matched, its words_of and
    whether it `reassures`."""
    files = training_files()
    rows = read_rows(files)
    language = train(rows)
    cues = learn_cues(rows, [words for _hit, words, _calm in read([row["text"] for row in rows])])
    held = read_rows(validation)
    texts = [row["text"] for row in held]
    seen = read(texts)
    cue_set = set(cues)
    readings = [reading(doc)[0] for doc in language.pipe(t.lower() for t in texts)]
    probabilities = [0.0 if only_reassured(words & cue_set, calm) else p if words & cue_set or p >= SURE else 0.0
                     for p, (_hit, words, calm) in zip(readings, seen, strict=True)]  # as CareReader.kind_of reads them
    hits = [hit for hit, _words, _calm in seen]
    truth = [row["care"] for row in held]
    threshold = choose_threshold(probabilities, hits, truth)
    flagged = [h or p >= threshold for p, h in zip(probabilities, hits, strict=True)]
    meta = {"threshold": threshold, "target_recall": TARGET_RECALL, "fingerprint": fingerprint(files),
            "trained_on": [path.name for path in files], "rows": len(rows),
            "validation": [path.name for path in validation], **_figures(flagged, truth),
            "seed": SEED, "epochs": EPOCHS, "architecture": BOW["@architectures"],
            "cue_rule": {"min_rows": CUE_MIN_ROWS, "share": CUE_SHARE, "sure": SURE}, "cues": cues}
    language.to_disk(MODEL_DIR)
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _figures(flagged: Sequence[bool], truth: Sequence[bool]) -> dict[str, Any]:
    tp = sum(f and t for f, t in zip(flagged, truth, strict=True))
    tn = sum(not f and not t for f, t in zip(flagged, truth, strict=True))
    positives, negatives = sum(truth), len(truth) - sum(truth)
    return {"validation_recall": round(tp / positives, 3), "validation_specificity": round(tn / negatives, 3),
            "validation_counts": {"caught": tp, "positives": positives, "quiet": tn, "negatives": negatives}}


def main(argv: list[str] | None = None) -> int:
    """Train on nlp/data/care_training/, choose the threshold on --validation, write the model; print its meta."""
    parser = argparse.ArgumentParser(prog="python -m nlp.care_training", description=main.__doc__)
    parser.add_argument("--validation", type=Path, nargs="+", required=True,
                        help="labelled JSON Lines never trained on, for choosing the threshold")
    args = parser.parse_args(argv)
    load(rules_only=True)
    language = loaded().language
    meta = rebuild(args.validation, lambda texts: [(bool(doc.spans[CARE_KEY]), words_of(doc), reassures(doc))
                                                   for doc in language.pipe(texts)])
    print(json.dumps({k: v for k, v in meta.items() if k != "cues"} | {"cues": len(meta["cues"])}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
