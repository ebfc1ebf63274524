"""Safety: the quick exit on every page and the page about its limits (couples/safety/pages.py).

The private safety check before conflict tools and the care note before sending will live here too.
"""

from couples.safety.pages import bp

__all__ = ["bp"]
