"""Socket replies: every handler answers its sender through the acknowledgement, in one shape."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from couples.extensions import db
from couples.live.payloads import BadPayload
from couples.log import StoreConflict
from exercises import IllegalMove

log = logging.getLogger(__name__)


def failure(code: str, message: str) -> dict[str, Any]:
    """The reply that tells the sender what went wrong: a machine-readable code and a kind sentence."""
    return {"ok": False, "error": {"code": code, "message": message}}


def errors_as_replies(handler: Callable[[Any], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Wrap a socket handler of one payload: domain errors become an error reply to the sender, with nothing changed.

    An event sent with no payload, or with more than one, is `bad_request` (its handler is not called).
    IllegalMove, BadPayload and StoreConflict carry their own code and sentence; anything else rolls
    back, is logged, and answers `server_error` (never silence; never for what a page sent: the payload
    schemas refuse that first).
    """

    @functools.wraps(handler)
    def wrapper(*args: Any) -> dict[str, Any]:
        try:
            if len(args) != 1:
                raise BadPayload()
            return handler(args[0])
        except (IllegalMove, BadPayload, StoreConflict) as error:
            db.session.rollback()
            return failure(getattr(error, "code", "conflict"), str(error))
        except Exception:  # never leave a partner without an answer
            db.session.rollback()
            log.exception("socket handler %s failed", handler.__name__)
            return failure("server_error", "Something went wrong on our side. Nothing you wrote was lost; "
                                           "please try again in a moment.")

    return wrapper
