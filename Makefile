# Two commands from a clean clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_FLAGS := --disable-pip-version-check -q -c requirements/constraints.txt --build-constraint requirements/build-constraints.txt
# pip 23 (bundled with Python 3.11) reads build pins from PIP_CONSTRAINT only.
export PIP_CONSTRAINT := $(CURDIR)/requirements/build-constraints.txt

.PHONY: run test install install-test install-bench lint bench load messages clean

$(BIN)/pip:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q pip==26.3

$(VENV)/.installed: $(BIN)/pip pyproject.toml requirements/constraints.txt
	$(BIN)/pip install $(PIP_FLAGS) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install $(PIP_FLAGS) -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/danvan migrate --noinput
	$(BIN)/danvan demo
	# The background queue (emails, reminders, long exports) runs beside the server.
	$(BIN)/danvan run_huey --workers 2 & trap 'kill $$!' EXIT INT TERM; $(BIN)/danvan runserver 127.0.0.1:8000

test: install-test
	$(BIN)/ruff check danvan
	$(BIN)/danvan makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff format danvan
	$(BIN)/ruff check --fix danvan

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/pip install $(PIP_FLAGS) -e '.[test,bench]'
	touch $@

install-bench: $(VENV)/.installed-bench

# The benchmark builds its own database under var/bench/ (cached; never the real one).
# National scale is opt-in: `make bench SCALE=national`, best on PostgreSQL
# (DANVAN_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_national).
SCALE ?= province
bench: install-bench
	$(BIN)/danvan bench --scale $(SCALE) --json var/bench/$(SCALE).json

# 50 officers for 60 s against gunicorn on 127.0.0.1 (DATASET=province after `make bench`).
DATASET ?= demo
load: install-bench
	$(BIN)/python -m danvan.bench.load --dataset $(DATASET) --json var/load/$(DATASET).json

# Recompile translation catalogues (needs GNU gettext); the .mo files are committed.
messages: install
	cd danvan && ../$(BIN)/danvan compilemessages

clean:
	rm -rf $(VENV) var/test-*
