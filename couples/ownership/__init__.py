"""Owning your data: taking it with you, leaving a couple, deleting an account.

  fates.py     what happens to every column that names a person when they delete their account
  export.py    everything a person can see, as one document (docs/export.md)
  leaving.py   a partner leaves: the room closes for both, each keeps what they wrote
  erasure.py   an account deleted in one transaction; a stand-in keeps the partner's records whole
  pages.py     /your-data: the choices, the downloads, and the two confirmations
"""

from couples.ownership.erasure import erase
from couples.ownership.export import export_for
from couples.ownership.fates import FATES, person_columns
from couples.ownership.leaving import leave
from couples.ownership.pages import bp

__all__ = ["FATES", "bp", "erase", "export_for", "leave", "person_columns"]
