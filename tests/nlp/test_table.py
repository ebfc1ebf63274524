"""A labelled-sentence table on the real model: which kinds fire, and what is left alone."""
from __future__ import annotations

import pytest

import nlp
from nlp.pipeline import Loaded

FLAGGED = [
    ("You never listen", "absolute", "You never"),
    ("you ALWAYS do this", "absolute", "you ALWAYS"),
    ("Every time I bring something up, you shut down", "absolute", "Every time"),
    ("Nothing I do is ever good enough for you", "absolute", "Nothing I do"),
    ("You're so selfish", "label", "You're so selfish"),
    ("ur so annoying", "label", "ur so annoying"),
    ("You're acting like a child", "label", "You're acting like a child"),
    ("You make me so angry", "blame", "You make me"),
    ("This is all your fault", "blame", "your fault"),
    ("Because of you we're late", "blame", "Because of you"),
    ("You ruined the evening", "blame", "You ruined"),
    ("You don't care about anyone but yourself", "mind_reading", "You don't care"),
    ("You just want to win", "mind_reading", "You just want"),
    ("Why do you always leave the dishes out?", "accusatory_question", "Why do you always"),
    ("What is wrong with you?", "accusatory_question", "What is wrong with you"),
    ("Can't you do anything right?", "accusatory_question", "anything right"),
    ("You should have told me", "should", "You should have"),
    ("You need to grow up", "should", "You need to grow"),
    ("I feel like you never listen", "disguised_i", "I feel like you"),
    ("I feel that you are being selfish", "disguised_i", "I feel that you"),
    ("Stop being so selfish", "contempt", "Stop being so selfish"),
    ("Nice job ruining dinner", "contempt", "Nice job ruining"),
    ("You talk to me like I'm stupid", "label", "You talk to me like I'm stupid"),
    ("You have no idea how hard I work", "label", "You have no idea"),
    ("u never pick up ur phone wtf", "absolute", "u never"),
    ("Of course you forgot", "contempt", "Of course you forgot"),
    ("You care more about your phone than me", "blame", "You care more about your phone than me"),
    ("Honestly, you repulse me", "label", "you repulse me"),  # a verb the valence lexicon rates cold, at "me"
    ("you frustrate me sometimes", "label", "you frustrate me"),
    ("You're impossible to live with.", "label", "You're impossible to live with"),
    ("ur literally impossible to talk to", "label", "ur literally impossible to talk to"),
    ("Have you ever once cleaned the bathroom?", "accusatory_question", "Have you ever once cleaned"),
    ("You never have to do anything around here, do you?", "absolute", "You never"),  # no reassurance
    ("Do you ever hear me?", "accusatory_question", "Do you ever hear"),
    # an absolute over an unkind act is not vetoed by a calm "when I'm a little late" (the scene library's line)
    ("You always overreact when I'm a little late.", "absolute", "You always"),
]

LEFT_ALONE = [
    "You always make me laugh", "You're so thoughtful", "Thanks to you we had a wonderful trip",
    "I feel hurt when you're late without texting", "Could you text me when you leave work?",
    "Would you be willing to cook on Thursdays?", "What do you need from me?",
    "It sounds like you felt ignored", "What I hear is that you felt left out", "You never know",
    "You live and you learn", "You're right, I should have called", "Your mom called",
    "You make me so happy", "It's not your fault", "You're not selfish at all",
    "Why don't we go for a walk?", "I don't want to fight, I miss you.",
    "You treat me like a queen", "You have no idea how much I love you", "Of course you can borrow it",
    "You can be trusted with anything", "Don't you dare apologise, it was my idea",
    "How hard is it to get there by bus?",
    "You never disappoint me", "You kill me 😂", "You're impossible to stay mad at",
    "Have you ever actually been to Rome?", "You exhaust me in the best way", "You don't annoy me at all",
    "You're so tired lately, shall I cook?",
    # found by a newcomer trying the coach, 2026-11-30: news, and reassurance with "never have to"
    "Hey, did you ever hear back from the dentist?", "You never have to apologize for crying in front of me.",
    "You never have to worry about me leaving.", "You don't have to be perfect with me.",
    # never an unkind use of a warm verb: "joke about", "make fun of" are unkind acts (lexicon.json)
    "You never joke about my weight.", "You never make fun of my accent.",
]


@pytest.mark.parametrize("text, kind, span", FLAGGED)
def test_flagged(pipeline: Loaded, text: str, kind: str, span: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.blaming
    assert (kind, span) in {(f.kind, f.text) for f in analysis.flags}, analysis.flags


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(pipeline: Loaded, text: str) -> None:
    analysis = nlp.analyze(text)
    assert (analysis.blaming, analysis.flags, analysis.suggestion) == (False, (), None)


def test_several_sentences_get_one_rewrite_of_the_first_concrete(pipeline: Loaded) -> None:
    text = "Thanks for cooking. You always leave the dishes for me. And you're always on your phone."
    analysis = nlp.analyze(text)
    assert [f.text for f in analysis.flags] == ["You always", "you're always"]
    assert analysis.suggestion is not None
    assert "dishes" in analysis.suggestion and analysis.suggestion.count("I feel") == 1
    assert not nlp.analyze(analysis.suggestion).blaming


def test_suggestion_keeps_the_topic_and_drops_the_absolute(pipeline: Loaded) -> None:
    suggestion = nlp.analyze("You ALWAYS leave the dishes in the sink!").suggestion
    assert suggestion == ("I feel worn out when you leave the dishes in the sink. "
                          "I'd like us to find a way to share them.")
