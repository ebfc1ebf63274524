"""The shapes a browser may send over the socket: one pydantic schema per event, and one per exercise action.

Every schema refuses a field it doesn't name, a value of another type (strict: `true` is not 1, "1" is not 1,
1.5 is not a whole number), an id outside 1..2**31-1 (what an INTEGER column holds on PostgreSQL) and text that
isn't clean printable Unicode (couples/text.py: NFC; no control, direction-override, private-use or
unassigned characters; text with nothing visible in it, or no base character, counts as empty). A refusal is
BadPayload (`bad_request`) with a kind sentence, raised before anything is read from the log, applied, stored or
broadcast. The base schema, the clean-text type, BadPayload and its sentences are couples/schemas.py's, shared with
the JSON bodies of requests.

`connect` carries no event payload but Socket.IO's `auth`, read by its own schema (`Connect`, `page_said`): a socket
whose `auth` isn't that shape is refused at connect, with the same kind sentence.

An `act` names its exercise's action; that action's own fields are declared as data beside the exercise's
table (exercises/fields.py), and `action_fields` builds their schema from the declaration, once per action.
docs/protocol.md lists every schema; tests/couples/live/test_payload_schemas.py keeps the two the same.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import PydanticCustomError

from couples import text
from couples.coaching import SERVER_FIELDS
from couples.ids import row_id
from couples.schemas import (MAX_FIELD_CHARS, NOT_UNDERSTOOD, TOO_LONG, BadPayload, CleanText, Schema, parse,
                             sentence)
from exercises import ROW_ID_MAX, Choice, Fields, IllegalMove, Kind, Moves, PartnerId, Text, Whole, action_fields

MAX_FIELDS = 12  # more than any action carries; the action's own schema then names exactly which
KEY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
NAME_PATTERN = r"^[a-z_]{1,40}$"
PARTNER_PATTERN = r"^[1-9][0-9]{0,18}$"
MAX_PAGE_CHARS = 40  # socket_pages.page; a real page's name is at most "session:2147483647"
UNKNOWN_ACTION = "That isn't something this exercise knows how to do."


def _one_row(value: str) -> str:
    if row_id(value) is None:
        raise PydanticCustomError("row_id", NOT_UNDERSTOOD)
    return value


def _clean_page(value: str) -> str:
    """A page's name as sent, when it is clean text (couples/text.py); nobody typed it, so one sentence for any."""
    try:
        text.clean(value)
    except text.UncleanText:
        raise PydanticCustomError("unclean_page", NOT_UNDERSTOOD) from None
    return value


RowId = Annotated[int, Field(ge=1, le=ROW_ID_MAX)]
Seq = Annotated[int, Field(ge=0, le=ROW_ID_MAX)]
PartnerText = Annotated[str, Field(pattern=PARTNER_PATTERN), AfterValidator(_one_row)]
PageName = Annotated[str, Field(max_length=MAX_PAGE_CHARS), AfterValidator(_clean_page)]


class Connect(Schema):
    """`connect`'s `auth`: {"page"}, the page opening the socket: "room" or "session:<id>" (static/js/room/room.js,
    static/js/live/exercise_page.js). Another name of clean text counts as nothing said (connection.page_named);
    an older page sends no `auth` at all (`page_said`)."""

    page: PageName


class StillHere(Schema):
    """`still_here`: {}."""


class JoinSession(Schema):
    """`join_session`: {"session_id", "last_seq"?: the newest seq the page has shown, 0 at first}."""

    session_id: RowId
    last_seq: Seq = 0


class LeaveSession(Schema):
    """`leave_session`: {"session_id"}."""

    session_id: RowId


class Act(Schema):
    """`act`: {"session_id", "action", "fields"?, "idempotency_key", "care_seen"?}; `fields` is checked by the
    action's own schema (`action_fields`) once the session, and so its exercise, is known."""

    session_id: RowId
    action: Annotated[str, Field(pattern=NAME_PATTERN)]
    fields: Annotated[dict[str, Any], Field(max_length=MAX_FIELDS)] = Field(default_factory=dict)
    idempotency_key: Annotated[str, Field(pattern=KEY_PATTERN)]
    care_seen: bool = False


