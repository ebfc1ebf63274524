"""The trends page: Ana and Ben's weeks, drawn for each of them, and Olga from another couple looking in."""

from __future__ import annotations

import html as html_module
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from couples.agreements import Agreement
from couples.clock import utcnow
from couples.extensions import db
from couples.history.trends import TREND_WEEKS, monday_of, week_label
from couples.log import ExerciseSession, SessionEvent
from tests.support.sessions import acts, agree, start

BLAMING = "You are so selfish."  # the coach offers another way to say this (checked below)
ISSUE = "Friday's change of plans stung."
PARAPHRASE = "What I hear is that the change of plans stung."


def listening_moves(speaker, listener, first_try: bool):
    """One statement reflected: heard at once, or after a "Not quite"."""
    moves = [(speaker, "listen", {"move": "speak", "text": ISSUE}),
             (listener, "listen", {"move": "paraphrase", "text": PARAPHRASE})]
    if not first_try:
        again = "What I hear is it stung, and it was the second time."
        moves += [(speaker, "listen", {"move": "clarify", "text": "It was the second time this month."}),
                  (listener, "listen", {"move": "paraphrase", "text": again})]
    return [*moves, (speaker, "listen", {"move": "confirm"})]


def on_their_own(moves):
    """Nested listening moves as the listening exercise takes them on its own (`speak`, not `listen` + move)."""
    return [(person, fields["move"], {k: v for k, v in fields.items() if k != "move"}) for person, _, fields in moves]


def check_in(app, ana, ben, arriving=((4, 3), (8, 7)), closing=(6, 8), ana_says="I loved our Sunday walk.",
             heard: list[bool] | None = None, weeks_ago: int = 0) -> int:
    """A whole weekly check-in, Ana starting it; `heard` lists Ben's statements in listening turns on his issue
    (True: heard on the first paraphrase). Moved `weeks_ago` weeks into the past. Returns its id."""
    session_id = start(app, ana, "checkin")
    both_ready = [(ana, "ready", {}), (ben, "ready", {})]
    (ana_feeling, ana_connection), (ben_feeling, ben_connection) = arriving
    moves = [(ana, "arrive", {"feeling": ana_feeling, "connection": ana_connection, "mood": "tired"}),
             (ben, "arrive", {"feeling": ben_feeling, "connection": ben_connection, "mood": "hopeful"}), *both_ready,
             (ana, "appreciate", {"text": ana_says}), (ben, "appreciate", {"text": "Thank you for the soup."}),
             (ana, "acknowledge", {}), (ben, "acknowledge", {}), *both_ready,
             (ana, "win", {"text": "Our Sunday walk."}), (ben, "win", {"text": "The shelf is up."}), *both_ready,
             (ben, "name_issue", {"text": ISSUE})]
    if heard is None:
        moves.append((ana, "park", {"issue": str(ben.id)}))
    else:
        moves.append((ana, "open_listening", {"issue": str(ben.id)}))
        for number, first_try in enumerate(heard):
            if number:
                moves.append((ben, "listen", {"move": "speak", "text": f"And one more thing, number {number}."}))
                moves += listening_moves(ben, ana, first_try)[1:]
            else:
                moves += listening_moves(ben, ana, first_try)
        moves.append((ana, "listen", {"move": "finish"}))
    moves += [*both_ready,
              (ana, "request", {"text": "It would help me if we ate together once."}),
              (ben, "request", {"text": "It would help me to have a quiet evening."}),
              (ana, "answer", {"answer": "yes"}), (ben, "answer", {"answer": "yes"}), *both_ready]
    if closing:
        moves += [(ana, "close", {"connection": closing[0]}), (ben, "close", {"connection": closing[1]})]
    else:
        moves.append((ben, "end", {}))
    acts(app, session_id, moves)
    move_back(app, session_id, weeks_ago)
    return session_id


def move_back(app, session_id: int, weeks: int) -> None:
    """Move a session and its events `weeks` weeks into the past, as if it happened then."""
    if not weeks:
        return
    shift = timedelta(weeks=weeks)
    with app.app_context():
        session = db.session.get(ExerciseSession, session_id)
        session.started_at -= shift
        if session.finished_at:
            session.finished_at -= shift
        for row in db.session.scalars(select(SessionEvent).filter_by(session_id=session_id)):
            row.created_at -= shift
        db.session.commit()


def trends_on(person) -> dict:
    """The numbers `person`'s trends page hands its script."""
    response = person.client.get("/trends")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    match = re.search(r'<div id="trends-data" hidden data-trends="([^"]*)">', html)
    assert match, "no trends data in the page"
    return json.loads(html_module.unescape(match.group(1)))


def week(weeks_ago: int) -> dict:
    return week_label(monday_of(utcnow().date() - timedelta(weeks=weeks_ago)))


def test_the_coach_reads_the_blaming_words_as_blaming():
    import nlp

    assert nlp.analyze(BLAMING).blaming
    assert not any(nlp.analyze(text).blaming for text in ("I loved our Sunday walk.", "tired", "Our Sunday walk.",
                                                          "It would help me if we ate together once.", PARAPHRASE))


