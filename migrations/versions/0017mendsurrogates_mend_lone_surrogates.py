"""mend lone surrogates kept in JSON columns before payloads were checked (issue 15)

Before every payload was checked against its schema, a lone surrogate code point ("\\ud800", half of an
emoji sent alone) could reach a JSON column: the standard library's JSON writes it as an ASCII escape, so
SQLite and PostgreSQL's `json` kept it. Every later read of the row failed: first when the text was sent to a
page (it cannot be encoded as UTF-8), and since JSON columns are read with orjson (which refuses the escape)
as soon as the row was loaded, so that session, scene or entry could never be opened again. This mends every
such string in every JSON column of every table (found by reflection, so a column added later is not
missed): each value is read as raw text and parsed with the standard library, which accepts the escape, and
U+FFFD REPLACEMENT CHARACTER is put where the lone half stood. The rest of the text is kept, and the event
log still replays (a replaced character changes no decision an exercise makes).

Revision ID: 0017mendsurrogates
Revises: 0016socketpages
Create Date: 2026-11-30 12:00:00

"""
import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017mendsurrogates'
down_revision = '0016socketpages'
branch_labels = None
depends_on = None

# json.loads joins a well-formed pair into one code point, so any surrogate left in a str stood alone.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def mended(value: Any) -> Any:
    """`value` (what json.loads gives) with every lone surrogate in its strings and keys replaced."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [mended(item) for item in value]
    if isinstance(value, dict):
        return {mended(key): mended(item) for key, item in value.items()}
    return value


def upgrade():
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table_name in inspector.get_table_names():
        columns = inspector.get_columns(table_name)
        json_columns = [c["name"] for c in columns if isinstance(c["type"], sa.JSON)]
        keys = inspector.get_pk_constraint(table_name)["constrained_columns"]
        if not json_columns or not keys:
            continue
        table = sa.Table(table_name, sa.MetaData(), *(
            sa.Column(c["name"], c["type"], primary_key=c["name"] in keys)
            for c in columns if c["name"] in keys or c["name"] in json_columns))
        raw = sa.select(*(table.c[key] for key in keys),
                        *(sa.cast(table.c[name], sa.Text).label(name) for name in json_columns))
        for row in bind.execute(raw).mappings().all():
            changes = {}
            for name in json_columns:
                if row[name] is None or "\\u" not in row[name]:
                    continue  # no escape at all: nothing to mend
                value = json.loads(row[name])
                fixed = mended(value)
                if fixed != value:
                    changes[name] = fixed
            if changes:  # written through the column's own JSON type, as the app writes it
                bind.execute(sa.update(table).where(*(table.c[key] == row[key] for key in keys)).values(**changes))


def downgrade():
    pass  # the lone halves are not worth putting back: no text could be shown with them
