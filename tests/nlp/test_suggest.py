"""The suggestion writer: the observation is the writer's own clause, one "I" statement, checked by the analyzer."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Span

import nlp
from nlp.errors import RuleFileError
from nlp.evaluate import score_suggestions, splits
from nlp.clause_reading import is_swearing, read_words
from nlp.analysis import _flagged_sentences
from nlp.clause_words import Word, load_clause_words
from nlp.component import BLAME_KEY
from nlp.observation import Observation, observe
from nlp.pipeline import Loaded
from nlp.suggest import FlaggedSentence, _feeling, load_coaching, write_suggestion
from .checks import heard, judged

COACHING = load_coaching()
WORDS = load_clause_words()
GENERALS = {f"when {g.observation}. {g.need}" for kind in COACHING.general.values() for g in kind}

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


@pytest.mark.parametrize(("text", "label", "thing"), [
    ("I think you're being a bit of a martyr about the cooking.", "a martyr", "the cooking"),  # tune, 2026-11-30
    ("You're kind of a snob about the wine.", "a snob", "the wine"),
    ("You've turned into a right miser about the heating.", "a right miser", "the heating"),
    ("You're such a martyr about the washing.", "a martyr", "the washing"),
])
def test_what_the_partner_is_called_is_never_the_topic(pipeline: Loaded, text: str, label: str, thing: str) -> None:
    """A noun phrase saying what the partner is, after a be-form, "such", a hedge's "of" or becoming's "into",
    is the label, not what the complaint is about."""
    things = observe(next(iter(pipeline.language(text).sents)), WORDS).things
    assert label not in things and thing in things, things


@pytest.mark.parametrize(("text", "thing"), [
    ("Nobody in this house remembers the dog needs feeding.", "the dog"),  # tune, 2026-11-30
    ("Nobody in this family remembers the vet appointments but me.", "the vet appointments"),
])
def test_a_warm_word_under_nobody_is_no_thanks_and_the_setting_comes_last(pipeline: Loaded, text: str,
                                                                         thing: str) -> None:
    """"remembers" is warm, but nobody does it: the things are kept, and the subject's "in this house" is not
    the topic when the sentence names another."""
    suggestion = nlp.analyze(text).suggestion
    assert suggestion is not None and thing in suggestion, suggestion


@pytest.mark.parametrize(("text", "thing"), [
    ("Every time I post a picture you ask who liked it.", "a picture"),  # tune, 2026-11-30: "liked" is warm
    ("I feel like you care more about your followers than about me.", "followers"),  # "care" is warm
])
def test_a_warm_word_in_a_sentence_a_rule_flagged_is_no_thanks(pipeline: Loaded, text: str, thing: str) -> None:
    suggestion = nlp.analyze(text).suggestion
    assert suggestion is not None and thing in suggestion, suggestion


@pytest.mark.parametrize("text", ["I feel like you don't care about anything I say.",
                                  "You don't appreciate anything I do around here."])
def test_a_relative_clause_is_never_the_observation(pipeline: Loaded, text: str) -> None:
    """Found by a newcomer: "anything I say" gave "I feel discouraged when I say." """
    suggestion = nlp.analyze(text).suggestion
    assert suggestion is not None and "when I say." not in suggestion and "when I do around" not in suggestion


def test_a_metaphor_after_as_is_not_the_topic(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("i feel like u just use me as a free taxi").suggestion
    assert suggestion is not None and "taxi" not in suggestion, suggestion


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
    assert any(suggestion.endswith(general) for general in GENERALS), suggestion
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


def test_the_feeling_is_never_said_twice_in_one_statement() -> None:
    """Found on the tune split: "I feel tense when things get this tense between us." Every kind's general
    sentences, every wording, over many texts: the feeling's words appear once."""
    nothing = Observation("", "", False, (), frozenset())
    for kind in COACHING.general:
        for i in range(200):
            said = write_suggestion([FlaggedSentence(f"line {i}", (kind,), nothing)], COACHING)
            assert said is not None
            found = re.match(r"I feel (\w+(?: \w+)*?) when (.*)", said)
            assert found, said
            feeling, rest = found.groups()
            assert not set(feeling.split()) & set(re.findall(r"[a-z']+", rest.lower())), said


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


def _swears(text: str) -> list[str]:
    """The words of a suggestion that swear (clauses.json's "swearing", or starred out)."""
    return [w for w in re.findall(r"[\w*']+", text.lower()) if is_swearing(Word(w, w, w, "XX"), WORDS)]


# Found by a newcomer: "give a shit" kept its swear word and made it the topic ("Could we talk about a shit?"), and
# "give a damn" lost it mid-idiom ("give a about"). Every idiom of not caring reads as caring, in any tense.
NOT_CARING = [
    ("You don't give a shit about this house.", "you don't seem to care about this house"),
    ("You clearly don't give a damn about this family.", "you don't seem to care about this family"),
    ("You don't give a toss about the kids.", "you don't seem to care about the kids"),
    ("You don't give a monkey's about the garden.", "you don't seem to care about the garden"),
    ("You don't give a flying fuck about my feelings.", "you don't seem to care about my feelings"),
    ("You don't give a f*** about the bills.", "you don't seem to care about the bills"),
    ("You couldn't give two shits about the kids.", "you don't seem to care about the kids"),
    ("You couldn't care less about my job.", "you don't seem to care about my job"),
    ("You never gave a toss about my mum.", "you didn't seem to care about my mum"),
    ("Do you even give a damn about the dishes?", "you don't seem to care about the dishes"),
    # not flagged (blame detection is not this test's business), but read the same way if it were
    ("You never give a damn about my feelings.", "you don't seem to care about my feelings"),
]


