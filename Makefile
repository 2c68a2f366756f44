# hlp-site: `make run` serves the site locally, `make test` runs every check CI runs.
# Everything is installed into $(VENV), created here from scratch on a fresh clone.

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# Settings for run/migrate/demo; test always uses the test settings.
SETTINGS ?= hlp_site.settings.dev
TEST_SETTINGS := hlp_site.settings.test
PYTEST_ARGS ?=

VENV_PY := $(VENV)/bin/python
PIP := $(VENV_PY) -m pip
RUFF := $(VENV)/bin/ruff
PYTEST := $(VENV)/bin/pytest
MANAGE := $(VENV_PY) manage.py
DEV_ENV := DJANGO_SETTINGS_MODULE=$(SETTINGS)
TEST_ENV := DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS)

# Stamps live inside the venv, so deleting the venv forgets them; a change to
# pyproject.toml reinstalls, anything else makes a second run install nothing.
INSTALL_STAMP := $(VENV)/.hlp-install.stamp
DEV_STAMP := $(VENV)/.hlp-install-dev.stamp

.DEFAULT_GOAL := help
.PHONY: help venv install install-dev run test test-db-restart lint migrate demo superuser backup restore clean distclean

help:
	@echo "make run          install, migrate, load demo content, print a local admin login,"
	@echo "                  serve http://$(HOST):$(PORT)/ (SQLite unless DATABASE_URL is set)"
	@echo "make test         dev tools, ruff check, manage.py check, makemigrations --check, pytest"
	@echo "make lint         ruff check ."
	@echo "make migrate      apply migrations"
	@echo "make demo         migrate and (re)load the demo content"
	@echo "make superuser    create/update the local admin login and print it"
	@echo "make backup       write backups/hlp-<time>.tar.gz (database dump and media)"
	@echo "make restore FILE=backups/....tar.gz   restore it into an empty database"
	@echo "make audit        Lighthouse, Pa11y, Nu HTML checker, link crawl, feed check: the demo"
	@echo "                  site through nginx (deploy/nginx.conf) in front of gunicorn"
	@echo "make venv | install | install-dev | clean | distclean"

venv: $(VENV_PY)

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): pyproject.toml | $(VENV_PY)
	$(PIP) install -e .
	touch $@

install-dev: $(DEV_STAMP)

# The dev extra includes the runtime dependencies, so it satisfies `install` too.
$(DEV_STAMP): pyproject.toml | $(VENV_PY)
	$(PIP) install -e ".[dev]"
	touch $(INSTALL_STAMP) $@

migrate: install
	$(DEV_ENV) $(MANAGE) migrate --noinput

demo: migrate
	$(DEV_ENV) $(MANAGE) load_demo_content

superuser: migrate
	$(DEV_ENV) $(MANAGE) ensure_dev_superuser

run: install
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) load_demo_content
	$(DEV_ENV) $(MANAGE) ensure_dev_superuser
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

# DATABASE_URL picks the database, as everywhere; SETTINGS=hlp_site.settings.production in production.
backup: install
	$(DEV_ENV) $(MANAGE) backup_site $(if $(OUTPUT),--output $(OUTPUT),)

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/hlp-....tar.gz"; exit 2; }
	$(DEV_ENV) $(MANAGE) restore_site "$(FILE)" $(if $(FORCE),--force,)

lint: install-dev
	$(RUFF) check .

test: install-dev
	$(RUFF) check .
	$(TEST_ENV) $(MANAGE) check
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run
	$(TEST_ENV) $(PYTEST) $(PYTEST_ARGS)

# Stops and starts the PostgreSQL server DATABASE_URL names: CI only (see tests_ci/).
test-db-restart: install-dev
	$(TEST_ENV) $(PYTEST) tests_ci -p no:cacheprovider

# Caches and build output; keeps the venv and the local database.
clean:
	rm -rf staticfiles build .pytest_cache .ruff_cache *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

# Also the venv and the local SQLite database.
distclean: clean
	rm -rf $(VENV) db.sqlite3

# The benchmark (not part of `make test`): builds a large site in its own database
# (PostgreSQL <name>_bench when DATABASE_URL is set, else bench.sqlite3), serves it with
# gunicorn and measures it with wrk. See README, "Speed". BENCH_SECONDS per URL and mode.
BENCH_SECONDS ?= 5
BENCH_PORT ?= 8161
.PHONY: bench loadtest
# 32 connections for 60 s over a mix of pages, filtered listings and searches; fails on any error.
loadtest: install-dev
	$(VENV_PY) bench/loadtest.py

bench: install-dev
	BENCH_SECONDS=$(BENCH_SECONDS) BENCH_PORT=$(BENCH_PORT) $(VENV_PY) bench/run.py

# Audits (not part of `make test`): Lighthouse, Pa11y and the Nu HTML checker from npm
# (pinned in audit/package.json) with Debian's Chromium and the machine's Java, a link crawl
# and a feed check (feedparser, from the dev extra), against the demo site served as in
# production: Debian's nginx with deploy/nginx.conf in front of gunicorn. See README, "Audits".
CHROME_PATH ?= /usr/bin/chromium
.PHONY: audit
audit: install-dev
	cd audit && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
	CHROME_PATH=$(CHROME_PATH) $(VENV_PY) -m audit.run
