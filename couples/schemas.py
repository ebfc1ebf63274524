"""The strict shapes a browser may send as JSON: over the socket (couples/live/payloads.py, one schema per event
and per exercise action) or as a request's body (a page's fetch: solo practice, the journal's coach).

A schema is a pydantic model on `Schema`: it refuses a field it doesn't name, a missing one, and a value of another
type (strict: `true` is not 1, "1" is not 1, 1.5 is not a whole number). `CleanText` is text as couples/text.py
cleans it (NFC; no control, direction-override, private-use or unassigned characters; nothing visible, or no base
character, counts as empty) of at most MAX_FIELD_CHARS. A refusal is BadPayload (`bad_request`) with a kind
sentence (`sentence`), raised before anything is read, applied, stored or broadcast.

For a request: `json_body(schema)` reads the body, and `refused` is the answer a blueprint gives a BadPayload:
400 with {"ok": false, "error": {"code": "bad_request", "message"}}, the shape of every JSON error
(docs/protocol.md).
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from flask import Response, jsonify, request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from couples import text

MAX_FIELD_CHARS = 5000  # a text field, and a draft read by the coach (nlp.MAX_CHARS)
TOO_LONG = "That's a lot to hold at once. Please keep it under 5,000 characters."
NOT_UNDERSTOOD = "Something in that message didn't make sense to us. Please refresh the page and try again."

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


CleanText = Annotated[str, Field(max_length=MAX_FIELD_CHARS), AfterValidator(_clean)]


class Schema(BaseModel):
    """A payload's shape: nothing it doesn't name, nothing of another type."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def parse(schema: type[S], payload: object) -> S:
    """`payload` as `schema`, or BadPayload with a kind sentence."""
    try:
        return schema.model_validate(payload, strict=True)
    except ValidationError as error:
        raise BadPayload(sentence(error)) from None


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


def json_body(schema: type[S]) -> S:
    """The request's JSON body read by `schema`; BadPayload for a body that isn't JSON, or isn't that shape (a
    body nested past Python's recursion limit, `[[[...]]]` in 10 KB, counts as not JSON: json.loads raises
    RecursionError, which get_json(silent=True) does not catch)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        body = None
    return parse(schema, body)


def refused(error: BadPayload) -> tuple[Response, int]:
    """A blueprint's answer to BadPayload: 400, {"ok": false, "error": {"code": "bad_request", "message"}}."""
    return jsonify(ok=False, error={"code": error.code, "message": str(error)}), 400


class Draft(Schema):
    """A draft for the private coach, sent after a pause in typing: {"text"} (the socket's `coach` event has the
    same shape; over HTTP: the journal's coach, solo practice's)."""

    text: CleanText