@pytest.mark.parametrize(("text", "clause"), NOT_CARING)
def test_an_idiom_of_not_caring_reads_as_caring(pipeline: Loaded, text: str, clause: str) -> None:
    sentence = next(iter(pipeline.language(text).sents))
    seen = observe(sentence, WORDS)
    assert seen.clause == clause and not seen.request  # "Could you seem to care?" asks for nothing
    assert not any(_swears(thing) for thing in seen.things), seen.things


def test_giving_a_shit_is_never_the_topic(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("You don't give a shit about this house.").suggestion or ""
    assert "when you don't seem to care about this house" in suggestion and "a shit" not in suggestion, suggestion
    assert not _swears(suggestion) and not nlp.analyze(suggestion).blaming


SWEARING = [  # original -> the words the suggestion keeps, the swearing dropped cleanly around them
    ("Get off your bloody phone.", ["get off your phone"]),
    ("You never do the fucking dishes.", ["you don't do the dishes"]),
    ("Damn, you left the lights on again.", ["you left the lights on"]),
    ("You're always on your shitty phone at dinner.", ["you're on your phone at dinner"]),
    ("Why the hell do you leave the bloody dishes in the sink?", ["you leave the dishes in the sink"]),
    ("Why can't you just do the damn laundry?", ["you don't do the laundry"]),
    ("Where the fuck were you?", []),
    ("You left your crap all over the kitchen again.", []),
    ("You leave your shit everywhere.", []),  # nothing clean is left: the general sentence
    ("Clean up your shit for fuck's sake.", []),
    ("You don't give a sh*t about me.", []),
]


@pytest.mark.parametrize(("text", "kept"), SWEARING)
def test_a_suggestion_never_swears(pipeline: Loaded, text: str, kept: list[str]) -> None:
    suggestion = nlp.analyze(text).suggestion or ""
    assert suggestion and not _swears(suggestion), suggestion
    assert all(words in suggestion for words in kept), suggestion


def test_a_clause_with_nothing_clean_left_gets_the_general_sentence(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("You leave your shit everywhere.").suggestion or ""
    assert any(suggestion.endswith(general) for general in GENERALS), suggestion


# Found by a newcomer: "Do you ever listen when I talk?" -> "I feel alone when you listen when I talk", the act
# the writer misses said as the complaint. A yes/no question that implies "never" says the "never".
IMPLIED_NEVER = [
    ("Do you ever think before you speak?", ""),  # "you don't think ...": nothing plain to say, not "you speak"
    ("Do you ever listen when I talk?", ""),  # "you don't listen": asked for, not said as blame
    ("Do you even think about anyone else?", ""),
    ("Did you even read my message?", "you didn't read my message"),
    ("Have you ever once cleaned the bathroom?", "you've not cleaned the bathroom"),
    ("Are you ever on time?", "you're not on time"),
    ("Were you ever planning to tell me?", "you were not planning to tell me"),
    ("Would it kill you to be on time?", "you aren't on time"),
    ("Is it too much to ask that you text me back?", "you don't text me back"),
    ("How hard is it to put a plate in the dishwasher?", "you don't put a plate in the dishwasher"),
    ("Could you for once take the bins out?", "you don't take the bins out"),
    ("You never think before you speak.", ""),  # the same kind, said outright
]


@pytest.mark.parametrize(("text", "clause"), IMPLIED_NEVER)
def test_an_accusing_question_says_the_never_it_implies(pipeline: Loaded, text: str, clause: str) -> None:
    sentence = next(iter(pipeline.language(text).sents))
    assert observe(sentence, WORDS).clause == clause


ACCUSING_QUESTIONS = [  # original -> what the suggestion asks for or says (never the act itself as the complaint)
    ("Do you ever think before you speak?", []),
    ("Do you ever listen when I talk?", ["could listen when I talk"]),
    ("Do you even think about anyone else?", []),
    ("Have you ever once cleaned the bathroom?", ["when you've not cleaned the bathroom"]),
    pytest.param("Would it kill you to help with dinner?", [], marks=pytest.mark.xfail(
        strict=True, reason="the coach does not flag it yet (issue 14): no suggestion to check")),
    ("Is it too much to ask that you text me back?", ["when you don't text me back"]),
    ("Can't you ever just listen?", ["could listen"]),
    ("Could you for once take the bins out?", ["when you don't take the bins out"]),
    ("Did you even read my message?", ["when you didn't read my message"]),
]


@pytest.mark.parametrize(("text", "said"), ACCUSING_QUESTIONS)
def test_an_accusing_question_never_states_the_act_as_the_complaint(pipeline: Loaded, text: str,
                                                                     said: list[str]) -> None:
    suggestion = nlp.analyze(text).suggestion
    assert suggestion is not None, "not flagged"
    assert all(words in suggestion for words in said), suggestion
    when = re.search(r" when (you[^.]*)\.", suggestion)
    assert when is None or re.search(r"\b(don't|didn't|not|aren't|weren't)\b", when.group(1)), suggestion
    if not said:
        assert any(suggestion.endswith(general) for general in GENERALS), suggestion


@pytest.mark.parametrize("text", ["Do you even hear yourself?", "You never look at yourself.",
                                  "Why don't you ever listen to yourself?"])
def test_a_request_about_the_partners_own_self_is_never_offered(pipeline: Loaded, text: str) -> None:
    suggestion = nlp.analyze(text).suggestion
    assert suggestion is not None, "not flagged"
    assert "yourself" not in suggestion.split(". ", 1)[1], suggestion  # "Would you be willing to hear yourself?"


def test_clause_words_loader_rejects_a_bad_file(tmp_path: Path) -> None:
    raw = json.loads((Path(nlp.__file__).parent / "data" / "clauses.json").read_text(encoding="utf-8"))
    bad = tmp_path / "clauses.json"
    bad.write_text(json.dumps({**raw, "not_caring": ["give a damn"]}), encoding="utf-8")  # a list, not a mapping
    with pytest.raises(RuleFileError, match="not_caring"):
        load_clause_words(bad)
    bad.write_text(json.dumps({k: v for k, v in raw.items() if k != "swearing"}), encoding="utf-8")
    with pytest.raises(RuleFileError, match="exactly the keys"):
        load_clause_words(bad)


def test_suggestion_figures_on_the_tune_split(pipeline: Loaded) -> None:
    figures = score_suggestions(splits(held_out=False)["tune"])
    assert figures.flagged > 200
    assert figures.pass_rate >= 0.98
    assert figures.topic_rate >= 0.75  # measured 0.772 (383/496) on 2026-11-30; issue 14 asks for 0.85: not yet
    assert figures.most_shared_rate <= 0.05


# Issue 14, the topic kept: each kind of miss on the tune split, in our own words, with a look-alike that must not
# change. Original -> words the observation (clause, request or things) or the suggestion keeps.
def _seen(pipeline: Loaded, text: str) -> Observation:
    return observe(next(iter(pipeline.language(text).sents)), WORDS)


@pytest.mark.parametrize(("text", "clause"), [
    ("You always leave the half-eaten toast on the sofa.", "you leave the half-eaten toast on the sofa"),
    ("You changed the e-mail password without telling me.", "you changed the e-mail password without telling me"),
    ("You left at half past six - again.", "you left at half past six"),  # a spaced dash still ends the clause
])
def test_a_hyphenated_word_is_one_word(pipeline: Loaded, text: str, clause: str) -> None:
    """Found on the tune split: "a lie-in" became "a lie", "the Wi-Fi password" "the Wi"."""
    assert _seen(pipeline, text).clause == clause


@pytest.mark.parametrize(("text", "thing"), [
    ("You never clean the inside of the oven.", "the inside of the oven"),
    ("My view on the holiday budget never counts with you.", "my view on the holiday budget"),
    ("You're always cold with my dad about the garden.", "the garden"),  # a relative takes no "about"
])
def test_a_noun_keeps_its_complement(pipeline: Loaded, text: str, thing: str) -> None:
    """"my opinion on the mortgage" was said as "my opinion"; but "cold with my dad about the garden" is cold
    about the garden, not about "my dad about the garden"."""
    things = _seen(pipeline, text).things
    assert thing in things and "my dad about the garden" not in things, things


@pytest.mark.parametrize(("text", "clause"), [
    ("I end up folding the laundry while you play on the console.",
     "I end up folding the laundry while you play on the console"),
    ("You play on the console while I fold the laundry.", "you play on the console while I fold the laundry"),
])
def test_the_writers_clause_before_while_you_is_the_complaint(pipeline: Loaded, text: str, clause: str) -> None:
    """"I end up walking the dog while you sleep in" was said as "when you sleep in": the dog was lost."""
    assert _seen(pipeline, text).clause == clause


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("You borrowed my own car without asking.", "my own car", ""),
    ("You never ring your own brother.", "your brother", "own"),  # "your own" presses the point
])
def test_own_stays_after_my_and_goes_after_your(pipeline: Loaded, text: str, kept: str, dropped: str) -> None:
    suggestion = nlp.analyze(text).suggestion or ""
    assert kept in suggestion and (not dropped or f" {dropped} " not in suggestion), suggestion


