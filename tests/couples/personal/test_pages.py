"""Each person's own space: Ana takes the reflection; Ben, her partner, and Olga from another couple
see nothing of it unless Ana shares it, and then only its sentences."""

from __future__ import annotations

import re

import pytest

from couples.extensions import db
from couples.personal import Reflection
from tests.couples.personal.test_reflection_scoring import rated


def take(person, anxiety=6, avoidance=2, **changes):
    response = person.post("/me/reflection", {**rated(anxiety, avoidance), **changes})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(re.search(r"/me/reflection/(\d+)$", response.headers["Location"]).group(1))


def test_ana_takes_the_reflection_and_reads_it_in_plain_words(couple):
    ana, _ben = couple
    page = " ".join(ana.client.get("/me/reflection").get_data(as_text=True).split())
    assert "not a test or a diagnosis" in page and page.count("<fieldset") == 14
    result = " ".join(ana.client.get(f"/me/reflection/{take(ana)}").get_data(as_text=True).split())
    assert "You lean toward worrying about closeness" in result and "reassurance directly" in result
    assert "not a diagnosis" in result and "/me/help" in result
    assert "Only you can see this" in result and "Share with <bdi>Ben</bdi>" in result
    for label in ("anxious", "avoidant", "insecure"):
        assert label not in result.lower()


def test_a_retake_keeps_the_earlier_ones_to_compare(couple):
    ana, _ben = couple
    first = take(ana, 6, 2)
    second = take(ana, 3, 3)
    page = ana.client.get(f"/me/reflection/{second}").get_data(as_text=True)
    assert f"/me/reflection/{first}" in page and "Earlier reflections" in page


def test_nobody_else_can_read_or_guess_a_reflection(couple, outsider):
    ana, ben = couple
    mine = take(ana)
    for person in (ben, outsider):
        assert person.client.get(f"/me/reflection/{mine}").status_code == 404
        assert person.client.get(f"/me/reflection/{mine + 100}").status_code == 404  # the same as a missing one
        assert "worrying about closeness" not in person.client.get("/me/").get_data(as_text=True)
        assert person.post(f"/me/reflection/{mine}/share", {"choice": "share"},
                           form_path="/me/reflection").status_code == 404
    assert "worrying about closeness" not in ben.client.get("/").get_data(as_text=True)


def test_sharing_is_deliberate_and_shows_only_the_sentences(couple, app):
    ana, ben = couple
    mine = take(ana, anxiety=6, avoidance=2)
    ana.post(f"/me/reflection/{mine}/share", {"choice": "share"}, form_path=f"/me/reflection/{mine}")
    room = ben.client.get("/").get_data(as_text=True)
    assert "What <bdi>Ana</bdi> shared about themselves" in room and "You lean toward worrying about closeness" in room
    assert "6.0" not in room and "anxiety" not in room.lower()  # no score, no label
    ana.post(f"/me/reflection/{mine}/share", {"choice": "stop"}, form_path=f"/me/reflection/{mine}")
    assert "What Ana shared" not in ben.client.get("/").get_data(as_text=True)


def test_sharing_a_newer_one_replaces_the_older(couple, app):
    ana, ben = couple
    old, new = take(ana, 6, 2), take(ana, 2, 6)
    for reflection_id in (old, new):
        ana.post(f"/me/reflection/{reflection_id}/share", {"choice": "share"}, form_path=f"/me/reflection/{old}")
    with app.app_context():
        assert [r.id for r in db.session.query(Reflection).filter(Reflection.shared_at.is_not(None))] == [new]
    assert "keeping some distance" in ben.client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("changes", [{"worry_leave": "9"}, {"worry_leave": "0"}, {"worry_leave": "five"},
                                     {"worry_leave": "<b>7</b>"}])
def test_a_rating_off_the_scale_is_asked_again_kindly_and_nothing_is_kept(couple, app, changes):
    ana, _ben = couple
    page = ana.post("/me/reflection", {**rated(4, 4), **changes}).get_data(as_text=True)
    assert "Please choose how much this is like you" in page and page.count('role="alert"') == 1
    with app.app_context():
        assert db.session.query(Reflection).count() == 0


def test_a_missing_rating_is_asked_again_with_the_others_kept(couple):
    ana, _ben = couple
    ratings = rated(4, 4)
    del ratings["hard_to_depend"]
    page = ana.post("/me/reflection", ratings).get_data(as_text=True)
    assert page.count('role="alert"') == 1 and page.count("checked") == 13


def test_the_own_space_works_before_pairing(accounts):
    solo = accounts.person("sam")
    result = solo.client.get(f"/me/reflection/{take(solo)}").get_data(as_text=True)
    assert "Once you've paired up, you can choose to share it" in result
    assert "/me/" in solo.client.get("/pair/").get_data(as_text=True)
    assert solo.post(f"/me/reflection/{take(solo)}/share", {"choice": "share"},
                     form_path="/me/reflection").status_code == 302


def test_the_help_page_is_calm_and_open_to_anyone(client):
    page = client.get("/me/help").get_data(as_text=True)
    assert "Couples counselling" in page and "isn't advised when one partner is afraid" in page


def test_the_own_space_needs_a_sign_in(client):
    for path in ("/me/", "/me/reflection", "/me/reflection/1"):
        assert client.get(path).status_code == 302


def test_before_pairing_a_person_can_practise_a_shipped_scene_alone(accounts):
    solo = accounts.person("sam")
    assert "/scenes/dishes/solo" in solo.client.get("/me/").get_data(as_text=True)
    assert solo.client.get("/scenes/dishes/solo").headers["Location"].startswith("/safety/check")  # a conflict tool
    accounts.safety_check(solo)
    assert solo.client.get("/scenes/dishes/solo").status_code == 200
    begun = solo.post("/scenes/dishes/solo", {"role": "robin"}, form_path="/scenes/dishes/solo")
    assert begun.status_code == 302
    practice = solo.client.get(begun.headers["Location"]).get_data(as_text=True)
    assert "← Your own space" in practice and "/scenes/\"" not in practice
    assert solo.client.get("/scenes/custom-1/solo").status_code == 404  # no couple, no scenes of their own
