"""When a rewritten line is accepted, and the records a rehearsal keeps of each try (shared with solo practice).

The language analysis comes in as data (the server's `coach` field: {"blaming", "kinds", "care",
"i_statement"}); nothing here reads text itself. A coach logged before "i_statement" was read has no such
key, and replays as it was judged then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from exercises.rehearsal.scenes import mentions_topic

BLAME, OWN_SIDE, TOPIC, CARE = "blame", "own_side", "topic", "care"  # why a try wasn't accepted yet
REASONS = {
    BLAME: "Hearth still hears some blame in it. Try starting with how you feel, then what you need.",
    OWN_SIDE: "Try saying it from your side: how you feel, and what you'd like.",
    TOPIC: "That's kind, and it has drifted from what the scene is about. Try naming it, in your own words.",
    CARE: "Let's set the scene aside for a moment. What you wrote matters more than the practice.",
}


@dataclass(frozen=True)
class Attempt:
    """One try at rewriting a line: its words, why it wasn't accepted ('' when it was), what was flagged."""

    text: str
    reason: str
    kinds: tuple[str, ...] = ()
    at: str = ""


@dataclass(frozen=True)
class Rewrite:
    """One rewrite line in one round: the tries, whether the example was shown, the answer it got."""

    round: int
    line: int
    writer: str
    attempts: tuple[Attempt, ...] = ()
    example_shown: bool = False
    accepted: str | None = None
    paraphrase: str | None = None
    listener: str | None = None

    @property
    def first_try(self) -> bool:
        """Accepted on the first try, without looking at the example."""
        return self.accepted is not None and len(self.attempts) == 1 and not self.example_shown


def judge(text: str, coach: Mapping[str, Any], topic_words: tuple[str, ...] | list[str]) -> str:
    """'' when a rewrite is accepted, else why not (CARE, BLAME, OWN_SIDE or TOPIC), from the server's analysis.

    A rewrite is accepted when it carries no blame, is an I statement (`coach["i_statement"]`: whatever the
    blame reading missed, a line that does not speak from "I" about a feeling or need is not one), and
    names the scene's topic.
    """
    if coach.get("care"):
        return CARE
    if coach.get("blaming"):
        return BLAME
    if coach.get("i_statement") is False:
        return OWN_SIDE
    if not mentions_topic(text, topic_words):
        return TOPIC
    return ""


def reason_sentence(reason: str) -> str:
    """A kind sentence for the writer about why a try wasn't accepted yet."""
    return REASONS.get(reason, "")


def rebuttal_sentence(rebuttal_text: Any) -> str:
    """Why a paraphrase was held back: it answered back instead of reflecting."""
    heard = f"“{rebuttal_text}” " if isinstance(rebuttal_text, str) and rebuttal_text else ""
    return (f"Let's hold that one back: {heard}sounds like an answer back. For now, just say what you heard, "
            "like “It sounds like you feel…”. Your side gets its turn.")
