"""`python -m nlp` through a real subprocess: JSON Lines in and out, readable report, errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nlp", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env={**os.environ, **(env or {})})


def test_json_lines_in_and_out_with_error_records() -> None:
    lines = [json.dumps({"text": "You never listen"}), json.dumps({"text": "   "}), "not json",
             json.dumps({"text": 5}), json.dumps({"text": "x" * 5001}), "",
             json.dumps({"text": "You always make me laugh"}), json.dumps({"msg": "hi"})]
    result = run("--batch-size", "3", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 8
    first, blank, broken, number, long, empty_line, warm, no_text = records
    assert first["blaming"] is True and first["suggestion"]
    assert first["flags"][0] == {"kind": "absolute", "text": "You never", "start": 0, "end": 9,
                                 "explanation": first["flags"][0]["explanation"]}
    for bad in (blank, broken, number, long, empty_line, no_text):
        assert bad["error"] and "blaming" not in bad
    assert warm["blaming"] is False and warm["suggestion"] is None and warm["flags"] == []


def test_readable_report_for_one_message() -> None:
    result = run("You never listen")
    assert result.returncode == 0
    assert "absolute" in result.stdout and "You might say: I feel" in result.stdout


def test_missing_model_is_a_clear_start_up_error() -> None:
    result = run("--model", "en_no_such_model_xyz", stdin="")
    assert result.returncode == 2
    assert "en_no_such_model_xyz" in result.stderr and "HEARTH_SPACY_MODEL" in result.stderr
    from_env = run("hello", env={"HEARTH_SPACY_MODEL": "en_no_such_model_xyz"})
    assert from_env.returncode == 2 and "en_no_such_model_xyz" in from_env.stderr
