# Two commands for a newcomer: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install when the lock file or the project metadata changes.
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup site bundle validate serve test lint format schemas bench audit lock clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(STAMP)  ## Create .venv from the lock file and install the project

site: $(STAMP)  ## Validate content/, build site/ and the offline zip in dist/
	$(BIN)/chronology validate
	$(BIN)/chronology build
	$(BIN)/chronology bundle

bundle: $(STAMP)  ## Only the offline zip: dist/<name>-offline.zip, for file://
	$(BIN)/chronology bundle

validate: $(STAMP)  ## Check every content file, report all problems
	$(BIN)/chronology validate

serve: $(STAMP)  ## Preview on http://127.0.0.1:8000 with live reload
	$(BIN)/chronology serve

test: $(STAMP)  ## Lint, then run the whole test suite (browser tests use /usr/bin/chromium)
	$(BIN)/ruff check generator tests
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff check + format check + the import rules between rooms (import-linter)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

schemas: $(STAMP)  ## Regenerate schemas/*.schema.json and the lists in docs/content-format.md (after changing content/model.py or content/vocabulary.py)
	$(BIN)/python -m generator.exports.schema

bench: $(STAMP)  ## Benchmark 1,000 and 10,000 synthetic events (about 10 minutes)
	$(BIN)/python scripts/bench.py

# Lighthouse from the lock file; npm is asked again only when the lock file changes, so an
# installed copy keeps working offline.
AUDIT_NPM := scripts/audit/node_modules/.installed
$(AUDIT_NPM): scripts/audit/package-lock.json
	cd scripts/audit && npm ci --no-audit --no-fund --prefer-offline
	touch $@

audit: $(STAMP) $(AUDIT_NPM)  ## Lighthouse (mobile) on one page of every kind of the hosted build; fails on any score under 95, median of 3 runs (Node 20, /usr/bin/chromium; about 10 minutes)
	$(BIN)/python scripts/audit.py --runs 3

lock:  ## Re-pin requirements.lock after changing pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -o requirements.lock

clean:  ## Remove the virtual environment and build output
	rm -rf $(VENV) site dist .pytest_cache