@pytest.mark.parametrize(("text", "thing"), [
    ("I feel like you treat our house like a hotel.", "our house"),
    ("You make me feel like a guest in my own kitchen.", "my own kitchen"),
])
def test_a_comparison_is_no_thanks(pipeline: Loaded, text: str, thing: str) -> None:
    """"like" (vaderSentiment rates it warm) as a preposition, and "treat" beside it, read as thanks: the topic
    was lost and a general sentence given. Half a comparison ("when you treat our house") is never said."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert thing in suggestion and "hotel" not in suggestion and "guest" not in suggestion, suggestion
    assert "when you treat" not in suggestion
    assert nlp.analyze("You always make the best coffee").suggestion is None  # still thanks


def test_sarcastic_thanks_lends_its_things(pipeline: Loaded) -> None:
    """"Oh cool, you remembered the dry cleaning. Just kidding, you didn't." gave a general sentence: in a
    message flagged as contempt, the warm sentence's words are the jab and its things the topic."""
    suggestion = nlp.analyze("Oh great, you remembered to book the vet. Just kidding, you didn't.").suggestion or ""
    assert "the vet" in suggestion, suggestion
    assert nlp.analyze("Thanks for emptying the dishwasher, love.").suggestion is None


@pytest.mark.parametrize(("text", "asked"), [("Want a medal?", ""), ("Take the bins out.", "take the bins out")])
def test_an_offer_question_is_no_order(pipeline: Loaded, text: str, asked: str) -> None:
    """"Want a medal?" gave "I'd love it if you could want a medal"."""
    assert _seen(pipeline, text).request == asked


