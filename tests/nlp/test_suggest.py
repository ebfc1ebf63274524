"""The suggestion writer: the observation is the writer's own clause, one "I" statement, checked by the analyzer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlp
from nlp.errors import RuleFileError
from nlp.evaluate import score_suggestions, splits
from nlp.clause_words import load_clause_words
from nlp.observation import Observation, observe
from nlp.pipeline import Loaded
from nlp.suggest import FlaggedSentence, load_coaching, write_suggestion

COACHING = load_coaching()
WORDS = load_clause_words()

# original -> the observation (as observation.observe writes it)
CLAUSES = [
    ("You ALWAYS leave your dishes in the sink!!", "you leave your dishes in the sink"),
    ("Why do you never text me back?", "you don't text me back"),
    ("You're always late and you don't even call", "you're late and don't call"),
    ("We always end up doing what you want", "we end up doing what you want"),
    ("u never txt me back wen ur out", "you don't text me back when you're out"),
    ("Why did you even say that?", "you said that"),
    ("You've never once said sorry.", "you've not said sorry"),
    ("u left the lights on AGAIN", "you left the lights on"),
    ("I'm the one who's left waiting outside the cinema every time", "I'm left waiting outside the cinema"),
    ("You made me miss the start of the play because you wouldn't get off the call.",
     "I missed the start of the play"),
]


@pytest.mark.parametrize(("text", "clause"), CLAUSES)
def test_the_observation_is_the_originals_clause_made_plain(pipeline: Loaded, text: str, clause: str) -> None:
    sentence = next(iter(pipeline.language(text).sents))
    assert observe(sentence, WORDS).clause == clause


# original -> the suggestion keeps these words and drops those (the kinds, in our own words)
KEEPS = [
    ("You ALWAYS leave your dishes in the sink!!", ["dishes", "sink"], ["always", "ALWAYS", "!!"]),
    ("Why do you never text me back?", ["text me back", "Could you"], ["never", "Why"]),
    ("u never txt me back wen ur out", ["text me back", "when you're out"], [" u ", "txt", "wen", "never"]),
    ("You broke your word", ["broke your word", "I felt"], []),
    ("you left the lights on AGAIN", ["left the lights on"], ["AGAIN", "again"]),
    ("Why did you even say that?", ["said that", "I felt"], ["even", "Why"]),
    ("You should help more around the house", ["help more around the house"], ["should"]),
    ("You should have asked me first.", ["ask me first"], ["should", "have asked"]),
    ("You constantly criticise everything I do.", ["criticise what I do"], ["constantly", "everything"]),
    ("I never get any help around here", ["help around here"], ["never"]),
    ("You weren't there when I needed you", ["weren't there when I needed you"], []),
    # the feeling's tense follows the verb's form, not only the tagger (found by a newcomer's probe)
    ("You forgot to pick up the kids AGAIN", ["I felt", "you forgot to pick up the kids"], ["AGAIN", "I feel"]),
    ("You always hog the duvet", ["I feel", "you hog the duvet"], ["always", "I felt"]),
    ("You keep talking over me", ["you talk over me"], ["keep"]),  # "keep <verb>ing" is the habit, said plainly
    ("You kept interrupting me at dinner.", ["you interrupted me at dinner"], ["kept"]),
    # the noun of a compound preposition is no thing to talk about ("how things went with front")
    ("You always put me down in front of them.", [], ["front"]),
    ("You always criticise my cooking in front of your mum.", ["in front of your mum"], ["always"]),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), KEEPS)
def test_suggestion_keeps_the_writers_words(pipeline: Loaded, text: str, kept: list[str],
                                            dropped: list[str]) -> None:
    suggestion = nlp.analyze(text).suggestion or ""
    assert all(words in suggestion for words in kept), suggestion
    assert not any(words in f" {suggestion} " for words in dropped), suggestion
    assert not nlp.analyze(suggestion).blaming


def test_a_sentence_that_names_nothing_gets_a_general_sentence(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("You're so selfish.").suggestion or ""
    generals = {f"when {g.observation}. {g.need}" for kind in COACHING.general.values() for g in kind}
    assert any(suggestion.endswith(general) for general in generals), suggestion
    assert "selfish" not in suggestion


def test_several_flagged_sentences_give_one_i_statement(pipeline: Loaded) -> None:
    text = "You always leave the dishes for me. And you're always on your phone. You never listen."
    suggestion = nlp.analyze(text).suggestion or ""
    assert suggestion.count("I feel") + suggestion.count("I felt") == 1 and "dishes" in suggestion


def test_a_compliment_gets_no_rewrite(pipeline: Loaded) -> None:
    for text in ("You always know how to calm me down", "You never forget my birthday. Thank you."):
        assert nlp.analyze(text).suggestion is None
    warm = next(iter(pipeline.language("You always make the best coffee").sents))
    assert not observe(warm, WORDS).concrete


def test_the_writer_is_pure_and_chooses_by_the_text() -> None:
    seen = Observation("you leave your dishes in the sink", "", False, ("your dishes",), frozenset({"dish"}))
    one = FlaggedSentence("You always leave your dishes in the sink", ("absolute",), seen)
    assert write_suggestion([one], COACHING) == write_suggestion([one], COACHING)
    assert write_suggestion([], COACHING) is None
    texts = {write_suggestion([FlaggedSentence(f"line {i}", ("label",), Observation("", "", False, (),
                                                                                    frozenset()))], COACHING)
             for i in range(40)}
    assert len(texts) >= 5  # a kind does not always give the same words


def test_feelings_are_varied_and_never_just_angry() -> None:
    feelings = {f for fs in COACHING.feelings.values() for f in fs} | {f for t in COACHING.topics
                                                                      for f in t.feelings}
    assert len(feelings) >= 20 and "angry" not in feelings


def test_loader_rejects_a_bad_file(tmp_path: Path) -> None:
    raw = json.loads((Path(nlp.__file__).parent / "data" / "coaching.json").read_text(encoding="utf-8"))
    raw["requests"] = ["Could you help?"]  # no {request}
    bad = tmp_path / "coaching.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RuleFileError, match="requests"):
        load_coaching(bad)
    bad.write_text(json.dumps({**raw, "extra": 1}), encoding="utf-8")
    with pytest.raises(RuleFileError, match="exactly the keys"):
        load_coaching(bad)


def test_suggestion_figures_on_the_tune_split(pipeline: Loaded) -> None:
    figures = score_suggestions(splits(held_out=False)["tune"])
    assert figures.flagged > 200
    assert figures.pass_rate >= 0.98
    assert figures.topic_rate >= 0.62  # measured 0.655 (209/319) on 2026-11-30; issue 14 asks for 0.85: not yet
    assert figures.most_shared_rate <= 0.05
