"""Live paraphrase coaching: while a listener types their reflection, they alone hear how it lands.

The feedback says how much of the speaker's statement the draft reflects, which key words it might also
reflect, and whether it slipped into arguing back or a new complaint (which the exercise would hold
back when sent). It goes to the author's socket only; nothing is broadcast or logged.

Any exercise that declares PARAPHRASED and `paraphrase_target(state)` gets this; one that also has
`held_back(state, feedback)` gets the same verdict the exercise will apply on sending.
"""

from __future__ import annotations

from typing import Any

from couples.coaching.coach import feedback_of


def paraphrase_reply(module: Any, state: Any, text: str) -> dict[str, Any] | None:
    """Feedback on a draft paraphrase against what it should reflect now, or None when there is nothing to reflect."""
    target = module.paraphrase_target(state) if hasattr(module, "paraphrase_target") else ""
    if not target:
        return None
    feedback = feedback_of(target, text)
    judge = getattr(module, "held_back", None)
    feedback["held_back"] = bool(judge(state, feedback)) if judge else feedback["rebuttal"] or feedback["new_complaint"]
    return feedback


def may_paraphrase(module: Any, state: Any, who: str) -> bool:
    """Whether `who` is the one reflecting now (an exercise that nests listening says so itself)."""
    judge = getattr(module, "may_paraphrase", None)
    if judge is not None:
        return bool(judge(state, who))
    return bool(set(getattr(module, "PARAPHRASED", {})) & set(module.allowed_actions(state, who)))
