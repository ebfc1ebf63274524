"""Coaching, private to its author: blame and care read in drafts and sent messages, and paraphrase feedback.

  coach.py      what spaCy (nlp/) makes of a text, from the helper process when it can answer; what the
                server adds to a sent action's fields (`enrich`)
  listening.py  how a listener's draft paraphrase lands against what the speaker said
"""

from couples.coaching.coach import (CARE_NOTE, DRAFT_TOO_LONG, SERVER_FIELDS, analysis_of, care_note_for, care_note_of,
                                    coach_reply, draft_reply, enrich, feedback_of, read_ahead, start_helper)
from couples.coaching.listening import may_paraphrase, paraphrase_reply

__all__ = ["CARE_NOTE", "DRAFT_TOO_LONG", "SERVER_FIELDS", "analysis_of", "care_note_for", "care_note_of",
           "coach_reply", "draft_reply", "enrich", "feedback_of", "may_paraphrase", "paraphrase_reply", "read_ahead",
           "start_helper"]
