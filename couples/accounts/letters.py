"""The emails about an account (signing up, getting back in, a new address), and how they go out.

They go through the one mail setup Hearth has (Flask-Mailman, `couples.extensions.mail`, settings MAIL_*
in couples/config.py): SMTP when a MAIL_SERVER is set, else files in instance/mail/.

Each is sent after the answer has gone out, from a thread of its own (`send_soon`): the page someone sees
takes the same time whether an email went or not (no SMTP round trip to time; bench/account_answers.py
measures it), and a slow mail server never holds a page. A failure is logged; the person can ask again
(sign up again, sign in, "forgot password").

Links are made on HEARTH_BASE_URL, never on the request's Host header: a forged Host would otherwise
put someone's reset token on a site of the sender's choosing. No email holds a display name typed at
sign-up (anyone can sign up with anyone's address) nor anything of a partner.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from typing import Any

from flask import Flask, Response, after_this_request, current_app, has_request_context, request, url_for
from flask_mailman import EmailMessage

logger = logging.getLogger(__name__)


def link(endpoint: str, **values: Any) -> str:
    """An absolute link to `endpoint` for an email, on HEARTH_BASE_URL."""
    return current_app.config["HEARTH_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def mail_folder() -> str | None:
    """The absolute folder emails are written to when this Hearth has no mail server, for the person running it on
    their own machine; None when it sends them, or when the visitor is anyone else: a deployment that forgot
    MAIL_SERVER must not show strangers where its files live. "Their own machine" is a loopback peer that asked
    for a loopback host (behind a proxy on the same machine the host is the public name)."""
    if current_app.config.get("MAIL_BACKEND") != "file" or not _on_this_machine():
        return None
    return os.path.abspath(current_app.config["MAIL_FILE_PATH"])


def _on_this_machine() -> bool:
    host = (request.host or "").rsplit(":", 1)[0].strip("[]")
    return _loopback(request.remote_addr) and (host == "localhost" or _loopback(host))


def _loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def letter(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text email from MAIL_DEFAULT_SENDER to one address."""
    return EmailMessage(subject=subject, body=body, to=[to])


def send_soon(message: EmailMessage) -> threading.Thread:
    """Send `message` from a thread of its own, in this app's context, once the answer to this request has
    gone out (the server closes the response: until then the thread would compete with the page for the
    interpreter, and a page that sent an email would come back a few milliseconds later); at once outside a
    request. The thread, for whoever must wait for it."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's object, for the thread
    thread = threading.Thread(target=_deliver, args=(app, message), name="hearth-account-mail")
    if not has_request_context():
        thread.start()
        return thread

    @after_this_request
    def after_the_answer(response: Response) -> Response:
        response.call_on_close(thread.start)
        return response

    return thread


def _deliver(app: Flask, message: EmailMessage) -> None:
    with app.app_context():
        try:
            message.send()
        except Exception:  # the page has been answered; a lost email is asked for again
            logger.exception("an account email (%s) was not sent", message.subject)


def sign_up(to: str, confirm: str) -> EmailMessage:
    return letter(to, "Finish making your Hearth account", (
        "Hello,\n\n"
        "To finish making your Hearth account, follow this link. It works for a day:\n\n"
        f"{confirm}\n\n"
        "If you didn't sign up for Hearth, you can let this email go. Nothing happens without the link.\n"))


def already_there(to: str) -> EmailMessage:
    return letter(to, "Someone tried to sign up with your email", (
        "Hello,\n\n"
        "Someone, perhaps you, tried to make a new Hearth account with this email address. It already has "
        "one, so nothing has changed.\n\n"
        f"If it was you, sign in here: {link('auth.login')}\n"
        f"Forgotten your password? You can set a new one here: {link('auth.forgot_password')}\n\n"
        "If it wasn't you, you can let this email go.\n"))


def reset(to: str, reset_link: str) -> EmailMessage:
    return letter(to, "A new password for Hearth", (
        "Hello,\n\n"
        "Someone, hopefully you, asked for a way back into your Hearth account. To choose a new password, "
        "follow this link. It works for an hour, once:\n\n"
        f"{reset_link}\n\n"
        "If you didn't ask, you can let this email go. Your password stays as it is.\n"))


def new_address(to: str, confirm: str) -> EmailMessage:
    return letter(to, "Your new email for Hearth", (
        "Hello,\n\n"
        "Someone asked to use this address for their Hearth account. If it was you, follow this link "
        "within a day to make the change:\n\n"
        f"{confirm}\n\n"
        "If it wasn't you, you can let this email go. Nothing changes without the link.\n"))


def address_in_use(to: str) -> EmailMessage:
    return letter(to, "Your email and Hearth", (
        "Hello,\n\n"
        "Someone asked to move their Hearth account to this address. It already has a Hearth account "
        "of its own, so nothing has changed.\n\n"
        "If it wasn't you, you can let this email go.\n"))


def address_changed(to: str) -> EmailMessage:
    return letter(to, "Your Hearth email has changed", (
        "Hello,\n\n"
        "The email address of your Hearth account was changed just now, and Hearth will write to the new "
        "one from now on. This address is no longer part of the account.\n\n"
        "If you didn't make this change, someone who knows your password may have. Please tell whoever "
        "runs this Hearth.\n"))
