"""Ids a client sends that no row could have are "not found", never a 500 (couples/ids.py).

Found by a security audit: a number past what a database integer holds (2**63 on SQLite, 2**31 on PostgreSQL,
whose INTEGER is 32-bit) reached the driver, and "²" passed str.isdigit() and then failed int(); Flask's own
`int` converter reads "٣" (an Arabic-Indic 3) as 3. Every case here runs on both databases (`--db=postgres`),
and each is answered exactly as an id naming nothing is. The authorization matrix tries the same on every route.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from couples.extensions import db
from couples.ids import ROW_ID_MAX, row_id
from tests.couples.scenes.test_pages import scene_form
from tests.support.accounts import csrf_token
from tests.support.sessions import agree

MISSING = "2147483646"  # a well-formed id nothing has
PAST_POSTGRESQL, PAST_SQLITE, HUGE = "2147483648", str(2**63), "9999999999999999999999999"
OUT_OF_RANGE = [PAST_POSTGRESQL, PAST_SQLITE, HUGE, "9" * 5000]
MALFORMED = ["²", "٣", "３", "1²", "-1", "+1", " 1", "1 ", "1_0", "0", "00", "01", "1.0", "1e3", "0x1", "", "1\n"]


@pytest.mark.parametrize("value, expected", [
    ("1", 1), ("12", 12), (str(ROW_ID_MAX), ROW_ID_MAX), (1, 1), (ROW_ID_MAX, ROW_ID_MAX),
    *((value, None) for value in OUT_OF_RANGE + MALFORMED),
    (0, None), (-1, None), (ROW_ID_MAX + 1, None), (2**63, None), (True, None), (1.0, None), (None, None),
    (b"1", None),
])
def test_an_id_is_ascii_digits_naming_what_every_database_integer_holds(value: object, expected: int | None) -> None:
    assert row_id(value) == expected


def test_every_id_column_is_an_integer_so_the_limit_is_postgresqls(app) -> None:
    """ROW_ID_MAX is 2**31 - 1 because every id column (each key, and each column naming one) is an INTEGER in
    the migrated schema, 32-bit on PostgreSQL. A BIGINT id column would let ids grow past it."""
    assert ROW_ID_MAX == 2**31 - 1
    with app.app_context():
        schema = inspect(db.engine)
        keys = {(table.name, column.name) for table in db.metadata.sorted_tables for column in table.columns
                if (column.primary_key or column.foreign_keys) and column.type.python_type is int}
        kinds = {(table, column["name"]): str(column["type"]) for table, _ in keys
                 for column in schema.get_columns(table)}
    assert len(keys) > 20 and {kinds[key] for key in keys} == {"INTEGER"}


# --- addresses ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ref", [f"custom-{PAST_SQLITE}", "custom-%C2%B2", f"custom-{PAST_POSTGRESQL}",
                                 f"custom-{HUGE}", "custom-%D9%A3", "custom-01", "custom-0", "custom--1", "custom-+1",
                                 "custom-1_0", "custom-%201"])
def test_a_scene_named_by_an_id_no_row_could_have_is_not_found(couple, ref: str) -> None:
    """GET /scenes/custom-<2**63>, /scenes/custom-² and /scenes/custom-<2**63>/solo were 500s."""
    ana, _ = couple
    assert ana.client.get(f"/scenes/{ref}").status_code == 404
    assert ana.client.get(f"/scenes/{ref}/solo").status_code == 404
    response = ana.client.post(f"/scenes/{ref}/solo", data={"role": "one", "csrf_token": csrf_token(ana.client, "/")})
    assert response.status_code == 404


def test_a_scene_of_their_own_is_found_by_its_id_written_one_way(couple) -> None:
    ana, _ = couple
    ref = ana.post("/scenes/new", scene_form()).headers["Location"].rsplit("/", 1)[-1]
    assert ana.client.get(f"/scenes/{ref}").status_code == 200
    assert ana.client.get(f"/scenes/{ref}/solo").status_code == 200
    assert ana.client.get(f"/scenes/{ref.replace('custom-', 'custom-0')}").status_code == 404


INT_ROUTES = ["/sessions/{}", "/history/{}", "/agreements/{}", "/solo/{}", "/me/reflection/{}", "/me/journal/{}"]


@pytest.mark.parametrize("path", INT_ROUTES)
@pytest.mark.parametrize("value", [PAST_POSTGRESQL, PAST_SQLITE, HUGE, "%C2%B2", "%D9%A3", "%EF%BC%93", "0", "01"])
def test_an_address_with_an_id_no_row_could_have_is_a_404(couple, path: str, value: str) -> None:
    ana, _ = couple
    assert ana.client.get(path.format(value)).status_code == 404


def test_digits_of_another_script_name_nothing_even_where_int_reads_them_as_an_id(app, couple) -> None:
    ana, ben = couple
    _talk, agreement_id = agree(app, ana, ben)
    assert ana.client.get(f"/agreements/{agreement_id}").status_code == 200
    eastern = str(agreement_id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert ana.client.get(f"/agreements/{eastern}").status_code == 404


# --- the start form -------------------------------------------------------------------------------------------

def started(person, **form: str):
    return person.client.post("/sessions", data={**form, "csrf_token": csrf_token(person.client, "/")})


def answer(response) -> tuple[int, str | None]:
    return response.status_code, response.headers.get("Location")


@pytest.mark.parametrize("kind", ["boundary", "review"])
@pytest.mark.parametrize("agreement_id", [HUGE, "²", PAST_POSTGRESQL, PAST_SQLITE, "٣", "-1", "0", "01", " 1"])
def test_a_start_about_an_agreement_no_row_could_have_is_answered_as_a_missing_one(
        app, couple, kind: str, agreement_id: str) -> None:
    """POST /sessions kind=boundary or review with agreement_id=9999999999999999999999999 (or ²) was a 500."""
    ana, ben = couple
    agree(app, ana, ben)  # an agreement of theirs to talk about or review: only the id decides
    missing = answer(started(ana, kind=kind, agreement_id=MISSING))
    assert missing == (404, None)
    assert answer(started(ana, kind=kind, agreement_id=agreement_id)) == missing


@pytest.mark.parametrize("scene", [f"custom-{PAST_SQLITE}", f"custom-{HUGE}", f"custom-{PAST_POSTGRESQL}",
                                   "custom-²", "custom-٣", "custom-01"])
def test_a_rehearsal_of_a_scene_no_row_could_have_is_answered_as_a_missing_one(couple, scene: str) -> None:
    """POST /sessions kind=rehearsal scene=custom-<2**63> was a 500."""
    ana, _ = couple
    missing = answer(started(ana, kind="rehearsal", scene=f"custom-{MISSING}", role="one"))
    assert missing[0] == 302
    assert answer(started(ana, kind="rehearsal", scene=scene, role="one")) == missing
    assert "find that scene" in ana.client.get("/").get_data(as_text=True)


# --- sockets and sign-ins -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [f"session:{PAST_POSTGRESQL}", "session:99999999999", "session:²", "session:٣",
                                  "session:01"])
def test_a_socket_naming_its_page_by_an_id_no_row_could_have_is_let_in(couple, partner, page: str) -> None:
    """Its page is simply unknown, as another couple's session is (on PostgreSQL, 2147483648 refused the socket)."""
    ana, _ = couple
    assert partner(ana, page=page).is_connected()


@pytest.mark.parametrize("digits", [PAST_POSTGRESQL, PAST_SQLITE, "²", "٣", "01", ""])
def test_a_sign_in_token_naming_an_id_no_row_could_have_names_nobody(app, digits: str) -> None:
    from couples.accounts.signins import signed_in
    with app.app_context():
        assert signed_in(f"{digits}.a-secret") is None
