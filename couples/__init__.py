"""People and their shared space: accounts, pairing, the couple's room and its live socket."""

from couples import agreements, auth, pairing, room
from couples import checkin_setup  # noqa: F401  (registers the check-in's start options)
from couples import scenes, solo_practice  # conflict scripts (scenes registers the rehearsal's start options)

BLUEPRINTS = (auth.bp, pairing.bp, room.bp, agreements.bp, scenes.bp, solo_practice.bp)

__all__ = ["BLUEPRINTS"]
