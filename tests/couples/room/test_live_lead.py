"""The room leads with what is live: "Ana started Conflict scripts: The dishes, again. Join them", on load and
live (a start and an end reach the room's socket, which fetches the lead again), and only the couple hears."""

from __future__ import annotations


from tests.couples.room.reading import by_testid, one
from tests.support.live import act, received, start


def rehearse_dishes(person) -> int:
    response = person.post("/sessions", {"kind": "rehearsal", "scene": "dishes"}, form_path="/")
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def lead_of(person, path: str = "/") -> list:
    html = person.client.get(path).get_data(as_text=True)
    return by_testid(html, "live-lead")


def test_the_partner_who_arrives_later_sees_what_was_started_and_joins_from_the_top(couple):
    ana, ben = couple
    assert lead_of(ben) == []
    session_id = rehearse_dishes(ana)

    html = ben.client.get("/").get_data(as_text=True)
    lead = one(html, "live-lead")
    assert lead.text == "Ana started Conflict scripts: The dishes, again. Join them"
    assert one(html, "live-join").attrs["href"] == f"/sessions/{session_id}"
    assert html.index('data-testid="live-lead"') < html.index('data-testid="presence"')  # the top of the room

    (mine,) = lead_of(ana)
    assert mine.text == "You started Conflict scripts: The dishes, again. Go back to it"
    (fetched,) = lead_of(ben, "/room/live")  # what the room's script shows when told of a start
    assert fetched.text == lead.text


def test_a_listening_topic_joins_the_lead_once_it_is_chosen(couple, partner):
    ana, ben = couple
    session_id = start(ana, "listening")
    assert [lead.text for lead in lead_of(ben)] == ["Ana started Listening turns. Join them"]
    sock = partner(ana)
    assert act(sock, session_id, "choose", topic="Sunday mornings", first_speaker=str(ana.id))["ok"]
    assert [lead.text for lead in lead_of(ben)] == ["Ana started Listening turns: Sunday mornings. Join them"]


def test_a_start_and_an_end_reach_both_rooms_and_no_one_else(couple, outsider, partner):
    ana, ben = couple
    ana_room, ben_room, olga_room = partner(ana, "room"), partner(ben, "room"), partner(outsider, "room")
    session_id = start(ana, "appreciation")
    assert received(ben_room, "session_started") == [{"session_id": session_id, "kind": "appreciation", "by": "Ana"}]

    assert act(ben_room, session_id, "end")["ok"]  # ended from any page of theirs: the room is told
    assert received(ana_room, "session_finished") == [{"session_id": session_id}]
    assert received(ben_room, "session_finished") == [{"session_id": session_id}]
    assert lead_of(ana, "/room/live") == [] and lead_of(ben) == []
    assert received(olga_room, "session_started") == [] and received(olga_room, "session_finished") == []


def test_a_round_finished_to_its_end_lets_the_lead_go_too(couple, partner):
    ana, ben = couple
    ben_room = partner(ben, "room")
    session_id = start(ana, "appreciation")
    ana_sock, ben_sock = partner(ana), partner(ben)
    assert act(ana_sock, session_id, "appreciate", text="You made soup when I was tired.")["ok"]
    assert act(ben_sock, session_id, "acknowledge")["ok"]
    assert act(ben_sock, session_id, "appreciate", text="You listened on Sunday.")["ok"]
    assert received(ben_room, "session_finished") == []  # still live: nothing to let go
    assert act(ana_sock, session_id, "acknowledge")["ok"]
    assert received(ben_room, "session_finished") == [{"session_id": session_id}]
    assert lead_of(ben) == []


def test_the_lead_fragment_is_only_for_a_couple(client, accounts):
    loner = accounts.person("lou")
    assert loner.client.get("/room/live").status_code == 404
    response = client.get("/room/live")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
