# Self-documenting: `make help` lists the targets with the comment after `##`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MONTH ?=

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	$(PY) -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the package with its test and dask extras

build: $(STAMP) ## parse data/raw into data/processed (incremental)
	$(PY) -m helpers build data/raw data/processed

run: $(STAMP) ## build the dataset and execute every notebook into reports/latest/
	$(PY) -m helpers run

monthly: $(STAMP) ## fetch the feeds, build, run the notebooks for the newest month (or MONTH=113) into reports/mN/
	$(PY) -m helpers run --month $(or $(MONTH),latest)

fetch: $(STAMP) ## fetch new reports from the configured feeds into data/raw/web
	$(PY) -m helpers fetch --feeds

test: $(STAMP) ## run the helper tests, build the dataset, then the notebook regression tests (nbval)
	$(PY) -m pytest -q tests
	$(PY) -m helpers build data/raw data/processed -q
	$(PY) -m pytest -q -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

baseline: $(STAMP) ## re-execute the committed notebooks in place (refresh nbval outputs after a parser/data change)
	$(PY) -m helpers run --baseline

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(PY) -m pip install --quiet -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks

bench: $(STAMP) ## measure parse throughput, build time and the notebooks against papermill's floor (not a test)
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_notebooks.py

clean: ## remove generated data and reports (data/raw is never touched)
	rm -rf data/processed reports

.PHONY: help setup build run monthly fetch test baseline lab bench clean
