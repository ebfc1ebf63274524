"""Load and validate the rule and lexicon data files into frozen, never-mutated objects."""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .errors import RuleFileError

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("absolute", "label", "blame", "mind_reading", "accusatory_question", "should",
         "disguised_i", "contempt")
CARE_KINDS = ("violence", "threat", "fear", "self_harm", "control")
GUARDS = ("appreciation", "warmth", "negative", "unnegated", "partner", "with_cue")
FRAMES = ("paraphrase", "request", "generic", "appreciation")
Pattern = tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Rule:
    """One blame, frame or care rule: its patterns (macros expanded) and how to use a match."""

    id: str
    kind: str
    patterns: tuple[Pattern, ...]
    explanation: str = ""
    guards: tuple[str, ...] = ()
    anchor: bool = False
    unless_next: frozenset[str] = frozenset()
    suppresses: frozenset[str] = frozenset()
    scope: str = "sentence"


@dataclass(frozen=True)
class Lexicon:
    """Word lists the rules and guards consult; every list is a frozenset of lower-case words."""

    texting: tuple[tuple[str, str], ...]
    negators: frozenset[str]
    absolutes: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    labels: frozenset[str]
    exasperation: frozenset[str]
    lists: tuple[tuple[str, tuple[str, ...]], ...]
    macros: tuple[tuple[str, tuple[Pattern, ...]], ...]


@dataclass(frozen=True)
class Rulebook:
    """Everything the hearth_blame component needs, loaded once from a data directory."""

    lexicon: Lexicon
    blame: tuple[Rule, ...]
    frames: tuple[Rule, ...]
    care: tuple[Rule, ...]


def _fail(path: Path, line: int | None, message: str) -> RuleFileError:
    where = f"{path.name} line {line}" if line else path.name
    return RuleFileError(f"{where}: {message}")


def load_lexicon(path: Path) -> Lexicon:
    """Read lexicon.json, rejecting unknown or missing keys and non-string words."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise _fail(path, None, f"cannot read JSON ({exc})") from exc
    fixed = {"texting", "negators", "absolutes", "positive", "negative", "labels", "neutral_labels",
             "exasperation", "macros"}
    for key, value in raw.items():
        if key in ("texting", "macros"):
            if not isinstance(value, dict):
                raise _fail(path, None, f"'{key}' must be an object")
        elif not (isinstance(value, list) and all(isinstance(w, str) and w for w in value)):
            raise _fail(path, None, f"'{key}' must be a list of non-empty strings")
    missing = fixed - raw.keys()
    if missing:
        raise _fail(path, None, f"missing keys {sorted(missing)}")
    words = {k: tuple(w.lower() for w in v) for k, v in raw.items() if k not in ("texting", "macros")}
    macros = tuple((name, tuple(tuple(alt) for alt in alts)) for name, alts in raw["macros"].items())
    return Lexicon(
        texting=tuple((k.lower(), v.lower()) for k, v in raw["texting"].items()),
        negators=frozenset(words["negators"]),
        absolutes=frozenset(words["absolutes"]),
        positive=frozenset(words["positive"]),
        # Labels are cold words too, except the ones that are ordinary nouns elsewhere ("the kids").
        negative=frozenset(words["negative"]) | (frozenset(words["labels"])
                                                 - frozenset(words["neutral_labels"])),
        labels=frozenset(words["labels"]),
        exasperation=frozenset(words["exasperation"]),
        lists=tuple(sorted(words.items())),
        macros=macros,
    )


def _resolve(value: Any, lists: dict[str, tuple[str, ...]], path: Path, line: int) -> Any:
    """Replace "@name" word-list references inside a token spec with the named list."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in lists:
            raise _fail(path, line, f"unknown word list '{value}'")
        return list(lists[value[1:]])
    if isinstance(value, dict):
        return {k: _resolve(v, lists, path, line) for k, v in value.items()}
    return value


def expand(pattern: list[Any], lexicon: Lexicon, path: Path, line: int) -> tuple[Pattern, ...]:
    """Expand {"MACRO": name} tokens into every alternative and resolve word-list references."""
    if not isinstance(pattern, list) or not pattern:
        raise _fail(path, line, "'pattern' must be a non-empty list of token specs")
    lists, macros = dict(lexicon.lists), dict(lexicon.macros)
    choices: list[tuple[Pattern, ...]] = []
    for token in pattern:
        if not isinstance(token, dict):
            raise _fail(path, line, "each token spec must be an object")
        if "MACRO" in token:
            if set(token) != {"MACRO"} or token["MACRO"] not in macros:
                raise _fail(path, line, f"unknown macro {token!r}")
            choices.append(macros[token["MACRO"]])
        else:
            choices.append(((_resolve(token, lists, path, line),),))
    return tuple(tuple(t for part in combo for t in part) for combo in itertools.product(*choices))


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise _fail(path, None, f"cannot read ({exc})") from exc
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise _fail(path, number, "each line must be a JSON object")
        yield number, record
