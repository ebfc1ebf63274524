"""db: see couples/__init__.py."""
