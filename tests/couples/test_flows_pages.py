"""What the exercise pages say, as served: one question asked one way, a way back to the room from every
finished screen, and progress in words rather than a score (Ana and Ben, paired; Flask's client)."""

from __future__ import annotations

import re

import pytest

from exercises.checkin.prompts import POOLS, QUESTIONS
from tests.support.live import start


def page_of(person, session_id: int) -> str:
    response = person.client.get(f"/sessions/{session_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def rehearsal(person) -> int:
    response = person.post("/sessions", {"kind": "rehearsal", "scene": "dishes", "role": "robin"},
                           form_path="/scenes/dishes")
    assert response.status_code == 302, response.status_code
    return int(re.search(r"/sessions/(\d+)$", response.headers["Location"]).group(1))


def test_the_check_in_asks_each_question_with_the_same_words_as_its_slider(couple):
    ana, _ = couple
    html = page_of(ana, start(ana, "checkin"))
    labels = re.findall(r'<label for="(?:feeling|arrive-connection|close-connection)">([^<]+)<output', html)
    assert [label.strip() for label in labels] == [*QUESTIONS["arrive"], *QUESTIONS["close"]]
    for prompt in POOLS["close"]:
        assert QUESTIONS["close"][0].lower() in prompt["text"].lower()
    # The button says when the answers show: once both have answered (not "when we're both here").
    assert "Share when we've both answered" in html and "both here" not in html


@pytest.mark.parametrize("kind", ["checkin", "listening", "appreciation", "rehearsal"])
def test_every_finished_screen_has_a_way_back_to_the_room(couple, kind):
    ana, _ = couple
    session_id = rehearsal(ana) if kind == "rehearsal" else start(ana, kind)
    html = page_of(ana, session_id)
    link = re.search(r'<a href="([^"]+)" data-testid="back-to-room">([^<]+)</a>', html)
    assert link and link.groups() == ("/", "Back to your room")
    assert 'id="kept"' in html  # where words a partner's move took away are offered back


def test_progress_together_is_told_in_words_not_first_tries(couple):
    ana, ben = couple
    rehearsal(ana)
    html = ben.client.get("/scenes/progress").get_data(as_text=True)
    assert "You've made a start together" in html
    assert "first try" not in html.lower() and 'data-testid="first-try"' not in html
