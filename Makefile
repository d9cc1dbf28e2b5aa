# Two commands for a fresh clone: `make run` (start the app) and `make test` (whole suite).
# Both install what they need themselves: a virtual environment in .venv and, for the
# browser tests, Debian's Chromium. Curators rebuild data/ with `make data` (README).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501
# the source pack `make data` builds from (its bessudnov-2023/ folder), and Debian's gmt-dcw
SOURCES ?= ../shared/sources
DCW_DIR := /usr/share/gmt-dcw

.PHONY: run test test-fast bench load lint format validate chromium gmt-dcw data clean serve nginx

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
	$(BIN)/streamlit run asgi.py --server.port $(PORT)

## serve: shared deployment: REPLICAS Streamlit processes behind nginx on HOST:PORT (README)
serve: HOST = 0.0.0.0
serve: PORT = 8080
serve: REPLICAS = 2
serve: $(VENV)/.runtime nginx
	$(BIN)/python deploy/serve.py --host $(HOST) --port $(PORT) --replicas $(REPLICAS) \
		$(foreach name,$(SERVER_NAME),--server-name $(name))

## chromium: Debian's Chromium for the browser tests (Playwright cannot download its own here)
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

## gmt-dcw: Debian's Digital Chart of the World, the boundaries `make data` and its tests read
gmt-dcw:
	@test -f $(DCW_DIR)/dcw-gmt.nc || { $(SUDO) apt-get update && $(SUDO) apt-get install -y gmt-dcw; }

## data: rebuild every built file in data/ from SOURCES and gmt-dcw, refresh their hashes in
## data/datapackage.yaml, then validate (`make data SOURCES=/path/to/sources`)
data: $(VENV)/.dev gmt-dcw
	PYTHONPATH=$(CURDIR) $(BIN)/python scripts/build_data.py --sources $(SOURCES) --output data --dcw-dir $(DCW_DIR)
	PYTHONPATH=$(CURDIR) $(BIN)/python -m homefront validate data

## nginx: Debian's nginx for `make serve` and its test (in /usr/sbin, off a normal user's PATH)
# serve.py runs its own nginx: the package's service (port 80, default site) is stopped
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nginx && { $(SUDO) systemctl disable --now nginx 2>/dev/null || true; }; }

## test: lint, validate the shipped data, then every test (unit, app, browser)
test: $(VENV)/.dev chromium nginx gmt-dcw
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m homefront validate data $(if $(wildcard ../shared/sources),--sources ../shared/sources)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest

## test-fast: the developer's loop: lint, then every test but the browser ones, with a quick
## sample of each property test (`make test` draws the full count)
test-fast: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser" -q

## bench: cold start, reruns (server and browser, each beside a bare Streamlit app), payload,
## scaling, 50 sessions against make serve (results in benchmarks/results/); every issue 18
## target beside its measured value prints last (`python -m benchmarks.summary --markdown`
## prints the README's tables from the same run)
bench: $(VENV)/.dev chromium nginx
	$(BIN)/python -m benchmarks.cold_start --runs 3
	$(BIN)/python -m benchmarks.reruns --repeats 15
	$(BIN)/python -m benchmarks.browser_reruns --repeats 5
	$(BIN)/python -m benchmarks.payload
	$(BIN)/python -m benchmarks.scaling --repeats 3
	$(BIN)/python -m benchmarks.load --sessions 50
	$(BIN)/python -m benchmarks.summary

## load: 10, 25 and 50 concurrent sessions against make serve's 2 replicas (a few minutes)
load: $(VENV)/.dev nginx
	$(BIN)/python -m benchmarks.load
	$(BIN)/python -m benchmarks.summary

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
