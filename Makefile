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
# Compiled Python goes to .cache/pycache (gitignored), not beside the sources: the tree
# stays clean and a build does not compile hooks/ and src/course/ again every time
# (about 50 ms of each build's hook overhead, tools/bench). A PYTHONDONTWRITEBYTECODE
# set on the machine would stop that, so make does not pass it on.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help serve build check test test-fast test-js bench new-lesson lint clean package

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

serve: $(STAMP) ## Live-reloading preview on http://$(DEV_ADDR)
	$(PY) -m mkdocs serve --dev-addr $(DEV_ADDR) --livereload

build: $(STAMP) ## Strict build into site/ (any warning fails)
	$(PY) -m mkdocs build --strict --clean --site-dir site

package: $(STAMP) ## LMS packages: dist/<name>-scorm12.zip, -scorm2004.zip, -cmi5.zip, QTI bank
	$(PY) -m course.package --dist dist --build build

check: $(STAMP) ## Validate every page (no site build): course check; exit 1 on any problem
	$(VENV)/bin/course check

test: $(STAMP) ## The whole test suite: unit, site (real builds), browser, js (Node)
	$(PY) -m pytest

test-fast: $(STAMP) ## Unit (tests/js through Node included) and site tests, no browser (under a minute)
	$(PY) -m pytest tests/unit tests/site

test-js: ## Unit tests of the browser modules only (Node's built-in runner, no npm)
	node --test tests/js/*.test.mjs

bench: $(STAMP) ## Speed, size and Lighthouse measurements -> tools/bench/results/results.{json,md}
	$(PY) -m tools.bench

# The title reaches the command through the environment, unexpanded ($(value ...)), so
# $, backticks, quotes and backslashes in it are never read by make or the shell.
new-lesson: export LESSON_MODULE = $(value MODULE)
new-lesson: export LESSON_TITLE = $(value TITLE)
new-lesson: $(STAMP) ## New lesson skeleton: make new-lesson MODULE=<module folder> TITLE="..."
	$(VENV)/bin/course new-lesson --module "$$LESSON_MODULE" --title "$$LESSON_TITLE"

lint: $(STAMP) ## ruff on src/, hooks/, tools/ and tests/
	$(PY) -m ruff check src hooks tools tests

clean: ## Remove the build output and the virtualenv
	rm -rf site dist $(VENV) .pytest_cache .ruff_cache
