"""Rule and lexicon files are validated when loaded; no model needed."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from nlp.errors import RuleFileError
from nlp.rule_loading import load_rulebook
from nlp.rule_types import DATA_DIR, KINDS
from nlp.suggest import load_coaching


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def append_line(path: Path, record: dict[str, object]) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def test_shipped_rules_load_and_cover_every_kind() -> None:
    book = load_rulebook(DATA_DIR)
    assert {rule.kind for rule in book.blame} == set(KINDS)
    assert len({rule.id for rule in book.blame + book.frames + book.care}) == len(
        book.blame + book.frames + book.care)
    assert all(rule.explanation.endswith(".") for rule in book.blame)


def test_loaded_rules_are_frozen() -> None:
    rule = load_rulebook(DATA_DIR).blame[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.kind = "label"  # type: ignore[misc]
    assert isinstance(rule.patterns, tuple) and isinstance(rule.guards, tuple)


@pytest.mark.parametrize("record, message", [
    ({"id": "x", "kind": "absolute", "pattern": [{"LOWER": "x"}], "explanation": "E.", "colour": 1},
     "unknown keys ['colour']"),
    ({"id": "x", "kind": "absolute", "pattern": [{"LOWER": "x"}]}, "missing keys ['explanation']"),
    ({"id": "x", "kind": "sarcasm", "pattern": [{"LOWER": "x"}], "explanation": "E."}, "kind 'sarcasm'"),
    ({"id": "x", "kind": "label", "pattern": [{"LOWR": "x"}], "explanation": "E."}, "invalid Matcher"),
    ({"id": "x", "kind": "label", "pattern": [{"LOWER": {"IN": "@nope"}}], "explanation": "E."},
     "unknown word list '@nope'"),
    ({"id": "x", "kind": "label", "pattern": [{"MACRO": "THEM"}], "explanation": "E."}, "unknown macro"),
    ({"id": "x", "kind": "label", "pattern": [{"LOWER": "x"}], "explanation": "E.", "guards": ["mood"]},
     "guard 'mood'"),
    ({"id": "absolute.you_always", "kind": "label", "pattern": [{"LOWER": "x"}], "explanation": "E."},
     "duplicate id"),
    ({"id": "x", "kind": "label", "pattern": [{"LOWER": "x"}], "explanation": "E.", "sure": "yes"},
     "'sure' must be true or false"),
])
def test_bad_blame_rule_names_file_and_line(tmp_path: Path, record: dict[str, object],
                                            message: str) -> None:
    data = copy_data(tmp_path)
    line = append_line(data / "blame_rules.jsonl", record)
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(data)
    assert f"blame_rules.jsonl line {line}" in str(caught.value)
    assert message in str(caught.value)


def test_bad_care_and_frame_lines_are_rejected(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    append_line(data / "care_rules.jsonl", {"id": "c", "kind": "sadness", "pattern": [{"LOWER": "x"}]})
    with pytest.raises(RuleFileError, match="care_rules.jsonl line .*care kind 'sadness'"):
        load_rulebook(data)
    data = copy_data(tmp_path / "again")
    append_line(data / "frames.jsonl", {"id": "f", "frame": "request", "pattern": [{"LOWER": "x"}],
                                        "suppresses": ["all"], "scope": "sentence"})
    with pytest.raises(RuleFileError, match="frames.jsonl line .*suppressed kind 'all'"):
        load_rulebook(data)


def test_broken_json_and_lexicon_keys(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "care_rules.jsonl").write_text('{"id": "c",\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="care_rules.jsonl line 1: not valid JSON"):
        load_rulebook(data)
    data = copy_data(tmp_path / "lex")
    lexicon = json.loads((data / "lexicon.json").read_text(encoding="utf-8"))
    del lexicon["labels"]
    (data / "lexicon.json").write_text(json.dumps(lexicon), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"lexicon.json: missing keys \['labels'\]"):
        load_rulebook(data)


def test_coaching_file_is_checked(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    coaching = json.loads((data / "coaching.json").read_text(encoding="utf-8"))
    coaching["topics"][0]["mood"] = "x"
    (data / "coaching.json").write_text(json.dumps(coaching), encoding="utf-8")
    with pytest.raises(RuleFileError, match="coaching.json: entry 'topics\\[0\\]'"):
        load_coaching(data / "coaching.json")


def test_each_rule_type_owns_its_schema_and_builds_itself_from_a_line() -> None:
    """A key one type knows can be unknown to another; values are checked by the type that uses them."""
    from nlp.rule_types import BlameRule, CareRule, FrameRule

    care_line = {"id": "c", "kind": "fear", "pattern": [{"LOWER": "x"}], "note": "why this rule exists"}
    CareRule.check_keys(care_line)
    with pytest.raises(ValueError, match=r"unknown keys \['note'\]"):
        BlameRule.check_keys({**care_line, "explanation": "E."})
    frame = FrameRule.from_record({"id": "f", "frame": "request", "pattern": [{"LOWER": "x"}],
                                   "suppresses": ["*"], "scope": "overlap"}, (({"LOWER": "x"},),))
    assert (frame.kind, frame.suppresses, frame.scope) == ("request", frozenset({"*"}), "overlap")
    with pytest.raises(ValueError, match="scope 'everywhere'"):
        FrameRule.from_record({"id": "f", "frame": "request", "pattern": [], "suppresses": [],
                               "scope": "everywhere"}, ())
    blame = BlameRule.from_record({"id": "b", "kind": "label", "pattern": [], "explanation": " Kind words. ",
                                   "guards": ["partner"], "unless_next": ["Up"]}, ())
    assert (blame.explanation, blame.guards, blame.unless_next) == ("Kind words.", ("partner",), frozenset({"up"}))
