# Sahel Facts: `make run` sets up and serves the admin; `make test` runs the whole suite.
# DATABASE_URL chooses the database (default: SQLite file var/sahel.sqlite3); HOST the address
# `make run` serves on (default 127.0.0.1:8000).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run port-free setup install migrate load test lint format bench bench-smoke \
	bench-tools score ci postgres readme-check clean clean-data

run: port-free setup
	DEBUG=1 $(MANAGE) ensure_superuser
	@echo "Admin: http://$(HOST)/admin/   API: http://$(HOST)/api/v1/"
	DEBUG=1 $(MANAGE) runserver $(HOST)

# Before any set-up: a busy port is reported first, with how to choose another.
port-free:
	@$(PYTHON) scripts/port_free.py $(HOST)

setup: install .env migrate load

# Development settings for ./manage.py (settings read .env; the environment wins over it).
.env:
	printf '# Development settings for this checkout, read by sahel/settings.py.\nDEBUG=1\n' > .env

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

migrate: install
	DEBUG=1 $(MANAGE) migrate --no-input
	DEBUG=1 $(MANAGE) createcachetable

load: migrate
	DEBUG=1 $(MANAGE) load_initial_data
	DEBUG=1 $(MANAGE) import_articles

# The suite runs in one process per core (pytest-xdist); TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: install
	$(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

# Style, then the layer rules (contracts in pyproject.toml), then types (mypy, django-stubs).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks: corpus generation, API (beside Datasette and the bare-WSGI ceiling), admin,
# export and import, then bench/RESULTS.md. SCALE=1 is a million claims (about 25 minutes).
SCALE ?= 1
BENCH_SECONDS ?= 5
BENCH_OUT ?= $(CURDIR)/var/bench
PG_SERVER ?= postgres://sahel:sahel@127.0.0.1:5432
BENCH_ENV = BENCH_OUT=$(BENCH_OUT) BENCH_CORPUS_DB=$(BENCH_CORPUS_DB)
BENCH_CORPUS_DB ?= sahel_corpus

bench: install bench-tools
	$(BENCH_ENV) $(BIN)/python bench/make_corpus.py --scale $(SCALE) \
		--database-url sqlite:///$(BENCH_OUT)/corpus.sqlite3
	$(BENCH_ENV) $(BIN)/python bench/make_corpus.py --scale $(SCALE) \
		--database-url $(PG_SERVER)/$(BENCH_CORPUS_DB)
	$(BENCH_ENV) $(BIN)/python bench/api_bench.py --seconds $(BENCH_SECONDS) $(API_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/admin_bench.py $(ADMIN_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/export_bench.py
	$(BENCH_ENV) $(BIN)/python bench/import_bench.py --json $(BENCH_OUT)/import.json $(IMPORT_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/import_bench.py --texts corpus \
		--json $(BENCH_OUT)/import-corpus.json $(IMPORT_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/queue_bench.py --json $(BENCH_OUT)/queue.json $(QUEUE_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/replica_bench.py $(REPLICA_BENCH_ARGS)
	$(BENCH_ENV) $(BIN)/python bench/report.py $(REPORT_ARGS)

# The same chain at a small scale, into its own files and database: proves it still works.
bench-smoke:
	$(MAKE) bench SCALE=0.002 BENCH_SECONDS=1 BENCH_OUT=$(CURDIR)/var/bench-smoke \
		BENCH_CORPUS_DB=sahel_corpus_smoke API_BENCH_ARGS="--load-seconds 2 --rounds 1" \
		ADMIN_BENCH_ARGS="--runs 1" IMPORT_BENCH_ARGS="--articles 20" \
		REPLICA_BENCH_ARGS="--seconds 2 --lag-writes 20 --replica-tests-only" QUEUE_BENCH_ARGS="--articles 20" \
		REPORT_ARGS="--out $(CURDIR)/var/bench-smoke/RESULTS.md"

# The importer measured on the development corpus (bench/corpus) against its hand-written keys;
# fails if a figure falls below its floor (bench/extraction_floor.json, bench/EXTRACTION.md).
score: install
	$(BIN)/python bench/extraction_score.py --check bench/extraction_floor.json
	$(BIN)/python bench/extraction_score.py --corpus bench/corpus_fr --across bench/corpus \
		--check bench/extraction_floor_fr.json

bench-tools:
	@command -v wrk >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	@bash .ci/postgres

ci:
	bash .ci/run

# A local PostgreSQL server (Debian's package), the role `sahel` and its database `sahel`.
postgres:
	bash .ci/postgres

# Every shell block of README, run against a server that `make run`'s set-up produced
# (in a scratch database of its own).
readme-check: install
	$(PYTHON) .ci/readme.py

# Build products and caches only: the database in var/ (curators' work) is kept.
clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis .schemathesis \
		var/bench var/bench-smoke tests/artifacts
	@echo "Kept var/ (the database) and .env; 'make clean-data' deletes the data."

# Deletes the SQLite database with every curator's review in it: asks for CONFIRM=yes.
clean-data:
	@if [ "$(CONFIRM)" != "yes" ]; then \
		echo "This deletes var/ (the SQLite database var/sahel.sqlite3, with every review," >&2; \
		echo "edit and import in it, and the benchmark corpora). It cannot be undone." >&2; \
		echo "A PostgreSQL database is not touched. To go ahead: make clean-data CONFIRM=yes" >&2; \
		exit 1; \
	fi
	rm -rf var
	@echo "Deleted var/. 'make run' sets up a fresh database."
