# Hearth: `make run` serves the app on one machine; `make test` runs the whole test suite.
# Both install what they need into .venv first (Python 3.11 and the package index are all they ask for).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test check install install-dev chromium workers clean

run: install
	$(PY) app.py

# The first run includes tests/scaleout (two gunicorn workers on PostgreSQL and Redis, whatever --db says),
# so the PostgreSQL run of the app tests leaves them out.
test: check chromium
	$(PY) -m pytest
	$(PY) -m pytest --db=postgres -m "not browser" tests --ignore=tests/nlp --ignore=tests/exercises --ignore=tests/scaleout

# The linter and the type checker (pyproject.toml); `make test` runs them first.
check: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Two gunicorn workers on 5001 and 5002 sharing PostgreSQL (database hearth) and Redis; see docs/scaling.md.
workers: install
	PY=$(PY) deploy/two_workers.sh

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot be used here).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'"; exit 1; fi; }

clean:
	rm -rf $(VENV) .pytest_cache
