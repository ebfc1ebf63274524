"""A real SMTP server on loopback (aiosmtpd) for a test, and the settings that send Hearth's email to it."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from tests.support.apps import suite_app

BASE = "https://hearth.example"  # HEARTH_BASE_URL: where links in the emails point


class Inbox:
    """What the SMTP server received, as parsed emails, in order."""

    def __init__(self) -> None:
        self.emails: list[EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.emails.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [email for email in self.emails if email["To"] == address]

    def wait_for(self, address: str, count: int = 1, timeout: float = 5) -> EmailMessage:
        """The newest email to `address` once there are `count` of them (they are sent from a thread)."""
        deadline = time.monotonic() + timeout
        while len(self.to(address)) < count:
            assert time.monotonic() < deadline, f"{len(self.to(address))} emails to {address}, not {count}"
            time.sleep(0.005)
        return self.to(address)[-1]

    def settings(self) -> dict:
        """Hearth's MAIL_* settings (and HEARTH_BASE_URL) for sending here."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_USE_TLS": False, "MAIL_TIMEOUT": 5,
                "MAIL_DEFAULT_SENDER": "Hearth <hearth@hearth.example>", "HEARTH_BASE_URL": BASE}


def body_of(email: EmailMessage) -> str:
    return email.get_body(("plain",)).get_content()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_inbox() -> Iterator[Inbox]:
    """A started SMTP server's inbox, stopped after (the body of a pytest fixture)."""
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A real SMTP server on loopback for one test, and what it received."""
    yield from running_inbox()


@pytest.fixture(name="app")
def app_mailing_to_inbox(database, tmp_path, inbox: Inbox) -> Iterator[Flask]:
    """The suite's app, its email going to `inbox` over SMTP. A module that imports it (`from tests.support.smtp
    import app, inbox`) has it in place of conftest's `app`."""
    yield from suite_app(database.fresh(tmp_path), MAIL_BACKEND=None, **inbox.settings())