def test_both_partners_see_the_weeks_ratings_each_from_their_own_side(app, couple, outsider):
    ana, ben = couple
    check_in(app, ana, ben, arriving=((4, 3), (8, 7)), closing=(6, 8), weeks_ago=2)
    check_in(app, ana, ben, arriving=((5, 5), (7, 6)), closing=(7, 7), weeks_ago=1)
    check_in(app, ana, ben, arriving=((6, 6), (9, 8)), closing=(8, 9))

    seen_by_ana = trends_on(ana)
    assert seen_by_ana["partner"] == "Ben"
    ratings = seen_by_ana["trends"]["ratings"]
    assert ratings["weeks"] == [week(2), week(1), week(0)]
    assert ratings["you"] == {"feeling": [4, 5, 6], "arriving": [3, 5, 6], "closing": [6, 7, 8]}
    assert ratings["partner"] == {"feeling": [8, 7, 9], "arriving": [7, 6, 8], "closing": [8, 7, 9]}
    ratings_for_ben = trends_on(ben)["trends"]["ratings"]
    assert ratings_for_ben["you"] == ratings["partner"] and ratings_for_ben["partner"] == ratings["you"]

    page = ana.client.get("/trends").get_data(as_text=True)
    assert 'id="chart-feeling"' in page and "<table>" in page and "See the numbers" in page
    assert f"{week(2)['long']}</th><td>4</td>" in page
    assert "vendor/chart.js/chart.umd.min.js" in page and "js/history/trends.js" in page
    for ranking in ("better than", "worse than", "winner", "ahead of", "ranking", "did better"):
        assert ranking not in page.lower()

    olga = trends_on(outsider)  # another couple's page holds nothing of Ana and Ben's
    assert all(not series["weeks"] for series in olga["trends"].values())
    assert "Ana" not in outsider.client.get("/trends").get_data(as_text=True)


def test_two_check_ins_in_one_week_are_averaged(app, couple):
    ana, ben = couple
    check_in(app, ana, ben, arriving=((4, 3), (8, 7)), closing=(6, 8))
    check_in(app, ana, ben, arriving=((5, 4), (8, 8)), closing=(7, 8))
    ratings = trends_on(ana)["trends"]["ratings"]
    assert ratings["weeks"] == [week(0)]
    assert ratings["you"] == {"feeling": [4.5], "arriving": [3.5], "closing": [6.5]}
    assert ratings["partner"] == {"feeling": [8], "arriving": [7.5], "closing": [8]}


def test_a_rating_never_revealed_stays_off_both_pages(app, couple):
    ana, ben = couple
    session_id = start(app, ana, "checkin")
    acts(app, session_id, [(ana, "arrive", {"feeling": 2, "connection": 2, "mood": "low"}), (ben, "end", {})])
    for person in couple:
        assert trends_on(person)["trends"]["ratings"]["weeks"] == []
    assert 'data-testid="trends-empty"' in ben.client.get("/trends").get_data(as_text=True)

    check_in(app, ana, ben, arriving=((4, 3), (8, 7)), closing=None)  # arrived together, Ben ended before closing
    session_id = start(app, ana, "checkin")
    acts(app, session_id, [(ana, "arrive", {"feeling": 9, "connection": 9, "mood": "bright"}),
                           (ben, "arrive", {"feeling": 3, "connection": 3, "mood": "low"}),
                           (ana, "ready", {}), (ben, "ready", {}), (ana, "end", {})])
    ratings = trends_on(ben)["trends"]["ratings"]
    assert ratings["partner"] == {"feeling": [6.5], "arriving": [6], "closing": [None]}  # Ana's 4 and 9, her 3 and 9
    assert ratings["you"] == {"feeling": [5.5], "arriving": [5], "closing": [None]}
    assert 2 not in ratings["partner"]["feeling"] and 2 not in ratings["you"]["feeling"]


def test_each_partner_sees_only_their_own_coaching(app, couple):
    ana, ben = couple
    check_in(app, ana, ben, ana_says=BLAMING, weeks_ago=1)
    check_in(app, ana, ben)

    anas = trends_on(ana)["trends"]["coaching"]
    # Ana's mood, appreciation, win and request were read each week; last week's appreciation was coached.
    assert anas == {"weeks": [week(1), week(0)], "read": [4, 4], "coached": [1, 0], "percent": [25, 0]}
    bens = trends_on(ben)["trends"]["coaching"]
    assert bens == {"weeks": [week(1), week(0)], "read": [5, 5], "coached": [0, 0], "percent": [0, 0]}

    bens_page = ben.client.get("/trends").get_data(as_text=True)
    assert "1 of 4" not in bens_page and "25%" not in bens_page  # nothing of Ana's coaching, nor a combined figure
    assert "Only you see this" in bens_page
    assert "1 of 4" in ana.client.get("/trends").get_data(as_text=True)


