"""Read the three JSONL rule files (blame, frames, care), checking every key of every line."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from .rule_types import (CARE_KINDS, DATA_DIR, FRAMES, GUARDS, KINDS, Lexicon, Rule, Rulebook,
                       _fail, expand, load_lexicon, read_jsonl)

_SCHEMAS: dict[str, tuple[set[str], set[str]]] = {
    # file -> (required keys, optional keys)
    "blame_rules.jsonl": ({"id", "kind", "pattern", "explanation"}, {"guards", "anchor", "unless_next"}),
    "frames.jsonl": ({"id", "frame", "pattern", "suppresses", "scope"}, {"anchor"}),
    "care_rules.jsonl": ({"id", "kind", "pattern"}, {"anchor", "unless_next", "note"}),
}


def _check(path: Path, line: int, record: dict[str, Any]) -> None:
    required, optional = _SCHEMAS[path.name]
    unknown = record.keys() - required - optional
    if unknown:
        raise _fail(path, line, f"unknown keys {sorted(unknown)}")
    missing = required - record.keys()
    if missing:
        raise _fail(path, line, f"missing keys {sorted(missing)}")
    if not isinstance(record["id"], str) or not record["id"]:
        raise _fail(path, line, "'id' must be a non-empty string")
    if "explanation" in record and not (isinstance(record["explanation"], str)
                                         and record["explanation"].strip()):
        raise _fail(path, line, "'explanation' must be a sentence")
    if "anchor" in record and record["anchor"] not in ("start",):
        raise _fail(path, line, "'anchor' may only be \"start\"")
    for key in ("guards", "unless_next", "suppresses"):
        if key in record and not (isinstance(record[key], list)
                                  and all(isinstance(v, str) for v in record[key])):
            raise _fail(path, line, f"'{key}' must be a list of strings")


def _validate(path: Path, line: int, rule_id: str, patterns: tuple[Any, ...]) -> None:
    """Let spaCy's own schema check the expanded patterns so errors point at this line."""
    try:
        Matcher(Vocab(), validate=True).add(rule_id, [list(p) for p in patterns])
    except (ValueError, KeyError) as exc:
        raise _fail(path, line, f"invalid Matcher pattern for {rule_id!r}: {exc}") from exc


def _one_of(path: Path, line: int, value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise _fail(path, line, f"{what} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def load_rule_file(path: Path, lexicon: Lexicon) -> tuple[Rule, ...]:
    """Load one rule file into Rule objects; raise RuleFileError naming file and line on any fault."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for line, record in read_jsonl(path):
        _check(path, line, record)
        if record["id"] in seen:
            raise _fail(path, line, f"duplicate id {record['id']!r}")
        seen.add(record["id"])
        patterns = expand(record["pattern"], lexicon, path, line)
        _validate(path, line, record["id"], patterns)
        common = dict(id=record["id"], patterns=patterns, anchor="anchor" in record,
                      unless_next=frozenset(w.lower() for w in record.get("unless_next", ())))
        if path.name == "frames.jsonl":
            frame = _one_of(path, line, record["frame"], FRAMES, "frame")
            scope = _one_of(path, line, record["scope"], ("sentence", "overlap"), "scope")
            suppresses = record["suppresses"]
            for kind in suppresses:
                _one_of(path, line, kind, KINDS + ("*",), "suppressed kind")
            rules.append(Rule(kind=frame, scope=scope, suppresses=frozenset(suppresses), **common))
        elif path.name == "care_rules.jsonl":
            rules.append(Rule(kind=_one_of(path, line, record["kind"], CARE_KINDS, "care kind"),
                              **common))
        else:
            for guard in record.get("guards", ()):
                _one_of(path, line, guard, GUARDS, "guard")
            rules.append(Rule(kind=_one_of(path, line, record["kind"], KINDS, "kind"),
                              explanation=record["explanation"].strip(),
                              guards=tuple(record.get("guards", ())), **common))
    if not rules:
        raise _fail(path, None, "holds no rules")
    return tuple(rules)


@lru_cache(maxsize=4)
def load_rulebook(data_dir: Path = DATA_DIR) -> Rulebook:
    """Load and validate every data file in data_dir once; the result is immutable and shared."""
    lexicon = load_lexicon(data_dir / "lexicon.json")
    return Rulebook(
        lexicon=lexicon,
        blame=load_rule_file(data_dir / "blame_rules.jsonl", lexicon),
        frames=load_rule_file(data_dir / "frames.jsonl", lexicon),
        care=load_rule_file(data_dir / "care_rules.jsonl", lexicon),
    )
