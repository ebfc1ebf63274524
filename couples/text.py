"""Free text as people send it, made clean before anything keeps or reads it: one function, `clean`, for every
socket payload (couples/live/payloads.py) and every form field (couples/forms.py `stripped`).

`clean(text)`:
  - normalises to NFC, so the same words are the same code points however a keyboard composed them;
  - writes every line break as "\\n" (CR LF, a lone CR, U+2028, U+2029); tabs stay;
  - refuses (UncleanText, whose sentence is kind and safe to show): lone surrogates, private-use and
    unassigned code points, noncharacters, control characters other than "\\n" and "\\t"; the bidirectional
    embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), which make words read in
    another order than they are stored; the deprecated format controls (U+206A-U+206F), interlinear
    annotation (U+FFF9-U+FFFB), the language tag (U+E0001), and tag characters anywhere but in an emoji
    flag (🏴 + tags + U+E007F), since tags elsewhere carry words nobody sees;
  - keeps what writing needs: the zero-width joiner and non-joiner (emoji sequences such as 👩‍❤️‍👨, and
    scripts such as Persian and Malayalam), variation selectors, left-to-right and right-to-left marks
    (Hebrew and Arabic writers use them), the soft hyphen;
  - returns "" for text in which nothing is visible (only whitespace, zero-width and other default-ignorable
    characters), and for text with no base character: only combining marks (Unicode categories Mn, Mc, Me)
    beside those, accents and vowel signs with no letter to sit on, which a page draws as stray strokes or
    dotted circles. Either counts as empty, and each form or exercise asks for a few words its own way.

Python 3.11 knows Unicode 14.0: emoji added since (Unicode 15 onwards, which phones already offer) and
newer CJK ideographs are "unassigned" to it, so unassigned code points in the emoji blocks and the
ideograph planes are let through; elsewhere they are refused.
"""

from __future__ import annotations

import re
import unicodedata

UNCLEAN = "Part of that text didn't come through cleanly. Could you type it again?"
HIDDEN = "Some hidden characters in that text can change how it reads. Could you type it again?"

LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})  # after CR LF -> LF
KEPT_CONTROLS = frozenset("\n\t")
HIDDEN_CONTROLS = ((0x202A, 0x202E), (0x2066, 0x2069), (0x206A, 0x206F), (0xFFF9, 0xFFFB), (0xE0001, 0xE0001))
TAGS = (0xE0020, 0xE007E)  # tag characters, allowed only after a black flag, ended by CANCEL TAG
CANCEL_TAG = "\U000E007F"
BLACK_FLAG = "\U0001F3F4"
NEWER_THAN_PYTHON = ((0x1F000, 0x1FAFF), (0x20000, 0x3FFFD))  # emoji blocks, ideograph planes
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties), and the blank braille pattern: characters
# that show nothing by themselves.
INVISIBLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
             (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x2800, 0x2800),
             (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
             (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))


# Printable ASCII, tab and line feed: nothing in it to normalise or refuse, and it is empty only when all blank.
# Most of what people send is this, so it is told apart in one regular expression, not character by character.
PLAIN = re.compile(r"[\t\n\x20-\x7e]*")
NOT_PLAIN = re.compile(r"[^\t\n\x20-\x7e]")
TAGGED = re.compile("[\U000E0020-\U000E007F]")  # a tag character or CANCEL TAG: the order of characters matters


class UncleanText(ValueError):
    """Text that can't be taken as it is; `str(error)` is a kind sentence for the person who wrote it."""


def clean(text: str) -> str:
    """`text` in NFC with "\\n" line breaks; "" when nothing in it is visible. UncleanText (UNCLEAN or HIDDEN)
    for a character no keyboard should send or one that hides or reorders words."""
    text = text.replace("\r\n", "\n").translate(LINE_BREAKS)
    if PLAIN.fullmatch(text):
        return text if text.strip() else ""
    text = unicodedata.normalize("NFC", text)
    if TAGGED.search(text) is None:  # each distinct character beyond PLAIN checked once, in order
        for char in dict.fromkeys(NOT_PLAIN.findall(text)):
            _check(char, ord(char))
        return "" if is_empty(text) else text
    tags = ""  # "may": just after 🏴, whose tags may follow; "in": inside its tags, until CANCEL TAG
    for char in text:
        point = ord(char)
        if _within(point, (TAGS,)) or char == CANCEL_TAG:
            if not tags or (char == CANCEL_TAG and tags != "in"):
                raise UncleanText(HIDDEN)
            tags = "" if char == CANCEL_TAG else "in"
            continue
        if tags == "in":  # a flag's tags end with CANCEL TAG, nothing else
            raise UncleanText(HIDDEN)
        tags = "may" if char == BLACK_FLAG else ""
        _check(char, point)
    if tags == "in":
        raise UncleanText(HIDDEN)
    return "" if is_empty(text) else text


def _check(char: str, point: int) -> None:
    category = unicodedata.category(char)
    if category == "Cc" and char not in KEPT_CONTROLS:
        raise UncleanText(UNCLEAN)
    if category in ("Cs", "Co") or _noncharacter(point):
        raise UncleanText(UNCLEAN)
    if category == "Cn" and not _within(point, NEWER_THAN_PYTHON):
        raise UncleanText(UNCLEAN)
    if _within(point, HIDDEN_CONTROLS):
        raise UncleanText(HIDDEN)


def is_invisible(text: str) -> bool:
    """Whether nothing in `text` shows: only whitespace, format characters and other default-ignorables."""
    return all(_invisible(char) for char in text)


def is_empty(text: str) -> bool:
    """Whether `text` holds nothing to read: no character but invisible ones (`is_invisible`) and combining marks
    (Mn, Mc, Me), so no letter, digit, symbol or punctuation for a mark to sit on ("\u0301\u0301" is empty)."""
    return all(_invisible(char) or unicodedata.category(char).startswith("M") for char in text)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp") or _within(ord(char), INVISIBLE)


def _noncharacter(point: int) -> bool:
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def _within(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= point <= high for low, high in ranges)
