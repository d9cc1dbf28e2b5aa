# Two commands for a fresh clone: `make run` (start the app) and `make test` (whole suite).
# Both install what they need themselves: a virtual environment in .venv and, for the
# browser tests, Debian's Chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501

.PHONY: run test bench lint format validate chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.runtime

## run: start the app on http://localhost:$(PORT)
run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

## chromium: Debian's Chromium for the browser tests (Playwright cannot download its own here)
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

## test: lint, validate the shipped data, then every test (unit, app, browser)
test: $(VENV)/.dev chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m homefront validate data
	$(BIN)/python -m pytest

## bench: cold start and per-page rerun ratios (results in benchmarks/results/); ratios print last
bench: $(VENV)/.dev chromium
	$(BIN)/python -m benchmarks.cold_start --runs 3
	$(BIN)/python -m benchmarks.reruns --repeats 15

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(VENV)/.runtime
	$(BIN)/python -m homefront validate data

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache screenshots
