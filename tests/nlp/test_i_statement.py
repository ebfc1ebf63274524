"""Which texts read as I statements (real model): a table written for Hearth, in our own words."""
from __future__ import annotations

import pytest

import nlp
from nlp.i_statement import is_i_statement, reads_as_i_statement
from nlp.pipeline import Loaded

I_STATEMENTS = [
    "I feel worn out when the dishes pile up at the end of the day.",
    "I get anxious when the sink is still full at bedtime.",
    "I need a hand with the dishes on weeknights.",
    "I'd love it if we could take turns with the dishes.",
    "I feel a bit unseen when the cooking doesn't get mentioned.",
    "I feel on edge when I come home late and the house is quiet.",
    "I don't feel heard when the dishes come up.",  # names what is missing, from my side
    "What I'd like is a turn each at the sink.",
    "I'd rather we washed up together after dinner.",
    "I'm worried about money this month.",
    "Im so tired when the dishes pile up",  # texting
    "i feel so alone when the dishes wait for me lol",
    "I've been feeling invisible when the washing-up is left to me.",
    "I know you're busy, and I feel stretched thin when the dishes wait for me.",  # "you" in a hanging clause
    "Could you help me with the dishes tonight? I'm exhausted.",  # a request, then a feeling
    "Honestly, you know, I feel lonely at dinner lately.",  # the aside "you know"
    "I miss cooking together on Sundays.",
    "I feel hurt when you don't ask about my day.",
]

NOT_I_STATEMENTS = [
    "You never help with the dishes.",
    "You nevr zorp help with the dishes",  # unknown words inserted into a flagged line
    "I feel you never help with the dishes.",  # "I feel" glued onto the flagged line
    "I feel like you never help with the dishes.",
    "I feel that you ignore the dishes.",
    "I feel as if you don't care about the dishes.",
    "I feel you nevr zorp help with the dishes",
    "i feel u never help w the dishes",
    "I feel, you never help with the dishes.",
    "I feel hurt, you never do the dishes.",  # a feeling, then a clause about the partner
    "I feel sad. You never help with the dishes.",
    "I feel like nobody does the dishes.",  # a thought, not a feeling
    "I think you should do the dishes.",
    "I'm sure you forgot the dishes again.",  # certainty, not a feeling
    "I feel zorpy when the dishes pile up.",  # an unknown word is not a feeling
    "The dishes are always left to me.",
    "Please do the dishes.",
    "We need to talk about the dishes, and you know it.",
    "Nothing I do is ever good enough for you.",  # "I do" hangs on "Nothing"; what "is good" is not a feeling
]


@pytest.mark.parametrize("text", I_STATEMENTS)
def test_speaking_from_i_about_a_feeling_or_need_is_an_i_statement(pipeline: Loaded, text: str) -> None:
    assert reads_as_i_statement(text)


@pytest.mark.parametrize("text", NOT_I_STATEMENTS)
def test_a_text_about_the_partner_or_without_a_feeling_is_not(pipeline: Loaded, text: str) -> None:
    assert not reads_as_i_statement(text)


def test_the_reading_takes_a_doc_from_the_pipeline(pipeline: Loaded) -> None:
    docs = list(pipeline.language.pipe(["I feel lonely at dinner.", "You're always on your phone."]))
    assert [is_i_statement(doc) for doc in docs] == [True, False]


@pytest.mark.parametrize("text", ["", "   ", "x" * (nlp.MAX_CHARS + 1)])
def test_a_text_nlp_cannot_read_is_rejected(pipeline: Loaded, text: str) -> None:
    with pytest.raises(nlp.TextRejected):
        reads_as_i_statement(text)
