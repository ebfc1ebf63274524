"""Word-level differences between two wordings of an agreement, so both partners see what changed.

A difference is a list of `[op, text]` pairs, op one of "same", "added", "removed"; joining the "same"
and "added" texts gives the new wording back, joining "same" and "removed" gives the old one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

FIELDS = ("need", "why", "consequence", "review_every_weeks")
# Words (with inner apostrophes), single marks and the spaces between them, so the text joins back exactly.
_WORDS = re.compile(r"\s+|\w+(?:['\u2019]\w+)*|[^\w\s]")


def words(text: str) -> list[str]:
    """`text` split into words and the spaces between them."""
    return _WORDS.findall(text or "")


def word_diff(old: str, new: str) -> list[list[str]]:
    """The word-level difference from `old` to `new`, as `[op, text]` pairs with neighbours merged."""
    before, after = words(old), words(new)
    pairs: list[list[str]] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pairs, "same", "".join(before[i1:i2]))
        else:
            _add(pairs, "removed", "".join(before[i1:i2]))
            _add(pairs, "added", "".join(after[j1:j2]))
    return pairs


def _add(pairs: list[list[str]], op: str, text: str) -> None:
    if not text:
        return
    if pairs and pairs[-1][0] == op:
        pairs[-1][1] += text
    else:
        pairs.append([op, text])


def field_text(wording: Mapping[str, Any], field: str) -> str:
    """One field of a wording as the text the partners read."""
    value = wording.get(field)
    if field == "review_every_weeks":
        return f"every {value} weeks" if value and value != 1 else "every week" if value == 1 else ""
    return value or ""


def version_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> dict[str, list[list[str]]]:
    """For each field that differs between two wordings, its word-level difference ({} when none did)."""
    if old is None:
        return {}
    changes = {}
    for field in FIELDS:
        before, after = field_text(old, field), field_text(new, field)
        if before != after:
            changes[field] = word_diff(before, after)
    return changes


def old_text(pairs: list[list[str]]) -> str:
    """The old wording a difference was made from."""
    return "".join(text for op, text in pairs if op != "added")


def new_text(pairs: list[list[str]]) -> str:
    """The new wording a difference leads to."""
    return "".join(text for op, text in pairs if op != "removed")
