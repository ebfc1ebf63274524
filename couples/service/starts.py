"""Starting a session: the options its kind computes, then the log's start (or the live one joined)."""

from __future__ import annotations

from collections.abc import Mapping

from couples import log
from couples.accounts import Couple, User
from couples.log import Facts
from couples.service.kinds import options_for


def start(couple: Couple, user: User, kind: str, form: Mapping[str, str]) -> tuple[Facts, bool]:
    """The couple's live session of `kind`, started by `user` with its kind's options unless one is live.

    Returns (its facts, whether it was created now). Raises IllegalMove with a kind sentence when the
    kind's options can't be made (no agreement to review, an unknown scene...) or the couple isn't
    complete; an agreement or scene of another couple is a 404.
    """
    options = options_for(kind, couple, user, form)
    return log.start_session(couple, user, kind, options)
