"""The one way Hearth reads and writes moments: UTC, stored without tzinfo, logged as ISO 8601 with Z."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment: Any) -> str:
    """A stored moment as the log writes it (UTC, seconds, with Z); empty for none."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else ""
