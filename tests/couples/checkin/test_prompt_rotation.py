"""A couple's check-ins started week after week through the room never show a prompt again within their
last few check-ins (exercises.checkin.FRESH_FOR), for either partner pressing Start."""

from __future__ import annotations

from couples import service
from couples.extensions import db
from couples.log import ExerciseSession
from exercises.checkin import FRESH_FOR
from tests.support.live import start


def test_weeks_of_check_ins_never_repeat_a_prompt_within_the_last_few(app, couple):
    ana, ben = couple
    weeks = []
    for week in range(12):
        starter = (ana, ben)[week % 2]
        session_id = start(starter, "checkin")
        with app.app_context():
            prompts = db.session.get(ExerciseSession, session_id).options["prompts"]
            service.act(session_id, starter.id, "end", {}, f"rotation-end-{week}")  # the week's check-in is over
        weeks.append({step: prompt["id"] for step, prompt in prompts.items()})
    for week, shown in enumerate(weeks):
        for earlier in weeks[max(0, week - FRESH_FOR):week]:
            assert all(shown[step] != earlier[step] for step in shown), week
