"""The shapes a browser may send over the socket: one pydantic schema per event, and one per exercise action.

Every schema refuses a field it doesn't name, a value of another type (strict: `true` is not 1, "1" is not 1,
1.5 is not a whole number), an id outside 1..2**31-1 (what an INTEGER column holds on PostgreSQL) and text that
isn't clean printable Unicode (couples/text.py: NFC; no control, direction-override, private-use or
unassigned characters; text with nothing visible in it counts as empty). A refusal is BadPayload
(`bad_request`) with a kind sentence, raised before anything is read from the log, applied, stored or
broadcast.

An `act` names its exercise's action; that action's own fields are declared as data beside the exercise's
table (exercises/fields.py), and `action_fields` builds their schema from the declaration, once per action.
docs/protocol.md lists every schema; tests/couples/live/test_payload_schemas.py keeps the two the same.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, TypeVar, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import PydanticCustomError

from couples import text
from couples.coaching import SERVER_FIELDS
from exercises import ROW_ID_MAX, Choice, Fields, IllegalMove, Kind, Moves, PartnerId, Text, Whole, action_fields

MAX_FIELDS = 12  # more than any action carries; the action's own schema then names exactly which
MAX_FIELD_CHARS = 5000  # a text field, and a draft read by the coach (nlp.MAX_CHARS)
KEY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
NAME_PATTERN = r"^[a-z_]{1,40}$"
PARTNER_PATTERN = r"^[1-9][0-9]{0,18}$"
TOO_LONG = "That's a lot to hold at once. Please keep it under 5,000 characters."
NOT_UNDERSTOOD = "Something in that message didn't make sense to us. Please refresh the page and try again."
UNKNOWN_ACTION = "That isn't something this exercise knows how to do."

S = TypeVar("S", bound=BaseModel)


class BadPayload(Exception):
    """A malformed message; its sentence is safe to show."""

    def __init__(self, message: str = NOT_UNDERSTOOD) -> None:
        super().__init__(message)
        self.code = "bad_request"


def _clean(value: str) -> str:
    try:
        cleaned = text.clean(value)
    except text.UncleanText as error:
        raise PydanticCustomError("unclean_text", str(error)) from None
    if len(cleaned) > MAX_FIELD_CHARS:  # NFC lengthens a few scripts' text a little
        raise PydanticCustomError("text_too_long", TOO_LONG)
    return cleaned


def _one_row(value: str) -> str:
    if int(value) > ROW_ID_MAX:
        raise PydanticCustomError("row_id", NOT_UNDERSTOOD)
    return value


CleanText = Annotated[str, Field(max_length=MAX_FIELD_CHARS), AfterValidator(_clean)]
RowId = Annotated[int, Field(ge=1, le=ROW_ID_MAX)]
Seq = Annotated[int, Field(ge=0, le=ROW_ID_MAX)]
PartnerText = Annotated[str, Field(pattern=PARTNER_PATTERN), AfterValidator(_one_row)]


class Schema(BaseModel):
    """A payload's shape: nothing it doesn't name, nothing of another type."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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


def parse(schema: type[S], payload: Any) -> S:
    """`payload` as `schema`, or BadPayload with a kind sentence."""
    try:
        return schema.model_validate(payload, strict=True)
    except ValidationError as error:
        raise BadPayload(sentence(error)) from None


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


def sentence(error: ValidationError) -> str:
    """The kind sentence for a refused payload: unclean or overlong text says so, anything else asks for a refresh."""
    for detail in error.errors(include_url=False):
        if detail["type"] == "unclean_text":
            return str(detail["msg"])
        if detail["type"] == "string_unicode":  # a lone surrogate: pydantic's core can't even read it as text
            return text.UNCLEAN
        if detail["type"] in ("text_too_long", "string_too_long"):
            return TOO_LONG
    return NOT_UNDERSTOOD
