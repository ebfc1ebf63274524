"""The attachment reflection: its statements (statements.json, in Hearth's own words) and how ratings
are read into two leanings, in plain sentences (pure: no Flask, no database).

Adult attachment research measures two dimensions (Brennan, Clark & Shaver 1998; the ECR-R of Fraley,
Waller & Brennan 2000; the 12-item ECR-S of Wei, Russell, Mallinckrodt & Vogel 2007):
  anxiety    worry about the relationship, the need for reassurance
  avoidance  discomfort with closeness and depending, pulling back under stress
Each is the mean of its statements' ratings (1-7; a reverse statement counts 8 minus its rating).
Those instruments publish no cut-offs, and neither does Hearth: a mean of LEANS (4.5) or more reads as
leaning that way, one of 3.5 or less as not, and between as somewhere in the middle, so the words never
turn a score into a type. Nothing here is a diagnosis, and the pages say so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATEMENTS_FILE = Path(__file__).with_name("statements.json")
DIMENSIONS = ("anxiety", "avoidance")
LEANS, CLEAR = 4.5, 3.5  # on the 1-7 scale: leaning that way, or not; between is the middle


@dataclass(frozen=True)
class Statement:
    id: str
    dimension: str
    reverse: bool
    text: str


@dataclass(frozen=True)
class Reading:
    """Means on each dimension (1-7, two decimals) and the plain-language reflection they call for."""

    anxiety: float
    avoidance: float

    @property
    def leanings(self) -> dict[str, str]:
        """Per dimension: "leans", "middle" or "low"."""
        return {d: _band(getattr(self, d)) for d in DIMENSIONS}

    def reflection(self) -> list[str]:
        """A few warm sentences on where this person leans and what might help them grow; never a label."""
        lean = self.leanings
        words = [SUMMARIES[(lean["anxiety"], lean["avoidance"])]]
        if lean["anxiety"] == "leans":
            words.append(GROWTH["anxiety"])
        if lean["avoidance"] == "leans":
            words.append(GROWTH["avoidance"])
        if lean["anxiety"] != "leans" and lean["avoidance"] != "leans":
            words.append(GROWTH["steady"])
        return words


def _band(mean: float) -> str:
    return "leans" if mean >= LEANS else "low" if mean <= CLEAR else "middle"


def _load() -> tuple[tuple[Statement, ...], int, int]:
    data = json.loads(STATEMENTS_FILE.read_text(encoding="utf-8"))
    statements = tuple(Statement(s["id"], s["dimension"], bool(s["reverse"]), s["text"]) for s in data["statements"])
    return statements, int(data["scale"]["min"]), int(data["scale"]["max"])


STATEMENTS, LOW, HIGH = _load()


def read(ratings: Mapping[str, Any]) -> Reading:
    """Read one person's ratings ({statement id: whole number LOW-HIGH}); ValueError names what is missing
    or out of range."""
    wrong = [s.id for s in STATEMENTS if isinstance(ratings.get(s.id), bool)
             or not isinstance(ratings.get(s.id), int) or not LOW <= ratings[s.id] <= HIGH]
    if wrong:
        raise ValueError(f"unanswered or out of range: {', '.join(wrong)}")
    means = {}
    for dimension in DIMENSIONS:
        values = [LOW + HIGH - ratings[s.id] if s.reverse else ratings[s.id] for s in STATEMENTS
                  if s.dimension == dimension]
        means[dimension] = round(sum(values) / len(values), 2)
    return Reading(**means)


SUMMARIES = {
    ("leans", "low"): "You lean toward worrying about closeness: when your partner feels far away, your mind "
                      "may fill the gap with what might be wrong, and reassurance matters a lot to you.",
    ("leans", "middle"): "You lean toward worrying about closeness, and at times you may also want to step back "
                         "when things feel tense.",
    ("leans", "leans"): "You may find yourself swinging between wanting to be close and needing distance: "
                        "closeness can feel both longed for and uneasy. Many people know that pull.",
    ("middle", "leans"): "You lean toward needing space when things get close or hard, and now and then you may "
                         "also worry about where you stand.",
    ("low", "leans"): "You lean toward keeping some distance: when things get close or stressful, you may want "
                      "to handle them alone and take space before talking.",
    ("middle", "middle"): "You sit somewhere in the middle on both: some worry about closeness at times, some wish "
                          "for space at others.",
    ("middle", "low"): "You're mostly at ease with closeness, with some worry about where you stand now and then.",
    ("low", "middle"): "You're mostly at ease with your partner's love, and sometimes you want more space than "
                       "they do.",
    ("low", "low"): "You seem mostly at ease both with closeness and with time apart.",
}
GROWTH = {
    "anxiety": "What can help: notice the worry when it rises, name the need underneath it, and ask for "
               "reassurance directly (\u201cCould you tell me we're okay?\u201d) rather than testing for it.",
    "avoidance": "What can help: notice the urge to withdraw, say you need a short pause and when you'll come "
                 "back, and try staying present a little longer in a hard talk.",
    "steady": "What can help: keep doing what works, and share what you feel and need in small, honest steps.",
}
