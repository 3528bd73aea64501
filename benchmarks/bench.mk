# Benchmarks (benchmarks/README.md; figures in BENCHMARKS.md). Included by the Makefile, which
# defines BIN (.venv/bin). Results go to benchmarks/out/ (git-ignored), scratch to /tmp.
BENCH_OUT := benchmarks/out
# Quick: 1,000 pages with every origin (about 75 series), in about 4 minutes here.
BENCH_QUICK_PAGES ?= 1000
BENCH_QUICK_COUNTRIES ?= 0
BENCH_PAGES ?= 10000
BENCH_RSS_PAGES ?= 1000 100000
BENCH_PROFILE_PAGES ?= 1000

.PHONY: bench-setup bench-quick bench bench-views bench-profile bench-components bench-team \
	bench-memory

bench-setup:
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	UV_PYTHON_DOWNLOADS=never uv sync --frozen --inexact --group dev --group bench

## bench-quick: pipeline vs trafilatura (1,000 pages) and extractor vs quantulum3, in minutes
bench-quick: bench-setup
	@mkdir -p $(BENCH_OUT)
	$(BIN)/python benchmarks/bench_extractor.py --passes 1 --warm-up 0 --json $(BENCH_OUT)/extractor-quick.json
	$(BIN)/python benchmarks/bench_components.py --json $(BENCH_OUT)/components.json
	$(BIN)/python benchmarks/bench_pipeline.py --pages $(BENCH_QUICK_PAGES) \
		--countries $(BENCH_QUICK_COUNTRIES) --json $(BENCH_OUT)/pipeline-quick.json
	@$(BIN)/python benchmarks/summary.py $(BENCH_OUT)/pipeline-quick.json \
		$(BENCH_OUT)/extractor-quick.json

## bench: 10,000 pages, peak RSS at 1,000 and 100,000, views on 1,000,000 claims (long)
bench: bench-setup
	@mkdir -p $(BENCH_OUT)
	$(BIN)/python benchmarks/bench_extractor.py --passes 3 --json $(BENCH_OUT)/extractor.json
	$(BIN)/python benchmarks/bench_extractor.py --corpus --passes 3 \
		--json $(BENCH_OUT)/extractor-corpus.json
	$(BIN)/python benchmarks/bench_views.py --json $(BENCH_OUT)/views.json
	$(BIN)/python benchmarks/bench_pipeline.py --pages $(BENCH_PAGES) \
		--rss-pages $(BENCH_RSS_PAGES) --json $(BENCH_OUT)/pipeline.json
	@$(BIN)/python benchmarks/summary.py $(BENCH_OUT)/pipeline.json $(BENCH_OUT)/extractor.json

bench-views: bench-setup
	@mkdir -p $(BENCH_OUT)
	$(BIN)/python benchmarks/bench_views.py --json $(BENCH_OUT)/views.json

## bench-profile: pyinstrument over one pipeline run on 1,000 pages, one worker (all in-process)
bench-profile: bench-setup
	$(BIN)/python benchmarks/profile_pipeline.py --pages $(BENCH_PROFILE_PAGES)

## bench-memory: each stage's peak RSS in-process at 10,000 and 30,000 pages (which stage grows)
bench-memory: bench-setup
	@mkdir -p $(BENCH_OUT)
	$(BIN)/python benchmarks/bench_stage_memory.py --pages 10000 \
		--json $(BENCH_OUT)/stage-memory-10000.json
	$(BIN)/python benchmarks/bench_stage_memory.py --pages 30000 \
		--json $(BENCH_OUT)/stage-memory-30000.json

## bench-components: CPU ms a page of each piece (trafilatura, fingerprint, language, extractor...)
bench-components: bench-setup
	$(BIN)/python benchmarks/bench_components.py --json $(BENCH_OUT)/components.json

## eval: the extractor's quality on eval/ (tuning and test parts) and on the evaluation contract's
## public dev set when it sits beside the checkout; one line per set and version in EVAL.md
DEV_SET := ../shared/eval
comma := ,
DEV_SET_ARGS := $(if $(wildcard $(DEV_SET)/dev_gold.jsonl),--set dev \
	$(DEV_SET)/dev$(comma)$(DEV_SET)/../seeds $(DEV_SET)/dev_gold.jsonl $(DEV_SET)/dev_tolerated.jsonl)

.PHONY: eval
eval: setup
	$(if $(DEV_SET_ARGS),,@echo "$(DEV_SET) not found: scoring eval/ only")
	$(BIN)/headcount eval $(DEV_SET_ARGS) --record EVAL.md

## bench-team: two team-profile runs on two sources (3,000 pages each) at once against one run
bench-team: bench-setup
	@mkdir -p $(BENCH_OUT)
	$(BIN)/python benchmarks/bench_team.py --pages 3000 --json $(BENCH_OUT)/team.json
