# Sahel Facts: `make run` sets up and serves the admin; `make test` runs the whole suite.
# DATABASE_URL chooses the database (default: SQLite file var/sahel.sqlite3).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run setup install migrate load test lint format bench ci clean

run: setup
	DEBUG=1 $(MANAGE) ensure_superuser
	@echo "Admin: http://$(HOST)/admin/"
	DEBUG=1 $(MANAGE) runserver $(HOST)

setup: install migrate load

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

migrate: install
	DEBUG=1 $(MANAGE) migrate --no-input

load: migrate
	DEBUG=1 $(MANAGE) load_initial_data
	DEBUG=1 $(MANAGE) import_articles

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/import_bench.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
