"""The rule types and the lexicon, as frozen objects that are never mutated once loaded.

Each rule type owns its schema: the keys a line of its file must and may have, and `from_record`,
which checks a line's values and builds the rule (medspacy's `ConTextRule.from_dict` is the model).
Errors are ValueErrors with a sentence; the loader (rule_loading.py) adds the file and line.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .idioms import IdiomRule

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("absolute", "label", "blame", "mind_reading", "accusatory_question", "should",
         "disguised_i", "contempt")
CARE_KINDS = ("violence", "threat", "fear", "self_harm", "control")
GUARDS = ("appreciation", "warmth", "negative", "unnegated", "partner", "with_cue", "causative", "cold_act")
FRAMES = ("paraphrase", "request", "generic", "appreciation", "i_statement")
SCOPES = ("sentence", "overlap")
Pattern = tuple[dict[str, Any], ...]


def _one_of(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _words(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ValueError(f"'{key}' must be a list of strings")
    return tuple(value)


@dataclass(frozen=True)
class MatchRule:
    """What every rule has: an id, a kind, its Matcher patterns (macros expanded), and where it may match.

    `anchor` keeps a match to the start of its sentence (after lead words); `unless_next` drops a match
    followed by one of these words or phrases ("me", "when to"); `unless_prev` drops a match preceded by
    one of these words (as written or as a norm, so "not" covers "n't"), e.g. "I'm not scared of him";
    `unless_sentence` drops a match whose sentence holds one of these words (as written or as a lemma),
    e.g. "film" or "boxing" for a violent verb; `unless_before` drops a match with one of these words (as
    written or as a norm) earlier in its clause, back to the last punctuation or conjunction, e.g. "never"
    for "*there for me*" in "You're never really there for me".
    """

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"id", "pattern"})
    OPTIONAL: ClassVar[frozenset[str]] = frozenset({"anchor", "unless_next"})

    id: str
    kind: str
    patterns: tuple[Pattern, ...]
    anchor: bool = False
    unless_next: frozenset[str] = frozenset()
    unless_prev: frozenset[str] = frozenset()
    unless_sentence: frozenset[str] = frozenset()
    unless_before: frozenset[str] = frozenset()

    @classmethod
    def check_keys(cls, record: Mapping[str, Any]) -> None:
        """ValueError for a key the schema doesn't know, a missing one, or an id that isn't a string."""
        unknown = record.keys() - cls.REQUIRED - cls.OPTIONAL
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        missing = cls.REQUIRED - record.keys()
        if missing:
            raise ValueError(f"missing keys {sorted(missing)}")
        if not isinstance(record["id"], str) or not record["id"]:
            raise ValueError("'id' must be a non-empty string")
        if "anchor" in record and record["anchor"] != "start":
            raise ValueError("'anchor' may only be \"start\"")

    @staticmethod
    def _common(record: Mapping[str, Any], patterns: tuple[Pattern, ...]) -> dict[str, Any]:
        return {"id": record["id"], "patterns": patterns, "anchor": "anchor" in record,
                "unless_next": frozenset(" ".join(w.lower().split()) for w in _words(record, "unless_next")),
                "unless_prev": frozenset(w.lower() for w in _words(record, "unless_prev")),
                "unless_sentence": frozenset(w.lower() for w in _words(record, "unless_sentence")),
                "unless_before": frozenset(w.lower() for w in _words(record, "unless_before"))}


@dataclass(frozen=True)
class BlameRule(MatchRule):
    """A blaming phrase: its kind (KINDS), the sentence that explains it, and the guards that must allow it.

    `sure`: the words themselves carry the blame, whatever the rest of the message says ("you can X but you
    can't Y with me"), so the classifier may not veto the match (blame_decision.py); for shapes its corpus
    holds too few of to read.
    """

    REQUIRED = frozenset({"id", "kind", "pattern", "explanation"})
    OPTIONAL = frozenset({"guards", "anchor", "unless_next", "unless_sentence", "sure"})

    explanation: str = ""
    guards: tuple[str, ...] = ()
    sure: bool = False

    @classmethod
    def from_record(cls, record: Mapping[str, Any], patterns: tuple[Pattern, ...]) -> BlameRule:
        """A blame rule from one line of blame_rules.jsonl (keys already checked)."""
        explanation = record["explanation"]
        if not (isinstance(explanation, str) and explanation.strip()):
            raise ValueError("'explanation' must be a sentence")
        guards = _words(record, "guards")
        for guard in guards:
            _one_of(guard, GUARDS, "guard")
        sure = record.get("sure", False)
        if not isinstance(sure, bool):
            raise ValueError("'sure' must be true or false")
        return cls(kind=_one_of(record["kind"], KINDS, "kind"), explanation=explanation.strip(), guards=guards,
                   sure=sure, **cls._common(record, patterns))


@dataclass(frozen=True)
class FrameRule(MatchRule):
    """A frame that makes blame words harmless (a paraphrase, a request...): which kinds it suppresses
    ("*" for all), over the whole sentence or only the words it overlaps.
    """

    REQUIRED = frozenset({"id", "frame", "pattern", "suppresses", "scope"})
    OPTIONAL = frozenset({"anchor", "unless_next", "unless_before"})

    suppresses: frozenset[str] = frozenset()
    scope: str = "sentence"

    @classmethod
    def from_record(cls, record: Mapping[str, Any], patterns: tuple[Pattern, ...]) -> FrameRule:
        """A frame rule from one line of frames.jsonl (keys already checked)."""
        suppresses = _words(record, "suppresses")
        for kind in suppresses:
            _one_of(kind, KINDS + ("*",), "suppressed kind")
        return cls(kind=_one_of(record["frame"], FRAMES, "frame"), suppresses=frozenset(suppresses),
                   scope=_one_of(record["scope"], SCOPES, "scope"), **cls._common(record, patterns))


@dataclass(frozen=True)
class CareRule(MatchRule):
    """Words that suggest danger (CARE_KINDS): they bring the care note, never a rewrite."""

    REQUIRED = frozenset({"id", "kind", "pattern"})
    OPTIONAL = frozenset({"anchor", "unless_next", "unless_prev", "unless_sentence", "note"})

    @classmethod
    def from_record(cls, record: Mapping[str, Any], patterns: tuple[Pattern, ...]) -> CareRule:
        """A care rule from one line of care_rules.jsonl (keys already checked; `note` is for readers)."""
        return cls(kind=_one_of(record["kind"], CARE_KINDS, "care kind"), **cls._common(record, patterns))


Rule = BlameRule | FrameRule | CareRule


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
    # Unkind acts, read as cold when done and warm when never done ("You never judge me"): verbs
    # vaderSentiment rates at or below TRAIT_RATING, with lexicon.json's `cold_acts`, less its warm words.
    cold_acts: frozenset[str]
    cold_phrasal_verbs: frozenset[tuple[str, str]]  # (verb lemma, particle): ("give", "up"), ("let", "down")
    aspectual: frozenset[str]  # "stop", "quit": "never stop" undoes the "never" ("You never stop caring")
    lists: tuple[tuple[str, tuple[str, ...]], ...]
    macros: tuple[tuple[str, tuple[Pattern, ...]], ...]
    # Offers of help, as the lower-case words of each phrase: warm where they start ("You're so tired lately,
    # *shall I* cook?"): an offer is care, whatever else the sentence says.
    offers: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Rulebook:
    """Everything the hearth_blame component needs, loaded once from a data directory."""

    lexicon: Lexicon
    blame: tuple[BlameRule, ...]
    frames: tuple[FrameRule, ...]
    care: tuple[CareRule, ...]
    idioms: tuple[IdiomRule, ...] = ()  # idioms.py: each read as one warm or cold word