def test_paraphrases_heard_on_the_first_try_week_by_week(app, couple, partner):
    ana, ben = couple
    check_in(app, ana, ben, heard=[True, False], weeks_ago=1)  # one at once, one after a "Not quite"
    check_in(app, ana, ben, heard=[True])
    listening_id = start(app, ben, "listening")  # listening turns on their own, this week too
    acts(app, listening_id, [(ben, "choose", {"topic": "Weekends", "first_speaker": str(ben.id)}),
                             *on_their_own(listening_moves(ben, ana, first_try=False)), (ben, "finish", {})])

    for person in couple:
        heard = trends_on(person)["trends"]["paraphrases"]
        assert heard == {"weeks": [week(1), week(0)], "answered": [2, 2], "first_try": [1, 1], "percent": [50, 50]}


def test_agreement_reviews_on_time_and_later(app, couple):
    ana, ben = couple
    _talk, agreement_id = agree(app, ana, ben)
    review_id = start(app, ben, "review", agreement_id=str(agreement_id))  # long before it's due: on time
    acts(app, review_id, [(ben, "suggest", {"choice": "keep"}), (ana, "confirm", {"choice": "keep"})])
    with app.app_context():
        db.session.get(Agreement, agreement_id).next_review = utcnow().date() - timedelta(days=3)
        db.session.commit()
    review_id = start(app, ana, "review", agreement_id=str(agreement_id))  # three days after it was due
    acts(app, review_id, [(ana, "suggest", {"choice": "keep"}), (ben, "confirm", {"choice": "keep"})])
    ended_id = start(app, ana, "review", agreement_id=str(agreement_id))  # ended without a decision: not counted
    acts(app, ended_id, [(ana, "end", {})])

    for person in couple:
        assert trends_on(person)["trends"]["reviews"] == {"weeks": [week(0)], "on_time": [1], "late": [1]}


def test_nothing_yet_invites_the_first_check_in(couple):
    ana, _ben = couple
    page = ana.client.get("/trends").get_data(as_text=True)
    assert 'data-testid="trends-empty"' in page and "first weekly check-in" in page
    assert 'href="/"' in page and "chart.umd.min.js" not in page and "<canvas" not in page
    assert 'data-testid="quick-exit"' in page  # base.html's quick exit is on this page too


def test_strangers_and_people_not_yet_paired_are_sent_on(client, accounts):
    response = client.get("/trends")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    waiting = accounts.person("wren")
    response = waiting.client.get("/trends")
    assert response.status_code == 302 and response.headers["Location"].endswith("/pair/")
    assert waiting.client.get("/trends/someone-elses").status_code == 404


def test_only_the_last_year_is_read(app, couple):
    ana, ben = couple
    check_in(app, ana, ben, weeks_ago=TREND_WEEKS)  # just outside the window
    check_in(app, ana, ben, weeks_ago=TREND_WEEKS - 1)  # the window's first week
    weeks = trends_on(ana)["trends"]["ratings"]["weeks"]
    assert weeks == [week(TREND_WEEKS - 1)]


def test_a_session_whose_log_no_longer_replays_is_left_out_not_the_page(app, couple):
    ana, ben = couple
    broken = check_in(app, ana, ben, arriving=((1, 1), (1, 1)), weeks_ago=1)
    check_in(app, ana, ben, arriving=((4, 3), (8, 7)))
    with app.app_context():  # e.g. words emptied from a log by hand: its arrival can't be replayed
        arrival = db.session.scalar(select(SessionEvent).filter_by(session_id=broken, action="arrive"))
        arrival.fields = {**arrival.fields, "feeling": 0}
        db.session.commit()
    ratings = trends_on(ana)["trends"]["ratings"]
    assert ratings["weeks"] == [week(0)] and ratings["you"]["feeling"] == [4]


@pytest.fixture
def statements(app):
    """Counts the SQL statements sent while the block runs: `with statements() as count: ...; count[0]`."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        count = [0]

        def seen(*_args):
            count[0] += 1

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", seen)
        try:
            yield count
        finally:
            event.remove(engine, "before_cursor_execute", seen)

    return counting


def test_the_page_reads_the_same_few_times_however_many_weeks(app, couple, statements):
    ana, ben = couple
    check_in(app, ana, ben, heard=[True], weeks_ago=3)
    with statements() as few:
        trends_on(ana)
    for weeks_ago in (2, 1, 0):
        check_in(app, ana, ben, heard=[False], weeks_ago=weeks_ago)
    with statements() as more:
        trends_on(ana)
    assert more[0] == few[0] <= 8, (few, more)


def test_week_labels_name_the_monday():
    assert monday_of(date(2026, 1, 11)) == date(2026, 1, 5)  # a Sunday belongs to the week begun on Monday
    assert week_label(date(2026, 1, 5)) == {"monday": "2026-01-05", "short": "5 Jan", "long": "Week of 5 Jan 2026"}
