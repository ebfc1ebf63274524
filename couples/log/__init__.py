"""log: see couples/__init__.py."""
