# The commands of a briefing project. `make build` and `make test` set up the
# virtual environment themselves (again only when requirements.lock changes).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-lock
CONTENT ?= content
export NO_MKDOCS_2_WARNING := 1

.PHONY: build check serve test lint clean lock help

help: ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	cp requirements.lock $(STAMP)

build: $(STAMP) ## validate the content and build the site into site/
	$(PY) -m generator --content $(CONTENT) build

check: $(STAMP) ## validate the content only (fast)
	$(PY) -m generator --content $(CONTENT) check

serve: $(STAMP) ## live preview on http://127.0.0.1:8000, rebuilt on every save
	$(PY) -m generator --content $(CONTENT) serve

test: $(STAMP) lint ## run the linters and the test suite (needs Debian's chromium)
	$(PY) -m pytest

lint: $(STAMP) ## ruff and mypy on the generator
	$(PY) -m ruff check generator tests
	$(PY) -m mypy generator

lock: ## re-pin requirements.lock from requirements.in
	$(PY) -m pip install --quiet -r requirements.in
	$(PY) -m pip freeze --exclude-editable | grep -v '^pip==' > requirements.lock

clean: ## remove the built site and scratch folders (keeps the venv)
	rm -rf site .site.new-* .site.old-* .pytest_cache .mypy_cache .ruff_cache
