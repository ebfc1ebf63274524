"""The private safety check's questions and how its answers are read (pure: no Flask, no database).

Counsellors screen each partner separately before conflict work, because a single "do you feel safe?"
misses most cases. The questions (questions.json, in Hearth's own words) follow validated screens:
  HITS   Sherin, Sinacore, Li, Zitter & Shakil (1998), "HITS: a short domestic violence screening tool
         for use in a family practice setting", Family Medicine 30(7):508-512. How often a partner
         Hurts, Insults, Threatens and Screams at you, each never (1) .. frequently (5); a total above
         10 (of 4-20) suggests abuse.
  E-HITS the same scale with a fifth item on forced sexual activity.
  HARK   Humiliation, Afraid, Rape, Kick (Sohal, Eldridge & Feder 2007): any "yes" is a positive screen.

Hearth reads the answers as a *concern* (conflict tools are not the right tool right now) when either
  - the HITS total of hurt, insult, threaten and scream is above HITS_CUTOFF (10, the published one), or
  - any "any time" item (physical hurt, threats, forced sex, being afraid, holding back a no out of
    worry) is answered anything but "never", as HARK counts any yes.
The second rule is stricter than HITS alone on purpose: a false concern costs a private page and one
button to go on; a missed one sends a frightened person into conflict work with the person they fear.
"I'd rather not say" is never "never": it counts as a concern on an any-time item and as "sometimes"
(3, the middle of the scale) in the HITS total.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

QUESTIONS_FILE = Path(__file__).with_name("questions.json")
HITS_CUTOFF = 10  # Sherin et al. 1998: a HITS total greater than 10 suggests abuse
RATHER_NOT_SAY = "rather_not_say"
RATHER_NOT_SAY_POINTS = 3  # the middle of the 1-5 scale


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hits: bool  # one of HITS's four items, summed against HITS_CUTOFF
    any_time: bool  # any answer but "never" is a concern on its own


@dataclass(frozen=True)
class Reading:
    """What a set of answers means: `concern` (conflict tools closed for now) and the HITS total (4-20)."""

    concern: bool
    hits_total: int


def _load() -> tuple[tuple[Question, ...], Mapping[str, int], tuple[tuple[str, str], ...]]:
    data = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    questions = tuple(Question(q["id"], q["text"], bool(q["hits"]), bool(q["any_time"])) for q in data["questions"])
    points = MappingProxyType({s["value"]: int(s["points"]) for s in data["scale"]})
    extra = data["rather_not_say"]
    choices = (*((s["value"], s["label"]) for s in data["scale"]), (extra["value"], extra["label"]))
    return questions, points, choices


QUESTIONS, POINTS, CHOICES = _load()


def read(answers: Mapping[str, Any]) -> Reading:
    """Read one person's answers ({question id: a CHOICES value}); raises ValueError naming what is missing."""
    missing = [q.id for q in QUESTIONS if answers.get(q.id) not in POINTS and answers.get(q.id) != RATHER_NOT_SAY]
    if missing:
        raise ValueError(f"unanswered or unknown: {', '.join(missing)}")
    total = sum(POINTS.get(answers[q.id], RATHER_NOT_SAY_POINTS) for q in QUESTIONS if q.hits)
    worrying = any(answers[q.id] != "never" for q in QUESTIONS if q.any_time)
    return Reading(concern=worrying or total > HITS_CUTOFF, hits_total=total)
