"""Being in the same room, over the socket: a pause ends with its session, a competing topic and a step back
are told to the other partner. Ana and Ben are on the session's page; Olga, from another couple, learns nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.live import act, joined, received, start


@pytest.fixture
def opened(couple, outsider, partner):
    """`opened(kind)`: a session of `kind` Ana started, both partners on its page, Olga connected elsewhere.
    Returns (session id, ana socket, ben socket, olga socket)."""
    ana, ben = couple

    def open_session(kind):
        ana_sock, ben_sock, olga_sock = partner(ana), partner(ben), partner(outsider)
        session_id = start(ana, kind)
        joined(ana_sock, session_id), joined(ben_sock, session_id)
        for sock in (ana_sock, ben_sock, olga_sock):
            sock.get_received()
        return session_id, ana_sock, ben_sock, olga_sock

    return open_session


@pytest.mark.parametrize("kind", ["appreciation", "listening", "checkin"])
def test_a_pause_ends_with_its_session_on_both_screens_and_after_a_reload(couple, partner, opened, kind):
    session_id, ana_sock, ben_sock, olga_sock = opened(kind)
    tomorrow_evening = (datetime.now(UTC) + timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert act(ana_sock, session_id, "pause", until=tomorrow_evening)["ok"]
    to_ben = received(ben_sock, "session_event")[-1]["view"]
    assert to_ben["pause"]["back_at"] == tomorrow_evening.replace(".000", "")
    assert act(ben_sock, session_id, "end")["ok"]  # from the pause screen: "End for today"
    for sock in (ana_sock, ben_sock):
        view = received(sock, "session_event")[-1]["view"]
        assert view["finished"] and view["pause"] is None and view["allowed"] == []
    assert olga_sock.get_received() == []
    for person in couple:  # a reload folds the log again: still no pause
        again = partner(person)
        assert joined(again, session_id)["view"]["pause"] is None


def test_both_partners_send_a_topic_and_the_second_is_told_who_chose_first(couple, opened):
    ana, ben = couple
    session_id, ana_sock, ben_sock, olga_sock = opened("listening")
    assert act(ben_sock, session_id, "choose", topic="Our Sunday mornings", first_speaker=str(ben.id))["ok"]
    refused = act(ana_sock, session_id, "choose", topic="Money, gently", first_speaker=str(ana.id))
    assert refused["ok"] is False and refused["error"]["code"] == "chosen_first"
    assert refused["error"]["message"].startswith("Your partner chose the topic a moment before you.")
    to_ana = received(ana_sock, "session_event")[-1]["view"]
    assert (to_ana["topic"], to_ana["topic_by"]) == ("Our Sunday mornings", str(ben.id))  # her page keeps her words
    assert "Money" not in str(ben_sock.get_received())
    assert joined(ana_sock, session_id)["last_seq"] == 1  # Ben's choice alone: the refused one left no trace
    assert olga_sock.get_received() == []


def test_a_step_back_in_the_check_in_reaches_the_other_with_where_to(couple, opened):
    ana, ben = couple
    session_id, ana_sock, ben_sock, olga_sock = opened("checkin")
    assert act(ana_sock, session_id, "arrive", feeling=4, connection=3, mood="frazzled")["ok"]
    assert act(ben_sock, session_id, "arrive", feeling=8, connection=7, mood="hopeful")["ok"]
    assert act(ana_sock, session_id, "ready")["ok"] and act(ben_sock, session_id, "ready")["ok"]
    ana_sock.get_received()
    assert act(ben_sock, session_id, "back")["ok"]
    (to_ana,) = received(ana_sock, "session_event")
    assert [(e["name"], e["data"]) for e in to_ana["event"]["events"]] == [
        ("went_back", {"from": "appreciations", "to": "arrive"}), ("step_changed", {"step": "arrive"})]
    assert to_ana["view"]["went_back"] == {"by": str(ben.id), "to": "arrive", "title": "Arrive"}
    assert joined(ana_sock, session_id)["view"]["went_back"]["by"] == str(ben.id)  # after a reload too
    assert olga_sock.get_received() == []
