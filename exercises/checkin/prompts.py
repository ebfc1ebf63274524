"""The check-in's prompts: pools of wording kept as data, one prompt drawn per step each week.

The pools live in exercises/checkin/prompts.json ({step: [{"id", "text"}, ...]}), checked when
imported: every step of the check-in has at least five prompts with unique ids, and a step whose page
asks for numbers (arrive, close) asks in every prompt the very questions its sliders are labelled with
(QUESTIONS), so the prompt and the slider under it never ask two different things. Drawing is pure:
the same seed and the same past weeks give the same prompts, and no step shows a prompt it showed in the
couple's last FRESH_FOR check-ins. A pool too small to spare that many (fewer than FRESH_FOR + 1 prompts)
avoids as many of the most recent as it can and still leaves one to draw: the oldest comes back first.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

PROMPT_STEPS = ("arrive", "appreciations", "wins", "hard", "agreements", "requests", "close")
# The sliders' labels (templates/exercises/checkin.html), which each prompt of their step asks in the same words.
QUESTIONS = {"arrive": ("How are you feeling?", "How connected do you feel?"),
             "close": ("How connected do you feel now?",)}
MIN_PER_STEP = 5
FRESH_FOR = 4  # a prompt isn't shown again within this many check-ins (about a month of weeks)
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
            if not asks(prompt["text"], QUESTIONS.get(step, ())):
                raise ValueError(f"check-in prompts: {prompt['id']} must ask {QUESTIONS[step]} as its sliders do")
            seen.add(prompt["id"])
        pools[step] = tuple(MappingProxyType(dict(p)) for p in prompts)
    return MappingProxyType(pools)


def asks(text: str, questions: Sequence[str]) -> bool:
    """Whether `text` asks each of `questions` in the same words (any case; a question may end mid-sentence)."""
    said = " ".join(text.lower().split())
    return all(question.lower().rstrip("?") in said for question in questions)


POOLS = load()


def draw(seed: int, recent: Mapping[str, str | Sequence[str]] | None = None,
         pools: Mapping[str, Sequence[Mapping[str, str]]] = POOLS) -> dict[str, dict[str, str]]:
    """One prompt per step ({step: {"id", "text"}}), none of those the last FRESH_FOR check-ins showed.

    `recent` is {step: prompt ids of past check-ins, newest first} (a single id is last week's alone); only
    the first FRESH_FOR of each are looked at, and fewer when the step's pool can't spare that many.
    """
    chooser = random.Random(seed)
    recent = recent or {}
    chosen = {}
    for step in PROMPT_STEPS:
        pool = pools[step]
        shown = recent.get(step) or ()
        avoid = set([shown] if isinstance(shown, str) else list(shown)[:min(FRESH_FOR, len(pool) - 1)])
        chosen[step] = dict(chooser.choice([p for p in pool if p["id"] not in avoid] or list(pool)))
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
