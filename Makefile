# The commands README shows. Every target sets up .venv from the lock first (uv, machine Python).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UI_PORT ?= 3000
export UV_PYTHON_DOWNLOADS := never
export DAGSTER_HOME := $(CURDIR)/warehouse/dagster_home

.PHONY: setup run test lint typecheck ui sql sql-lake train clean

$(BIN)/headcount: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen --python python3
	@touch $@

setup: $(BIN)/headcount $(DAGSTER_HOME)/dagster.yaml

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

## run: set up, materialize every asset on sources.yml (seeds/), print the latest figures
run: setup
	$(BIN)/headcount run

## test: set up, lint, type-check, run the whole suite
test: setup lint typecheck
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

## ui: the Dagster UI and daemon (schedules, sensors) on 127.0.0.1:$(UI_PORT)
ui: setup
	$(BIN)/dagster dev -h 127.0.0.1 -p $(UI_PORT) -m assets.definitions

## sql: the analyst's DuckDB shell on the published warehouse, read-only
sql: setup
	$(BIN)/duckdb -readonly warehouse/headcount.duckdb

## sql-lake: the duckdb shell on the team's lake, read-only (HEADCOUNT_PROFILE=team; deploy/README.md)
sql-lake: setup
	$(BIN)/duckdb -cmd "$$($(BIN)/headcount lake-sql $(if $(AS_OF),--as-of '$(AS_OF)'))"

## train: fit the scope, origin and confidence models on eval/'s tuning part (pipelines/data/*.json)
train: setup
	uv sync --frozen --inexact --group train --python python3
	$(BIN)/headcount train --cross-validate

clean:
	rm -rf warehouse/build warehouse/headcount.duckdb warehouse/raw warehouse/dagster_home

# bench-quick, bench, bench-views, bench-profile (figures in BENCHMARKS.md)
include benchmarks/bench.mk
