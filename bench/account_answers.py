"""Benchmark: does the time of an answer tell whether an email has an account?

Run: .venv/bin/python bench/account_answers.py [--rounds 40] [--mail smtp|file]   (not a test; prints a table)

A real server (`python app.py`, SQLite in a temporary folder, the language model not loaded) is asked,
over HTTP on loopback, in alternating order: "forgot password" for an address with an account and for one
without, and a sign-up with an address that has an account and with a new one. Only the POST is timed
(the form's CSRF token is read once per browser). The rate limits these asks would reach are lifted.
With `--mail smtp` the emails go to a real SMTP server on loopback (aiosmtpd), as in production; with
`--mail file` to files, the embedded default.
"""

from __future__ import annotations

import argparse
import json
import itertools
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from tests.support.accounts import PASSWORD  # noqa: E402
from tests.support.mailbox import link_in, text_of  # noqa: E402
from tests.support.remote import RemotePerson  # noqa: E402
from tests.support.server import ServerProcess, free_port  # noqa: E402


# The limits (couples/limits/table.py) these many asks would reach, lifted for the run.
UNLIMITED = ("registration per address", "registration per email", "password reset per email",
             "password reset per address")


class Sink:
    """An SMTP server that accepts every email and keeps its text."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.received.append(envelope.content)
        return "250 OK"


def signed_up(person: RemotePerson, sink: Sink, mail: str) -> RemotePerson:
    """`person` with a confirmed account: signed up, and their emailed link followed."""
    if mail == "file":
        return person.register()
    response = person.post("/auth/register", {"email": person.email, "display_name": person.name,
                                              "password": PASSWORD})
    assert response.status_code == 200, response.status_code
    deadline = time.monotonic() + 10
    while not sink.received:
        assert time.monotonic() < deadline, "no sign-up email"
        time.sleep(0.01)
    email = message_from_bytes(sink.received[-1], policy=policy.default)
    link = link_in(text_of(email), "/auth/confirm/")
    assert person.http.get(person.url + link, allow_redirects=False, timeout=10).status_code == 302
    return person


def timed(post: Callable[[dict[str, str]], requests.Response], data: dict[str, str]) -> float:
    """Milliseconds one POST took; it must have answered 200."""
    start = time.perf_counter()
    response = post(data)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def poster(person: RemotePerson, path: str) -> Callable[[dict[str, str]], requests.Response]:
    token = person.token(path)
    return lambda data: person.http.post(person.url + path, data={**data, "csrf_token": token},
                                         allow_redirects=False, timeout=30)


def row(name: str, ms: list[float]) -> str:
    quartiles = statistics.quantiles(ms, n=4)
    return f"| {name} | {statistics.median(ms):.1f} | {quartiles[0]:.1f}–{quartiles[2]:.1f} | {len(ms)} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--mail", choices=("smtp", "file"), default="smtp")
    args = parser.parse_args()
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-"))
    env = {"DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}", "HEARTH_LOAD_NLP": "0",
           "HEARTH_RATE_LIMITS": json.dumps({rule: "100000 per hour" for rule in UNLIMITED})}
    if args.mail == "smtp":
        env |= {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(controller.port), "MAIL_USE_TLS": "0"}
    server = ServerProcess(env, folder / "server.log")
    try:
        server.wait_ready()
        ana = signed_up(RemotePerson("Ana", server.url), sink, args.mail)
        stranger = RemotePerson("Stranger", server.url)
        forgot, register = poster(stranger, "/auth/forgot"), poster(stranger, "/auth/register")
        times: dict[str, list[float]] = {name: [] for name in ("forgot: account", "forgot: none",
                                                                 "sign-up: account", "sign-up: new")}
        fresh = itertools.count()
        for round_ in range(args.rounds + 3):  # the first 3 rounds warm up, unmeasured
            new = f"new{next(fresh)}@example.org"
            asks = [("forgot: account", forgot, {"email": ana.email}),
                    ("forgot: none", forgot, {"email": f"nobody{round_}@example.org"}),
                    ("sign-up: account", register, {"email": ana.email, "display_name": "Someone",
                                                    "password": PASSWORD}),
                    ("sign-up: new", register, {"email": new, "display_name": "Someone", "password": PASSWORD})]
            for name, post, data in asks if round_ % 2 else reversed(asks):
                elapsed = timed(post, data)
                if round_ >= 3:
                    times[name].append(elapsed)
        print(f"Answers of one server process ({args.mail} mail), {platform.python_implementation()} "
              f"{platform.python_version()}, {platform.machine()}; milliseconds per POST:\n")
        print("| asked | median | middle half | runs |\n| --- | --- | --- | --- |")
        for name, ms in times.items():
            print(row(name, ms))
        time.sleep(1)
        if args.mail == "smtp":
            print(f"\nEmails the SMTP server received: {len(sink.received)}")
    finally:
        server.stop()
        controller.stop()


if __name__ == "__main__":
    main()
