"""The suggestion writer alone (pure), and every sentence it can write checked by the analyzer."""
from __future__ import annotations

import itertools
import json

import nlp
from nlp.pipeline import Loaded
from nlp.rule_types import DATA_DIR, KINDS
from nlp.suggest import Coaching, FlaggedSentence, Topic, choose_topic, i_statement, load_coaching, write_suggestion

COACHING = load_coaching()
ALL_TOPICS = list(COACHING.topics) + [t for _, t in COACHING.fallbacks]


def sentence(words: str, *kinds: str) -> FlaggedSentence:
    return FlaggedSentence(words=frozenset(words.split()), kinds=kinds or ("absolute",))


def test_shape_is_feeling_observation_need() -> None:
    topic = Topic("t", frozenset({"dish"}), "overwhelmed", "the dishes pile up", "I'd like help.")
    assert i_statement(topic) == "I feel overwhelmed when the dishes pile up. I'd like help."


def test_topic_wins_over_kind_and_fallback_follows_kind_order() -> None:
    assert choose_topic(sentence("you always leave the dish", "label"), COACHING).id == "dishes"
    fallback = dict(COACHING.fallbacks)
    assert choose_topic(sentence("you so rude", "label", "absolute"), COACHING) == fallback["label"]


def test_nothing_flagged_means_no_suggestion() -> None:
    assert write_suggestion([], COACHING) is None


def test_same_topic_twice_is_written_once_and_at_most_three() -> None:
    dishes = sentence("dish")
    assert write_suggestion([dishes, dishes], COACHING) == i_statement(COACHING.topics[0])
    many = [sentence(w) for w in ("dish", "phone", "money", "late", "kids")]
    assert (write_suggestion(many, COACHING) or "").count("I feel") == 3


def test_feelings_are_varied_and_never_just_angry() -> None:
    feelings = {t.feeling for t in ALL_TOPICS}
    assert len(feelings) >= 10 and "angry" not in feelings


def test_templates_hold_no_absolutes_or_labels() -> None:
    lexicon = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))
    banned = set(lexicon["absolutes"]) | set(lexicon["labels"]) | {"ever", "every", "nothing"}
    for topic in ALL_TOPICS:
        words = set(i_statement(topic).lower().replace(".", " ").replace(",", " ").split())
        assert not words & banned, (topic.id, words & banned)


def test_fallbacks_cover_every_kind() -> None:
    assert isinstance(COACHING, Coaching) and {k for k, _ in COACHING.fallbacks} == set(KINDS)


def test_every_writable_statement_and_pair_passes_the_analyzer(pipeline: Loaded) -> None:
    singles = [i_statement(t) for t in ALL_TOPICS]
    pairs = [f"{a} {b}" for a, b in itertools.combinations(singles, 2)]
    results = nlp.analyze_many(singles + pairs)
    assert [r.text for r in results if r.blaming or r.care] == []


# Complaints built to be blaming: "always" openers take habits that hurt, "never" openers take
# care that is missing ("You never forget my birthday" is praise, so it is not generated).
ALWAYS = ["You always", "u ALWAYS", "Why do you always", "I feel like you always", "Every time we talk, you",
          "You're always so lazy when you"]
HABITS = ["leave the dishes in the sink", "look at your phone at dinner", "spend money without asking",
          "make plans without me", "take your mother's side", "work late", "yell at me",
          "walk away when we argue", "forget my birthday", "show up late", "leave the laundry"]
NEVER = ["You never", "u never", "Why do you never", "I feel like you never", "You just don't"]
MISSING = ["help with the laundry", "text me back", "show up on time", "listen to me",
           "put the kids to bed", "ask about my day", "say sorry", "clean the kitchen"]
GENERATED = [f"{o} {h}." for o in ALWAYS for h in HABITS] + [f"{o} {m}." for o in NEVER for m in MISSING]


def test_generated_complaints_get_suggestions_that_pass(pipeline: Loaded) -> None:
    analyses = nlp.analyze_many(GENERATED)
    assert [a.text for a in analyses if not (a.blaming and a.suggestion)] == []
    rechecked = nlp.analyze_many(sorted({a.suggestion for a in analyses if a.suggestion}))
    assert [r.text for r in rechecked if r.blaming] == []
    topical = [a for a in analyses if "dishes" in a.text]
    assert all("dishes" in (a.suggestion or "") for a in topical)
