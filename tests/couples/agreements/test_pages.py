"""The agreements pages and exports: the couple sees theirs; anyone else learns nothing (404, never 403)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from couples.agreements import Agreement
from couples.dates import day  # the pages' own wording of a day: "1 Dec 2026", never "01 Dec 2026"
from couples.extensions import db
from tests.couples.agreements.test_talks_and_reviews import DINNER, agreements, joined, make_due, start, talk, today
from tests.support.live import act


@pytest.fixture
def agreed(app, couple, partner):
    """Ana and Ben agreed on weeknight dinners (Ben worded version 1 of the agreement)."""
    talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    return agreement_id


def page(person, path):
    response = person.client.get(path)
    return response.status_code, response.get_data(as_text=True)


def test_the_list_shows_each_agreement_with_who_when_status_and_next_review(app, couple, agreed):
    ana, _ = couple
    status, html = page(ana, "/agreements/")
    assert status == 200
    assert "No phones at weeknight dinners" in html and "I feel close to you" in html
    assert "Proposed by Ana" in html and f"accepted by both on {day(today())}" in html
    assert f"Next review {day(today() + timedelta(weeks=4))}" in html and "every 4 weeks" in html
    assert 'data-testid="due-tag"' not in html


def test_due_agreements_come_first_and_show_in_the_room(app, couple, partner, agreed):
    ana, ben = couple
    assert 'data-testid="due-agreement"' not in page(ben, "/")[1]
    make_due(app, agreed)
    status, room = page(ben, "/")
    assert 'data-testid="due-agreement"' in room and "No phones at weeknight dinners" in room
    assert "ready for a look together" in room
    html = page(ana, "/agreements/")[1]
    assert f'data-testid="review-{agreed}"' in html


def test_the_list_puts_due_agreements_first(app, couple, partner, agreed):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    later = start(ben, "boundary")
    joined(ana_sock, later), joined(ben_sock, later)
    act(ben_sock, later, "propose", need="A quiet hour after work", why="I need time to land before I talk.")
    act(ana_sock, later, "accept", version=1)
    second = agreements(app)[1][0]
    make_due(app, second)
    html = page(ana, "/agreements/")[1]
    assert html.index("A quiet hour after work") < html.index("No phones at weeknight dinners")
    assert html.count('data-testid="due-tag"') == 1 and "Proposed by Ben" in html


def test_the_detail_shows_the_history_with_differences(app, couple, partner, agreed):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    revision = start(ana, "boundary", agreement_id=str(agreed))
    joined(ana_sock, revision), joined(ben_sock, revision)
    act(ana_sock, revision, "propose", **{**DINNER, "need": "No phones at weeknight dinners or in bed",
                                          "review_every_weeks": 2})
    assert act(ben_sock, revision, "accept", version=1)["ok"]
    status, html = page(ben, f"/agreements/{agreed}")
    assert status == 200
    assert "Version 2" in html and "Version 1" in html and "Proposed by Ana" in html
    assert "<ins> or in bed</ins>" in html and "<del>4</del><ins>2</ins>" in html
    assert "accepted by Ana and Ben" in html or "accepted by Ben and Ana" in html
    assert f"Next review {day(today() + timedelta(weeks=2))}" in html


def test_exports_are_readable_and_escape_what_partners_wrote(app, couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    act(ana_sock, session_id, "propose", **{**DINNER, "need": "<b>Quiet</b> # mornings *please*"})
    act(ben_sock, session_id, "accept", version=1)

    markdown = ana.client.get("/agreements/export.md")
    assert markdown.status_code == 200 and markdown.mimetype == "text/markdown"
    assert "attachment" in markdown.headers["Content-Disposition"]
    text = markdown.get_data(as_text=True)
    assert text.startswith("# Our agreements")
    assert r"## \<b\>Quiet\</b\> \# mornings \*please\*" in text
    assert "- **Proposed by:** Ana" in text and "- **Accepted by:** Ana and Ben" in text
    assert "- **If it's crossed:** I'll put my phone in the drawer" in text

    status, html = page(ben, "/agreements/export.html")
    assert status == 200 and "&lt;b&gt;Quiet&lt;/b&gt;" in html and "<b>Quiet" not in html
    assert "made for it" in html and "agreements.css" in html  # the print rules live in the stylesheet


def test_a_retired_agreement_says_so_everywhere(app, couple, partner, agreed):
    with app.app_context():
        agreement = db.session.get(Agreement, agreed)
        agreement.status = "retired"
        db.session.commit()
    ana, _ = couple
    assert "Retired" in page(ana, f"/agreements/{agreed}")[1]
    assert 'data-testid="review"' not in page(ana, f"/agreements/{agreed}")[1]
    assert "- **Status:** retired" in page(ana, "/agreements/export.md")[1]


def test_an_outsider_can_neither_read_nor_change_any_agreement(app, couple, outsider, agreed):
    for path in (f"/agreements/{agreed}", "/agreements/999"):
        assert page(outsider, path)[0] == 404
    assert "weeknight" not in page(outsider, "/agreements/")[1]
    assert "weeknight" not in page(outsider, "/agreements/export.md")[1]
    assert "weeknight" not in page(outsider, "/agreements/export.html")[1]
    for kind in ("review", "boundary"):
        for given in (str(agreed), "abc", "-1"):
            response = outsider.post("/sessions", {"kind": kind, "agreement_id": given}, form_path="/")
            assert response.status_code == 404
    assert agreements(app)[0][2] == 1  # unchanged


def test_people_without_a_couple_or_signed_out_see_nothing(app, accounts, agreed):
    alone = accounts.person("alone")
    for path in ("/agreements/", f"/agreements/{agreed}", "/agreements/export.md", "/agreements/export.html"):
        assert page(alone, path)[0] == 404
        anonymous = app.test_client().get(path)
        assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]


def test_start_in_the_room_reviews_the_agreement_due_soonest_or_kindly_says_there_is_none(app, couple, partner):
    ana, ben = couple
    response = ana.post("/sessions", {"kind": "review"}, form_path="/", follow_redirects=True)
    assert "nothing to review yet" in response.get_data(as_text=True)
    talk(couple, partner, amend=False)
    ((agreement_id, *_),) = agreements(app)
    review_id = start(ben, "review")
    assert joined(partner(ben), review_id)["view"]["agreement"]["id"] == agreement_id
