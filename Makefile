# E-GoverNet CMS — `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The one base URL of every absolute link (cms/base_url.py); `make run` points
# it at the address it serves on, and the default Site follows it.
SITE_BASE_URL ?= http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
# Debian packages the test suite needs, each with the file that shows it is there
# (installed when missing, as root or via sudo).
SYSTEM_DEPS := /usr/lib/postgresql/15/bin/initdb=postgresql-15 \
	/usr/share/postgresql/15/extension/unaccent.control=postgresql-contrib-15 \
	/usr/share/hunspell/bg_BG.dic=hunspell-bg /usr/share/hunspell/ro_RO.dic=hunspell-ro \
	/usr/bin/chromium=chromium java=default-jre-headless node=nodejs npm=npm \
	redis-server=redis-server /usr/sbin/varnishd=varnish /usr/share/doc/varnish-modules=varnish-modules
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help venv install install-dev system-deps node-deps messages migrate demo admin run test lint check bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required: apt-get install python3.11 python3.11-venv"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || { echo "Python 3.11 venv support is missing: apt-get install python3.11-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(VENV)/bin/activate ## Create the virtual environment (.venv)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Install runtime dependencies into .venv

install-dev: $(VENV)/.installed-dev ## Install test and lint dependencies into .venv

system-deps: ## Install the Debian packages the tests need (PostgreSQL 15, hunspell, Chromium, Java, Node, Redis, Varnish)
	@missing=""; for dep in $(SYSTEM_DEPS); do what=$${dep%%=*}; pkg=$${dep#*=}; \
		if [ "$${what#/}" != "$$what" ]; then [ -e "$$what" ] || missing="$$missing $$pkg"; \
		else command -v $$what >/dev/null 2>&1 || missing="$$missing $$pkg"; fi; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@# Link the hunspell dictionaries into PostgreSQL's tsearch_data (Bulgarian/Romanian search).
	@[ -e /usr/share/postgresql/15/tsearch_data/bg_bg.dict ] || $(SUDO) pg_updatedicts >/dev/null

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

node-deps: node_modules/.package-lock.json ## Install axe-core and the Nu Html Checker (npm)

messages: install ## Compile the gettext catalogues (locale/*.po → .mo)
	$(PY) manage.py compile_translations

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input

demo: migrate ## Load the demo content (idempotent)
	$(PY) manage.py load_demo

admin: install ## Create the admin user (ADMIN_USERNAME/ADMIN_PASSWORD or a printed password)
	$(PY) manage.py ensure_admin

run: export SITE_BASE_URL := $(SITE_BASE_URL)
run: messages demo admin ## Run the site with demo content on http://127.0.0.1:8000 (PORT=, HOST= to change; SQLite, local files)
	@echo "E-GoverNet on $(SITE_BASE_URL)/ (admin: $(SITE_BASE_URL)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-dev messages ## Django system checks and migrations check
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: system-deps install-dev node-deps messages ## Run lint, checks and the whole suite on throwaway PostgreSQL + S3
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m tests.services -- $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: system-deps install-dev ## Run the benchmarks (see bench/README.md)
	@command -v wrk >/dev/null || $(SUDO) apt-get install -y -qq wrk
	$(PY) -m tests.services -- $(PY) bench/news/run.py --sizes 300 30000
	$(PY) -m tests.services -- $(PY) bench/search/run.py
	$(PY) bench/uploads/run.py
	@for dep in redis-server=redis-server varnishd=varnish nginx=nginx-light; do command -v $${dep%%=*} >/dev/null \
		|| $(SUDO) apt-get install -y -qq $${dep#*=}; done
	@dpkg -s varnish-modules >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq varnish-modules
	$(PY) -m tests.services -- $(PY) bench/site/run.py

clean: ## Remove the virtualenv, node_modules, SQLite database and media
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles
