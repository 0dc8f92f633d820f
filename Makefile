# Shop safe online: run `make help` to see every target.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
ES := scripts/elasticsearch.sh

.DEFAULT_GOAL := help

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[1m%-22s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

website/static/uswds/.built: package.json package-lock.json scripts/build_assets.sh
	npm ci --no-audit --no-fund --loglevel=error
	scripts/build_assets.sh
	@touch $@

install: $(VENV)/.installed website/static/uswds/.built ## Create .venv, install Python packages and build the USWDS assets

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent) and the development admin login
	$(MANAGE) load_demo_content --with-demo-admin

run: demo ## Serve the site at http://127.0.0.1:8000 (SQLite, database search)
	$(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the whole test suite (starts Elasticsearch when needed)
	$(ES) start
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL:-$$($(ES) url)} $(BIN)/pytest $(PYTEST_ARGS)

lint: install ## Check formatting and lint with ruff
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

audit: install ## Security checks: ruff's bandit rules (S) and pip-audit of the pinned packages
	$(BIN)/ruff check .  # the lint rules include bandit's (S)
	scripts/audit_dependencies.sh

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

elasticsearch: ## Start the local Elasticsearch (downloaded once from Maven Central)
	$(ES) start

elasticsearch-stop: ## Stop the local Elasticsearch
	$(ES) stop

run-es: demo elasticsearch ## Serve the site with the local Elasticsearch behind search
	ELASTICSEARCH_URL=$$($(ES) url) $(MANAGE) search_index --rebuild
	ELASTICSEARCH_URL=$$($(ES) url) $(MANAGE) runserver 127.0.0.1:8000

stack: install ## Run the production topology here: nginx (HTTPS, page cache), gunicorn, worker, scheduler, PostgreSQL, Redis, a two-node Elasticsearch
	scripts/stack.sh start

stack-stop: ## Stop everything `make stack` started
	scripts/stack.sh stop

stack-smoke: install ## Start the stack, check the page cache, a purge, a report and the cluster, stop it
	scripts/stack_smoke.sh

stack-load: install ## Against a running `make stack`: cached page vs static file rate (wrk), then 32 people for 5 minutes (LOAD_ARGS="--duration 60")
	$(BIN)/python bench/stack_load.py $(LOAD_ARGS)

stack-faults: install ## Against a running `make stack`: stop/kill Elasticsearch nodes, the worker, gunicorn mid-submit, PostgreSQL under load (FAULT_ARGS="--faults worker")
	$(BIN)/python bench/stack_faults.py $(FAULT_ARGS)

screenshots: demo ## Save PNGs of key pages, report steps (en/es, phone/desktop) and the staff queue and report page into screenshots/
	$(BIN)/python scripts/screenshots.py

test-browser: install ## Run only the browser tests (real Chromium, axe-core)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

ci: ## Run what CI runs (installs Debian packages; needs root)
	bash .ci/run

clean: ## Remove the virtualenv, built assets and the local database
	rm -rf $(VENV) node_modules website/static/uswds db.sqlite3

.PHONY: help install migrate demo run test test-browser screenshots lint audit format elasticsearch elasticsearch-stop run-es stack stack-stop stack-smoke stack-load stack-faults ci clean
