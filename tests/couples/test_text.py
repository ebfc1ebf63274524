"""couples/text.py: what clean text is, as one table of what people (and forgers) send."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from couples.text import HIDDEN, UNCLEAN, UncleanText, clean, is_empty, is_invisible

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
    ("\u0301\u0301", ""),  # combining marks with no letter to sit on: the audit's display name
    ("\u0301\u0301\u0301", ""),  # and its proposal need
    (" \u0301 \u0308\n", ""),  # marks on spaces
    ("\u200b\u0301\u200d", ""),  # marks among zero-width characters
    ("\u093e\u0941", ""),  # Devanagari vowel signs (Mc, Mn) without a consonant
    ("\u20e3\u20dd", ""),  # enclosing marks (Me) enclosing nothing
    ("e\u0301", "\u00e9"),  # a mark on a letter is a letter: composed, kept
    ("\u0301a", None),  # a stray mark before words: the words are there, kept as sent
    ("1\ufe0f\u20e3", None),  # the keycap emoji: a digit, a variation selector, an enclosing mark
    ("\u0915\u093e", None),  # Devanagari "kaa": a consonant and its vowel sign
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


@pytest.mark.parametrize("text, empty", [
    ("", True), ("\u200b", True), ("\u0301", True), (" \u0301\u0302", True), ("\u093e", True), ("\u20e3", True),
    ("a", False), ("\u0301a", False), ("a\u0301", False), (".", False), ("\u2764", False), ("1\u20e3", False),
])
def test_empty_means_nothing_to_read_not_even_a_letter_under_the_marks(text, empty):
    assert is_empty(text) is empty


MARKS = st.characters(categories=("Mn", "Mc", "Me"))
NOTHING_VISIBLE = st.sampled_from(list(" \t\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\u3164\u2800\ufe0f"))


@settings(max_examples=300, deadline=None)
@given(st.text(MARKS | NOTHING_VISIBLE, min_size=1, max_size=12))
def test_text_of_only_marks_and_invisible_characters_counts_as_empty(text):
    try:
        assert clean(text) == ""
    except UncleanText:  # a mark no keyboard sends (unassigned here) is refused, never kept
        assert any(unicodedata.category(char) == "Cn" for char in text)


@settings(max_examples=300, deadline=None)
@given(st.text(MARKS | NOTHING_VISIBLE, max_size=6), st.characters(categories=("L", "N", "P", "S")),
       st.text(MARKS | NOTHING_VISIBLE, max_size=6))
def test_one_base_character_among_the_marks_keeps_the_text(before, base, after):
    assert clean(before + base + after) != ""


def _by_character(text: str) -> str:
    """clean() as it read before its plain-text shortcut: every character checked in order (the reference)."""
    from couples import text as module
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(module.LINE_BREAKS))
    tags = ""
    for char in text:
        point = ord(char)
        if module.TAGS[0] <= point <= module.TAGS[1] or char == module.CANCEL_TAG:
            if not tags or (char == module.CANCEL_TAG and tags != "in"):
                raise UncleanText(HIDDEN)
            tags = "" if char == module.CANCEL_TAG else "in"
            continue
        if tags == "in":
            raise UncleanText(HIDDEN)
        tags = "may" if char == module.BLACK_FLAG else ""
        module._check(char, point)
    if tags == "in":
        raise UncleanText(HIDDEN)
    return "" if is_empty(text) else text


def _outcome(read, text: str) -> str | tuple[str, str]:
    try:
        return read(text)
    except UncleanText as error:
        return ("refused", str(error))


MIXED = st.one_of(st.characters(codec="ascii"), st.characters(), st.sampled_from(
    [ENGLAND[0], ENGLAND[1], ENGLAND[-1], "\u202e", "\u0000", "\u0301", "\u200b", "\ud800", "\r", "\u2028", "\x7f"]))


@settings(max_examples=2000, deadline=None)
@given(st.text(MIXED, max_size=40))
def test_the_plain_text_shortcut_reads_every_text_as_checking_each_character_does(text):
    """Printable ASCII skips the per-character checks and other text checks each distinct character once: the
    answer (kept text, or which refusal) is the one a check of every character in order gives."""
    assert _outcome(clean, text) == _outcome(_by_character, text)
