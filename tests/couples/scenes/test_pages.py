"""The scene library over HTTP: shipped and own scenes, writing one, starting a rehearsal, solo practice."""

from __future__ import annotations

import re

import pytest

from couples.extensions import db
from couples.log import ExerciseSession
from couples.scenes import CustomScene, SoloRun
from tests.support.accounts import csrf_token

SCRIPT = """Robin: You never text when you're running late.
I statement: I get worried when I don't hear from you. A quick text would help me relax.
Sam: My phone died.
Robin: You could have borrowed one.
Sam: You always assume the worst about me.
I statement: I feel hurt when my lateness is taken as not caring. I'd like to text sooner.
Robin: Okay. Let's try that.
Sam: Thanks for hearing me."""


def scene_form(**changes):
    form = {"title": "Late again", "situation": "Sam is an hour late for dinner and didn't text.",
            "role_one": "Robin", "role_two": "Sam", "topic_words": "text, late, phone", "script": SCRIPT}
    return {**form, **changes}


def html(response) -> str:
    return response.get_data(as_text=True)


def test_the_library_lists_every_shipped_scene_for_a_couple(couple, client):
    ana, _ = couple
    page = html(ana.client.get("/scenes/"))
    assert "The dishes, again" in page and "Phones at the table" in page
    assert len(re.findall(r'data-testid="scene-', page)) >= 10
    detail = ana.client.get("/scenes/dishes")
    assert detail.status_code == 200 and "You never lift a finger" not in html(detail)  # the scene unfolds live
    assert "Rehearse it together" in html(detail) and "<bdi>Ben</bdi> plays the other" in html(detail)
    assert client.get("/scenes/").status_code == 302  # signed out: to the sign-in page


def test_an_unknown_scene_is_not_found(couple):
    assert couple[0].client.get("/scenes/no-such-scene").status_code == 404
    assert couple[0].client.get("/scenes/custom-999").status_code == 404


def test_a_couple_writes_their_own_scene_and_only_they_see_it(app, couple, outsider):
    ana, ben = couple
    response = ana.post("/scenes/new", scene_form())
    assert response.status_code == 302
    ref = response.headers["Location"].rsplit("/", 1)[-1]
    assert ref.startswith("custom-")
    assert "Late again" in html(ben.client.get("/scenes/"))
    page = html(ben.client.get(f"/scenes/{ref}"))
    assert "Sam is an hour late" in page and "2 to rewrite" in page
    assert outsider.client.get(f"/scenes/{ref}").status_code == 404
    assert "Late again" not in html(outsider.client.get("/scenes/"))
    with app.app_context():
        row = db.session.query(CustomScene).one()
        assert row.scene["id"] == ref and row.scene["lines"][0]["model_rewrite"].startswith("I get worried")


@pytest.mark.parametrize("changes, sentence", [
    ({"title": ""}, "Please give your scene a title."),
    ({"title": "<b>Late</b>"}, "Please leave HTML (like &lt;b&gt; or &lt;script&gt;) out"),
    ({"script": SCRIPT.replace("Sam: My phone died.", "<script>alert(1)</script>")}, "Please leave HTML"),
    ({"role_two": "robin"}, "The two roles need different names"),
    ({"topic_words": ""}, "Please add a few words the scene is about."),
    ({"script": "\n".join(SCRIPT.splitlines()[:4])}, "between 6 and 12 lines; this one has 3"),
    ({"script": SCRIPT.replace("Sam: My phone died.", "Lee: My phone died.")},
     "Row 3 should start with Robin or Sam and a colon."),
    ({"script": "I statement: I feel late.\n" + SCRIPT}, "Row 1 is an I statement without a line"),
    ({"script": SCRIPT.replace("I statement: I get worried", "I statement: You never. I get worried")},
     "The I statement for line 1 still sounds a little blaming to Hearth (“You never”)"),
    ({"topic_words": "dishes"}, "should name what the scene is about"),
    ({"script": SCRIPT.replace("I statement", "Note")}, "should start with Robin or Sam"),
])
def test_a_scene_that_isnt_ready_is_explained_kindly_and_not_saved(app, couple, changes, sentence):
    response = couple[0].post("/scenes/new", scene_form(**changes))
    assert response.status_code == 422 and sentence in html(response), html(response)[-3000:]
    assert "<script>alert(1)</script>" not in html(response)  # what was typed comes back escaped
    with app.app_context():
        assert db.session.query(CustomScene).count() == 0


def test_the_scene_form_needs_its_csrf_token(app, couple):
    response = couple[0].client.post("/scenes/new", data=scene_form())
    assert response.status_code == 400
    with app.app_context():
        assert db.session.query(CustomScene).count() == 0


def start(person, **form):
    return person.post("/sessions", {"kind": "rehearsal", **form}, form_path="/scenes/dishes")


