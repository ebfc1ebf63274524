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


def test_a_reflection_shared_with_one_partner_does_not_follow_its_author_to_the_next(accounts, couple):
    """Found by a newcomer: after leaving and pairing again, the new partner saw the old share."""
    from tests.couples.personal.test_pages import take
    ana, ben = couple
    reflection_id = take(ana)
    assert ana.post(f"/me/reflection/{reflection_id}/share", {"choice": "share"},
                    form_path=f"/me/reflection/{reflection_id}").status_code == 302
    assert 'data-testid="partner-reflection"' in page(ben.client.get("/"))
    assert ana.post("/your-data/leave", {"password": PASSWORD}).status_code == 302
    carl = accounts.person("carl")
    accounts.join(carl, accounts.invite(ana))
    assert 'data-testid="partner-reflection"' not in page(carl.client.get("/"))


def test_a_second_tap_on_leave_is_calm(couple, monkeypatch):
    """Found by a newcomer: a double tap on "Yes, leave" showed the error page though leaving worked."""
    from sqlalchemy.exc import IntegrityError

    from couples.ownership import pages as ownership_pages
    ana, ben = couple
    real = ownership_pages.leave

    def raced(*args, **kwargs):  # the other tap ended the couple a moment before this one wrote
        real(*args, **kwargs)
        raise IntegrityError("INSERT INTO past_memberships", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(ownership_pages, "leave", raced)
    response = ana.post("/your-data/leave", {"password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/pair/")
    monkeypatch.setattr(ownership_pages, "leave", real)
    again = ana.post("/your-data/leave", {"password": PASSWORD}, form_path="/your-data/")
    assert again.status_code == 302 and again.headers["Location"].endswith("/pair/")
    assert "Your shared room has closed." in page(ana.client.get("/pair/"))
