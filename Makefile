# Vitrine: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The newest Python 3.12+ on this machine (pyenv's shims honour .python-version).
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test install lock lint format migrations-check demo serve clean check-python

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Vitrine needs Python 3.12 or newer, and none was found (tried python3.12, python3.13, python3.14, python3)."; \
		echo "Install one (e.g. 'pyenv install 3.12' or 'apt-get install python3.12 python3.12-venv') and run make again."; \
		exit 1; fi

# Every package comes from requirements.lock, pinned and hash-checked; then Vitrine itself.
LOCK := requirements.lock
$(VENV)/.installed: $(LOCK) pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

# requirements.lock from pyproject.toml: its dependencies and the dev and s3 extras, every package
# pinned with its hashes, for Python 3.12 and newer on any platform. Run it after changing a
# dependency in pyproject.toml (tests/test_lock.py fails until then). Packages already in the lock
# keep their versions; `make lock LOCK_ARGS=--upgrade` takes the newest that pyproject.toml allows.
UV_VERSION := 0.13.10
LOCK_ARGS ?=
lock: | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra s3 --universal --python-version 3.12 \
		--generate-hashes --custom-compile-command "make lock" --quiet --output-file $(LOCK) \
		$(LOCK_ARGS)

# citeproc-js (formatted citations, public/cite) from its package-lock.json; needs node and npm.
CITEPROC_JS := public/cite/citeproc_js
$(CITEPROC_JS)/node_modules/.package-lock.json: $(CITEPROC_JS)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Formatted citations need Node.js and npm (e.g. 'apt-get install nodejs npm')."; exit 1; }
	npm ci --prefix $(CITEPROC_JS) --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed $(CITEPROC_JS)/node_modules/.package-lock.json

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_roles
	$(PY) manage.py load_demo
	$(PY) manage.py render_citations
	$(PY) manage.py ensure_curator
	@# The background worker (curator imports, formatted citations) runs beside the dev server.
	$(PY) manage.py run_worker --no-reload --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py render_citations

# The suite runs in one worker per core (pytest-xdist); TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
test: install
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Production serving on this machine: DEBUG off, static files collected (hashed, compressed) and
# served by whitenoise, gunicorn with 2 workers logging requests to stdout. SECRET_KEY comes from
# the environment or else from var/secret-key.txt (generated on first use; var/ is git-ignored).
# ALLOWED_HOSTS defaults to 127.0.0.1,localhost. SECURE_SSL_REDIRECT defaults to 0 because this
# serves plain HTTP on $(HOST):$(PORT); behind a proxy that terminates TLS, set it to 1.
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key.txt)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}"

serve: install
	@mkdir -p var
	@if [ -z "$$SECRET_KEY" ] && [ ! -s var/secret-key.txt ]; then \
		(umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret-key.txt); \
		echo "Generated a SECRET_KEY in var/secret-key.txt"; fi
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	@# The background worker (large curator imports) runs beside gunicorn and stops with it.
	$(SERVE_ENV) $(PY) manage.py run_worker --no-reload --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(SERVE_ENV) $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 \
		--access-logfile -

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles $(CITEPROC_JS)/node_modules
