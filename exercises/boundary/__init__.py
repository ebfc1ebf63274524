"""Boundaries, from the talk that writes one to the reviews that keep, revise or retire it.

  talk              the negotiation: propose, ask, amend, accept (state in talk_state.py)
  agreement_review  the scheduled review of an agreement: keep, revise or retire, both confirming
  agreement_diff    what changed between two wordings, word by word
"""

from exercises.boundary import agreement_diff, agreement_review, talk

__all__ = ["agreement_diff", "agreement_review", "talk"]
