"""The blame classifier: its corpus, its shipped weights and metadata, and the coach's one decision (real model)."""
from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest

import nlp
from nlp import blame_model
from nlp.blame_decision import MODEL_PREFIX, decision_words, is_feeling_when, opening
from nlp.blame_features import CORPUS_KINDS
from nlp.blame_thresholds import NEVER, SURE, TARGET_PRECISION, Seen, Thresholds, choose, flags
from nlp.evaluate import held_out_texts, predictions, score, splits
from nlp.pipeline import Loaded
from nlp.rule_types import KINDS
from nlp.train import features_fingerprint, figures

CORPUS = blame_model.read_corpus(blame_model.corpus_files())


def test_the_corpus_is_big_balanced_and_covers_every_kind() -> None:
    blaming = sum(row["blaming"] for row in CORPUS)
    assert blaming >= 3000 and len(CORPUS) - blaming >= blaming
    kinds = collections.Counter((row["blaming"], row["kind"]) for row in CORPUS)
    assert min(kinds.values()) >= 300 and {k for b, k in kinds if b} == set(CORPUS_KINDS)
    hard_negatives_only = {"writer_m.jsonl"}  # tops up kind messages alone (the corpus README says so)
    for path in blame_model.corpus_files():  # every other writer wrote every kind of blame (writer_d tops up)
        kinds = collections.Counter(row["kind"] for row in blame_model.read_corpus([path]) if row["blaming"])
        if path.name in hard_negatives_only:
            assert not kinds and len(blame_model.read_corpus([path])) >= 200, path.name
            continue
        assert set(kinds) == set(CORPUS_KINDS) and min(kinds.values()) >= 15, path.name


def test_the_tune_split_is_stable_and_about_an_eighth() -> None:
    share = sum(row["split"] == "tune" for row in CORPUS) / len(CORPUS)
    assert 0.10 <= share <= 0.14
    assert blame_model.split_of("You never listen.") == blame_model.split_of("  you never LISTEN. ")


def test_the_model_was_rebuilt_after_its_corpus_changed() -> None:
    meta = blame_model.load_meta()
    files = blame_model.corpus_files()
    assert meta["fingerprint"] == blame_model.fingerprint(files), "run: python -m nlp.train"
    assert meta["trained_on"] == [f.name for f in files] and meta["rows"] == len(CORPUS)
    assert meta["features_fingerprint"] == features_fingerprint(), "word classes changed: run python -m nlp.train"


def test_no_held_out_text_is_trained_or_tuned_on() -> None:
    known = held_out_texts()
    meta = blame_model.load_meta()
    assert meta["left_out_as_held_out"] == sum(row["text"].strip().lower() in known for row in CORPUS)
    assert meta["tune_rows"] == len(splits(held_out=False)["tune"])


def test_the_shipped_model_is_small() -> None:
    size = sum(path.stat().st_size for path in Path(blame_model.MODEL_DIR).rglob("*") if path.is_file())
    assert size < 4_000_000, size


@pytest.mark.parametrize("split", ["tune", "labelled tune"])
def test_the_shipped_model_scores_on_tune_what_its_metadata_says(pipeline: Loaded, split: str) -> None:
    rows: list[dict[str, Any]] = splits(held_out=False)[split]
    truth = [row["blaming"] for row in rows]
    found = predictions([row["text"] for row in rows])
    recorded = blame_model.load_meta()["figures"][split]
    assert recorded["lines"] == len(rows)
    for name, key in (("rules alone", "rules"), ("model alone", "model"), ("coach", "coach")):
        assert figures(found[name], truth) == recorded[key], name
    # Precision first, on the splits the thresholds were chosen on: both together reach blame_thresholds'
    # TARGET_PRECISION (below); each alone stays close (labelled tune: 291 lines, six false flags are 0.965).
    assert recorded["coach"]["precision"] >= 0.96
    assert blame_model.load_meta()["figures"]["both tune splits"]["coach"]["precision"] >= TARGET_PRECISION


def test_choose_keeps_precision_and_then_takes_all_the_recall_it_can() -> None:
    seen = [Seen(0.95, False, True, False, True), Seen(0.90, False, True, False, True),
            Seen(0.80, False, True, False, True), Seen(0.99, False, False, True, False),
            Seen(0.30, True, False, False, False), Seen(0.60, True, False, False, False)]
    truth = [True, True, False, True, False, True]
    at = choose(seen, truth, target=1.0)
    assert flags(seen, at) == truth and at.threshold == 0.9 and at.veto == 0.31
    assert choose(seen, [False] * 6) == Thresholds(0.0, NEVER, NEVER)


def test_a_sentence_with_no_cold_cue_needs_at_least_a_sure_classifier() -> None:
    """A bare `bare` of 0.97 once traded two kind lines ("You need to pick up the kids at five today") for tune
    recall: the classifier alone must be at least as sure there as it must be to open a warm sentence."""
    seen = [Seen(0.97, False, False, True, False), Seen(0.97, False, False, True, False),
            Seen(0.99, False, False, True, False)]
    at = choose(seen, [True, True, True], target=0.9)
    assert at.bare >= SURE and flags(seen, at) == [False, False, True]


CAUGHT = [  # the issue's kinds that slipped through: no rule names these, the classifier does ("You went behind
    # my back again" left: an idiom's rule names it now, tests/nlp/test_idioms.py)
    "I never get any help around here", "Nothing ever gets done unless I do it", "You broke your word",
    "you left the lights on AGAIN", "When are you going to learn?", "You're the rudest person I've ever met",
    "Oh sure, I'm certain you were just about to do it",
    "We always end up doing what you want",
    "I guess I just don't matter to you",
]
LEFT_ALONE = [  # the list of what the coach must keep leaving alone
    "I feel unheard when you don't ask what I think", "How do you like to wind down after a hard day?",
    "You always know how to calm me down", "I worry when I think you'll be out late",
    "You made me a card and it was lovely.", "You treat me like a queen",
    "Late shifts all week.",  # found by the export test: a fragment is said of no one
]


