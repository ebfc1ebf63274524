"""An agreement's page says its words once, and every agreement page, both exports and a session read back give
dates on the reader's own clock, in the one format of couples/dates.py (issue 17). Ana is in Kolkata and Ben in
Los Angeles: the evening the couple agreed (19:30 UTC on Sunday 24 January 2027) is Monday morning for Ana and
Sunday still for Ben. HTTP with Flask's client; the talk is played over the socket."""

from __future__ import annotations

import html
from datetime import datetime

from sqlalchemy import update

from couples.agreements import AgreementVersion
from couples.extensions import db
from couples.log import ExerciseSession
from tests.couples.agreements.test_talks_and_reviews import DINNER, agreements, talk
from tests.couples.test_dates import set_zone
from tests.support.sessions import play_checkin

AGREED = datetime(2027, 1, 24, 19, 30)  # UTC, as Hearth stores it


def read(person, path: str) -> str:
    response = person.client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return html.unescape(" ".join(response.get_data(as_text=True).split()))


def agreed_at(app, moment: datetime) -> None:
    with app.app_context():
        db.session.execute(update(AgreementVersion).values(accepted_at=moment))
        db.session.commit()


def test_a_first_proposal_accepted_as_it_was_is_not_told_twice(app, couple, partner):
    ana, ben = couple
    talk(couple, partner, amend=False)  # Ana proposes, Ben accepts her words as they are
    ((agreement_id, *_),) = agreements(app)
    page = read(ben, f"/agreements/{agreement_id}")
    assert page.count(DINNER["why"]) == 1 and page.count(DINNER["consequence"]) == 1
    story = page[page.index('data-testid="talk-story"'):]
    assert "<strong><bdi>Ana</bdi></strong> proposed it: proposal 1, in the words above." in story


def test_an_agreement_is_dated_on_each_partners_own_calendar(app, couple, partner):
    ana, ben = couple
    assert set_zone(ana, "Asia/Kolkata").status_code == 302
    assert set_zone(ben, "America/Los_Angeles").status_code == 302
    talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    agreed_at(app, AGREED)

    for path in ("/agreements/", f"/agreements/{agreement_id}", "/agreements/export.html"):
        anas, bens = read(ana, path), read(ben, path)
        assert "on 25 Jan 2027" in anas and "24 Jan 2027" not in anas, path
        assert "on 24 Jan 2027" in bens and "25 Jan 2027" not in bens, path
    anas, bens = read(ana, "/agreements/export.md"), read(ben, "/agreements/export.md")
    assert "on 25 Jan 2027" in anas and "on 24 Jan 2027" in bens
    assert "January" not in anas + bens  # the one format: "24 Jan 2027"


def test_a_session_read_back_is_on_the_readers_clock_and_says_utc_only_while_their_zone_is_unknown(app, couple):
    ana, ben = couple
    session_id = play_checkin(app, ana, ben)
    with app.app_context():
        db.session.execute(update(ExerciseSession).where(ExerciseSession.id == session_id).values(started_at=AGREED))
        db.session.commit()
    assert "Sun 24 Jan 2027, 19:30 UTC" in read(ana, f"/history/{session_id}")  # no zone known yet: said
    assert set_zone(ana, "Asia/Kolkata").status_code == 302
    page = read(ana, f"/history/{session_id}")
    assert "Mon 25 Jan 2027, 01:00" in page and "UTC" not in page
    assert "<title>Weekly check-in, 25 Jan 2027" in page


def test_an_entry_in_the_readable_export_is_dated_on_its_writers_own_calendar(app, couple):
    from couples.personal.models import Entry

    ana, _ = couple
    assert ana.post("/me/gratitude/", {"text": "Ben made soup when I was tired"}).status_code == 302
    with app.app_context():
        db.session.execute(update(Entry).values(created_at=AGREED))
        db.session.commit()
    assert set_zone(ana, "Asia/Kolkata").status_code == 302
    page = read(ana, "/your-data/export.html")
    assert "25 Jan 2027" in page and "24 Jan 2027" not in page  # 01:00 on Monday in Kolkata, not Sunday in UTC
