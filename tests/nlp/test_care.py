"""Words that suggest danger raise care; near misses ("the film was killer") do not.

Three sets, each with its own job (nlp/care_model.py says how they are used):
  nlp/data/care_training/regression.jsonl  rows we promise, one by one (also trained on)
  tests/nlp/data/care_validation*.jsonl    never trained on; chose the classifier's threshold
  tests/nlp/data/care_unseen_2.jsonl         never trained on, never tuned on: the figure we quote
"""
from __future__ import annotations

from typing import Any

import pytest

import nlp
from nlp import care_model
from nlp.pipeline import Loaded

from .conftest import read_jsonl

VALIDATION = ("care_validation.jsonl", "care_validation_2.jsonl", "care_validation_3.jsonl")
REGRESSION = care_model.read_rows([care_model.TRAINING_DIR / "regression.jsonl"])
NEAR_MISSES = ["the film was killer", "I'm dying to see you", "This traffic is killing me.",
               "I could kill for a coffee right now", "He punched the air when we scored.",
               "I hit my head on the cupboard door", "you're such a sweetheart", "It stung."]


def figures(rows: list[dict[str, Any]]) -> tuple[float, float, float]:
    """(recall, specificity, kind agreement among the caught) of rules and classifier together."""
    analyses = nlp.analyze_many([row["text"] for row in rows])
    caught = [(row, a) for row, a in zip(rows, analyses, strict=True) if row["care"] and a.care]
    positives = sum(row["care"] for row in rows)
    quiet = sum(1 for row, a in zip(rows, analyses, strict=True) if not row["care"] and not a.care)
    kinds = sum(a.care_kind == row["care_kind"] for row, a in caught)
    return len(caught) / positives, quiet / (len(rows) - positives), kinds / len(caught)


def test_the_sets_are_big_enough_to_mean_something() -> None:
    for name in VALIDATION + ("care_unseen_2.jsonl",):
        rows = read_jsonl(name)
        assert sum(r["care"] for r in rows) >= 100 and sum(not r["care"] for r in rows) >= 100, name
        for kind in care_model.KINDS:
            assert sum(r.get("care_kind") == kind for r in rows) >= 15, (name, kind)


@pytest.mark.parametrize("row", REGRESSION, ids=[r["text"][:40] for r in REGRESSION])
def test_care(pipeline: Loaded, row: dict[str, Any]) -> None:
    analysis = nlp.analyze(row["text"])
    assert analysis.care is row["care"]
    assert analysis.care_kind == row.get("care_kind")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_sentences_about_films_sport_accidents_and_feelings_stay_quiet(pipeline: Loaded, text: str) -> None:
    assert not nlp.analyze(text).care


def test_unseen_text_recall_errs_toward_the_note(pipeline: Loaded) -> None:
    recall, specificity, kinds = figures(read_jsonl("care_unseen_2.jsonl"))
    assert recall >= 0.95, recall  # the floor: a missed note costs far more than a needless one
    assert specificity >= 0.80, specificity  # these negatives are all near misses, chosen to be hard
    assert kinds >= 0.80, kinds


def test_validation_figures_are_the_ones_the_model_recorded(pipeline: Loaded) -> None:
    meta = care_model.load_meta()
    recall, specificity, _kinds = figures([row for name in VALIDATION for row in read_jsonl(name)])
    assert (round(recall, 3), round(specificity, 3)) == (meta["validation_recall"], meta["validation_specificity"])


def test_the_blame_sets_held_out_sentences_never_raise_care(pipeline: Loaded, labelled: list[dict[str, Any]]) -> None:
    held = [row["text"] for row in labelled if row["split"] == "heldout"]
    assert [a.text for a in nlp.analyze_many(held) if a.care] == []


def test_the_model_was_rebuilt_after_its_training_files_changed() -> None:
    meta = care_model.load_meta()
    files = care_model.training_files()
    assert meta["fingerprint"] == care_model.fingerprint(files), "run: python -m nlp.care_training " \
        "--validation tests/nlp/data/care_validation*.jsonl"
    assert meta["trained_on"] == [f.name for f in files] and meta["rows"] == len(care_model.read_rows(files))


def test_no_held_out_text_was_trained_on() -> None:
    trained = {row["text"].strip().lower() for row in care_model.read_rows(care_model.training_files())}
    for name in VALIDATION + ("care_unseen_2.jsonl",):
        assert [r["text"] for r in read_jsonl(name) if r["text"].strip().lower() in trained] == [], name


