"""The event log, the truth of every exercise session: its rows, its facts, and the fold that rebuilds state.

  models.py  ExerciseSession (one run of an exercise) and SessionEvent (one accepted action, numbered)
  facts.py   what never changes about a session, kept per process, and its progress (last seq, names)
  store.py   narrow operations: start, read, fold (`state_of`), claim a number, insert an event
  erasure.py a couple ending (its live sessions close) and a deleted person's part anonymised
"""

from couples.log.erasure import anonymise, close_live_sessions
from couples.log.facts import Facts, Progress, facts_for_couple, keep, progress, session_facts
from couples.log.models import ExerciseSession, SessionEvent
from couples.log.store import (StoreConflict, claim_seq, client_event, event_with_key, insert_event, is_kept, kept_fold,
                               last_seq, live_session, load_rows, remember, session_row, sessions_of, shared_log,
                               start_session, state_of)

__all__ = ["ExerciseSession", "Facts", "Progress", "SessionEvent", "StoreConflict", "anonymise", "claim_seq",
           "client_event", "close_live_sessions", "event_with_key", "facts_for_couple", "insert_event", "is_kept",
           "keep", "kept_fold", "last_seq", "live_session", "load_rows", "progress", "remember", "session_facts",
           "session_row", "sessions_of", "shared_log", "start_session", "state_of"]
