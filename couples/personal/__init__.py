"""Each person's own space (/me), private by default and usable before pairing.

  reflection.py       the attachment reflection's statements (statements.json) and how ratings are read
  models.py           Reflection
  pages.py            taking it, its result and history, sharing it deliberately, when to ask for help
"""

from couples.personal.models import Reflection
from couples.personal.pages import bp, reading_of, shared_by

__all__ = ["Reflection", "bp", "reading_of", "shared_by"]
