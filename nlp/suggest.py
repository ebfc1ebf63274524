"""The suggestion writer: a pure function from flagged sentences to one warm "I" statement in the writer's words.

"You ALWAYS leave your dishes in the sink!!" -> "I feel overwhelmed when you leave your dishes in the sink. I'd
like us to find a way to share them." The observation is the sentence's own clause (observation.py); the
feeling fits the topic when the topic table (data/coaching.json) knows it, else the kind of blame; the need is
the topic's, else a request made of the clause ("Could you text me back?"), else a wish to talk about the thing
it names. A sentence that names nothing concrete ("You're so selfish") gets a general sentence for its kind.
Choices among several wordings are made by a stable hash of the sentence, never at random.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RuleFileError
from .blame_shapes import Contrasted
from .observation import Observation
from .rule_types import DATA_DIR, KINDS

TEMPLATES = ("requests", "past_requests", "valued_requests", "talk_about", "things_frames", "request_frames")


@dataclass(frozen=True)
class Topic:
    """A concrete subject of complaint: the words that name it, the feelings and the need that fit it."""

    id: str
    triggers: frozenset[str]
    feelings: tuple[str, ...]
    need: str


@dataclass(frozen=True)
class General:
    """A sentence for a message that names nothing concrete: its observation and need."""

    observation: str
    need: str


@dataclass(frozen=True)
class Coaching:
    """Topics in priority order; per flag kind its feelings and general sentences; the wordings of requests
    ({request}; past_requests for an act not done in the past; valued_requests a double standard's, with
    {valued}), of wishes to talk ({thing}), of sentences about a thing ({feeling}, {thing}) and of requests with
    a feeling ({feeling}, {request}); people words ("mum") whose "your" stays; the kinds' weight order."""

    topics: tuple[Topic, ...]
    feelings: dict[str, tuple[str, ...]]
    general: dict[str, tuple[General, ...]]
    templates: dict[str, tuple[str, ...]]
    people: frozenset[str]
    kind_order: tuple[str, ...]


@dataclass(frozen=True)
class FlaggedSentence:
    """What the writer knows of one flagged sentence: its text (for the stable choice), its flag kinds and
    its observation."""

    text: str
    kinds: tuple[str, ...]
    observation: Observation


def _pick(options: Sequence[str], seed: int, salt: int = 0) -> str:
    return options[(seed + salt) % len(options)]


def _weightiest(sentences: Sequence[FlaggedSentence], coaching: Coaching) -> FlaggedSentence:
    """The first sentence with a clause, else with a request, else with a thing, else the weightiest kind's."""
    for test in (lambda o: o.clause, lambda o: o.request, lambda o: o.things):
        for sentence in sentences:
            if test(sentence.observation):
                return sentence
    rank = {kind: i for i, kind in enumerate(coaching.kind_order)}
    return min(sentences, key=lambda s: min((rank[k] for k in s.kinds if k in rank), default=len(rank)))


def _kind(sentence: FlaggedSentence, coaching: Coaching) -> str:
    return next((k for k in coaching.kind_order if k in sentence.kinds), coaching.kind_order[0])


def _about(thing: str, coaching: Coaching) -> str:
    """ "your dishes" -> "the dishes"; "your mum" stays."""
    first, _, rest = thing.partition(" ")
    if first.lower() == "your" and rest and rest.split()[-1].lower() not in coaching.people:
        return "the " + rest
    return thing


PREDICATE = re.compile(r"(?:'m|'re|'s|\bam|\bis|\bare|\bwas|\bwere) (\w+)")


def topic_of(observation: Observation, coaching: Coaching) -> Topic | None:
    """The topic the clause's act names ("you *yelled* at me in front of the kids" is about yelling, the kids are
    where), else the first whose trigger words the observation's lemmas, things or what the clause says someone
    is ("I was *late* for ...") hold, if any."""
    acts = [topic for topic in coaching.topics if topic.triggers & observation.acts]
    if acts:
        return acts[0]
    words = observation.lemmas | {w.lower() for thing in observation.things for w in thing.split()} | set(
        PREDICATE.findall(observation.clause.lower()))
    return next((topic for topic in coaching.topics if topic.triggers & words), None)


NEGATING_PREFIXES = ("un", "dis", "in", "im")


def _roots(words: Sequence[str]) -> set[str]:
    """The words and, for those with a negating prefix, what is left of them: "unsure" -> {"unsure", "sure"},
    so a feeling is not said twice in two forms ("unsure ... when I'm not sure")."""
    return set(words) | {w[len(p):] for w in words for p in NEGATING_PREFIXES
                         if w.startswith(p) and len(w) > len(p) + 3}


def _feeling(options: Sequence[str], seed: int, rest: str) -> str:
    """The option `seed` picks, or the next one whose words (or their roots, _roots) the rest of the statement
    doesn't already say: never "I feel tense when things get this tense between us"."""
    said = _roots(re.findall(r"[a-z']+", rest.lower()))
    for step in range(len(options)):
        option = _pick(options, seed, step)
        if not said & _roots(option.lower().split()):
            return option
    return _pick(options, seed)


