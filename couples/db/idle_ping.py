"""Pooled connections are checked before use only when they have sat idle a while.

SQLAlchemy's `pool_pre_ping` pings on every checkout: a round trip to PostgreSQL before every socket
event and page, about a tenth of a busy worker's time. A connection handed back a moment ago is
alive unless the database restarted in that moment; one that sat idle longer (a quiet night, a
restarted database, a firewall that drops idle links) is pinged first and replaced if the ping fails,
with the pool's own retry. If the database dies between a request and the next, that next request
fails with a disconnect error, which makes SQLAlchemy throw away every pooled connection, so only
requests already in flight see it.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event, exc

IDLE_SECONDS = 10.0
_RETURNED = "hearth_returned_at"


def ping_when_idle(engine: Engine, idle_seconds: float = IDLE_SECONDS) -> None:
    """Make `engine`'s pool ping a connection on checkout if it was idle over `idle_seconds`."""
    if event.contains(engine, "checkin", _returned):
        return  # tuned already
    dialect = engine.dialect
    event.listen(engine, "checkin", _returned)

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        returned = record.info.get(_RETURNED)
        if returned is None or time.monotonic() - returned < idle_seconds:
            return  # new, or back a moment ago
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - any failure means this connection cannot be trusted
            raise exc.DisconnectionError(str(error)) from error
        if not alive:
            raise exc.DisconnectionError("the pooled connection did not answer")


def _returned(dbapi_connection: Any, record: Any) -> None:
    record.info[_RETURNED] = time.monotonic()
