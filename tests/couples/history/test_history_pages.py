"""Looking back: Ana and Ben read their sessions back as conversations; Olga, from another couple, learns nothing."""

from __future__ import annotations

from datetime import timedelta

from markupsafe import escape

from couples import log
from couples.clock import utcnow
from couples.extensions import db
from couples.history.pages import HISTORY_PAGE
from couples.history.transcript import COACH_NOTE
from tests.support.sessions import acts, agree, play_checkin, start


def text(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_a_check_in_reads_back_as_a_conversation_with_each_ones_coaching_their_own(app, couple, outsider):
    ana, ben = couple
    session_id = play_checkin(app, ana, ben)
    listing = text(ana.client.get("/history/"))
    assert "Weekly check-in" in listing and f"/history/{session_id}" in listing

    anas, bens = text(ana.client.get(f"/history/{session_id}")), text(ben.client.get(f"/history/{session_id}"))
    for page in (anas, bens):  # what both saw: both partners' words, the ratings both gave, the steps
        assert "You made soup when I was tired." in page and "You never listen to me about Fridays." in page
        assert "Appreciations" in page and "What went well" in page and "Requests for the week" in page
        assert "hopeful" in page and "tired" in page
        assert "said not this week" in page and "Late shifts all week." in page
    # Ben's line about Fridays was coached; the note is his alone.
    assert COACH_NOTE in bens and COACH_NOTE not in anas
    assert "<strong><bdi>You</bdi></strong> named something hard" in bens
    assert "<strong><bdi>Ben</bdi></strong> named something hard" in anas

    assert outsider.client.get(f"/history/{session_id}").status_code == 404
    assert f"/history/{session_id}" not in text(outsider.client.get("/history/"))
    assert outsider.client.get("/history/999999").status_code == 404


def test_a_rating_given_alone_stays_with_its_author(app, couple, partner):
    ana, ben = couple
    session_id = start(app, ana, "checkin")
    acts(app, session_id, [(ana, "arrive", {"feeling": 2, "connection": 1, "mood": "wobbly-quiet"}), (ana, "end", {})])
    assert "wobbly-quiet" in text(ana.client.get(f"/history/{session_id}"))
    bens = text(ben.client.get(f"/history/{session_id}"))
    assert "wobbly-quiet" not in bens and "Ana</bdi></strong> arrived" in bens


def test_history_pages_filter_by_exercise_and_say_when_there_is_nothing(app, couple):
    ana, ben = couple
    assert "Nothing here yet" in text(ana.client.get("/history/"))
    with app.app_context():
        start = utcnow() - timedelta(days=400)
        for n in range(HISTORY_PAGE + 5):
            db.session.add(log.ExerciseSession(couple_id=_couple_id(ana), kind="appreciation",
                                               partner_ids=f"{ana.id},{ben.id}", started_by_id=ana.id,
                                               started_at=start + timedelta(days=n),
                                               finished_at=start + timedelta(days=n, minutes=12), options={}))
        db.session.commit()
    play_checkin(app, ana, ben)
    first = text(ana.client.get("/history/"))
    assert first.count('data-testid="history-item"') == HISTORY_PAGE and "Page 1 of 2" in first
    assert "Weekly check-in" in first.split('data-testid="history-item"')[1]  # newest first
    second = text(ana.client.get("/history/?page=2"))
    assert second.count('data-testid="history-item"') == 6 and "12 min" in second
    only = text(ana.client.get("/history/?kind=checkin"))
    assert only.count('data-testid="history-item"') == 1
    # Nonsense in the address is read kindly, never an error page.
    assert ana.client.get("/history/?page=abc").status_code == 200
    assert "Everything" in text(ana.client.get("/history/?kind=%3Cscript%3E"))
    beyond = ana.client.get("/history/?page=99", follow_redirects=True)  # past the end: the last page
    assert text(beyond).count('data-testid="history-item"') == 6 and "Page 2 of 2" in text(beyond)
    assert ana.client.get("/history/?page=-3").status_code == 200


def test_a_boundary_talk_links_to_the_agreement_it_wrote(app, couple):
    ana, ben = couple
    sid, agreement_id = agree(app, ana, ben, need="Phones away at dinner")
    page = text(ben.client.get(f"/history/{sid}"))
    assert "This talk wrote" in page and "Phones away at dinner" in page
    assert f'href="/agreements/{agreement_id}"' in page
    assert "proposed: <q><bdi>Phones away at dinner</bdi></q>" in page and "I feel close when we talk." in page


def _couple_id(person) -> int:
    from couples.accounts import User
    return db.session.get(User, person.id).couple.id


def test_listening_turns_inside_a_check_in_read_as_a_conversation(app, couple):
    """Found by a newcomer: the nested turns read back as "Ben listening spoke", "listening step changed"."""
    from tests.couples.history.test_trends import ISSUE, check_in
    ana, ben = couple
    session_id = check_in(app, ana, ben, heard=[False])
    anas = text(ana.client.get(f"/history/{session_id}"))
    assert "listening spoke" not in anas and "step changed" not in anas and "listening paraphrased" not in anas
    assert f"<strong><bdi>Ben</bdi></strong> said: <q><bdi>{escape(ISSUE)}</bdi></q>" in anas
    assert "<strong><bdi>You</bdi></strong> reflected back" in anas and "felt heard" in anas
    assert "opened listening turns" in anas and "closed the listening turns" in anas


def test_an_agreement_links_back_to_the_talk_that_wrote_it_and_the_reviews_that_looked_at_it(app, couple):
    ana, ben = couple
    talk, agreement_id = agree(app, ana, ben)
    review = start(app, ben, "review", agreement_id=str(agreement_id))
    acts(app, review, [(ben, "suggest", {"choice": "keep"}), (ana, "confirm", {"choice": "keep"})])
    page = text(ana.client.get(f"/agreements/{agreement_id}"))
    assert f'href="/history/{talk}"' in page and f'href="/history/{review}"' in page
    reviewed = text(ana.client.get(f"/history/{review}"))
    assert "This review looked at" in reviewed and "suggested keeping it" in reviewed and "chose to keep it" in reviewed
