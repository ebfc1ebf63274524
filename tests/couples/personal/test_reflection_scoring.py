"""How ratings become a reflection: each statement's direction, the reverse ones, the two dimensions."""

from __future__ import annotations

import pytest

from couples.personal import reflection
from couples.personal.reflection import STATEMENTS, Reading, read


def rated(anxiety: int, avoidance: int) -> dict[str, int]:
    """Ratings that put someone at `anxiety` and `avoidance` on every statement, reverse ones included."""
    out = {}
    for s in STATEMENTS:
        value = anxiety if s.dimension == "anxiety" else avoidance
        out[s.id] = 8 - value if s.reverse else value
    return out


def test_the_reflection_has_both_dimensions_and_reverse_statements_in_each():
    assert 12 <= len(STATEMENTS) <= 16
    for dimension in reflection.DIMENSIONS:
        mine = [s for s in STATEMENTS if s.dimension == dimension]
        assert len(mine) >= 6 and any(s.reverse for s in mine) and any(not s.reverse for s in mine)
    assert len({s.id for s in STATEMENTS}) == len(STATEMENTS)


def test_a_reverse_statement_counts_the_other_way():
    worried = rated(7, 1)
    assert read(worried) == Reading(anxiety=7.0, avoidance=1.0)
    secure = next(s for s in STATEMENTS if s.dimension == "anxiety" and s.reverse)
    assert worried[secure.id] == 1  # "I rarely doubt that my partner loves me": not like me at all


def test_each_dimension_is_the_mean_of_its_own_statements():
    ratings = rated(4, 4)
    first = next(s for s in STATEMENTS if s.dimension == "avoidance" and not s.reverse)
    ratings[first.id] = 7  # one avoidance statement up by 3
    count = sum(s.dimension == "avoidance" for s in STATEMENTS)
    assert read(ratings) == Reading(anxiety=4.0, avoidance=round(4 + 3 / count, 2))


@pytest.mark.parametrize(("anxiety", "avoidance", "leanings"), [
    (6, 2, {"anxiety": "leans", "avoidance": "low"}),
    (2, 6, {"anxiety": "low", "avoidance": "leans"}),
    (6, 6, {"anxiety": "leans", "avoidance": "leans"}),
    (4, 4, {"anxiety": "middle", "avoidance": "middle"}),
    (1, 1, {"anxiety": "low", "avoidance": "low"}),
])
def test_leanings_and_their_words(anxiety, avoidance, leanings):
    reading = read(rated(anxiety, avoidance))
    assert reading.leanings == leanings
    words = " ".join(reading.reflection()).lower()
    for label in ("anxious", "avoidant", "disorganized", "disorganised", "insecure", "attachment style"):
        assert label not in words  # plain sentences, never a label
    assert ("reassurance directly" in words) == (leanings["anxiety"] == "leans")
    assert ("short pause" in words) == (leanings["avoidance"] == "leans")


def test_every_combination_of_leanings_has_its_own_words():
    bands = ("low", "middle", "leans")
    assert set(reflection.SUMMARIES) == {(a, b) for a in bands for b in bands}


@pytest.mark.parametrize("change", [{"worry_leave": 0}, {"worry_leave": 8}, {"worry_leave": "5"},
                                    {"worry_leave": True}, {"worry_leave": None}])
def test_incomplete_or_out_of_range_ratings_are_refused(change):
    with pytest.raises(ValueError, match="worry_leave"):
        read({**rated(4, 4), **change})