@pytest.mark.parametrize(("text", "clause"), [
    ("Every time I bring up the wedding budget you leave the room.",
     "I bring up the wedding budget and you leave the room"),
    ("Whenever I mention my sister, you change the subject.", "I mention my sister and you change the subject"),
    ("You leave the room every time.", "you leave the room"),
    ("When I ask you to help you sigh.", ""),  # the partner is the object of the writer's clause: no occasion
])
def test_the_occasion_of_the_partners_act_is_kept(pipeline: Loaded, text: str, clause: str) -> None:
    """"Every time I mention counselling you change the subject" lost counselling: the occasion is the topic."""
    seen = _seen(pipeline, text)
    assert seen.clause == clause or (not clause and not seen.clause.startswith("I ")), seen.clause


@pytest.mark.parametrize(("text", "thing"), [("You waste my time with your excuses.", "my time"),
                                              ("It's your fault.", None)])
def test_a_vague_noun_someone_owns_is_a_thing(pipeline: Loaded, text: str, thing: str | None) -> None:
    things = _seen(pipeline, text).things
    assert (thing in things) if thing else not things, things


@pytest.mark.parametrize(("text", "thing"), [("How can you sleep through the baby screaming?", "the baby"),
                                              ("You act like a baby.", None)])
def test_a_label_word_after_the_names_a_person(pipeline: Loaded, text: str, thing: str | None) -> None:
    """"baby" is a label ("you're such a baby"); "the baby" is the baby."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert (thing in suggestion) if thing else any(suggestion.endswith(g) for g in GENERALS), suggestion


def test_a_promise_recalled_is_no_thanks(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("You stayed at the pub before my interview when you promised you'd take me.").suggestion
    assert suggestion is not None and "my interview" in suggestion and "promised" in suggestion, suggestion
    assert nlp.analyze("Thank you for keeping your promise.").suggestion is None


@pytest.mark.parametrize(("text", "said"), [
    ("The recycling bin is overflowing. You never empty it.", "when you don't empty the recycling bin"),
    ("My parents came for lunch. You kept them waiting for an hour.", "you kept my parents waiting"),
    ("The bins are full. You never take it out.", "take it out"),  # "it" is not the bins
    ("I asked about the party. You said it was fine.", "you said it was fine"),  # "it" is a subject there
])
def test_it_and_them_name_the_thing_the_sentence_before_named(pipeline: Loaded, text: str, said: str) -> None:
    """"The washing is still in the machine. You never move it" gave "when you don't move it"."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert said in suggestion, suggestion
    assert not nlp.analyze(suggestion).blaming


def test_a_count_starts_a_new_thing(pipeline: Loaded) -> None:
    """"You've made me late for work three times" gave "how things went with work three times"."""
    assert _seen(pipeline, "You kept me waiting at the station three times this month.").things == ("the station",)


