"""The weekly check-in's server side: how a new check-in starts (prompts, agreements due, past weeks).

The ritual itself is exercises/checkin; its page is templates/exercises/checkin.html.
"""

from couples.checkin.start_options import checkin_options

__all__ = ["checkin_options"]
