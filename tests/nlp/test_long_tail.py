"""Issue 14's long tail on the real model: the kinds that slipped through, what stays unflagged, the negation
scope, the cold-trait word list, unconfirmed rule matches, and how flags are highlighted."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

import nlp
from nlp.blame_decision import ABSOLUTE_WORD, highlights
from nlp.component import BLAME_KEY, SPARED_KEY, UNCONFIRMED_KEY
from nlp.pipeline import Loaded

from .checks import cases, judged
from nlp.polarity import SentenceTone, outright, vader_ratings

# The examples of each kind that slipped through (kind 1 to 8), each fixed as a kind: the rule or the
# decision that now reads it is named beside it.
CAUGHT = [
    "You're always late and you don't even call",  # negation scoped to its clause (polarity.SentenceTone)
    "You always forget, don't you?",  # the same
    "You weren't there when I needed you",  # blame.not_there
    "You keep talking over me",  # absolute.keep_doing: "keep <verb>ing" about the partner
    "How could you treat me like this?",  # question.how_could_you
    "You should help more around the house",  # should.more_for_once
    "You shouldn't get so worked up",  # should.shouldnt_so
    "You're so touchy",  # label.so_cold_trait: a trait word through the valence lexicon
    "Don't be so unreliable",  # label.dont_be_so
    "You're driving me up the wall",  # blame.driving_me
    "You're so demanding",
    "We always end up doing what you want",
    "I never get any help around here",
    "Nothing ever gets done unless I do it",
    "You broke your word",
    "You went behind my back again",
    "you left the lights on AGAIN",
    "Why did you even say that?",
    "When are you going to learn?",
    "Are you seriously that oblivious?",
    "You need to stop being like this",
    "Honestly, you repulse me",
    "You're the rudest person I've ever met",
    "You're impossible to live with",
    "You're totally hopeless with money",
    "Oh sure, I'm certain you were just about to do it",
    "Must be nice to sleep in every day",
    "I guess I just don't matter to you",
    "You make me feel like I'm nothing",
    "The trouble with you is that you quit everything",
    # A known miss, kept in view: the rule matches "You never", but the classifier reads the message as kind (the
    # soup) and vetoes it; said as two sentences it is caught (blame_decision.rule_sentence_words).
    pytest.param("You never notice anything, but you made soup on Tuesday.",
                 marks=pytest.mark.xfail(strict=True, reason="vetoed by the classifier (known miss)")),
]
LEFT_ALONE = [
    "I feel unheard when you don't ask what I think",
    "How do you like to wind down after a hard day?",
    "You always know how to calm me down",
    "I worry when I think you'll be out late",
    "How many times have you watched that film?",  # question.how_many_times now asks for "I" or "we"
    "You're not selfish, you're tired",  # the cold-trait rule is negated
    "You're so tired lately, shall I cook?",  # a feeling, not a verdict (lexicon.json's not_verdicts)
    "Don't be so nervous, they'll love you",
    "You shouldn't be so hard on yourself",
    "You keep making me laugh",
    "You should rest more, you've had a long week",
    # Praise that says what the partner never does unkindly: an unkind act, never done, is warm (newcomer trial).
    "You never give up on us",
    "You never judge me",
    "You never complain, even on the long shifts",
    # A known false flag, kept in view: the tone reads it warm, but the classifier is sure (0.98) it blames.
    pytest.param("You never put me down in front of people.",
                 marks=pytest.mark.xfail(strict=True, reason="the classifier is sure it blames (known false flag)")),
    "You never let me down",
]


@pytest.mark.parametrize("text", CAUGHT)
def test_the_long_tail_is_caught_as_blame_not_danger(pipeline: Loaded, text: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.blaming, analysis
    assert not analysis.care, analysis.care_kind  # blame and hurt, not self-harm: no crisis note
    assert analysis.suggestion and not nlp.analyze(analysis.suggestion).blaming


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_kind_and_curious_words_stay_unflagged(pipeline: Loaded, text: str) -> None:
    analysis = nlp.analyze(text)
    assert (analysis.blaming, analysis.suggestion) == (False, None), analysis.flags


def tone(pipeline: Loaded, text: str) -> SentenceTone:
    return SentenceTone(next(iter(pipeline.language(text).sents)), pipeline.rulebook.lexicon)


def test_a_negator_flips_only_its_own_clause(pipeline: Loaded) -> None:
    late = tone(pipeline, "You're always late and you don't even call")
    assert late.flipped[late.sent.text.split().index("don't") + 2]  # "call" (after "do", "n't") is in scope
    assert not late.flipped[3]  # "late", before the "and", is not
    assert not late.is_appreciative(late.sent.start, late.sent.start + 3)
    assert tone(pipeline, "You never fail to surprise me").is_appreciative(0, 2)  # "never" warms "fail"
    home = tone(pipeline, "You never help when I get home")
    assert all(home.flipped[2:])  # a subordinate clause stays in scope: "never [help when I get home]"


def test_an_unkind_act_never_done_is_warm_and_never_stopping_keeps_the_act(pipeline: Loaded) -> None:
    assert tone(pipeline, "You never judge me").is_appreciative(0, 2)  # Hearth's cold_acts, unrated by VADER
    assert tone(pipeline, "You never interrupt me").is_appreciative(0, 2)  # VADER rates "interrupt" cold
    assert tone(pipeline, "You never give up on us").is_appreciative(0, 2)  # a cold phrasal verb
    assert not tone(pipeline, "You always give up on things").is_appreciative(0, 2)  # (the classifier may veto it)
    assert not tone(pipeline, "You never stop complaining").is_appreciative(0, 2)  # "stop" ends the flip
    stop = tone(pipeline, "You never stop complaining")
    assert stop.flipped[1] and not any(stop.flipped[2:])  # "never" flips; from "stop" on, nothing is flipped
    for text in ("You always judge me.", "You never stop complaining.", "You never bother to ask about my day."):
        assert nlp.analyze(text).blaming, text


# A clause of circumstance ("when I'm upset") names the moment, not the act: its tone neither warms nor cools
# the sentence, so "never" flipping "upset" no longer reads as praise; and a warm act withheld ("never help",
# "never make me laugh") is said outright, so the classifier cannot veto it (polarity.outright). Each blame
# (newcomer trials) beside a look-alike praise that must stay unflagged.
WITHHELD = [
    ("You never call when you're late", "You never complain when I'm late"),
    ("You never listen when I'm upset", "You never judge me when I mess up"),
    ("You never help when I'm sick", "You always cheer me up when I'm sad"),
    ("You never thank me when I help", "You always know when I need a hug"),
    ("You always yell when I'm happy", "You're always so patient when I'm stressed"),
    ("You never apologize even when you're wrong", "You never get angry when I make mistakes"),
    ("You never make me laugh anymore.", "You never make me feel bad about it."),
    ("You never help. I'm so sick of it.", "You never let me down when it matters"),
]


@pytest.mark.parametrize(("blame", "praise"), WITHHELD)
def test_a_withheld_kindness_is_heard_and_praise_of_the_moment_is_not(pipeline: Loaded, blame: str,
                                                                      praise: str) -> None:
    found = nlp.analyze(blame)
    assert found.blaming and not found.care, found
    assert found.suggestion and not nlp.analyze(found.suggestion).blaming, found.suggestion
    assert not nlp.analyze(praise).blaming, praise


def test_a_clause_of_circumstance_weighs_on_neither_side(pipeline: Loaded) -> None:
    upset = tone(pipeline, "You never listen when I'm upset")
    assert upset.flipped[-1] and upset.aside[-1]  # "upset" is in the never's scope, but in the moment's clause
    assert not upset.is_appreciative(0, 2)
    late = tone(pipeline, "You never complain when I'm late")
    assert late.is_appreciative(0, 2)  # the praise is "never complain", whatever the moment
    opening = tone(pipeline, "When I'm sad, you always know what to say")
    assert not opening.aside[-1] and opening.aside[1]


def test_cold_traits_come_from_the_valence_lexicon_less_feelings(pipeline: Loaded) -> None:
    traits = set(dict(pipeline.rulebook.lexicon.lists)["cold_traits"])
    assert {"obnoxious", "vicious", "stingy"} <= traits  # rated by vaderSentiment, listed nowhere by Hearth
    assert vader_ratings()["obnoxious"] < 0 and "touchy" in traits  # "touchy": Hearth's own override
    assert not traits & {"tired", "worried", "nervous", "sad", "silly", "thoughtful", "kind"}


def test_a_rule_missing_only_its_cue_is_unconfirmed_not_spared(pipeline: Loaded) -> None:
    doc = pipeline.language("Why would you say that to my mum?")  # question.why_would_you wants a cold word
    assert not doc.spans[BLAME_KEY] and not doc.spans[SPARED_KEY]
    assert [s.id_ for s in doc.spans[UNCONFIRMED_KEY]] == ["question.why_would_you"]
    kind = pipeline.language("You make me feel loved.")  # the causative guard finds it kind: spared
    assert not kind.spans[UNCONFIRMED_KEY] and [s.id_ for s in kind.spans[SPARED_KEY]] == ["blame.make_me_plain"]


@pytest.mark.parametrize("text", [
    "You're always late and you never call",
    "You're so touchy and you always overreact",
    "Thanks for dinner. Honestly you constantly leave the pans for me and I'm forever scrubbing",
    "I'm always the one who cooks and you never even say thanks",
    "Why do you always leave the dishes out? You never rinse them either.",
])
def test_highlights_never_overlap_and_hold_every_absolute(pipeline: Loaded, text: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.blaming
    spans = sorted((f.start, f.end) for f in analysis.flags)
    assert all(end <= start for (_s, end), (start, _e) in zip(spans, spans[1:], strict=False)), spans
    doc = pipeline.language(text)
    flagged = {doc.char_span(f.start, f.end, alignment_mode="expand")[0].sent.start for f in analysis.flags}
    absolutes = pipeline.rulebook.lexicon.absolutes
    for token in doc:
        if token.lower_ in absolutes and token.sent.start in flagged:
            assert any(f.start <= token.idx < f.end for f in analysis.flags), (token.text, analysis.flags)


def test_highlights_add_absolute_words_and_drop_overlaps(pipeline: Loaded) -> None:
    doc = pipeline.language("You're so touchy, you always overreact")
    spans = [Span(doc, 0, 4, label="label", span_id="label.so_cold_trait"),  # "You're so touchy"
             Span(doc, 1, 4, label="label", span_id="label.you_are")]  # "'re so touchy", inside it
    found = highlights(spans, pipeline.rulebook.lexicon.absolutes)
    assert [(s.text, s.id_) for s in found] == [("You're so touchy", "label.so_cold_trait"),
                                                ("always", ABSOLUTE_WORD)]
    assert highlights([], pipeline.rulebook.lexicon.absolutes) == []


@pytest.mark.parametrize("text", [
    "I feel alone when you don't listen to me.",
    "I get anxious when you don't text back.",
    "I feel so tired when you don't help with the bins.",
    "I feel unheard when you don't ask what I think",
])
def test_an_i_statement_naming_what_the_partner_does_not_do_is_left_alone(pipeline, text):
    """A feeling, then "when you don't ...": the shape Hearth suggests itself, never a rule about the partner."""
    assert not nlp.analyze(text).blaming


def test_the_same_habit_said_as_a_rule_is_still_heard(pipeline):
    assert nlp.analyze("You don't listen to me.").blaming
    assert nlp.analyze("I feel alone when you don't listen to me, you never do.").blaming


# Shapes a newcomer's trial found missed, each a `sure` rule the classifier may not veto (its corpus holds
# too few of them to read): sarcastic thanks taken back ("oh wait, you didn't"), a double standard (what the
# partner does for others set against what they do for the writer) and love made the proof ("if you loved me").
# Each beside look-alikes: thanks with a real "oh wait", the everyday "you can X but not Y" of plans and
# permissions, and "if you loved..." that tests nothing.
SARCASM_AND_DOUBLE_STANDARDS = [
    "Thanks for walking the dog, oh wait, you didn't",
    "thanks for taking the bins out, oh wait, you didn't, again",
    "oh wait you didn't even ask how my day was",
    "Wow, so you can text Jake all day but not me",
    "so you have time for football every sunday but not for your own kids",
    "you can drive two hours for your mates but can't drive me to the airport",
    "you've got time to help your sister move house but never time for us",
    "you can remember every line of that show but not our anniversary",
    "you'll stay up till 2 for the football but you won't stay up to talk with me",
    # Love made the proof, and the partner measured against an ideal one (a newcomer's "guilt trips").
    "if you really loved me you'd have come to the hospital",
    "if you cared at all you'd have called me back",
    "If you actually respected me, you wouldn't talk to me like that",
    "if u loved me u would remember my birthday",
    "if you really cared you'd listen to me",
    "a good husband would ask how my day was",
]
THEIR_LOOK_ALIKES = [
    "thanks for the tea, oh wait, is this decaf? lovely either way",
    "cheers for the lift, oh wait I forgot my keys at yours",
    "oh wait you did text, my phone was on silent, sorry!",
    "you can have the car today but not tomorrow, I need it for work",
    "you can tell me anything, but not when I'm driving, I can't focus",
    "you can pick the film but not the takeaway, deal?",
    "you can call me any time but not after midnight please",
    "you can use my laptop but you can't install anything on it",
    "you'll be fine at the interview but you won't sleep well tonight, I know you",
    # A third newcomer's false alarms: thanks with a real question after "oh wait", advice about someone else.
    "Thanks for fixing the sink, oh wait, you also fixed the door? You're amazing.",
    "thx for the coffee, oh wait, did you get oat milk? either way ur a star",
    "a good husband would probably just tell his boss no, i think Mark should stand up for himself",
    "I asked if you loved me and you said yes, and I believed you",
    "I wonder if you'd love me if I dyed my hair pink",
    "if you loved the film you'd like the book too",
    "if you care to join us, we'd love that",
    "a good friend would tell her the truth",
    "a real partner would be someone like you, honestly",
]


@pytest.mark.parametrize(("text", "blames"), cases(SARCASM_AND_DOUBLE_STANDARDS, THEIR_LOOK_ALIKES))
def test_sarcastic_thanks_and_double_standards_are_heard_and_real_thanks_are_not(pipeline: Loaded, text: str,
                                                                                  blames: bool) -> None:
    judged(text, blames)


def test_a_sure_rule_is_beyond_the_classifiers_veto(pipeline: Loaded) -> None:
    coach = pipeline.coach
    assert coach is not None and "blame.time_for_them_cant_for_me" in coach.sure_rules
    doc = pipeline.language("you can spend all night gaming but you can't spend ten minutes with me")
    assert coach.probability(doc) < coach.reader.thresholds.veto  # the classifier alone would veto it
    assert coach.decide(doc)


@pytest.mark.parametrize(("text", "words"), [
    ("OH WAIT YOU DIDN'T.", ["OH", "WAIT", "YOU", "DID", "N'T", "."]),
    ("YOU'RE ALWAYS LATE", ["YOU", "'RE", "ALWAYS", "LATE"]),
    ("I CAN'T", ["I", "CA", "N'T"]),
    ("the U.S. is far", ["the", "U.S.", "is", "far"]),  # an abbreviation keeps its full stop
])
def test_a_contraction_in_capitals_splits_as_it_does_in_lower_case(pipeline: Loaded, text: str,
                                                                   words: list[str]) -> None:
    assert [t.text for t in pipeline.language.make_doc(text)] == words


def test_shouting_is_heard_as_the_same_words(pipeline: Loaded) -> None:
    """A third newcomer's: in capitals, "DIDN'T" was one word no rule knew."""
    for text in ("THANKS FOR COMING TO THE HOSPITAL. OH WAIT YOU DIDN'T.",
                 "YOU'RE ALWAYS LATE AND YOU DON'T EVEN CALL"):
        found = nlp.analyze(text)
        assert found.blaming and found.suggestion, text
        assert nlp.analyze(text.lower()).blaming


