"""Safety: the quick exit on every page, the private safety check before conflict tools, and readiness.

  pages.py        the quick exit's sign-out and the page about what it can and cannot do
  screening.py    the check's questions (questions.json) and how answers are read, with its sources
  models.py       SafetyCheck and HardTalkChoice: rows only their own person ever reads
  readiness.py    whether hard conversations are open for a person; the gates conflict tools pass
  check_pages.py  the check itself and each person's own page about hard conversations
"""

from couples.safety import check_pages
from couples.safety.check_pages import page_gate
from couples.safety.models import HardTalkChoice, SafetyCheck
from couples.safety.pages import bp
from couples.safety.readiness import (ALWAYS_ALLOWED_MOVES, CONFLICT_KINDS, HARD_ACTIONS, Readiness, gate, is_gated,
                                      readiness_of, set_aside, set_aside_by_partner)

__all__ = ["ALWAYS_ALLOWED_MOVES", "CONFLICT_KINDS", "HARD_ACTIONS", "HardTalkChoice", "Readiness", "SafetyCheck", "bp",
           "check_pages", "gate", "is_gated", "page_gate", "readiness_of", "set_aside", "set_aside_by_partner"]
