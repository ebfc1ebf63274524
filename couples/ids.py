"""Row ids a client sends, read in one place: in an address (the `int` converter of every route), a form, a query
string, a JSON body, a socket's payload or `auth`, a cookie.

An id is written the way our pages write one: ASCII digits, no sign, space, underscore or leading zero ("12"),
naming 1 to ROW_ID_MAX = 2**31 - 1, the largest number every id column holds. Every id column is an INTEGER:
64-bit on SQLite, but 32-bit on PostgreSQL. Anything else is no id at all, so it names nothing, and the caller
answers as it does for a missing row (a 404, or the same kind sentence), never with a 500: from int() ("²"
passes str.isdigit() and fails int(); int("٣") is an Arabic-Indic 3) or from the driver (SQLite's
OverflowError past 2**63 - 1, PostgreSQL's NumericValueOutOfRange past 2**31 - 1).
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.routing import BaseConverter, ValidationError

from exercises import ROW_ID_MAX

_ROW_ID = re.compile(r"[1-9][0-9]{0,9}")  # as our pages write an id; ten digits at most: int() reads short text


def row_id(value: object) -> int | None:
    """`value` as a row id (an int, or its ASCII digits as text), or None when no row could have it."""
    if isinstance(value, str):
        value = int(value) if _ROW_ID.fullmatch(value) else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= ROW_ID_MAX else None


class RowId(BaseConverter):
    """The `int` of every URL (`/history/<int:session_id>`...): a row id as `row_id` reads it. Flask's own reads
    any Unicode digits ("/history/٣" is session 3) and lets 2147483648 reach PostgreSQL; here an address naming
    no id a row could have is a 404 like any missing row."""

    regex = r"[0-9]+"  # the digits of anything that looks like a number; `to_python` judges them
    weight = 50  # as Werkzeug's own number converters: a rule with a fixed word there comes first
    part_isolating = True

    def to_python(self, value: str) -> int:
        found = row_id(value)
        if found is None:
            raise ValidationError()
        return found

    def to_url(self, value: Any) -> str:
        return str(int(value))


__all__ = ["ROW_ID_MAX", "RowId", "row_id"]
