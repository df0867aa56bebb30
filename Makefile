# Legwork: `make serve` builds and serves the site, `make test` runs the whole suite.
# Both set everything up on a fresh machine (virtual environment, pinned dependencies).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
# Debian's headless Chromium where installed, else its browser (macros/media/chromium.py).
LEGWORK_CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium-headless-shell /usr/bin/chromium) /usr/bin/chromium)
export LEGWORK_CHROMIUM
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup python-env node-tools serve site validate generate test pytest-args lint format lock browser benchmarks bench-pages clean

setup: python-env node-tools

# The Python environment alone: everything validation, figures and the site build need.
python-env: $(STAMP)

node-tools: node_modules/.package-lock.json

# axe-core and the Nu Html Checker for the quality gates, pinned in package-lock.json.
# --ignore-scripts: vnu-jar's postinstall would download a JRE; the system Java runs it.
node_modules/.package-lock.json: package-lock.json package.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	rm -f $(VENV)/.installed-* && touch $@

# The browser the tests and the PDF printer drive: Debian's chromium where it is
# installed (LEGWORK_CHROMIUM), otherwise Playwright's own build, installed the normal way.
browser: setup
	@if [ -x "$(LEGWORK_CHROMIUM)" ]; then echo "browser: $(LEGWORK_CHROMIUM)"; \
	else echo "browser: $(LEGWORK_CHROMIUM) not found; installing Playwright's Chromium"; \
	$(BIN)/python -m playwright install chromium; fi

validate: python-env
	$(BIN)/legwork validate data
	$(BIN)/legwork ids data

# Bad data never stops the server: its errors show in the terminal and on every page.
# Python changes under macros/ need a restart (the server says so).
serve: python-env
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload

site: validate
	$(BIN)/mkdocs build --strict --clean

# The whole site plan as plain files that MkDocs and Material build without the plugin.
OUT ?= generated
generate: validate
	$(BIN)/legwork generate $(OUT)

# Three workers (pytest-xdist), a test file to a worker, longest files first (the order in
# tests/conftest.py): the browser, Java and LinkChecker work overlaps with Python's, and
# the tests that wait on a timer or a server leave the CPU to the others.
# `benchmarks/suite.py` prints where the time goes.
PYTEST_ARGS := -n 3 --dist loadscope --no-loadscope-reorder
test: setup browser lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

pytest-args:
	@printf '%s\n' '$(PYTEST_ARGS)'

# What a phone downloads and Lighthouse's mobile scores for one page of every kind, served
# as a static host serves them (benchmarks/pages.py; SITE=dir measures a build you have).
# Lighthouse is pinned in benchmarks/package-lock.json, apart from the tests' npm tools.
bench-pages: python-env browser benchmarks/node_modules/.package-lock.json
	$(BIN)/python benchmarks/pages.py $(if $(SITE),--site $(SITE))

benchmarks/node_modules/.package-lock.json: benchmarks/package-lock.json benchmarks/package.json
	npm ci --prefix benchmarks --ignore-scripts --no-audit --no-fund
	touch $@

lint: python-env
	$(BIN)/ruff check macros tests benchmarks
	$(BIN)/ruff format --check macros tests benchmarks

format: python-env
	$(BIN)/ruff format macros tests benchmarks
	$(BIN)/ruff check --fix macros tests benchmarks

# Re-resolve the pinned, hashed lock file after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf site .pytest_cache