# A frame spares the blame it overlaps, so it must match the idiom or the praise itself, not words that open it:
# "you never know" is an idiom, "you never tell me anything" is not; "you get what you pay for" is, "you get on
# my nerves" is not; "you felt hurt" reflects a feeling, "you are like a child" labels; "there for me" is praise
# unless a negation comes before it in its clause (`unless_before`).
FRAMES_TOO_WIDE = [
    "You never tell me anything.",
    "you never tell me where you're going",
    "You never know when to stop.",
    "You get angry over nothing.",
    "You learn nothing, ever.",
    "You're never there for me.",
    "You are never there for me when it matters.",
    "You're never really there for me.",
    "You are like a child.",
    "You were like a stranger all night.",
    "You never cease to disappoint me.",  # "never cease to" is praise only with a warm verb
    "You never cease to embarrass me in front of my friends.",
]
THE_IDIOMS_AND_PRAISE = [
    "You never know, it might rain.",
    "You never know what might happen.",
    "you never know",
    "You never can tell with the weather.",
    "You learn to live with it.",
    "You live and learn.",
    "You win some, you lose some.",
    "You get what you pay for.",
    "You get used to it.",
    "You were always there for me.",
    "I'm not sure what I'd do without you, you're always there for me.",
    "You always know what to say.",
    "It sounds like you felt ignored.",
    "You were hurt and I didn't see it.",
    "You never cease to amaze me.",
    "you never cease to make me laugh",
    "You never cease to surprise me, in the best way.",
    "You never let me down.",
]


