"""People and their shared space: accounts, pairing, the couple's room and its live socket."""

from couples.agreements import pages as agreements
from couples.accounts import signin as auth
from couples.accounts import pairing
from couples.room import pages as room
from couples.checkin import start_options as checkin_setup  # noqa: F401  (registers the check-in's start options)
from couples.scenes import pages as scenes  # conflict scripts (scenes registers the rehearsal's start options)
from couples.scenes import solo as solo_practice

BLUEPRINTS = (auth.bp, pairing.bp, room.bp, agreements.bp, scenes.bp, solo_practice.bp)

__all__ = ["BLUEPRINTS"]
