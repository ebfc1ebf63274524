"""Each person's own space (/me), private by default and usable before pairing.

  reflection.py       the attachment reflection's statements (statements.json) and how ratings are read
  entries.py          the kinds of entry one keeps: journal, toolkit, gratitude and wins, affirmations
  models.py           Reflection, Entry
  pages.py            taking the reflection, its result and history, sharing it deliberately, when to ask for help
  entry_pages.py      each kind's list, form, edit and delete; toolkit starters; search
"""

from couples.personal import entry_pages
from couples.personal.entry_pages import affirmations, brought_to_checkin, readable_copy
from couples.personal.models import Entry, Reflection
from couples.personal.pages import bp, reading_of, shared_by, stop_sharing

__all__ = ["Entry", "Reflection", "affirmations", "bp", "brought_to_checkin", "entry_pages", "readable_copy",
           "reading_of", "shared_by", "stop_sharing"]
