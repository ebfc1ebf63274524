"""Where the partner is, for every page: each socket says at connect which page it is on (the room, or one of
the couple's sessions), and `presence` tells both partners who is online and on which pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from couples.clock import utcnow
from couples.extensions import db, socketio
from couples.live import sweep_presence
from couples.live.models import ServerProcess
from couples.live.whereabouts import SocketPage
from tests.support.live import received, start


def pages_heard(sock) -> dict:
    return received(sock, "presence")[-1]["pages"]


def test_each_partner_hears_on_which_page_the_other_is(couple, outsider, partner):
    ana, ben = couple
    session_id = start(ana, "appreciation")
    here = f"session:{session_id}"
    ana_page = partner(ana, here)
    alone = {"online": [str(ana.id)], "pages": {str(ana.id): [here]}}
    assert received(ana_page, "presence")[-1] == alone

    ben_room = partner(ben, "room")
    both = {str(ana.id): [here], str(ben.id): ["room"]}
    assert pages_heard(ana_page) == both and pages_heard(ben_room) == both

    ben_page = partner(ben, here)  # Ben joins from his room: two pages of his, for a moment
    assert pages_heard(ana_page)[str(ben.id)] == ["room", here]
    ben_room.disconnect()
    assert pages_heard(ana_page) == {str(ana.id): [here], str(ben.id): [here]}
    ben_page.disconnect()
    assert received(ana_page, "presence")[-1] == alone

    olga = partner(outsider, "room")
    assert received(ana_page, "presence") == []  # another couple's arrival is not told to this one
    assert received(olga, "presence")[-1]["pages"] == {str(outsider.id): ["room"]}


@pytest.mark.parametrize("page", [None, "kitchen", "session:abc", "session:0", "session:99999999999999", "room "])
def test_a_page_that_says_nothing_we_know_is_online_but_nowhere_in_particular(couple, partner, page):
    ana, ben = couple
    ana_room = partner(ana, "room")
    partner(ben, page)
    assert pages_heard(ana_room) == {str(ana.id): ["room"], str(ben.id): []}


@pytest.mark.parametrize("page", [12, {"session": 1}, None])
def test_a_page_whose_auth_is_not_its_shape_is_refused_and_the_partner_hears_nothing(couple, partner, page):
    """`auth` is read by its schema (payloads.Connect; tests/couples/live/test_connect_auth.py): a page that isn't
    text (here `null` is sent, not left out) refuses the socket, and Ana hears no arrival."""
    ana, ben = couple
    ana_room = partner(ana, "room")
    ana_room.get_received()
    ben_page = socketio.test_client(ana_room.app, flask_test_client=ben.client, auth={"page": page})
    assert not ben_page.is_connected()
    assert received(ana_room, "presence") == []


def test_a_page_naming_another_couples_session_is_kept_as_saying_nothing(couple, outsider, partner):
    ana, _ = couple
    theirs = start(outsider, "appreciation")
    olga_page = partner(outsider, f"session:{theirs}")
    partner(ana, f"session:{theirs}")  # Ana can't place herself in Olga's session, nor learn it exists
    ana_room = partner(ana, "room")
    assert pages_heard(ana_room)[str(ana.id)] == ["room"]
    assert received(olga_page, "presence")[-1]["pages"] == {str(outsider.id): [f"session:{theirs}"]}


def test_a_page_gone_takes_its_place_with_it_and_a_sweep_forgets_a_dead_process(app, couple, partner):
    ana, ben = couple
    partner(ana, "room")
    partner(ben, "room").disconnect()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SocketPage)) == 1  # Ana's page alone
        # This process stops beating (as one that died would): its sockets, and their pages, are swept away.
        db.session.execute(update(ServerProcess).values(seen_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
        assert sweep_presence() == 1
        assert db.session.scalar(select(func.count()).select_from(SocketPage)) == 0
