# Self-documenting: `make help` lists the targets with the comment after `##`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CLI := $(VENV)/bin/isis-reports
MONTH ?=
SYNTHETIC ?=
RUN_FLAGS := $(if $(SYNTHETIC),-p include_synthetic=True,)

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip uninstall --quiet --yes helpers 2>/dev/null; rm -rf src/helpers.egg-info  # the old name
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the package with its notebooks and test extras (not dask)

build: $(STAMP) ## parse data/raw into data/processed (incremental)
	$(CLI) build data/raw data/processed

run: $(STAMP) ## build the dataset and execute every notebook into reports/latest/ (real reports; SYNTHETIC=1 adds the demo corpus)
	$(CLI) run $(RUN_FLAGS)

monthly: $(STAMP) ## fetch the feeds, build, run the notebooks for the newest month (or MONTH=113; SYNTHETIC=1 for a demo month) into reports/mN/
	$(CLI) run --month $(or $(MONTH),latest) $(RUN_FLAGS)

fetch: $(STAMP) ## fetch new reports from the configured feeds into data/raw/web
	$(CLI) fetch --feeds

test: $(STAMP) ## run the helper tests, build the dataset, then the notebook regression tests (nbval)
	$(PY) -m pytest -q tests
	$(CLI) build data/raw data/processed -q
	$(PY) -m pytest -q -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

baseline: $(STAMP) ## re-execute the committed notebooks in place (refresh nbval outputs after a parser/data change)
	$(CLI) run --baseline

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(PY) -m pip install --quiet -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks

dask: $(STAMP) ## add the dask extra to .venv (build --engine dask, and its tests, which skip without it)
	$(PY) -m pip install --quiet -e '.[dask]'

bench: $(STAMP) ## measure parse throughput, build time and the notebooks against papermill's floor (not a test)
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_notebooks.py

REALDEV ?= ../shared/realdev
realdev: $(STAMP) ## score a build of data/external/realdev against its annotations (REALDEV=folder of expected/, sources.csv)
	$(CLI) evaluate $(REALDEV)/expected --raw data/external/realdev --out data/external/realdev-build --sources $(REALDEV)/sources.csv

clean: ## remove generated data and reports (data/raw is never touched)
	rm -rf data/processed reports

.PHONY: help setup build run monthly fetch test baseline lab dask bench realdev clean
