"""couples/text.py: what clean text is, as one table of what people (and forgers) send."""

from __future__ import annotations

import pytest

from couples.text import HIDDEN, UNCLEAN, UncleanText, clean, is_invisible

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"  # man, ZWJ, woman, ZWJ, girl
COUPLE_WITH_HEART = "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468"  # ZWJ and a variation selector
ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"  # black flag, tags, cancel tag


@pytest.mark.parametrize("sent, kept", [
    ("I felt alone at dinner.", "I felt alone at dinner."),
    ("caf\u0065\u0301", "caf\u00e9"),  # a keyboard's decomposed é is stored composed (NFC)
    ("one\r\ntwo\rthree\u2028four\u2029five", "one\ntwo\nthree\nfour\nfive"),
    ("a list:\n\t- milk", "a list:\n\t- milk"),
    (FAMILY + " " + COUPLE_WITH_HEART, FAMILY + " " + COUPLE_WITH_HEART),
    ("\u2764\uFE0F thank you", "\u2764\uFE0F thank you"),
    (ENGLAND + " away game", ENGLAND + " away game"),
    ("\U0001F3F4 a plain black flag", "\U0001F3F4 a plain black flag"),
    ("\U0001FAE8 shaking face (Unicode 15, newer than Python 3.11's tables)", None),
    ("\u05e9\u05dc\u05d5\u05dd \u200fhello", None),  # Hebrew with a right-to-left mark
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", None),  # Persian needs the zero-width non-joiner
    ("co\u00adoperate", None),  # a soft hyphen
    ("", ""),
    ("   \n\t ", ""),
    ("\u200b\u200c\u200d\u2060\ufeff", ""),  # zero-width only: empty
    ("\u3164\u2800\u00a0\u3000", ""),  # a Hangul filler, the blank braille pattern, no-break and ideographic spaces
])
def test_clean_text_is_kept_as_it_reads(sent, kept):
    assert clean(sent) == (sent if kept is None else kept)


@pytest.mark.parametrize("sent, sentence", [
    ("before\ud800after", UNCLEAN),  # a lone surrogate
    ("\udfff", UNCLEAN),
    ("nul\x00byte", UNCLEAN),
    ("bell\x07", UNCLEAN),
    ("escape\x1b[31m", UNCLEAN),
    ("next line\x85", UNCLEAN),
    ("private\ue000use", UNCLEAN),
    ("\U000F0000", UNCLEAN),  # supplementary private use
    ("non\ufffecharacter", UNCLEAN),
    ("\ufdd0", UNCLEAN),
    ("\U0003FFFF", UNCLEAN),  # a noncharacter in the ideograph planes
    ("\u0378", UNCLEAN),  # unassigned in the Greek block
    ("I \u202eevol uoy", HIDDEN),  # right-to-left override
    ("\u202aembedded\u202c", HIDDEN),
    ("\u2066isolated\u2069", HIDDEN),
    ("\u206a", HIDDEN),  # deprecated: inhibit symmetric swapping
    ("\ufff9annotated\ufffb", HIDDEN),
    ("hello\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065", HIDDEN),  # tags outside a flag
    ("\U0001F3F4\U000E0067\U000E0062", HIDDEN),  # a flag's tags never cancelled
    ("\U0001F3F4\U000E007F", HIDDEN),  # a cancel tag with no tags
    ("\U000E0001", HIDDEN),  # the language tag
])
def test_unclean_text_is_refused_with_a_kind_sentence(sent, sentence):
    with pytest.raises(UncleanText) as refused:
        clean(sent)
    assert str(refused.value) == sentence
    assert isinstance(refused.value, ValueError)  # forms and coaching already show a ValueError's sentence
    assert sentence.endswith("?") and "invalid" not in sentence.lower()


@pytest.mark.parametrize("text, invisible", [
    ("", True), (" \t\n", True), ("\u200b", True), ("\ufe0f", True), ("\u2800", True),
    ("a", False), ("\u200ba", False), ("\u2764", False), (".", False),
])
def test_invisible_means_nothing_shows(text, invisible):
    assert is_invisible(text) is invisible
