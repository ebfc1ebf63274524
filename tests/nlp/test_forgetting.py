"""Reading inside `forgetting()` leaves the vocabularies as they were, and reads the same as outside it."""

from __future__ import annotations

import nlp
from nlp.pipeline import forgetting, loaded

NEW = "You never listen when Zorbleflax calls about Quimbrelda."


def test_new_words_are_forgotten_and_the_reading_is_unchanged():
    current = loaded()
    outside = nlp.analyze("You never listen when Zorbleflax calls about Quimbrelda.").to_dict()
    strings_before = len(current.language.vocab.strings)
    care_before = len(current.care.language.vocab.strings) if current.care else 0
    with forgetting():
        inside = nlp.analyze(NEW.replace("Zorbleflax", "Plindorvex")).to_dict()
        again = nlp.analyze(NEW.replace("Zorbleflax", "Plindorvex")).to_dict()
    assert len(current.language.vocab.strings) == strings_before
    if current.care:
        assert len(current.care.language.vocab.strings) == care_before
    assert inside == again
    assert inside["blaming"] is outside["blaming"] is True
    assert [f["kind"] for f in inside["flags"]] == [f["kind"] for f in outside["flags"]]
    with forgetting():  # the same new word, read in a later zone, is read as before
        assert nlp.analyze(NEW.replace("Zorbleflax", "Plindorvex")).to_dict() == inside
