"""The suggestion writer: a pure function from flagged sentences to one warm "I" statement each."""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import RuleFileError
from .rule_types import DATA_DIR, KINDS

MAX_STATEMENTS = 3


@dataclass(frozen=True)
class Topic:
    """A concrete subject of a complaint and the feeling, observation and need that fit it."""

    id: str
    triggers: frozenset[str]
    feeling: str
    observation: str
    need: str


@dataclass(frozen=True)
class Coaching:
    """Topics in priority order plus one fallback per flag kind for sentences without a topic."""

    topics: tuple[Topic, ...]
    fallbacks: tuple[tuple[str, Topic], ...]
    kind_order: tuple[str, ...]


@dataclass(frozen=True)
class FlaggedSentence:
    """What the writer may know of one flagged sentence: its words (lower-case, lemmas, bigrams) and flag kinds."""

    words: frozenset[str]
    kinds: tuple[str, ...]


def i_statement(topic: Topic) -> str:
    """Render one topic as "I feel <feeling> when <observation>. <need>"."""
    return f"I feel {topic.feeling} when {topic.observation}. {topic.need}"


def choose_topic(sentence: FlaggedSentence, coaching: Coaching) -> Topic:
    """Pick the first topic the sentence mentions, else the fallback for its weightiest flag kind."""
    for topic in coaching.topics:
        if topic.triggers & sentence.words:
            return topic
    fallbacks = dict(coaching.fallbacks)
    for kind in coaching.kind_order:
        if kind in sentence.kinds:
            return fallbacks[kind]
    return fallbacks[coaching.kind_order[0]]


def write_suggestion(sentences: Sequence[FlaggedSentence], coaching: Coaching) -> str | None:
    """Write one I-statement per flagged sentence (same topic only once); None when nothing is flagged."""
    statements: list[str] = []
    for sentence in sentences:
        statement = i_statement(choose_topic(sentence, coaching))
        if statement not in statements:
            statements.append(statement)
    return " ".join(statements[:MAX_STATEMENTS]) or None


def _topic(path: Path, name: str, raw: object, with_triggers: bool) -> Topic:
    keys = {"feeling", "observation", "need"} | ({"id", "triggers"} if with_triggers else set())
    if not isinstance(raw, dict) or set(raw) != keys:
        raise RuleFileError(f"{path.name}: entry {name!r} must have exactly the keys {sorted(keys)}")
    for key in ("feeling", "observation", "need"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleFileError(f"{path.name}: entry {name!r} needs a non-empty '{key}'")
    triggers = raw.get("triggers", [])
    if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
        raise RuleFileError(f"{path.name}: entry {name!r} 'triggers' must be a list of words")
    return Topic(id=str(raw.get("id", name)), triggers=frozenset(t.lower() for t in triggers),
                 feeling=raw["feeling"], observation=raw["observation"], need=raw["need"])


def load_coaching(path: Path = DATA_DIR / "coaching.json") -> Coaching:
    """Read coaching.json (topics, fallbacks per kind, kind order), rejecting unknown keys."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"{path.name}: cannot read JSON ({exc})") from exc
    if not isinstance(raw, dict) or set(raw) != {"topics", "fallbacks", "kind_order"}:
        raise RuleFileError(f"{path.name}: expected exactly the keys fallbacks, kind_order, topics")
    topics = tuple(_topic(path, f"topics[{i}]", t, True) for i, t in enumerate(raw["topics"]))
    if set(raw["fallbacks"]) != set(KINDS) or sorted(raw["kind_order"]) != sorted(KINDS):
        raise RuleFileError(f"{path.name}: 'fallbacks' and 'kind_order' must name every flag kind once")
    fallbacks = tuple((k, _topic(path, k, v, False)) for k, v in raw["fallbacks"].items())
    return Coaching(topics=topics, fallbacks=fallbacks, kind_order=tuple(raw["kind_order"]))
