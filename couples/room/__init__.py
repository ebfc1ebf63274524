"""room: see couples/__init__.py."""
