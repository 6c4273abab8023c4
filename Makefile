# Two commands: `make run` serves the site on the embedded default, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Two workers: the suite waits on browsers and server processes much of the time.
PYTEST_ARGS ?= -n 2
SGDS := node_modules/@scottish-government/design-system/dist
VENDOR := static/vendor

.PHONY: run dev serve test lint format services services-down services-status production-check bench clean

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files: pip runs again only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# The design system, axe-core and Swagger UI (the API docs) come from npm and are copied where Django's static files live;
# npm also installs vnu-jar, the HTML checker tests/cop_site/test_valid_html.py runs on Java.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/sgds $(VENDOR)/axe $(VENDOR)/swagger-ui
	cp $(SGDS)/css/design-system.min.css $(SGDS)/scripts/design-system.js $(VENDOR)/sgds/
	cp -r $(SGDS)/images $(VENDOR)/sgds/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	cp node_modules/swagger-ui-dist/swagger-ui.css* node_modules/swagger-ui-dist/swagger-ui-bundle.js* $(VENDOR)/swagger-ui/
	@touch $@

# `make run` answers visitors as production does (cop_site/settings/local.py: designed error pages, no
# debug pages); `make dev` (or DEBUG=1 make run) is the same with Django's debug pages for developers.
# PORT reaches the settings, where it makes the site's address for emails (SITE_URL overrides it).
run: export DJANGO_SETTINGS_MODULE := cop_site.settings.local
run: export PORT := $(PORT)
run: $(VENV)/.runtime $(VENDOR)/.installed
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo_content --force  # a local demo on purpose, whether DEBUG is on or off
	$(PY) manage.py collectstatic --noinput -v 0
	@$(PY) manage.py platform_status --url http://127.0.0.1:$(PORT)/
	$(VENV)/bin/uvicorn cop_site.asgi:application --host 127.0.0.1 --port $(PORT) --ws websockets-sansio --log-level warning

dev:
	$(MAKE) run DEBUG=1

test: $(VENV)/.dev $(VENDOR)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v 0 --settings=cop_site.settings.test
	$(VENV)/bin/lint-imports
	$(PY) -m pytest $(PYTEST_ARGS)

# The production layout on loopback, proven: nginx (TLS) in front of two ASGI processes, the task worker and
# a secured two-node Elasticsearch cluster, over PostgreSQL and Redis (scripts/production-stack.sh, tests in
# tests/production/). As root, like `make services`; stops what it started, also when a check fails.
production-check: $(VENV)/.dev $(VENDOR)/.installed
	scripts/production-stack.sh check

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

services:
	scripts/services.sh up

services-down:
	scripts/services.sh down

services-status:
	scripts/services.sh status

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles
