"""Checks on what a browser sends over the socket: shapes, types and sizes, with kind sentences."""

from __future__ import annotations

import re
from typing import Any

import nlp
from couples.coaching import SERVER_FIELDS

MAX_FIELDS = 12
MAX_FIELD_CHARS = 5000
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_PATTERN = re.compile(r"^[a-z_]{1,40}$")
TOO_LONG = "That's a lot to hold at once. Please keep it under 5,000 characters."


class BadPayload(Exception):
    """A malformed message; its sentence is safe to show."""

    def __init__(self, message: str = "Something in that message didn't make sense to us. "
                                      "Please refresh the page and try again.") -> None:
        super().__init__(message)
        self.code = "bad_request"


def mapping(payload: Any) -> dict[str, Any]:
    """The payload as a dict, or BadPayload."""
    if not isinstance(payload, dict):
        raise BadPayload()
    return payload


def session_id(payload: dict[str, Any]) -> int:
    """A positive integer session id."""
    value = payload.get("session_id")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadPayload()
    return value


def last_seq(payload: dict[str, Any]) -> int:
    """The last sequence number the page has seen (0 when it has seen none)."""
    value = payload.get("last_seq", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadPayload()
    return value


def action(payload: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
    """(action name, its fields, idempotency key) from an `act` message."""
    name, fields, key = payload.get("action"), payload.get("fields", {}), payload.get("idempotency_key")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise BadPayload()
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise BadPayload()
    if not isinstance(fields, dict) or len(fields) > MAX_FIELDS:
        raise BadPayload()
    for field_name, value in fields.items():
        if not isinstance(field_name, str) or not NAME_PATTERN.match(field_name) or field_name in SERVER_FIELDS:
            raise BadPayload()  # the server writes coaching fields, never the page
        if value is not None and not isinstance(value, (str, int, bool)):
            raise BadPayload()
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise BadPayload(TOO_LONG)
    return name, fields, key


def care_seen(payload: dict[str, Any]) -> bool:
    """Whether the author has seen the care note for this act and chose to share it anyway (default no)."""
    value = payload.get("care_seen", False)
    if not isinstance(value, bool):
        raise BadPayload()
    return value


def draft_text(payload: dict[str, Any]) -> str:
    """The `text` of a draft sent for coaching: a string of at most nlp.MAX_CHARS characters."""
    text = payload.get("text")
    if not isinstance(text, str):
        raise BadPayload()
    if len(text) > nlp.MAX_CHARS:
        raise BadPayload(TOO_LONG)
    return text
