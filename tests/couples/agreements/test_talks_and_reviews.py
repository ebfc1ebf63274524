"""Boundary talks and reviews over the live socket: Ana and Ben, and Olga from another couple."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta

import pytest

from couples import service
from couples.accounts import User
from couples.agreements import Agreement, AgreementVersion, due_for_review
from couples.clock import utcnow
from couples.extensions import db
from couples.log import ExerciseSession
from exercises import IllegalMove
from tests.support.live import act, joined, key, received

DINNER = {"need": "No phones at dinner", "why": "I feel close to you when we talk while we eat.",
          "consequence": "I'll put my phone in the drawer and ask once, gently.", "review_every_weeks": 4}


def today() -> date:
    return utcnow().date()  # the server's day (UTC), as the settle code reads it


def start(person, kind: str, **form) -> int:
    response = person.post("/sessions", {"kind": kind, **form}, form_path="/")
    assert response.status_code == 302, response.status_code
    return int(re.search(r"/sessions/(\d+)$", response.headers["Location"]).group(1))


def agreements(app):
    with app.app_context():
        return [(a.id, a.status, a.current_version, a.next_review, [(v.number, v.need, v.accepted_by_ids)
                                                                      for v in a.versions])
                for a in db.session.query(Agreement).order_by(Agreement.id)]


def talk(couple, partner, amend=True):
    """Ana proposes, Ben amends once, Ana accepts: returns (session id, Ana's socket, Ben's socket)."""
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    assert act(ana_sock, session_id, "propose", **DINNER)["ok"]
    version = 1
    if amend:
        assert act(ben_sock, session_id, "amend", need="No phones at weeknight dinners")["ok"]
        version = 2
    assert act(ana_sock if amend else ben_sock, session_id, "accept", version=version)["ok"]
    return session_id, ana_sock, ben_sock


def test_a_talk_with_one_amendment_writes_the_agreement_both_accepted(app, couple, outsider, partner):
    ana, ben = couple
    ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    olga_sock.get_received()

    assert act(ana_sock, session_id, "propose", **DINNER)["ok"]
    to_ben = received(ben_sock, "session_event")[-1]
    assert to_ben["view"]["current"]["need"] == "No phones at dinner"
    assert to_ben["view"]["allowed"] == ["accept", "amend", "ask", "not_now", "end", "pause"]
    assert act(ben_sock, session_id, "ask", text="Does that include breakfast?")["ok"]
    assert act(ana_sock, session_id, "answer", text="Only dinner.")["ok"]
    assert act(ben_sock, session_id, "amend", need="No phones at weeknight dinners")["ok"]
    to_ana = received(ana_sock, "session_event")[-1]
    assert to_ana["event"]["events"][0]["data"]["voided"] == [str(ana.id)]
    assert to_ana["view"]["current"]["changes"] == {"need": [["same", "No phones at "], ["removed", "dinner"],
                                                             ["added", "weeknight dinners"]]}
    assert agreements(app) == []  # nothing is written before both say yes

    assert act(ana_sock, session_id, "accept", version=2)["ok"]
    final = received(ben_sock, "session_event")[-1]
    assert final["view"]["agreed"] and final["view"]["finished"]
    ((agreement_id, status, current, next_review, versions),) = agreements(app)
    assert (status, current) == ("active", 1)
    assert versions == [(1, "No phones at weeknight dinners", f"{ben.id},{ana.id}")]
    assert next_review == today() + timedelta(weeks=4)  # agreed today (UTC), reviewed every 4 weeks
    with app.app_context():
        assert due_for_review(ana_couple_id(app, ana), next_review) == [{
            "id": agreement_id, "title": "No phones at weeknight dinners",
            "text": "No phones at weeknight dinners — I feel close to you when we talk while we eat. "
                    "If it's crossed: I'll put my phone in the drawer and ask once, gently.",
            "version": 1, "next_review": next_review.isoformat()}]
        assert due_for_review(ana_couple_id(app, ana), next_review - timedelta(days=1)) == []
    assert received(olga_sock, "session_event") == []
    assert act(olga_sock, session_id, "accept", version=2)["error"]["code"] == "not_found"


def ana_couple_id(app, person) -> int:
    with app.app_context():
        return db.session.get(User, person.id).couple.id


def test_stale_and_own_acceptances_are_told_to_the_sender_only(app, couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    act(ana_sock, session_id, "propose", **DINNER)
    act(ana_sock, session_id, "amend", why="I miss you when the screens come out.")
    received(ana_sock, "session_event"), received(ben_sock, "session_event")

    stale = act(ben_sock, session_id, "accept", version=1)
    assert stale["error"]["code"] == "stale_version" and "proposal 2" in stale["error"]["message"]
    own = act(ana_sock, session_id, "accept", version=2)
    assert own["error"]["code"] == "own_proposal"
    empty = act(ben_sock, session_id, "amend", need="   ")
    assert empty["error"]["code"] == "empty_text"
    assert received(ana_sock, "session_event") == received(ben_sock, "session_event") == []
    assert agreements(app) == [] and joined(ben_sock, session_id)["last_seq"] == 2


def test_the_coachs_reading_of_the_why_never_reaches_the_partner(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    assert act(ana_sock, session_id, "propose", **{**DINNER, "why": "You never listen to me at dinner."})["ok"]
    to_ben = received(ben_sock, "session_event")[-1]
    assert "coach" not in str(to_ben) and "why_flagged" not in to_ben["view"]["current"]
    assert received(ana_sock, "session_event")[-1]["view"]["current"]["why_flagged"] is True


def test_simultaneous_acceptances_of_different_versions_make_one_agreement(app, couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    act(ana_sock, session_id, "propose", **DINNER)
    act(ben_sock, session_id, "amend", need="No phones at weeknight dinners")
    outcomes: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def accept(person, version):
        with app.app_context():
            user = db.session.get(User, person.id)
            barrier.wait()
            try:
                service.act(session_id, user, "accept", {"version": version}, key())
                outcomes[person.name] = "ok"
            except IllegalMove as refused:
                outcomes[person.name] = refused.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(ana, 2)), threading.Thread(target=accept, args=(ben, 1))]
    [t.start() for t in threads], [t.join() for t in threads]
    assert outcomes["Ana"] == "ok" and outcomes["Ben"] in {"stale_version", "finished"}
    ((_, _, _, _, versions),) = agreements(app)
    assert versions == [(1, "No phones at weeknight dinners", f"{ben.id},{ana.id}")]


def test_an_ended_talk_is_picked_up_by_the_next_one(app, couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    first = start(ana, "boundary")
    joined(ana_sock, first)
    act(ana_sock, first, "propose", **DINNER)
    assert act(ben_sock, first, "not_now")["ok"]  # the proposal stays open, visible to both
    assert joined(ben_sock, first)["view"]["not_now"]["by"] == str(ben.id)
    act(ben_sock, first, "end")
    assert start(ana, "boundary") == start(ben, "boundary") != first  # one live talk for both
    later = joined(ben_sock, start(ben, "boundary"))
    assert later["view"]["seed"]["need"] == "No phones at dinner"
    assert later["view"]["seed"]["picked_up_from"] == first and agreements(app) == []


def test_a_reconnect_mid_talk_catches_up(couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "boundary")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    act(ana_sock, session_id, "propose", **DINNER)
    seen = received(ben_sock, "session_event")[-1]["event"]["seq"]
    ben_sock.disconnect()
    act(ana_sock, session_id, "amend", review_every_weeks=2)
    again = joined(partner(ben), session_id, last_seq=seen)
    assert [e["action"] for e in again["events"]] == ["amend"]
    assert again["view"]["current"]["number"] == 2 and again["view"]["allowed"][0] == "accept"


def make_due(app, agreement_id):
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        agreement.next_review = today() - timedelta(days=1)
        db.session.commit()


def test_reviewing_keep_then_revise_to_a_second_version(app, couple, outsider, partner):
    ana, ben = couple
    talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    make_due(app, agreement_id)
    ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)

    review_id = start(ben, "review", agreement_id=str(agreement_id))
    assert joined(ana_sock, review_id)["view"]["agreement"]["title"] == "No phones at weeknight dinners"
    joined(ben_sock, review_id)
    assert act(ben_sock, review_id, "suggest", choice="keep")["ok"]
    assert act(ben_sock, review_id, "confirm", choice="keep")["error"]["code"] == "own_choice"
    assert act(olga_sock, review_id, "confirm", choice="keep")["error"]["code"] == "not_found"
    assert act(ana_sock, review_id, "confirm", choice="keep")["ok"]
    ((_, status, _, next_review, _),) = agreements(app)
    assert status == "active" and next_review == today() + timedelta(weeks=4)

    make_due(app, agreement_id)
    review_id = start(ana, "review", agreement_id=str(agreement_id))
    joined(ana_sock, review_id), joined(ben_sock, review_id)
    act(ana_sock, review_id, "suggest", choice="revise")
    assert act(ben_sock, review_id, "confirm", choice="revise")["ok"]
    assert len(agreements(app)[0][4]) == 1  # revising finishes the review; the words change in the talk

    revision = start(ben, "boundary", agreement_id=str(agreement_id))
    view = joined(ben_sock, revision)["view"]
    assert view["seed"]["need"] == "No phones at weeknight dinners" and view["agreement_id"] == agreement_id
    joined(ana_sock, revision)
    act(ben_sock, revision, "propose", **{**DINNER, "need": "No phones at weeknight dinners or in bed"})
    assert act(ana_sock, revision, "accept", version=1)["ok"]
    ((_, status, current, next_review, versions),) = agreements(app)
    assert current == 2 and [v[1] for v in versions] == ["No phones at weeknight dinners",
                                                         "No phones at weeknight dinners or in bed"]
    assert next_review > today()


def test_retiring_takes_both_and_a_retired_agreement_is_not_due(app, couple, partner):
    ana, ben = couple
    talk(couple, partner, amend=False)
    ((agreement_id, *_),) = agreements(app)
    make_due(app, agreement_id)
    ana_sock, ben_sock = partner(ana), partner(ben)
    review_id = start(ana, "review", agreement_id=str(agreement_id))
    joined(ana_sock, review_id), joined(ben_sock, review_id)
    act(ana_sock, review_id, "suggest", choice="retire")
    refused = act(ana_sock, review_id, "confirm", choice="retire")
    assert refused["error"]["code"] == "own_choice" and agreements(app)[0][1] == "active"
    assert act(ben_sock, review_id, "confirm", choice="retire")["ok"]
    assert agreements(app)[0][1] == "retired"
    with app.app_context():
        couple_id = db.session.get(ExerciseSession, review_id).couple_id
        assert due_for_review(couple_id, today() + timedelta(days=400)) == []
    response = ana.post("/sessions", {"kind": "review", "agreement_id": str(agreement_id)}, form_path="/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/")  # told kindly, in the room


@pytest.mark.parametrize("kind", ["boundary", "review"])
def test_starting_about_another_couples_agreement_is_a_404(app, couple, outsider, partner, kind):
    talk(couple, partner, amend=False)
    ((agreement_id, *_),) = agreements(app)
    response = outsider.post("/sessions", {"kind": kind, "agreement_id": str(agreement_id)}, form_path="/")
    assert response.status_code == 404
    assert outsider.post("/sessions", {"kind": kind, "agreement_id": "999"}, form_path="/").status_code == 404
    with app.app_context():
        assert db.session.query(AgreementVersion).count() == 1


def test_a_revision_agreed_after_its_agreement_was_retired_changes_nothing(app, couple, partner):
    """The agreement is retired while its revision is talked over (one live exercise at a time keeps a review
    from starting beside the talk in the room; a review settling in another process at that moment is the same)."""
    ana, ben = couple
    talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    ana_sock, ben_sock = partner(ana), partner(ben)
    revision = start(ana, "boundary", agreement_id=str(agreement_id))
    joined(ana_sock, revision), joined(ben_sock, revision)
    assert act(ana_sock, revision, "propose", **{**DINNER, "need": "No phones at dinner, weekends too"})["ok"]
    with app.app_context():
        db.session.get(Agreement, agreement_id).status = "retired"
        db.session.commit()

    refused = act(ben_sock, revision, "accept", version=1)
    assert refused["error"]["code"] == "stale_agreement" and "retired while you talked" in refused["error"]["message"]
    ((_, status, current, _, versions),) = agreements(app)
    assert (status, current, len(versions)) == ("retired", 1, 1)  # no version 2 of a retired agreement
    assert joined(ben_sock, revision)["view"]["finished"] is False  # and the talk's last act was not logged
