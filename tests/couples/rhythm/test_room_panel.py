"""The room's "Your week": the next check-in in its own time zone, a suggestion waiting, what is due by then,
and the weeks kept, counted kindly. Ana and Ben in their room; Olga, from another couple, sees none of it."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest

from couples.agreements import Agreement, AgreementVersion
from couples.extensions import db
from tests.couples.rhythm.helpers import agree, couple_of, finished_checkin, set_clock, suggest

FRIDAY = datetime(2027, 1, 8, 10, 0)  # 11:00 in Berlin; the Sunday after is 10 January


def panel(person) -> str:
    html = person.client.get("/").get_data(as_text=True)
    match = re.search(r'<section class="card rhythm-panel".*?</section>', html, re.S)
    assert match, "no rhythm panel in the room"
    return match.group(0)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.mark.parametrize("now, soon", [
    (datetime(2027, 1, 8, 10, 0), "in 2 days"),
    (datetime(2027, 1, 9, 22, 0), "tomorrow"),  # 23:00 on Saturday in Berlin
    (datetime(2027, 1, 9, 23, 30), "tonight"),  # already Sunday in Berlin (00:30), though Saturday in UTC
    (datetime(2027, 1, 10, 18, 59), "tonight"),
    (datetime(2027, 1, 10, 19, 30), "happening now"),  # half an hour in
    (datetime(2027, 1, 10, 19, 45), "in a week"),  # its 45 minutes are over
])
def test_the_room_says_when_the_check_in_is_in_its_own_time_zone(app, couple, monkeypatch, now, soon):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2027, 1, 1, 9, 0))
    agree(app, ana, ben, weekday=6, local_time="20:00", timezone="Europe/Berlin")
    set_clock(monkeypatch, now)
    for person in (ana, ben):
        shown = text(panel(person))
        assert f"Your check-in: Sunday 8 pm, {soon}" in shown
        assert "Europe/Berlin" in shown


def test_a_suggestion_shows_accept_to_the_partner_and_waiting_to_the_one_who_made_it(app, couple, outsider,
                                                                                     monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, FRIDAY)
    assert "Choose your check-in evening" in text(panel(ana))
    suggest(ana, weekday=2, local_time="19:30", timezone="America/New_York")
    mine, theirs = panel(ana), panel(ben)
    assert "You suggested Wednesdays at 7:30 pm" in text(mine) and "Waiting for Ben" in text(mine)
    assert 'data-testid="rhythm-accept"' not in mine and 'data-testid="rhythm-withdraw"' in mine
    assert "Ana suggested Wednesdays at 7:30 pm" in text(theirs) and "America/New_York" in text(theirs)
    assert 'data-testid="rhythm-accept"' in theirs and 'data-testid="rhythm-decline"' in theirs
    assert "Wednesdays" not in panel(outsider)

    accept = re.search(r'action="(/rhythm/proposals/\d+/accept)"', theirs).group(1)
    assert ben.post(accept, {}, form_path="/").status_code == 302
    assert "Your check-in: Wednesday 7:30 pm, in 5 days" in text(panel(ana))
    assert 'data-testid="rhythm-proposal"' not in panel(ben)


def test_agreements_due_by_the_next_check_in_are_listed(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, FRIDAY)
    agree(app, ana, ben)
    couple_id = couple_of(app, ana)
    with app.app_context():
        for need, review in (("Phones away at dinner", date(2027, 1, 10)), ("Sunday mornings slow", date(2027, 1, 11))):
            agreement = Agreement(couple_id=couple_id, proposed_by_id=ana.id, next_review=review)
            agreement.versions.append(AgreementVersion(number=1, need=need, why="It matters to us.", author_id=ana.id,
                                                       accepted_by_ids=f"{ana.id},{ben.id}"))
            db.session.add(agreement)
        db.session.commit()
    shown = panel(ben)
    assert "Phones away at dinner" in shown  # due on Sunday, the check-in's day
    assert "Sunday mornings slow" not in shown  # due the day after: next week's


def test_the_requests_of_the_last_check_in_are_shown_with_their_answers_and_nothing_private(app, couple, outsider,
                                                                                            monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, FRIDAY)
    agree(app, ana, ben)
    finished_checkin(app, ana, ben, datetime(2027, 1, 3, 19, 0), with_requests=True)
    for person in (ana, ben):
        shown = text(panel(person))
        assert "Ana: “This week it would help me if we ate together once.” · Ben said yes" in shown
        assert ("Ben: “This week it would help me if you texted when late.” · Ana said yes, with a change: "
                "“Most days; Thursday is hard.”") in shown
        for private in ("frazzled", "hopeful", "soup", "stung"):  # moods, appreciations, the hard step stay there
            assert private not in shown
    assert "ate together" not in panel(outsider)

    set_clock(monkeypatch, datetime(2027, 1, 20, 10, 0))  # two weeks on, those requests are last season's
    assert "ate together" not in panel(ana)


def test_weeks_kept_are_counted_kindly_and_a_quiet_week_gets_a_gentle_note(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2026, 11, 13, 9, 0))
    agree(app, ana, ben)  # Sundays at 8 pm in Berlin, from mid-November
    for day in (date(2026, 11, 29), date(2026, 12, 6), date(2026, 12, 13), date(2026, 12, 27)):
        finished_checkin(app, ana, ben, datetime(day.year, day.month, day.day, 19, 0))
    set_clock(monkeypatch, FRIDAY)  # 20 December and 3 January went by quietly
    shown = text(panel(ana))
    assert "You've checked in 4 of the last 6 weeks." in shown
    assert "Last week went by without a check-in, and that's all right. Sunday is a fresh start." in shown
    for harsh in ("missed", "failed", "broken", "streak", "0 of"):
        assert harsh not in shown.lower()


def test_a_week_held_a_day_late_still_counts_and_every_week_kept_is_said_so(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, datetime(2026, 12, 4, 9, 0))
    agree(app, ana, ben)
    for day in (date(2026, 12, 6), date(2026, 12, 14), date(2026, 12, 20), date(2026, 12, 27), date(2027, 1, 3)):
        finished_checkin(app, ana, ben, datetime(day.year, day.month, day.day, 19, 0))  # 14 December: a Monday
    set_clock(monkeypatch, FRIDAY)
    shown = text(panel(ben))
    assert "You've checked in each of the last 5 weeks." in shown
    assert "without a check-in" not in shown


def test_a_new_rhythm_shows_no_count_and_no_note(app, couple, monkeypatch):
    ana, ben = couple
    set_clock(monkeypatch, FRIDAY)
    agree(app, ana, ben)
    shown = panel(ana)
    assert 'data-testid="rhythm-kept"' not in shown and 'data-testid="rhythm-quiet"' not in shown
    finished_checkin(app, ana, ben, datetime(2027, 1, 7, 19, 0))  # a check-in this week, ahead of Sunday
    assert "A week with a check-in together: a lovely start." in text(panel(ana))