@pytest.mark.parametrize(("text", "blames"), cases(FRAMES_TOO_WIDE, THE_IDIOMS_AND_PRAISE))
def test_a_frame_spares_only_its_idiom_or_praise(pipeline: Loaded, text: str, blames: bool) -> None:
    judged(text, blames)


def test_a_negation_earlier_in_the_clause_sets_a_frame_aside(pipeline: Loaded) -> None:
    """`unless_before` reads back only to the clause's start: the "not" of "I'm not sure" is another clause's."""
    def spared(text: str) -> list[str]:
        doc = pipeline.language(text)
        return [s.id_ for s in doc.spans[SPARED_KEY]]

    assert "appreciation.there_for_me" not in spared("You're never really there for me.")
    assert "appreciation.there_for_me" in spared("I'm not sure what I'd do without you, you're always there for me.")


def test_an_unkind_phrasal_act_after_always_is_said_outright(pipeline: Loaded) -> None:
    """"let ... down" is a cold act as "judge" is: the classifier read "You always let me down" as calm (P 0.43)."""
    coach = pipeline.coach
    assert coach is not None
    doc = pipeline.language("You always let me down.")
    assert outright(doc, coach.lexicon, BLAME_KEY) and coach.decide(doc)
    assert nlp.analyze("You always give up on us.").blaming
    assert not nlp.analyze("You always let me sleep in on Sundays.").blaming