def test_ur_before_a_bare_verb_is_your(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("u never do ur share").suggestion or ""
    assert "your share" in suggestion and "you're share" not in suggestion, suggestion
    assert "you're" in _seen(pipeline, "ur going out again").clause


@pytest.mark.parametrize(("text", "said"), [
    ("ur never on time for anything ngl", "when you're not on time for anything."),
    ("u r never on time", "when you are not on time"),
    ("youre never ready when we need to leave", "when you're not ready when we need to leave"),
    ("youve never asked about my day", "when you've not asked about my day"),
])
def test_a_contraction_typed_without_its_apostrophe_keeps_its_negation(text: str, said: str) -> None:
    """"ur never on time for anything ngl" gave "I feel worn down when you're on time for anything ngl": the "re"
    of "ur" was read as no verb, so "never" had nowhere to go; "youre never ready ..." was not heard at all."""
    assert said in (heard(text).suggestion or "")


@pytest.mark.parametrize(("text", "blames"), [
    ("You're the most selfish person I know", True),
    ("I swear you're the most stubborn man alive", True),
    ("You're the most beautiful person I know", False),
    ("you're the most patient person, thank you", False),
])
def test_the_most_before_a_label_is_a_label(text: str, blames: bool) -> None:
    judged(text, blames)


@pytest.mark.parametrize(("text", "unsaid"), [
    ("You're the rudest person I've ever met", "I've met"),  # gave "I feel hurt when I've met."
    ("You're the most disorganised person I've ever met", "I've met"),
    ("you're the laziest man alive on a Sunday", "about man."),  # gave "I've been feeling low about man."
])
def test_a_superlatives_relative_and_noun_are_the_label(text: str, unsaid: str) -> None:
    suggestion = heard(text).suggestion or ""
    assert unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("every festival its the same, u vanish w ur mates n i cant find u for hours", "with your mates", " w "),
    ("i think you're just lazy about the dog tbh", "about the dog.", "tbh"),
    ("nothing i say gets through to u tbh", "", "tbh"),
])
def test_texting_asides_and_short_words_are_read(text: str, said: str, unsaid: str) -> None:
    """"Could we talk about anything ngl?", "I'd like us to work out w together.", "when it comes to tbh"."""
    suggestion = heard(text).suggestion or ""
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "unsaid"), [
    ("i feel like u care more about ur ranked games than me", "you're ranked"),
    ("u care more about ur mates than me", "you're mates"),
    ("u always leave ur stuff on the stairs", "you're stuff"),
])
def test_ur_after_a_preposition_is_your(text: str, unsaid: str) -> None:
    """"about ur ranked games" gave "I feel drained when you're ranked games than me": "ranked" is tagged as a
    verb, and "ur" before a verb was read as "you're"; after a preposition it is "your" (texting.OWNED_AFTER)."""
    suggestion = heard(text).suggestion or ""
    assert unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "things"), [
    ("You turned your nose up at my dad's curry.", ("my dad's curry",)),
    ("You rolled your eyes when I talked about the move.", ("the move",)),
    ("You left your bike in the hall.", ("your bike", "the hall")),
])
def test_an_idioms_body_part_is_no_thing(pipeline: Loaded, text: str, things: tuple[str, ...]) -> None:
    """"turning your nose up at my mum's food" gave "how things went with the nose"; "Could we talk about the
    eyes?" after "you roll your eyes"."""
    assert _seen(pipeline, text).things == things


@pytest.mark.parametrize(("text", "clause", "thing"), [
    ("You're rude to my sister when you've had a drink.", "", "my sister"),
    ("You leave the dishes when you go out.", "you leave the dishes when you go out", "the dishes"),
])
def test_when_after_a_label_is_the_circumstance_not_the_complaint(pipeline: Loaded, text: str, clause: str,
                                                                  thing: str) -> None:
    """"You're rude to waiters when you're stressed from work" gave "I feel shaken when you're stressed from
    work": the label says nothing plain, but its things are the topic, and "when you ..." only says when."""
    seen = _seen(pipeline, text)
    assert seen.clause == clause and seen.things[0] == thing, seen


# a negated "be" or auxiliary, said as English says it and meaning what the writer meant (newcomer's trial)
@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("Can you for once not be glued to your phone at dinner?", "when you're glued to your phone", "not aren't"),
    ("Can't you for once not be late to my parents' dinner?", "when you're late to my parents' dinner", "aren't"),
    ("Why can't you just be on time for once", "when you aren't on time", "don't be"),
    ("Why can't you just be honest about the money?", "when you aren't honest about the money", "don't be"),
    ("Do you not see the mess in the kitchen?", "when you don't see the mess in the kitchen", "you see"),  # alike
])
def test_a_negated_be_or_auxiliary_keeps_grammar_and_meaning(pipeline: Loaded, text: str, said: str,
                                                           unsaid: str) -> None:
    """Two negations ("for once *not*", "can't you *not*") say that it happens; a bare "be" after "you" is
    "you're", after "don't" it is "aren't"."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "whole"), [
    ("how hard is it to text me when you're gonna be late??", "when you're gonna be late"),
    ("Would it kill you to call when you're gonna miss dinner?", "when you're gonna miss dinner"),
    ("Would it kill you to tell me when you gotta work late?", "when you gotta work late"),
])
def test_a_word_the_tokenizer_split_is_said_whole(pipeline: Loaded, text: str, whole: str) -> None:
    """spaCy reads "gonna" as "gon" + "na": the writer wrote one word, and the suggestion says it."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert whole in suggestion and not re.search(r"\b(gon na|got ta|wan na)\b", suggestion), suggestion


def test_cannot_is_no_split_word(pipeline: Loaded) -> None:
    """The look-alike: "cannot" is two words to the reader, "can" and "not", not one word glued back."""
    sentence = next(iter(pipeline.language("You cannot keep leaving the door open.").sents))
    assert "cannot" not in {w.lower for w in read_words(sentence, WORDS, frozenset())}


