"""The emails Hearth sent, read back in tests: from Flask-Mailman's locmem outbox (in-process apps, see
tests/conftest.py) or from the folder a real server with no MAIL_SERVER writes them to (its "Check your
inbox" page names the folder). Account emails go from a thread after the page is answered
(couples/accounts/letters.py), so both wait a little for them."""

from __future__ import annotations

import email
import re
import time
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from flask import Flask

LINK = re.compile(r"https?://[^\s<>\"]+")
FOLDER = re.compile(r'data-testid="mail-folder">.*?<code>([^<]+)</code>', re.S)
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # how Flask-Mailman's file backend ends each email
T = TypeVar("T")


def link_in(body: str, path_prefix: str) -> str:
    """The path and query of the first link in `body` whose path starts with `path_prefix`."""
    for url in LINK.findall(body):
        parts = urlsplit(url)
        if parts.path.startswith(path_prefix):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(f"no {path_prefix} link in:\n{body}")


def _wait(find: Callable[[], T | None], what: str, timeout: float) -> T:
    deadline = time.monotonic() + timeout
    while (found := find()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"no email {what} within {timeout}s")
        time.sleep(0.005)
    return found


def outbox(app: Flask) -> list:
    """Every email the in-process `app` has sent so far (Flask-Mailman's locmem backend), oldest first."""
    return getattr(app.extensions["mailman"], "outbox", [])


def from_outbox(app: Flask, to: str, subject: str | None = None, after: int = 0, timeout: float = 5):
    """The newest email in `app`'s outbox past its first `after` to `to` (with `subject`), waited for."""
    def find():
        return next((m for m in reversed(outbox(app)[after:]) if m.to == [to]
                     and (subject is None or m.subject == subject)), None)
    return _wait(find, f"to {to}", timeout)


def folder_named_in(html: str) -> Path:
    """The folder a page says this Hearth writes its emails to (templates/accounts/_mail_folder.html)."""
    match = FOLDER.search(html)
    assert match, "the page names no mail folder"
    return Path(match.group(1).strip())


def in_folder(folder: Path) -> Iterator[tuple[float, EmailMessage]]:
    """(when the file was written, email) for every email written to `folder`."""
    for path in folder.glob("*.log") if folder.is_dir() else ():
        written = path.stat().st_mtime
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                yield written, email.message_from_bytes(raw, policy=policy.default)


def text_of(mail: EmailMessage) -> str:
    """The plain-text body of `mail`."""
    body = mail.get_body(("plain",))
    assert body is not None, "an email with no plain text"
    return body.get_content()


def from_folder(folder: Path, to: str, path_prefix: str, since: float = 0, timeout: float = 10) -> str:
    """The `path_prefix` link in the newest email to `to` written to `folder` at or after `since` (a
    time.time()), waited for."""
    def find():
        found = sorted(((written, mail) for written, mail in in_folder(folder)
                        if written >= since - 1 and mail["To"] == to and path_prefix in text_of(mail)),
                       key=lambda pair: pair[0])
        return link_in(text_of(found[-1][1]), path_prefix) if found else None
    return _wait(find, f"to {to} in {folder}", timeout)
