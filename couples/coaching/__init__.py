"""coaching: see couples/__init__.py."""
