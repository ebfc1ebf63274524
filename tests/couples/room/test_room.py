"""The room page: every exercise to start, the way to agreements and scenes, and the couple's history."""

from __future__ import annotations

from exercises import KINDS
from tests.support.live import start


def test_the_room_offers_every_exercise_and_the_way_to_the_rest(couple):
    ana, _ = couple
    html = ana.client.get("/").get_data(as_text=True)
    for kind, module in KINDS.items():
        assert f'data-testid="start-{kind}"' in html and module.TITLE in html
    for path in ("/agreements/", "/scenes/", "/scenes/progress"):
        assert f'href="{path}"' in html
        assert ana.client.get(path).status_code == 200


def test_the_history_lists_the_couples_sessions_for_both(couple, outsider):
    ana, ben = couple
    session_id = start(ana)
    for person in (ana, ben):
        html = person.client.get("/").get_data(as_text=True)
        assert f'href="/sessions/{session_id}"' in html and "in progress" in html
    assert f'href="/sessions/{session_id}"' not in outsider.client.get("/").get_data(as_text=True)


def test_starting_an_unknown_exercise_is_refused_and_changes_nothing(couple):
    ana, _ = couple
    response = ana.post("/sessions", {"kind": "juggling"}, form_path="/")
    assert response.status_code == 400
    assert "That didn't quite work" in response.get_data(as_text=True)
