"""live: see couples/__init__.py."""
