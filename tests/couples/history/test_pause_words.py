"""How the history tells a pause's length: the way people say it, never "a 2143-minute pause" (what it said
for a pause until tomorrow evening called at 20:17)."""

from __future__ import annotations

import pytest

from couples.history.transcript import _wording, pause_length


@pytest.mark.parametrize("minutes, words", [
    (20, "a 20-minute pause"),
    (60, "an hour's pause"),
    (180, "a 3-hour pause"),
    (90, "a pause of about 2 hours"),
    (2143, "a pause of about 36 hours"),
])
def test_a_pause_is_told_as_people_say_it(minutes, words):
    assert pause_length(minutes) == words


def test_the_transcript_line_for_a_long_pause():
    says, text, details = _wording("paused", {"minutes": 2143, "back_at": "2026-11-30T19:00:00Z"})
    assert says == "asked for a pause of about 36 hours" and text is None and details == ()
