"""People and couples: signing up, in and out, pairing up with an invitation, and their rows.

  signin.py   /auth: register, sign in, sign out; loads the signed-in person (Flask-Login)
  pairing.py  /pair: invite a partner with a code or link, join with one
  ending.py   a couple ending (a partner leaves), and the couples a person is or was in
  forms.py    their forms;  models.py  User, Couple, Membership, PastMembership, Invitation
"""

from flask import Flask

from couples.accounts import pairing, signin
from couples.accounts.ending import couples_of, end_couple, members_of
from couples.accounts.models import Couple, Invitation, Membership, PastMembership, User
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


__all__ = ["BLUEPRINTS", "Couple", "Invitation", "Membership", "PastMembership", "User", "couples_of", "end_couple",
           "init_app", "members_of", "paired_couple", "safe_next"]
