"""checkin: see couples/__init__.py."""