@pytest.mark.parametrize(("text", "asked", "unasked"), [
    ("you never initiate anything, it's always me who has to make the first move", "", "initiate anything"),
    ("You never plan anything for us.", "", "plan anything"),
    ("You're so lazy and you never help and you always complain.", "could help.", "help and complain"),
    ("you never help and you always moan about my cooking", "could help.", "help and moan"),
    ("You never call and you're always busy", "could call.", "call and"),
    ("You never cook and never clean", "could cook and clean", "cook and don't"),
    ("You never plan the weekend", "the weekend", "plan anything"),  # the look-alike: a named object stays
])
def test_a_request_asks_only_for_the_denied_acts_and_never_for_a_sweeping_object(
        pipeline: Loaded, text: str, asked: str, unasked: str) -> None:
    """What is complained of ("you always complain") is never asked for; "anything" is no act to ask for."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert suggestion and asked in suggestion and "and're" not in suggestion, suggestion
    assert not any(f"{lead} {unasked}" in suggestion for lead in ("you", "to", "could")), suggestion


@pytest.mark.parametrize(("rest", "feeling"), [
    ("when I'm not sure where we are.", "unsure of us"),
    ("when it isn't easy to talk.", "uneasy"),
    ("when I don't feel secure.", "insecure"),
])
def test_a_feeling_is_not_said_twice_in_two_forms(rest: str, feeling: str) -> None:
    """"I feel unsure of us when I'm not sure where we are": the root of a negated feeling counts as said."""
    picked = {_feeling((feeling, "tired"), seed, rest) for seed in range(4)}
    assert picked == {"tired"}, picked
    assert _feeling(("unsure of us", "tired"), 0, "when you leave the dishes.") == "unsure of us"  # the look-alike


def test_a_feeling_word_said_twice_in_the_trials_line(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("I feel like you don't care about me at all").suggestion or ""
    assert suggestion and not ("unsure" in suggestion and "not sure" in suggestion), suggestion


# The newcomer's second trial: each kind of fault, its example, a fresh look-alike, and where useful a neighbour
# that must not change. Some examples are not flagged by today's classifier (another engineer's work), so the
# suggestion is written here for the message's sentences as if each were flagged.
def _suggested(pipeline: Loaded, text: str, kind: str = "accusatory_question") -> str:
    doc = pipeline.language(text)
    spans = list(doc.spans[BLAME_KEY]) or [Span(doc, s.start, s.end, label=kind) for s in doc.sents]
    return write_suggestion(_flagged_sentences(doc, spans), COACHING) or ""


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("how many times do I have to ask you to close the garage", "when you don't close the garage", "you to"),
    ("I asked you to take the bins out", "when you didn't take the bins out", "you to"),  # look-alike
    ("I keep telling you to lock the back door", "when you don't lock the back door", "you to"),
])
def test_the_partner_asked_to_act_is_the_act_not_done(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    """"ask you to close the garage" gave "when you to close the garage"."""
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("don't bother coming to bed, you'll just scroll anyway", "when you scroll", "you'll"),
    ("You'll be on your laptop all night again", "when you're on your laptop", "you'll"),  # look-alike
    ("you always say you'll cook and then it's 9pm", "you say you'll cook", "you say you cook"),  # unchanged
    ("you won't listen to me about the car", "you won't listen", "you don't listen"),  # a refusal stays
])
def test_a_will_after_the_subject_is_said_as_a_when_clause_says_it(pipeline: Loaded, text: str, said: str,
                                                                  unsaid: str) -> None:
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("What is wrong with you, who leaves the stove on all afternoon", "when you leave the stove on"),
    ("Honestly, who leaves wet towels on the bed?", "when you leave wet towels on the bed"),  # look-alike
])
def test_a_who_standing_for_the_partner_is_the_partners_act(pipeline: Loaded, text: str, said: str) -> None:
    """It gave "I feel thrown when it comes to the stove on all afternoon"."""
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and "it comes to" not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("The trouble with you is that you quit everything", "when you quit everything"),
    ("The problem with you is that you never listen", "listen"),
    ("What bugs me about you is that you never call", "when you don't call"),
    ("The issue with you is that you're always on your phone", "when you're on your phone"),
    ("The trouble with you is you never finish anything", "when you don't finish anything"),
    ("Living with you is exhausting", "I feel"),  # names nothing the partner did: a general sentence
    ("It's always you who decides where we go", "when you decide where we go"),
    ("Why is it always you who forgets?", "when you forget"),
    ("It was you who never called back", "when you didn't call back"),
    ("It's you who never listens", "listen"),
])
def test_you_as_the_object_of_with_or_about_is_not_the_subject_of_is(pipeline: Loaded, text: str, said: str) -> None:
    """"The trouble with you is that you quit everything" gave "I feel hurt when you is that you quit everything":
    a "you" read as the subject of a verb for he, she or it ("with you *is*", "is you never ..."), or of a cleft's
    "who" ("it was you *who* never called back" gave "when you was who didn't call back")."""
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and not re.search(r"\byou (is|was|'s|doesn't|has)\b|\bwho\b", suggestion), suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("You've got me so on edge, I jump every time my phone buzzes in case it's you cancelling", "when you cancel."),
    ("Must be nice to just not turn up to things.", "when you don't turn up to things"),
    ("Must be nice to never have to cook", "if you could cook"),
    ("How lovely of you to notice I'd had my hair cut. Three weeks on.", "I feel"),
    ("Big of you to apologise, you always leave your boots in the hall", "when you leave your boots in the hall"),
    ("Ella asked me if you still live here. How many more weekends are you planning to work?",
     "when you're planning to work"),  # look-alike: the "are" is the partner's own
    ("I feel that you're too wrapped up in your game to notice me", "wrapped up in your game and don't notice me"),
    ("you're too busy to even text me back", "when you're busy and don't text me back"),
])
def test_a_verb_after_you_is_said_as_the_partner_would_do_it(pipeline: Loaded, text: str, said: str) -> None:
    """From the tune split: "it's you cancelling" gave "when you cancelling", "must be nice to just not turn up"
    "when you not turn up", "how lovely of you to notice" "when you to notice I'd had my hair cut" (praise,
    sarcastic in a flagged line: none of it is said, up to the next stop), "never have to cook" asked "if you
    could have to cook", and "too busy to text me" gave "when you're busy to text me back" (now with the act not
    done: "and don't text me back")."""
    suggestion = nlp.analyze(text).suggestion or ""
    wrong = re.search(r"\byou (cancelling|not|to)\b|have to cook|\bto (notice|text)|apologi", suggestion)
    assert said in suggestion and not wrong, suggestion



@pytest.mark.parametrize(("text", "said"), [
    ("you just play games games games every night", "when you play games."),
    ("you're on your phone phone phone all night", "when you're on your phone."),  # look-alike
])
def test_a_word_repeated_for_weight_is_said_once(pipeline: Loaded, text: str, said: str) -> None:
    sentence = next(iter(pipeline.language(text).sents))
    words = [w.lower for w in read_words(sentence, WORDS, frozenset())]
    assert all(a != b for a, b in zip(words, words[1:], strict=False)), words
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and f"{said.split()[-1]} {said.split()[-1]}" not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("must be nice to sleep in while I'm up with the baby", "when you sleep in while I'm up with the baby",
     "if you could sleep in"),
    ("Must be nice to go to the pub while I do the bedtimes", "when you go to the pub", "if you could go"),
])
def test_sarcastic_envy_is_the_complaint_never_the_request(pipeline: Loaded, text: str, said: str,
                                                           unsaid: str) -> None:
    """The contempt rule's "must be nice to" was skipped as an insult, so the rest read as an order and was asked
    for: "it would help me if you could sleep in while I'm up with the baby"."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("after everything i do for this family you can't even pick up milk", "when you don't pick up milk",
     "this family"),
    ("you couldn't even call me on my birthday", "when you didn't call me on my birthday", "couldn't"),
])
def test_cant_even_is_the_act_not_done(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    """The contempt rule's "you can't even pick" was skipped as an insult: the act was lost, and the topic too."""
    suggestion = nlp.analyze(text).suggestion or ""
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("why do you always have to drive like a maniac when the kids are in the car",
     "when you drive too fast when the kids are in the car"),
    ("Why do you have to drive like a lunatic on the motorway?", "when you drive too fast on the motorway"),
])
def test_why_do_you_have_to_and_an_insulting_manner(pipeline: Loaded, text: str, said: str) -> None:
    """It gave "I feel confused when you have to drive": the obligation is rhetorical, the manner is the point."""
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and "have to" not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("you promise and then you bail", "when you promise and then cancel"),
    ("You said you'd pick me up and then you forgot", "you said you'd pick me up and then forgot"),
    ("you always cook and then you leave the pans", "when you cook"),  # no word given: unchanged
])
def test_a_word_given_is_said_with_what_broke_it(pipeline: Loaded, text: str, said: str) -> None:
    suggestion = _suggested(pipeline, text)
    assert said in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ('another weekend you\'re "working"', "when you say you're working"),
    ('you were "busy" again on Saturday', "when you said you were busy"),  # look-alike
    ('You said "fine" and left', "when you said fine and left"),  # quoted words, not scare quotes: unchanged
])
def test_scare_quotes_doubt_the_act(pipeline: Loaded, text: str, said: str) -> None:
    suggestion = _suggested(pipeline, text)
    assert said in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("i feel like you're lying about where you were last night", "when I'm not sure where you were last night",
     "lying"),
    ("You lied to me about the money", "when I'm not sure about the money", "lied"),  # look-alike
    ("You made me cancel my plans for nothing", "when I canceled my plans.", "for nothing"),
    ("You made me drive back for no reason", "when I drove back.", "no reason"),  # look-alike
])
def test_an_accusation_or_a_jab_is_not_kept_as_fact(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and unsaid not in suggestion, suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("you yelled at me in front of the kids and that's not ok", "calmly", "looking after the kids"),
    ("You shouted at me in front of your mum", "calmly", "team"),  # look-alike: the act, not where
    ("Why are you always on your phone when I'm talking to you", "phones away", "dinner"),
    ("You made me late for my sister's thing again", "when I was late for my sister's thing", "pulling against"),
    ("You made me late for the dentist", "when I was late for the dentist", "pulling against"),  # look-alike
])
def test_the_need_follows_the_complaints_topic(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    suggestion = _suggested(pipeline, text)
    assert said in suggestion and unsaid not in suggestion, suggestion


def _shaped(text: str, rules: frozenset[str]) -> str:
    """The suggestion for a message one of `rules` flags (so the shape is the rule's, not a look-alike's)."""
    analysis = nlp.analyze(text)
    assert rules & {f.rule_id for f in analysis.flags}, analysis.flags
    suggestion = analysis.suggestion or ""
    rechecked = nlp.analyze(suggestion)
    assert not (rechecked.blaming or rechecked.care), suggestion  # the suggestion passes the analyzer
    return suggestion


DOUBLE_STANDARD = frozenset({"blame.time_for_them_not_me", "blame.time_for_them_cant_for_me"})


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("Wow, so you can text Jake all day but not me", "when you don't text me.", "when you can text Jake"),
    ("so you have time for football every sunday but not for your own kids", "when you don't have time for your kids",
     "sort out football"),
    ("you can drive two hours for your mates but can't drive me to the airport",
     "when you can't drive me to the airport", "when you can drive"),
    ("you'll stay up till 2 for the football but you won't stay up to talk with me",
     "when you won't stay up to talk with me", "till 2"),
    ("you always have time for your mates but never for me", "when you don't have time for me", "have time for me?"),
    ("you'll go to the pub with your brother but not with us", "when you don't go to the pub with us", "when you go"),
    ("you can answer your boss at midnight but you won't answer me", "when you won't answer me", "midnight"),
    ("you make time for your gym every morning but never time for your own daughter",
     "when you don't make time for your daughter", "time for time"),
    # a third newcomer's: what is denied is named ("never *time* for us"), not the first clause's whole act
    ("You find time to scroll instagram for hours but never time for us.", "when you don't find time for us",
     "scroll instagram for us"),
    ("you always have money for gadgets but never money for our holiday", "when you don't have money for our holiday",
     "gadgets for our"),
])
def test_a_double_standard_is_the_writers_part(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    """It gave "I feel hurt when you can text Jake. Can we sit down and sort out Jake together?": the complaint
    read as being about Jake. What the partner makes room for is acknowledged in the need, not set against."""
    suggestion = _shaped(text, DOUBLE_STANDARD)
    assert said in suggestion and unsaid not in suggestion, suggestion
    assert "too." in suggestion or "time for me." in suggestion, suggestion


@pytest.mark.parametrize(("text", "said"), [
    ("Thanks for walking the dog, oh wait, you didn't", "when you didn't walk the dog"),
    ("thanks for taking the bins out, oh wait, you didn't, again", "when you didn't take the bins out"),
    ("oh wait you didn't even ask how my day was", "when you didn't ask how my day was"),
    ("thanks for feeding the cat, oh wait, you didn't", "when you didn't feed the cat"),
    ("thank you so much for booking the table, oh wait, you never do", "when you don't book the table"),
    ("Thanks for remembering our anniversary. Oh wait, you didn't.", "when you didn't remember our anniversary"),
    ("oh wait you didn't even text me back", "when you didn't text me back"),
])
def test_sarcastic_thanks_taken_back_is_the_act_not_done(pipeline: Loaded, text: str, said: str) -> None:
    """It gave a general sentence ("when things get this tense between us"): the thanked act was skipped with
    the sarcasm, though it is the act not done."""
    suggestion = _shaped(text, frozenset({"contempt.oh_wait_you_didnt"}))
    assert said in suggestion and suggestion not in GENERALS and "thanks" not in suggestion.lower(), suggestion


@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("if you really loved me you'd have come to the hospital", "when you didn't come to the hospital",
     "Could you come"),
    ("if you cared at all you'd have called me back", "when you didn't call me back", "you'd"),
    ("If you actually respected me, you wouldn't talk to me like that", "when you talk to me like that.",
     "wouldn't"),
    ("if u loved me u would remember my birthday", "when you don't remember my birthday", "would"),
    ("a good husband would ask how my day was", "when you don't ask how my day was", "husband"),
    ("if you loved me you would have picked me up", "when you didn't pick me up", "would have"),
    ("if you respected me you wouldn't have laughed at me in front of your mates", "when you laughed at me",
     "wouldn't"),
    ("a real partner would help me with the kids", "when you don't help me with the kids", "partner"),
    ("any decent boyfriend would've remembered my birthday", "when you didn't remember my birthday", "boyfriend"),
    ("a good dad would come to our son's match", "when you don't come to our son's match", "a good dad"),
    ("a real partner wouldn't leave me alone at the party", "when you leave me alone at the party", "wouldn't"),
])
def test_love_made_the_proof_is_the_consequent_negated(pipeline: Loaded, text: str, said: str, unsaid: str) -> None:
    """It gave "I feel upset when you'd have come to the hospital", backwards: the consequent, negated, is the act
    ("you wouldn't talk to me like that": the act done); an act not done in the past asks for next time."""
    suggestion = _shaped(text, frozenset({"blame.if_you_loved_me", "blame.a_real_partner_would"}))
    assert said in suggestion and unsaid not in suggestion, suggestion
