"""A run of symbols is read short (nlp/analysis.py check_text): spaCy's tokenizer took seconds over thousands."""
from __future__ import annotations

import nlp
from nlp.analysis import RUN_KEPT, check_text
from nlp.pipeline import Loaded


def test_a_long_run_of_symbols_is_read_as_spaces_past_its_first_few_and_keeps_its_length() -> None:
    for run in ("+" * 5000, "\U0001F4BC" * 2000, "?!" * 40, "%" * (RUN_KEPT + 1)):
        read = check_text(run)
        assert len(read) == len(run) and read[:RUN_KEPT] == run[:RUN_KEPT] and read[RUN_KEPT:].strip() == ""
    couple = "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468"
    for kept in ("!!!", "+" * RUN_KEPT, "C++ and C#", "a+b=c", "12,345.67", couple):
        assert check_text(kept) == kept


def test_flags_after_a_long_run_point_at_the_words_as_written(pipeline: Loaded) -> None:
    text = "!" * 300 + " You never listen to me."
    (flag,) = nlp.analyze(text).flags
    assert text[flag.start:flag.end] == flag.text == "You never"


def test_a_statement_of_symbols_alone_is_read_like_any_other(pipeline: Loaded) -> None:
    assert nlp.analyze("+" * 5000).flags == ()
    assert 0.0 <= nlp.paraphrase_feedback("\U0001F4BC" * 2000, "You showed me a lot of briefcases.").overlap <= 1.0