# A request's shape holding a label or a sneer: the request frame spares its kinds (a question, a "should"),
# and the classifier read these as calm. Beside real requests and praise of the same shape.
ASKED_AS_PUT_DOWNS = [
    "Can you not be a complete idiot tonight?",  # label.dont_be_so, asked
    "Could you be any ruder to my mother?",  # contempt.could_you_be_any_more (sure)
    "Could you be any more selfish?",
    "could u be any less helpful rn",
    "Can you grow up?",  # contempt.can_you_grow_up (sure)
    "Can you just grow up and apologise",
]
ASKED_KINDLY = [
    "Could you be any sweeter?",
    "Could you be any more wonderful?",
    "Can you be any later than 8? I can't make it before",
    "Could you get any more ice from the shop?",
    "Can you not be so hard on yourself? You did great.",
    "Can you grow up some tomatoes this year? lol",
    "Could you pick up milk on the way home?",
]


@pytest.mark.parametrize(("text", "blames"), cases(ASKED_AS_PUT_DOWNS, ASKED_KINDLY))
def test_a_put_down_asked_as_a_request_is_heard_and_a_real_request_is_not(pipeline: Loaded, text: str,
                                                                           blames: bool) -> None:
    judged(text, blames)


# Thanks for an unkind act is sarcasm; thanks for a kindness, even one with a cold word in it ("fighting for
# us", "the broken boiler"), is thanks, and so is teasing thanks the classifier reads as warm (a third newcomer's
# false-alarm hunt: "Thanks for destroying me at Mario Kart"). The rule is not `sure` for that reason, so the
# classifier vetoes "cheers for making me the laughing stock of the group chat" (P 0.425).
SARCASTIC_THANKS = [
    "thanks for ruining dinner",
    "thanks for leaving me high and dry at the airport",
    "thanks for embarrassing me in front of everyone",
    "cheers for ditching me at the pub",
    "thanks for forgetting my birthday, really",
    "thanks so much for bailing on me again",
]
REAL_THANKS = [
    "thanks for helping me move, you're a star",
    "cheers for picking me up from the airport",
    "thanks for putting up with me this week",
    "thanks for fighting for us",
    "thanks for worrying about me",
    "thanks for crying with me at the funeral",
    "thank you for dealing with the broken boiler",
    "thanks for missing me",
    "Thanks for killing that spider, my hero",
    "Thanks for picking a fight with the landlord about the heating, you were amazing",
    "Thanks for destroying me at Mario Kart, I'll get you next time",
    "Thanks for ruining my diet with those brownies 😂",
    "Thank you for shouting at the TV with me during the match lol",
]


@pytest.mark.parametrize(("text", "blames"), cases(SARCASTIC_THANKS, REAL_THANKS))
def test_thanks_for_an_unkind_act_is_sarcasm_and_for_a_kindness_is_thanks(pipeline: Loaded, text: str,
                                                                          blames: bool) -> None:
    judged(text, blames)


# A cleft puts the absolute before the partner ("it's *always* you who ..."), where absolute.you_always, which
# reads "you ... always", never looked: absolute.cleft_you and absolute.you_who_always.
CLEFTS = ["It's always you who decides where we go", "It's you who never listens", "its always u who starts it",
          "It's always you that has to have the last word", "Why is it always you who forgets?"]
CLEFTS_KIND = ["It's always you who makes me laugh", "It's always you who remembers birthdays, thank you",
               "It was you who said we should go", "It's always you I call first when something good happens",
               "Is it you who's picking up the kids today?"]


@pytest.mark.parametrize(("text", "blames"), cases(CLEFTS, CLEFTS_KIND))
def test_an_absolute_in_a_cleft_is_heard_and_a_kind_cleft_is_not(pipeline: Loaded, text: str, blames: bool) -> None:
    judged(text, blames)
