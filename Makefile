# Huibian: `make site` builds the site and PDFs; `make test` runs every check.
# Both install what they need first (system fonts and packages, then a virtualenv in .venv):
# `make site`, `serve`, `check` and `pdf` only what building needs; `make test` adds the
# development tools and test-only system packages. Each part has its own stamp, so `make test`
# after `make site` installs only the extra part.

VENV          := .venv
PYTHON        := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP     := $(VENV)/.installed-dev
export NO_MKDOCS_2_WARNING := 1

.PHONY: install install-dev site serve test lint check bench clean pdf

$(RUNTIME_STAMP): pyproject.toml scripts/setup_system.sh
	bash scripts/setup_system.sh
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP)
	bash scripts/setup_system.sh --test
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(RUNTIME_STAMP)  ## what building needs: runtime dependencies, fonts, Pango

install-dev: $(DEV_STAMP)  ## plus pytest, ruff, mypy, Playwright, Chromium, poppler, LibreOffice

site: install  ## build site/ (with PDFs); a failed build keeps the previous site/
	$(VENV)/bin/huibian build

serve: install  ## live preview on http://127.0.0.1:8000 (no PDFs)
	$(VENV)/bin/huibian serve

pdf: install  ## only the PDF compilations, into site/pdf/ (unchanged bundles come from .cache/)
	$(VENV)/bin/huibian pdf

check: install  ## validate every report without building
	$(VENV)/bin/huibian check

lint: install-dev
	$(VENV)/bin/ruff check src hooks scripts tests
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest

bench: install-dev  ## full benchmark run (about 50 minutes on 2 cores): writes docs/benchmarks.md
	$(PYTHON) scripts/bench.py

clean:
	rm -rf site .site.building .site.building.* .site.old .site.old.* .cache
