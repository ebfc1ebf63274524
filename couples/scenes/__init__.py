"""scenes: see couples/__init__.py."""
