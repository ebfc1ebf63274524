"""The couple's agreements: written by a boundary talk, reviewed on a schedule, kept, revised or retired.

  pages.py          /agreements: the list, one agreement's history, the export
  story.py          how each version came to be: the steps of the talk that led to it, from its event log
  start_options.py  how a talk or a review starts (a revision seeded with the current words...)
  outcomes.py       what a finished talk or review writes: the agreement, its next version or date
  store.py          reading agreements as plain facts (due for review, one of the couple's)
  models.py         Agreement and AgreementVersion
"""

from couples.agreements.models import Agreement, AgreementVersion
from couples.agreements.outcomes import settle_boundary, settle_review
from couples.agreements.pages import bp
from couples.agreements.start_options import boundary_options, review_options
from couples.agreements.store import agreement_of, due_for_review

__all__ = ["Agreement", "AgreementVersion", "agreement_of", "boundary_options", "bp", "due_for_review",
           "review_options", "settle_boundary", "settle_review"]
