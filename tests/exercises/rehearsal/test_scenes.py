"""The scene library: every shipped scene loads and is a good scene; bad scenes get kind, specific sentences."""

from __future__ import annotations

import copy
import json

import pytest

from exercises.rehearsal import scenes

THEMES = {"dishes", "late-no-text", "phones-at-dinner", "money", "holidays", "time-together", "forgotten-promise",
          "work-stress", "plans-without-asking", "feeling-unseen"}
CLINICAL = ("narciss", "disorder", "diagnos", "toxic", "abuse", "gaslight", "codependen", "attachment style",
            "avoidant", "anxious attachment", "therapy", "symptom", "trauma")
GENDERED = (" he ", " she ", " his ", " her ", " him ", " hers ", "husband", "wife", "boyfriend", "girlfriend")


def good() -> dict:
    return copy.deepcopy(scenes.library()["dishes"].to_dict())


def test_the_library_holds_every_common_conflict():
    library = scenes.library()
    assert len(library) >= 10 and THEMES <= set(library)
    assert scenes.library() is library  # read once per process


@pytest.mark.parametrize("path", sorted(scenes.LIBRARY.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_scene_is_a_good_scene(path):
    data = json.loads(path.read_text())
    assert scenes.problems(data) == []
    scene = scenes.load_file(path)
    assert scene.id == path.stem and len(scene.roles) == 2
    assert scenes.MIN_LINES <= len(scene.lines) <= scenes.MAX_LINES
    assert {scene.lines[i].role for i in scene.rewrite_lines} == set(scene.role_ids)  # both roles get to rewrite
    for index in scene.rewrite_lines:
        assert scenes.mentions_topic(scene.lines[index].model_rewrite, scene.topic_words)
    words = " " + " ".join([scene.title, scene.situation, *(ln.text for ln in scene.lines),
                            *(ln.model_rewrite or "" for ln in scene.lines)]).lower() + " "
    assert not [w for w in CLINICAL if w in words], "scenes are warm, never clinical"
    assert not [w for w in GENDERED if w in words.replace(",", " ").replace(".", " ")], "scenes are gender-neutral"
    assert scenes.parse(scene.to_dict()) == scene  # the form kept with a session is the same scene


def test_a_scene_round_trips_through_its_dict():
    scene = scenes.parse(good())
    assert scene.role("sam").name == "Sam" and scene.rewrite_lines == (2, 5)
    with pytest.raises(KeyError):
        scene.role("nobody")


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return data
    return change


DELETE = object()


@pytest.mark.parametrize("change, sentence", [
    (_set(["title"], DELETE), "Please add a title."),
    (_set(["title"], "  "), "Please add a title."),
    (_set(["title"], "x" * 81), "Please keep a title to 80 characters or fewer (it has 81)."),
    (_set(["title"], "<b>Dishes</b>"), "Please leave HTML (like <b> or <script>) out of a title"),
    (_set(["situation"], "Hi <script>alert(1)</script>"), "out of the situation"),
    (_set(["situation"], "Short"), "The situation is a little short"),
    (_set(["roles"], [{"id": "a", "name": "A"}]), "A scene has exactly two roles"),
    (_set(["roles", 1, "name"], "robin"), "The two roles need different names"),
    (_set(["roles", 1, "name"], ""), "Please add a name for role 2."),
    (_set(["topic_words"], []), "Please add a few topic words"),
    (_set(["topic_words"], ["two words"]), "Each topic word is one lowercase word"),
    (_set(["lines"], good()["lines"][:4]), "between 6 and 12 lines; this one has 4"),
    (_set(["lines"], good()["lines"] * 2), "between 6 and 12 lines; this one has 16"),
    (_set(["lines", 0, "role"], "lee"), "Line 1 belongs to a role that isn't one of the scene's two roles."),
    (_set(["lines", 1, "text"], ""), "Please add the words on line 2."),
    (_set(["lines", 1, "text"], "x" * 241), "Please keep the words on line 2 to 240 characters"),
    (_set(["lines", 2, "model_rewrite"], DELETE), "Please add an example I statement on line 3."),
    (_set(["lines", 2, "model_rewrite"], "I feel sad and I need a hug."), "should name what the scene is about"),
    (_set(["lines", 2, "rewrite"], "yes"), "Line 3 should say plainly whether"),
    (_set(["lines", 0, "model_rewrite"], "I feel it about the dishes"), "isn't marked for rewriting"),
    (_set(["lines", 0, "colour"], "red"), "Line 1 has something we don't know: colour."),
    (_set(["mood"], "sad"), "The scene has fields we don't know: mood."),
    (_set(["id"], "Not An Id"), "A scene needs a short id"),
])
def test_bad_scenes_get_specific_kind_sentences(change, sentence):
    found = scenes.problems(change(good()))
    assert any(sentence in problem for problem in found), found
    with pytest.raises(scenes.SceneError) as error:
        scenes.parse(change(good()))
    assert error.value.problems == found


def test_a_scene_needs_a_line_to_rewrite():
    data = good()
    for line in data["lines"]:
        line["rewrite"] = False
        line.pop("model_rewrite", None)
    assert "Please mark at least one line to practise rewriting as an I statement." in scenes.problems(data)


def test_not_a_scene_at_all():
    assert scenes.problems(["dishes"]) == [
        "A scene is a set of named fields: title, situation, roles, topic words and lines."]


@pytest.mark.parametrize("text, expected", [
    ("I'd love to share the dishes.", True), ("The DISHES pile up", True), ("I feel tired.", False),
])
def test_a_rewrite_names_the_topic_by_a_word_that_starts_with_a_topic_word(text, expected):
    assert scenes.mentions_topic(text, ("dish", "sink")) is expected


@pytest.mark.parametrize("text, markup", [("I <3 you", False), ("a < b > c", False), ("<i>hi</i>", True),
                                          ("</p>", True), ("&lt;", True), ("<!-- x -->", True)])
def test_markup_is_tags_and_entities_not_every_angle_bracket(text, markup):
    assert scenes.has_markup(text) is markup


def test_a_file_must_be_named_after_its_scene(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps(good()))
    with pytest.raises(scenes.SceneError, match="named after its id"):
        scenes.load_file(path)
    path.write_text("{not json")
    with pytest.raises(scenes.SceneError, match="not valid JSON"):
        scenes.load_file(path)
