"""The private safety check before conflict tools, read as Ana and Ben: Ben answers privately, Ana sees
only the neutral "not now" anyone might choose. Olga, from another couple, learns nothing either."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from couples.extensions import db
from couples.safety import SafetyCheck, readiness, screening
from tests.couples.checkin.test_checkin_socket import joined, walk
from tests.support.live import act, start

CONCERN = {"afraid": "sometimes"}


def every(answer: str) -> dict[str, str]:
    return {q.id: answer for q in screening.QUESTIONS}


# The reading of answers: HITS's published cutoff, and any "any time" item that isn't "never".

def test_never_to_everything_is_no_concern():
    assert screening.read(every("never")) == screening.Reading(concern=False, hits_total=4)


@pytest.mark.parametrize(("answers", "concern", "total"), [
    ({"insult": "sometimes", "scream": "sometimes"}, False, 8),  # couples argue: below the cutoff
    ({"insult": "fairly_often", "scream": "sometimes"}, False, 9),
    ({"insult": "fairly_often", "scream": "often"}, True, 11),  # above Sherin et al.'s 10
    ({"hurt": "rarely"}, True, 5),  # once is enough: as HARK counts any yes
    ({"threaten": "rarely"}, True, 5),
    ({"forced_sex": "rarely"}, True, 4),
    ({"afraid": "rarely"}, True, 4),
    ({"hold_back_no": "rarely"}, True, 4),
    ({"afraid": "rather_not_say"}, True, 4),  # "I'd rather not say" is never read as "never"
    ({"insult": "rather_not_say"}, False, 6),  # 3 + 1 + 1 + 1 = 6
])
def test_what_answers_mean(answers, concern, total):
    assert screening.read({**every("never"), **answers}) == screening.Reading(concern=concern, hits_total=total)


def test_a_missing_answer_is_named():
    with pytest.raises(ValueError, match="afraid"):
        screening.read({k: v for k, v in every("never").items() if k != "afraid"})
    with pytest.raises(ValueError, match="hurt"):
        screening.read({**every("never"), "hurt": "sometimes-ish"})


# The check in the app.

def at_the_hard_step(ana, ben, partner):
    """Ana starts a check-in, both open it, and they walk to its hard step: (session id, her socket, his)."""
    ana_sock, ben_sock = partner(ana), partner(ben)
    session_id = start(ana, "checkin")
    joined(ana_sock, session_id), joined(ben_sock, session_id)
    walk(session_id, ana_sock, ben_sock, ben.id, until="hard")
    return session_id, ana_sock, ben_sock


@pytest.fixture
def fresh_couple(accounts):
    """Ana and Ben, paired, neither having taken the check."""
    return accounts.couple("ana", "ben", checked=False)


def test_the_first_conflict_tool_asks_the_check_first_and_then_opens(fresh_couple, accounts):
    ana, _ben = fresh_couple
    response = ana.post("/sessions", {"kind": "listening"}, form_path="/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/safety/check?next=")
    page = ana.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your partner never sees these questions" in page and "rather not say" in page
    assert 'value="/?ready=listening"' in page  # afterwards: back in the room, listening turns ready
    after = ana.post("/safety/check", {**every("never"), "next": "/?ready=listening"}, form_path="/safety/check")
    assert after.headers["Location"] == "/?ready=listening"
    room = ana.client.get(after.headers["Location"]).get_data(as_text=True)
    assert "Hard conversations are open" in room
    assert re.search(r'data-testid="start-listening"\s+autofocus', room)
    assert start(ana, "listening") > 0


def test_an_unanswered_question_is_asked_again_kindly_and_nothing_is_kept(fresh_couple, app):
    ana, _ben = fresh_couple
    data = {**every("never")}
    del data["afraid"]
    page = ana.post("/safety/check", data).get_data(as_text=True)
    assert page.count('role="alert"') == 1 and "Please choose an answer" in page  # only the one left out
    assert page.count("checked") == len(screening.QUESTIONS) - 1  # the answers given are still chosen
    with app.app_context():
        assert db.session.query(SafetyCheck).count() == 0


def test_the_check_never_sends_anyone_off_site(fresh_couple, accounts):
    ana, _ben = fresh_couple
    data = {**every("never"), "next": "//evil.example/"}
    assert ana.post("/safety/check", data, form_path="/safety/check").headers["Location"] == "/"


def test_every_conflict_tool_and_its_pages_are_gated(fresh_couple, accounts):
    ana, ben = fresh_couple
    for kind in ("listening", "boundary", "rehearsal"):
        response = ana.post("/sessions", {"kind": kind, "scene": "dishes"}, form_path="/")
        assert response.headers["Location"].startswith("/safety/check"), kind
    accounts.safety_check(ana)
    session_id = start(ana, "listening")
    response = ben.client.get(f"/sessions/{session_id}")  # Ben follows her in: his own check first
    assert response.status_code == 302
    assert response.headers["Location"] == f"/safety/check?next=/sessions/{session_id}"
    assert ana.client.get(f"/sessions/{session_id}").status_code == 200


def test_a_socket_join_to_a_conflict_tool_is_gated_too(fresh_couple, accounts, partner):
    ana, ben = fresh_couple
    accounts.safety_check(ana)
    session_id = start(ana, "listening")
    reply = partner(ben).emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "safety_check"
    assert "short private check" in reply["error"]["message"]


def test_a_concern_closes_conflict_tools_with_help_and_go_on_opens_them(fresh_couple, accounts):
    ana, ben = fresh_couple
    response = accounts.safety_check(ben, **CONCERN)
    assert response.headers["Location"].startswith("/safety/hard-conversations")
    page = ben.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for answering" in page and "emergency number" in page and "crisis line" in page
    assert "domestic-abuse helpline" in page and "the same words anyone sees" in page
    assert ben.post("/sessions", {"kind": "listening"}, form_path="/").headers["Location"].startswith(
        "/safety/hard-conversations")
    ben.post("/safety/hard-conversations", {"choice": "go_on", "next": "/"})
    assert start(ben, "listening") > 0


def test_the_partner_of_a_closed_person_sees_only_not_now(fresh_couple, accounts):
    ana, ben = fresh_couple
    accounts.safety_check(ana)
    accounts.safety_check(ben, **CONCERN)
    response = ana.post("/sessions", {"kind": "boundary"}, form_path="/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Ben has set hard conversations aside for now." in page
    assert "safety" not in page.split("<main")[1].split("</main>")[0].replace("/safety/hard-conversations", "")


def test_a_check_in_started_while_one_is_set_aside_has_no_hard_step(fresh_couple, accounts, partner):
    ana, ben = fresh_couple
    accounts.safety_check(ana)
    accounts.safety_check(ben, **CONCERN)
    session_id = start(ana, "checkin")
    for person in (ana, ben):
        steps = [s["id"] for s in joined(partner(person), session_id)["view"]["steps"]]
        assert "hard" not in steps and steps[2:4] == ["wins", "requests"]


def test_the_hard_step_of_a_check_in_asks_the_check_first(fresh_couple, accounts, partner, app):
    ana, ben = fresh_couple
    accounts.safety_check(ana)  # Ben hasn't taken it: the check-in still has its hard step
    session_id, ana_sock, ben_sock = at_the_hard_step(ana, ben, partner)
    reply = act(ben_sock, session_id, "name_issue", text="Friday stung.")
    assert reply["ok"] is False and reply["error"]["code"] == "safety_check"
    assert act(ana_sock, session_id, "name_issue", text="The dishes pile up.")["ok"]
    accounts.safety_check(ben)
    assert act(ben_sock, session_id, "name_issue", text="Friday stung.")["ok"]


def test_not_now_is_anyones_choice_and_looks_the_same_to_the_partner(couple):
    ana, ben = couple
    ben.post("/safety/hard-conversations", {"choice": "not_now"})
    assert "set aside for you" in ben.client.get("/").get_data(as_text=True)
    page = ana.post("/sessions", {"kind": "listening"}, form_path="/", follow_redirects=True).get_data(as_text=True)
    assert "Ben has set hard conversations aside for now." in page
    ben.post("/safety/hard-conversations", {"choice": "open"})
    assert start(ana, "listening") > 0


def test_the_check_is_asked_again_after_a_few_months(couple, app):
    ana, _ben = couple
    with app.app_context():
        assert readiness.readiness_of(ana.id) is readiness.Readiness.OPEN
        check = readiness.latest_check(ana.id)
        check.taken_at -= timedelta(days=app.config["HEARTH_SAFETY_CHECK_DAYS"] + 1)
        db.session.commit()
        assert readiness.readiness_of(ana.id) is readiness.Readiness.NEEDS_CHECK
    assert ana.post("/sessions", {"kind": "listening"}, form_path="/").headers["Location"].startswith("/safety/check")


def test_a_person_can_delete_their_answers(couple, app):
    ana, _ben = couple
    page = ana.client.get("/safety/hard-conversations").get_data(as_text=True)
    assert "Delete my answers" in page
    ana.post("/safety/hard-conversations", {"choice": "forget"})
    with app.app_context():
        assert db.session.query(SafetyCheck).filter_by(user_id=ana.id).count() == 0
        assert readiness.readiness_of(ana.id) is readiness.Readiness.NEEDS_CHECK


def test_a_deployment_names_its_own_help_lines(fresh_couple, accounts, app):
    app.config["HEARTH_HELP_LINES"] = [{"name": "Riverside Helpline", "contact": "0800 000 000",
                                        "about": "free, any time"}]
    _ana, ben = fresh_couple
    accounts.safety_check(ben, hurt="rarely")
    page = ben.client.get("/safety/hard-conversations").get_data(as_text=True)
    assert "Riverside Helpline" in page and "0800 000 000" in page and "emergency number" in page


def test_an_unknown_choice_changes_nothing(couple, app):
    _ana, ben = couple
    response = ben.post("/safety/hard-conversations", {"choice": "tell_partner"})
    assert response.status_code == 200
    with app.app_context():
        assert readiness.readiness_of(ben.id) is readiness.Readiness.OPEN


def test_the_pages_need_a_sign_in(client):
    for path in ("/safety/check", "/safety/hard-conversations"):
        assert client.get(path).status_code == 302


def test_setting_hard_conversations_aside_mid_check_in_closes_the_hard_step_for_that_person(couple, partner):
    ana, ben = couple
    session_id, ana_sock, ben_sock = at_the_hard_step(ana, ben, partner)  # both open: this week has its hard step
    ben.post("/safety/hard-conversations", {"choice": "not_now"})
    reply = act(ben_sock, session_id, "name_issue", text="Friday stung.")
    assert reply["error"]["code"] == "set_aside" and "your own page" in reply["error"]["message"]
    assert act(ana_sock, session_id, "ready")["ok"] and act(ben_sock, session_id, "ready")["ok"]  # the week goes on


def test_a_partner_waiting_in_a_tool_started_before_learns_only_not_now(fresh_couple, accounts):
    ana, ben = fresh_couple
    accounts.safety_check(ana)
    session_id = start(ana, "boundary")
    accounts.safety_check(ben, **CONCERN)
    page = ana.client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert "<bdi>Ben</bdi> has set hard conversations aside" in page and "nothing said is lost" in page


def test_deleting_answers_after_a_concern_keeps_hard_conversations_set_aside(fresh_couple, accounts, app):
    ana, ben = fresh_couple
    accounts.safety_check(ben, **CONCERN)
    ben.post("/safety/hard-conversations", {"choice": "forget"})
    with app.app_context():
        assert db.session.query(SafetyCheck).filter_by(user_id=ben.id).count() == 0
        assert readiness.readiness_of(ben.id) is readiness.Readiness.NOT_NOW  # his partner sees no change
    assert "<bdi>Ben</bdi> has set hard conversations aside" in ana.client.get("/").get_data(as_text=True)


def test_a_made_up_answer_is_met_with_the_same_kind_words(fresh_couple):
    ana, _ben = fresh_couple
    page = ana.post("/safety/check", {**every("never"), "afraid": "hardly"}).get_data(as_text=True)
    assert "Please choose an answer" in page and "Not a valid choice" not in page


def test_the_sign_in_page_never_names_a_safety_page(client):
    for path in ("/safety/check?next=/sessions/3", "/safety/hard-conversations"):
        assert client.get(path).headers["Location"] == "/auth/login"
    assert client.get("/sessions/3").headers["Location"] == "/auth/login?next=/sessions/3"


def test_the_check_form_is_not_filled_again_by_the_browser(fresh_couple):
    ana, _ben = fresh_couple
    assert 'autocomplete="off"' in ana.client.get("/safety/check").get_data(as_text=True)


def test_once_either_is_set_aside_no_new_hard_talk_opens_in_a_check_in_under_way(couple, partner):
    ana, ben = couple
    session_id, ana_sock, ben_sock = at_the_hard_step(ana, ben, partner)
    assert act(ana_sock, session_id, "name_issue", text="The dishes pile up.")["ok"]
    ben.post("/safety/hard-conversations", {"choice": "not_now"})
    reply = act(ana_sock, session_id, "open_listening", issue=str(ana.id))
    assert reply["error"]["code"] == "partner_set_aside" and reply["error"]["message"].startswith("Ben has set")
    assert act(ana_sock, session_id, "park", issue=str(ana.id))["ok"]  # parking is always possible
    assert act(ana_sock, session_id, "ready")["ok"] and act(ben_sock, session_id, "ready")["ok"]


def test_listening_turns_already_open_can_always_be_ended(couple, partner):
    ana, ben = couple
    session_id, ana_sock, ben_sock = at_the_hard_step(ana, ben, partner)
    assert act(ben_sock, session_id, "name_issue", text="Friday stung.")["ok"]
    assert act(ana_sock, session_id, "open_listening", issue=str(ben.id))["ok"]
    ben.post("/safety/hard-conversations", {"choice": "not_now"})
    assert act(ben_sock, session_id, "listen", move="speak", text="It stung.")["error"]["code"] == "set_aside"
    assert act(ben_sock, session_id, "listen", move="end")["ok"]  # stepping out is never refused
