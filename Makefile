# The verbs of this repository. Every target creates .venv on first use and
# refreshes it when pyproject.toml changes, so a fresh clone needs only
# Python 3.11+, git and make.

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
DEV_ADDR ?= 127.0.0.1:8000

# Material prints an end-of-life banner on every run; see README "Maintenance".
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build check test test-js bench new-lesson lint clean

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check '.[test]'
	@touch $(STAMP)

serve: $(STAMP) ## Live-reloading preview on http://$(DEV_ADDR)
	$(PY) -m mkdocs serve --dev-addr $(DEV_ADDR) --livereload

build: $(STAMP) ## Strict build into site/ (any warning fails)
	$(PY) -m mkdocs build --strict --clean --site-dir site

check: $(STAMP) ## Validate every lesson (no site build); exit 1 on any error
	$(PY) hooks/check.py

test: $(STAMP) ## The whole test suite (lesson rules, real builds, browser tests, tests/js via Node)
	$(PY) -m pytest

test-js: ## Unit tests of the browser modules only (Node's built-in runner, no npm)
	node --test tests/js/*.test.mjs

bench: $(STAMP) ## Speed, size and Lighthouse measurements -> bench/results.{json,md}
	$(PY) scripts/bench.py

new-lesson: $(STAMP) ## New lesson skeleton: make new-lesson MODULE=<module folder> TITLE="..."
	$(PY) scripts/new_lesson.py --module "$(MODULE)" --title "$(TITLE)"

lint: $(STAMP) ## ruff on hooks/, scripts/ and tests/
	$(PY) -m ruff check hooks scripts tests

clean: ## Remove the build output and the virtualenv
	rm -rf site $(VENV) .pytest_cache .ruff_cache
