# make build: the whole release (every locale, HTML and PDF) into dist/
# make test:  the test suite
# Both create .venv from pyproject.toml when it is missing and see to the system libraries.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test system-deps clean

build: $(VENV)/.installed system-deps
	$(BIN)/publisher build

test: $(VENV)/.installed system-deps
	$(BIN)/python -m pytest

system-deps:
	@sh tools/system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf dist $(VENV)