@pytest.mark.parametrize("text", CAUGHT)
def test_the_classifier_catches_what_no_rule_names(pipeline: Loaded, text: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.blaming and (analysis.suggestion or analysis.care), analysis
    (flag,) = analysis.flags
    assert flag.rule_id == MODEL_PREFIX + flag.kind and flag.kind in KINDS
    assert text[flag.start:flag.end] == flag.text and flag.explanation.endswith(".")
    assert not analysis.suggestion or not nlp.analyze(analysis.suggestion).blaming


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_kind_words_stay_unflagged(pipeline: Loaded, text: str) -> None:
    assert (nlp.analyze(text).blaming, nlp.analyze(text).suggestion) == (False, None)


def test_the_flagged_span_is_the_clause_about_the_partner(pipeline: Loaded) -> None:
    assert [f.text for f in nlp.analyze("Ugh. Seriously, you left the lights on AGAIN").flags] == [
        "you left the lights on AGAIN"]
    assert [f.text for f in nlp.analyze("You're the rudest person I've ever met.").flags] == [
        "You're the rudest person I've ever met"]


def test_guards_read_the_sentence(pipeline: Loaded) -> None:
    language, lexicon = pipeline.language, pipeline.rulebook.lexicon
    assert pipeline.coach is not None
    reading = pipeline.coach.reading

    def first(text: str) -> Any:
        return next(iter(language(text).sents))

    def opens(text: str) -> Any:
        doc = language(text)
        return opening(next(iter(doc.sents)), lexicon, reading.read(doc))

    assert is_feeling_when(first("I feel hurt when you're late"))
    assert is_feeling_when(first("I'm scared when you drive fast"))
    assert not is_feeling_when(first("I feel like you never listen"))
    assert not is_feeling_when(first("I feel that you're lazy"))
    assert not opens("It sounds like you think I'm lazy").hard  # a paraphrase frame
    assert not opens("You're so thoughtful, thank you").soft  # warm words
    assert opens("Why did you even say that?").cue  # a question
    assert not opens("You drive me to work on Mondays").cue


def test_a_paraphrase_does_not_veto_the_blame_after_it(pipeline: Loaded) -> None:
    assert pipeline.coach is not None
    doc = pipeline.language("So you're saying I'm a bad partner? You always exaggerate.")
    second = list(doc.sents)[1]
    assert decision_words(doc, pipeline.coach.reading) == pipeline.coach.reading.model_words(doc, [(second.start,
                                                                                                   second.end)])
    assert [f.text for f in nlp.analyze(doc.text).flags] == ["You always"]


def test_the_classifier_vetoes_rule_flags_on_thanks(pipeline: Loaded) -> None:
    text = "You always leave a light on for me when I'm on lates. It feels like someone's waiting up."
    assert pipeline.coach is not None
    doc = pipeline.language(text)
    assert doc.spans["hearth_blame"] and pipeline.coach.probability(doc) < pipeline.coach.reader.thresholds.veto
    assert not nlp.analyze(text).blaming


# Measured with the frozen model (python -m nlp.evaluate --held-out, 2026-11-30, retrained with writers g to m):
# labelled heldout P 0.977 R 0.933, heldout_b P 0.984 R 0.881, heldout_c P 0.978 R 0.863, heldout_d P 1.000 R
# 0.869, heldout_e P 0.931 R 0.763 (0.938 before an absolute over an unkind act stopped being vetoable), and
# heldout_f P 0.987 R 0.846. heldout_f (364 lines, written before that
# retraining by a fresh writer who read neither rules nor corpus) was run once; b to e had been measured before
# and were used to choose the retrained model over the one before it (pooled P 0.957 R 0.831 -> 0.975 R 0.850).
# heldout_g (344 lines, written on 2026-11-30 evening by another fresh writer, read by no one) was run once on this
# same frozen model: P 0.986 R 0.817.
# The floors sit just below, so a change that costs held-out quality fails here.
HELD_OUT_FLOORS = {"labelled heldout": (0.97, 0.92), "heldout_b": (0.97, 0.87), "heldout_c": (0.97, 0.85),
                   "heldout_d": (0.98, 0.86), "heldout_e": (0.93, 0.75), "heldout_f": (0.97, 0.83),
                   "heldout_g": (0.98, 0.81)}


@pytest.mark.parametrize("split", sorted(HELD_OUT_FLOORS))
def test_held_out_precision_and_recall(pipeline: Loaded, split: str) -> None:
    rows = splits(held_out=True)[split]
    truth = [row["blaming"] for row in rows]
    found = predictions([row["text"] for row in rows])
    coach, rules, keywords = (score(truth, found[name]) for name in ("coach", "rules alone", "keyword rule"))
    precision, recall = HELD_OUT_FLOORS[split]
    assert coach.precision >= precision and coach.recall >= recall, coach
    assert coach.recall > rules.recall and coach.f1 > rules.f1 and coach.f1 > keywords.f1


def test_calm_sentences_around_a_blame_do_not_veto_it(pipeline: Loaded) -> None:
    """Found by the scene editor's test: "You never." glued before an I-statement must still read as blame."""
    text = "You never. I get worried when I don't hear from you. A quick text would help me relax."
    assert pipeline.coach is not None
    doc = pipeline.language(text)
    assert pipeline.coach.probability(doc) < pipeline.coach.reader.thresholds.veto  # the message reads calm...
    assert [f.text for f in nlp.analyze(text).flags] == ["You never"]  # ...but its first sentence doesn't
