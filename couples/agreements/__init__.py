"""agreements: see couples/__init__.py."""
