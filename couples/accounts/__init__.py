"""People and couples: signing up, in and out, pairing up with an invitation, and their rows.

  signin.py   /auth: sign in, sign out; loads the signed-in person (Flask-Login)
  registration.py  /auth/register: sign up; the emailed link confirms the address (confirmation.py)
  recovery.py /auth/forgot, /auth/reset: a forgotten password, by an emailed link
  account.py  /account: name, email, password;  tokens.py, letters.py  the emailed links and the emails
  signins.py  sign-ins the server can end (start, end, end_all, sign_out); /account/sign-ins lists them
  pairing.py  /pair: invite a partner with a code or link, join with one
  ending.py   a couple ending (a partner leaves), and the couples a person is or was in
  forms.py    their forms;  models.py  User, SignIn, Couple, Membership, PastMembership, Invitation
"""

from flask import Flask

from couples.accounts import account, pairing, recovery, registration, signin, signins
from couples.accounts.ending import couples_of, end_couple, members_of
from couples.accounts.models import Couple, Invitation, Membership, PastMembership, SignIn, User
from couples.accounts.signin import paired_couple, safe_next
from couples.accounts.signins import current_sign_in_id, end_all, ends_access, sign_ins_ended, sign_out
from couples.extensions import login_manager

BLUEPRINTS = (signin.bp, pairing.bp, signins.bp, account.bp)
# The "auth" blueprint also carries the routes of sign-up and recovery: those modules add them to it.
assert registration.bp is recovery.bp is signin.bp


def init_app(app: Flask) -> None:
    """Sign-ins for `app` (Flask-Login): who is signed in, and where a page that needs it sends a stranger."""
    login_manager.init_app(app)
    login_manager.user_loader(signin.load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.unauthorized_handler(signin.sign_in_first)
    if app.config["SESSION_COOKIE_SECURE"]:  # however it was set: the remember cookie is never less guarded
        app.config["REMEMBER_COOKIE_SECURE"] = True


__all__ = ["BLUEPRINTS", "Couple", "Invitation", "Membership", "PastMembership", "SignIn", "User", "couples_of",
           "current_sign_in_id", "end_all", "end_couple", "ends_access", "init_app", "members_of", "paired_couple",
           "safe_next", "sign_ins_ended", "sign_out"]