def test_thoughts_of_self_harm_lead_with_a_crisis_line(pipeline: Loaded) -> None:
    analysis = nlp.analyze("honestly everyone would be better off if i wasnt here anymore")
    assert analysis.care_kind == "self_harm"
    assert nlp.care_note(analysis.care_kind).startswith("If you're thinking about hurting yourself")


def test_choose_threshold_keeps_recall_and_stays_as_high_as_it_can() -> None:
    probabilities, rules, truth = [0.9, 0.6, 0.3, 0.2, 0.1], [False, False, True, False, False], \
        [True, True, True, True, False]
    assert care_model.choose_threshold(probabilities, rules, truth, target=0.75) == 0.6
    assert care_model.choose_threshold(probabilities, rules, truth, target=1.0) == 0.2


def test_care_replaces_coaching_but_keeps_flags(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You never listen. He hit me last night.")
    assert analysis.care and analysis.blaming and analysis.suggestion is None
    assert analysis.to_dict()["care"] is True


def test_hurt_feelings_is_coaching_not_danger(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You hurt my feelings when you laughed")
    assert not analysis.care and analysis.blaming and analysis.suggestion


def test_care_note_is_warm_and_names_no_number() -> None:
    note = nlp.CARE_NOTE
    assert "safe" in note and "emergency" in note and "crisis line" in note
    assert not any(ch.isdigit() for ch in note)


def test_the_committed_model_is_what_its_training_makes(pipeline: Loaded) -> None:
    """Retraining (about 5 s) gives the same readings and cues: the files in the repository are reproducible."""
    import spacy

    rows = care_model.read_rows(care_model.training_files())
    retrained, committed = care_model.train(rows), spacy.load(care_model.MODEL_DIR)
    texts = [row["text"].lower() for name in VALIDATION for row in read_jsonl(name)]
    for fresh, kept in zip(retrained.pipe(texts), committed.pipe(texts), strict=True):
        # Equal to the last bits on the machine that trained it; another CPU's float sums differ by ~1e-9.
        assert fresh.cats == pytest.approx(kept.cats, abs=1e-6), fresh.text
    words = [care_model.words_of(doc) for doc in pipeline.language.pipe(row["text"] for row in rows)]
    assert care_model.learn_cues(rows, words) == care_model.load_meta()["cues"]


@pytest.mark.parametrize("text, kind", [
    ("I feel safe with you", None),
    ("You made me feel safe last night", None),
    ("I feel so safe and secure when you hold me", None),
    ("I don't feel safe with you", "fear"),
    ("I do not feel safe at home", "fear"),
    ("I never feel safe when he drinks", "fear"),
    ("I only feel safe when he is out", "fear"),
])
def test_feeling_safe_reassures_and_not_feeling_safe_is_heard(pipeline, text, kind):
    """Found by a newcomer: warm lines with "safe" raised the danger note. Said plainly, "safe" reassures;
    denied, it is the danger the note is for."""
    assert nlp.analyze(text).care_kind == kind


EVERYDAY = ["He said the car is ready.", "Stop worrying, it'll be fine", "I never said that, I think it was a mix-up",
            "My legs hurt after the match on Sunday", "Can you take the car in for its MOT tomorrow?",
            "She told me the restaurant is fully booked, shall we try the pub?",
            "Dad said he'll pick the kids up from school", "Don't worry, I'll stop at the shop for milk on my way home",
            "I took the dog to the vet, she's fine", "I'll leave the key under the mat for your sister",
            "I'll be in the car park by the cinema"]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_sentences_that_share_words_with_danger_stay_quiet(pipeline: Loaded, text: str) -> None:
    """Found by a newcomer: "said", "car", "stop", "take", "leave" were cue words, so ordinary news raised
    the note (see "Everyday words" in nlp/care_model.py). None of these is a training row."""
    assert not nlp.analyze(text).care


@pytest.mark.parametrize("text, kind", [
    ("He keeps saying he'll kill me if I leave", "threat"),
    ("she slapped me across the face and took my phone", "violence"),
    ("He said he'd hurt me if I told anyone", "threat"),
    ("things got physical again last night", "violence"),  # no rule: the classifier with its cue words
    ("i just want everything to stop for good", "self_harm"),  # no rule, no cue word: a sure reading
    ("I'm too frightened to go home tonight", "fear"),
])
def test_clear_danger_told_in_everyday_words_still_raises_the_note(pipeline: Loaded, text: str, kind: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.care and analysis.care_kind == kind


def test_a_message_without_a_cue_word_needs_a_sure_reading(pipeline: Loaded) -> None:
    reader = pipeline.care
    assert reader is not None and reader.sure == care_model.load_meta()["cue_rule"]["sure"] > reader.threshold
    assert not care_model.words_of(pipeline.language("i just want everything to stop for good")) & reader.cues
