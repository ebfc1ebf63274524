"""Read the data files (lexicon.json, the three JSONL rule files and idioms.jsonl) into a Rulebook, checking every line.

Each rule file is read by its rule type (RULE_FILES): the type checks its keys and values
(rule_types.py), spaCy's own schema checks the expanded patterns, and any fault is a RuleFileError
naming the file and the line.
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from .errors import RuleFileError
from .idioms import blame_rules, load_idioms
from .polarity import vader_ratings
from .rule_types import DATA_DIR, BlameRule, CareRule, FrameRule, Lexicon, Pattern, Rulebook

# A trait word for "@cold_traits" is rated this cold or colder by vaderSentiment (-4..+4): at -1.0 "pushy"
# (-1.1) and "petty" (-0.8, kept by Hearth's own list) are split, and mild words such as "hard" stay out.
TRAIT_RATING = -1.0
RuleType = type[BlameRule] | type[FrameRule] | type[CareRule]
RULE_FILES: dict[str, RuleType] = {
    "blame_rules.jsonl": BlameRule,
    "frames.jsonl": FrameRule,
    "care_rules.jsonl": CareRule,
}


def _validate(path: Path, line: int, rule_id: str, patterns: tuple[Any, ...]) -> None:
    """Let spaCy's own schema check the expanded patterns so errors point at this line."""
    try:
        Matcher(Vocab(), validate=True).add(rule_id, [list(p) for p in patterns])
    except (ValueError, KeyError) as exc:
        raise _fail(path, line, f"invalid Matcher pattern for {rule_id!r}: {exc}") from exc


def load_rule_file(path: Path, lexicon: Lexicon, rule_type: RuleType | None = None) -> tuple[Any, ...]:
    """Load one rule file into rules of `rule_type` (by default the type RULE_FILES names for the file).

    Raises RuleFileError naming the file and line on any fault: unknown or missing keys, a value its
    type refuses, a duplicate id, an unknown word list or macro, or a pattern spaCy's Matcher refuses.
    """
    rule_type = rule_type or RULE_FILES[path.name]
    rules: list[Any] = []
    seen: set[str] = set()
    for line, record in read_jsonl(path):
        try:
            rule_type.check_keys(record)
            if record["id"] in seen:
                raise ValueError(f"duplicate id {record['id']!r}")
            seen.add(record["id"])
            patterns = expand(record["pattern"], lexicon, path, line)
            _validate(path, line, record["id"], patterns)
            rules.append(rule_type.from_record(record, patterns))
        except ValueError as exc:
            raise _fail(path, line, str(exc)) from exc
    if not rules:
        raise _fail(path, None, "holds no rules")
    return tuple(rules)


@lru_cache(maxsize=4)
def load_rulebook(data_dir: Path = DATA_DIR) -> Rulebook:
    """Load and validate every data file in data_dir once; the result is immutable and shared."""
    lexicon = load_lexicon(data_dir / "lexicon.json")
    path = data_dir / "idioms.jsonl"
    try:
        idioms = load_idioms(path)
    except ValueError as exc:
        raise _fail(path, None, str(exc)) from exc
    for idiom in idioms:
        _validate(path, 0, idiom.id, idiom.patterns)
    return Rulebook(
        lexicon=lexicon,
        blame=load_rule_file(data_dir / "blame_rules.jsonl", lexicon) + blame_rules(idioms),
        frames=load_rule_file(data_dir / "frames.jsonl", lexicon),
        care=load_rule_file(data_dir / "care_rules.jsonl", lexicon),
        idioms=idioms,
    )


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
             "not_verdicts", "exasperation", "cold_acts", "not_cold_acts", "cold_phrasal_verbs", "aspectual", "macros"}
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
    words["cold_traits"] = cold_traits(words)
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
        cold_acts=cold_acts(words),
        cold_phrasal_verbs=frozenset(_phrasal(path, words["cold_phrasal_verbs"])),
        aspectual=frozenset(words["aspectual"]),
        offers=tuple(tuple(re.sub(r"(\w)'(\w+)", r"\1 '\2", phrase).split())  # spaCy's split: "i 'll help"
                     for phrase in words.get("offers", ())),
        lists=tuple(sorted(words.items())),
        macros=macros,
    )


@lru_cache(maxsize=1)
def rated_cold() -> frozenset[str]:
    """The words vaderSentiment rates at or below TRAIT_RATING: where both the cold traits and the cold acts
    start."""
    return frozenset(word for word, rating in vader_ratings().items() if rating <= TRAIT_RATING and word.isalpha())


def cold_traits(words: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The "@cold_traits" word list: words vaderSentiment rates at or below TRAIT_RATING, and Hearth's cold words
    and labels, less its warm words, `neutral_labels` and `not_verdicts` (feelings such as "tired", "worried":
    "you're so tired" is care, not a verdict on who a partner is)."""
    kept = (rated_cold() | set(words["negative"]) | set(words["labels"])) - set(words["positive"]) - set(
        words["neutral_labels"]) - set(words["not_verdicts"])
    return tuple(sorted(kept))


def cold_acts(words: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Verbs (single words) vaderSentiment rates at or below TRAIT_RATING ("interrupt", "complain", "blame") and
    lexicon.json's `cold_acts` ("judge", unrated there), less Hearth's warm words, the `aspectual` verbs ("stop"
    is rated cold, but "never stop" is a continuation, not a kindness) and `not_cold_acts`: effort and
    feelings rather than unkindness, whose "never" is still a complaint ("You never *bother* to ask", "You
    never *fight* for us", "You never *worry* about money")."""
    return frozenset((rated_cold() | set(words["cold_acts"])) - set(words["positive"]) - set(words["aspectual"])
                     - set(words["not_cold_acts"]))


def _phrasal(path: Path, entries: tuple[str, ...]) -> list[tuple[str, str]]:
    """("give", "up") from "give up"; a fault names the file."""
    pairs = [tuple(entry.split()) for entry in entries]
    for entry, pair in zip(entries, pairs, strict=True):
        if len(pair) != 2:
            raise _fail(path, None, f"cold_phrasal_verbs entry {entry!r} must be a verb and its particle")
    return [(verb, particle) for verb, particle in pairs]


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
    """Expand {"MACRO": name} tokens into every alternative and resolve word-list references.

    A pattern is a list of token specs, or a list of such lists: alternative phrasings of one rule.
    """
    if not isinstance(pattern, list) or not pattern:
        raise _fail(path, line, "'pattern' must be a non-empty list of token specs")
    if all(isinstance(alternative, list) for alternative in pattern):
        return tuple(p for alternative in pattern for p in expand(alternative, lexicon, path, line))
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