class Coach(Schema):
    """`coach`: {"text"}, a draft."""

    text: CleanText


class CoachParaphrase(Schema):
    """`coach_paraphrase`: {"session_id", "text"}, a draft paraphrase."""

    session_id: RowId
    text: CleanText


EVENTS: dict[str, type[Schema]] = {"still_here": StillHere, "join_session": JoinSession,
                                   "leave_session": LeaveSession, "act": Act, "coach": Coach,
                                   "coach_paraphrase": CoachParaphrase}


def page_said(auth: object) -> str | None:
    """The page a connecting socket's `auth` names, as sent (None when it sent none: python-socketio hands on an
    empty `auth`, {} or "", as none too). BadPayload with NOT_UNDERSTOOD for any other shape: nothing in `auth` was
    typed by its person, so no sentence asks them to type it again."""
    if auth is None:
        return None
    try:
        return Connect.model_validate(auth, strict=True).page
    except ValidationError:
        raise BadPayload(NOT_UNDERSTOOD) from None


def checked_fields(kind: str, action: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of `action` in a session of `kind`, checked by its schema and cleaned: what the exercise reads
    and the log keeps (the fields sent, none added). IllegalMove `unknown_action` when `kind` has no such
    action; BadPayload for a field it doesn't declare, a missing one, or a value of another kind."""
    schema = action_schema(kind, action)
    if schema is None:
        raise IllegalMove(UNKNOWN_ACTION, "unknown_action")
    try:
        checked: BaseModel = schema.validate_python(fields, strict=True)
    except ValidationError as error:
        raise BadPayload(sentence(error)) from None
    return checked.model_dump(exclude_unset=True)


def action_schema(kind: str, action: str) -> TypeAdapter[Any] | None:
    """The schema of `action`'s fields in `kind` (None when `kind` has no such action), built from its declaration."""
    return _built(kind, action) if action in action_fields(kind) else None


@functools.cache  # once per action an exercise has: a name a page makes up never reaches it
def _built(kind: str, action: str) -> TypeAdapter[Any]:
    declared = action_fields(kind)[action]
    name = f"{kind}_{action}"
    if not isinstance(declared, Moves):
        return TypeAdapter(_model(name, declared))
    variants = tuple(_model(f"{name}_{move}", own, {declared.key: (Literal[move], ...)})
                     for move, own in declared.actions.items())
    # A union of models built at run time, told apart by the move's name: mypy can't read it as a type.
    union = Annotated[Union[variants], Field(discriminator=declared.key)]  # type: ignore[valid-type]  # noqa: UP007
    return TypeAdapter(union)


def _model(name: str, fields: Fields, leading: dict[str, Any] | None = None) -> type[Schema]:
    taken = SERVER_FIELDS & set(fields)
    if taken:
        raise ValueError(f"{name}: {sorted(taken)} are written by the server, never sent by a page")
    definitions = {**(leading or {}), **{field: _field(kind) for field, kind in fields.items()}}
    return create_model(name, __base__=Schema, **definitions)


def _field(kind: Kind) -> tuple[Any, Any]:
    """(type, default) of one declared field: required ones have none; optional ones may be null."""
    value: Any
    if isinstance(kind, Text):
        value = CleanText
    elif isinstance(kind, Whole):
        value = Annotated[int, Field(ge=kind.low, le=kind.high)]
    elif isinstance(kind, Choice):
        value = Literal[kind.options]
    elif isinstance(kind, PartnerId):
        value = PartnerText
    else:  # pragma: no cover - exercises/fields.py names every kind
        raise TypeError(f"no schema for {kind!r}")
    return (value, ...) if kind.required else (value | None, None)


# The shared pieces (couples/schemas.py) are handed on under the names socket code and tests have always used.
__all__ = ["EVENTS", "MAX_FIELDS", "MAX_FIELD_CHARS", "MAX_PAGE_CHARS", "NOT_UNDERSTOOD", "TOO_LONG", "UNKNOWN_ACTION",
           "Act", "BadPayload", "CleanText", "Coach", "CoachParaphrase", "Connect", "JoinSession", "LeaveSession",
           "PageName", "RowId", "Schema", "Seq", "StillHere", "action_schema", "checked_fields", "page_said", "parse",
           "sentence"]
