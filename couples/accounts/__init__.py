"""People and couples: signing up, in and out, pairing up with an invitation, and their rows.

  signin.py   /auth: register, sign in, sign out; loads the signed-in person (Flask-Login)
  pairing.py  /pair: invite a partner with a code or link, join with one
  forms.py    their forms;  models.py  User, Couple, Membership, Invitation
"""

from flask import Flask

from couples.accounts import pairing, signin
from couples.accounts.models import Couple, Invitation, Membership, User
from couples.accounts.signin import paired_couple, safe_next
from couples.extensions import login_manager

BLUEPRINTS = (signin.bp, pairing.bp)


def init_app(app: Flask) -> None:
    """Sign-ins for `app` (Flask-Login): who is signed in, and where a page that needs it sends a stranger."""
    login_manager.init_app(app)
    login_manager.user_loader(signin.load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.unauthorized_handler(signin.sign_in_first)


__all__ = ["BLUEPRINTS", "Couple", "Invitation", "Membership", "User", "init_app", "paired_couple", "safe_next"]
