"""accounts: see couples/__init__.py."""
