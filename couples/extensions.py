"""Flask extensions, created unbound here and bound in `create_app`. Nothing imports app.py."""

from typing import TYPE_CHECKING, Any

from flask import Flask
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from couples.polling import GuardedPolling


class Base(DeclarativeBase):
    # Named constraints let later migrations alter tables on SQLite (batch mode) and PostgreSQL alike.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


db = SQLAlchemy(model_class=Base)
# Models subclass `Model`: Flask-SQLAlchemy's db.Model at run time, which type checkers see as the Base it extends.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


class GuardedSocketIO(SocketIO):
    """Flask-SocketIO, with Engine.IO's polling endpoint answering every POST at once (couples/polling.py):
    a body over `max_http_buffer_size` (SOCKETIO_MAX_PAYLOAD) is refused before a byte of it is read."""

    def init_app(self, app: Flask, **kwargs: Any) -> None:
        super().init_app(app, **kwargs)
        path = self.sockio_mw.engineio_path  # type: ignore[attr-defined]  # set by init_app; not in its stubs
        limit = self.server.eio.max_http_buffer_size  # type: ignore[attr-defined]  # the engineio server it built
        app.wsgi_app = GuardedPolling(app.wsgi_app, path, limit)  # type: ignore[method-assign]  # WSGI middleware


socketio = GuardedSocketIO()
mail = Mail()  # check-in reminders (couples/rhythm); settings MAIL_* in couples/config.py
