# Career Paths — the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast serve lint format bench bench-import backup-check install db db-stop migrate starter clean help

help:
	@echo "make run    set everything up and serve the app at http://$(HOST):$(PORT)"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make test-fast  the suite without browser and server tests (the edit loop)"
	@echo "make serve  production-like: DEBUG off, collectstatic, gunicorn"
	@echo "make lint   ruff check + format check + mypy (typed modules) + makemigrations --check"
	@echo "make bench  load-test the production stack with wrk (docs/performance.md)"
	@echo "make bench-import  time previewing and importing 5 MB framework files (docs/performance.md)"
	@echo "make backup-check  dump, restore into a fresh database, compare row counts"
	@echo "make db-stop  stop the embedded PostgreSQL"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + ")")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Starts the embedded PostgreSQL unless DATABASE_URL points elsewhere.
db: install
	@if [ -z "$$DATABASE_URL" ]; then $(PY) -m careerpaths.embedded_db start; else echo "using DATABASE_URL"; fi

db-stop: install
	$(PY) -m careerpaths.embedded_db stop

migrate: db
	$(PY) manage.py migrate --noinput

starter: migrate
	$(PY) manage.py load_framework

run: starter
	$(PY) manage.py runserver $(HOST):$(PORT)

test: db
	$(PY) -m pytest $(PYTEST_ARGS)

# The edit loop: everything but the browser tests and those that start gunicorn or PostgreSQL.
test-fast: db
	$(PY) -m pytest -m "not browser and not server" $(PYTEST_ARGS)

serve: starter
	DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	  SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  bash -c '$(PY) manage.py collectstatic --noinput -v 0 && PORT=$(PORT) HOST=$(HOST) $(VENV)/bin/gunicorn -c gunicorn.conf.py'

# mypy's Django plugin imports the settings, which need a DATABASE_URL (never connected to).
lint: db
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL="$${DATABASE_URL:-postgres://mypy@127.0.0.1/mypy}" $(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmark (docs/performance.md): BENCH_DURATION=10 seconds per endpoint by default.
bench: install
	@command -v wrk >/dev/null || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "== installing wrk (apt-get)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "make bench needs wrk: install it with 'sudo apt-get install wrk' (Debian/Ubuntu) or from https://github.com/wg/wrk"; exit 1; \
	  fi; }
	$(PY) -m tools.bench

# Framework import of 5 MB files, preview and confirmation (docs/performance.md, "Framework import").
bench-import: db
	$(PY) -m tools.import_bench

# Backups (docs/operations.md): pg_dump -Fc, pg_restore into a scratch database, compare.
backup-check: db
	$(PY) -m tools.backup_check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
