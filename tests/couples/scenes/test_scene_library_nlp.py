"""Every shipped scene's rewrite lines really are heard as blaming, and every example rewrite is not (and reads as
an I statement, which no line to rewrite does).

If a line stopped being flagged, the scene would ask someone to rewrite a line Hearth can't coach; if
an example were flagged, "show me an example" would show a line the rehearsal then refuses.
"""

from __future__ import annotations

import pytest

import nlp
from exercises.rehearsal.scenes import library, mentions_topic
from nlp.i_statement import reads_as_i_statement

REWRITE_LINES = [(scene, index) for scene in library().values() for index in scene.rewrite_lines]


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    nlp.load()


@pytest.mark.parametrize("scene, index", REWRITE_LINES, ids=lambda v: v.id if hasattr(v, "id") else str(v))
def test_each_rewrite_line_is_flagged_and_its_example_is_not(scene, index):
    line = scene.lines[index]
    heard = nlp.analyze(line.text)
    assert heard.blaming and heard.flags, f"{scene.id} line {index + 1} isn't heard as blaming: {line.text!r}"
    example = nlp.analyze(line.model_rewrite)
    assert not example.blaming and not example.care, (scene.id, index, [f.text for f in example.flags])
    assert mentions_topic(line.model_rewrite, scene.topic_words)
    assert reads_as_i_statement(line.model_rewrite) and not reads_as_i_statement(line.text), (scene.id, index)


def test_there_are_enough_lines_to_practise():
    assert len(REWRITE_LINES) >= 20
    lines = [scene.lines[i].text for scene, i in REWRITE_LINES]
    analyses = nlp.analyze_many(lines)
    assert {flag.kind for a in analyses for flag in a.flags} >= {"absolute", "label", "blame", "should",
                                                                 "accusatory_question"}
