"""People on a real server over HTTP and real Socket.IO clients: for scale-out tests and benchmarks.

A `RemotePerson` registers (following the emailed link) and pairs through the real pages with `requests`;
`socket()` opens a python-socketio client that signs in with the same Flask session cookie a browser would
send, and keeps every `presence`, `session_started` and `session_event` it hears, with when it heard it.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from dataclasses import dataclass, field

import requests
import socketio

from tests.support.accounts import PASSWORD, TOKEN
from tests.support.mailbox import folder_named_in, from_folder

_keys = itertools.count(1)
HEARD = ("presence", "session_started", "session_event")
# The cookies a signed-in browser holds: Flask's session cookie, and Flask-Login's remember cookie ("Keep me signed
# in on this device"); Hearth keeps both default names (couples/config.py sets neither name).
SESSION_COOKIE, REMEMBER_COOKIE = "session", "remember_token"


def key(prefix: str = "remote") -> str:
    """A fresh idempotency key."""
    return f"{prefix}-{next(_keys):08d}"


@dataclass
class RemotePerson:
    """Someone with their own cookie jar, on the server at `url` (which a test may change)."""

    name: str
    url: str
    http: requests.Session = field(default_factory=requests.Session)
    id: int = 0

    @property
    def email(self) -> str:
        return f"{self.name.lower()}@example.org"

    def token(self, path: str) -> str:
        """The CSRF token of the form on `path`."""
        response = self.http.get(self.url + path, timeout=10)
        match = TOKEN.search(response.text) or re.search(r'<meta name="csrf-token" content="([^"]+)"',
                                                         response.text)
        assert match, f"no CSRF token on {path} ({response.status_code})"
        return next(group for group in match.groups() if group)

    def post(self, path: str, data: dict, form_path: str | None = None) -> requests.Response:
        """POST a form as a browser does (CSRF token from the page showing it); redirects not followed."""
        data = {**data, "csrf_token": self.token(form_path or path)}
        return self.http.post(self.url + path, data=data, allow_redirects=False, timeout=10)

    def register(self) -> RemotePerson:
        """Sign up through the form, then follow the link in the email the server wrote to the folder its
        "Check your inbox" page names (a test server has no MAIL_SERVER): signed in, as in a browser."""
        since = time.time()
        response = self.post("/auth/register", {"email": self.email, "display_name": self.name,
                                                "password": PASSWORD})
        assert response.status_code == 200, response.text
        link = from_folder(folder_named_in(response.text), self.email, "/auth/confirm/", since)
        confirmed = self.http.get(self.url + link, allow_redirects=False, timeout=10)
        assert confirmed.status_code == 302, confirmed.text
        return self

    def sign_in(self, remember: bool = False) -> RemotePerson:
        """Sign in through the sign-in form (a new sign-in, which ends one this browser held before), with "Keep me
        signed in on this device" ticked when `remember`: then the jar holds REMEMBER_COOKIE beside the session's.
        `RemotePerson(name, url).sign_in()` is the same person on a browser of its own."""
        fields = {"email": self.email, "password": PASSWORD, **({"remember": "y"} if remember else {})}
        response = self.post("/auth/login", fields)
        assert response.status_code == 302, response.text
        return self

    def invite(self) -> str:
        """The code shown after pressing 'Invite my partner'."""
        self.post("/pair/invite", {}, form_path="/pair/")
        match = re.search(r'data-testid="invite-code">([A-Z0-9]{4}-[A-Z0-9]{4})<',
                          self.http.get(self.url + "/pair/", timeout=10).text)
        assert match, "no invitation code shown"
        return match.group(1)

    def join(self, code: str) -> None:
        response = self.post("/pair/join", {"code": code}, form_path="/pair/")
        assert response.status_code == 302, response.text

    def start(self, kind: str = "appreciation") -> int:
        """Press Start in the room; the id of the session the page opens."""
        response = self.post("/sessions", {"kind": kind}, form_path="/")
        assert response.status_code == 302, response.status_code
        opened = re.search(r"/sessions/(\d+)$", response.headers["Location"])
        assert opened, response.headers["Location"]
        return int(opened.group(1))

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())

    def cookie(self, name: str) -> str:
        """This browser's cookie `name` as a Cookie header ("name=value"): what someone who copied it would send."""
        value = self.http.cookies.get(name)
        assert value is not None, f"{self.name}'s browser holds no {name} cookie: {list(self.http.cookies.keys())}"
        return f"{name}={value}"

    def socket(self, url: str | None = None, **options) -> Listener:
        """A connected Socket.IO client on `url` (default: this person's server) with this person's cookie."""
        return Listener.connect(url or self.url, self.cookie_header(), **options)


def couple(url_one: str, url_two: str, names: tuple[str, str]) -> tuple[RemotePerson, RemotePerson]:
    """Two people registered and paired, the first through `url_one`, the second through `url_two`."""
    one, two = RemotePerson(names[0], url_one).register(), RemotePerson(names[1], url_two).register()
    two.join(one.invite())
    return one, two


class Listener:
    """A python-socketio client that records what it hears, in order, with the monotonic time it arrived."""

    def __init__(self, client: socketio.Client) -> None:
        self.client = client
        self.heard: list[tuple[str, dict, float]] = []
        self.changed = threading.Condition()
        for name in HEARD:
            client.on(name, lambda payload, name=name: self._hear(name, payload))

    @classmethod
    def connect(cls, url: str, cookie: str, wait_timeout: float = 10, **options) -> Listener:
        listener = cls(socketio.Client(reconnection=False, **options))
        listener.client.connect(url, headers={"Cookie": cookie}, transports=["websocket"],
                                wait_timeout=wait_timeout)
        return listener

    def _hear(self, name: str, payload: dict) -> None:
        with self.changed:
            self.heard.append((name, payload, time.monotonic()))
            self.changed.notify_all()

    def events(self, name: str) -> list[dict]:
        """Payloads of every `name` heard so far, in arrival order."""
        with self.changed:
            return [payload for heard_name, payload, _ in self.heard if heard_name == name]

    def wait_for(self, predicate, timeout: float = 10) -> None:
        """Block until `predicate(self)` holds, or fail saying what was heard."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not predicate(self):  # also rechecked every 0.1 s: a dropped connection notifies nobody
                if time.monotonic() > deadline:
                    raise AssertionError(f"not so in {timeout}s; heard: {self.heard}")
                self.changed.wait(0.1)

    def call(self, event: str, payload: dict, timeout: float = 10) -> dict:
        """Emit and return the acknowledgement."""
        return self.client.call(event, payload, timeout=timeout)

    def act(self, session_id: int, action: str, idempotency_key: str | None = None, **fields) -> dict:
        return self.call("act", {"session_id": session_id, "action": action, "fields": fields,
                                 "idempotency_key": idempotency_key or key()})

    def join(self, session_id: int, last_seq: int = 0) -> dict:
        reply = self.call("join_session", {"session_id": session_id, "last_seq": last_seq})
        assert reply["ok"], reply
        return reply

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()
