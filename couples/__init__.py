"""People and their shared space: accounts, pairing, the couple's room and its live socket."""

from couples import agreements, auth, pairing, room

BLUEPRINTS = (auth.bp, pairing.bp, room.bp, agreements.bp)

__all__ = ["BLUEPRINTS"]
