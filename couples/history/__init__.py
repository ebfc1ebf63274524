"""What a couple has done together, to look back on.

  transcript.py    a session read back as a conversation, for one reader (what they saw, their coach's notes)
  pages.py         the history of sessions (newest first, paginated, by exercise) and each one's transcript
  trend_pages.py   the trends page: week-by-week charts, each with a table behind it
"""

from couples.history.pages import FORMER, bp, people_of, reader_for
from couples.history.transcript import Line, Reader, transcript
from couples.history.trend_pages import bp as trends_bp

BLUEPRINTS = (bp, trends_bp)

__all__ = ["BLUEPRINTS", "FORMER", "Line", "Reader", "people_of", "reader_for", "transcript"]
