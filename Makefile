# Sahel Facts: `make run` sets up and serves the admin; `make test` runs the whole suite.
# DATABASE_URL chooses the database (default: SQLite file var/sahel.sqlite3).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run setup install migrate load test lint format bench bench-smoke bench-tools ci clean

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
	$(BENCH_ENV) $(BIN)/python bench/report.py $(REPORT_ARGS)

# The same chain at a small scale, into its own files and database: proves it still works.
bench-smoke:
	$(MAKE) bench SCALE=0.002 BENCH_SECONDS=1 BENCH_OUT=$(CURDIR)/var/bench-smoke \
		BENCH_CORPUS_DB=sahel_corpus_smoke API_BENCH_ARGS="--load-seconds 2" \
		ADMIN_BENCH_ARGS="--runs 1" IMPORT_BENCH_ARGS="--articles 20" \
		REPORT_ARGS="--out $(CURDIR)/var/bench-smoke/RESULTS.md"

bench-tools:
	@command -v wrk >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	@bash .ci/postgres

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
