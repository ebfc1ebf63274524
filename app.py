"""Hearth: `create_app` builds the app; `python app.py` serves it on 127.0.0.1:5000 with SQLite."""

from __future__ import annotations

import gc
import os
from typing import Any

from flask import Flask, jsonify, render_template
from flask.typing import ResponseReturnValue

import nlp
from couples import BLUEPRINTS, accounts, coaching, dates, limits, live, resend, security
from couples.config import Config, engine_options, mail_backend
from couples.db import tune
from couples.extensions import csrf, db, mail, migrate, socketio
from couples.ids import RowId

MIGRATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults in code, overrides from the environment, then `test_config`."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(Config(app.instance_path).as_mapping())
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"],
                                                             app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    if app.config["HEARTH_LOAD_NLP"]:
        nlp.load(app.config["HEARTH_SPACY_MODEL"])  # once per process; a missing model fails here, loudly
        _freeze_what_lives_for_good()
        coaching.start_helper(app)  # and a helper process to read messages beside this one

    db.init_app(app)
    with app.app_context():
        tune(db.engine, app.config["HEARTH_SQLITE_SYNCHRONOUS"])
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    accounts.init_app(app)
    csrf.init_app(app)
    app.config["MAIL_BACKEND"] = mail_backend(app.config)
    mail.init_app(app)
    live.init_app(app)  # its socket handlers first: see live.init_app
    socketio.init_app(app, message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
                      channel=app.config["SOCKETIO_CHANNEL"], async_mode=app.config["SOCKETIO_ASYNC_MODE"],
                      max_http_buffer_size=app.config["SOCKETIO_MAX_PAYLOAD"],
                      logger=app.config["SOCKETIO_LOG"], engineio_logger=app.config["SOCKETIO_LOG"],
                      async_handlers=app.config["SOCKETIO_ASYNC_HANDLERS"], serializer=live.CheckedPacket)
    live.guard_frames(app)  # frames the server cannot read: answered and counted, never a traceback
    app.url_map.converters["int"] = RowId  # before the routes: an id no row could have is a 404 (couples/ids.py)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    resend.init_app(app)  # a form refused for going too fast, a lost token or a sign-in gone comes back as typed
    limits.init_app(app)  # after the routes: it puts the limits of its table on the views it names
    dates.init_app(app)  # the filters day, day_time and clock: each date in the reader's own time zone
    _register_error_pages(app)
    security.protect(app)
    return app


_frozen = False


def _freeze_what_lives_for_good() -> None:
    """Once per process, after the language model has loaded: move every object alive now (the model's
    vocabulary and tables, some 250,000 of them, and the imported code) out of the cyclic garbage
    collector's reach (`gc.freeze`, Python 3.7+). They live as long as the process, yet each full
    collection scanned them all; a request that builds many objects (a five-year export) spent half its
    time there (bench/history.py: the export's median 399 -> 194 ms). Garbage is collected first, so
    nothing dead is kept."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


# What a page's script is told instead of an HTML page (resend.wants_json): the shape every JSON endpoint's errors
# have, {"ok": false, "error": {"code", "message"}} (docs/protocol.md).
JSON_ERRORS = {
    400: ("bad_request", "That didn't come through the way Hearth expected. Nothing was changed."),
    403: ("forbidden", "That isn't open to you. Nothing was changed."),
    404: ("not_found", "We couldn't find that. It may have ended or moved."),
    413: ("too_large", "That's more than Hearth can take at once. Nothing was changed; a shorter text will go."),
    500: ("server_error", "Something went wrong on our side. Nothing you wrote was lost; please try again."),
}


def _register_error_pages(app: Flask) -> None:
    for code in (400, 403, 404, 413):
        app.register_error_handler(code, lambda error, code=code: _error_answer(code))
    app.register_error_handler(500, _server_error)


def _error_answer(code: int) -> ResponseReturnValue:
    """The kind error page, or for a page's script the same in JSON it can show."""
    if resend.wants_json():
        name, message = JSON_ERRORS[code]
        return jsonify({"ok": False, "error": {"code": name, "message": message}}), code
    return render_template("error.html", code=code), code


def _server_error(error: Exception) -> ResponseReturnValue:
    """A kind page for a failure of ours; the request's half-done changes are rolled back, never kept."""
    db.session.rollback()
    return _error_answer(500)


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