def test_starting_a_rehearsal_fixes_the_scene_and_the_roles(app, couple):
    ana, ben = couple
    response = start(ana, scene="dishes", role="sam")
    assert response.status_code == 302 and re.search(r"/sessions/\d+$", response.headers["Location"])
    with app.app_context():
        session = db.session.query(ExerciseSession).one()
        assert session.options["scene"]["id"] == "dishes" and session.options["scene"]["lines"][2]["rewrite"]
        assert session.options["cast"] == {"sam": str(ana.id), "robin": str(ben.id)}
        assert session.options["flagged"][2] == ["You never"]
    page = html(ana.client.get(response.headers["Location"]))
    assert 'id="rewrite-form"' in page and "rehearsal.js" in page
    assert "is already in progress" in html(ben.client.get("/scenes/money"))
    again = start(ben, scene="money", role="casey")  # one rehearsal at a time: joins the live one
    assert again.headers["Location"] == response.headers["Location"]


def test_a_rehearsal_of_their_own_scene(app, couple):
    ana, _ = couple
    ref = ana.post("/scenes/new", scene_form()).headers["Location"].rsplit("/", 1)[-1]
    assert start(ana, scene=ref, role="two").status_code == 302
    with app.app_context():
        assert db.session.query(ExerciseSession).one().options["scene"]["title"] == "Late again"


def test_a_rehearsal_started_without_a_scene_leads_to_choosing_one(app, couple):
    """Issue 17: conflict scripts no longer start on a scene nobody chose; a Start without one goes to the
    scene library, and nothing starts."""
    ana, _ = couple
    response = ana.post("/sessions", {"kind": "rehearsal"}, form_path="/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/scenes/")
    with app.app_context():
        assert db.session.query(ExerciseSession).count() == 0


@pytest.mark.parametrize("form, sentence", [
    ({"scene": "no-such-scene"}, "We couldn&#39;t find that scene"),
    ({"scene": "custom-1"}, "We couldn&#39;t find that scene"),  # another couple's, below
    ({"scene": "dishes", "role": "lee"}, "Please choose one of the scene&#39;s two roles"),
])
def test_an_unknown_scene_or_role_is_refused_kindly(app, couple, outsider, form, sentence):
    outsider.post("/scenes/new", scene_form())  # the outsider's couple owns custom-1
    response = start(couple[0], **form)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert sentence in html(couple[0].client.get("/"))
    with app.app_context():
        assert db.session.query(ExerciseSession).count() == 0


def json_post(person, path, body, token=None):
    token = token or csrf_token(person.client, "/scenes/")
    return person.client.post(path, json=body, headers={"X-CSRFToken": token})


def test_solo_practice_is_private_and_coached_on_the_server(app, couple):
    ana, ben = couple
    response = ana.post("/scenes/dishes/solo", {"role": "robin"})
    assert response.status_code == 302
    run_path = response.headers["Location"]
    page = html(ana.client.get(run_path))
    assert "js/scenes/solo.js" in page and "Just for you" in page
    assert "I feel worn out" not in page  # Robin's example waits until asked for
    assert "I feel a bit unseen" in page  # Hearth reads Sam's line the kind way

    coach = json_post(ana, f"{run_path}/coach", {"text": "You never help with the dishes."}).get_json()
    assert coach["ok"] and coach["analysis"]["blaming"] is True
    tried = json_post(ana, f"{run_path}/rewrite", {"line": 2, "text": "You never help with the dishes."}).get_json()
    assert tried == {"ok": True, "accepted": False, "reason": "blame", "care_note": None,
                     "why": tried["why"]} and "blame" in tried["why"]
    assert json_post(ana, f"{run_path}/rewrite", {"line": 2, "text": "I feel tired."}).get_json()["reason"] == "topic"
    glued = json_post(ana, f"{run_path}/rewrite", {"line": 2, "text": "You nevr zorp help with the dishes"}).get_json()
    assert glued["accepted"] is False and glued["reason"] in ("blame", "own_side")
    example = json_post(ana, f"{run_path}/example", {"line": 2}).get_json()
    assert example["example"].startswith("I feel worn out")
    done = json_post(ana, f"{run_path}/rewrite", {"line": 2, "text": "I feel tired when the dishes pile up."})
    assert done.get_json()["accepted"] is True
    summary = json_post(ana, f"{run_path}/finish", {}).get_json()["summary"]
    assert summary == {"rewrites": 1, "attempts": 4, "first_try": 0}
    assert "The dishes, again" in html(ana.client.get("/solo"))

    # The partner never sees it, anywhere.
    assert ben.client.get(run_path).status_code == 404
    assert json_post(ben, f"{run_path}/rewrite", {"line": 2, "text": "I feel it about the dishes"}).status_code == 404
    for path in ("/solo", "/scenes/", "/scenes/progress", "/"):
        assert "worn out" not in html(ben.client.get(path)) and "dishes pile up" not in html(ben.client.get(path))
    assert "The dishes, again" not in html(ben.client.get("/solo"))
    with app.app_context():
        assert db.session.query(SoloRun).one().user_id == ana.id
        assert db.session.query(ExerciseSession).count() == 0  # no couple session, nothing broadcast


