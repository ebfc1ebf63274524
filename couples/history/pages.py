"""The history of a person's sessions (every couple they are or were in) and each one's readable transcript.

  GET /history                 newest first, HISTORY_PAGE to a page (?page=N), by exercise (?kind=checkin);
                               each says which exercise and what about, when, and whether it was finished,
                               ended early, or is in progress (couples.service.summarize)
  GET /history/<session_id>    one session read back as a conversation (couples/history/transcript.py)

A session of a couple the person was never in, and a missing one, are the same 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from couples import log, service
from couples.accounts import User, couples_of
from couples.agreements import Agreement, AgreementVersion
from couples.extensions import db
from couples.ids import row_id
from couples.history.transcript import Line, Reader, transcript
from exercises import KINDS

bp = Blueprint("history", __name__, url_prefix="/history")
HISTORY_PAGE = 20  # sessions to a page
PAGES_MAX = 10**6  # a page number past any history (bigger ones would overflow the database's offset)
FORMER = "Your former partner"


def reader_for(session: log.ExerciseSession, viewer: User, ended: bool,
               people: Mapping[int, User] | None = None) -> Reader:
    """How `viewer` reads `session`: their own lines as "You", the partner's under their name while the
    couple lasts and as "Your former partner" once it has ended (or their account is gone).

    `people` (users by id, e.g. `people_of(sessions)`) saves a query per session when reading many.
    """
    if people is None:
        people = people_of([session])
    names = {}
    for partner in session.partners:
        found = row_id(partner)
        person = people.get(found) if found is not None else None
        if partner == str(viewer.id):
            names[partner] = "You"
        elif person is None or person.former or ended:
            names[partner] = FORMER
        else:
            names[partner] = person.display_name
    return Reader(me=str(viewer.id), names=names, ended=ended)


def people_of(sessions: Iterable[log.ExerciseSession]) -> dict[int, User]:
    """The partners of `sessions` by id, in one query."""
    ids = {found for session in sessions for p in session.partners if (found := row_id(p)) is not None}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def visible_couples(user_id: int) -> dict[int, bool]:
    """{couple id: ended} for every couple whose sessions `user_id` may read back."""
    return dict(couples_of(user_id))


def length_of(session: log.ExerciseSession) -> timedelta | None:
    """How long a finished session ran (None while it is live)."""
    return None if session.finished_at is None else session.finished_at - session.started_at


def agreement_links(session: log.ExerciseSession) -> list[dict[str, Any]]:
    """The agreements this session wrote (a boundary talk) or reviewed (a review): [{id, need, version, made}]."""
    links = []
    for version in db.session.scalars(select(AgreementVersion).where(AgreementVersion.session_id == session.id)):
        links.append({"id": version.agreement_id, "need": version.need, "version": version.number, "made": True})
    reviewed = (session.options or {}).get("agreement")
    if isinstance(reviewed, dict) and isinstance(reviewed.get("id"), int):
        agreement = db.session.get(Agreement, reviewed["id"])
        if agreement is not None and agreement.couple_id == session.couple_id:
            links.append({"id": agreement.id, "need": agreement.current.need, "version": agreement.current_version,
                          "made": False})
    return links


@bp.route("/")
@login_required
def index():
    couples = visible_couples(current_user.id)
    kind = request.args.get("kind", "")
    query = select(log.ExerciseSession).where(log.ExerciseSession.couple_id.in_(list(couples) or [-1]))
    if kind in KINDS:
        query = query.where(log.ExerciseSession.kind == kind)
    else:
        kind = ""
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), PAGES_MAX)
    page = db.paginate(query.order_by(log.ExerciseSession.started_at.desc(), log.ExerciseSession.id.desc()),
                       page=number, per_page=HISTORY_PAGE, max_per_page=HISTORY_PAGE, error_out=False, count=True)
    if not page.items and page.total:  # further back than the history goes: its last page
        return redirect(url_for("history.index", page=page.pages, kind=kind or None))
    kinds_held = _kinds_held(list(couples))
    return render_template("history/index.html", page=page, kind=kind, kinds=KINDS, kinds_held=kinds_held,
                           ended=couples, length_of=length_of,
                           lines=zip(page.items, service.summarize(page.items), strict=True))


def _kinds_held(couple_ids: Sequence[int]) -> list[str]:
    """The exercises these couples have sessions of (the filter offers only those), in the registry's order."""
    if not couple_ids:
        return []
    held = set(db.session.scalars(select(log.ExerciseSession.kind).where(log.ExerciseSession.couple_id.in_(couple_ids))
                                  .group_by(log.ExerciseSession.kind)))
    return [kind for kind in KINDS if kind in held]


@bp.route("/<int:session_id>")
@login_required
def session(session_id: int):
    couples = visible_couples(current_user.id)
    row = db.session.get(log.ExerciseSession, session_id)
    if row is None or row.couple_id not in couples:
        abort(404)  # another couple's session and a missing one look the same
    ended = couples[row.couple_id]
    lines: list[Line] = transcript(log.load_rows(row.id), reader_for(row, current_user, ended))
    return render_template("history/session.html", session=row, title=KINDS[row.kind].TITLE, lines=lines,
                           ended=ended, length=length_of(row), agreements=agreement_links(row))
