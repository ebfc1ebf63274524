"""What happens to each row that names a person when they delete their account, one line per column.

Every foreign key to `users.id` in the schema is listed here (tests/couples/ownership proves none is
missing, so a new table cannot be forgotten):
  PRIVATE     the person's own rows (their space, solo practice, settings): deleted, and exported to
              them as they are
  SAFETY      their private safety check answers and their "not now" for hard conversations: deleted,
              and never put in an export (a file can be found by someone else; docs/export.md)
  BOOKKEEPING rows about their sign-in and pairing (sign-ins, sockets, memberships, invitations they made):
              deleted
  SHARED      rows of what both partners did or wrote together (sessions, events, agreements, the
              couple's own scenes): kept for the partner, pointing at a stand-in instead of the person
ID_LISTS are string columns holding several ids ("a,b"); the person's id there becomes the stand-in's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table

from couples.extensions import db

PRIVATE, SAFETY, BOOKKEEPING, SHARED = "private", "safety", "bookkeeping", "shared"

FATES = {
    "reflections.user_id": PRIVATE,
    "personal_entries.user_id": PRIVATE,
    "personal_settings.user_id": PRIVATE,
    "safety_checks.user_id": SAFETY,
    "hard_talk_choices.user_id": SAFETY,
    "solo_runs.user_id": PRIVATE,
    "rhythm_reminders.user_id": PRIVATE,
    "rhythm_proposals.proposed_by_id": BOOKKEEPING,
    "presence.user_id": BOOKKEEPING,
    "sign_ins.user_id": BOOKKEEPING,  # deleted with the account, so every cookie of theirs dies with it
    "memberships.user_id": BOOKKEEPING,
    "past_memberships.user_id": BOOKKEEPING,
    "invitations.created_by_id": BOOKKEEPING,
    "invitations.used_by_id": SHARED,
    "exercise_sessions.started_by_id": SHARED,
    "session_events.actor_id": SHARED,
    "agreements.proposed_by_id": SHARED,
    "agreement_versions.author_id": SHARED,
    "custom_scenes.author_id": SHARED,
}
ID_LISTS = ("agreement_versions.accepted_by_ids",)


def person_columns() -> Iterator[tuple[Table, Any]]:
    """(table, column) for every column of the schema that is a foreign key to users.id."""
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                yield table, column


def fate_of(table: Table, column: Any) -> str:
    """PRIVATE, SAFETY, BOOKKEEPING or SHARED for `table.column`; KeyError for a column nobody has decided about."""
    return FATES[f"{table.name}.{column.name}"]
