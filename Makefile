# Two commands on a fresh machine: `make demo` and `make test`. Both set up the environment first.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
export UV_LINK_MODE ?= copy

.PHONY: setup demo test lint unit e2e integration eval bench clean

setup:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

demo: setup
	$(UV) run python -m piigov.airflow.demo

test: setup
	$(UV) run ruff check src dags plugins tests
	$(UV) run pytest

unit: setup
	$(UV) run pytest tests/unit

e2e: setup
	$(UV) run pytest tests/dags

integration: setup
	$(UV) run pytest tests/integration

eval: setup
	$(UV) run python -m piigov.evaluation

bench: setup
	$(UV) run python -m piigov.evaluation.bench

lint: setup
	$(UV) run ruff check src dags plugins tests
	$(UV) run ruff format --check src dags plugins tests

clean:
	rm -rf .piigov .venv .pytest_cache .ruff_cache

# Retrain the shipped Dutch NER model (models/nl_piigov_ner) from CoNLL-2002 (PIIGOV_CONLL_DIR,
# default ../shared/data/conll2002); seeded, one thread, bounded steps. See docs/model.md.
model: setup
	OMP_NUM_THREADS=1 $(UV) run python -m piigov.detection.training
	OMP_NUM_THREADS=1 $(UV) run python -m piigov.detection.entity_typer
