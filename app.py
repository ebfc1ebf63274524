"""Hearth: `create_app` builds the app; `python app.py` serves it on 127.0.0.1:5000 with SQLite."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, render_template

import nlp
from couples import BLUEPRINTS, security
from couples.coaching import coach as coaching  # noqa: F401  (registers its socket handler before init_app, STYLE.md)
from couples.coaching import listening as listening_coach  # noqa: F401  (the same)
from couples.db import idle_ping as pool_health
from couples.db import sqlite as sqlite_tuning  # noqa: F401  (tunes every SQLite connection)
from couples.live import cookie_session as socket_sessions
from couples.live import session_events as realtime  # noqa: F401  (registers socket handlers before init_app)
from couples.config import Config
from couples.extensions import csrf, db, login_manager, migrate, socketio

MIGRATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults in code, overrides from the environment, then `test_config`."""
    app = Flask(__name__, instance_relative_config=True)
    app.session_interface = socket_sessions.CookieSessionsReadOncePerSocket()
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(Config(app.instance_path).as_mapping())
    if test_config:
        app.config.from_mapping(test_config)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        # Threads share one file: wait for a writer instead of failing at once (see couples/db/sqlite.py).
        options = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"], "connect_args": {"timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):  # one shared in-memory connection: no pool to size
            options = {k: v for k, v in options.items() if k not in ("pool_size", "max_overflow", "pool_timeout")}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options

    if app.config["HEARTH_LOAD_NLP"]:
        nlp.load(app.config["HEARTH_SPACY_MODEL"])  # once per process; a missing model fails here, loudly
        coaching.start_helper(app)  # and a helper process to read messages beside this one

    db.init_app(app)
    with app.app_context():
        pool_health.ping_when_idle(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    socketio.init_app(app, message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
                      channel=app.config["SOCKETIO_CHANNEL"], async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      max_http_buffer_size=app.config["SOCKETIO_MAX_PAYLOAD"],
                      logger=app.config["SOCKETIO_LOG"], engineio_logger=app.config["SOCKETIO_LOG"],
                      async_handlers=app.config["SOCKETIO_ASYNC_HANDLERS"])
    app.teardown_request(realtime.forget_routing_miss)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    _register_error_pages(app)
    security.protect(app)
    return app


def _register_error_pages(app: Flask) -> None:
    for code in (400, 403, 404, 413, 500):
        app.register_error_handler(code, lambda error, code=code: (render_template("error.html", code=code), code))


def main() -> None:
    """Serve on one machine: migrate the SQLite schema, then run with the embedded server."""
    from flask_migrate import upgrade

    app = create_app()
    with app.app_context():
        upgrade(directory=MIGRATIONS)
    host = os.environ.get("HEARTH_HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    print(f"Hearth is ready at http://{host}:{port}/")
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
