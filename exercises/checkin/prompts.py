"""The check-in's prompts: pools of wording kept as data, one prompt drawn per step each week.

The pools live in exercises/checkin/prompts.json ({step: [{"id", "text"}, ...]}), checked when
imported: every step of the check-in has at least five prompts with unique ids. Drawing is pure:
the same seed and the same previous week give the same prompts, and no step repeats last week's.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

PROMPT_STEPS = ("arrive", "appreciations", "wins", "hard", "agreements", "requests", "close")
MIN_PER_STEP = 5
DATA = Path(__file__).parent / "prompts.json"


def load(path: Path = DATA) -> Mapping[str, tuple[Mapping[str, str], ...]]:
    """The prompt pools, checked: every step present, at least five prompts each, ids unique."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if set(raw) != set(PROMPT_STEPS):
        raise ValueError(f"check-in prompts: steps must be exactly {PROMPT_STEPS}, got {sorted(raw)}")
    seen: set[str] = set()
    pools = {}
    for step in PROMPT_STEPS:
        prompts = raw[step]
        if len(prompts) < MIN_PER_STEP:
            raise ValueError(f"check-in prompts: {step} needs at least {MIN_PER_STEP} prompts")
        for prompt in prompts:
            if set(prompt) != {"id", "text"} or not prompt["text"].strip() or prompt["id"] in seen:
                raise ValueError(f"check-in prompts: bad or repeated prompt {prompt!r}")
            seen.add(prompt["id"])
        pools[step] = tuple(MappingProxyType(dict(p)) for p in prompts)
    return MappingProxyType(pools)


POOLS = load()


def draw(seed: int, previous: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
    """One prompt per step ({step: {"id", "text"}}), never last week's (`previous` is {step: prompt id})."""
    chooser = random.Random(seed)
    previous = previous or {}
    chosen = {}
    for step in PROMPT_STEPS:
        fresh = [p for p in POOLS[step] if p["id"] != previous.get(step)]
        chosen[step] = dict(chooser.choice(fresh))
    return chosen


def first_prompts() -> dict[str, dict[str, str]]:
    """The first prompt of every pool: what a check-in started without drawn prompts shows."""
    return {step: dict(POOLS[step][0]) for step in PROMPT_STEPS}


def checked(prompts: Mapping[str, object] | None) -> dict[str, dict[str, str]]:
    """Start options' prompts, checked to be one {"id", "text"} per step; ValueError otherwise."""
    if prompts is None:
        return first_prompts()
    if not isinstance(prompts, Mapping) or set(prompts) != set(PROMPT_STEPS):
        raise ValueError("a check-in needs one prompt for each step")
    result = {}
    for step in PROMPT_STEPS:
        prompt = prompts[step]
        if not isinstance(prompt, Mapping) or not isinstance(prompt.get("id"), str) \
                or not isinstance(prompt.get("text"), str) or not prompt["text"].strip():
            raise ValueError(f"the check-in prompt for {step} isn't usable")
        result[step] = {"id": prompt["id"], "text": prompt["text"]}
    return result
