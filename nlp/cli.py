"""Command line: JSON Lines in, JSON Lines out; or one message as a readable report."""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from .analysis import Analysis, analyze_many, check_text
from .care import CARE_NOTE
from .errors import NlpError, TextRejected
from .pipeline import SETTING, load


def _parse_line(line: str) -> Any:
    """The text of one input line, or a TextRejected explaining why it cannot be read."""
    if not line.strip():
        return TextRejected("This line is empty; send one {\"text\": \"...\"} per line.")
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return TextRejected("This line isn't valid JSON; send one {\"text\": \"...\"} per line.")
    if not isinstance(record, dict) or "text" not in record:
        return TextRejected("Each line needs a \"text\" field.")
    try:
        return check_text(record["text"])
    except TextRejected as exc:
        return exc


def run_lines(lines: Iterator[str], out: TextIO, batch_size: int) -> int:
    """Analyse JSON Lines in batches through the pipe; write one result or error record per line."""
    errors = 0
    while True:
        chunk = [line for line in itertools.islice(lines, batch_size)]
        if not chunk:
            return errors
        parsed = [_parse_line(line) for line in chunk]  # one answer per line, blank ones too
        good = iter(analyze_many([p for p in parsed if isinstance(p, str)]))
        for item in parsed:
            if isinstance(item, TextRejected):
                errors += 1
                record: dict[str, Any] = {"text": None, "error": str(item)}
            else:
                record = next(good).to_dict()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def report(analysis: Analysis) -> str:
    """A readable, plain-text account of one analysis."""
    lines = [f"Message: {analysis.text}"]
    if analysis.care:
        lines += ["", CARE_NOTE]
    if not analysis.flags:
        lines.append("No blaming phrasing noticed.")
    for flag in analysis.flags:
        lines.append(f"  - {flag.kind} \"{flag.text}\" [{flag.start}:{flag.end}]: {flag.explanation}")
    if analysis.suggestion:
        lines += ["", f"You might say: {analysis.suggestion}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point for `python -m nlp`; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m nlp", description=__doc__)
    parser.add_argument("text", nargs="*", help="a message to report on; without it, read JSON Lines")
    parser.add_argument("--model", help=f"spaCy package to load (default: ${SETTING} or the pinned one)")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="lines read before answering (1 answers each line at once)")
    args = parser.parse_args(argv)
    try:
        load(args.model)
    except NlpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.text:
        try:
            print(report(analyze_many([" ".join(args.text)])[0]))
        except TextRejected as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    run_lines(iter(sys.stdin), sys.stdout, max(1, args.batch_size))
    return 0
