"""Socket.IO frames are read and written by orjson where it gives exactly what the standard library gives
(couples/live/frames.FrameJson): the same values of the same types, whatever the text."""

from __future__ import annotations

import json as stdlib_json
from typing import Any

import pytest
from engineio import json as engineio_json
from hypothesis import given, settings
from hypothesis import strategies as st

from couples.live.frames import CheckedPacket, FrameJson

SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10 ** 30), max_value=10 ** 30)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=30)


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same type all the way down (1 and 1.0 and True differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b) or a != a and b != b  # NaN read twice is the same reading


def read_both(text: str) -> tuple[Any, Any]:
    """(FrameJson's reading, python-engineio's), each a value or the exception type it raised."""
    answers = []
    for reader in (FrameJson.loads, engineio_json.loads):
        try:
            answers.append(reader(text))
        except (ValueError, RecursionError) as error:
            answers.append(ValueError if isinstance(error, ValueError) else RecursionError)
    return answers[0], answers[1]


@settings(max_examples=1000, deadline=None)
@given(VALUES)
def test_what_it_writes_reads_back_the_same_as_the_standard_library_reads_it(value):
    ours, theirs = FrameJson.dumps(value, separators=(",", ":")), stdlib_json.dumps(value, separators=(",", ":"))
    assert same(*read_both(ours)) and same(*read_both(theirs))
    assert same(FrameJson.loads(ours), engineio_json.loads(theirs))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from('[]{}",:0123456789.eE-+ truefalsnNaIiy\\ud800u'), max_size=40))
def test_any_text_reads_as_the_standard_library_reads_it(text):
    ours, theirs = read_both(text)
    assert same(ours, theirs), (text, ours, theirs)


@pytest.mark.parametrize("text", [
    '["act",{"n":18446744073709551616}]',  # past 64 bits: orjson would read a float
    '["act",{"n":' + "1" * 101 + "}]",  # past python-engineio's 100 digits: refused by both
    '["act","\\ud800"]',  # a lone surrogate: orjson refuses it, the standard library reads it
    '["act",NaN]', '["act",Infinity]',  # not JSON, read by the standard library
    "[" * 1100 + "]" * 1100,  # past orjson's depth
    '["act",{"a":1,"a":2}]',  # a key twice: the last wins
    '["act",1.0]', '["act",-0]', '["act",1E400]',
])
def test_texts_where_the_two_readers_differ_read_as_the_standard_library_reads_them(text):
    ours, theirs = read_both(text)
    assert same(ours, theirs), (ours, theirs)


def test_data_it_cannot_write_is_written_by_the_standard_library():
    assert FrameJson.dumps(["x", "\ud800"]) == '["x","\\ud800"]'
    assert FrameJson.dumps({1: "a"}) == '{"1":"a"}'


def test_packets_carry_no_binary_search_and_still_encode_events():
    assert CheckedPacket.uses_binary_events is False
    assert CheckedPacket(data=["session_event", {"text": "é"}]).encode() == '2["session_event",{"text":"é"}]'
