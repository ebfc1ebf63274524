"""Every free-text form field is cleaned as socket text is (couples/forms.py `stripped`, couples/text.py): NUL,
direction overrides and zero-width-only text are refused kindly, and what the person typed stays in the box."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from couples.accounts.forms import NameForm, RegisterForm
from couples.extensions import db
from couples.personal.models import Entry
from couples.text import HIDDEN, UNCLEAN

NAME_NEEDED = "Please add a name your partner will recognise."


@pytest.mark.parametrize("typed, error", [
    ("Ana\x00", UNCLEAN),
    ("\u202eanA", HIDDEN),  # a right-to-left override makes the name read backwards
    ("An\u2066a\u2069", HIDDEN),
    ("\u200b\u200b\u200d", NAME_NEEDED),  # zero-width only: nothing a partner could see
    ("\u3164", NAME_NEEDED),  # a Hangul filler looks like nothing at all
    ("\u0301\u0301", NAME_NEEDED),  # accents over nothing: no letter to read (the audit's finding)
    (" \u0308\u200b\u093e", NAME_NEEDED),
])
@pytest.mark.parametrize("form_class", [RegisterForm, NameForm])
def test_a_display_name_that_isnt_clean_is_refused_kindly(app, form_class, typed, error):
    data = {"email": "ana@example.org", "display_name": typed, "password": "a quiet evening walk"}
    with app.test_request_context("/", method="POST", data=data):
        form = form_class(meta={"csrf": False})
        assert not form.validate()
        assert form.display_name.errors == [error]


@pytest.mark.parametrize("typed, kept", [
    ("  Ana  ", "Ana"), ("Zoe\u0308", "Zo\u00eb"), ("\u0646\u0627\u062f\u06cc\u0627", None), ("Ana \U0001F338", None),
])
def test_a_clean_display_name_is_kept_composed_and_trimmed(app, typed, kept):
    with app.test_request_context("/", method="POST", data={"display_name": typed}):
        form = NameForm(meta={"csrf": False})
        assert form.validate(), form.errors
        assert form.display_name.data == (typed if kept is None else kept)


def entries_of(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Entry))


@pytest.mark.parametrize("happened, error", [
    ("We argued about\x00 the dishes", UNCLEAN),
    ("He said \u202edesrever si siht", HIDDEN),
    ("\u200b\u200c\u2060", "Please add a few words here first."),
    ("\u0301\u0301\u0301", "Please add a few words here first."),  # combining marks only
])
def test_a_journal_entry_that_isnt_clean_is_refused_and_the_text_stays(app, couple, happened, error):
    ana, _ = couple
    before = entries_of(app)
    response = ana.post("/me/journal/", {"situation": "Dinner", "happened": happened})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code in (200, 422) and error in page
    assert "Dinner" in page  # what she typed is still in the form
    assert entries_of(app) == before


def test_a_clean_journal_entry_is_kept_with_its_line_breaks(app, couple):
    ana, _ = couple
    before = entries_of(app)
    response = ana.post("/me/journal/", {"situation": "Dinner", "happened": "He was late.\r\nI went quiet."})
    assert response.status_code == 302
    with app.app_context():
        newest = db.session.scalars(select(Entry).order_by(Entry.id.desc())).first()
        assert newest is not None and newest.fields["happened"] == "He was late.\nI went quiet."
    assert entries_of(app) == before + 1


def test_a_scene_with_a_direction_override_is_refused(couple):
    ana, _ = couple
    response = ana.post("/scenes/new", {"title": "Dishes", "situation": "After dinner.", "role_one": "Sam",
                                        "role_two": "Alex", "topic_words": "dishes",
                                        "script": "Sam: You never do the dishes \u202e!\nAlex: I did them."})
    assert response.status_code == 422 and HIDDEN in html.unescape(response.get_data(as_text=True))
