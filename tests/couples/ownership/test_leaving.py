"""Ana leaves her couple: the room closes for both, each keeps what they wrote, either may pair again."""

from __future__ import annotations

from couples import log
from couples.accounts import Couple, PastMembership
from couples.extensions import db
from tests.support.accounts import PASSWORD
from tests.support.live import received, start
from tests.support.sessions import play_checkin


def page(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_leaving_asks_for_the_password_and_a_wrong_one_changes_nothing(app, couple):
    ana, ben = couple
    assert "Leave your couple?" in page(ana.client.get("/your-data/leave"))
    wrong = ana.post("/your-data/leave", {"password": "not my password at all"})
    assert wrong.status_code == 422 and "your password. Nothing has changed." in page(wrong)
    empty = ana.post("/your-data/leave", {"password": ""})
    assert empty.status_code == 422 and "Please enter your password to go on." in page(empty)
    no_token = ana.client.post("/your-data/leave", data={"password": PASSWORD})
    assert no_token.status_code in (400, 422)
    assert ana.client.get("/").status_code == 200 and ben.client.get("/").status_code == 200  # still their room


def test_after_leaving_the_room_is_closed_for_both_and_each_keeps_their_own_words(app, accounts, couple, partner,
                                                                                outsider):
    ana, ben = couple
    session_id = play_checkin(app, ana, ben)
    live_id = start(ana, "appreciation")
    bens_socket, olgas_socket = partner(ben), partner(outsider)
    bens_socket.get_received(), olgas_socket.get_received()

    response = ana.post("/your-data/leave", {"password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/pair/")
    assert received(bens_socket, "room_closed") == [{}]
    assert received(olgas_socket, "room_closed") == []
    for person in (ana, ben):
        assert person.client.get("/").headers["Location"].endswith("/pair/")  # unpaired, both
        assert "Your shared room has closed." in page(person.client.get("/pair/"))
        assert person.client.get(f"/sessions/{session_id}").status_code == 404  # the live pages are closed
    with app.app_context():
        assert db.session.get(log.ExerciseSession, live_id).finished_at is not None
        assert db.session.scalar(db.select(db.func.count()).select_from(PastMembership)) == 2
        assert db.session.scalars(db.select(Couple).where(Couple.ended_at.is_not(None))).one()

    anas, bens = page(ana.client.get(f"/history/{session_id}")), page(ben.client.get(f"/history/{session_id}"))
    assert "You made soup when I was tired." in anas and "You never listen to me about Fridays." not in anas
    assert "You never listen to me about Fridays." in bens and "You made soup when I was tired." not in bens
    for reading in (anas, bens):
        assert "a pairing that has ended" in reading and "Their words stay with them." in reading
        assert "Your former partner" in reading
    assert "from before" in page(ana.client.get("/history/"))
    assert outsider.client.get(f"/history/{session_id}").status_code == 404

    # Either may pair again, with someone new.
    carl = accounts.person("carl")
    assert accounts.join(carl, accounts.invite(ana)).status_code == 302
    assert ana.client.get("/").status_code == 200
    assert ana.client.get("/your-data/leave").status_code == 200


def test_someone_not_in_a_couple_has_nothing_to_leave(accounts):
    solo = accounts.person("sol")
    response = solo.client.get("/your-data/leave")
    assert response.status_code == 302 and response.headers["Location"].endswith("/your-data/")
