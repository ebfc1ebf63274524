"""Retrain the care classifier (see nlp/care_model.py):

    python -m nlp.care_training --validation tests/nlp/data/care_validation*.jsonl


Not imported by the package, so the command runs without loading a model it is about to replace.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .care_model import rebuild, words_of
from .care_reassurance import reassures
from .component import CARE_KEY
from .pipeline import load, loaded


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
