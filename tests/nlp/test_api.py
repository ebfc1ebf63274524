"""The package's public face: names, dataclasses, input checks, model setting, thread safety."""
from __future__ import annotations

import ast
import dataclasses
import json
import threading
from pathlib import Path

import pytest

import nlp
from nlp.pipeline import Loaded, loaded

PACKAGE = Path(nlp.__file__).parent


def test_public_names() -> None:
    for name in ("analyze", "analyze_many", "load", "Analysis", "Flag", "TextRejected", "MAX_CHARS",
                 "CARE_NOTE", "paraphrase_feedback", "ParaphraseFeedback", "ModelMissing", "NlpError"):
        assert hasattr(nlp, name), name
    assert nlp.MAX_CHARS == 5000 and issubclass(nlp.ModelMissing, nlp.NlpError)


def test_analysis_is_frozen_plain_data(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You never listen")
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.blaming = False  # type: ignore[misc]
    data = analysis.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert {"text", "blaming", "flags", "suggestion", "care"} <= set(data)
    assert data["flags"] == [{"kind": "absolute", "text": "You never", "start": 0, "end": 9,
                              "explanation": analysis.flags[0].explanation}]
    assert analysis.flags[0].rule_id == "absolute.you_always"


@pytest.mark.parametrize("bad", ["", "   \n", None, 42, "x" * 5001])
def test_bad_input_is_rejected_kindly(pipeline: Loaded, bad: object) -> None:
    with pytest.raises(nlp.TextRejected) as caught:
        nlp.analyze(bad)  # type: ignore[arg-type]
    assert str(caught.value)[0].isupper()
    with pytest.raises(nlp.TextRejected):
        nlp.analyze_many(["fine", bad])  # type: ignore[list-item]


def test_exactly_max_chars_is_accepted(pipeline: Loaded) -> None:
    assert not nlp.analyze(("I love our walks. " * 300)[:5000]).blaming


def test_missing_model_fails_early_naming_the_setting(pipeline: Loaded) -> None:
    with pytest.raises(nlp.ModelMissing, match="HEARTH_SPACY_MODEL"):
        nlp.load("en_no_such_model_xyz")
    assert loaded() is pipeline  # the working pipeline stays in place


def test_load_is_idempotent_and_disables_what_is_unused(pipeline: Loaded) -> None:
    nlp.load()
    assert loaded() is pipeline
    assert not {"ner", "parser"} & set(pipeline.language.component_names)
    assert "senter" in pipeline.language.pipe_names
    assert pipeline.language.pipe_names[-1] == "hearth_blame"


def test_batch_and_single_paths_agree(pipeline: Loaded, labelled_analyses: list[nlp.Analysis]) -> None:
    for batched in labelled_analyses[::15]:
        assert nlp.analyze(batched.text) == batched


def test_threads_share_one_pipeline(pipeline: Loaded) -> None:
    results: list[bool] = []

    def work() -> None:
        results.extend(nlp.analyze(t).blaming for t in ("You never listen", "I love you") * 5)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == results.count(False) == 20


def test_the_package_knows_nothing_of_flask_or_tests() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in {"flask", "flask_socketio", "tests"} for n in names), path


def test_modules_stay_small_and_public_functions_have_docstrings() -> None:
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 250, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                assert ast.get_docstring(node), f"{path.name}:{node.name}"


def test_a_thank_you_with_made_me_is_not_coached_into_a_complaint():
    """Found by a newcomer in the appreciation round: "You made me laugh..." was offered a complaint."""
    for warm in ("You made me laugh so hard on Friday.", "You made me tea when I was sick.",
                 "You made me a card and it was lovely.", "You always make me laugh."):
        assert not nlp.analyze(warm).flags, warm  # warm words outweigh "hard"; a thing given, not a feeling
    for cold in ("You made me late again.", "You made me feel small in front of them.", "You made me cry last night."):
        assert [f.kind for f in nlp.analyze(cold).flags] == ["blame"], cold