def i_statement(sentence: FlaggedSentence, coaching: Coaching) -> str:
    """One "I" statement for one flagged sentence (see the module's docstring)."""
    seen, kind = sentence.observation, _kind(sentence, coaching)
    seed = int(hashlib.sha256(sentence.text.strip().lower().encode("utf-8")).hexdigest()[:12], 16)
    topic = topic_of(seen, coaching) if seen.concrete else None
    feelings = topic.feelings if topic else coaching.feelings[kind]
    templates = coaching.templates
    # a double standard's need acknowledges what the partner makes room for: "I know the gym matters to you"
    valued = seen.valued if isinstance(seen, Contrasted) and seen.request else ""
    if seen.clause:
        need = _pick(templates["valued_requests"], seed, 1).format(valued=valued, request=seen.request) \
            if valued else topic.need if topic else (
            # an act not done in the past asks for the next time: "you didn't come to the hospital"
            _pick(templates["past_requests" if seen.past else "requests"], seed, 1).format(request=seen.request)
            if seen.request
            else _pick(templates["talk_about"], seed, 1).format(thing=_about(seen.things[0], coaching))
            if seen.things else _pick([g.need for g in coaching.general[kind]], seed, 1))
        feeling = _feeling(feelings, seed, f"{seen.clause} {need}")
        return f"I {'felt' if seen.past else 'feel'} {feeling} when {seen.clause}. {need}"
    if seen.request:
        frame = _pick(templates["request_frames"], seed, 2)
        feeling = _feeling(feelings, seed, f"{frame} {seen.request} {topic.need if topic else ''}")
        first = frame.format(feeling=feeling, request=seen.request)
        return f"{first} {topic.need}" if topic else first
    if seen.things:
        thing = _about(seen.things[0], coaching)
        frame = _pick(templates["things_frames"], seed, 2)
        need = topic.need if topic else _pick([g.need for g in coaching.general[kind]], seed, 1)
        first = frame.format(feeling=_feeling(feelings, seed, f"{frame} {thing} {need}"), thing=thing)
        return f"{first} {need}"
    general = coaching.general[kind][seed % len(coaching.general[kind])]
    feeling = _feeling(feelings, seed, f"{general.observation} {general.need}")
    return f"I feel {feeling} when {general.observation}. {general.need}"


def write_suggestion(sentences: Sequence[FlaggedSentence], coaching: Coaching) -> str | None:
    """One I-statement for a message's flagged sentences (the first concrete one); None when none is flagged."""
    if not sentences:
        return None
    return i_statement(_weightiest(sentences, coaching), coaching)


def _strings(path: Path, key: str, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) and s.strip() for s in raw):
        raise RuleFileError(f"{path.name}: '{key}' must be a non-empty list of non-empty strings")
    return tuple(raw)


def _exact(path: Path, name: str, raw: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != keys:
        raise RuleFileError(f"{path.name}: {name} must have exactly the keys {sorted(keys)}")
    return raw


def _topic(path: Path, i: int, raw: object) -> Topic:
    entry = _exact(path, f"entry 'topics[{i}]'", raw, {"id", "triggers", "feelings", "need"})
    if not isinstance(entry["need"], str) or not entry["need"].strip():
        raise RuleFileError(f"{path.name}: topics[{i}] needs a non-empty 'need'")
    return Topic(id=str(entry["id"]), triggers=frozenset(t.lower() for t in _strings(path, "triggers",
                 entry["triggers"])), feelings=_strings(path, "feelings", entry["feelings"]), need=entry["need"])


def _general(path: Path, kind: str, raw: object) -> tuple[General, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(f"{path.name}: general[{kind!r}] must be a non-empty list")
    entries = [_exact(path, f"general[{kind!r}]", g, {"observation", "need"}) for g in raw]
    return tuple(General(observation=str(g["observation"]), need=str(g["need"])) for g in entries)


def load_coaching(path: Path = DATA_DIR / "coaching.json") -> Coaching:
    """Read coaching.json, rejecting unknown or missing keys, kinds the coach doesn't know and templates
    without their {placeholders}; raise RuleFileError naming the fault."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"{path.name}: cannot read JSON ({exc})") from exc
    raw = _exact(path, "the file", raw, {"topics", "kinds", "general", *TEMPLATES, "people", "kind_order"})
    if not isinstance(raw["topics"], list):
        raise RuleFileError(f"{path.name}: 'topics' must be a list")
    for key in ("kinds", "general"):
        if not isinstance(raw[key], dict) or set(raw[key]) != set(KINDS):
            raise RuleFileError(f"{path.name}: '{key}' must name every flag kind once")
    if sorted(raw["kind_order"]) != sorted(KINDS):
        raise RuleFileError(f"{path.name}: 'kind_order' must name every flag kind once")
    templates = {key: _strings(path, key, raw[key]) for key in TEMPLATES}
    needed = {"requests": {"{request}"}, "past_requests": {"{request}"},
              "valued_requests": {"{valued}", "{request}"}, "talk_about": {"{thing}"},
              "things_frames": {"{feeling}", "{thing}"}, "request_frames": {"{feeling}", "{request}"}}
    for key, holes in needed.items():
        if any(not all(hole in t for hole in holes) for t in templates[key]):
            raise RuleFileError(f"{path.name}: every '{key}' wording needs {sorted(holes)}")
    feelings = {k: _strings(path, f"kinds[{k!r}].feelings", _exact(path, f"kinds[{k!r}]", v, {"feelings"})
                            ["feelings"]) for k, v in raw["kinds"].items()}
    return Coaching(topics=tuple(_topic(path, i, t) for i, t in enumerate(raw["topics"])), feelings=feelings,
                    general={k: _general(path, k, v) for k, v in raw["general"].items()}, templates=templates,
                    people=frozenset(p.lower() for p in _strings(path, "people", raw["people"])),
                    kind_order=tuple(raw["kind_order"]))
