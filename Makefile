# make build: the whole release (every locale, HTML and PDF) into dist/
# make test:  the linters (ruff, import-linter) and the test suite
# make bench: the benchmarks, each figure beside its floor measured in the same run
# Both create .venv from pyproject.toml when it is missing and see to the system libraries.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test bench system-deps test-deps clean

build: $(VENV)/.installed system-deps
	$(BIN)/publisher build

# The linters first (seconds), then the tests (minutes): ruff, the import layers, pytest.
test: $(VENV)/.installed test-deps
	$(BIN)/ruff check publisher tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The benchmarks (not part of the tests): a table, and benchmarks/results/latest.json.
# BENCH=--quick for a smoke run of about a minute.
bench: $(VENV)/.installed test-deps
	$(BIN)/python -m benchmarks.run $(BENCH)

system-deps:
	@sh tools/system-deps.sh

# What the tests and benchmarks compare against besides: GNU gettext, qpdf, Chromium.
test-deps:
	@sh tools/system-deps.sh --test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf dist $(VENV)
