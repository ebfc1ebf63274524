"""The labelled set: its shape, and the analyzer's precision and recall on it (real model)."""
from __future__ import annotations

from typing import Any

import nlp
from nlp.evaluate import keyword_rule, score
from nlp.pipeline import Loaded

Rows = list[dict[str, Any]]


def test_the_set_is_big_balanced_and_has_a_held_out_part(labelled: Rows) -> None:
    assert len(labelled) >= 250
    assert sum(not r["blaming"] for r in labelled) / len(labelled) >= 0.40
    assert sum(r["split"] == "heldout" for r in labelled) / len(labelled) >= 0.20
    assert {r["split"] for r in labelled} == {"tune", "heldout"}
    assert len({r["text"] for r in labelled}) == len(labelled)


def test_the_set_has_contrast_pairs(labelled: Rows) -> None:
    texts = {r["text"].rstrip(".!?").lower(): r["blaming"] for r in labelled}
    pairs = [("you make me so angry", "you make me so happy"),
             ("you never listen", "you never know"),
             ("you're so selfish", "you're so thoughtful"),
             ("you never make me laugh anymore", "you always make me laugh"),
             ("thanks to you we missed the movie", "thanks to you we had a wonderful trip"),
             ("because of you we're late", "because of you i feel at home here"),
             ("you should have told me", "you should be proud of yourself")]
    for blaming, warm in pairs:
        assert texts[blaming] is True and texts[warm] is False


def test_precision_and_recall_on_the_whole_set(labelled: Rows,
                                               labelled_analyses: list[nlp.Analysis]) -> None:
    result = score([r["blaming"] for r in labelled], [a.blaming for a in labelled_analyses])
    assert result.precision >= 0.95, result
    assert result.recall >= 0.92, result


def test_analyzer_beats_the_keyword_rule_on_held_out_lines(
        labelled: Rows, labelled_analyses: list[nlp.Analysis]) -> None:
    held = [i for i, r in enumerate(labelled) if r["split"] == "heldout"]
    truth = [labelled[i]["blaming"] for i in held]
    ours = score(truth, [labelled_analyses[i].blaming for i in held])
    keywords = score(truth, [keyword_rule(labelled[i]["text"]) for i in held])
    assert ours.recall > keywords.recall and ours.precision > keywords.precision


def test_every_flag_points_into_the_original_text(labelled_analyses: list[nlp.Analysis]) -> None:
    for analysis in labelled_analyses:
        for flag in analysis.flags:
            assert analysis.text[flag.start:flag.end] == flag.text
            assert flag.explanation


def test_every_suggestion_for_a_flagged_line_passes_the_analyzer(
        pipeline: Loaded, labelled_analyses: list[nlp.Analysis]) -> None:
    flagged = [a for a in labelled_analyses if a.blaming and not a.care]
    assert all(a.suggestion for a in flagged)
    rechecked = nlp.analyze_many([a.suggestion for a in flagged if a.suggestion])
    assert [r.text for r in rechecked if r.blaming or r.care] == []
    # The suggestion keeps the writer's clause (a classifier's flag may span all of it), never its absolutes
    # or labels.
    banned = pipeline.rulebook.lexicon.absolutes | pipeline.rulebook.lexicon.labels
    for original, suggestion in zip(flagged, rechecked, strict=True):
        said = {w for f in original.flags if f.kind in ("absolute", "label") for w in f.text.lower().split()}
        assert not said & banned & set(suggestion.text.lower().replace(".", " ").split()), suggestion.text


def test_unflagged_lines_get_no_suggestion(labelled_analyses: list[nlp.Analysis]) -> None:
    assert all(a.suggestion is None for a in labelled_analyses if not a.blaming)