@pytest.mark.parametrize("body, code", [
    ({"line": 5, "text": "I feel it in the kitchen"}, "not_your_line"),  # Sam's line, Hearth reads it
    ({"line": 0, "text": "I feel it in the kitchen"}, "not_your_line"),  # a plain line
    ({"line": 7, "text": "x"}, "not_your_line"),  # past the scene's end
    ({"line": "2", "text": "x"}, "bad_request"),  # a line is a whole number, never digits in a string
    ({"line": 2, "text": "   "}, "empty_text"),
    ({"line": 2, "text": "x" * 401}, "too_long"),
    (["not", "a", "mapping"], "bad_request"),
])
def test_solo_bad_input_gets_a_kind_error(couple, body, code):
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    response = json_post(ana, f"{run_path}/rewrite", body)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]


NOT_UNDERSTOOD = "Something in that message didn't make sense to us. Please refresh the page and try again."
TOO_LONG = "That's a lot to hold at once. Please keep it under 5,000 characters."


@pytest.mark.parametrize("end, body, sentence", [
    ("coach", {"text": "x", "junk": 1}, NOT_UNDERSTOOD),  # the audit's finding: answered 200
    ("coach", {"text": 5}, NOT_UNDERSTOOD),  # the audit's finding: answered "That's a lot to hold at once"
    ("coach", {}, NOT_UNDERSTOOD),
    ("coach", {"text": None}, NOT_UNDERSTOOD),
    ("coach", {"text": "x" * 5001}, TOO_LONG),
    ("coach", {"text": "You never \x00 listen"}, "Part of that text didn't come through cleanly. Could you type it "
                                                 "again?"),
    ("coach", "You never listen", NOT_UNDERSTOOD),
    ("rewrite", {"line": 2, "text": "I feel tired of the dishes", "accepted": True}, NOT_UNDERSTOOD),
    ("rewrite", {"line": True, "text": "I feel tired of the dishes"}, NOT_UNDERSTOOD),
    ("rewrite", {"line": 2.0, "text": "I feel tired of the dishes"}, NOT_UNDERSTOOD),
    ("rewrite", {"line": -1, "text": "I feel tired of the dishes"}, NOT_UNDERSTOOD),
    ("rewrite", {"line": 2}, NOT_UNDERSTOOD),
    ("rewrite", {"line": 2, "text": ["I feel"]}, NOT_UNDERSTOOD),
    ("example", {"line": 2, "text": "x"}, NOT_UNDERSTOOD),
    ("example", {"line": "2"}, NOT_UNDERSTOOD),
    ("example", None, NOT_UNDERSTOOD),
    ("finish", {"summary": {"rewrites": 9}}, NOT_UNDERSTOOD),
    ("finish", [], NOT_UNDERSTOOD),
])
def test_every_solo_body_is_read_by_its_schema(app, couple, end, body, sentence):
    """Solo practice's JSON bodies get what the socket's payloads get (couples/schemas.py): a field it doesn't name,
    a missing one, a value of another type or unclean text is `bad_request` with a kind sentence; nothing is kept."""
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    response = json_post(ana, f"{run_path}/{end}", body)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json() == {"ok": False, "error": {"code": "bad_request", "message": sentence}}
    with app.app_context():
        run = db.session.query(SoloRun).one()
        assert run.rewrites == {} and run.finished_at is None


def test_a_solo_body_that_isnt_json_is_a_bad_request(couple):
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    token = csrf_token(ana.client, "/scenes/")
    response = ana.client.post(f"{run_path}/coach", data="text=You never listen",
                               headers={"X-CSRFToken": token, "Content-Type": "application/x-www-form-urlencoded",
                                        "Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"] == {"code": "bad_request",
                                                                            "message": NOT_UNDERSTOOD}
    assert json_post(ana, f"{run_path}/coach", {"text": "\u0301\u0301"}).get_json() == {"ok": True, "analysis": None}


def test_a_body_nested_past_the_recursion_limit_is_a_bad_request(couple):
    """Found by a tester: {"text": [[[...3,000 deep...]]]} (10 KB) made json.loads raise RecursionError, a 500."""
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    token = csrf_token(ana.client, "/scenes/")
    body = '{"text": ' + "[" * 3000 + "]" * 3000 + "}"
    response = ana.client.post(f"{run_path}/coach", data=body, headers={"X-CSRFToken": token,
                                                                         "Content-Type": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"] == {"code": "bad_request",
                                                                            "message": NOT_UNDERSTOOD}


def test_solo_requests_need_the_csrf_token(couple):
    ana, _ = couple
    run_path = ana.post("/scenes/dishes/solo", {"role": "robin"}).headers["Location"]
    assert ana.client.post(f"{run_path}/rewrite", json={"line": 2, "text": "I feel"}).status_code == 400


def test_a_solo_run_needs_a_role_and_a_real_scene(couple):
    ana, _ = couple
    assert "Please choose a role to play." in html(ana.post("/scenes/dishes/solo", {"role": "lee"}))
    assert ana.client.get("/scenes/nothing/solo").status_code == 404
